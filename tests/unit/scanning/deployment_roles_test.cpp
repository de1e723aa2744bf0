#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "rulepack/model.hpp"
#include "scanning/deployment_roles.hpp"
#include "scanning/scan.hpp"
#include "support/shipped_pack.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit;
using lambdafit::testing::TempTree;

namespace {

// Walks `t`, assigns the shipped conventions, then the deployment marks.
struct Marked {
  ScanOutput out;
  explicit Marked(const TempTree& t) {
    ScanInput in;
    in.root = t.path();
    in.files = walk_workload(in.root, {}, out);
    const auto& pack = lambdafit::testing::shipped_pack().data();
    out.roles().assign(in.files, pack.roles, {});
    mark_deployment_roles(in, pack.deployed_by, out);
  }
  std::string role(std::string_view p) const { return std::string(to_string(out.roles().role_of(p))); }
  std::string source(std::string_view p) const { return out.roles().decision(p).source; }
  std::string notes() { return fmt::format("{}", fmt::join(out.summary().coverage_notes, "\n")); }
};

}  // namespace

TEST_CASE("deployment roles: a SAM CodeUri under examples/ makes that code deployed", "[roles][deployed_by]") {
  TempTree t;
  t.write("template.yaml",
          "Transform: AWS::Serverless-2016-10-31\n"
          "Resources:\n"
          "  Hello:\n"
          "    Type: AWS::Serverless::Function\n"
          "    Properties:\n"
          "      CodeUri: examples/hello/\n"
          "      Handler: app.handler\n");
  t.write("examples/hello/app.py", "def handler(e, c): return 1\n");
  t.write("examples/hello/tests/test_app.py", "def test(): pass\n");
  t.write("examples/hello/README.md", "# hi\n");
  t.write("examples/hello/4-invoke.sh", "aws lambda invoke\n");
  t.write("examples/other/main.py", "print(1)\n");
  Marked m(t);
  CHECK(m.role("examples/hello/app.py") == "deployed");
  CHECK(m.source("examples/hello/app.py") == "template.yaml:6:7");  // the CodeUri, the first to name it
  CHECK(m.role("examples/hello/tests/test_app.py") == "test");      // tests inside stay tests
  CHECK(m.role("examples/hello/README.md") == "docs");
  CHECK(m.role("examples/hello/4-invoke.sh") == "tooling");         // a helper by its name
  CHECK(m.role("examples/other/main.py") == "example");
  const auto marks = m.out.roles().marks();
  REQUIRE(marks.size() == 2);
  CHECK(marks[0].path == "examples/hello");
  CHECK(marks[0].source == "template.yaml:6:7");
  CHECK(marks[0].rule == "sam-code-uri");
  CHECK(marks[0].files == 4);
  CHECK(marks[0].changed == 1);
  CHECK(marks[1].rule == "sam-handler");
}

TEST_CASE("deployment roles: a handler relative to the Globals CodeUri, a file named outright",
          "[roles][deployed_by]") {
  TempTree t;
  t.write("template.yaml",
          "Globals:\n  Function:\n    CodeUri: samples/src\n"
          "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n"
          "      Handler: handlers/get.main\n");
  t.write("samples/src/handlers/get.js", "exports.main = async () => 1;\n");
  Marked m(t);
  CHECK(m.role("samples/src/handlers/get.js") == "deployed");
  CHECK(m.source("samples/src/handlers/get.js") == "template.yaml:3:5");  // the Globals CodeUri, first
}

TEST_CASE("deployment roles: computed values are noted, never guessed", "[roles][deployed_by]") {
  TempTree t;
  t.write("template.yaml",
          "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n"
          "      CodeUri: !Sub '${Dir}/fn'\n"
          "  Other:\n    Type: AWS::Serverless::Function\n    Properties:\n"
          "      CodeUri: !If [Prod, examples/a, examples/b]\n");
  t.write("examples/a/app.py", "x = 1\n");
  Marked m(t);
  CHECK(m.role("examples/a/app.py") == "example");
  const auto notes = m.notes();
  CHECK(notes.find("template.yaml:5:7: note: '!Sub ${Dir}/fn' is computed when deployed, not a literal path") !=
        std::string::npos);
  CHECK(notes.find("template.yaml:9:7: note: '!If") != std::string::npos);
  CHECK(notes.find("[deployed-by:sam-code-uri]") != std::string::npos);
}

TEST_CASE("deployment roles: paths out of the workload and from non-deployed files are ignored",
          "[roles][deployed_by]") {
  TempTree t;
  t.write("template.yaml",
          "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: ../elsewhere\n");
  // A template that is itself an example names nothing deployed.
  t.write("examples/demo/template.yaml",
          "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n");
  t.write("examples/demo/src/app.py", "x = 1\n");
  Marked m(t);
  CHECK(m.role("examples/demo/src/app.py") == "example");
  CHECK(m.out.roles().marks().empty());
}

TEST_CASE("deployment roles: serverless, Dockerfile, package.json and pyproject", "[roles][deployed_by]") {
  TempTree t;
  t.write("serverless.yml",
          "service: s\nfunctions:\n  a:\n    handler: demo/handler.run\n"
          "package:\n  patterns:\n    - '!examples/**'\n    - 'examples/keep/**'\n");
  t.write("demo/handler.js", "module.exports.run = async () => 1;\n");
  t.write("examples/keep/lib.js", "x\n");
  t.write("examples/other.js", "x\n");
  t.write("Dockerfile",
          "FROM python:3.12 AS build\nCOPY --from=builder /out /out\n"
          "COPY samples/worker/ /app/\nCMD [\"python\", \"devtools/serve.py\"]\n");
  t.write("samples/worker/w.py", "x\n");
  t.write("devtools/serve.py", "x\n");
  t.write("cli/package.json", "{\"name\": \"c\", \"main\": \"examples/index.js\", \"bin\": {\"c\": \"bin/c.js\"}}\n");
  t.write("cli/examples/index.js", "x\n");
  t.write("cli/bin/c.js", "x\n");
  t.write("pyproject.toml", "[project]\nname = \"p\"\n[project.scripts]\np = \"examples.tool.main:run\"\n");
  t.write("examples/tool/main.py", "def run(): pass\n");
  Marked m(t);
  CHECK(m.role("demo/handler.js") == "deployed");
  CHECK(m.source("demo/handler.js") == "serverless.yml:4:5");
  CHECK(m.role("examples/keep/lib.js") == "deployed");
  CHECK(m.source("examples/keep/lib.js") == "serverless.yml:8:7");
  CHECK(m.role("examples/other.js") == "example");  // '!' patterns name nothing
  CHECK(m.role("samples/worker/w.py") == "deployed");
  CHECK(m.source("samples/worker/w.py") == "Dockerfile:3:1");
  CHECK(m.role("devtools/serve.py") == "deployed");
  CHECK(m.role("cli/examples/index.js") == "deployed");
  CHECK(m.source("cli/examples/index.js") == "cli/package.json:1:15");
  CHECK(m.role("cli/bin/c.js") == "deployed");
  CHECK(m.role("examples/tool/main.py") == "deployed");
  CHECK(m.source("examples/tool/main.py") == "pyproject.toml:4:1");
}

TEST_CASE("deployment roles: rule-file errors name file, line and column", "[roles][deployed_by][loader]") {
  TempTree t;
  t.write("d.yaml",
          "deployed_by:\n"
          "  - id: x\n    document: yml\n    files: [a]\n    path: a\n    names: path\n"
          "  - id: y\n    document: yaml\n    files: [a]\n    path: a\n    names: hander\n"
          "  - id: z\n    document: yaml\n    files: [a]\n    path: a[\n    names: path\n    bse: x\n");
  const auto r = load_rule_pack({lambdafit::testing::shipped_rules_dir(), t.path()});
  REQUIRE_FALSE(r.ok());
  const std::string all = r.error_text();
  CHECK(all.find("d.yaml:3:15: error: unknown document type 'yml'; did you mean 'yaml'?") != std::string::npos);
  CHECK(all.find("d.yaml:11:12: error: 'names' is one of path, glob, handler, entry-point, copy, command, "
                 "automake-program, not 'hander'; did you mean 'handler'?") != std::string::npos);
  CHECK(all.find("d.yaml:17:5: error: unknown key 'bse' in a deployed_by rule; did you mean 'base'?") !=
        std::string::npos);
}

TEST_CASE("deployment roles: scripts Terraform runs while deploying are build, not deployed",
          "[roles][deployed_by]") {
  // The shape of terraform-aws-modules' Lambda module: an `external` data source and a
  // `local-exec` provisioner run a packaging script beside the .tf file.
  TempTree t;
  t.write("package.tf",
          "data \"external\" \"prepare\" {\n"
          "  program = [local.python, \"${path.module}/package.py\", \"prepare\"]\n"
          "}\n"
          "resource \"null_resource\" \"archive\" {\n"
          "  provisioner \"local-exec\" {\n"
          "    interpreter = [\n"
          "      local.python, \"${path.module}/tools/zip.py\", \"build\",\n"
          "      # the plan's file, computed by the data source\n"
          "      \"--timestamp\", data.external.prepare.result.timestamp\n"
          "    ]\n"
          "    command = \"sh ${path.module}/upload.sh\"\n"
          "  }\n"
          "}\n");
  t.write("package.py", "import threading\n");
  t.write("tools/zip.py", "import zipfile\n");
  t.write("upload.sh", "aws s3 cp x y\n");
  t.write("handler.py", "def handler(e, c): return 1\n");
  t.write("unrelated.py", "x = 1\n");
  Marked m(t);
  CHECK(m.role("package.py") == "build");
  CHECK(m.source("package.py") == "package.tf:2:3");
  CHECK(m.role("tools/zip.py") == "build");
  CHECK(m.role("upload.sh") == "build");
  CHECK(m.role("handler.py") == "deployed");
  CHECK(m.role("unrelated.py") == "deployed");
  const auto marks = m.out.roles().marks();
  REQUIRE(marks.size() == 3);
  for (const auto& mk : marks) {
    CHECK(mk.role == FileRole::build);
    CHECK(mk.rule == "terraform-build-program");
    CHECK(mk.changed == 1);
  }
  // References are noted, never guessed.
  CHECK(m.notes().find("package.tf:2:3: note: 'local.python' is computed when deployed") != std::string::npos);
}

TEST_CASE("deployment roles: a build program that also ships stays deployed", "[roles][deployed_by]") {
  TempTree t;
  t.write("main.tf",
          "data \"external\" \"x\" {\n  program = [\"python3\", \"src/app.py\"]\n}\n");
  t.write("template.yaml",
          "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n"
          "      CodeUri: src/\n      Handler: app.handler\n");
  t.write("src/app.py", "def handler(e, c): return 1\n");
  Marked m(t);
  CHECK(m.role("src/app.py") == "deployed");
  CHECK(m.out.roles().decision("src/app.py").source.rfind("template.yaml", 0) == 0);
}

TEST_CASE("deployment roles: 'role' other than deployed needs a naming of files outright",
          "[roles][deployed_by][loader]") {
  TempTree t;
  t.write("d.yaml",
          "deployed_by:\n"
          "  - id: x\n    document: hcl\n    files: ['**/*.tf']\n    path: a\n    names: path\n    role: build\n"
          "  - id: y\n    document: hcl\n    files: ['**/*.tf']\n    path: a\n    names: command\n    role: tets\n"
          "  - id: z\n    document: automake\n    files: ['**/Makefile.am']\n    path: a\n"
          "    names: automake-program\n    role: test\n"
          "  - id: w\n    document: automake\n    files: ['**/Makefile.am']\n    path: 'a|!'\n    names: command\n");
  const auto r = load_rule_pack({lambdafit::testing::shipped_rules_dir(), t.path()});
  REQUIRE_FALSE(r.ok());
  const std::string all = r.error_text();
  CHECK(all.find("d.yaml:7:11: error: 'role: build' marks files named outright: it needs 'names: command' or "
                 "'names: automake-program', not 'names: path'") != std::string::npos);
  CHECK(all.find("d.yaml:13:11: error: 'role' is one of deployed, build, test, tooling, not 'tets'; did you mean "
                 "'test'?") != std::string::npos);
  CHECK(all.find("d.yaml:19") == std::string::npos);  // test with automake-program is fine
  CHECK(all.find("d.yaml:23:11: error: empty name in path 'a|!'") != std::string::npos);
}

namespace {

// A small daemon built with Automake: an installed server, a convenience library, a test
// program, a benchmark built for developers, scripts of each kind.
void write_automake_daemon(TempTree& t) {
  t.write("configure.ac", "AC_INIT([tally], [1.0])\nAM_INIT_AUTOMAKE\n");
  t.write("Makefile.am",
          "SUBDIRS = lib\n"                                            // 1
          "bin_PROGRAMS = tallyd\n"                                    // 2
          "noinst_PROGRAMS = tally-bench tally-sizes\n"                // 3
          "check_PROGRAMS = tallytest\n"                               // 4
          "dist_bin_SCRIPTS = tally-cleanup.sh\n"                      // 5
          "noinst_SCRIPTS = gen-config.sh\n"                           // 6
          "TESTS = $(check_PROGRAMS) t/smoke.sh\n"                     // 7
          "core = server.c server.h \\\n"                             // 8
          "       config.c\n"                                          // 9
          "tallyd_SOURCES = main.c $(core)\n"                          // 10
          "if WITH_TLS\n"                                              // 11
          "tallyd_SOURCES += tls.c\n"                                  // 12
          "endif\n"                                                    // 13
          "tallyd_LDADD = lib/libtally.la @TLS_LIBS@\n"                // 14
          "tallytest_SOURCES = tallytest.c config.c lib/store.c\n"     // 15
          "tally_bench_SOURCES = bench.c $(top_srcdir)/tools/spawn.c @BENCH_EXTRA@\n"  // 16
          "gen.h: gen.d\n"                                             // 17
          "\tdtrace -h -s gen.d\n");                                   // 18
  t.write("lib/Makefile.am", "noinst_LTLIBRARIES = libtally.la\nlibtally_la_SOURCES = store.c store.h\n");
  for (const char* f : {"main.c", "server.c", "server.h", "config.c", "tls.c", "tallytest.c", "bench.c",
                        "tally-sizes.c", "tools/spawn.c", "lib/store.c", "lib/store.h", "unlisted.c"})
    t.write(f, "int x;\n");
  t.write("tally-cleanup.sh", "#!/bin/sh\nrm -f log.1\n");
  t.write("gen-config.sh", "#!/bin/sh\n");
  t.write("t/smoke.sh", "#!/bin/sh\n");
}

}  // namespace

TEST_CASE("deployment roles: a program Automake's TESTS runs is a test, whatever builds it",
          "[roles][deployed_by][automake]") {
  TempTree t;
  t.write("Makefile.am",
          "sbin_PROGRAMS = tallyd\n"                                          // 1
          "noinst_PROGRAMS = src/core-check t/test_core tally-sizes\n"        // 2
          "TESTS = src/core-check$(EXEEXT) t/test_core$(EXEEXT) helper run.sh\n"  // 3
          "tallyd_SOURCES = main.c\n"                                         // 4
          "src_core_check_SOURCES = src/core-check.c\n"                       // 5
          "t_test_core_SOURCES = t/test_core.c\n");                           // 6
  for (const char* f : {"main.c", "src/core-check.c", "t/test_core.c", "tally-sizes.c", "helper.c", "run.sh"})
    t.write(f, "int x;\n");
  Marked m(t);
  CHECK(m.role("src/core-check.c") == "test");  // run by `make check`, though built as noinst
  CHECK(m.source("src/core-check.c") == "Makefile.am:3:9");
  // Already a test by its name (test_*.c): the TESTS mark finds it right, and the later noinst mark
  // does not make it a tool.
  CHECK(m.role("t/test_core.c") == "test");
  CHECK(m.role("tally-sizes.c") == "tooling");  // built, never installed, not run as a test
  CHECK(m.role("run.sh") == "test");            // a test script
  CHECK(m.role("helper.c") == "deployed");      // `helper` is no program here: helper.c is not its source
  CHECK(m.role("main.c") == "deployed");
}

TEST_CASE("deployment roles: Automake installed, check and noinst programs", "[roles][deployed_by][automake]") {
  TempTree t;
  write_automake_daemon(t);
  Marked m(t);
  // What the installed daemon is built from ships, a header and a conditional source too
  // (deployed already by default, so their decision is unchanged; the mark below says why).
  for (const char* f : {"main.c", "server.c", "server.h", "config.c", "tls.c"}) {
    INFO(f);
    CHECK(m.role(f) == "deployed");
  }
  // A noinst convenience library links into the daemon: its sources ship, also where the
  // test program lists them.
  CHECK(m.role("lib/store.c") == "deployed");
  CHECK(m.role("lib/store.h") == "deployed");
  // An installed script is deployed, though its name (*-cleanup.sh) would make it a tool.
  CHECK(m.role("tally-cleanup.sh") == "deployed");
  CHECK(m.source("tally-cleanup.sh") == "Makefile.am:5:20");
  // The test program, and the script `make check` runs.
  CHECK(m.role("tallytest.c") == "test");
  CHECK(m.source("tallytest.c") == "Makefile.am:4:18");
  CHECK(m.role("t/smoke.sh") == "test");
  CHECK(m.source("t/smoke.sh") == "Makefile.am:7:27");
  // Built, never installed: tools, by their _SOURCES, the default <name>.c, $(top_srcdir).
  CHECK(m.role("bench.c") == "tooling");
  CHECK(m.source("bench.c") == "Makefile.am:3:19");
  CHECK(m.role("tally-sizes.c") == "tooling");
  CHECK(m.source("tally-sizes.c") == "Makefile.am:3:31");
  CHECK(m.role("tools/spawn.c") == "tooling");
  CHECK(m.role("gen-config.sh") == "tooling");
  CHECK(m.role("unlisted.c") == "deployed");  // nothing names it: the default, unchanged
  CHECK(m.source("unlisted.c").empty());

  const auto marks = m.out.roles().marks();
  auto mark = [&](const std::string& path, const std::string& rule) -> const DeployedBy* {
    for (const auto& mk : marks)
      if (mk.path == path && mk.rule == rule) return &mk;
    return nullptr;
  };
  const DeployedBy* daemon = mark("tallyd", "automake-installed-program");
  REQUIRE(daemon != nullptr);
  CHECK(daemon->source == "Makefile.am:2:16");
  CHECK(daemon->files == 5);
  CHECK(daemon->changed == 0);  // the walked C files were deployed already; the mark says why
  CHECK(daemon->role == FileRole::deployed);
  const DeployedBy* test = mark("tallytest", "automake-check-program");
  REQUIRE(test != nullptr);
  CHECK(test->files == 3);    // config.c and lib/store.c too ...
  CHECK(test->changed == 1);  // ... but they ship with the daemon, so they stay deployed
  CHECK(test->role == FileRole::test);
  const DeployedBy* lib = mark("lib/libtally.la", "automake-installed-program");
  REQUIRE(lib != nullptr);
  CHECK(lib->source == "lib/Makefile.am:1:22");
  CHECK(lib->files == 2);
  const DeployedBy* bench = mark("tally-bench", "automake-noinst-program");
  REQUIRE(bench != nullptr);
  CHECK(bench->role == FileRole::tooling);
  CHECK(bench->changed == 2);
  // Values configure fills in are noted at their place, never guessed.
  const auto notes = m.notes();
  CHECK(notes.find("Makefile.am:16:59: note: '@BENCH_EXTRA@' is set by configure, make or another file, not in "
                   "this one, not a literal path; the files it names keep their path roles "
                   "[deployed-by:automake-noinst-program]") != std::string::npos);
}

TEST_CASE("deployment roles: Automake marks name only walked files of the workload",
          "[roles][deployed_by][automake]") {
  TempTree t;
  t.write("Makefile.am",
          "noinst_PROGRAMS = helper probe\n"
          "helper_SOURCES = tests/helper.c ../outside.c $(top_srcdir)/x.c\n"
          "probe_SOURCES = examples/probe.c\n");
  t.write("tests/helper.c", "int x;\n");
  t.write("examples/probe.c", "int x;\n");
  // 4 * 2^30 words if followed: past 16 levels a reference is noted, and the word budget runs
  // out at v8 (line 10), where the warning points.
  std::string big = "v0 = a b c d\nbin_PROGRAMS = $(v30)\n";
  for (int i = 1; i <= 30; ++i) big += fmt::format("v{} = $(v{}) $(v{})\n", i, i - 1, i - 1);
  t.write("big/Makefile.am", big);
  Marked m(t);
  CHECK(m.notes().find("big/Makefile.am:10:1: warning: cannot read this automake file in full: its variables "
                       "expand to too many words; the rest is not read") != std::string::npos);
  // The build's word wins over a path convention, as a deployed mark's does.
  CHECK(m.role("tests/helper.c") == "tooling");
  CHECK(m.role("examples/probe.c") == "tooling");
  const auto marks = m.out.roles().marks();
  REQUIRE(marks.size() == 2);
  CHECK(marks[0].files == 1);  // ../outside.c is not followed out of the workload
  // No configure.ac to say where the top of the tree is: noted.
  CHECK(m.notes().find("Makefile.am:2:46: note: '$(top_srcdir)/x.c' is set by configure") != std::string::npos);
}
