#include "scanning/treesitter/tree_sitter_kind.hpp"

#include <algorithm>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <re2/set.h>

#include "core/cache_file.hpp"
#include "core/content_key.hpp"
#include "core/known_good.hpp"
#include "core/safe_file.hpp"
#include "core/quantity.hpp"
#include "core/spelling.hpp"
#include "core/yaml_file.hpp"
#include "rulepack/pack_codec.hpp"
#include "scanning/engine/file_cache.hpp"
#include "scanning/engine/work_pool.hpp"
#include "scanning/text/comments.hpp"
#include "scanning/text/file_type.hpp"
#include "scanning/text/text_file.hpp"
#include "scanning/text/text_match.hpp"
#include "scanning/treesitter/parse.hpp"
#include "scanning/treesitter/query.hpp"
#include "scanning/treesitter/simple_pattern.hpp"

namespace lambdafit {

namespace {

using ts::Grammar;

// Queries this build compiled without error before (core/known_good.hpp): loading the same
// pack again defers their compilation to the first scan that needs their grammar.
KnownGood& known_queries() {
  static KnownGood known("tree-sitter-queries");
  return known;
}

std::string known_key(Grammar g, std::string_view query) {
  return fmt::format("{}\n{}", ts::grammar_name(g), query);
}

struct TreeSitterConfig final : DetectorConfig {
  std::string text;  ///< the query as written
  std::uint64_t max_file_size = kDefaultTextSizeCap;

  const std::vector<Grammar>& grammars() const { return grammars_; }
  /// The query for grammars()[i]: compiled at load, or on first use when known good. Null
  /// only if a known-good query failed after all (a stale cache): that grammar goes unscanned.
  const ts::Query* query(std::size_t i) const {
    std::call_once(slots_[i].once, [&] {
      if (slots_[i].query) return;
      ts::QueryError err;
      slots_[i].query = ts::Query::compile(grammars_[i], text, err);
    });
    return slots_[i].query.get();
  }
  void set_grammars(std::vector<Grammar> g) {
    grammars_ = std::move(g);
    slots_ = std::make_unique<Slot[]>(grammars_.size());
  }
  void set_query(std::size_t i, std::unique_ptr<ts::Query> q) { slots_[i].query = std::move(q); }
  /// The query's patterns for grammars()[i] that run without compiling it (simple_pattern.hpp),
  /// read from the text on first use; nullopt when the text could not be split here.
  const std::optional<std::vector<std::optional<ts::SimplePattern>>>& simple(std::size_t i) const {
    std::call_once(slots_[i].simple_once, [&] { slots_[i].simple = ts::simple_patterns(grammars_[i], text); });
    return slots_[i].simple;
  }

 private:
  struct Slot {
    std::once_flag once;
    std::unique_ptr<ts::Query> query;
    std::once_flag simple_once;
    std::optional<std::vector<std::optional<ts::SimplePattern>>> simple;
  };
  std::vector<Grammar> grammars_;
  std::unique_ptr<Slot[]> slots_;
};

// Line and column (1-based) of a byte offset in `text`.
std::pair<int, int> line_col(std::string_view text, std::size_t offset) {
  int line = 1, col = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return {line, col};
}

// The rule file's location of (line, column) inside a scalar (plain, quoted or block).
SourceLocation inside_scalar(const YamlFile& f, const YAML::Node& n, int line, int column) {
  SourceLocation at = f.where(n);
  if (at.line == 0) return at;
  const std::string first = line_of(f.text(), at.line);
  const char opener = at.column - 1 < static_cast<int>(first.size()) ? first[at.column - 1] : ' ';
  if (opener == '|' || opener == '>') {
    // A block's indentation is that of its first line; deeper lines keep their extra spaces.
    const std::string content = line_of(f.text(), at.line + 1);
    const auto indent = content.find_first_not_of(' ');
    at.line += line;
    at.column = static_cast<int>(indent == std::string::npos ? 0 : indent) + column;
    return at;
  }
  const int quote = (opener == '"' || opener == '\'') ? 1 : 0;
  if (line == 1) at.column += quote + column - 1;
  else {
    at.line += line - 1;
    at.column = column;
  }
  return at;
}

// `reason` groups notes: "unreadable", "parse failed", …
using FileResult = engine::FileOutcome;

// Several detectors' queries compiled as one, so each file's tree is walked once.
struct Combined {
  std::unique_ptr<ts::Query> query;
  std::vector<std::size_t> owner;  ///< per pattern: the detector (index into the plan) it belongs to
  std::vector<bool> covers;        ///< per detector of the plan: its patterns are in `query`
};

// The queries of `pick` (indices into `dets`) as one query; null query when it does not compile.
// Each pattern's owner is the detector whose text holds the pattern's first byte.
Combined combine(Grammar g, const std::vector<const DetectorSpec*>& dets, const std::vector<std::size_t>& pick) {
  Combined c;
  c.covers.assign(dets.size(), false);
  std::string all;
  std::vector<std::size_t> starts;
  for (std::size_t k : pick) {
    starts.push_back(all.size());
    all += static_cast<const TreeSitterConfig&>(*dets[k]->config).text;
    all += '\n';
    c.covers[k] = true;
  }
  ts::QueryError err;
  c.query = ts::Query::compile(g, all, err);
  if (!c.query) return c;
  const uint32_t patterns = ts_query_pattern_count(c.query->raw());
  for (uint32_t j = 0; j < patterns; ++j) {
    const uint32_t at = ts_query_start_byte_for_pattern(c.query->raw(), j);
    const auto k = static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), at) - starts.begin()) - 1;
    c.owner.push_back(pick[k]);
  }
  return c;
}

// [detector][pattern]: the literals of which one must occur for the pattern to match.
using Literals = std::vector<std::vector<std::vector<std::string>>>;

// The literals of a grammar's detectors, kept across runs beside the other remembered checks
// (core/known_good.hpp cache_dir): learning them takes the grammar's whole combined query,
// and with them a run compiles only the queries its files can match. Named by this build,
// the grammar and every query's text.
std::string literals_path(Grammar g, const std::vector<const DetectorSpec*>& dets) {
  if (cache_dir().empty()) return {};
  ContentKey k;
  k.add(build_identity()).end_field().add(ts::grammar_name(g)).end_field();
  for (const auto* d : dets) k.add(static_cast<const TreeSitterConfig&>(*d->config).text).end_field();
  return (std::filesystem::path(cache_dir()) / "tree-sitter-literals" / k.hex()).string();
}

constexpr std::string_view kLiteralsMagic = "lambdafit tree-sitter literals 1\n";

std::optional<Literals> read_literals(const std::string& path, std::size_t detectors) {
  if (path.empty()) return std::nullopt;
  std::string why;
  const auto bytes = read_regular_file(path, {}, why);
  const auto payload = bytes ? cache::unsealed(kLiteralsMagic, *bytes) : std::nullopt;
  if (!payload) return std::nullopt;
  try {
    std::istringstream is{std::string(*payload)};
    PackIn a(is);
    Literals l;
    a(l);
    if (l.size() != detectors) return std::nullopt;
    return l;
  } catch (const std::exception&) {
    return std::nullopt;  // not ours, or cut short: learnt again
  }
}

void write_literals(const std::string& path, const Literals& l) {
  if (path.empty()) return;
  std::ostringstream os;
  {
    PackOut a(os);
    a(l);
  }
  // One small file per grammar and set of queries; packs and rule tests with other queries
  // add their own, so the folder is bounded like the compiled packs'.
  if (cache::write_atomically(path, cache::sealed(kLiteralsMagic, os.str()))) cache::trim(std::filesystem::path(path).parent_path(), 4u << 20);
}

// What one grammar's detectors need: their queries and the literals that gate parsing.
struct GrammarPlan {
  Grammar grammar = Grammar::bash;
  std::vector<std::pair<const DetectorSpec*, const ts::Query*>> detectors;
  std::vector<std::size_t> index;  ///< per detector: this grammar's index among its grammars
  std::unique_ptr<RE2::Set> literals;  ///< null when some pattern needs no literal
  std::vector<std::vector<std::vector<int>>> needs;  ///< [detector][pattern] literal indices
  /// [detector]: its patterns as simple_pattern.hpp runs them (a pattern outside that form
  /// nullopt); null when they could not be lined up with the compiled query's patterns.
  std::vector<const std::vector<std::optional<ts::SimplePattern>>*> simple;
  // The combined queries. With the literals learnt before, none is compiled until a file
  // needs one: the first such file gets a query of just the detectors it may match, any
  // other file not covered by it the whole grammar's (so at most two compiles). Without
  // them, the whole grammar's is compiled at once. None compiles: each query runs alone.
  struct Queries {
    std::mutex mu;
    std::vector<std::unique_ptr<Combined>> compiled;  ///< kept: files in flight point into them
    bool failed = false;
  };
  std::unique_ptr<Queries> queries = std::make_unique<Queries>();
  std::uint64_t cap = 0;

  std::vector<const DetectorSpec*> specs() const {
    std::vector<const DetectorSpec*> out;
    for (const auto& [d, q] : detectors) out.push_back(d);
    return out;
  }

  // The combined query covering `which`, compiled now if need be; null when none compiles.
  const Combined* query_for(const std::vector<std::size_t>& which) const {
    std::lock_guard<std::mutex> lock(queries->mu);
    for (const auto& c : queries->compiled)
      if (std::all_of(which.begin(), which.end(), [&](std::size_t i) { return c->covers[i]; })) return c.get();
    if (queries->failed) return nullptr;
    std::vector<std::size_t> pick = which;
    if (!queries->compiled.empty()) {  // a second set of detectors: the whole grammar from now on
      pick.resize(detectors.size());
      for (std::size_t i = 0; i < pick.size(); ++i) pick[i] = i;
    }
    auto c = std::make_unique<Combined>(combine(grammar, specs(), pick));
    if (!c->query) {
      queries->failed = true;
      return nullptr;
    }
    queries->compiled.push_back(std::move(c));
    return queries->compiled.back().get();
  }
};

std::string basename_of(std::string_view p) {
  const auto s = p.rfind('/');
  return std::string(s == std::string_view::npos ? p : p.substr(s + 1));
}

// A file's type, from its name or (without an extension) its shebang line.
FileType type_of(const WorkloadFile& file) {
  FileType type = file_type_from_path(file.path);
  if (type.name.empty() && basename_of(file.path).find('.') == std::string::npos)
    type = file_type_from_shebang(read_first_line(file.absolute));
  return type;
}

// Plans only the grammars some file needs: compiling a grammar's combined query costs more
// than scanning a small tree, so a shell-only lint never pays for Python's or Java's.
std::map<Grammar, GrammarPlan> plan(const std::vector<const DetectorSpec*>& detectors,
                                    const std::set<Grammar>& present) {
  // Per grammar, its detectors and the index of that grammar among each one's.
  std::map<Grammar, std::vector<std::pair<const DetectorSpec*, std::size_t>>> wanted;
  std::map<Grammar, GrammarPlan> plans;
  for (const DetectorSpec* d : detectors) {
    const auto& cfg = static_cast<const TreeSitterConfig&>(*d->config);
    for (std::size_t i = 0; i < cfg.grammars().size(); ++i) {
      const Grammar g = cfg.grammars()[i];
      if (!present.count(g)) continue;
      wanted[g].emplace_back(d, i);
      plans[g].cap = std::max(plans[g].cap, cfg.max_file_size);
    }
  }
  for (auto& [g, list] : wanted) {
    GrammarPlan& p = plans[g];
    p.grammar = g;
    for (const auto& [d, i] : list) {
      p.detectors.emplace_back(d, nullptr);
      p.index.push_back(i);
    }
    const auto specs = p.specs();
    const std::string path = literals_path(g, specs);
    Literals literals;
    if (auto known = read_literals(path, list.size())) {
      literals = std::move(*known);  // queries compiled when a file needs them
    } else {
      // All the grammar's queries as one first: when that compiles, no query is compiled alone
      // (compiling is most of a small run's cost).
      std::vector<std::size_t> all(list.size());
      for (std::size_t k = 0; k < all.size(); ++k) all[k] = k;
      auto c = std::make_unique<Combined>(combine(g, specs, all));
      if (c->query) {
        literals.resize(list.size());
        for (std::size_t j = 0; j < c->owner.size(); ++j)
          literals[c->owner[j]].push_back(c->query->needed_literals()[j]);
        p.queries->compiled.push_back(std::move(c));
        write_literals(path, literals);
      } else {
        p.queries->failed = true;
        for (std::size_t k = 0; k < list.size(); ++k) {
          const ts::Query* q = static_cast<const TreeSitterConfig&>(*list[k].first->config).query(list[k].second);
          p.detectors[k].second = q;
          literals.push_back(q ? q->needed_literals() : std::vector<std::vector<std::string>>{});
        }
      }
    }
    RE2::Options o;
    o.set_log_errors(false);
    p.literals = std::make_unique<RE2::Set>(o, RE2::UNANCHORED);
    std::map<std::string, int> index;
    for (const auto& per_detector : literals) {
      auto& per_pattern = p.needs.emplace_back();
      for (const auto& lits : per_detector) {
        auto& ids = per_pattern.emplace_back();
        for (const auto& l : lits) {
          auto [it, fresh] = index.emplace(l, static_cast<int>(index.size()));
          if (fresh && p.literals->Add(l, nullptr) != it->second) p.literals.reset();
          if (!p.literals) break;
          ids.push_back(it->second);
        }
      }
    }
    if (p.literals && !p.literals->Compile()) p.literals.reset();
    // Patterns read here line up with tree-sitter's when there are as many (the literals came
    // from a compiled query); any doubt and the detector's patterns all go to compiled queries.
    for (std::size_t k = 0; k < list.size(); ++k) {
      const auto& simple = static_cast<const TreeSitterConfig&>(*list[k].first->config).simple(list[k].second);
      p.simple.push_back(simple && simple->size() == p.needs[k].size() ? &*simple : nullptr);
    }
  }
  return plans;
}

// Per detector of the plan that may match `text`: the patterns that may (some literal of
// theirs occurs in it, or they need none).
std::vector<std::pair<std::size_t, std::vector<std::size_t>>> candidates(const GrammarPlan& p,
                                                                         const std::string& text) {
  std::vector<int> hits;
  if (p.literals) p.literals->Match(text, &hits);
  std::set<int> hs(hits.begin(), hits.end());
  std::vector<std::pair<std::size_t, std::vector<std::size_t>>> out;
  for (std::size_t i = 0; i < p.detectors.size(); ++i) {
    std::vector<std::size_t> patterns;
    for (std::size_t j = 0; j < p.needs[i].size(); ++j) {
      const auto& ids = p.needs[i][j];
      bool may = ids.empty() || !p.literals;  // a pattern with no literal: always parse
      for (int id : ids) may = may || hs.count(id);
      if (may) patterns.push_back(j);
    }
    if (!patterns.empty()) out.emplace_back(i, std::move(patterns));
  }
  return out;
}

// A crontab with everything but the commands blanked (the text kind keeps `@reboot`, which
// is a schedule too).
std::string crontab_commands(const std::string& text) {
  std::string s = blank_comments(text, CommentStyle::crontab);
  for (std::size_t b = 0; b < s.size();) {
    std::size_t e = s.find('\n', b);
    if (e == std::string::npos) e = s.size();
    const std::size_t w = s.find_first_not_of(" \t", b);
    if (w < e && s[w] == '@')
      for (std::size_t i = w; i < e && s[i] != ' ' && s[i] != '\t'; ++i) s[i] = ' ';
    b = e + 1;
  }
  return s;
}

FileResult scan_file(const WorkloadFile& file, const FileType& type, std::optional<Grammar> g,
                     const std::map<Grammar, GrammarPlan>& plans, TSQueryCursor* cursor) {
  FileResult r;
  if (!g) return r;
  const auto it = plans.find(*g);
  if (it == plans.end()) return r;
  const GrammarPlan& p = it->second;
  TextRead read = read_text_file(file.absolute, file.size, p.cap);
  if (!read.text) {
    r.reason = read.skipped;
    r.note = fmt::format("{}: not parsed for {} detectors: {}", file.path, ts::grammar_name(*g), read.skipped);
    return r;
  }
  // Crontab schedules and VAR= lines become spaces, offsets kept, so the commands parse as shell.
  const std::string text =
      type.name == "crontab" ? crontab_commands(*read.text) : std::move(*read.text);
  const auto which = candidates(p, text);
  if (which.empty()) return r;
  const ts::ParsedSource parsed = ts::parse_source(*g, text);
  if (!parsed.tree) {
    r.reason = "parse failed";
    r.note = fmt::format("{}: not parsed as {}: {}", file.path, ts::grammar_name(*g), parsed.problem);
    return r;
  }
  if (parsed.has_errors) {
    r.reason = "syntax errors";
    r.note = fmt::format("{}: {} parse has a {}; code there may be missed", file.path,
                         ts::grammar_name(*g), parsed.problem);
  }
  const LineIndex lines(type.name == "crontab" ? *read.text : text);
  ts::MatchContext ctx(*g, ts_tree_root_node(parsed.tree.get()), text);
  // Detectors whose patterns that may match here are all single nodes run by one walk; the
  // others through a compiled query (compiling costs more than the rest of a small file).
  std::vector<bool> wanted(p.detectors.size(), false);
  std::vector<std::size_t> compiled;
  std::vector<ts::SimpleJob> walk;
  for (const auto& [i, patterns] : which) {
    const auto* simple = p.simple[i];
    if (simple && std::all_of(patterns.begin(), patterns.end(), [&](std::size_t j) { return (*simple)[j].has_value(); })) {
      for (std::size_t j : patterns) walk.push_back({&*(*simple)[j], i});
    } else {
      compiled.push_back(i);
      wanted[i] = true;
    }
  }
  std::vector<std::pair<std::size_t, Evidence>> found;
  auto report = [&](std::size_t i, std::optional<uint32_t> match_capture, const ts::Match& m) {
    const DetectorSpec* d = p.detectors[i].first;
    const TSNode* at = nullptr;
    for (const auto& [id, node] : m.captures) {
      if (match_capture && id == *match_capture) {
        at = &node;
        break;
      }
      if (!at || ts_node_start_byte(node) < ts_node_start_byte(*at)) at = &node;
    }
    if (!at) return;  // a match without captures names no place
    const TSPoint pt = ts_node_start_point(*at);
    Evidence e;
    e.path = file.path;
    e.line = static_cast<int>(pt.row) + 1;
    e.column = static_cast<int>(pt.column) + 1;
    e.snippet = std::string(lines.line(e.line).substr(0, 300));
    e.detector = d->id;
    e.fact = d->fact;
    e.message = d->message;
    found.emplace_back(i, std::move(e));
  };
  const auto cut = ts::run_simple(walk, ctx, [&](const ts::SimpleJob& j, const ts::Match& m) {
    report(j.owner, j.pattern->match_capture, m);
  });
  // A detector the walk gave up on (where it could not be sure to match as tree-sitter does;
  // simple_pattern.hpp) keeps none of its partial matches and runs through its compiled query.
  for (std::size_t i : cut) {
    std::erase_if(found, [&](const auto& f) { return f.first == i; });
    compiled.push_back(i);
    wanted[i] = true;
  }
  const Combined* c = compiled.empty() ? nullptr : p.query_for(compiled);
  bool complete = true;
  if (c) {
    complete = ts::run_query(*c->query, cursor, ctx, [&](const ts::Match& m) {
      const std::size_t i = c->owner[m.pattern];
      if (wanted[i]) report(i, c->query->match_capture(), m);
    });
  } else {
    for (std::size_t i : compiled) {
      const ts::Query* q = p.detectors[i].second;
      if (!q) q = static_cast<const TreeSitterConfig&>(*p.detectors[i].first->config).query(p.index[i]);
      if (q && !ts::run_query(*q, cursor, ctx, [&](const ts::Match& m) { report(i, q->match_capture(), m); }))
        complete = false;
    }
  }
  if (!complete) {
    ts::add_match_limit_note(r.note, *g, file.path + ": ");
    if (r.reason.empty()) r.reason = "match limit";
  }
  // One result whichever way a detector ran and in whatever order its matches came: by place,
  // then the pack's order of detectors (the first detector of a place is the one a report
  // names first), and per detector one item per line, its leftmost match.
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return std::tie(a.second.line, a.second.column, a.first) < std::tie(b.second.line, b.second.column, b.first);
  });
  std::set<std::pair<std::size_t, int>> seen;
  for (auto& [i, e] : found)
    if (seen.emplace(i, e.line).second) r.evidence.push_back(std::move(e));
  return r;
}

}  // namespace

std::vector<std::string> TreeSitterKind::keys() const { return {"language", "query", "max_file_size"}; }

std::shared_ptr<const DetectorConfig> TreeSitterKind::parse(const YamlFile& f, const YAML::Node& n,
                                                            Diagnostics& d) const {
  auto cfg = std::make_shared<TreeSitterConfig>();
  bool ok = true;
  const auto langs = get_string_list(f, n, "language", d, /*required=*/true);
  const auto query = get_scalar(f, n, "query", d, /*required=*/true);
  if (!langs || !query) return nullptr;
  std::vector<Grammar> grammars;
  for (std::size_t i = 0; i < langs->size(); ++i) {
    const std::string& lang = (*langs)[i];
    if (auto l = ts::rule_language(lang)) {
      for (Grammar g : l->grammars)
        if (std::find(grammars.begin(), grammars.end(), g) == grammars.end()) grammars.push_back(g);
    } else {
      const auto node = n["language"];
      f.error(d, node.IsSequence() ? node[i] : node,
              fmt::format("unknown language '{}'{}", lang, did_you_mean(lang, ts::rule_language_names())));
      return nullptr;
    }
  }
  cfg->set_grammars(grammars);
  cfg->text = *query;
  for (std::size_t i = 0; i < grammars.size(); ++i) {
    const Grammar g = grammars[i];
    if (known_queries().contains(known_key(g, *query))) continue;  // compiled when first used
    ts::QueryError err;
    auto q = ts::Query::compile(g, *query, err);
    if (!q) {
      const auto [line, col] = line_col(*query, err.offset);
      const auto at = inside_scalar(f, n["query"], line, col);
      d.error(fmt::format("bad {} query: {}", ts::grammar_name(g), err.message), at,
              line_of(f.text(), at.line));
      ok = false;
      break;
    }
    known_queries().add(known_key(g, *query));
    cfg->set_query(i, std::move(q));
  }
  if (!parse_max_file_size(f, n, d, cfg->max_file_size)) ok = false;
  if (!ok) return nullptr;
  return cfg;
}

void TreeSitterKind::save(const DetectorConfig& c, PackOut& a) const {
  const auto& cfg = static_cast<const TreeSitterConfig&>(c);
  a(cfg.text, cfg.max_file_size, cfg.grammars());
}

std::shared_ptr<const DetectorConfig> TreeSitterKind::restore(PackIn& a) const {
  auto cfg = std::make_shared<TreeSitterConfig>();
  std::vector<Grammar> grammars;
  a(cfg->text, cfg->max_file_size, grammars);
  cfg->set_grammars(std::move(grammars));  // each query compiled when first used
  return cfg;
}

void TreeSitterKind::finish_load(detail::RulePackData&, Diagnostics&) const { known_queries().save(); }

void TreeSitterKind::scan(const ScanInput& in, const std::vector<const DetectorSpec*>& detectors,
                          ScanOutput& out) const {
  std::vector<FileType> types(in.files.size());
  std::vector<std::optional<Grammar>> grammars(in.files.size());
  std::set<Grammar> present;
  for (std::size_t i = 0; i < in.files.size(); ++i) {
    types[i] = type_of(in.files[i]);
    if ((grammars[i] = ts::grammar_for(types[i].name, in.files[i].path))) present.insert(*grammars[i]);
  }
  // Planned (queries compiled) when the first file misses the cache, not before.
  std::once_flag planned;
  std::map<Grammar, GrammarPlan> plans;
  std::vector<FileResult> results(in.files.size());
  engine::FileCache cache(in, name(), detectors);
  // One query cursor per pool thread, made when the thread first needs one.
  const auto o = engine::pool_options(in, "tree-sitter", "not parsed for tree-sitter detectors");
  std::vector<std::unique_ptr<TSQueryCursor, void (*)(TSQueryCursor*)>> cursors;
  for (int t = 0; t < engine::pool_threads(in.files.size(), o.jobs); ++t)
    cursors.emplace_back(nullptr, ts_query_cursor_delete);
  const auto run = engine::run_pool(
      in.files.size(), o,
      [&](std::size_t i, int thread) {
        if (auto hit = cache.lookup(i)) {
          results[i] = std::move(*hit);
          return;
        }
        auto& cursor = cursors[static_cast<std::size_t>(thread)];
        if (!cursor) cursor.reset(ts::new_query_cursor());
        std::call_once(planned, [&] { plans = plan(detectors, present); });
        results[i] = scan_file(in.files[i], types[i], grammars[i], plans, cursor.get());
        cache.store(i, results[i]);
      },
      [&](std::size_t i) { return in.files[i].path; });
  for (const auto& f : run.failures) {
    results[f.unit] = FileResult{};
    results[f.unit].reason = "failed";
    results[f.unit].note = f.note;
  }
  cache.save();
  out.count_reused_files(cache.hits());

  // In file order, so notes are the same on every run; after 20 of one reason, one summary.
  constexpr int kNotesPerReason = 20;
  std::map<std::string, int> count;
  for (auto& r : results) {
    for (auto& e : r.evidence) out.add(std::move(e));
    if (r.note.empty()) continue;
    if (++count[r.reason] <= kNotesPerReason) out.note(std::move(r.note));
  }
  for (const auto& [reason, n] : count)
    if (n > kNotesPerReason)
      out.note(fmt::format("{} more files not fully parsed for tree-sitter detectors ({})",
                           n - kNotesPerReason, reason));
}

}  // namespace lambdafit
