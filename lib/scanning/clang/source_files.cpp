// The parts of translation_units.hpp that need no Clang: which files are C-family sources and
// where the builtin headers are. Lint and the engine use them without loading LLVM.
#include <set>
#include <string>

#include "scanning/clang/translation_units.hpp"

namespace lambdafit::cpp {

bool is_translation_unit(std::string_view path) {
  static const std::set<std::string, std::less<>> kSources{"c", "cc", "cpp", "cxx", "c++", "cp", "C",
                                                           "m", "mm", "cu"};
  const auto slash = path.rfind('/');
  const auto dot = path.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return false;
  return kSources.count(path.substr(dot + 1)) > 0;
}

std::string clang_resource_dir(const ScanInput& in) {
  if (!in.clang_resource_dir.empty()) return in.clang_resource_dir;
  return LAMBDAFIT_CLANG_RESOURCE_DIR;
}

}  // namespace lambdafit::cpp
