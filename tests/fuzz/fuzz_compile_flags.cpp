// Compile-database commands (NUL-separated arguments): no kept flag may name a file outside
// the workload.
#include <cstdlib>

#include "fuzz_support.hpp"
#include "scanning/clang/flag_filter.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace lambdafit;
  const auto in = fuzz::text(data, size);
  std::vector<std::string> args{"clang"};
  for (std::size_t start = 0; start <= in.size();) {
    const auto z = in.find('\0', start);
    args.emplace_back(in.substr(start, z == std::string_view::npos ? in.npos : z - start));
    if (z == std::string_view::npos) break;
    start = z + 1;
  }
  const auto before = args.size();
  cpp::drop_untrusted_flags(args, "/work/w/build", "/work/w");
  if (args.size() > before) std::abort();
  // Read as Clang does: `-include` takes the next argument as its value, whatever it is.
  for (std::size_t i = 1; i < args.size(); ++i)
    if (args[i] == "-include" && i + 1 < args.size()) {
      if (args[i + 1].starts_with("/etc/")) std::abort();
      ++i;
    }
  return 0;
}
