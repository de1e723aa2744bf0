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
