// For a changed C/C++ header, a translation unit that includes it, so the Clang detectors see
// the header's code. Found from the tree's own #include directives (direct or through other
// headers); the compile database then gives the unit's flags as for any source.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "scanning/scan.hpp"

namespace lambdafit::lint {

/// Whether a path names a C-family header (.h, .hh, .hpp, .hxx, .h++, .cuh, .inl, .ipp, .tcc).
bool is_header(std::string_view path);

/// For each header in `headers`, the nearest translation unit of `files` that includes it
/// (fewest steps, then name order); headers nothing includes are left out.
std::map<std::string, std::string> including_units(const std::vector<WorkloadFile>& files,
                                                   const std::vector<std::string>& headers);

}  // namespace lambdafit::lint
