#include "scanning/treesitter/parse.hpp"

#include <tree_sitter/api.h>

#include <cstring>

#include <fmt/format.h>

namespace lambdafit::ts {

void TreeDeleter::operator()(TSTree* t) const { ts_tree_delete(t); }

namespace {

// A parse that takes longer than this is abandoned (pathological input must not hang a scan).
constexpr uint64_t kParseTimeoutMicros = 20'000'000;

struct ParserDeleter {
  void operator()(TSParser* p) const { ts_parser_delete(p); }
};

// The first ERROR or MISSING node in document order; iterative, so deep nesting cannot
// exhaust the stack.
bool first_error(TSNode n, TSNode& out) {
  if (!ts_node_has_error(n)) return false;
  for (;;) {
    if (ts_node_is_missing(n) || std::strcmp(ts_node_type(n), "ERROR") == 0) break;
    const uint32_t count = ts_node_child_count(n);
    bool descended = false;
    for (uint32_t i = 0; i < count; ++i) {
      TSNode c = ts_node_child(n, i);
      if (ts_node_has_error(c)) {
        n = c;
        descended = true;
        break;
      }
    }
    if (!descended) break;  // has_error without an erroneous child: name this node
  }
  out = n;
  return true;
}

}  // namespace

ParsedSource parse_source(Grammar g, std::string_view bytes) {
  ParsedSource r;
  std::string why;
  const TSLanguage* lang = load_grammar(g, &why);
  if (!lang) {
    r.problem = why;
    return r;
  }
  // One parser per call: parsers are cheap next to the parse and this keeps the call reentrant.
  std::unique_ptr<TSParser, ParserDeleter> parser(ts_parser_new());
  if (!ts_parser_set_language(parser.get(), lang)) {
    r.problem = fmt::format("the {} grammar could not be loaded (ABI version {})", grammar_name(g),
                            ts_language_version(lang));
    return r;
  }
  ts_parser_set_timeout_micros(parser.get(), kParseTimeoutMicros);
  if (bytes.size() > UINT32_MAX) {
    r.problem = "file too large to parse";
    return r;
  }
  r.tree.reset(ts_parser_parse_string(parser.get(), nullptr, bytes.data(),
                                      static_cast<uint32_t>(bytes.size())));
  if (!r.tree) {
    r.problem = "the parse did not finish within the time limit";
    return r;
  }
  TSNode root = ts_tree_root_node(r.tree.get());
  TSNode err;
  if (first_error(root, err)) {
    r.has_errors = true;
    r.error_line = ts_node_start_point(err).row + 1;
    r.problem = fmt::format("syntax error near line {}", r.error_line);
  }
  return r;
}

}  // namespace lambdafit::ts
