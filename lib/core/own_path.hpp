// Where this code was loaded from, for finding files installed beside it (the rule pack, the
// worker executable).
#pragma once

#include <filesystem>

namespace lambdafit {

/// The directory of the shared library this code is in, or of the executable it is linked
/// into; empty when neither can be told.
std::filesystem::path own_binary_dir();

}  // namespace lambdafit
