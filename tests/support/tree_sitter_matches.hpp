// The accepted matches of a query, from its compiled form and from the walk of its simple
// patterns (scanning/treesitter/simple_pattern.hpp), in one comparable shape: used by the
// unit test and the differential fuzz target, which both require the two to agree.
#pragma once

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "scanning/treesitter/query.hpp"
#include "scanning/treesitter/simple_pattern.hpp"

namespace lambdafit::test {

/// One accepted match: its pattern and (capture name, start, end) of each capture, sorted.
using MatchKey = std::tuple<uint32_t, std::vector<std::tuple<std::string, uint32_t, uint32_t>>>;

/// The compiled query's matches of the patterns that `simple` holds.
inline std::set<MatchKey> compiled_matches(const ts::Query& q, ts::MatchContext& ctx,
                                           const std::vector<std::optional<ts::SimplePattern>>& simple) {
  std::set<MatchKey> out;
  TSQueryCursor* cursor = ts_query_cursor_new();
  ts::run_query(q, cursor, ctx, [&](const ts::Match& m) {
    if (m.pattern >= simple.size() || !simple[m.pattern]) return;
    std::vector<std::tuple<std::string, uint32_t, uint32_t>> caps;
    for (const auto& [id, n] : m.captures)
      caps.emplace_back(std::string(q.capture_name(id)), ts_node_start_byte(n), ts_node_end_byte(n));
    std::sort(caps.begin(), caps.end());
    out.emplace(m.pattern, std::move(caps));
  });
  ts_query_cursor_delete(cursor);
  return out;
}

/// The walk's matches of the same patterns. A pattern the walk gave up on is answered by
/// `fallback`'s compiled matches, as the engine does (without one: none), and counted in
/// `*given_up`.
inline std::set<MatchKey> simple_matches(const std::vector<std::optional<ts::SimplePattern>>& simple,
                                         ts::MatchContext& ctx, const ts::Query* fallback = nullptr,
                                         std::size_t* given_up = nullptr) {
  std::vector<ts::SimpleJob> jobs;
  for (std::size_t i = 0; i < simple.size(); ++i)
    if (simple[i]) jobs.push_back({&*simple[i], i});
  std::set<MatchKey> out;
  const auto cut = ts::run_simple(jobs, ctx, [&](const ts::SimpleJob& j, const ts::Match& m) {
    std::vector<std::tuple<std::string, uint32_t, uint32_t>> caps;
    for (const auto& [id, n] : m.captures)
      caps.emplace_back(j.pattern->capture_names.at(id), ts_node_start_byte(n), ts_node_end_byte(n));
    std::sort(caps.begin(), caps.end());
    out.emplace(static_cast<uint32_t>(j.owner), std::move(caps));
  });
  if (given_up) *given_up += cut.size();
  if (cut.empty()) return out;
  std::erase_if(out, [&](const MatchKey& k) {
    return std::find(cut.begin(), cut.end(), std::get<0>(k)) != cut.end();
  });
  if (!fallback) return out;
  ts::MatchContext again(ctx.grammar(), ctx.root(), ctx.source());
  for (auto& k : compiled_matches(*fallback, again, simple))
    if (std::find(cut.begin(), cut.end(), std::get<0>(k)) != cut.end()) out.insert(std::move(k));
  return out;
}

}  // namespace lambdafit::test
