// A rule file (criteria, detectors, facts, questions, platforms) loaded alone.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace lambdafit;
  const auto dir = fuzz::scratch() / "rules";
  fuzz::write_input(dir, "fuzz.yaml", data, size);
  auto r = RulePack::load({dir.string()});
  if (!r)
    for (const auto& d : r.errors()) (void)d.format();
  return 0;
}
