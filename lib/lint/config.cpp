#include "lint/config.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "core/glob.hpp"
#include "core/spelling.hpp"
#include "core/yaml_file.hpp"
#include "permissions/findings.hpp"

namespace lambdafit::lint {

namespace {

const std::vector<std::string> kManifestKeys{"name", "platform", "exclude", "answers", "lint"};
const std::vector<std::string> kLintKeys{"enable", "disable", "severity", "ignore", "fail_on",
                                         "baseline"};
const std::vector<std::string> kLevels{"error", "warning", "note"};
const std::vector<std::string> kFailLevels{"warning", "error"};

bool has_glob_chars(std::string_view s) { return s.find_first_of("*?[") != std::string_view::npos; }

std::vector<std::string> known_ids(const detail::RulePackData& pack) {
  std::vector<std::string> ids{kSuppressionCheck};
  for (const auto& p : permissions::permission_check_ids()) ids.push_back(p);
  for (const auto& d : pack.detectors) ids.push_back(d.id);
  for (const auto& c : pack.criteria) ids.push_back(c.id);
  for (const auto& f : pack.facts) ids.push_back(f.id);
  return ids;
}

// Empty when the id names something; otherwise the problem, and whether it is an error.
std::string id_problem(const std::string& id, const std::vector<std::string>& known, bool& error) {
  if (has_glob_chars(id)) {
    error = false;
    const bool any = std::any_of(known.begin(), known.end(),
                                 [&](const std::string& k) { return glob_match(id, k); });
    return any ? std::string() : fmt::format("'{}' matches no detector, criterion or fact", id);
  }
  error = true;
  if (std::find(known.begin(), known.end(), id) != known.end()) return {};
  return fmt::format("unknown detector, criterion or fact '{}'{}", id, did_you_mean(id, known));
}

bool matches_any(const std::vector<std::string>& patterns, const std::vector<std::string>& names) {
  for (const auto& p : patterns)
    for (const auto& n : names)
      if (glob_match(p, n)) return true;
  return false;
}

}  // namespace

std::optional<LintConfig> load_lint_config(const std::string& root,
                                           const detail::RulePackData& pack, Diagnostics& d) {
  LintConfig c;
  const auto path = (std::filesystem::path(root) / "lambdafit.yaml").string();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return c;
  c.path = path;
  auto f = YamlFile::load(path, d, {}, ReadLimits{root});
  if (!f) return std::nullopt;
  const auto& r = f->root();
  if (!r || r.IsNull()) return c;
  if (!check_keys(*f, r, kManifestKeys, d, "lambdafit.yaml")) return std::nullopt;
  if (auto ex = get_string_list(*f, r, "exclude", d)) c.exclude = std::move(*ex);
  const auto lint = r["lint"];
  if (!lint || lint.IsNull()) return d.has_errors() ? std::nullopt : std::optional(c);
  if (!check_keys(*f, lint, kLintKeys, d, "the lint section")) return std::nullopt;
  const auto known = known_ids(pack);
  auto ids = [&](const char* key, std::vector<std::string>& out) {
    auto list = get_string_list(*f, lint, key, d);
    if (!list) return;
    const auto node = lint[key];
    for (std::size_t i = 0; i < list->size(); ++i) {
      bool error = false;
      const auto why = id_problem((*list)[i], known, error);
      const auto at = node.IsSequence() ? node[i] : node;
      if (!why.empty()) error ? f->error(d, at, why) : f->warning(d, at, why);
    }
    out = std::move(*list);
  };
  ids("enable", c.enable);
  ids("disable", c.disable);
  if (auto ig = get_string_list(*f, lint, "ignore", d)) c.ignore = std::move(*ig);
  if (const auto sev = lint["severity"]) {
    if (!sev.IsMap()) {
      f->error(d, sev, "'severity' must map detector, criterion or fact ids to error, warning or note");
    } else {
      for (const auto& kv : sev) {
        const std::string id = kv.first.Scalar();
        bool error = false;
        const auto why = id_problem(id, known, error);
        if (!why.empty()) error ? f->error(d, kv.first, why) : f->warning(d, kv.first, why);
        const std::string level = kv.second.IsScalar() ? kv.second.Scalar() : std::string();
        if (std::find(kLevels.begin(), kLevels.end(), level) == kLevels.end()) {
          f->error(d, kv.second,
                   fmt::format("unknown severity '{}'{}", level, did_you_mean(level, kLevels)));
          continue;
        }
        c.severity.emplace_back(id, level);
      }
    }
  }
  if (auto fail = get_scalar(*f, lint, "fail_on", d)) {
    if (std::find(kFailLevels.begin(), kFailLevels.end(), *fail) == kFailLevels.end())
      f->error(d, lint["fail_on"],
               fmt::format("'fail_on' must be warning or error, not '{}'{}", *fail,
                           did_you_mean(*fail, kFailLevels)));
    else
      c.fail_on = *fail;
  }
  c.baseline = get_scalar(*f, lint, "baseline", d).value_or("");
  if (d.has_errors()) return std::nullopt;
  return c;
}

bool check_overrides(const LintOverrides& o, const detail::RulePackData& pack, Diagnostics& d) {
  const auto known = known_ids(pack);
  bool ok = true;
  auto check = [&](const std::string& flag, const std::string& id) {
    bool error = false;
    const auto why = id_problem(id, known, error);
    if (why.empty()) return;
    if (error) {
      d.error(fmt::format("{}: {}", flag, why));
      ok = false;
    } else {
      d.warning(fmt::format("{}: {}", flag, why));
    }
  };
  for (const auto& id : o.enable) check("--enable", id);
  for (const auto& id : o.disable) check("--disable", id);
  for (const auto& s : o.severity) {
    const auto eq = s.find('=');
    if (eq == std::string::npos) {
      d.error(fmt::format("--severity: expected ID=LEVEL, got '{}'", s));
      ok = false;
      continue;
    }
    check("--severity", s.substr(0, eq));
    const auto level = s.substr(eq + 1);
    if (std::find(kLevels.begin(), kLevels.end(), level) == kLevels.end()) {
      d.error(fmt::format("--severity: unknown severity '{}'{}", level, did_you_mean(level, kLevels)));
      ok = false;
    }
  }
  return ok;
}

std::vector<std::string> detector_names(const DetectorSpec& det, const detail::RulePackData& pack) {
  std::vector<std::string> names{det.id, det.fact};
  for (const auto& c : pack.criteria)
    if (std::find(c.facts.begin(), c.facts.end(), det.fact) != c.facts.end()) names.push_back(c.id);
  return names;
}

bool is_enabled(const std::vector<std::string>& names, const LintConfig& c, const LintOverrides& o) {
  // The check of suppression comments runs unless it is disabled by name.
  const bool pseudo = !names.empty() && names.front() == kSuppressionCheck;
  bool on = pseudo || c.enable.empty() || matches_any(c.enable, names);
  if (matches_any(c.disable, names)) on = false;
  if (matches_any(o.disable, names)) on = false;
  if (matches_any(o.enable, names)) on = true;
  return on;
}

std::string effective_severity(const std::vector<std::string>& names, std::string severity,
                               const LintConfig& c, const LintOverrides& o) {
  for (const auto& [pattern, level] : c.severity)
    if (matches_any({pattern}, names)) severity = level;
  for (const auto& s : o.severity) {
    const auto eq = s.find('=');
    if (eq != std::string::npos && matches_any({s.substr(0, eq)}, names)) severity = s.substr(eq + 1);
  }
  return severity;
}

}  // namespace lambdafit::lint
