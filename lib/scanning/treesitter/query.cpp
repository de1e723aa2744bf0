#include "scanning/treesitter/query.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>
#include <re2/filtered_re2.h>

namespace lambdafit::ts {

namespace {

struct OpRow {
  const char* name;
  Predicate::Op op;
  bool negate;
  bool regex;       // the argument is one RE2 pattern
  bool names_node;  // a node type list rather than text
};

const OpRow kOps[] = {
    {"eq?", Predicate::Op::eq, false, false, false},
    {"not-eq?", Predicate::Op::eq, true, false, false},
    {"match?", Predicate::Op::match, false, true, false},
    {"not-match?", Predicate::Op::match, true, true, false},
    {"any-of?", Predicate::Op::any_of, false, false, false},
    {"not-any-of?", Predicate::Op::any_of, true, false, false},
    {"qualified?", Predicate::Op::qualified, false, false, false},
    {"assigned-from?", Predicate::Op::assigned_from, false, false, false},
    {"not-assigned-from?", Predicate::Op::assigned_from, true, false, false},
    {"command?", Predicate::Op::command, false, false, false},
    {"flag?", Predicate::Op::flag, false, false, false},
    {"not-flag?", Predicate::Op::flag, true, false, false},
    {"arg-match?", Predicate::Op::arg_match, false, true, false},
    {"not-arg-match?", Predicate::Op::arg_match, true, true, false},
    {"inside?", Predicate::Op::inside, false, false, true},
    {"not-inside?", Predicate::Op::inside, true, false, true},
    {"inside-call?", Predicate::Op::inside_call, false, false, false},
    {"not-inside-call?", Predicate::Op::inside_call, true, false, false},
};

std::string known_predicates() {
  std::string s;
  for (const auto& r : kOps) s += (s.empty() ? "#" : ", #") + std::string(r.name);
  return s;
}

// Where `#name` is written in the pattern, for errors about it.
uint32_t predicate_offset(std::string_view text, uint32_t pattern_start, std::string_view name) {
  std::string needle(1, '#');
  needle.append(name);
  const auto at = text.find(needle, pattern_start);
  return at == std::string_view::npos ? pattern_start : static_cast<uint32_t>(at);
}

std::string token_at(std::string_view text, uint32_t offset) {
  std::size_t e = offset;
  while (e < text.size() && (std::isalnum(static_cast<unsigned char>(text[e])) || text[e] == '_' ||
                             text[e] == '-' || text[e] == '.' || text[e] == '?' || text[e] == '@'))
    ++e;
  return std::string(text.substr(offset, e - offset));
}

std::string describe(TSQueryError type, std::string_view text, uint32_t offset) {
  const std::string tok = token_at(text, offset);
  switch (type) {
    case TSQueryErrorNodeType: return fmt::format("invalid node type '{}' for this grammar", tok);
    case TSQueryErrorField: return fmt::format("invalid field name '{}' for this grammar", tok);
    case TSQueryErrorCapture: return fmt::format("invalid capture '{}'", tok);
    case TSQueryErrorStructure: return "impossible pattern: these nodes cannot appear in this structure";
    case TSQueryErrorLanguage: return "the grammar cannot be used for queries";
    case TSQueryErrorSyntax:
    default: return tok.empty() ? "syntax error" : fmt::format("syntax error at '{}'", tok);
  }
}

// The literal a name needs in the file: its last segment ("subprocess.run" -> "run").
// The literal a file must hold for a qualified name to occur in it. Outside Java every part
// of the name is written in the file (in the import, or in the expression when nothing is
// imported), so the longest part is the most selective; Java's implicit java.lang means only
// the last part is sure to be there.
std::string needed_of_name(std::string_view name, Grammar g) {
  std::string best;
  std::size_t start = 0;
  while (start <= name.size()) {
    auto end = name.find_first_of(".*", start);
    if (end == std::string_view::npos) end = name.size();
    const bool last = end == name.size();
    if ((g != Grammar::java || last) && end - start > best.size())
      best = std::string(name.substr(start, end - start));
    start = end + 1;
  }
  if (best.empty()) {  // Java name ending in `*`: fall back to its longest part
    for (start = 0; start <= name.size();) {
      auto end = name.find_first_of(".*", start);
      if (end == std::string_view::npos) end = name.size();
      if (end - start > best.size()) best = std::string(name.substr(start, end - start));
      start = end + 1;
    }
  }
  return best;
}

int cost(Predicate::Op op) {
  switch (op) {
    case Predicate::Op::eq:
    case Predicate::Op::any_of: return 0;
    case Predicate::Op::match: return 1;
    case Predicate::Op::command:
    case Predicate::Op::flag:
    case Predicate::Op::arg_match: return 2;
    case Predicate::Op::qualified:
    case Predicate::Op::assigned_from: return 3;
    case Predicate::Op::inside:
    case Predicate::Op::inside_call: return 4;
  }
  return 5;
}

}  // namespace

Query::~Query() {
  if (query_) ts_query_delete(query_);
}

std::string_view Query::capture_name(uint32_t id) const {
  uint32_t len = 0;
  const char* s = ts_query_capture_name_for_id(query_, id, &len);
  return {s, len};
}

bool build_predicates(Grammar g, std::string_view text, uint32_t start,
                      const std::vector<PredicateCall>& calls, std::vector<Predicate>& out,
                      std::vector<std::string>& needed_out, bool& uses_imports, QueryError& err) {
  std::size_t best_min = 0;
  for (const PredicateCall& call : calls) {
    const std::string& name = call.name;
    const OpRow* row = nullptr;
    for (const auto& r : kOps)
      if (name == r.name) row = &r;
    const uint32_t at = predicate_offset(text, start, name);
    if (!row) {
      err = {at, fmt::format("unknown predicate '#{}' (known: {})", name, known_predicates())};
      return false;
    }
    Predicate pred;
    pred.op = row->op;
    pred.negate = row->negate;
    const auto& ops = call.operands;
    if (ops.empty() || !ops[0].capture) {
      err = {at, fmt::format("'#{}' needs a capture as its first argument", name)};
      return false;
    }
    pred.capture = ops[0].id;
    for (std::size_t k = 1; k < ops.size(); ++k) {
      if (ops[k].capture) {
        if (row->op == Predicate::Op::eq && k == 1 && ops.size() == 2) {
          pred.other_capture = ops[k].id;
          continue;
        }
        err = {at, fmt::format("'#{}' takes strings after its capture", name)};
        return false;
      }
      pred.args.push_back(ops[k].text);
    }
    if (!pred.other_capture && pred.args.empty()) {
      err = {at, fmt::format("'#{}' needs at least one value", name)};
      return false;
    }
    if ((row->op == Predicate::Op::eq || row->regex) && !pred.other_capture && pred.args.size() != 1) {
      err = {at, fmt::format("'#{}' takes exactly one value", name)};
      return false;
    }
    if (row->regex) {
      RE2::Options o;
      o.set_log_errors(false);
      auto re = std::make_shared<const RE2>(pred.args[0], o);
      if (!re->ok()) {
        err = {at, fmt::format("invalid regular expression in '#{}': {}", name, re->error())};
        return false;
      }
      pred.re = std::move(re);
    }
    if (row->op == Predicate::Op::qualified || row->op == Predicate::Op::assigned_from ||
        row->op == Predicate::Op::inside_call)
      uses_imports = true;
    // What the file must hold for this pattern to match, as RE2 patterns of which one must
    // occur: the values of a positive name predicate, or the atoms RE2 finds in a #match?
    // (lower case, so matched without case). The most selective predicate wins.
    std::vector<std::string> needed;
    std::size_t min_len = SIZE_MAX;
    const bool literal_op = !row->negate && !pred.other_capture &&
                            (row->op == Predicate::Op::eq || row->op == Predicate::Op::any_of ||
                             row->op == Predicate::Op::qualified || row->op == Predicate::Op::command ||
                             row->op == Predicate::Op::assigned_from);
    const bool names = row->op == Predicate::Op::qualified || row->op == Predicate::Op::assigned_from;
    if (literal_op) {
      for (const auto& a : pred.args) {
        const std::string l = names ? needed_of_name(a, g) : a;
        min_len = std::min(min_len, l.size());
        needed.push_back(RE2::QuoteMeta(l));
      }
    } else if (row->op == Predicate::Op::match && !row->negate) {
      re2::FilteredRE2 filter(3);
      int id = 0;
      RE2::Options o;
      o.set_log_errors(false);
      std::vector<std::string> atoms;
      if (filter.Add(pred.args[0], o, &id) == RE2::NoError) filter.Compile(&atoms);
      for (const auto& a : atoms) {
        min_len = std::min(min_len, a.size());
        needed.push_back("(?i)" + RE2::QuoteMeta(a));
      }
    }
    if (!needed.empty() && min_len > best_min) {
      best_min = min_len;
      needed_out = std::move(needed);
    }
    out.push_back(std::move(pred));
  }
  // Cheap text tests first, so most matches are turned down before names or argv are built.
  std::stable_sort(out.begin(), out.end(),
                   [](const Predicate& a, const Predicate& b) { return cost(a.op) < cost(b.op); });
  return true;
}

std::unique_ptr<Query> Query::compile(Grammar g, std::string_view text, QueryError& err) {
  std::string why;
  const TSLanguage* lang = load_grammar(g, &why);
  if (!lang) {
    err = {0, why};
    return nullptr;
  }
  uint32_t offset = 0;
  TSQueryError type = TSQueryErrorNone;
  TSQuery* raw = ts_query_new(lang, text.data(), static_cast<uint32_t>(text.size()), &offset, &type);
  if (!raw) {
    err = {offset, describe(type, text, offset)};
    return nullptr;
  }
  std::unique_ptr<Query> q(new Query);
  q->grammar_ = g;
  q->query_ = raw;
  const uint32_t patterns = ts_query_pattern_count(raw);
  q->predicates_.resize(patterns);
  q->needed_.resize(patterns);
  for (uint32_t id = 0; id < ts_query_capture_count(raw); ++id)
    if (q->capture_name(id) == "match") q->match_capture_ = id;

  for (uint32_t p = 0; p < patterns; ++p) {
    const uint32_t start = ts_query_start_byte_for_pattern(raw, p);
    uint32_t count = 0;
    const TSQueryPredicateStep* steps = ts_query_predicates_for_pattern(raw, p, &count);
    // Each predicate: a string (its name), operands, then a Done step.
    std::vector<PredicateCall> calls;
    for (uint32_t i = 0; i < count;) {
      uint32_t j = i;
      while (j < count && steps[j].type != TSQueryPredicateStepTypeDone) ++j;
      if (steps[i].type != TSQueryPredicateStepTypeString) {
        err = {start, "a predicate must start with its name, such as #eq?"};
        return nullptr;
      }
      uint32_t len = 0;
      const char* s = ts_query_string_value_for_id(raw, steps[i].value_id, &len);
      PredicateCall& call = calls.emplace_back();
      call.name.assign(s, len);
      for (uint32_t k = i + 1; k < j; ++k) {
        auto& o = call.operands.emplace_back();
        o.capture = steps[k].type == TSQueryPredicateStepTypeCapture;
        o.id = steps[k].value_id;
        if (!o.capture) {
          uint32_t l = 0;
          const char* v = ts_query_string_value_for_id(raw, steps[k].value_id, &l);
          o.text.assign(v, l);
        }
      }
      i = j + 1;
    }
    if (!build_predicates(g, text, start, calls, q->predicates_[p], q->needed_[p], q->uses_imports_, err))
      return nullptr;
  }
  return q;
}

const std::vector<std::string>& MatchContext::canonical(std::string_view text) {
  auto it = canonical_.find(text);
  if (it == canonical_.end())
    it = canonical_.emplace(std::string(text), canonical_names(g_, imports(), text)).first;
  return it->second;
}

const Assignments& MatchContext::assignments() {
  if (!assignments_) assignments_ = read_assignments(g_, root_, source_);
  return *assignments_;
}

const ImportTable& MatchContext::imports() {
  if (!imports_) imports_ = read_imports(g_, root_, source_);
  return *imports_;
}

namespace {

bool holds(const Predicate& p, TSNode n, const std::vector<std::pair<uint32_t, TSNode>>& caps,
           MatchContext& ctx) {
  const std::string_view text = node_text(n, ctx.source());
  switch (p.op) {
    case Predicate::Op::eq:
      if (p.other_capture) {
        for (const auto& [id, other] : caps)
          if (id == *p.other_capture && node_text(other, ctx.source()) == text) return true;
        return false;
      }
      return text == p.args[0];
    case Predicate::Op::match: return RE2::PartialMatch(text, *p.re);
    case Predicate::Op::any_of:
      return std::find(p.args.begin(), p.args.end(), text) != p.args.end();
    case Predicate::Op::qualified: {
      for (const auto& name : ctx.canonical(text))
        for (const auto& want : p.args)
          if (name_matches(name, want)) return true;
      return false;
    }
    case Predicate::Op::assigned_from: {
      const auto [b, e] = ctx.assignments().equal_range(text);
      for (auto it = b; it != e; ++it)
        for (const auto& name : canonical_names(ctx.grammar(), ctx.imports(), it->second))
          for (const auto& want : p.args)
            if (name_matches(name, want)) return true;
      return false;
    }
    case Predicate::Op::command: {
      // The command name is always written inside the node: most nodes fail this at once.
      if (std::none_of(p.args.begin(), p.args.end(),
                       [&](const std::string& a) { return text.find(a) != std::string_view::npos; }))
        return false;
      const std::string cmd = command_name(command_argv(ctx.grammar(), n, ctx.source()));
      return !cmd.empty() && std::find(p.args.begin(), p.args.end(), cmd) != p.args.end();
    }
    case Predicate::Op::flag: {
      const auto argv = command_argv(ctx.grammar(), n, ctx.source());
      for (const auto& f : p.args)
        if (has_flag(argv, f)) return true;
      return false;
    }
    case Predicate::Op::arg_match: {
      const auto argv = command_argv(ctx.grammar(), n, ctx.source());
      for (std::size_t i = 1; i < argv.size(); ++i)
        if (RE2::PartialMatch(argv[i], *p.re)) return true;
      return false;
    }
    case Predicate::Op::inside: {
      for (TSNode a = ts_node_parent(n); !ts_node_is_null(a); a = ts_node_parent(a))
        if (std::find(p.args.begin(), p.args.end(), ts_node_type(a)) != p.args.end()) return true;
      return false;
    }
    case Predicate::Op::inside_call: {
      for (TSNode a = ts_node_parent(n); !ts_node_is_null(a); a = ts_node_parent(a)) {
        const std::string_view type = ts_node_type(a);
        if (type != "call" && type != "call_expression" && type != "method_invocation") continue;
        TSNode fn = ts_node_child_by_field_name(a, type == "method_invocation" ? "name" : "function",
                                                type == "method_invocation" ? 4 : 8);
        if (ts_node_is_null(fn)) continue;
        for (const auto& name : canonical_names(ctx.grammar(), ctx.imports(), node_text(fn, ctx.source())))
          for (const auto& want : p.args)
            if (name_matches(name, want)) return true;
      }
      return false;
    }
  }
  return false;
}

}  // namespace

bool passes(const std::vector<Predicate>& predicates,
            const std::vector<std::pair<uint32_t, TSNode>>& captures, MatchContext& ctx) {
  for (const Predicate& p : predicates) {
    bool any = false;
    for (const auto& [id, node] : captures)
      if (id == p.capture && holds(p, node, captures, ctx)) {
        any = true;
        break;
      }
    if (any == p.negate) return false;
  }
  return true;
}

TSQueryCursor* new_query_cursor() {
  TSQueryCursor* c = ts_query_cursor_new();
  ts_query_cursor_set_match_limit(c, kQueryMatchLimit);
  return c;
}

void add_match_limit_note(std::string& note, Grammar g, std::string_view where) {
  note += fmt::format("{}{}more than {} partial {} query matches were in progress at once; "
                      "tree-sitter dropped the oldest, so matches there may be missing",
                      note.empty() ? "" : "; ", where, kQueryMatchLimit, grammar_name(g));
}

bool run_query(const Query& q, TSQueryCursor* cursor, MatchContext& ctx,
               const std::function<void(const Match&)>& on_match) {
  ts_query_cursor_exec(cursor, q.raw(), ctx.root());
  TSQueryMatch m;
  Match accepted;
  while (ts_query_cursor_next_match(cursor, &m)) {
    accepted.pattern = m.pattern_index;
    accepted.captures.clear();
    for (uint16_t i = 0; i < m.capture_count; ++i)
      accepted.captures.emplace_back(m.captures[i].index, m.captures[i].node);
    if (passes(q.predicates(m.pattern_index), accepted.captures, ctx)) on_match(accepted);
  }
  return !ts_query_cursor_did_exceed_match_limit(cursor);
}

}  // namespace lambdafit::ts
