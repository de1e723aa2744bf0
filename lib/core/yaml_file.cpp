#include "core/yaml_file.hpp"

#include <algorithm>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>

#include "core/spelling.hpp"
#include "core/yaml_fast.hpp"

namespace lambdafit {

namespace {

// yaml-cpp recurses once per nesting level, so a hostile file 100k levels deep overflows the
// stack. No lambdafit file needs more than a few levels: refuse deeper ones up front.
constexpr int kMaxYamlDepth = 100;
// yaml-cpp keeps a few hundred bytes per node: a 4 MB file is already far beyond any real
// lambdafit.yaml or rule file and stays well under a gigabyte in memory.
constexpr std::uintmax_t kMaxYamlBytes = 4u << 20;

// The offset where nesting first goes deeper than kMaxYamlDepth, counting flow brackets
// outside quotes and comments, block indentation levels and "- " items; nullopt if never.
std::optional<std::size_t> too_deep(std::string_view text) {
  std::vector<std::size_t> indents;
  int flow = 0;
  char quote = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t line_start = i;
    std::size_t eol = text.find('\n', i);
    if (eol == std::string_view::npos) eol = text.size();
    int items = 0;
    if (quote == 0 && flow == 0) {
      std::size_t k = i;
      while (k < eol && text[k] == ' ') ++k;
      if (k < eol && text[k] != '#' && text[k] != '\r') {
        while (!indents.empty() && indents.back() >= k - line_start) indents.pop_back();
        indents.push_back(k - line_start);
        while (k + 1 < eol && (text[k] == '-' || text[k] == '?' || text[k] == ':') && text[k + 1] == ' ') {
          ++items;
          k += 2;
          while (k < eol && text[k] == ' ') ++k;
        }
        if (static_cast<int>(indents.size()) + items > kMaxYamlDepth) return k;
      }
    }
    for (std::size_t k = i; k < eol; ++k) {
      const char c = text[k];
      if (quote) {
        if (c == '\\' && quote == '"') ++k;
        else if (c == quote) quote = 0;
        continue;
      }
      if (c == '#' && (k == line_start || text[k - 1] == ' ' || text[k - 1] == '\t')) break;
      if ((c == '"' || c == '\'') && (k == line_start || std::string_view(" \t[{,:").find(text[k - 1]) != std::string_view::npos))
        quote = c;
      else if (c == '[' || c == '{') {
        if (static_cast<int>(indents.size()) + items + ++flow > kMaxYamlDepth) return k;
      } else if ((c == ']' || c == '}') && flow > 0) {
        --flow;
      }
    }
    i = eol + 1;
  }
  return std::nullopt;
}

// Takes every parse event and remembers where the last one was; builds nothing.
class MarkOnly final : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& m) override { start = m; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
  YAML::Mark start = YAML::Mark::null_mark();
};

}  // namespace

std::optional<std::size_t> yaml_too_deep(std::string_view text) { return too_deep(text); }

std::optional<YAML::Mark> yaml_stalls(std::string_view text) {
  std::istringstream in{std::string(text)};
  YAML::Parser parser(in);
  MarkOnly events;
  int last = -1;
  while (parser.HandleNextDocument(events)) {  // a malformed stream throws, as LoadAll would
    if (events.start.pos <= last) return events.start;
    last = events.start.pos;
  }
  return std::nullopt;
}

std::optional<std::string> YamlFile::read(const std::string& path, Diagnostics& diags,
                                          const std::string& display, const ReadLimits& limits) {
  std::string why;
  ReadLimits capped = limits;
  capped.max_bytes = std::min(capped.max_bytes, kMaxYamlBytes);
  auto text = read_regular_file(path, capped, why);
  if (!text) diags.error(why, {display.empty() ? path : display, 0, 0});
  return text;
}

std::optional<YamlFile> YamlFile::load(const std::string& path, Diagnostics& diags,
                                       std::string display, const ReadLimits& limits) {
  if (display.empty()) display = path;
  auto text = read(path, diags, display, limits);
  if (!text) return std::nullopt;
  return parse(std::move(*text), std::move(display), diags);
}

std::optional<YamlFile> YamlFile::parse(std::string text, std::string display,
                                        Diagnostics& diags) {
  YamlFile f;
  f.display_ = std::move(display);
  f.text_ = std::move(text);
  f.lines_ = LineStarts(f.text_);
  if (f.text_.find('\0') != std::string::npos) {
    diags.error("file is binary, not YAML", {f.display_, 0, 0});
    return std::nullopt;
  }
  if (const auto at = yaml_too_deep(f.text_)) {
    const int line = f.lines_.line_at(*at);
    diags.error(fmt::format("malformed YAML: nested deeper than {} levels", kMaxYamlDepth),
                {f.display_, line, static_cast<int>(*at - f.lines_.start_of(line)) + 1}, f.line(line));
    return std::nullopt;
  }
  try {
    f.root_ = load_yaml(f.text_);  // libyaml, or yaml-cpp with its messages (core/yaml_fast.hpp)
  } catch (const YAML::Exception& e) {
    const int line = e.mark.line >= 0 ? e.mark.line + 1 : 0;
    const int col = e.mark.column >= 0 ? e.mark.column + 1 : 0;
    diags.error(fmt::format("malformed YAML: {}", e.msg), {f.display_, line, col},
                f.line(line));
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
  if (d.full()) return d.error(std::move(message));  // only counted: skip the lookup
  auto loc = where(n);
  d.error(std::move(message), loc, line(loc.line));
}

void YamlFile::warning(Diagnostics& d, const YAML::Node& n, std::string message) const {
  if (d.full()) return d.warning(std::move(message));
  auto loc = where(n);
  d.warning(std::move(message), loc, line(loc.line));
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
