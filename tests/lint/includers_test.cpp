#include <catch2/catch.hpp>

#include "lint/includers.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit;
using namespace lambdafit::lint;

namespace {
std::vector<WorkloadFile> files(const testing::TempTree& t, const std::vector<std::string>& rels) {
  std::vector<WorkloadFile> out;
  for (const auto& r : rels) out.push_back({r, t.path(r), 100});
  return out;
}
}  // namespace

TEST_CASE("includers: the nearest unit including a header, directly or through headers", "[includers]") {
  testing::TempTree t;
  t.write("include/net/server.h", "#pragma once\n");
  t.write("include/net/all.h", "#include \"net/server.h\"\n");
  t.write("src/a.cpp", "#include <net/all.h>\n");          // two steps away
  t.write("src/b.cpp", "  #  include \"net/server.h\"\n");  // one step away
  t.write("src/lonely.h", "int x;\n");
  t.write("src/c.cpp", "// #include \"lonely.h\" is only a comment\n#include \"other/lonely.h\"\n");
  const auto all = files(t, {"include/net/all.h", "include/net/server.h", "src/a.cpp", "src/b.cpp",
                             "src/c.cpp", "src/lonely.h"});
  const auto units = including_units(all, {"include/net/server.h", "include/net/all.h", "src/lonely.h"});
  CHECK(units.at("include/net/server.h") == "src/b.cpp");
  CHECK(units.at("include/net/all.h") == "src/a.cpp");
  CHECK(units.count("src/lonely.h") == 0);  // "other/lonely.h" is another file
}

TEST_CASE("includers: header extensions", "[includers]") {
  CHECK(is_header("a/b.h"));
  CHECK(is_header("x.hpp"));
  CHECK(is_header("k.cuh"));
  CHECK_FALSE(is_header("x.c"));
  CHECK_FALSE(is_header("Makefile"));
  CHECK_FALSE(is_header("h"));
}
