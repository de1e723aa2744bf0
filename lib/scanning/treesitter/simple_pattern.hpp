// Queries whose patterns are single nodes, matched without compiling them.
//
// tree-sitter 0.20's ts_query_new analyses the whole grammar's parse table for every query it
// compiles (~3.5 ms for bash, most of a one-script lint), whatever the query holds. Most
// shell detectors are one node and predicates:
//
//   ((command) @match (#command? @match "ulimit") (#arg-match? @match "^[0-9]+$"))
//   (command) @match
//
//   ((command name: (command_name) @n) @match (#not-any-of? @n "echo"))
//   ((command argument: (_)) @match (#command? @match "ssh"))
//
// Such a pattern matches every node of that type, anywhere in the tree (inside ERROR nodes
// too), that has direct children fitting its child steps in order (other children between
// them), each capture on its node; the predicates then decide, as for a compiled query. Those
// patterns are read from the text here and matched by one walk over the tree. Anything else —
// grandchildren, alternations of named nodes, quantifiers, anchors, negated fields, `_`,
// predicates inside a child — makes the pattern "not simple", and it goes through a compiled
// query as before. A child step without a capture takes its first fitting child, as
// tree-sitter does; a captured one every fitting child, each a match of its own (with two
// captured steps, every ordered pair: `(while_statement condition: (_) @c body: (_) @b)`).
//
// The walk gives up on a pattern — reported, so its owner goes through the compiled query
// for that file instead — where it cannot be sure to answer as tree-sitter does: a step with
// a field that would fit a child after another child carrying that field (the other fitted
// a captured step, or did not fit: `destination: (_) @d` on `> a b`; tree-sitter looks past
// the first carrier only when the grammar puts the field on each item of a repeat, not when
// it puts it on the repeated group, and its public API does not say which), or a
// node whose fitting would try more than kFitBudget children (two captured steps over a
// command of 10,000 arguments: 50 million pairs).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tree_sitter/api.h>

#include "scanning/treesitter/query.hpp"

namespace lambdafit::ts {

/// A child the node must have: `field: (type) @cap*`, `(type)`, `(_)` (any named node), or an
/// anonymous node, `">"` or `[">" ">>"]` (not captured).
struct SimpleChild {
  TSFieldId field = 0;             ///< 0: any
  TSSymbol symbol = 0;             ///< 0: any named node but ERROR (unless any_of)
  std::vector<TSSymbol> any_of;    ///< else one of these anonymous nodes (`[">" ">>"]`)
  std::vector<uint32_t> captures;  ///< on the child
};

struct SimplePattern {
  TSSymbol symbol = 0;             ///< the node type, as ts_node_symbol gives it
  std::vector<uint32_t> captures;  ///< ids of the captures on the node (ids local to the pattern)
  std::vector<SimpleChild> children;  ///< direct children, in this order (gaps allowed)
  std::optional<uint32_t> match_capture;  ///< the one named `match`
  std::vector<std::string> capture_names;  ///< by id
  std::vector<Predicate> predicates;      ///< in the order they are applied
  std::vector<std::string> needed;        ///< as Query::needed_literals gives it
};

/// Per pattern of `text`, in the order tree-sitter numbers them: the pattern when it is a
/// single node, else nullopt. Nullopt overall when the text cannot be split into patterns
/// here (the caller then compiles it), so a result always has tree-sitter's pattern count
/// when the text is a valid query.
std::optional<std::vector<std::optional<SimplePattern>>> simple_patterns(Grammar g, std::string_view text);

/// One pattern to run by the walk, and who asked for it.
struct SimpleJob {
  const SimplePattern* pattern;
  std::size_t owner;  ///< the caller's index (a detector)
};

/// Children tried per node and pattern before the walk gives that pattern up.
inline constexpr std::size_t kFitBudget = std::size_t{1} << 16;

/// Walks the tree once, in the order a query cursor meets nodes, and calls `on_match(owner,
/// pattern, captures)` for each node of a job's type whose captures pass its predicates;
/// jobs on one node in the order given. Returns the owners the walk gave up on at some node
/// (see above): from there on their jobs were skipped, so the matches given for them are
/// partial and the caller must find theirs another way (a compiled query).
std::vector<std::size_t> run_simple(const std::vector<SimpleJob>& jobs, MatchContext& ctx,
                const std::function<void(const SimpleJob&, const Match&)>& on_match);

}  // namespace lambdafit::ts
