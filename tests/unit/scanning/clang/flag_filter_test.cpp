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

TEST_CASE("compile flags: a file flag whose value looks like a flag is refused", "[clang][flags]") {
  // Clang reads `-imacros -include /etc/shadow` as the macros file "-include" and an input
  // /etc/shadow; a reader that sees `-include /etc/shadow` there is misled, and no real build
  // names a file starting with '-'. Found by fuzz_compile_flags.
  std::vector<std::string> args{"cc", "-imacros", "-include", "/etc/shadow", "-include", "-include", "pre.h", "-c", "a.c"};
  const auto dropped = drop_untrusted_flags(args, "/w/build", "/w");
  CHECK(dropped == std::vector<std::string>{"-imacros -include", "-include -include"});
  CHECK(args == std::vector<std::string>{"cc", "/etc/shadow", "pre.h", "-c", "a.c"});
  for (std::size_t i = 1; i + 1 < args.size(); ++i) CHECK_FALSE((args[i] == "-include" && args[i + 1] == "/etc/shadow"));
}
