// Globs from exclude:, lint ignore: and suppression ids: "PATTERN\nPATH". A slow input is a
// finding too (run with -timeout).
#include "core/glob.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto in = lambdafit::fuzz::text(data, size);
  const auto nl = in.find('\n');
  const auto pattern = in.substr(0, nl);
  const auto path = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  lambdafit::glob_match(pattern, path);
  lambdafit::glob_match(path, pattern);
  return 0;
}
