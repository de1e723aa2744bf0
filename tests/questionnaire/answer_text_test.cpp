// The in-place edit of answers: everything the user wrote survives byte for byte.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "questionnaire/answer_text.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit;
using lambdafit::testing::TempTree;

namespace {

AnswerRecord rec(std::string fact, std::string value, std::string note = {}) {
  AnswerRecord r;
  r.fact = std::move(fact);
  r.value = std::move(value);
  r.by = "dev@example.com";
  r.date = "2026-11-27";
  r.note = std::move(note);
  return r;
}

std::string edit(std::string_view text, const std::vector<AnswerRecord>& a) {
  Diagnostic err;
  auto out = set_answers(text, a, &err);
  INFO(err.message);
  REQUIRE(out);
  return *out;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream b;
  b << in.rdbuf();
  return b.str();
}

}  // namespace

TEST_CASE("answers edit: comments, order and other answers survive; new ones are appended",
          "[questionnaire][edit]") {
  const std::string before = R"(# lambdafit manifest, reviewed like code
name: demo   # the service name
platform: aws-lambda-2016

exclude:
  - tests/**   # fixtures are not deployed
answers:
  # measured in production
  memory.peak_mb: {value: 400 MB, by: a@example.com, date: 2026-11-02}  # p99
  ssh.routine_access: {value: no, by: a@example.com, date: 2026-11-02}

# kept for the linter
lint:
  strict: true
)";
  const std::string after = edit(before, {rec("ssh.routine_access", "yes", "on-call logs in"),
                                          rec("runtime.max_seconds", "7m")});
  const std::string expected = R"(# lambdafit manifest, reviewed like code
name: demo   # the service name
platform: aws-lambda-2016

exclude:
  - tests/**   # fixtures are not deployed
answers:
  # measured in production
  memory.peak_mb: {value: 400 MB, by: a@example.com, date: 2026-11-02}  # p99
  ssh.routine_access: {value: yes, by: dev@example.com, date: 2026-11-27, note: on-call logs in}
  runtime.max_seconds: {value: 7m, by: dev@example.com, date: 2026-11-27}

# kept for the linter
lint:
  strict: true
)";
  CHECK(after == expected);
}

TEST_CASE("answers edit: a trailing comment on a replaced one-line answer is kept", "[questionnaire][edit]") {
  const std::string before = "answers:\n  gpu.required: no   # checked with the vendor\n";
  CHECK(edit(before, {rec("gpu.required", "yes")}) ==
        "answers:\n  gpu.required: {value: yes, by: dev@example.com, date: 2026-11-27}   # checked with the vendor\n");
}

TEST_CASE("answers edit: a file without answers gets the block at its end", "[questionnaire][edit]") {
  CHECK(edit("name: demo", {rec("gpu.required", "no")}) ==
        "name: demo\nanswers:\n  gpu.required: {value: no, by: dev@example.com, date: 2026-11-27}\n");
  CHECK(edit("", {rec("gpu.required", "no")}) ==
        "answers:\n  gpu.required: {value: no, by: dev@example.com, date: 2026-11-27}\n");
  CHECK(edit("name: demo\nanswers: {}  # none yet\n", {rec("gpu.required", "no")}) ==
        "name: demo\nanswers:  # none yet\n  gpu.required: {value: no, by: dev@example.com, date: 2026-11-27}\n");
  CHECK(edit("answers:\n# nothing yet\nname: demo\n", {rec("gpu.required", "no")}) ==
        "answers:\n  gpu.required: {value: no, by: dev@example.com, date: 2026-11-27}\n# nothing yet\nname: demo\n");
}

TEST_CASE("answers edit: block-style answers are updated field by field", "[questionnaire][edit]") {
  const std::string before = R"(answers:
    runtime.max_seconds:
      # the nightly batch is the longest
      value: 2m    # from the logs
      by: old@example.com
      date: 2025-01-01
      note: >
        a long note
        over two lines
    gpu.required: no
)";
  const std::string expected = R"(answers:
    runtime.max_seconds:
      # the nightly batch is the longest
      value: 9m    # from the logs
      by: dev@example.com
      date: 2026-11-27
    gpu.required: no
    memory.peak_mb: {value: 1.5GB, by: dev@example.com, date: 2026-11-27}
)";
  CHECK(edit(before, {rec("runtime.max_seconds", "9m"), rec("memory.peak_mb", "1.5GB")}) == expected);
  // A missing field is added after the entry's last line.
  CHECK(edit("answers:\n  gpu.required:\n    value: no\n", {rec("gpu.required", "yes", "CUDA only")}) ==
        "answers:\n  gpu.required:\n    value: yes\n    by: dev@example.com\n    date: 2026-11-27\n    note: CUDA only\n");
}

TEST_CASE("answers edit: values that YAML would misread are quoted and read back", "[questionnaire][edit]") {
  AnswerRecord r = rec("setup.dependency_count", "3", "agents: datadog, \"nessus\" # and one more");
  const std::string out = edit("answers:\n", {r});
  const auto n = YAML::Load(out)["answers"]["setup.dependency_count"];
  CHECK(n["note"].Scalar() == r.note);
  CHECK(n["value"].Scalar() == "3");
  CHECK(yaml_flow_scalar("800 MB") == "800 MB");
  CHECK(yaml_flow_scalar("null") == "\"null\"");
  CHECK(yaml_flow_scalar("-3") == "\"-3\"");
  CHECK(yaml_flow_scalar("a: b") == "\"a: b\"");
  AnswerRecord list = rec("code.languages", "");
  list.list = StringList{"python", "c++", "odd: name"};
  CHECK(format_answer(list) == "{value: [python, c++, \"odd: name\"], by: dev@example.com, date: 2026-11-27}");
  const auto l = YAML::Load(edit("", {list}))["answers"]["code.languages"]["value"];
  REQUIRE(l.IsSequence());
  CHECK(l[1].Scalar() == "c++");
  CHECK(l[2].Scalar() == "odd: name");
}

TEST_CASE("answers edit: Windows line ends stay Windows line ends", "[questionnaire][edit]") {
  CHECK(edit("name: demo\r\nanswers:\r\n  gpu.required: no\r\n", {rec("ssh.routine_access", "no")}) ==
        "name: demo\r\nanswers:\r\n  gpu.required: no\r\n  ssh.routine_access: {value: no, by: dev@example.com, date: 2026-11-27}\r\n");
}

TEST_CASE("answers edit: files it cannot edit safely are refused with a position", "[questionnaire][edit]") {
  Diagnostic err;
  CHECK_FALSE(set_answers("name: demo\nanswers: {gpu.required: no}\n", {rec("gpu.required", "yes")}, &err));
  CHECK(err.location.line == 2);
  CHECK(err.message.find("flow style") != std::string::npos);
  CHECK_FALSE(set_answers("name: [unclosed\n", {rec("gpu.required", "yes")}, &err));
  CHECK(err.message.find("malformed YAML") != std::string::npos);
  CHECK(err.location.line >= 1);
  CHECK_FALSE(set_answers("- a list\n- not a manifest\n", {rec("gpu.required", "yes")}, &err));
}

TEST_CASE("answers edit: atomic write replaces the file, keeps its mode, leaves no temporary",
          "[questionnaire][edit]") {
  TempTree t;
  const auto path = t.write("lambdafit.yaml", "name: demo\n");
  ::chmod(path.c_str(), 0640);
  std::string why;
  REQUIRE(write_file_atomically(path, "name: demo\nanswers:\n", &why));
  CHECK(slurp(path) == "name: demo\nanswers:\n");
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0640);
  std::size_t entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(t.path())) {
    (void)e;
    ++entries;
  }
  CHECK(entries == 1);
  CHECK_FALSE(write_file_atomically(t.path("no/such/dir/x.yaml"), "x", &why));
  CHECK(why.find("cannot create a temporary file") != std::string::npos);
}

TEST_CASE("answers edit: quoted keys, blank lines, column-0 comments and wrapped flow entries",
          "[questionnaire][edit]") {
  CHECK(edit("answers:\n  \"gpu.required\": no\n\n  ssh.routine_access: yes\n# about memory\n  memory.peak_mb: 1 GB\nname: x\n",
             {rec("gpu.required", "yes"), rec("memory.peak_mb", "2 GB")}) ==
        "answers:\n  \"gpu.required\": {value: yes, by: dev@example.com, date: 2026-11-27}\n\n  ssh.routine_access: yes\n"
        "# about memory\n  memory.peak_mb: {value: 2 GB, by: dev@example.com, date: 2026-11-27}\nname: x\n");
  CHECK(edit("answers:\n  gpu.required: {value: no,\n    by: a}\n  ssh.routine_access: no\n", {rec("gpu.required", "yes")}) ==
        "answers:\n  gpu.required: {value: yes, by: dev@example.com, date: 2026-11-27}\n  ssh.routine_access: no\n");
  CHECK(edit("name: x\nanswers: ~\nplatform: aws-lambda\n", {rec("gpu.required", "yes")}) ==
        "name: x\nanswers:\n  gpu.required: {value: yes, by: dev@example.com, date: 2026-11-27}\nplatform: aws-lambda\n");
}
