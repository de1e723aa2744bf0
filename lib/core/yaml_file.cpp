#include "core/yaml_file.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "core/spelling.hpp"

namespace lambdafit {

std::optional<YamlFile> YamlFile::load(const std::string& path, Diagnostics& diags,
                                       std::string display) {
  if (display.empty()) display = path;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.error(fmt::format("cannot read '{}'", path), {display, 0, 0});
    return std::nullopt;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) {
    diags.error(fmt::format("cannot read '{}'", path), {display, 0, 0});
    return std::nullopt;
  }
  return parse(buf.str(), std::move(display), diags);
}

std::optional<YamlFile> YamlFile::parse(std::string text, std::string display,
                                        Diagnostics& diags) {
  YamlFile f;
  f.display_ = std::move(display);
  f.text_ = std::move(text);
  if (f.text_.find('\0') != std::string::npos) {
    diags.error("file is binary, not YAML", {f.display_, 0, 0});
    return std::nullopt;
  }
  try {
    f.root_ = YAML::Load(f.text_);
  } catch (const YAML::Exception& e) {
    const int line = e.mark.line >= 0 ? e.mark.line + 1 : 0;
    const int col = e.mark.column >= 0 ? e.mark.column + 1 : 0;
    diags.error(fmt::format("malformed YAML: {}", e.msg), {f.display_, line, col},
                line_of(f.text_, line));
    return std::nullopt;
  }
  return f;
}

SourceLocation YamlFile::where(const YAML::Node& n) const {
  const auto m = n.Mark();
  if (m.line < 0) return {display_, 0, 0};
  return {display_, m.line + 1, m.column + 1};
}

void YamlFile::error(Diagnostics& d, const YAML::Node& n, std::string message) const {
  auto loc = where(n);
  d.error(std::move(message), loc, line_of(text_, loc.line));
}

void YamlFile::warning(Diagnostics& d, const YAML::Node& n, std::string message) const {
  auto loc = where(n);
  d.warning(std::move(message), loc, line_of(text_, loc.line));
}

bool check_keys(const YamlFile& f, const YAML::Node& map, const std::vector<std::string>& allowed,
                Diagnostics& d, std::string_view what) {
  if (!map.IsMap()) {
    f.error(d, map, fmt::format("expected a mapping for {}", what));
    return false;
  }
  bool ok = true;
  std::set<std::string> seen;
  for (const auto& kv : map) {
    const auto key = kv.first.Scalar();
    if (!seen.insert(key).second) {
      f.error(d, kv.first, fmt::format("duplicate key '{}' in {}", key, what));
      ok = false;
      continue;
    }
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      f.error(d, kv.first,
              fmt::format("unknown key '{}' in {}{}", key, what, did_you_mean(key, allowed)));
      ok = false;
    }
  }
  return ok;
}

std::optional<std::string> get_scalar(const YamlFile& f, const YAML::Node& map, const char* key,
                                      Diagnostics& d, bool required) {
  const auto n = map[key];
  if (!n) {
    if (required) f.error(d, map, fmt::format("missing required key '{}'", key));
    return std::nullopt;
  }
  if (!n.IsScalar()) {
    f.error(d, n, fmt::format("'{}' must be a single value", key));
    return std::nullopt;
  }
  return n.Scalar();
}

std::optional<std::vector<std::string>> get_string_list(const YamlFile& f, const YAML::Node& map,
                                                        const char* key, Diagnostics& d,
                                                        bool required) {
  const auto n = map[key];
  if (!n) {
    if (required) f.error(d, map, fmt::format("missing required key '{}'", key));
    return std::nullopt;
  }
  std::vector<std::string> out;
  if (n.IsScalar()) {
    out.push_back(n.Scalar());
    return out;
  }
  if (!n.IsSequence()) {
    f.error(d, n, fmt::format("'{}' must be a value or a list of values", key));
    return std::nullopt;
  }
  for (const auto& item : n) {
    if (!item.IsScalar()) {
      f.error(d, item, fmt::format("items of '{}' must be single values", key));
      return std::nullopt;
    }
    out.push_back(item.Scalar());
  }
  return out;
}

std::optional<bool> parse_bool(std::string_view s) {
  if (s == "true" || s == "True" || s == "TRUE" || s == "yes" || s == "Yes" || s == "YES" ||
      s == "on" || s == "On" || s == "y")
    return true;
  if (s == "false" || s == "False" || s == "FALSE" || s == "no" || s == "No" || s == "NO" ||
      s == "off" || s == "Off" || s == "n")
    return false;
  return std::nullopt;
}

}  // namespace lambdafit
