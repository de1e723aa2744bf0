#include "questionnaire/answer_text.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "core/safe_file.hpp"

namespace lambdafit {

namespace {

// One line of the file: its text without the end of line, and the end of line it had.
struct Line {
  std::string body;
  std::string eol;
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto nl = text.find('\n', pos);
    Line l;
    if (nl == std::string_view::npos) {
      l.body = std::string(text.substr(pos));
      pos = text.size();
    } else {
      l.body = std::string(text.substr(pos, nl - pos));
      l.eol = "\n";
      pos = nl + 1;
    }
    if (!l.body.empty() && l.body.back() == '\r') {
      l.body.pop_back();
      l.eol = "\r" + l.eol;
    }
    out.push_back(std::move(l));
  }
  return out;
}

int indent_of(const std::string& s) {
  int i = 0;
  while (i < static_cast<int>(s.size()) && s[i] == ' ') ++i;
  return i;
}

bool blank(const std::string& s) { return indent_of(s) == static_cast<int>(s.size()); }
bool comment(const std::string& s) {
  const auto i = static_cast<std::size_t>(indent_of(s));
  return i < s.size() && s[i] == '#';
}
bool content(const std::string& s) { return !blank(s) && !comment(s); }

// Where a trailing comment starts (a '#' after whitespace, outside quotes), or npos.
std::size_t comment_start(std::string_view s) {
  char quote = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (quote) {
      if (c == '\\' && quote == '"') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) {
      return i;
    }
  }
  return std::string_view::npos;
}

// A mapping key at the start of `s` (after `indent` spaces): its text, the raw key as written,
// and what follows the colon. Handles plain and quoted keys.
struct KeyLine {
  std::string key;
  std::string raw;
  std::string rest;
};

std::optional<KeyLine> key_line(const std::string& s, int indent) {
  if (indent_of(s) != indent || !content(s)) return std::nullopt;
  std::size_t i = static_cast<std::size_t>(indent);
  KeyLine k;
  std::size_t end;
  if (s[i] == '"' || s[i] == '\'') {
    const char q = s[i];
    end = s.find(q, i + 1);
    if (end == std::string::npos) return std::nullopt;
    k.key = s.substr(i + 1, end - i - 1);
    ++end;
    if (end >= s.size() || s[end] != ':') return std::nullopt;
  } else {
    end = i;
    while (end < s.size() && !(s[end] == ':' && (end + 1 == s.size() || s[end + 1] == ' ')))
      ++end;
    if (end >= s.size()) return std::nullopt;
    k.key = s.substr(i, end - i);
  }
  k.raw = s.substr(i, end - i);
  k.rest = s.substr(end + 1);
  return k;
}

// Splits the text after a key's colon into the value and a trailing comment (with its spaces).
std::pair<std::string, std::string> value_and_comment(const std::string& rest) {
  std::string value = rest, tail;
  if (const auto c = comment_start(rest); c != std::string::npos) {
    std::size_t start = c;
    while (start > 0 && rest[start - 1] == ' ') --start;
    value = rest.substr(0, start);
    tail = rest.substr(start);
  }
  const auto b = value.find_first_not_of(' ');
  value = b == std::string::npos ? std::string() : value.substr(b);
  while (!value.empty() && value.back() == ' ') value.pop_back();
  return {value, tail};
}

std::string list_text(const StringList& l) {
  std::string out = "[";
  for (std::size_t i = 0; i < l.size(); ++i) out += (i ? ", " : "") + yaml_flow_scalar(l[i]);
  return out + "]";
}

std::string value_text(const AnswerRecord& a) {
  return a.list ? list_text(*a.list) : yaml_flow_scalar(a.value);
}

// The fields of an answer in the order they are written; empty ones are left out.
std::vector<std::pair<std::string, std::string>> fields(const AnswerRecord& a) {
  std::vector<std::pair<std::string, std::string>> out{{"value", value_text(a)}};
  if (!a.by.empty()) out.emplace_back("by", yaml_flow_scalar(a.by));
  if (!a.date.empty()) out.emplace_back("date", yaml_flow_scalar(a.date));
  if (!a.note.empty()) out.emplace_back("note", yaml_flow_scalar(a.note));
  if (!a.ask.empty()) out.emplace_back("ask", yaml_flow_scalar(a.ask));
  return out;
}

// Per-line edits against the original line numbers, applied in one pass at the end.
struct Edits {
  std::map<std::size_t, std::optional<std::string>> replace;  // nullopt = delete the line
  std::map<std::size_t, std::vector<std::string>> after;      // lines inserted after a line
  std::vector<std::string> at_end;
};

// A block-style entry (`fact:` then indented `value: …` lines): each field line is updated
// in place, so comments between the fields stay where they are.
void edit_block_entry(const std::vector<Line>& lines, std::size_t s, std::size_t e,
                      const AnswerRecord& a, Edits& ed) {
  int sub = -1;
  for (std::size_t i = s + 1; i < e && sub < 0; ++i)
    if (content(lines[i].body)) sub = indent_of(lines[i].body);
  if (sub < 0) sub = indent_of(lines[s].body) + 2;
  const auto wanted = fields(a);
  std::set<std::string> done;
  std::size_t last = s;
  for (std::size_t i = s + 1; i < e; ++i) {
    if (!content(lines[i].body)) continue;
    last = i;
    auto k = key_line(lines[i].body, sub);
    if (!k) continue;
    std::size_t fe = i + 1;  // lines of a multi-line field value
    while (fe < e && (!content(lines[fe].body) || indent_of(lines[fe].body) > sub)) ++fe;
    while (fe > i + 1 && !content(lines[fe - 1].body)) --fe;
    auto w = std::find_if(wanted.begin(), wanted.end(), [&](const auto& f) { return f.first == k->key; });
    for (std::size_t j = i + 1; j < fe; ++j)
      if (content(lines[j].body)) ed.replace[j] = std::nullopt;
    if (w == wanted.end()) {
      ed.replace[i] = std::nullopt;  // a field the new answer does not have (an old note)
    } else {
      const auto [old, tail] = value_and_comment(k->rest);
      ed.replace[i] = std::string(static_cast<std::size_t>(sub), ' ') + k->raw + ": " + w->second +
                      (fe == i + 1 ? tail : std::string());
      done.insert(k->key);
    }
    last = fe - 1;
    i = fe - 1;
  }
  for (const auto& [name, text] : wanted)
    if (!done.count(name))
      ed.after[last].push_back(std::string(static_cast<std::size_t>(sub), ' ') + name + ": " + text);
}

// Checks that `after` differs from `before` only in the answers it was asked to set.
bool same_except(const YAML::Node& before, const YAML::Node& after,
                 const std::vector<AnswerRecord>& set, std::string* why) {
  auto dump = [](const YAML::Node& n) { return YAML::Dump(n); };
  auto fail = [&](std::string w) {
    if (why) *why = std::move(w);
    return false;
  };
  if (!after.IsMap()) return fail("the result is not a mapping");
  std::vector<std::string> kb, ka;
  if (before && before.IsMap())
    for (const auto& kv : before) kb.push_back(kv.first.Scalar());
  for (const auto& kv : after) ka.push_back(kv.first.Scalar());
  kb.erase(std::remove(kb.begin(), kb.end(), "answers"), kb.end());
  ka.erase(std::remove(ka.begin(), ka.end(), "answers"), ka.end());
  if (kb != ka) return fail("the top-level keys changed");
  for (const auto& k : kb)
    if (dump(before[k]) != dump(after[k])) return fail(fmt::format("'{}' changed", k));
  const YAML::Node ans = after["answers"];
  if (!ans || !ans.IsMap()) return fail("'answers' is missing");
  std::set<std::string> ids;
  for (const auto& a : set) ids.insert(a.fact);
  const YAML::Node old = before && before.IsMap() ? before["answers"] : YAML::Node();
  if (old && old.IsMap())
    for (const auto& kv : old) {
      const auto k = kv.first.Scalar();
      if (!ids.count(k) && (!ans[k] || dump(kv.second) != dump(ans[k])))
        return fail(fmt::format("the answer for '{}' changed", k));
    }
  for (const auto& a : set) {
    const YAML::Node n = ans[a.fact];
    if (!n || !n.IsMap()) return fail(fmt::format("the answer for '{}' was not written", a.fact));
    const YAML::Node v = n["value"];
    if (a.list) {
      StringList got;
      if (v && v.IsSequence())
        for (const auto& i : v) got.push_back(i.Scalar());
      if (got != *a.list) return fail(fmt::format("the value for '{}' reads back wrong", a.fact));
    } else if (!v || !v.IsScalar() || v.Scalar() != a.value) {
      return fail(fmt::format("the value for '{}' reads back wrong", a.fact));
    }
    for (const auto& [key, want] : {std::pair{"by", a.by}, {"date", a.date}, {"note", a.note}}) {
      const YAML::Node f = n[key];
      const std::string got = f && f.IsScalar() ? f.Scalar() : std::string();
      if (got != want) return fail(fmt::format("'{}' of '{}' reads back wrong", key, a.fact));
    }
  }
  return true;
}

}  // namespace

std::string yaml_flow_scalar(std::string_view s) {
  auto safe = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '.' || c == '_' ||
           c == '/' || c == '+' || c == '-' || c == '@';
  };
  const bool reserved = s == "null" || s == "Null" || s == "NULL";
  bool plain = !s.empty() && !reserved && s.front() != ' ' && s.back() != ' ' &&
               (std::isalnum(static_cast<unsigned char>(s.front())) || s.front() == '.' ||
                s.front() == '/');
  for (char c : s) plain = plain && safe(c);
  if (plain) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\x{:02x}", c);
        else out += c;
    }
  }
  return out + "\"";
}

std::string format_answer(const AnswerRecord& a) {
  std::string out = "{";
  bool first = true;
  for (const auto& [name, text] : fields(a)) {
    out += (first ? "" : ", ") + name + ": " + text;
    first = false;
  }
  return out + "}";
}

std::optional<std::string> set_answers(std::string_view text, const std::vector<AnswerRecord>& answers,
                                       Diagnostic* error) {
  auto fail = [&](std::string why, int line = 0, int column = 0) -> std::optional<std::string> {
    if (error) {
      error->severity = Severity::error;
      error->message = std::move(why);
      error->location.line = line;
      error->location.column = column;
      error->source_line.clear();
      if (line > 0) {
        const auto all = split_lines(text);
        if (static_cast<std::size_t>(line) <= all.size()) error->source_line = all[line - 1].body;
      }
    }
    return std::nullopt;
  };
  YAML::Node before;
  try {
    before = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return fail(fmt::format("malformed YAML: {}", e.msg), e.mark.line + 1, e.mark.column + 1);
  }
  if (before && !before.IsNull() && !before.IsMap())
    return fail("the file's top level is not a mapping; answers cannot be added to it");
  if (answers.empty()) return std::string(text);

  const auto lines = split_lines(text);
  const std::string eol = !lines.empty() && !lines.front().eol.empty() ? lines.front().eol : "\n";
  Edits ed;
  std::optional<std::size_t> key_at;
  for (std::size_t i = 0; i < lines.size() && !key_at; ++i)
    if (auto k = key_line(lines[i].body, 0); k && k->key == "answers") key_at = i;

  // Every answer line to append, at the child indentation of the block.
  auto entry_line = [](int indent, const AnswerRecord& a) {
    return std::string(static_cast<std::size_t>(indent), ' ') + yaml_flow_scalar(a.fact) + ": " +
           format_answer(a);
  };

  if (!key_at) {
    ed.at_end.push_back("answers:");
    for (const auto& a : answers) ed.at_end.push_back(entry_line(2, a));
  } else {
    const std::size_t k = *key_at;
    const auto kl = key_line(lines[k].body, 0);
    const auto [value, tail] = value_and_comment(kl->rest);
    if (value == "{}" || value == "~" || value == "null") {
      ed.replace[k] = kl->raw + ":" + tail;
    } else if (!value.empty()) {
      return fail("'answers' is written in flow style on one line; write it as an indented block "
                  "so answers can be added without rewriting it",
                  static_cast<int>(k) + 1, static_cast<int>(kl->raw.size()) + 3);
    }
    // The block: indented lines (and comments or blank lines between them) after the key.
    std::size_t last = k;
    for (std::size_t i = k + 1; i < lines.size(); ++i) {
      const auto& b = lines[i].body;
      if (content(b) && indent_of(b) == 0) break;
      if (!blank(b) && indent_of(b) > 0) last = i;
    }
    int child = -1;
    for (std::size_t i = k + 1; i <= last && child < 0; ++i)
      if (content(lines[i].body)) child = indent_of(lines[i].body);
    if (child < 0) child = 2;
    std::map<std::string, std::pair<std::size_t, std::size_t>> spans;
    for (std::size_t i = k + 1; i <= last; ++i) {
      auto e = key_line(lines[i].body, child);
      if (!e) continue;
      std::size_t end = i + 1;
      while (end <= last && (!content(lines[end].body) || indent_of(lines[end].body) > child)) ++end;
      while (end > i + 1 && !content(lines[end - 1].body)) --end;
      spans.emplace(e->key, std::pair{i, end});
      i = end - 1;
    }
    for (const auto& a : answers) {
      auto it = spans.find(a.fact);
      if (it == spans.end()) {
        ed.after[last].push_back(entry_line(child, a));
        continue;
      }
      const auto [s, e] = it->second;
      const auto el = key_line(lines[s].body, child);
      const auto [old, etail] = value_and_comment(el->rest);
      if (old.empty()) {
        edit_block_entry(lines, s, e, a, ed);
        continue;
      }
      // A one-line (or wrapped flow) entry becomes one line; full-line comments stay.
      ed.replace[s] = std::string(static_cast<std::size_t>(child), ' ') + el->raw + ": " +
                      format_answer(a) + (e == s + 1 ? etail : std::string());
      for (std::size_t j = s + 1; j < e; ++j)
        if (content(lines[j].body)) ed.replace[j] = std::nullopt;
    }
  }

  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto r = ed.replace.find(i);
    std::string line_eol = lines[i].eol;
    if (r == ed.replace.end()) out += lines[i].body + lines[i].eol;
    else if (r->second) out += *r->second + (line_eol.empty() ? eol : line_eol);
    if (auto a = ed.after.find(i); a != ed.after.end()) {
      if (line_eol.empty() && (r == ed.replace.end() || r->second)) out += eol;
      for (const auto& l : a->second) out += l + eol;
    }
  }
  if (!ed.at_end.empty()) {
    if (!out.empty() && out.back() != '\n') out += eol;
    for (const auto& l : ed.at_end) out += l + eol;
  }

  YAML::Node after;
  try {
    after = YAML::Load(out);
  } catch (const YAML::Exception& e) {
    return fail(fmt::format("editing the answers would break the file ({}); nothing was written", e.msg));
  }
  std::string why;
  if (!same_except(before, after, answers, &why))
    return fail(fmt::format("editing the answers in place would change more than them ({}); nothing "
                            "was written",
                            why));
  return out;
}

bool write_file_atomically(const std::string& path, std::string_view text, std::string* error) {
  std::string why;
  if (write_file_safely(path, text, why)) return true;
  if (error) *error = std::move(why);
  return false;
}

}  // namespace lambdafit
