// lambdafit.yaml as every reader sees it: the manifest, the lint section, an answers file
// and the questionnaire's answer check.
#include "facts/manifest.hpp"
#include "fuzz_support.hpp"
#include "lint/config.hpp"
#include "questionnaire/check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace lambdafit;
  const auto& p = fuzz::pack().data();
  const auto dir = fuzz::scratch() / "workload";
  const auto path = fuzz::write_input(dir, "lambdafit.yaml", data, size);
  Diagnostics d;
  load_manifest(dir.string(), p, d);
  lint::load_lint_config(dir.string(), p, d);
  load_answers_file(path, p, d);
  CheckOptions o;
  o.today = "2026-11-30";
  check_answers(p, path, nullptr, o);
  for (const auto& diag : d.take()) (void)diag.format();
  return 0;
}
