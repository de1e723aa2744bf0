#include "core/own_path.hpp"

#include <dlfcn.h>

namespace lambdafit {

namespace fs = std::filesystem;

fs::path own_binary_dir() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&own_binary_dir), &info) && info.dli_fname) {
    std::error_code ec;
    auto p = fs::canonical(info.dli_fname, ec);
    if (!ec) return p.parent_path();
  }
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

}  // namespace lambdafit
