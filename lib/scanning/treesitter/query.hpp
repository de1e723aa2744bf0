// A tree-sitter query with its predicates, which the 0.20 library parses but does not apply:
// they are evaluated here, per match.
//
//   #eq? @a "text" | @a @b      #not-eq?      the capture's text is (not) exactly that
//   #match? @a "re2"            #not-match?   the text has (no) match of the RE2 pattern
//   #any-of? @a "x" "y" …       #not-any-of?  the text is (not) one of these
//   #qualified? @a "subprocess.run" "os.*" …  the name, after imports, is one of these
//   #assigned-from? @a "flask.Flask" …       the variable was set from a call of one of these
//   #command? @a "sysctl" …     the command the node runs (argv[0], wrappers looked through)
//   #flag? @a "-w" "--write" …  #not-flag?    argv has (none of) these flags
//   #arg-match? @a "re2"        #not-arg-match?  some argv word after the command matches
//   #inside? @a "for_statement" …  #not-inside?  the node has (no) ancestor of these types
//   #inside-call? @a "setInterval" …  the node is within the arguments of a call of these
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>
#include <tree_sitter/api.h>

#include "scanning/treesitter/grammars.hpp"
#include "scanning/treesitter/names.hpp"

namespace lambdafit::ts {

struct Predicate {
  enum class Op { eq, match, any_of, qualified, assigned_from, command, flag, arg_match, inside, inside_call };
  Op op;
  bool negate = false;
  uint32_t capture = 0;
  std::optional<uint32_t> other_capture;  ///< #eq? @a @b
  std::vector<std::string> args;
  std::shared_ptr<const RE2> re;
};

struct QueryError {
  uint32_t offset = 0;  ///< byte offset into the query text
  std::string message;
};

/// One predicate as written in a pattern: `#name?` and its operands (a capture's id, or text).
struct PredicateCall {
  struct Operand {
    bool capture = false;
    uint32_t id = 0;   ///< the capture's id when `capture`
    std::string text;  ///< else the string
  };
  std::string name;  ///< without the '#'
  std::vector<Operand> operands;
};

/// Checks one pattern's predicates (the pattern starts at byte `start` of the query `text`) and
/// appends them to `out` in the order they are applied; `needed` gets the literals of which one
/// must occur in a file for the pattern to match (Query::needed_literals). False, with `err`
/// set, when one is unknown or malformed.
bool build_predicates(Grammar g, std::string_view text, uint32_t start,
                      const std::vector<PredicateCall>& calls, std::vector<Predicate>& out,
                      std::vector<std::string>& needed, bool& uses_imports, QueryError& err);

/// One query compiled for one grammar.
class Query {
 public:
  ~Query();
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  /// Compiles `text`; on failure returns null and fills `err` with tree-sitter's (or the
  /// predicate checker's) message and the offset it points at.
  static std::unique_ptr<Query> compile(Grammar g, std::string_view text, QueryError& err);

  Grammar grammar() const { return grammar_; }
  const TSQuery* raw() const { return query_; }
  const std::vector<Predicate>& predicates(uint32_t pattern) const { return predicates_[pattern]; }
  std::string_view capture_name(uint32_t id) const;
  /// The capture named `match`, which sets where the evidence is; else the earliest capture.
  std::optional<uint32_t> match_capture() const { return match_capture_; }
  bool uses_imports() const { return uses_imports_; }
  /// Per pattern: RE2 patterns (quoted literals) of which at least one must occur in a file
  /// for the pattern to match; empty when the pattern names none (the file is then parsed).
  const std::vector<std::vector<std::string>>& needed_literals() const { return needed_; }

 private:
  Query() = default;
  Grammar grammar_{};
  TSQuery* query_ = nullptr;
  std::vector<std::vector<Predicate>> predicates_;
  std::optional<uint32_t> match_capture_;
  bool uses_imports_ = false;
  std::vector<std::vector<std::string>> needed_;
};

/// What evaluating predicates reads besides the match: the source and, made on first use,
/// the file's import table.
class MatchContext {
 public:
  MatchContext(Grammar g, TSNode root, std::string_view source) : g_(g), root_(root), source_(source) {}
  std::string_view source() const { return source_; }
  TSNode root() const { return root_; }
  Grammar grammar() const { return g_; }
  const ImportTable& imports();
  const Assignments& assignments();
  /// canonical_names() of an expression's text, remembered for the file.
  const std::vector<std::string>& canonical(std::string_view text);

 private:
  Grammar g_;
  TSNode root_;
  std::string_view source_;
  std::optional<ImportTable> imports_;
  std::optional<Assignments> assignments_;
  std::map<std::string, std::vector<std::string>, std::less<>> canonical_;
};

/// One accepted match: its pattern and captures (capture id, node).
struct Match {
  uint32_t pattern = 0;
  std::vector<std::pair<uint32_t, TSNode>> captures;
};

/// Whether one match's captures pass every predicate of its pattern.
bool passes(const std::vector<Predicate>& predicates,
            const std::vector<std::pair<uint32_t, TSNode>>& captures, MatchContext& ctx);

/// Partial matches a query cursor keeps in progress at once (ts_query_cursor_set_match_limit).
/// Without a limit tree-sitter 0.20.7 spends minutes on two captured child steps over a node
/// of thousands of children; at it, tree-sitter drops the oldest partial match.
inline constexpr uint32_t kQueryMatchLimit = 256;

/// A new query cursor with kQueryMatchLimit set.
TSQueryCursor* new_query_cursor();

/// Adds to `note` (after "; " when it holds one already) what to tell of a file where
/// run_query met the limit, starting with `where` ("path: ") when given.
void add_match_limit_note(std::string& note, Grammar g, std::string_view where = {});

/// Runs `q` over the tree, applying the predicates; calls `on_match` for each accepted match.
/// False when the cursor met its match limit: some matches may be missing.
bool run_query(const Query& q, TSQueryCursor* cursor, MatchContext& ctx,
               const std::function<void(const Match&)>& on_match);

}  // namespace lambdafit::ts
