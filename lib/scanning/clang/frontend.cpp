#include "scanning/clang/frontend.hpp"

#include <atomic>

namespace lambdafit::cpp {

namespace {
// Constant-initialised, so a static initialiser of another file may set it.
constinit std::atomic<const InProcessFrontend*> g_frontend{nullptr};
}  // namespace

const InProcessFrontend* in_process_frontend() { return g_frontend.load(std::memory_order_acquire); }

void set_in_process_frontend(const InProcessFrontend* f) { g_frontend.store(f, std::memory_order_release); }

}  // namespace lambdafit::cpp
