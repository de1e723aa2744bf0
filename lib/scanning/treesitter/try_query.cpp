#include "scanning/treesitter/try_query.hpp"

#include <fmt/format.h>

#include "scanning/treesitter/parse.hpp"
#include "scanning/treesitter/query.hpp"

namespace lambdafit::ts {

QueryTry try_query(std::string_view language, std::string_view text, std::string_view query) {
  QueryTry r;
  std::optional<Grammar> g;
  if (language == "tsx") g = Grammar::tsx;
  else if (auto l = rule_language(language)) g = l->grammars.front();
  if (!g) {
    r.error = fmt::format("unknown language '{}' (python, javascript, typescript, tsx, java, shell)", language);
    return r;
  }
  QueryError err;
  auto q = Query::compile(*g, query, err);
  if (!q) {
    r.error = err.message;
    r.error_line = 1;
    r.error_column = 1;
    for (std::size_t i = 0; i < err.offset && i < query.size(); ++i) {
      if (query[i] == '\n') {
        ++r.error_line;
        r.error_column = 1;
      } else {
        ++r.error_column;
      }
    }
    return r;
  }
  const ParsedSource parsed = parse_source(*g, text);
  if (!parsed.tree) {
    r.error = parsed.problem;
    return r;
  }
  if (parsed.has_errors) r.note = parsed.problem;
  MatchContext ctx(*g, ts_tree_root_node(parsed.tree.get()), text);
  TSQueryCursor* cursor = new_query_cursor();
  const bool complete = run_query(*q, cursor, ctx, [&](const Match& m) {
    QueryHit hit;
    hit.pattern = m.pattern;
    const TSNode* at = nullptr;
    for (const auto& [id, node] : m.captures) {
      const TSPoint p = ts_node_start_point(node);
      std::string t(node_text(node, text));
      if (auto nl = t.find('\n'); nl != std::string::npos) t = t.substr(0, nl) + " …";
      hit.captures.push_back({std::string(q->capture_name(id)), static_cast<int>(p.row) + 1,
                              static_cast<int>(p.column) + 1, std::move(t)});
      if (q->match_capture() && id == *q->match_capture()) at = &node;
      else if (!q->match_capture() && (!at || ts_node_start_byte(node) < ts_node_start_byte(*at))) at = &node;
    }
    if (at) {
      hit.line = static_cast<int>(ts_node_start_point(*at).row) + 1;
      hit.column = static_cast<int>(ts_node_start_point(*at).column) + 1;
    }
    r.hits.push_back(std::move(hit));
  });
  ts_query_cursor_delete(cursor);
  if (!complete) add_match_limit_note(r.note, *g);
  return r;
}

}  // namespace lambdafit::ts
