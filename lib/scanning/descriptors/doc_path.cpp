#include "scanning/descriptors/doc_path.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace lambdafit::descriptors {

namespace {

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  int depth = 0;
  for (char c : s) {
    if (c == '[') ++depth;
    if (c == ']') --depth;
    if (c == sep && depth == 0) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

bool passes(const DocNode& n, const PathFilter& f) {
  const DocNode* at = &n;
  for (const auto& k : f.key) {
    at = at->child(k);
    if (!at) break;
  }
  bool ok = at != nullptr;
  if (ok && !f.values.empty()) {
    const std::string t = at->text();
    ok = std::any_of(f.values.begin(), f.values.end(), [&](const std::string& v) { return word_glob(v, t); });
  }
  return f.negate ? !ok : ok;
}

bool passes(const DocNode& n, const PathSegment& s) {
  return std::all_of(s.filters.begin(), s.filters.end(), [&](const PathFilter& f) { return passes(n, f); });
}

void walk(const DocNode& n, const DocNode* parent, const DocPath& path, std::size_t i,
          bool want_default, std::vector<PathMatch>& out) {
  if (i == path.size()) {
    out.push_back({&n, parent, false});
    return;
  }
  const PathSegment& seg = path[i];
  if (seg.names.empty()) {
    if (passes(n, seg)) walk(n, parent, path, i + 1, want_default, out);
    return;
  }
  bool found = false;
  for (const auto& [key, child] : n.items) {
    // Alternatives: a key matches one of the names and none of the '!' names; with '!' names
    // only, any key that none of them matches.
    bool hit = false, positive = false, excluded = false;
    for (const auto& name : seg.names) {
      if (name.front() == '!') {
        excluded = excluded || (!n.is_list() && word_glob(std::string_view(name).substr(1), key));
        continue;
      }
      positive = true;
      hit = hit || (n.is_list() ? name == "*" : word_glob(name, key));
    }
    if (!positive) hit = true;
    if (!hit || excluded || !passes(child, seg)) continue;
    found = true;
    walk(child, &n, path, i + 1, want_default, out);
  }
  // The last key is missing from a node the rest of the path reached: the default applies.
  if (!found && want_default && i + 1 == path.size() && n.is_map()) out.push_back({&n, parent, true});
}

}  // namespace

bool word_glob(std::string_view pat, std::string_view s) {
  std::size_t p = 0, i = 0, star = std::string_view::npos, mark = 0;
  while (i < s.size()) {
    if (p < pat.size() && pat[p] == '*') {
      star = p++;
      mark = i;
    } else if (p < pat.size() && pat[p] == s[i]) {
      ++p;
      ++i;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      i = ++mark;
    } else {
      return false;
    }
  }
  while (p < pat.size() && pat[p] == '*') ++p;
  return p == pat.size();
}

std::optional<DocPath> parse_doc_path(std::string_view text, std::string* why) {
  DocPath path;
  for (const auto& part : split(text, '.')) {
    PathSegment seg;
    const auto b = part.find('[');
    const std::string names = part.substr(0, b);
    if (!names.empty()) seg.names = split(names, '|');
    for (const auto& name : seg.names)
      if (name.empty() || name == "!") {
        *why = fmt::format("empty name in path '{}'", text);
        return std::nullopt;
      }
    std::string rest = b == std::string::npos ? "" : part.substr(b);
    while (!rest.empty()) {
      const auto close = rest.find(']');
      if (rest.front() != '[' || close == std::string::npos) {
        *why = fmt::format("bad filter '{}' in path '{}'; write [Key=value], [Key] or [!Key]", rest, text);
        return std::nullopt;
      }
      std::string body = rest.substr(1, close - 1);
      rest = rest.substr(close + 1);
      PathFilter f;
      if (!body.empty() && body.front() == '!') {
        f.negate = true;
        body.erase(0, 1);
      }
      const auto eq = body.find('=');
      f.key = split(body.substr(0, eq), '/');
      if (eq != std::string::npos) f.values = split(body.substr(eq + 1), '|');
      if (body.empty() || f.key.front().empty()) {
        *why = fmt::format("empty filter in path '{}'", text);
        return std::nullopt;
      }
      seg.filters.push_back(std::move(f));
    }
    if (seg.names.empty() && seg.filters.empty()) {
      *why = fmt::format("empty segment in path '{}'", text);
      return std::nullopt;
    }
    path.push_back(std::move(seg));
  }
  return path;
}

void find_nodes(const DocNode& root, const DocPath& path, bool want_default, std::vector<PathMatch>& out) {
  walk(root, nullptr, path, 0, want_default, out);
}

Regex compile_rule_regex(const YamlFile& f, const YAML::Node& n, const char* key, Diagnostics& d, bool* ok) {
  auto src = get_scalar(f, n, key, d);
  if (!src) return {};
  RE2::Options o;
  o.set_log_errors(false);
  std::string error;
  auto re = Regex::compile("(?m)" + *src, o, error);
  if (!re) {
    f.error(d, n[key], fmt::format("invalid regular expression: {}", error));
    *ok = false;
  }
  return re;
}

}  // namespace lambdafit::descriptors
