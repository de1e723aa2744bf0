// An embedder that needs only lambdafit's installed headers: every public entry point once.
// Usage: consumer WORKLOAD [RULES_DIR]
#include <lambdafit/lambdafit.hpp>
#include <lambdafit/lambdafit.h>
#include <lambdafit/version.h>

#include <atomic>
#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  std::vector<std::string> dirs;
  if (argc > 2) dirs.push_back(argv[2]);
  auto pack = lambdafit::RulePack::load(dirs);
  if (!pack) {
    std::fputs(pack.error_text().c_str(), stderr);
    return 1;
  }
  std::printf("rules: %zu criteria, %zu questions, %zu platforms, default %s, from %s\n",
              pack->criteria().size(), pack->questions().size(), pack->platforms().size(),
              pack->default_platform().c_str(),
              lambdafit::RulePack::default_dir().value_or("(none)").c_str());
  lambdafit::AssessOptions o;
  o.path = argv[1];
  o.answers["runtime.max_seconds"] = {"40", "consumer", "", ""};
  std::atomic<bool> cancel{false};
  o.cancel = &cancel;
  std::size_t calls = 0;
  o.on_progress = [&](const lambdafit::Progress&) { ++calls; };
  auto a = lambdafit::assess(*pack, o);
  if (!a) {
    std::fputs(a.error_text().c_str(), stderr);
    return 1;
  }
  auto md = lambdafit::render(*a, *lambdafit::format_from_string("md"), {}, &*pack);
  const std::string json = lambdafit::to_json(*a);
  std::printf("verdict: %s, score %d, %zu facts, %zu bytes of json, markdown %s, progress %s\n",
              std::string(lambdafit::to_string(a->primary().verdict)).c_str(), a->primary().score,
              a->facts.size(), json.size(), md ? "ok" : "failed", calls ? "reported" : "silent");
  std::printf("version: %s (header %s, C %s)\n", std::string(lambdafit::version()).c_str(),
              LAMBDAFIT_VERSION_STRING, lambdafit_version());
  return 0;
}
