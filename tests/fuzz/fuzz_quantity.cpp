// Numbers with units ("300 s", "1.5 GB") in every dimension.
#include <cmath>

#include "core/quantity.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace lambdafit;
  for (auto dim : {Dimension::count, Dimension::time, Dimension::size}) {
    std::string error;
    if (auto q = parse_quantity(fuzz::text(data, size), dim, &error)) (void)format_number(q->value);
  }
  return 0;
}
