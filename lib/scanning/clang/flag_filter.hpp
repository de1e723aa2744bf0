// Compile-database flags come from the workload: drop the ones that would make the parse
// read files outside it or load code (README "Threat model").
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace lambdafit::cpp {

/// Removes from `args` (a compile command, argv[0] first) every flag that loads code
/// (-fplugin, -Xclang -load, …) and every flag naming a file to read (-include, -imacros,
/// -include-pch, -ivfsoverlay, --config, profile and sanitizer lists, @response files) that
/// resolves outside `root`; relative paths resolve from `directory`. Returns the dropped
/// flags as written, for a coverage note.
std::vector<std::string> drop_untrusted_flags(std::vector<std::string>& args, const std::filesystem::path& directory,
                                              const std::filesystem::path& root);
/// The same with several trusted trees (the workload, a staged mirror's work tree, -p).
std::vector<std::string> drop_untrusted_flags(std::vector<std::string>& args, const std::filesystem::path& directory,
                                              const std::vector<std::filesystem::path>& roots);

}  // namespace lambdafit::cpp
