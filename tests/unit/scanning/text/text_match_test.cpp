#include <catch2/catch.hpp>

#include "scanning/text/text_match.hpp"

using namespace lambdafit;

namespace {

Regex re(const std::string& src, bool ignore_case = false) {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_case_sensitive(!ignore_case);
  std::string error;
  auto r = Regex::compile("(?m)" + src, o, error);  // as the text kind compiles them
  REQUIRE(r);
  return r;
}

}  // namespace

// The set must say exactly what each regex alone says, or results would change.
TEST_CASE("text: a PatternSet finds the same regexes as searching with each alone", "[text]") {
  TextDetectorConfig a, b, c;
  a.patterns = {re(R"(^\s*import\s+boto3\b)"), re(R"(\bsubprocess\.run\()"), re(R"(SLEEP)", true)};
  a.in_file = {re(R"(\bdef\b)")};
  b.patterns = {re(R"(^\s*#!/bin/(ba)?sh$)"), re(R"(/var/log/\w+)")};
  b.not_in_file = {re(R"(lambda_handler)")};
  c.patterns = {re(R"(nothing-matches-this)")};
  const std::vector<const TextDetectorConfig*> cfgs{&a, &b, &c};
  const PatternSet set(cfgs);
  const std::vector<std::string> texts{
      "import os\n  import boto3\ndef f():\n    time.Sleep(3)\n",
      "#!/bin/sh\ntail -f /var/log/syslog\n",
      "def lambda_handler(e, c):\n    subprocess.run(['ls'])\n",
      "",
      "no newline at the end: /var/log/x",
  };
  for (const auto& t : texts) {
    INFO(t);
    std::vector<FileHits> hits;
    REQUIRE(set.match(t, hits));
    REQUIRE(hits.size() == 3);
    for (std::size_t k = 0; k < cfgs.size(); ++k) {
      for (std::size_t i = 0; i < cfgs[k]->patterns.size(); ++i)
        CHECK(hits[k].patterns[i] == RE2::PartialMatch(t, *cfgs[k]->patterns[i]));
      for (std::size_t i = 0; i < cfgs[k]->in_file.size(); ++i)
        CHECK(hits[k].in_file[i] == RE2::PartialMatch(t, *cfgs[k]->in_file[i]));
      for (std::size_t i = 0; i < cfgs[k]->not_in_file.size(); ++i)
        CHECK(hits[k].not_in_file[i] == RE2::PartialMatch(t, *cfgs[k]->not_in_file[i]));
      // And the lines reported are the same with the set's hits as without.
      const LineIndex lines(t);
      const auto alone = match_text(*cfgs[k], t, lines, "f.py");
      const auto with = match_text(*cfgs[k], t, lines, "f.py", &hits[k]);
      REQUIRE(alone.size() == with.size());
      for (std::size_t i = 0; i < alone.size(); ++i) {
        CHECK(alone[i].line == with[i].line);
        CHECK(alone[i].column == with[i].column);
      }
    }
  }
  // The ignore_case pattern is found only case-insensitively, as alone.
  std::vector<FileHits> hits;
  REQUIRE(set.match("time.sleep(1)", hits));
  CHECK(hits[0].patterns[2]);
  CHECK_FALSE(hits[0].patterns[0]);
}
