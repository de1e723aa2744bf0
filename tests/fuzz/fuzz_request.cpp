// The JSON request of `assess --request` and the embedding API.
#include "api/request.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace lambdafit;
  auto r = parse_request(fuzz::text(data, size), "<fuzz>");
  if (!r)
    for (const auto& d : r.errors()) (void)d.format();
  return 0;
}
