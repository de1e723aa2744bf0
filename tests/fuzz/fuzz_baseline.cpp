// A lint baseline (JSON) as --baseline and lambdafit.yaml's lint: baseline: read it.
#include "fuzz_support.hpp"
#include "lint/baseline.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace lambdafit;
  const auto path = fuzz::write_input(fuzz::scratch(), "baseline.json", data, size);
  Diagnostics d;
  lint::read_baseline(path, d);
  for (const auto& diag : d.take()) (void)diag.format();
  return 0;
}
