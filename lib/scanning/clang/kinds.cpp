#include "scanning/clang/kinds.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <re2/re2.h>

#include "core/yaml_file.hpp"
#include "rulepack/pack_codec.hpp"
#include "scanning/clang/configs.hpp"
#include "scanning/clang/frontend.hpp"
#include "scanning/clang/parse_tu.hpp"

namespace lambdafit::cpp {

namespace {

MatcherOrigin origin_of(const YamlFile& f, const YAML::Node& n, std::string_view text) {
  MatcherOrigin o;
  o.at = f.where(n);
  if (o.at.line == 0) return o;
  const std::string first = line_of(f.text(), o.at.line);
  o.opener = o.at.column - 1 < static_cast<int>(first.size()) ? first[o.at.column - 1] : ' ';
  const int count = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 2;
  for (int k = 0; k < count; ++k) o.lines.push_back(line_of(f.text(), o.at.line + k));
  return o;
}

Regex compile_regex(const YamlFile& f, const YAML::Node& map, const char* key, Diagnostics& d, bool& ok) {
  auto text = get_scalar(f, map, key, d);
  if (!text) {
    if (map[key]) ok = false;
    return {};
  }
  re2::RE2::Options opts;
  opts.set_log_errors(false);
  std::string error;
  Regex re = Regex::compile(*text, opts, error);  // a pattern this build accepted before: on first use
  if (!re) {
    f.error(d, map[key], fmt::format("bad regular expression in '{}': {}", key, error));
    ok = false;
  }
  return re;
}

}  // namespace

// Where position (line, column) inside the scalar's text lies in the YAML file. Exact for
// plain and quoted one-line scalars and for literal blocks (`|`); close for folded blocks (`>`).
SourceLocation MatcherOrigin::locate(int line, int column) const {
  SourceLocation r = at;
  if (r.line == 0) return r;
  if (opener == '|' || opener == '>') {
    const std::string content = line_at(at.line + line);
    const int indent = static_cast<int>(content.find_first_not_of(' '));
    r.line += line;
    r.column = (indent < 0 ? 0 : indent) + column;
    return r;
  }
  const int quote = (opener == '"' || opener == '\'') ? 1 : 0;
  if (line == 1) {
    r.column += quote + column - 1;
  } else {
    r.line += line - 1;
    r.column = column;
  }
  return r;
}

std::string MatcherOrigin::line_at(int file_line) const {
  const int k = file_line - at.line;
  return k >= 0 && k < static_cast<int>(lines.size()) ? lines[static_cast<std::size_t>(k)] : std::string();
}

void report_bad_matcher(const MatcherOrigin& o, const MatcherError& err, Diagnostics& d) {
  const auto at = o.locate(err.line, err.column);
  d.error(fmt::format("bad matcher: {}", err.message), at, o.line_at(at.line));
}

std::shared_ptr<const DetectorConfig> ClangMatcherKind::parse(const YamlFile& f,
                                                              const YAML::Node& n,
                                                              Diagnostics& d) const {
  auto text = get_scalar(f, n, "matcher", d, /*required=*/true);
  if (!text) return nullptr;
  auto cfg = std::make_shared<ClangConfig>();
  cfg->text = *text;
  cfg->origin = origin_of(f, n["matcher"], *text);
  if (const InProcessFrontend* clang = in_process_frontend()) {
    MatcherError err;
    cfg->matcher = clang->compile(*text, err);
    if (!cfg->matcher) {
      report_bad_matcher(cfg->origin, err, d);
      return nullptr;
    }
  }  // else checked by a worker once the pack is read (check_deferred_matchers)
  bool ok = true;
  cfg->string_regex = compile_regex(f, n, "string", d, ok);
  if (!ok) return nullptr;
  if (cfg->string_regex && text->find(".bind(\"str\")") == std::string::npos) {
    f.error(d, n["string"], "'string' needs a string literal bound as \"str\" in the matcher");
    return nullptr;
  }
  return cfg;
}

void ClangMatcherKind::finish_load(detail::RulePackData& pack, Diagnostics& d) const {
  check_deferred_matchers(pack, d);
}

std::shared_ptr<const DetectorConfig> IncludeKind::parse(const YamlFile& f, const YAML::Node& n,
                                                         Diagnostics& d) const {
  auto patterns = get_string_list(f, n, "includes", d, /*required=*/true);
  if (!patterns) return nullptr;
  if (patterns->empty()) {
    f.error(d, n["includes"], "'includes' needs at least one header name or glob");
    return nullptr;
  }
  auto cfg = std::make_shared<IncludeConfig>();
  cfg->patterns = std::move(*patterns);
  if (auto r = get_scalar(f, n, "resolved", d)) {
    cfg->resolved = parse_bool(*r);
    if (!cfg->resolved) {
      f.error(d, n["resolved"], "'resolved' must be yes or no");
      return nullptr;
    }
  } else if (n["resolved"]) {
    return nullptr;
  }
  return cfg;
}

std::shared_ptr<const DetectorConfig> TokenKind::parse(const YamlFile& f, const YAML::Node& n,
                                                       Diagnostics& d) const {
  auto cfg = std::make_shared<TokenConfig>();
  if (n["identifiers"]) {
    auto ids = get_string_list(f, n, "identifiers", d);
    if (!ids) return nullptr;
    cfg->identifiers = std::move(*ids);
  }
  bool ok = true;
  cfg->identifier_regex = compile_regex(f, n, "identifier_regex", d, ok);
  cfg->string_regex = compile_regex(f, n, "string_regex", d, ok);
  if (!ok) return nullptr;
  if (cfg->identifiers.empty() && !cfg->identifier_regex && !cfg->string_regex) {
    f.error(d, n,
            "a 'token' detector needs 'identifiers', 'identifier_regex' or 'string_regex'");
    return nullptr;
  }
  return cfg;
}

// ---- compiled rule pack (rulepack/compiled.hpp) ---------------------------------------------

template <class A>
void serialize(A& a, MatcherOrigin& o) {
  a(o.at, o.opener, o.lines);
}
template <class A>
void serialize(A& a, ClangConfig& c) {
  a(c.text, c.origin, c.string_regex);  // the compiled matcher is made again
}
template <class A>
void serialize(A& a, IncludeConfig& c) {
  a(c.patterns, c.resolved);
}
template <class A>
void serialize(A& a, TokenConfig& c) {
  a(c.identifiers, c.identifier_regex, c.string_regex);
}

void ClangMatcherKind::save(const DetectorConfig& c, PackOut& a) const { save_config<ClangConfig>(a, c); }

std::shared_ptr<const DetectorConfig> ClangMatcherKind::restore(PackIn& a) const {
  auto cfg = restore_config<ClangConfig>(a);
  // Where Clang is linked in, matchers are compiled at load as parse() does; the text was
  // accepted when the pack was compiled, so a failure here means the bytes are not ours.
  if (const InProcessFrontend* clang = in_process_frontend()) {
    MatcherError err;
    cfg->matcher = clang->compile(cfg->text, err);
    if (!cfg->matcher) throw cereal::Exception("a compiled pack's matcher no longer compiles: " + err.message);
  }
  return cfg;
}

void IncludeKind::save(const DetectorConfig& c, PackOut& a) const { save_config<IncludeConfig>(a, c); }
std::shared_ptr<const DetectorConfig> IncludeKind::restore(PackIn& a) const { return restore_config<IncludeConfig>(a); }

void TokenKind::save(const DetectorConfig& c, PackOut& a) const { save_config<TokenConfig>(a, c); }
std::shared_ptr<const DetectorConfig> TokenKind::restore(PackIn& a) const { return restore_config<TokenConfig>(a); }

void ClangMatcherKind::attach(const DetectorSpec& d, EngineRules& rules) const { rules.clang.push_back(&d); }
void IncludeKind::attach(const DetectorSpec& d, EngineRules& rules) const { rules.include.push_back(&d); }
void TokenKind::attach(const DetectorSpec& d, EngineRules& rules) const { rules.token.push_back(&d); }

bool attach_to_parse(const DetectorSpec& d, EngineRules& rules) {
  if (!d.config) return false;
  const auto* kind = dynamic_cast<const TuDetectorKind*>(find_detector_kind(d.kind));
  if (!kind) return false;
  kind->attach(d, rules);
  return true;
}

}  // namespace lambdafit::cpp
