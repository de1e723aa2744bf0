#include "scanning/treesitter/simple_pattern.hpp"

#include <algorithm>

#include "scanning/treesitter/grammars.hpp"

namespace lambdafit::ts {

namespace {

// Reads query text with tree-sitter's lexical rules: blanks and `;` comments between tokens,
// identifiers of [alnum _ - . ? !], strings in double quotes with \n \r \t \0 escapes (any
// other escaped character stands for itself) and no raw line break.
class Reader {
 public:
  explicit Reader(std::string_view text) : s_(text) {}

  std::size_t pos() const { return i_; }
  bool at_end() {
    skip();
    return i_ >= s_.size();
  }
  char peek() {
    skip();
    return i_ < s_.size() ? s_[i_] : '\0';
  }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  // An identifier right here (no blank before it).
  std::optional<std::string> ident() {
    const std::size_t b = i_;
    while (i_ < s_.size() && ident_char(s_[i_])) ++i_;
    if (b == i_ || !ident_start(s_[b])) {
      i_ = b;
      return std::nullopt;
    }
    return std::string(s_.substr(b, i_ - b));
  }
  std::optional<std::string> string() {
    if (peek() != '"') return std::nullopt;
    std::string out;
    for (++i_; i_ < s_.size(); ++i_) {
      const char c = s_[i_];
      if (c == '"') {
        ++i_;
        return out;
      }
      if (c == '\n') return std::nullopt;
      if (c == '\\') {
        if (++i_ >= s_.size()) return std::nullopt;
        switch (s_[i_]) {
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case '0': out += '\0'; break;
          default: out += s_[i_];
        }
        continue;
      }
      out += c;
    }
    return std::nullopt;
  }
  // Skips one balanced form: (…), […], a string, or an identifier. False on anything else.
  bool skip_form() {
    const char c = peek();
    if (c == '"') return string().has_value();
    if (c != '(' && c != '[') return ident().has_value();
    std::vector<char> open;
    while (!at_end()) {
      const char d = peek();
      if (d == '"') {
        if (!string()) return false;
        continue;
      }
      ++i_;
      if (d == '(' || d == '[') open.push_back(d == '(' ? ')' : ']');
      else if (d == ')' || d == ']') {
        if (open.empty() || open.back() != d) return false;
        open.pop_back();
        if (open.empty()) return true;
      }
    }
    return false;
  }

 private:
  static bool ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  static bool ident_start(char c) { return ascii_alnum(c) || c == '_' || c == '-'; }
  static bool ident_char(char c) {
    return ascii_alnum(c) || c == '_' || c == '-' || c == '.' || c == '?' || c == '!';
  }
  void skip() {
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') ++i_;
      else if (c == ';')
        while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      else break;
    }
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

// Skips one top-level pattern as tree-sitter splits them: an optional `field:` prefix, a
// form, then quantifiers and captures. False when the text is not shaped like that here.
bool skip_pattern(Reader& r) {
  if (r.peek() != '(' && r.peek() != '[' && r.peek() != '"') {
    if (!r.ident()) return false;
    if (r.eat(':')) {
      if (!r.skip_form()) return false;
    }
  } else if (!r.skip_form()) {
    return false;
  }
  for (;;) {
    const char c = r.peek();
    if (c == '*' || c == '+' || c == '?') r.eat(c);
    else if (c == '@') {
      r.eat('@');
      if (!r.ident()) return false;
    } else {
      return true;
    }
  }
}

struct ChildStep {
  std::string field;  ///< empty: any field or none
  std::string type;   ///< `_`: any named node but ERROR
  std::vector<std::string> anonymous;  ///< else: one of these anonymous nodes
  std::vector<std::string> captures;
};

struct Parsed {
  std::string type;
  std::vector<std::string> captures;
  std::vector<ChildStep> children;
  std::vector<std::pair<std::string, std::vector<std::pair<bool, std::string>>>> predicates;
};

// `(#name? operand…)`, the `(` already read.
bool read_predicate(Reader& r, Parsed& p) {
  if (!r.eat('#')) return false;
  auto name = r.ident();
  if (!name) return false;
  auto& [n, ops] = p.predicates.emplace_back(*name, std::vector<std::pair<bool, std::string>>{});
  for (;;) {
    if (r.eat(')')) return true;
    if (r.eat('@')) {
      auto c = r.ident();
      if (!c) return false;
      ops.emplace_back(true, *c);
    } else if (r.peek() == '"') {
      auto s = r.string();
      if (!s) return false;
      ops.emplace_back(false, *s);
    } else {
      r.peek();  // skip blanks before a bare word
      auto w = r.ident();
      if (!w) return false;
      ops.emplace_back(false, *w);
    }
  }
}

// A child step: `(type) @cap*`, or an anonymous node `"x"` or `["x" "y"…]` (no captures).
bool read_child(Reader& r, ChildStep& c) {
  if (r.eat('[')) {
    while (!r.eat(']')) {
      auto s = r.string();
      if (!s) return false;
      c.anonymous.push_back(*s);
    }
    return !c.anonymous.empty();
  }
  if (r.peek() == '"') {
    auto s = r.string();
    if (!s) return false;
    c.anonymous.push_back(*s);
    return true;
  }
  if (!r.eat('(')) return false;
  r.peek();
  auto type = r.ident();
  if (!type || !r.eat(')')) return false;
  c.type = *type;
  while (r.eat('@')) {
    auto name = r.ident();
    if (!name) return false;
    c.captures.push_back(*name);
  }
  return true;
}

// `(type child* (#pred…)*) @cap*`: the node, its child steps and captures.
bool read_node(Reader& r, Parsed& p) {
  if (!r.eat('(')) return false;
  r.peek();
  auto type = r.ident();
  if (!type) return false;
  p.type = *type;
  for (;;) {
    if (r.eat(')')) break;
    const char next = r.peek();
    if (next == '(') {
      Reader look = r;
      look.eat('(');
      if (look.peek() == '#') {
        r.eat('(');
        if (!read_predicate(r, p)) return false;
      } else if (!read_child(r, p.children.emplace_back())) {
        return false;
      }
      continue;
    }
    if (next == '[' || next == '"') {
      if (!read_child(r, p.children.emplace_back())) return false;
      continue;
    }
    auto field = r.ident();
    if (!field || !r.eat(':')) return false;
    ChildStep& c = p.children.emplace_back();
    c.field = *field;
    if (!read_child(r, c)) return false;
  }
  while (r.eat('@')) {
    auto c = r.ident();
    if (!c) return false;
    p.captures.push_back(*c);
  }
  return true;
}

// One pattern, [b, e) of the query, when it is a single node: `(node) @cap*` or
// `((node) @cap* (#pred…)*)`.
std::optional<Parsed> read_simple(std::string_view text) {
  Reader r(text);
  Parsed p;
  if (r.peek() != '(') return std::nullopt;
  Reader look = r;
  look.eat('(');
  if (look.peek() == '(') {  // a group: the node first, then predicates
    r.eat('(');
    if (!read_node(r, p)) return std::nullopt;
    for (;;) {
      if (r.eat(')')) break;
      if (!r.eat('(') || !read_predicate(r, p)) return std::nullopt;
    }
  } else if (!read_node(r, p)) {
    return std::nullopt;
  }
  if (!r.at_end()) return std::nullopt;  // a quantifier or a capture on the group
  return p;
}

bool plain_type(const std::string& t) {
  if (t == "ERROR" || t == "MISSING") return false;
  return std::all_of(t.begin(), t.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::optional<SimplePattern> to_simple(Grammar g, const TSLanguage* lang, std::string_view text,
                                       std::size_t start, const Parsed& p) {
  const auto symbol = [&](const std::string& type) -> TSSymbol {
    if (!plain_type(type)) return 0;
    const TSSymbol sym =
        ts_language_symbol_for_name(lang, type.data(), static_cast<uint32_t>(type.size()), true);
    return sym != 0 && ts_language_symbol_type(lang, sym) == TSSymbolTypeRegular ? sym : 0;
  };
  SimplePattern s;
  s.symbol = symbol(p.type);
  if (s.symbol == 0) return std::nullopt;
  std::vector<std::string> names;
  const auto capture = [&](const std::string& c) {
    auto it = std::find(names.begin(), names.end(), c);
    if (it == names.end()) it = names.insert(names.end(), c);
    const auto id = static_cast<uint32_t>(it - names.begin());
    if (c == "match") s.match_capture = id;
    return id;
  };
  for (const auto& c : p.captures) s.captures.push_back(capture(c));
  for (const ChildStep& c : p.children) {
    SimpleChild& k = s.children.emplace_back();
    if (!c.field.empty()) {
      k.field = ts_language_field_id_for_name(lang, c.field.data(), static_cast<uint32_t>(c.field.size()));
      if (k.field == 0) return std::nullopt;
    }
    for (const auto& a : c.anonymous) {
      const TSSymbol sym = ts_language_symbol_for_name(lang, a.data(), static_cast<uint32_t>(a.size()), false);
      if (sym == 0 || ts_language_symbol_type(lang, sym) != TSSymbolTypeAnonymous) return std::nullopt;
      k.any_of.push_back(sym);
    }
    if (c.anonymous.empty() && c.type != "_" && (k.symbol = symbol(c.type)) == 0) return std::nullopt;
    for (const auto& name : c.captures) k.captures.push_back(capture(name));
  }
  std::vector<PredicateCall> calls;
  for (const auto& [name, ops] : p.predicates) {
    PredicateCall& call = calls.emplace_back();
    call.name = name;
    for (const auto& [is_capture, value] : ops) {
      auto& o = call.operands.emplace_back();
      o.capture = is_capture;
      if (!is_capture) {
        o.text = value;
        continue;
      }
      const auto it = std::find(names.begin(), names.end(), value);
      if (it == names.end()) return std::nullopt;  // a capture not on this node
      o.id = static_cast<uint32_t>(it - names.begin());
    }
  }
  s.capture_names = names;
  bool uses_imports = false;
  QueryError err;
  if (!build_predicates(g, text, static_cast<uint32_t>(start), calls, s.predicates, s.needed,
                        uses_imports, err))
    return std::nullopt;
  return s;
}

}  // namespace

std::optional<std::vector<std::optional<SimplePattern>>> simple_patterns(Grammar g, std::string_view text) {
  const TSLanguage* lang = load_grammar(g, nullptr);
  if (!lang) return std::nullopt;
  std::vector<std::optional<SimplePattern>> out;
  Reader r(text);
  while (!r.at_end()) {
    const std::size_t b = r.pos();
    if (!skip_pattern(r)) return std::nullopt;
    const std::string_view one = text.substr(b, r.pos() - b);
    const auto parsed = read_simple(one);
    out.push_back(parsed ? to_simple(g, lang, text, b, *parsed) : std::nullopt);
  }
  return out;
}

namespace {

struct Child {
  TSNode node;
  TSFieldId field;
};

constexpr TSSymbol kErrorSymbol = static_cast<TSSymbol>(-1);  // ts_builtin_sym_error (parser.h)

bool fits(const SimpleChild& step, const Child& c) {
  if (step.field && step.field != c.field) return false;
  if (!step.any_of.empty())
    return std::find(step.any_of.begin(), step.any_of.end(), ts_node_symbol(c.node)) != step.any_of.end();
  if (step.symbol) return ts_node_symbol(c.node) == step.symbol;
  return ts_node_is_named(c.node) && ts_node_symbol(c.node) != kErrorSymbol;
}

// Fits child steps [k…] to children [from…] in order, calling `done` per complete fit. Each
// child tried costs one unit of `budget`. False when the walk cannot give tree-sitter's
// answer (the fits are then partial): the budget is spent, or a step with a field meets a
// second child carrying that field after one that fitted (captured step) or one that did
// not fit. tree-sitter looks past the first such child only when the grammar's production
// can hold the field again after it (`repeat(field('a', x))`: every child; `field('a',
// repeat(x))`: the first alone), which its public API does not tell.
bool fit(const SimplePattern& p, const std::vector<Child>& kids, std::size_t k, std::size_t from,
         Match& m, std::size_t& budget, const std::function<void()>& done) {
  if (k == p.children.size()) {
    done();
    return true;
  }
  const SimpleChild& step = p.children[k];
  bool carrier_seen = false;  // a child carrying step.field was met (fitting or not)
  for (std::size_t i = from; i < kids.size(); ++i) {
    if (budget == 0) return false;
    --budget;
    const bool carrier = step.field && kids[i].field == step.field;
    if (!fits(step, kids[i])) {
      carrier_seen = carrier_seen || carrier;
      continue;
    }
    if (carrier_seen) return false;
    carrier_seen = carrier;
    for (uint32_t id : step.captures) m.captures.emplace_back(id, kids[i].node);
    const bool whole = fit(p, kids, k + 1, i + 1, m, budget, done);
    m.captures.resize(m.captures.size() - step.captures.size());
    if (!whole) return false;
    if (step.captures.empty()) return true;  // the first fitting child only
  }
  return true;
}

std::vector<Child> children_of(TSNode n) {
  std::vector<Child> kids;
  TSTreeCursor c = ts_tree_cursor_new(n);
  if (ts_tree_cursor_goto_first_child(&c)) {
    do {
      kids.push_back({ts_tree_cursor_current_node(&c), ts_tree_cursor_current_field_id(&c)});
    } while (ts_tree_cursor_goto_next_sibling(&c));
  }
  ts_tree_cursor_delete(&c);
  return kids;
}

}  // namespace

std::vector<std::size_t> run_simple(const std::vector<SimpleJob>& jobs, MatchContext& ctx,
                                    const std::function<void(const SimpleJob&, const Match&)>& on_match) {
  std::vector<std::size_t> cut;
  if (jobs.empty()) return cut;
  TSTreeCursor c = ts_tree_cursor_new(ctx.root());
  Match m;
  for (;;) {
    const TSNode n = ts_tree_cursor_current_node(&c);
    const TSSymbol sym = ts_node_symbol(n);
    std::optional<std::vector<Child>> kids;
    for (const SimpleJob& j : jobs) {
      const SimplePattern& p = *j.pattern;
      if (p.symbol != sym || std::find(cut.begin(), cut.end(), j.owner) != cut.end()) continue;
      m.captures.clear();
      for (uint32_t id : p.captures) m.captures.emplace_back(id, n);
      if (p.children.empty()) {
        if (passes(p.predicates, m.captures, ctx)) on_match(j, m);
        continue;
      }
      if (!kids) kids = children_of(n);
      std::size_t budget = kFitBudget;
      if (!fit(p, *kids, 0, 0, m, budget, [&] {
            if (passes(p.predicates, m.captures, ctx)) on_match(j, m);
          }))
        cut.push_back(j.owner);
    }
    if (ts_tree_cursor_goto_first_child(&c)) continue;
    bool more = false;
    while (!(more = ts_tree_cursor_goto_next_sibling(&c)))
      if (!ts_tree_cursor_goto_parent(&c)) break;
    if (!more) break;
  }
  ts_tree_cursor_delete(&c);
  return cut;
}

}  // namespace lambdafit::ts
