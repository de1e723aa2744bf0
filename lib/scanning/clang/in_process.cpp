// Registers the Clang half with the LLVM-free half (frontend.hpp). Part of `lambdafit_clang`,
// which binaries link whole, so this initialiser always runs in them.
#include "scanning/clang/frontend.hpp"

namespace lambdafit::cpp {

namespace {

const InProcessFrontend kFrontend{&compile_matcher, &plan_translation_units, &parse_tu};

[[maybe_unused]] const bool kRegistered = (set_in_process_frontend(&kFrontend), true);

}  // namespace

}  // namespace lambdafit::cpp
