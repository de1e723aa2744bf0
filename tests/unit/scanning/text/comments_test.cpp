#include <catch2/catch.hpp>

#include "scanning/text/comments.hpp"

using namespace lambdafit;

namespace {
// The blanked text keeps every byte's offset: same length, newlines where they were.
void check_shape(const std::string& in, const std::string& out) {
  REQUIRE(in.size() == out.size());
  for (std::size_t i = 0; i < in.size(); ++i) CHECK((in[i] == '\n') == (out[i] == '\n'));
}
}  // namespace

TEST_CASE("comments: shell-style # comments, not $# or words with #", "[text][comments]") {
  const std::string in = "a=1 # set a\n# whole line\necho $# ${#x} url#frag\necho '# kept' \"# kept\"\n";
  const std::string out = blank_comments(in, CommentStyle::hash);
  check_shape(in, out);
  CHECK(out == "a=1        \n            \necho $# ${#x} url#frag\necho '# kept' \"# kept\"\n");
}

TEST_CASE("comments: an apostrophe in a YAML value does not swallow the next line", "[text][comments]") {
  const std::string in = "msg: don't stop\n# gone\n";
  const std::string out = blank_comments(in, CommentStyle::hash);
  CHECK(out == "msg: don't stop\n      \n");
}

TEST_CASE("comments: C-family line and block comments keep positions", "[text][comments]") {
  const std::string in = "int a; // x\n/* one\ntwo */ int b;\nconst char* u = \"http://x\"; char c = '/';\n";
  const std::string out = blank_comments(in, CommentStyle::c_family);
  check_shape(in, out);
  CHECK(out == "int a;     \n      \n       int b;\nconst char* u = \"http://x\"; char c = '/';\n");
}

TEST_CASE("comments: JS template literals and strings hide comment markers", "[text][comments]") {
  const std::string in = "const a = `// not ${x}`; // yes\nconst b = '/* no */';\n";
  const std::string out = blank_comments(in, CommentStyle::c_family);
  CHECK(out == "const a = `// not ${x}`;       \nconst b = '/* no */';\n");
}

TEST_CASE("comments: HCL takes #, // and /* */", "[text][comments]") {
  const std::string in = "a = \"#x\" # c\nb = 1 // c\n/* c */ c = 2\n";
  CHECK(blank_comments(in, CommentStyle::hcl) == "a = \"#x\"    \nb = 1     \n        c = 2\n");
}

TEST_CASE("comments: ini style only at the start of a line", "[text][comments]") {
  const std::string in = "; c\n  # c\nExecStart=/bin/a # arg\n";
  CHECK(blank_comments(in, CommentStyle::ini) == "   \n     \nExecStart=/bin/a # arg\n");
}

TEST_CASE("comments: Python docstrings are blanked, string values are not", "[text][comments]") {
  const std::string in =
      "\"\"\"Module doc: time.sleep\"\"\"\n"
      "def f():\n"
      "    '''Doc\n    on two lines'''\n"
      "    sql = \"\"\"SELECT 1\"\"\"\n"
      "    run(\n        \"\"\"arg\"\"\"\n    )\n"
      "    x = '#not a comment'  # a comment\n";
  const std::string out = blank_comments(in, CommentStyle::python);
  check_shape(in, out);
  CHECK(out.find("time.sleep") == std::string::npos);
  CHECK(out.find("Doc") == std::string::npos);
  CHECK(out.find("on two lines") == std::string::npos);
  CHECK(out.find("\"\"\"SELECT 1\"\"\"") != std::string::npos);
  CHECK(out.find("\"\"\"arg\"\"\"") != std::string::npos);
  CHECK(out.find("'#not a comment'") != std::string::npos);
  CHECK(out.find("# a comment") == std::string::npos);
}

TEST_CASE("comments: blanking strings too keeps the quotes", "[text][comments]") {
  CHECK(blank_comments("x = f(\"os.setuid(\") # c\n", CommentStyle::python, true) ==
        "x = f(\"          \")    \n");
  CHECK(blank_comments("s = \"a\\\"b\"; // c\n", CommentStyle::c_family, true) ==
        "s = \"    \";     \n");
  CHECK(blank_comments("echo \"sysctl -w\" # c\n", CommentStyle::hash, true) ==
        "echo \"         \"    \n");
}

TEST_CASE("comments: JSON has no comments", "[text][comments]") {
  const std::string in = "{\"a\": \"# // /*\"}\n";
  CHECK(blank_comments(in, CommentStyle::none) == in);
}

TEST_CASE("comments: crontab schedules and VAR= lines are blanked, @reboot is kept", "[text][comments]") {
  const std::string in =
      "MAILTO=x@y\n*/5 * * * 1-5 sysctl -w a=1 # c\n@daily /a.sh\n@reboot /b.sh\n"
      "0 3 * * * root /c.sh\n0 0 1 jan mon-fri /d.sh\nnot a valid line\n";
  const std::string out = blank_comments(in, CommentStyle::crontab);
  check_shape(in, out);
  CHECK(out ==
        "          \n              sysctl -w a=1    \n       /a.sh\n@reboot /b.sh\n"
        "               /c.sh\n                  /d.sh\nnot a valid line\n");
  CHECK(cron_time_field("*/15"));
  CHECK(cron_time_field("mon-fri"));
  CHECK_FALSE(cron_time_field("valid"));
  CHECK_FALSE(cron_time_field("a"));
}
