#include "rulepack/compiled.hpp"

#include <filesystem>
#include <sstream>

#include "core/cache_file.hpp"
#include "core/known_good.hpp"
#include "core/safe_file.hpp"
#include "rulepack/pack_codec.hpp"
#include "scanning/clang/configs.hpp"
#include "scanning/deployment_roles.hpp"
#include "scanning/detector_kind.hpp"
#include "scanning/text/file_type.hpp"

namespace lambdafit {

// The model's own types, field by field (pack_codec.hpp holds the ones the kinds share).
template <class A>
void serialize(A& a, FactSpec& f) {
  a(f.id, f.title, f.description, f.type, f.dimension, f.when_no_evidence, f.counted_roles, f.tags, f.at);
}
template <class A>
void serialize(A& a, RoleRule& r) {
  a(r.role, r.ecosystem, r.dirs, r.files, r.at);
}
template <class A>
void serialize(A& a, QuestionSpec& q) {
  a(q.id, q.fact, q.prompt, q.help, q.choices, q.prefill, q.at);
}
template <class A>
void serialize(A& a, CriterionSpec& c) {
  a(c.id, c.title, c.kind, c.description, c.advice, c.when, c.limit_when, c.needs_change, c.facts, c.at);
}
template <class A>
void serialize(A& a, PlatformSpec& p) {
  a(p.id, p.name, p.as_of, p.description, p.sources, p.limits, p.limit_order, p.at);
}
template <class A>
void serialize(A& a, ScoringSpec& s) {
  a(s.concerns_for_not_a_fit, s.penalty, s.strength_bonus, s.bands, s.lean_confidence, s.default_platform, s.at);
}

namespace compiled_pack {

namespace {

// 2: deploy rules hold `role: test` / `tooling` and `names: automake-program`, path segments
// '!' exclusions. The key's build identity already keeps an older binary's packs apart; the
// number says the format holds more than it did.
constexpr std::string_view kMagic = "lambdafit compiled rule pack 2\n";

void save_detector(PackOut& a, const DetectorSpec& d) {
  a(d.id, d.kind, d.fact, d.value, d.message, d.description, d.severity, d.at, d.rules_key);
  const DetectorKind* kind = find_detector_kind(d.kind);
  if (!kind) throw std::runtime_error("detector '" + d.id + "' has an unknown kind '" + d.kind + "'");
  const bool has = d.config != nullptr;
  a(has);
  if (has) kind->save(*d.config, a);
}

DetectorSpec load_detector(PackIn& a) {
  DetectorSpec d;
  a(d.id, d.kind, d.fact, d.value, d.message, d.description, d.severity, d.at, d.rules_key);
  const DetectorKind* kind = find_detector_kind(d.kind);
  if (!kind) throw cereal::Exception("unknown detector kind");
  bool has = false;
  a(has);
  if (has) d.config = kind->restore(a);
  return d;
}

}  // namespace

Key::Key() { k_.add(build_identity()).end_field().add(cpp::matcher_checker_identity()).end_field(); }
void Key::dir(std::string_view d) { k_.add("dir").end_field().add(d).end_field(); }
void Key::file(std::string_view path, std::string_view content_key) {
  k_.add("file").end_field().add(path).end_field().add(content_key).end_field();
}
std::string Key::hex() const { return k_.hex(); }

std::string encode(const detail::RulePackData& p) {
  std::ostringstream os;
  {
    PackOut a(os);
    a(p.dirs, p.facts);
    a(static_cast<std::uint64_t>(p.detectors.size()));
    for (const auto& d : p.detectors) save_detector(a, d);
    a(p.questions, p.criteria, p.platforms, p.roles);
    a(static_cast<std::uint64_t>(p.deployed_by.size()));
    for (const auto& r : p.deployed_by) {
      a(r.id, r.at);
      save_deploy_config(*r.config, a);
    }
    a(p.limit_titles, p.scoring, p.runtimes, p.runtime_of_type);
    builtin_file_types().save(a);  // compiled in, so this build's key covers it too
  }
  return cache::sealed(kMagic, os.str());
}

std::shared_ptr<detail::RulePackData> decode(std::string_view bytes) {
  const auto payload = cache::unsealed(kMagic, bytes);
  if (!payload) return nullptr;
  auto p = std::make_shared<detail::RulePackData>();
  try {
    std::istringstream is{std::string(*payload)};
    PackIn a(is);
    a(p->dirs, p->facts);
    std::uint64_t n = 0;
    a(n);
    for (std::uint64_t i = 0; i < n; ++i) p->detectors.push_back(load_detector(a));
    a(p->questions, p->criteria, p->platforms, p->roles);
    a(n);
    for (std::uint64_t i = 0; i < n; ++i) {
      DeployRule r;
      a(r.id, r.at);
      r.config = restore_deploy_config(a);
      p->deployed_by.push_back(std::move(r));
    }
    a(p->limit_titles, p->scoring, p->runtimes, p->runtime_of_type);
    auto file_types = FileTypeTable::restore(a);
    if (is.peek() != std::char_traits<char>::eof()) return nullptr;  // bytes left over: not ours
    adopt_builtin_file_types(std::move(file_types));  // spares parsing the compiled-in YAML
  } catch (const std::exception&) {
    return nullptr;
  }
  return p;
}

namespace {

std::filesystem::path packs_dir() { return std::filesystem::path(cache_dir()) / "packs"; }

}  // namespace

std::shared_ptr<detail::RulePackData> read(const std::string& key) {
  if (cache_dir().empty()) return nullptr;
  const auto path = packs_dir() / key;
  std::string why;
  ReadLimits limits;
  limits.max_bytes = kMaxPacksBytes;
  auto bytes = read_regular_file(path, limits, why);
  if (!bytes) return nullptr;
  auto pack = decode(*bytes);
  if (pack) cache::touch(path.string());
  return pack;
}

void write(const std::string& key, const detail::RulePackData& pack) {
  if (cache_dir().empty()) return;
  try {
    if (cache::write_atomically(packs_dir() / key, encode(pack))) cache::trim(packs_dir(), kMaxPacksBytes);
  } catch (const std::exception&) {
    // not kept: the next run loads the files again
  }
}

}  // namespace compiled_pack

}  // namespace lambdafit
