// The descriptor readers: each format's tree, the position of every key, and the error a
// malformed file gets.
#include <catch2/catch.hpp>

#include "scanning/descriptors/document.hpp"

using namespace lambdafit::descriptors;

namespace {

const DocNode& at(const DocNode& n, std::initializer_list<const char*> keys) {
  const DocNode* cur = &n;
  for (const char* k : keys) {
    const DocNode* next = cur->child(k);
    INFO("key " << k);
    REQUIRE(next != nullptr);
    cur = next;
  }
  return *cur;
}

}  // namespace

TEST_CASE("yaml: CloudFormation short-form tags load and keys keep their place", "[descriptors]") {
  const auto d = read_yaml(
      "Resources:\n"
      "  Fn:\n"
      "    Type: AWS::Serverless::Function\n"
      "    Properties:\n"
      "      Role: !GetAtt FnRole.Arn\n"
      "      Timeout: !If [IsProd, 60, 10]\n"
      "      Description: !Sub \"${AWS::StackName} fn\"\n"
      "      Queue: !Ref Q\n");
  REQUIRE_FALSE(d.error);
  REQUIRE(d.roots.size() == 1);
  const auto& timeout = at(d.roots[0], {"Resources", "Fn", "Properties", "Timeout"});
  CHECK(timeout.line == 6);
  CHECK(timeout.column == 7);
  CHECK(timeout.is_list());
  CHECK(at(d.roots[0], {"Resources", "Fn", "Properties", "Queue"}).scalar == "Q");
  CHECK(at(d.roots[0], {"Resources", "Fn", "Type"}).text() == "AWS::Serverless::Function");
}

TEST_CASE("yaml: several documents in one file", "[descriptors]") {
  const auto d = read_yaml("kind: ConfigMap\n---\nkind: Deployment\nspec:\n  replicas: 2\n");
  REQUIRE(d.roots.size() == 2);
  CHECK(at(d.roots[1], {"spec", "replicas"}).line == 5);
}

TEST_CASE("yaml: a malformed file gives a line and column", "[descriptors]") {
  const auto d = read_yaml("Resources:\n  Fn:\n    Type: [unclosed\n");
  REQUIRE(d.error);
  CHECK(d.error->line >= 3);
  CHECK_FALSE(d.error->message.empty());
  CHECK(d.roots.empty());
}

TEST_CASE("yaml: streams that would never end or nest too deep are refused at their place", "[descriptors]") {
  // yaml-cpp's LoadAll loops forever here (found by fuzz_descriptors).
  const auto stalled = read_yaml("kind: x\n---\n{\"a\": },\n");
  REQUIRE(stalled.error);
  CHECK(stalled.error->line == 3);
  CHECK(stalled.error->message.find("cannot be read past here") != std::string::npos);
  const auto deep = read_yaml("a: " + std::string(500, '[') + "\n");
  REQUIRE(deep.error);
  CHECK(deep.error->line == 1);
  CHECK(deep.error->message == "nested too deeply; not read");
  CHECK(read_yaml("a: [[1]]\n---\nb: 2\n").roots.size() == 2);
}

TEST_CASE("json: keys are found at their opening quote", "[descriptors]") {
  const auto d = read_json("{\n  \"Resources\": {\n    \"Fn\": {\"Type\": \"X\",\n      \"Timeout\": 30}\n  },\n  \"L\": [1, \"a\\\"b\"]\n}\n");
  REQUIRE_FALSE(d.error);
  const auto& t = at(d.roots[0], {"Resources", "Fn", "Timeout"});
  CHECK(t.scalar == "30");
  CHECK(t.line == 4);
  CHECK(t.column == 7);
  CHECK(at(d.roots[0], {"Resources", "Fn", "Type"}).column == 12);
  const auto& l = at(d.roots[0], {"L"});
  REQUIRE(l.items.size() == 2);
  CHECK(l.items[1].second.scalar == "a\"b");
  CHECK(l.items[1].second.column == 12);
}

TEST_CASE("json: a syntax error names its line", "[descriptors]") {
  const auto d = read_json("{\n  \"a\": 1,\n  \"b\": ,\n}\n");
  REQUIRE(d.error);
  CHECK(d.error->line == 3);
  CHECK(d.error->message.find("syntax error") != std::string::npos);
}

TEST_CASE("ini: sections, continuations and repeated keys", "[descriptors]") {
  const auto d = read_ini(
      "# unit\n[Service]\nType=notify\nExecStart=/usr/bin/java \\\n  -Xmx2g -jar app.jar\n"
      "ExecStart=/bin/second\n\n[program:web]\ncommand = gunicorn app:app\n  --workers 2\n");
  REQUIRE_FALSE(d.error);
  const auto& svc = at(d.roots[0], {"Service"});
  CHECK(svc.items.size() == 3);
  CHECK(at(svc, {"ExecStart"}).scalar == "/usr/bin/java -Xmx2g -jar app.jar");
  CHECK(at(svc, {"ExecStart"}).line == 4);
  CHECK(at(d.roots[0], {"program:web", "command"}).scalar == "gunicorn app:app --workers 2");
}

TEST_CASE("ini: a line that is neither key nor section is an error", "[descriptors]") {
  const auto d = read_ini("[Unit]\nDescription=x\nthis is not ini\n");
  REQUIRE(d.error);
  CHECK(d.error->line == 3);
  CHECK(at(d.roots[0], {"Unit", "Description"}).scalar == "x");  // what came before is kept
}

TEST_CASE("procfile: process types and commands", "[descriptors]") {
  const auto d = read_procfile("# comment\nweb: gunicorn app:app\nworker:celery -A t worker\n");
  REQUIRE_FALSE(d.error);
  CHECK(at(d.roots[0], {"web"}).scalar == "gunicorn app:app");
  CHECK(at(d.roots[0], {"worker"}).line == 3);
  CHECK(read_procfile("just a command\n").error);
}

TEST_CASE("dockerfile: continuations, exec and shell forms", "[descriptors]") {
  const auto d = read_dockerfile(
      "FROM python:3.12 AS base\n"
      "RUN apt-get update \\\n"
      "  # a comment inside\n"
      "  && apt-get install -y curl\n"
      "expose 8000\n"
      "CMD [\"gunicorn\", \"-b\", \"0.0.0.0:8000\", \"app:app\"]\n"
      "ENTRYPOINT java -Xmx1g -jar /app.jar\n");
  REQUIRE_FALSE(d.error);
  CHECK(at(d.roots[0], {"RUN"}).scalar == "apt-get update && apt-get install -y curl");
  CHECK(at(d.roots[0], {"EXPOSE"}).line == 5);
  const auto& cmd = at(d.roots[0], {"CMD"});
  CHECK(cmd.is_list());
  CHECK(cmd.text() == "gunicorn -b 0.0.0.0:8000 app:app");
  CHECK(at(d.roots[0], {"ENTRYPOINT"}).scalar == "java -Xmx1g -jar /app.jar");
  CHECK(read_dockerfile("FROM x\n=oops\n").error->line == 2);
}

TEST_CASE("hcl: blocks with labels, attributes, objects and comments", "[descriptors]") {
  const auto d = read_hcl(
      "# lambda\n"
      "resource \"aws_lambda_function\" \"fn\" {\n"
      "  function_name = \"thumbs\"  // name\n"
      "  timeout       = 30\n"
      "  role          = aws_iam_role.r.arn\n"
      "  environment {\n"
      "    variables = { A = \"1\", B = \"2\" }\n"
      "  }\n"
      "  /* memory_size = 99 */\n"
      "  tags = merge(local.tags, { x = \"}\" })\n"
      "}\n"
      "module \"worker\" {\n  source = \"terraform-aws-modules/lambda/aws\"\n  memory_size = 512\n}\n");
  REQUIRE_FALSE(d.error);
  const auto& fn = at(d.roots[0], {"resource", "aws_lambda_function", "fn"});
  CHECK(at(fn, {"timeout"}).scalar == "30");
  CHECK(at(fn, {"timeout"}).line == 4);
  CHECK(at(fn, {"timeout"}).column == 3);
  CHECK(at(fn, {"function_name"}).scalar == "thumbs");
  CHECK(at(fn, {"role"}).scalar == "aws_iam_role.r.arn");
  CHECK(at(fn, {"environment", "variables", "B"}).scalar == "2");
  CHECK(fn.child("memory_size") == nullptr);
  CHECK(at(d.roots[0], {"module", "worker", "memory_size"}).line == 14);
}

TEST_CASE("hcl: comments inside lists, for expressions and templates with quotes", "[descriptors]") {
  // Shapes from real Terraform modules: a list with comments (one with an apostrophe) between
  // its items, `for` expressions as object and list values, and a template whose
  // interpolation holds quotes of its own.
  const auto d = read_hcl(
      "resource \"aws_lambda_function\" \"this\" {\n"
      "  depends_on = [\n"
      "    null_resource.archive,\n"
      "    # the log group doesn't exist yet: create it first\n"
      "    aws_cloudwatch_log_group.lambda, // and /* this */\n"
      "  ]\n"
      "  tags = { for k, v in var.tags : k => v if v != \"\" }\n"
      "  layers = [for l in var.layers : \"${l}:1\"]\n"
      "  description = \"${var.name == \"x\" ? \"a}\" : \"b\"} done\"\n"
      "  handler = \"$${open\"\n"
      "  timeout = 30\n"
      "}\n");
  REQUIRE_FALSE(d.error);
  const auto& fn = at(d.roots[0], {"resource", "aws_lambda_function", "this"});
  CHECK(at(fn, {"depends_on"}).line == 2);
  CHECK(at(fn, {"tags"}).scalar == "{ for k, v in var.tags : k => v if v != \"\" }");
  CHECK(at(fn, {"layers"}).line == 8);
  CHECK(at(fn, {"description"}).line == 9);
  CHECK(at(fn, {"description"}).scalar.find("done") != std::string::npos);
  CHECK(at(fn, {"handler"}).line == 10);  // `$${` is a literal, not an interpolation left open
  CHECK(at(fn, {"timeout"}).scalar == "30");
  CHECK(at(fn, {"timeout"}).line == 11);
}

TEST_CASE("hcl: an object value that is not closed is still an error", "[descriptors]") {
  const auto d = read_hcl("locals {\n  x = { a = 1\n");
  REQUIRE(d.error);
  // A string that is not closed on its line stops the expression; the block is then unclosed.
  const auto e = read_hcl("locals {\n  x = [\"a\n  ]\n}\n");
  CHECK(e.error);
}

TEST_CASE("hcl: an unclosed block is an error at the end", "[descriptors]") {
  const auto d = read_hcl("resource \"a\" \"b\" {\n  x = 1\n");
  REQUIRE(d.error);
  CHECK(d.error->message.find("not closed") != std::string::npos);
}

TEST_CASE("toml: tables, arrays of tables, dotted keys and inline tables", "[descriptors]") {
  const auto d = read_toml(
      "name = \"edge\"\nmain = 'src/index.js'\n\n[triggers]\ncrons = [\n  \"*/5 * * * *\", # every 5\n  \"0 3 * * *\",\n]\n"
      "[[queues.consumers]]\nqueue = \"jobs\"\nlimits.cpu_ms = 50\n[vars]\nx = { a = 1, b = \"two\" }\n");
  REQUIRE_FALSE(d.error);
  CHECK(at(d.roots[0], {"main"}).scalar == "src/index.js");
  const auto& crons = at(d.roots[0], {"triggers", "crons"});
  REQUIRE(crons.items.size() == 2);
  CHECK(crons.items[1].second.scalar == "0 3 * * *");
  CHECK(crons.items[1].second.line == 7);
  const auto& consumers = at(d.roots[0], {"queues", "consumers"});
  REQUIRE(consumers.is_list());
  CHECK(at(consumers.items[0].second, {"queue"}).scalar == "jobs");
  CHECK(at(consumers.items[0].second, {"limits", "cpu_ms"}).scalar == "50");
  CHECK(at(d.roots[0], {"vars", "x", "b"}).scalar == "two");
  CHECK(read_toml("a = \n").error);
  CHECK(read_toml("[broken\n").error->line == 1);
}

namespace {

// The words of an Automake variable, and where each is written ("text@line:col").
std::vector<std::string> words(const DocNode& root, const char* var) {
  std::vector<std::string> out;
  const DocNode* v = root.child(var);
  if (!v) return {"(unset)"};
  for (const auto& [k, w] : v->items) out.push_back(w.scalar + "@" + std::to_string(w.line) + ":" + std::to_string(w.column));
  return out;
}

using Words = std::vector<std::string>;

}  // namespace

TEST_CASE("automake: continuations, +=, := and comments keep every word's place", "[descriptors][automake]") {
  const auto d = read_automake(
      "# a comment \\\n"
      "  still the comment = x\n"
      "bin_PROGRAMS = lfd   # the daemon\n"
      "lfd_SOURCES = main.c \\\n"
      "\t\tnet.c net.h\n"
      "lfd_SOURCES += log.c\n"
      "flags := -O2\n");
  REQUIRE_FALSE(d.error);
  REQUIRE(d.roots.size() == 1);
  const auto& r = d.roots[0];
  CHECK(words(r, "bin_PROGRAMS") == Words{"lfd@3:16"});
  CHECK(words(r, "lfd_SOURCES") == Words{"main.c@4:15", "net.c@5:3", "net.h@5:9", "log.c@6:16"});
  CHECK(words(r, "flags") == Words{"-O2@7:10"});
  CHECK(r.child("still") == nullptr);  // inside the continued comment
  CHECK(at(r, {"lfd_SOURCES"}).line == 4);
}

TEST_CASE("automake: every branch of a conditional counts, a plain assignment replaces", "[descriptors][automake]") {
  const auto d = read_automake(
      "lfd_SOURCES = old.c\n"
      "lfd_SOURCES = main.c\n"
      "if WITH_TLS\n"
      "lfd_SOURCES += tls.c\n"
      "else\n"
      "lfd_SOURCES += plain.c\n"
      "endif\n"
      "if !DEBUG\n"
      "mode = fast\n"
      "else\n"
      "mode = slow\n"
      "endif\n");
  REQUIRE_FALSE(d.error);
  CHECK(words(d.roots[0], "lfd_SOURCES") == Words{"main.c@2:15", "tls.c@4:16", "plain.c@6:16"});
  CHECK(words(d.roots[0], "mode") == Words{"fast@9:8", "slow@11:8"});
}

TEST_CASE("automake: references to the file's variables are expanded, others left at their place",
          "[descriptors][automake]") {
  const auto d = read_automake(
      "common = util.c \\\n"
      "         util.h\n"
      "lfd_SOURCES = main.c $(common) ${extra}\n"
      "lfd_debug_SOURCES = $(lfd_SOURCES) $(srcdir)/dbg.c gen/$(GEN_DIR)/x.c @TLS_SRC@\n"
      "extra = more.c\n"
      "loop = $(loop) a.c\n"
      "deep = x$(common)y\n");
  REQUIRE_FALSE(d.error);
  const auto& r = d.roots[0];
  CHECK(words(r, "lfd_SOURCES") == Words{"main.c@3:15", "util.c@1:10", "util.h@2:10", "more.c@5:9"});
  CHECK(words(r, "lfd_debug_SOURCES") ==
        Words{"main.c@3:15", "util.c@1:10", "util.h@2:10", "more.c@5:9", "./dbg.c@4:36",
              "gen/$(GEN_DIR)/x.c@4:56", "@TLS_SRC@@4:71"});
  CHECK(words(r, "loop") == Words{"$(loop)@6:8", "a.c@6:16"});        // refers to itself: left as written
  CHECK(words(r, "deep") == Words{"xutil.c@7:8", "util.hy@7:8"});     // expanded inside text: the text's place
}

TEST_CASE("automake: rules, recipes and includes are skipped", "[descriptors][automake]") {
  const auto d = read_automake(
      "include $(top_srcdir)/common.am\n"
      "gen.h: gen.d\n"
      "\tdtrace -h -s gen.d \\\n"
      "\t  -o gen.h\n"
      "if DARWIN\n"
      "other: ; echo\n"
      "endif\n"
      "test:\tlfd\n"
      "\tSOURCES = not.c\n"
      "x_SOURCES = x.c\n");
  REQUIRE_FALSE(d.error);
  const auto& r = d.roots[0];
  REQUIRE(r.items.size() == 1);
  CHECK(words(r, "x_SOURCES") == Words{"x.c@10:13"});
}

TEST_CASE("automake: references that multiply are cut off with an error, not followed for ever",
          "[descriptors][automake]") {
  std::string text = "v0 = a b c d\n";
  for (int i = 1; i < 40; ++i)
    text += "v" + std::to_string(i) + " = $(v" + std::to_string(i - 1) + ") $(v" + std::to_string(i - 1) + ")\n";
  const auto d = read_automake(text);
  REQUIRE(d.error);
  CHECK(d.error->message.find("too many words") != std::string::npos);
  CHECK(d.error->line > 1);
}
