#include "core/glob.hpp"

namespace lambdafit {

namespace {

// Matches one character class starting at p[0] == '['. Returns the index past ']' or 0 if
// the class is malformed (then '[' is taken literally).
std::size_t match_class(std::string_view p, char c, bool& matched) {
  std::size_t i = 1;
  bool negate = false;
  if (i < p.size() && (p[i] == '!' || p[i] == '^')) {
    negate = true;
    ++i;
  }
  bool any = false;
  bool first = true;
  for (; i < p.size() && (p[i] != ']' || first); ++i) {
    first = false;
    if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
      if (c >= p[i] && c <= p[i + 2]) any = true;
      i += 2;
    } else if (p[i] == c) {
      any = true;
    }
  }
  if (i >= p.size()) return 0;
  matched = any != negate;
  return i + 1;
}

bool match(std::string_view p, std::string_view s) {
  while (!p.empty()) {
    if (p.substr(0, 2) == "**") {
      // "**/" matches zero or more whole segments; a trailing "**" matches everything.
      std::string_view rest = p.substr(2);
      if (rest.empty()) return true;
      if (rest.front() == '/') {
        rest.remove_prefix(1);
        if (match(rest, s)) return true;
        for (std::size_t i = 0; i < s.size(); ++i)
          if (s[i] == '/' && match(rest, s.substr(i + 1))) return true;
        return false;
      }
      // "**" glued to text behaves like "*" across segments.
      for (std::size_t i = 0; i <= s.size(); ++i)
        if (match(rest, s.substr(i))) return true;
      return false;
    }
    const char c = p.front();
    if (c == '*') {
      std::string_view rest = p.substr(1);
      for (std::size_t i = 0; i <= s.size(); ++i) {
        if (match(rest, s.substr(i))) return true;
        if (i < s.size() && s[i] == '/') return false;
      }
      return false;
    }
    if (s.empty()) return false;
    if (c == '?') {
      if (s.front() == '/') return false;
    } else if (c == '[') {
      bool matched = false;
      const std::size_t used = match_class(p, s.front(), matched);
      if (used > 0) {
        if (!matched || s.front() == '/') return false;
        p.remove_prefix(used);
        s.remove_prefix(1);
        continue;
      }
      if (s.front() != '[') return false;
    } else if (c != s.front()) {
      return false;
    }
    p.remove_prefix(1);
    s.remove_prefix(1);
  }
  return s.empty();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) noexcept {
  if (pattern.find('/') == std::string_view::npos) {
    const auto slash = path.rfind('/');
    return match(pattern, slash == std::string_view::npos ? path : path.substr(slash + 1));
  }
  if (!pattern.empty() && pattern.front() == '/') pattern.remove_prefix(1);
  return match(pattern, path);
}

}  // namespace lambdafit
