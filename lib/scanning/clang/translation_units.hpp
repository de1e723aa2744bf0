// Which C/C++/Objective-C/CUDA translation units to parse, and with which command lines:
// from `-p BUILD_DIR`, from a compile_commands.json / compile_flags.txt inside the workload
// (never a parent directory), or inferred from the sources when there is none.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scanning/scan.hpp"

namespace lambdafit::cpp {

struct TuJob {
  std::string file;                  ///< absolute path of the main source
  std::string display;               ///< workload-relative path, for progress and notes
  std::string directory;             ///< working directory of the command
  std::vector<std::string> command;  ///< full driver command line, adjusted for a syntax-only run
  std::vector<std::string> readable;  ///< directories the parse may read (read_guard.hpp); empty: no limit
};

/// Whether a file name is a C-family translation unit (.c, .cc, .cpp, .m, .mm, .cu, …).
bool is_translation_unit(std::string_view path);

/// Lists the translation units of the workload; explains in notes where commands came from.
std::vector<TuJob> plan_translation_units(const ScanInput& in, ScanOutput& out);

/// The clang resource directory used for builtin headers: the caller's (ScanInput, which the
/// CLI fills from $LAMBDAFIT_CLANG_RESOURCE_DIR) or the one configured at build time.
std::string clang_resource_dir(const ScanInput& in);

}  // namespace lambdafit::cpp
