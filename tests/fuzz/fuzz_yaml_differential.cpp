// Differential: where libyaml's reading (core/yaml_fast.hpp) is taken, it must be the tree
// yaml-cpp builds — same types, scalar text, tags, styles and, except on empty nodes, marks.
// Aborts on the first difference, printing it. Not run by .ci/run (it has no corpus folder):
// what it finds are reading differences to decline, not crashes. Run it by hand, seeded with
// the rule files:   build-asan/tests/fuzz/fuzz_yaml_differential -max_len=4000 rules/*/ rules/
// README ("YAML") lists what it found and what it still finds.
#include <cstdio>
#include <cstdlib>
#include <string>

#include <fmt/format.h>

#include "core/yaml_fast.hpp"

namespace {

std::string difference(const YAML::Node& want, const YAML::Node& got) {
  if (want.Type() != got.Type()) return "type";
  const auto a = want.Mark(), b = got.Mark();
  if (!want.IsNull() && (a.pos != b.pos || a.line != b.line || a.column != b.column))
    return fmt::format("mark {}:{} vs {}:{}", a.line, a.column, b.line, b.column);
  if (want.Tag() != got.Tag()) return fmt::format("tag '{}' vs '{}'", want.Tag(), got.Tag());
  if (want.IsScalar() && want.Scalar() != got.Scalar())
    return fmt::format("scalar '{}' vs '{}'", want.Scalar(), got.Scalar());
  if (!want.IsSequence() && !want.IsMap()) return {};
  if (want.Style() != got.Style()) return "style";
  if (want.size() != got.size()) return "size";
  if (want.IsSequence()) {
    for (std::size_t i = 0; i < want.size(); ++i)
      if (auto d = difference(want[i], got[i]); !d.empty()) return d;
    return {};
  }
  auto g = got.begin();
  for (auto w = want.begin(); w != want.end(); ++w, ++g) {
    if (auto d = difference(w->first, g->first); !d.empty()) return d;
    if (auto d = difference(w->second, g->second); !d.empty()) return d;
  }
  return {};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  // yaml-cpp recurses per level and treats tabs its own way; YamlFile refuses NUL first.
  if (text.find('\0') != std::string::npos || text.find('\t') != std::string::npos) return 0;
  const auto fast = lambdafit::load_yaml_fast(text, /*first_only=*/true);
  if (!fast) return 0;
  YAML::Node want;
  try {
    want = YAML::Load(text);
  } catch (const YAML::Exception&) {
    return 0;  // libyaml took what yaml-cpp rejects: lenient, not a different tree
  }
  const YAML::Node got = fast->empty() ? YAML::Node() : fast->front();
  if (const auto d = difference(want, got); !d.empty()) {
    std::fprintf(stderr, "libyaml and yaml-cpp differ: %s\n", d.c_str());
    std::abort();
  }
  return 0;
}
