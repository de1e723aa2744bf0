#include <catch2/catch.hpp>

#include "scanning/clang/flag_filter.hpp"

using lambdafit::cpp::drop_untrusted_flags;

TEST_CASE("compile flags: files outside the workload and code loading are dropped", "[clang][flags]") {
  std::vector<std::string> args{"cc",          "-include", "/etc/shadow", "-include", "pre.h", "--include=/etc/passwd",
                                "-imacros/etc/x", "-fplugin=/tmp/p.so", "-Xclang", "-load", "-Xclang", "/tmp/l.so",
                                "@/etc/rsp",   "-I/usr/include", "-O2", "-c", "a.c"};
  const auto dropped = drop_untrusted_flags(args, "/w/build", "/w");
  CHECK(args == std::vector<std::string>{"cc", "-include", "pre.h", "-I/usr/include", "-O2", "-c", "a.c"});
  CHECK(dropped.size() == 6);
  CHECK(dropped.front() == "-include /etc/shadow");
}
