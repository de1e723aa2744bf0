#include "scanning/suppressions.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "core/glob.hpp"
#include "core/spelling.hpp"
#include "permissions/findings.hpp"
#include "rulepack/model.hpp"
#include "scanning/engine/file_cache.hpp"
#include "scanning/scan.hpp"
#include "scanning/text/comments.hpp"
#include "scanning/text/file_type.hpp"
#include "scanning/text/text_file.hpp"

namespace lambdafit {

namespace {

constexpr std::string_view kMarker = "lambdafit-ignore";
// Files without evidence larger than this are not searched for comments (data, archives).
constexpr std::uintmax_t kMaxSearchedSize = 16u << 20;

bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

bool is_id_char(char c) {
  return is_word(c) || c == '.' || c == '*' || c == '?' || c == '[' || c == ']' || c == '!' ||
         c == '/';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Block comments still open at the start of a line, for languages with `/* */` or `<!-- -->`.
struct BlockState {
  bool c = false;
  bool html = false;
  bool open() const { return c || html; }
  void advance(std::string_view line) {
    for (std::size_t i = 0; i < line.size(); ++i) {
      const auto rest = line.substr(i);
      if (c) {
        if (rest.starts_with("*/")) c = false, ++i;
      } else if (html) {
        if (rest.starts_with("-->")) html = false, i += 2;
      } else if (rest.starts_with("/*")) {
        c = true, ++i;
      } else if (rest.starts_with("<!--")) {
        html = true, i += 3;
      }
    }
  }
};

// Whether a comment opens somewhere before `pos` on the line. Deliberately loose (string
// literals are not tracked) so that it works for every language's comment syntax.
bool comment_before(std::string_view line, std::size_t pos) {
  const auto prefix = line.substr(0, pos);
  for (std::string_view opener : {"//", "/*", "#", "--", ";", "<!--"})
    if (prefix.find(opener) != std::string_view::npos) return true;
  return false;
}

std::string ids_text(const std::vector<std::string>& ids) {
  return ids.empty() ? std::string() : fmt::format("({})", fmt::join(ids, ","));
}

struct Marker {
  enum { same, next, begin, end } form;
  int line;
  int column;
  std::vector<std::string> ids;  // as written
  std::vector<std::string> key;  // sorted, to pair begin with end
  std::string reason;
  std::string source_line;
};

class Parser {
 public:
  Parser(const std::string& path, FileSuppressions& out) : path_(path), out_(out) {}

  // `in_string(pos)`: whether the language's lexer puts that byte of the line inside a
  // string literal; such a marker is data (`puts("lambdafit-ignore: …")`), not a comment.
  template <class InString>
  void line(std::string_view text, int number, bool in_block, const InString& in_string) {
    for (std::size_t pos = text.find(kMarker); pos != std::string_view::npos;
         pos = text.find(kMarker, pos + kMarker.size())) {
      if (pos > 0 && is_word(text[pos - 1])) continue;  // part of a longer word
      if (!in_block && !comment_before(text, pos)) continue;
      if (in_string(pos)) continue;
      marker(text, number, pos);
    }
  }

  void finish() {
    for (const auto& m : open_)
      problem(Severity::error, m,
              fmt::format("'lambdafit-ignore-begin{}' is never closed by a matching "
                          "'lambdafit-ignore-end{}'",
                          ids_text(m.ids), ids_text(m.ids)));
    open_.clear();
    std::sort(out_.items.begin(), out_.items.end(), [](const Suppression& a, const Suppression& b) {
      return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
    std::stable_sort(out_.problems.begin(), out_.problems.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                       return std::tie(a.location.line, a.location.column) <
                              std::tie(b.location.line, b.location.column);
                     });
  }

 private:
  void problem(Severity s, const Marker& m, std::string message) {
    out_.problems.push_back({s, std::move(message), {path_, m.line, m.column}, m.source_line});
  }

  void marker(std::string_view text, int number, std::size_t pos) {
    Marker m;
    m.line = number;
    m.column = static_cast<int>(pos) + 1;
    m.source_line = std::string(text);
    // The form is the whole word after the marker, so `-next-line` is never read as the
    // same-line form followed by noise, and a misspelled form is reported, not ignored.
    std::size_t q = pos + kMarker.size();
    while (q < text.size() && is_word(text[q])) ++q;
    if (q >= 2 && q < text.size() && text[q] == '>' && text.substr(q - 2, 2) == "--") q -= 2;
    const auto suffix = text.substr(pos + kMarker.size(), q - pos - kMarker.size());
    if (suffix.empty()) m.form = Marker::same;
    else if (suffix == "-next-line") m.form = Marker::next;
    else if (suffix == "-begin") m.form = Marker::begin;
    else if (suffix == "-end") m.form = Marker::end;
    else {
      const std::string word = std::string(kMarker) + std::string(suffix);
      problem(Severity::warning, m,
              fmt::format("unknown suppression form '{}'{}", word,
                          did_you_mean(word, {"lambdafit-ignore", "lambdafit-ignore-next-line",
                                              "lambdafit-ignore-begin", "lambdafit-ignore-end"})));
      return;
    }
    std::size_t after = q;
    if (q < text.size() && text[q] == '(') {
      const auto close = text.find(')', q);
      if (close == std::string_view::npos) {
        problem(Severity::error, m, "missing ')' after the suppression's id list");
        return;
      }
      const auto list = text.substr(q + 1, close - q - 1);
      std::size_t start = 0;
      while (true) {
        const auto comma = list.find(',', start);
        const auto id = trim(list.substr(start, comma == std::string_view::npos ? list.npos : comma - start));
        if (id.empty()) {
          problem(Severity::error, m, "empty id in the suppression's id list");
          return;
        }
        if (!std::all_of(id.begin(), id.end(), is_id_char)) {
          problem(Severity::error, m, fmt::format("'{}' is not a detector id or glob", id));
          return;
        }
        m.ids.emplace_back(id);
        if (comma == std::string_view::npos) break;
        start = comma + 1;
      }
      after = close + 1;
    }
    while (after < text.size() && (text[after] == ' ' || text[after] == '\t')) ++after;
    if (after < text.size() && text[after] == ':') {
      auto reason = text.substr(after + 1);
      for (std::string_view closer : {"*/", "-->"})
        if (auto c = reason.find(closer); c != std::string_view::npos) reason = reason.substr(0, c);
      m.reason = std::string(trim(reason));
    }
    m.key = m.ids;
    std::sort(m.key.begin(), m.key.end());
    if (m.form != Marker::end && m.reason.empty())
      problem(Severity::warning, m,
              fmt::format("suppression without a reason; write '{}{}: <why>'",
                          m.form == Marker::same ? "lambdafit-ignore"
                          : m.form == Marker::next ? "lambdafit-ignore-next-line"
                                                   : "lambdafit-ignore-begin",
                          ids_text(m.ids)));
    switch (m.form) {
      case Marker::same: add(m, SuppressionForm::same_line, m.line, m.line); break;
      case Marker::next: add(m, SuppressionForm::next_line, m.line + 1, m.line + 1); break;
      case Marker::begin: open_.push_back(std::move(m)); break;
      case Marker::end: close(m); break;
    }
  }

  // The most recent open begin with the same ids closes; others stay open (as clang-tidy).
  void close(const Marker& end) {
    auto it = std::find_if(open_.rbegin(), open_.rend(),
                           [&](const Marker& b) { return b.key == end.key; });
    if (it == open_.rend()) {
      problem(Severity::error, end,
              fmt::format("'lambdafit-ignore-end{}' has no matching 'lambdafit-ignore-begin{}'",
                          ids_text(end.ids), ids_text(end.ids)));
      return;
    }
    add(*it, SuppressionForm::block, it->line, end.line);
    open_.erase(std::next(it).base());
  }

  void add(const Marker& m, SuppressionForm form, int first, int last) {
    Suppression s;
    s.path = path_;
    s.line = m.line;
    s.column = m.column;
    s.form = form;
    s.ids = m.ids;
    s.reason = m.reason;
    s.source_line = m.source_line;
    s.first_line = first;
    s.last_line = last;
    out_.items.push_back(std::move(s));
  }

  const std::string& path_;
  FileSuppressions& out_;
  std::vector<Marker> open_;
};

bool has_glob_chars(std::string_view s) { return s.find_first_of("*?[") != std::string_view::npos; }

}  // namespace

std::string_view to_string(SuppressionForm f) noexcept {
  switch (f) {
    case SuppressionForm::same_line: return "lambdafit-ignore";
    case SuppressionForm::next_line: return "lambdafit-ignore-next-line";
    case SuppressionForm::block: return "lambdafit-ignore-begin";
  }
  return "lambdafit-ignore";
}

FileSuppressions parse_suppressions(std::string_view text, const std::string& path) {
  FileSuppressions out;
  if (text.find(kMarker) == std::string_view::npos) return out;
  if (text.substr(0, 8192).find('\0') != std::string_view::npos) return out;  // binary
  // Files lambdafit wrote (baselines, SARIF, reports) quote markers in their snippets.
  if (written_by_lambdafit(text)) return out;
  FileType type = file_type_from_path(path);
  if (type.name.empty()) type = file_type_from_shebang(text.substr(0, std::min<std::size_t>(text.find('\n'), 256)));
  if (type.name == "json") return out;  // JSON has no comments
  // Bytes inside string literals, by the language's own lexer: blanked when strings are
  // blanked, kept when only comments are. Unknown types have no strings tracked.
  std::string with_strings, code_only;
  if (type.comments != CommentStyle::none && type.comments != CommentStyle::ini) {
    const auto style = type.comments == CommentStyle::crontab ? CommentStyle::hash : type.comments;
    with_strings = blank_comments(text, style, false);
    code_only = blank_comments(text, style, true);
  }
  Parser parser(path, out);
  BlockState block;
  int number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto nl = text.find('\n', start);
    auto line = text.substr(start, nl == std::string_view::npos ? text.npos : nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++number;
    if (line.find(kMarker) != std::string_view::npos) {
      const std::size_t base = start;
      parser.line(line, number, block.open(), [&](std::size_t pos) {
        const std::size_t at = base + pos;
        return at < code_only.size() && code_only[at] != text[at] && with_strings[at] == text[at];
      });
    }
    block.advance(line);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  parser.finish();
  return out;
}

bool suppression_names(const Suppression& s, const std::vector<std::string>& names) {
  if (s.ids.empty()) return true;
  for (const auto& pattern : s.ids)
    for (const auto& n : names)
      if (glob_match(pattern, n)) return true;
  return false;
}

std::string format_one_line(const Diagnostic& d) {
  Diagnostic copy = d;
  copy.source_line.clear();
  return copy.format();
}

SuppressionReport apply_suppressions(const ScanInput& in, const detail::RulePackData& pack,
                                     std::vector<Evidence>& evidence) {
  // What a suppression may name for each detector: its id, its fact, the criteria reading it.
  std::map<std::string, std::vector<std::string>> names_of;
  std::vector<std::string> known;
  for (const auto& d : pack.detectors) {
    auto& names = names_of[d.id];
    names = {d.id, d.fact};
    for (const auto& c : pack.criteria)
      if (std::find(c.facts.begin(), c.facts.end(), d.fact) != c.facts.end()) names.push_back(c.id);
    known.push_back(d.id);
  }
  for (const auto& f : pack.facts) known.push_back(f.id);
  for (const auto& c : pack.criteria) known.push_back(c.id);
  // The permission checks are not pack detectors; lint applies these suppressions to them.
  for (const auto& id : permissions::permission_check_ids()) known.push_back(id);

  std::set<std::string> with_evidence;
  for (const auto& e : evidence) with_evidence.insert(e.path);
  std::map<std::string, FileSuppressions> by_path;
  auto load = [&](const std::string& rel, const std::filesystem::path& abs) {
    auto text = read_file(abs);
    by_path[rel] = text ? parse_suppressions(*text, rel) : FileSuppressions{};
    return text;
  };
  // Most files hold no suppression comment at all: that answer is kept per file (the per-file
  // cache's identity rules), so re-assessing an unchanged tree does not read every file again
  // for it. A file with comments, or problems in them, is read and parsed every run.
  engine::FileCache has_comments(in, "suppression-comments", {});
  for (std::size_t i = 0; i < in.files.size(); ++i) {
    const auto& f = in.files[i];
    if (f.size > kMaxSearchedSize && !with_evidence.count(f.path)) continue;
    if (has_comments.lookup_flag(i) == std::optional<bool>(false)) {
      by_path[f.path] = FileSuppressions{};
      continue;
    }
    const auto text = load(f.path, f.absolute);
    const auto& got = by_path[f.path];
    if (text) has_comments.store_flag(i, !got.items.empty() || !got.problems.empty(), &*text);
  }
  has_comments.save();
  for (const auto& p : with_evidence)
    if (!by_path.count(p)) load(p, in.root / p);

  for (auto& e : evidence) {
    if (e.line <= 0) continue;
    auto it = by_path.find(e.path);
    if (it == by_path.end()) continue;
    auto n = names_of.find(e.detector);
    const std::vector<std::string> fallback{e.detector, e.fact};
    const auto& names = n != names_of.end() ? n->second : fallback;
    for (auto& s : it->second.items) {
      if (e.line < s.first_line || e.line > s.last_line || !suppression_names(s, names)) continue;
      if (!e.suppressed) {
        e.suppressed = true;
        e.suppression_reason = s.reason;
      }
      ++s.uses;
    }
  }

  SuppressionReport report;
  for (auto& [path, fs] : by_path) {
    for (const auto& s : fs.items) {
      for (const auto& id : s.ids) {
        const bool named = has_glob_chars(id)
                               ? std::any_of(known.begin(), known.end(),
                                             [&](const std::string& k) { return glob_match(id, k); })
                               : std::find(known.begin(), known.end(), id) != known.end();
        if (named) continue;
        fs.problems.push_back(
            {Severity::warning,
             has_glob_chars(id)
                 ? fmt::format("'{}' in the suppression matches no detector, fact or criterion", id)
                 : fmt::format("unknown id '{}' in the suppression{}", id, did_you_mean(id, known)),
             {path, s.line, s.column},
             s.source_line});
      }
    }
    for (auto& s : fs.items) report.items.push_back(std::move(s));
    for (auto& p : fs.problems) report.problems.push_back(std::move(p));
  }
  std::stable_sort(report.problems.begin(), report.problems.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tie(a.location.file, a.location.line, a.location.column) <
                            std::tie(b.location.file, b.location.line, b.location.column);
                   });
  return report;
}

}  // namespace lambdafit
