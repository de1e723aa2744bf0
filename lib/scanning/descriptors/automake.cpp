// Automake's Makefile.am, read for what it builds: every variable assignment becomes one map
// entry, the variable's name -> the list of its words, with the references to variables of
// the same file expanded.
//
//   bin_PROGRAMS = lfd                  # root.bin_PROGRAMS = [lfd]
//   lfd_SOURCES = main.c \              # continuation lines are joined
//                 $(common)             # expanded from `common` below, wherever it is set
//   if WITH_TLS
//   lfd_SOURCES += tls.c                # every branch of a conditional counts: for roles,
//   endif                               # any of them may be built
//
// `=`, `:=` and `+=` are read; an assignment outside every conditional replaces the value,
// one inside a conditional adds to it (the union of the branches). Rule lines (`target:
// deps`), recipe lines (a leading tab) and `include` lines are skipped. `$(srcdir)` and
// `$(builddir)` are the Makefile.am's own folder ("."), `$(EXEEXT)` is empty as on Linux.
// A reference this file does not define (`$(top_srcdir)`, one configure substitutes, a
// function call) and an `@SUBST@` value are left as written, and the word that holds one
// takes the position of the first such reference, so the rule that reads it can note it at
// its line and column. Every word keeps the line and column where it is written; a word
// that came from a reference expanded inside other text takes the position of that text.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

#include "scanning/descriptors/document.hpp"

namespace lambdafit::descriptors {

namespace {

constexpr int kMaxDepth = 16;                       // nested references followed
constexpr std::size_t kMaxWords = 100000;           // words the expansion may produce
constexpr std::size_t kMaxBytes = 8 * 1024 * 1024;  // and their text (real files need a few KB)

struct Word {
  std::string text;
  int line = 0;
  int column = 0;
};

struct Variable {
  int line = 0, column = 0;  ///< where the assignment in effect starts (its name)
  std::vector<Word> words;   ///< as written, references unexpanded
};

// A line with its continuations joined; `pieces` map offsets back to the physical lines.
struct LogicalLine {
  struct Piece {
    std::size_t offset;
    int line, column;
  };
  std::string text;
  std::vector<Piece> pieces;
  bool recipe = false;  ///< starts with a tab

  std::pair<int, int> position(std::size_t offset) const {
    auto it = std::upper_bound(pieces.begin(), pieces.end(), offset,
                               [](std::size_t o, const Piece& p) { return o < p.offset; });
    if (it != pieces.begin()) --it;
    return {it->line, it->column + static_cast<int>(offset - it->offset)};
  }
};

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

std::vector<LogicalLine> logical_lines(std::string_view text) {
  std::vector<LogicalLine> out;
  bool continues = false;
  int number = 0;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    std::string_view l = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++number;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    const bool next_continues = !l.empty() && l.back() == '\\';
    if (next_continues) l.remove_suffix(1);
    if (!continues) {
      out.emplace_back();
      out.back().recipe = !l.empty() && l.front() == '\t';
      out.back().pieces.push_back({0, number, 1});
      out.back().text = std::string(l);
    } else {
      // Make joins a continuation with one space, dropping the next line's leading blanks.
      std::size_t lead = 0;
      while (lead < l.size() && blank(l[lead])) ++lead;
      auto& cur = out.back();
      cur.text += ' ';
      cur.pieces.push_back({cur.text.size(), number, static_cast<int>(lead) + 1});
      cur.text += l.substr(lead);
    }
    continues = next_continues;
  }
  return out;
}

// The end of the reference that starts at `i` (`$(…)`, `${…}`, `$x`), just past it; nested
// brackets are followed. A reference left open ends the text.
std::size_t reference_end(std::string_view s, std::size_t i) {
  if (i + 1 >= s.size()) return s.size();
  const char open = s[i + 1];
  if (open != '(' && open != '{') return i + 2;
  const char close = open == '(' ? ')' : '}';
  int depth = 0;
  for (std::size_t j = i + 1; j < s.size(); ++j) {
    if (s[j] == open) ++depth;
    else if (s[j] == close && --depth == 0) return j + 1;
  }
  return s.size();
}

// Words of `s` split at blanks outside references (`$(patsubst %.c,%.o, $(x))` is one word),
// as [start, end) offsets.
std::vector<std::pair<std::size_t, std::size_t>> split_words(std::string_view s) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && blank(s[i])) ++i;
    if (i >= s.size()) break;
    const std::size_t start = i;
    while (i < s.size() && !blank(s[i])) i = s[i] == '$' ? std::max(i + 1, reference_end(s, i)) : i + 1;
    out.emplace_back(start, i);
  }
  return out;
}

// The offset of the first `@NAME@` configure substitution in `s`, or npos.
std::size_t substitution_at(std::string_view s) {
  for (std::size_t i = s.find('@'); i != std::string_view::npos; i = s.find('@', i + 1)) {
    std::size_t j = i + 1;
    while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
    if (j > i + 1 && j < s.size() && s[j] == '@') return i;
  }
  return std::string_view::npos;
}

class Expander {
 public:
  explicit Expander(const std::map<std::string, Variable>& vars) : vars_(vars) {}

  const std::vector<Word>& expand(const std::string& name) {
    const int depth = static_cast<int>(active_.size());
    if (auto it = done_.find(name); it != done_.end()) return it->second;
    active_.insert(name);
    std::vector<Word> out;
    for (const auto& w : vars_.at(name).words) {
      if (full()) break;
      expand_word(w, depth, out);
    }
    active_.erase(name);
    return done_[name] = std::move(out);
  }
  bool overflowed() const { return overflow_; }

 private:
  const std::map<std::string, Variable>& vars_;
  std::map<std::string, std::vector<Word>> done_;
  std::set<std::string> active_;
  std::size_t words_ = 0, bytes_ = 0;
  bool overflow_ = false;

  bool full() {
    if (words_ >= kMaxWords || bytes_ >= kMaxBytes) overflow_ = true;
    return overflow_;
  }
  void push(std::vector<Word>& out, Word w) {
    if (full()) return;
    ++words_;
    bytes_ += w.text.size();
    out.push_back(std::move(w));
  }

  // The words a reference's name stands for, or nullptr when this file cannot say.
  const std::vector<Word>* lookup(std::string_view name, int depth) {
    static const std::vector<Word> dot{Word{".", 0, 0}}, empty;
    if (name == "srcdir" || name == "builddir" || name == "abs_srcdir" || name == "abs_builddir") return &dot;
    if (name == "EXEEXT") return &empty;
    const auto it = vars_.find(std::string(name));
    if (it == vars_.end() || depth >= kMaxDepth || active_.count(it->first)) return nullptr;
    return &expand(it->first);
  }

  void expand_word(const Word& w, int depth, std::vector<Word>& out) {
    if (full()) return;
    const std::string_view s = w.text;
    if (s.find('$') == std::string_view::npos) return push(out, w);
    // A word that is one reference to a variable of this file: its words, where written.
    if (s.size() > 3 && (s[1] == '(' || s[1] == '{') && reference_end(s, 0) == s.size()) {
      const std::string_view name = s.substr(2, s.size() - 3);
      if (const auto* words = lookup(name, depth + 1)) {
        for (const auto& x : *words)
          push(out, x.line > 0 ? x : Word{x.text, w.line, w.column});
        return;
      }
    }
    // Otherwise the text with what can be expanded put in, split again.
    std::string text;
    std::size_t unknown = std::string_view::npos;  // where the first reference left as written starts
    std::vector<std::size_t> kept;                 // offsets in `text` of references left as written
    for (std::size_t i = 0; i < s.size();) {
      if (s[i] != '$') {
        text += s[i++];
        continue;
      }
      const std::size_t end = reference_end(s, i);
      if (i + 1 < s.size() && s[i + 1] == '$') {
        text += '$';
        i += 2;
        continue;
      }
      const std::vector<Word>* words = nullptr;
      if (end - i > 3 && (s[i + 1] == '(' || s[i + 1] == '{') && (s[end - 1] == ')' || s[end - 1] == '}'))
        words = lookup(s.substr(i + 2, end - i - 3), depth + 1);
      if (words) {
        for (std::size_t k = 0; k < words->size(); ++k) text += (k ? " " : "") + (*words)[k].text;
      } else {
        if (unknown == std::string_view::npos) unknown = i;
        kept.push_back(text.size());
        text.append(s.substr(i, end - i));
      }
      i = end;
      if (text.size() > kMaxBytes) break;
    }
    if (const auto at = substitution_at(s); at < unknown) unknown = at;
    auto next_kept = kept.begin();  // both ascend: one pass
    for (const auto& [b, e] : split_words(text)) {
      Word x{text.substr(b, e - b), w.line, w.column};
      while (next_kept != kept.end() && *next_kept < b) ++next_kept;
      const bool holds_unknown = (next_kept != kept.end() && *next_kept < e) ||
                                 substitution_at(x.text) != std::string_view::npos;
      if (holds_unknown && unknown != std::string_view::npos) x.column = w.column + static_cast<int>(unknown);
      push(out, std::move(x));
    }
  }
};

bool is_keyword(std::string_view l, std::string_view word) {
  return l.substr(0, word.size()) == word && (l.size() == word.size() || blank(l[word.size()]));
}

}  // namespace

Document read_automake(std::string_view text) {
  Document d;
  std::map<std::string, Variable> vars;
  std::vector<std::string> order;  // first assignment first
  int conditionals = 0;
  for (const auto& l : logical_lines(text)) {
    if (l.recipe) continue;  // a rule's recipe
    std::string_view s = l.text;
    if (const auto hash = s.find('#'); hash != std::string_view::npos) s = s.substr(0, hash);
    // Automake's conditionals start in the first column; GNU make's (ifeq, ifdef) pass through
    // Automake and are read the same way.
    if (is_keyword(s, "if") || is_keyword(s, "ifeq") || is_keyword(s, "ifneq") || is_keyword(s, "ifdef") ||
        is_keyword(s, "ifndef")) {
      ++conditionals;
      continue;
    }
    if (is_keyword(s, "endif")) {
      conditionals = std::max(0, conditionals - 1);
      continue;
    }
    if (is_keyword(s, "else")) continue;
    std::size_t i = 0;
    while (i < s.size() && s[i] == ' ') ++i;
    const std::size_t name_start = i;
    while (i < s.size() && !blank(s[i]) && s[i] != '=' && s[i] != ':' && s[i] != '+') ++i;
    const std::string_view name = s.substr(name_start, i - name_start);
    while (i < s.size() && blank(s[i])) ++i;
    std::string_view op;
    for (std::string_view o : {"+=", ":=", "="})
      if (s.substr(i, o.size()) == o) {
        op = o;
        break;
      }
    // Not an assignment: a rule (`target: deps`), an `include`, or text Automake passes on.
    // A name built from references is not followed either.
    if (op.empty() || name.empty() || name.find('$') != std::string_view::npos) continue;
    i += op.size();
    Variable& v = vars[std::string(name)];
    if (v.line == 0) order.emplace_back(name);
    if (op != "+=" && conditionals == 0) v.words.clear();  // one value replaces another
    if (v.line == 0 || (op != "+=" && conditionals == 0))
      std::tie(v.line, v.column) = l.position(name_start);
    for (const auto& [b, e] : split_words(s.substr(i))) {
      const auto [line, column] = l.position(i + b);
      v.words.push_back(Word{std::string(s.substr(i + b, e - b)), line, column});
    }
  }
  DocNode root = DocNode::make_map(1, 1);
  Expander x(vars);
  for (const auto& name : order) {
    const Variable& v = vars.at(name);
    DocNode list = DocNode::make_list(v.line, v.column);
    for (const auto& w : x.expand(name)) list.items.emplace_back("", DocNode::make_scalar(w.text, w.line, w.column));
    root.items.emplace_back(name, std::move(list));
    if (x.overflowed()) {
      d.error = ReadError{v.line, v.column, "its variables expand to too many words; the rest is not read"};
      break;
    }
  }
  d.roots.push_back(std::move(root));
  return d;
}

}  // namespace lambdafit::descriptors
