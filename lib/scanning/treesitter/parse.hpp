// One parse of one file's bytes. The entry point takes only (grammar, bytes) so a fuzz target
// can call it directly.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "scanning/treesitter/grammars.hpp"

struct TSTree;

namespace lambdafit::ts {

struct TreeDeleter {
  void operator()(TSTree* t) const;
};
using TreePtr = std::unique_ptr<TSTree, TreeDeleter>;

struct ParsedSource {
  TreePtr tree;          ///< null when the parse failed (see `problem`)
  std::string problem;   ///< why there is no tree, or where the first syntax error is
  bool has_errors = false;
  unsigned error_line = 0;  ///< 1-based line of the first ERROR or MISSING node
};

/// Parses `bytes` with the grammar. Never throws; a grammar that cannot be loaded, a parse
/// over the time limit or a tree with syntax errors is described in `problem`.
ParsedSource parse_source(Grammar g, std::string_view bytes);

}  // namespace lambdafit::ts
