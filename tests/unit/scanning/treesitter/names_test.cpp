// Import tables, canonical names and command argv, on small parsed snippets.
#include <catch2/catch.hpp>

#include <functional>

#include "scanning/treesitter/names.hpp"
#include "scanning/treesitter/parse.hpp"

using namespace lambdafit::ts;

namespace {

std::vector<std::string> canon(Grammar g, const std::string& src, const std::string& expr) {
  auto p = parse_source(g, src);
  REQUIRE(p.tree);
  return canonical_names(g, read_imports(g, ts_tree_root_node(p.tree.get()), src), expr);
}

// The argv of the first node of `type` in `src`.
std::vector<std::string> argv_of(Grammar g, const std::string& src, const char* type) {
  auto p = parse_source(g, src);
  REQUIRE(p.tree);
  std::function<bool(TSNode, TSNode&)> find = [&](TSNode n, TSNode& out) {
    if (std::string(ts_node_type(n)) == type) {
      out = n;
      return true;
    }
    for (uint32_t i = 0; i < ts_node_child_count(n); ++i)
      if (find(ts_node_child(n, i), out)) return true;
    return false;
  };
  TSNode n;
  REQUIRE(find(ts_tree_root_node(p.tree.get()), n));
  return command_argv(g, n, src);
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("names: Python imports and aliases", "[tree-sitter][names]") {
  const std::string src = "import subprocess as sp\nfrom os import setuid, system as run\nimport os.path\nfrom shutil import *\n";
  CHECK(canon(Grammar::python, src, "sp.check_call") == V{"subprocess.check_call"});
  CHECK(canon(Grammar::python, src, "setuid") == V{"os.setuid"});
  CHECK(canon(Grammar::python, src, "run") == V{"os.system"});
  CHECK(canon(Grammar::python, src, "os.path.join") == V{"os.path.join"});
  CHECK(canon(Grammar::python, src, "rmtree") == V{"rmtree", "shutil.rmtree"});
  CHECK(canon(Grammar::python, "x = 1\n", "sp.run") == V{"sp.run"});
}

TEST_CASE("names: CommonJS, ESM and TypeScript imports", "[tree-sitter][names]") {
  const std::string src =
      "const { execSync, spawn: sp } = require('child_process');\n"
      "const cp = require(\"node:child_process\");\n"
      "import * as fs from 'fs';\nimport { exec as run } from 'node:child_process';\n"
      "import http from 'http';\n";
  CHECK(canon(Grammar::javascript, src, "execSync") == V{"child_process.execSync"});
  CHECK(canon(Grammar::javascript, src, "sp") == V{"child_process.spawn"});
  CHECK(canon(Grammar::javascript, src, "cp.exec") == V{"child_process.exec"});
  CHECK(canon(Grammar::javascript, src, "run") == V{"child_process.exec"});
  CHECK(canon(Grammar::javascript, src, "http.createServer") == V{"http.createServer"});
  CHECK(canon(Grammar::javascript, src, "require('child_process').execSync") == V{"child_process.execSync"});
  CHECK(canon(Grammar::typescript, "import cp = require('child_process');\n", "cp.spawn") ==
        V{"child_process.spawn"});
}

TEST_CASE("names: Java imports, static imports and java.lang", "[tree-sitter][names]") {
  const std::string src =
      "import static java.lang.Runtime.getRuntime;\nimport java.util.concurrent.*;\n"
      "import org.springframework.boot.SpringApplication;\nclass A {}\n";
  CHECK(canon(Grammar::java, src, "getRuntime") == V{"java.lang.Runtime.getRuntime"});
  CHECK(canon(Grammar::java, src, "SpringApplication.run") == V{"org.springframework.boot.SpringApplication.run"});
  CHECK(canon(Grammar::java, src, "ProcessBuilder") ==
        V{"ProcessBuilder", "java.util.concurrent.ProcessBuilder", "java.lang.ProcessBuilder"});
  CHECK(name_matches("child_process.execSync", "child_process.*"));
  CHECK_FALSE(name_matches("child_process", "child_process.*"));
}

TEST_CASE("names: command argv from calls and shell commands", "[tree-sitter][names]") {
  CHECK(argv_of(Grammar::python, "subprocess.run(['sudo', '/sbin/sysctl', '-w', x])\n", "call") ==
        V{"/sbin/sysctl", "-w", "?"});
  CHECK(argv_of(Grammar::python, "os.system(\"env A=1 nice -n 5 modprobe br_netfilter; ls\")\n", "call") ==
        V{"modprobe", "br_netfilter"});
  CHECK(argv_of(Grammar::python, "subprocess.call(['bash', '-c', 'sysctl -w a=1'])\n", "call") ==
        V{"sysctl", "-w", "a=1"});
  CHECK(argv_of(Grammar::javascript, "execFile('ethtool', ['-K', dev]);\n", "call_expression") ==
        V{"ethtool", "-K", "?"});
  CHECK(argv_of(Grammar::java, "class A { void f() { new ProcessBuilder(\"sysctl\", \"-w\"); } }\n",
                "object_creation_expression") == V{"sysctl", "-w"});
  CHECK(argv_of(Grammar::java, "class A { void f() { r.exec(new String[]{\"ip\", \"link\"}); } }\n",
                "method_invocation") == V{"ip", "link"});
  CHECK(argv_of(Grammar::bash, "LANG=C sudo -u root sysctl -w 'a=1' \"$X\"\n", "command") ==
        V{"sysctl", "-w", "a=1", "$X"});
  const V argv{"sysctl", "-qw", "--load=/etc/x"};
  CHECK(has_flag(argv, "-w"));
  CHECK(has_flag(argv, "--load"));
  CHECK_FALSE(has_flag(argv, "-a"));
  CHECK(command_name(V{"/usr/sbin/sysctl"}) == "sysctl");
}
