#include <catch2/catch.hpp>

#include "core/glob.hpp"

using lambdafit::glob_match;

TEST_CASE("glob: double star spans directories", "[glob]") {
  CHECK(glob_match("**/*.cu", "a.cu"));
  CHECK(glob_match("**/*.cu", "src/kernels/a.cu"));
  CHECK_FALSE(glob_match("**/*.cu", "src/a.cuh"));
  CHECK(glob_match("src/**/x.c", "src/x.c"));
  CHECK(glob_match("src/**/x.c", "src/a/b/x.c"));
  CHECK_FALSE(glob_match("src/**/x.c", "lib/x.c"));
  CHECK(glob_match("tests/**", "tests/a/b.py"));
}

TEST_CASE("glob: single star stays in one segment", "[glob]") {
  CHECK(glob_match("src/*.c", "src/a.c"));
  CHECK_FALSE(glob_match("src/*.c", "src/sub/a.c"));
  CHECK(glob_match("**/sysctl.d/*.conf", "etc/sysctl.d/10-net.conf"));
}

TEST_CASE("glob: pattern without slash matches the name anywhere", "[glob]") {
  CHECK(glob_match("sysctl.conf", "conf/sysctl.conf"));
  CHECK(glob_match("Dockerfile", "Dockerfile"));
  CHECK_FALSE(glob_match("sysctl.conf", "conf/sysctl.conf.bak"));
}

TEST_CASE("glob: classes and question marks", "[glob]") {
  CHECK(glob_match("file?.txt", "file1.txt"));
  CHECK_FALSE(glob_match("file?.txt", "file10.txt"));
  CHECK(glob_match("[a-c]*.py", "b_tool.py"));
  CHECK_FALSE(glob_match("[!a-c]*.py", "b_tool.py"));
}

TEST_CASE("glob: hostile patterns match in linear time", "[glob]") {
  // These backtracked exponentially before globs were compiled to an automaton.
  std::string pattern;
  for (int i = 0; i < 40; ++i) pattern += "a*";
  pattern += "b";
  const std::string name(5000, 'a');
  CHECK_FALSE(glob_match(pattern, name));
  CHECK_FALSE(glob_match("***??***/", std::string(3000, 'x') + "/y"));
  CHECK(glob_match("***??***/", "xyz/"));
  std::string deep;
  for (int i = 0; i < 30; ++i) deep += "**/a";
  CHECK_FALSE(glob_match(deep, std::string(400, 'a') + "b"));
}

TEST_CASE("glob: the literal-tail shortcut and the compiled-pattern memo change no answer", "[glob]") {
  // Every match ends with the text after the pattern's last * ? or ]; checked before the
  // automaton runs, and each pattern is compiled once per thread.
  for (int round = 0; round < 2; ++round) {
    CHECK(glob_match("**/template.yaml", "infra/sam/template.yaml"));
    CHECK(glob_match("**/template.yaml", "template.yaml"));  // **/ may match no segment
    CHECK(glob_match("a/**/b.txt", "a/b.txt"));
    CHECK_FALSE(glob_match("a/**/b.txt", "a/xb.txt"));
    CHECK_FALSE(glob_match("**/template.yaml", "infra/sam/template.yml"));
    CHECK(glob_match("src/*.[ch]", "src/main.c"));
    CHECK_FALSE(glob_match("src/*.[ch]", "src/main.cc"));
    CHECK(glob_match("*.tf", "modules/fn/main.tf"));
    CHECK(glob_match("a]b", "a]b"));                  // a lone ] is literal
    CHECK(glob_match("x[ab", "dir/x[ab"));            // an unclosed [ is literal
    CHECK_FALSE(glob_match("x[ab", "dir/xa"));
    CHECK(glob_match("docs/**", "docs/a/b.md"));      // an empty tail matches anything
    CHECK(glob_match("/Dockerfile", "Dockerfile"));   // a leading / anchors at the root
    CHECK_FALSE(glob_match("/Dockerfile", "sub/Dockerfile"));
  }
}
