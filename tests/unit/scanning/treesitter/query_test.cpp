// Query compilation (errors, predicates) and predicate evaluation, on small snippets.
#include <catch2/catch.hpp>

#include "scanning/treesitter/parse.hpp"
#include "scanning/treesitter/query.hpp"

using namespace lambdafit::ts;

namespace {

// The 1-based lines where `query` matches `src` (the @match capture, else the first).
std::vector<int> lines(Grammar g, const std::string& query, const std::string& src) {
  QueryError err;
  auto q = Query::compile(g, query, err);
  INFO(err.message);
  REQUIRE(q);
  auto p = parse_source(g, src);
  REQUIRE(p.tree);
  MatchContext ctx(g, ts_tree_root_node(p.tree.get()), src);
  TSQueryCursor* cursor = ts_query_cursor_new();
  std::vector<int> out;
  run_query(*q, cursor, ctx, [&](const Match& m) {
    for (const auto& [id, node] : m.captures)
      if (!q->match_capture() || id == *q->match_capture()) {
        out.push_back(static_cast<int>(ts_node_start_point(node).row) + 1);
        break;
      }
  });
  ts_query_cursor_delete(cursor);
  return out;
}

using L = std::vector<int>;

}  // namespace

TEST_CASE("query: errors name the offset and the grammar's complaint", "[tree-sitter][query]") {
  QueryError err;
  CHECK_FALSE(Query::compile(Grammar::python, "(call  (nosuchnode))", err));
  CHECK(err.offset == 8);
  CHECK(err.message == "invalid node type 'nosuchnode' for this grammar");
  CHECK_FALSE(Query::compile(Grammar::python, "((identifier) @a (#frob? @a \"x\"))", err));
  CHECK(err.offset == 18);
  CHECK(err.message.starts_with("unknown predicate '#frob?'"));
  CHECK_FALSE(Query::compile(Grammar::python, "((identifier) @a (#match? @a \"(\"))", err));
  CHECK(err.message.starts_with("invalid regular expression in '#match?'"));
  CHECK_FALSE(Query::compile(Grammar::python, "((identifier) @a (#eq? @a))", err));
  CHECK(err.message == "'#eq?' needs at least one value");
}

TEST_CASE("query: predicates are applied per match", "[tree-sitter][query]") {
  const std::string src = "a = 1\nb = 2\nabc = 3\n# a = 4\n";
  CHECK(lines(Grammar::python, "((identifier) @x (#eq? @x \"a\"))", src) == L{1});
  CHECK(lines(Grammar::python, "((identifier) @x (#not-eq? @x \"a\"))", src) == L{2, 3});
  CHECK(lines(Grammar::python, "((identifier) @x (#match? @x \"^a\"))", src) == L{1, 3});
  CHECK(lines(Grammar::python, "((identifier) @x (#not-match? @x \"^a\"))", src) == L{2});
  CHECK(lines(Grammar::python, "((identifier) @x (#any-of? @x \"b\" \"abc\"))", src) == L{2, 3});
  CHECK(lines(Grammar::python, "((identifier) @x (#not-any-of? @x \"b\" \"abc\"))", src) == L{1});
  CHECK(lines(Grammar::python,
              "(assignment left: (identifier) @l right: (integer) @r (#eq? @l @r))", "x = 1\n") == L{});
}

TEST_CASE("query: qualified names, commands, flags and ancestors", "[tree-sitter][query]") {
  const std::string py =
      "import subprocess as sp\n"
      "sp.run(['sysctl', '-w', 'a=1'])\n"
      "sp.run(['sysctl', '-a'])\n"
      "other.run(['sysctl', '-w'])\n"
      "while True:\n"
      "    s3.list_objects_v2(Bucket=b)\n"
      "s3.list_objects_v2(Bucket=b)\n";
  const std::string q =
      "(call function: (_) @fn arguments: (argument_list) @args"
      " (#qualified? @fn \"subprocess.*\") (#command? @args \"sysctl\") (#flag? @args \"-w\")) @match";
  CHECK(lines(Grammar::python, q, py) == L{2});
  CHECK(lines(Grammar::python,
              "(call function: (attribute attribute: (identifier) @m) (#eq? @m \"list_objects_v2\")"
              " (#inside? @m \"while_statement\" \"for_statement\")) @match",
              py) == L{6});
  CHECK(lines(Grammar::python,
              "(call function: (attribute attribute: (identifier) @m) (#eq? @m \"list_objects_v2\")"
              " (#not-inside? @m \"while_statement\")) @match",
              py) == L{7});
  CHECK(lines(Grammar::bash, "((command) @c (#command? @c \"sysctl\") (#arg-match? @c \"^[a-z.]+=\"))",
              "sysctl vm.x=1\nsysctl -a\necho sysctl vm.x=1\n") == L{1});
}

TEST_CASE("parse: syntax errors and bytes that are not code do not crash", "[tree-sitter][parse]") {
  auto p = parse_source(Grammar::python, "def f(:\n  pass\n");
  REQUIRE(p.tree);
  CHECK(p.has_errors);
  CHECK(p.error_line == 1);
  for (Grammar g : {Grammar::python, Grammar::javascript, Grammar::typescript, Grammar::tsx,
                    Grammar::java, Grammar::bash}) {
    auto q = parse_source(g, std::string("\0\xff((((\"'`${", 12));
    CHECK(q.tree);
    auto ok = parse_source(g, "");
    CHECK(ok.tree);
    CHECK_FALSE(ok.has_errors);
  }
}
