#include <catch2/catch.hpp>

#include "scanning/analyzers/crontab.hpp"

using namespace lambdafit;

TEST_CASE("crontab: entries, specials, environment lines and problems", "[analyzers][crontab]") {
  const auto p = parse_crontab(
      "# comment\nMAILTO=ops@example.com\n\n*/15 * * * * cd /srv && python3 r.py >> /tmp/l 2>&1\n"
      "@daily /opt/x.sh\nnot a valid line at all\n0 3 * * 1-5\n",
      false);
  REQUIRE(p.entries.size() == 2);
  CHECK(p.entries[0].line == 4);
  CHECK(p.entries[0].schedule == "*/15 * * * *");
  CHECK(p.entries[0].command == "cd /srv && python3 r.py >> /tmp/l 2>&1");
  CHECK(p.entries[1].schedule == "@daily");
  CHECK(p.entries[1].command == "/opt/x.sh");
  REQUIRE(p.problems.size() == 2);
  CHECK(p.problems[0].first == 6);
  CHECK(p.problems[1].first == 7);
}

TEST_CASE("crontab: system format carries a user", "[analyzers][crontab]") {
  const auto p = parse_crontab("17 * * * * root cd / && run-parts --report /etc/cron.hourly\n", true);
  REQUIRE(p.entries.size() == 1);
  CHECK(p.entries[0].user == "root");
  CHECK(p.entries[0].command == "cd / && run-parts --report /etc/cron.hourly");
}

TEST_CASE("crontab: command words drop operators and redirections", "[analyzers][crontab]") {
  CHECK(command_words("cd /srv/x && python3 report.py >> /tmp/report.log 2>&1") ==
        std::vector<std::string>{"cd", "/srv/x", "python3", "report.py"});
  CHECK(command_words("bin/a.sh --x 'two words'>/dev/null; b|c") ==
        std::vector<std::string>{"bin/a.sh", "--x", "two words", "b", "c"});
}

TEST_CASE("timers: schedule settings and the unit they start", "[analyzers][crontab]") {
  const auto t = parse_timer("[Unit]\nDescription=x\n[Timer]\nOnCalendar=daily\nOnBootSec=5min\nUnit=r.service\n");
  CHECK(t.line == 4);
  CHECK(t.schedule == "OnCalendar=daily; OnBootSec=5min");
  CHECK(t.unit == "r.service");
}
