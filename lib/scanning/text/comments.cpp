#include "scanning/text/comments.hpp"

#include <cctype>

namespace lambdafit {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Blanks [from, to) except newlines.
void blank(std::string& s, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to && i < s.size(); ++i)
    if (s[i] != '\n') s[i] = ' ';
}

// Blanks the inside of a literal [open, end) whose quotes are `quote_len` long, keeping the
// quotes so patterns can still see that a string was there.
void blank_inside(std::string& s, std::size_t open, std::size_t end, std::size_t quote_len) {
  if (end < open + 2 * quote_len) return;  // unterminated: leave it
  blank(s, open + quote_len, end - quote_len);
}

// Index just past a quoted literal that opens at `i` with quote `q`; stops at the end of the
// line when `one_line`, since an unmatched quote there is text (an apostrophe), not a string.
std::size_t skip_quoted(const std::string& s, std::size_t i, char q, bool one_line,
                        bool escapes = true) {
  std::size_t j = i + 1;
  while (j < s.size()) {
    const char c = s[j];
    if (escapes && c == '\\') {
      j += 2;
      continue;
    }
    if (c == q) return j + 1;
    if (c == '\n' && one_line) return j;
    ++j;
  }
  return s.size();
}

// `#` comments for shell, YAML, Dockerfile, crontab and the like. A `#` starts a comment at
// the start of a line or after a blank or an operator, never inside a word (`$#`, `${#a}`,
// `url#frag`). A quote opens a string only where a word can start, and strings end at the
// end of their line.
void blank_hash(std::string& s, bool strings) {
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    const char prev = i == 0 ? '\n' : s[i - 1];
    const bool word_start = prev == '\n' || is_space(prev) || prev == ';' || prev == '&' ||
                            prev == '|' || prev == '(' || prev == '=' || prev == ':' ||
                            prev == '[' || prev == '{' || prev == ',';
    if ((c == '"' || c == '\'') && word_start) {
      const std::size_t end = skip_quoted(s, i, c, /*one_line=*/true, /*escapes=*/c == '"');
      if (strings) blank_inside(s, i, end, 1);
      i = end;
      continue;
    }
    if (c == '#' && (prev == '\n' || is_space(prev) || prev == ';' || prev == '&' || prev == '|' ||
                     prev == '(')) {
      std::size_t end = s.find('\n', i);
      if (end == std::string::npos) end = s.size();
      blank(s, i, end);
      i = end;
      continue;
    }
    ++i;
  }
}

// `#` or `;` as the first non-blank character of a line (systemd units, sysctl.conf).
void blank_ini(std::string& s) {
  std::size_t line = 0;
  while (line < s.size()) {
    std::size_t end = s.find('\n', line);
    if (end == std::string::npos) end = s.size();
    std::size_t i = line;
    while (i < end && is_space(s[i])) ++i;
    if (i < end && (s[i] == '#' || s[i] == ';')) blank(s, i, end);
    line = end + 1;
  }
}

// `//` and `/* */` (and `#` for HCL) outside string literals.
void blank_c_family(std::string& s, bool hash_too, bool strings) {
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    const char next = i + 1 < s.size() ? s[i + 1] : '\0';
    if (c == '"' || c == '`') {  // '`': JS/TS template literal, Go raw string
      const std::size_t end = skip_quoted(s, i, c, /*one_line=*/false);
      if (strings) blank_inside(s, i, end, 1);
      i = end;
      continue;
    }
    if (c == '\'') {
      // A character literal or a JS string when it closes on the same line; a Rust
      // lifetime or stray apostrophe otherwise.
      const std::size_t j = skip_quoted(s, i, '\'', /*one_line=*/true);
      const bool literal = j <= s.size() && j > i + 1 && s[j - 1] == '\'';
      if (literal && strings) blank_inside(s, i, j, 1);
      i = literal ? j : i + 1;
      continue;
    }
    if ((c == '/' && next == '/') || (hash_too && c == '#')) {
      std::size_t end = s.find('\n', i);
      if (end == std::string::npos) end = s.size();
      blank(s, i, end);
      i = end;
      continue;
    }
    if (c == '/' && next == '*') {
      std::size_t end = s.find("*/", i + 2);
      end = end == std::string::npos ? s.size() : end + 2;
      blank(s, i, end);
      i = end;
      continue;
    }
    ++i;
  }
}

// Python: `#` comments and docstrings (see the header for which strings count as docstrings).
void blank_python(std::string& s, bool strings) {
  std::size_t i = 0;
  int depth = 0;              // bracket nesting
  bool line_has_code = false;  // a token seen on this logical line before the current one
  bool continued = false;      // the previous physical line ended with a backslash
  while (i < s.size()) {
    const char c = s[i];
    if (c == '\n') {
      continued = i > 0 && s[i - 1] == '\\';
      if (depth == 0 && !continued) line_has_code = false;
      ++i;
      continue;
    }
    if (is_space(c)) {
      ++i;
      continue;
    }
    if (c == '#') {
      std::size_t end = s.find('\n', i);
      if (end == std::string::npos) end = s.size();
      blank(s, i, end);
      i = end;
      continue;
    }
    // String prefix letters (r, b, f, u and pairs) directly before a quote.
    std::size_t q = i;
    while (q < s.size() && q < i + 2 && std::string_view("rRbBfFuU").find(s[q]) != std::string_view::npos)
      ++q;
    if (q < s.size() && (s[q] == '"' || s[q] == '\'') &&
        (q == i || i == 0 || !(std::isalnum(static_cast<unsigned char>(s[i - 1])) || s[i - 1] == '_'))) {
      const char quote = s[q];
      const bool raw = s.substr(i, q - i).find_first_of("rR") != std::string::npos;
      const bool triple = s.compare(q, 3, std::string(3, quote)) == 0;
      std::size_t end;
      if (triple) {
        const std::string closing(3, quote);
        std::size_t j = q + 3;
        end = s.size();
        while (j < s.size()) {
          if (!raw && s[j] == '\\') {
            j += 2;
            continue;
          }
          if (s.compare(j, 3, closing) == 0) {
            end = j + 3;
            break;
          }
          ++j;
        }
      } else {
        end = skip_quoted(s, q, quote, /*one_line=*/true, !raw);
      }
      if (triple && depth == 0 && !line_has_code && !continued) {
        // A docstring if nothing but blanks or a comment follows on its last line.
        std::size_t k = end;
        while (k < s.size() && is_space(s[k])) ++k;
        if (k >= s.size() || s[k] == '\n' || s[k] == '#') blank(s, i, end);
      }
      if (strings) blank_inside(s, q, end, triple ? 3 : 1);
      line_has_code = true;
      i = end;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') ++depth;
    if ((c == ')' || c == ']' || c == '}') && depth > 0) --depth;
    line_has_code = true;
    // The rest of a name or number at once: no string can start inside one (a prefix letter
    // counts only after a character that cannot be part of a name).
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_')
      while (i + 1 < s.size() && (std::isalnum(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '_')) ++i;
    ++i;
  }
}

}  // namespace


bool cron_time_field(std::string_view f) {
  if (f.empty()) return false;
  bool digits_or_star = true, names = true;
  for (char c : f) {
    if (!(std::isdigit(static_cast<unsigned char>(c)) || std::string_view("*/,-?LW#").find(c) != std::string_view::npos))
      digits_or_star = false;
    if (!(std::isalpha(static_cast<unsigned char>(c)) || c == ',' || c == '-')) names = false;
  }
  if (digits_or_star) return true;
  if (!names) return false;
  // Names come in threes: jan, mon-fri, sat,sun.
  std::size_t run = 0;
  for (char c : f) {
    if (std::isalpha(static_cast<unsigned char>(c))) ++run;
    else if (run != 3) return false;
    else run = 0;
  }
  return run == 3;
}

namespace {

// Crontab: after `#` comments, blanks each entry's schedule (five time fields or an @word
// other than @reboot, and a `root` user field) and VAR=value lines, keeping the command.
void blank_crontab(std::string& s) {
  blank_hash(s, false);
  std::size_t line = 0;
  while (line < s.size()) {
    std::size_t end = s.find('\n', line);
    if (end == std::string::npos) end = s.size();
    std::size_t i = line;
    auto field = [&](std::size_t& b, std::size_t& e) {
      b = i;
      while (b < end && is_space(s[b])) ++b;
      e = b;
      while (e < end && !is_space(s[e])) ++e;
      i = e;
      return std::string_view(s).substr(b, e - b);
    };
    std::size_t b = 0, e = 0;
    std::string_view first = field(b, e);
    const std::size_t eq = first.find('=');
    if (!first.empty() && first[0] != '@' && eq != std::string_view::npos && eq > 0 &&
        first.find_first_of("*/ ") > eq) {
      blank(s, line, end);  // VAR=value
    } else if (!first.empty() && first[0] == '@') {
      if (first != "@reboot") blank(s, b, e);
    } else if (cron_time_field(first)) {
      bool ok = true;
      std::size_t last = e;
      for (int k = 1; k < 5 && ok; ++k) {
        ok = cron_time_field(field(b, e));
        last = e;
      }
      if (ok) {
        const std::size_t after_schedule = i;
        std::size_t ub = 0, ue = 0;
        if (field(ub, ue) == "root") last = ue;
        else i = after_schedule;
        blank(s, line, last);
      }
    }
    line = end + 1;
  }
}

}  // namespace

std::string blank_comments(std::string_view text, CommentStyle style, bool strings) {
  std::string s(text);
  switch (style) {
    case CommentStyle::none: break;
    case CommentStyle::hash: blank_hash(s, strings); break;
    case CommentStyle::python: blank_python(s, strings); break;
    case CommentStyle::c_family: blank_c_family(s, /*hash_too=*/false, strings); break;
    case CommentStyle::hcl: blank_c_family(s, /*hash_too=*/true, strings); break;
    case CommentStyle::ini: blank_ini(s); break;
    case CommentStyle::crontab: blank_crontab(s); break;
  }
  return s;
}

}  // namespace lambdafit
