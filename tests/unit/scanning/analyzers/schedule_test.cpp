#include <catch2/catch.hpp>

#include "rulepack/model.hpp"
#include "scanning/analyzers/schedule.hpp"
#include "support/shipped_pack.hpp"
#include "support/temp_tree.hpp"

using namespace lambdafit;
using lambdafit::testing::TempTree;

namespace {

struct Scan {
  ScanOutput out;
  std::vector<ScheduledJob> jobs;
};

void scan(const TempTree& t, Scan& s) {
  lambdafit::testing::scan_tree(lambdafit::testing::shipped_pack().data(), t.path(), s.out);
  s.jobs = s.out.jobs();
}

bool has_reason(const ScheduledJob& j, const std::string& text) {
  for (const auto& r : j.reasons)
    if (r.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("schedule: each crontab entry is judged by the script it runs", "[analyzers][schedule]") {
  TempTree t;
  t.write("crontab",
          "# m h dom mon dow command\n"
          "*/10 * * * * /opt/ops/bin/report.sh >> /var/tmp/r.log 2>&1\n"
          "0 * * * * cd /opt/ops && ./bin/tune.sh\n"
          "30 2 * * * /opt/ops/bin/missing.sh\n"
          "@reboot /opt/ops/bin/report.sh\n"
          "5 4 * * * sysctl -w vm.drop_caches=3\n");
  t.write("bin/report.sh", "#!/bin/sh\naws s3 cp /tmp/r.csv s3://reports/\n");
  t.write("bin/tune.sh", "#!/bin/sh\n# sysctl -w is only a comment here\nsysctl -w net.core.somaxconn=4096\n");
  Scan s;
  scan(t, s);
  REQUIRE(s.jobs.size() == 5);
  const auto& report = s.jobs[0];
  CHECK(report.line == 2);
  CHECK(report.schedule == "*/10 * * * *");
  CHECK(report.script == "bin/report.sh");
  CHECK(report.candidate);
  CHECK(has_reason(report, "no host coupling found in bin/report.sh"));

  const auto& tune = s.jobs[1];
  CHECK(tune.script == "bin/tune.sh");
  CHECK_FALSE(tune.candidate);
  CHECK(has_reason(tune, "bin/tune.sh:3: sets a kernel parameter with 'sysctl'"));

  const auto& missing = s.jobs[2];
  CHECK(missing.script.empty());
  CHECK_FALSE(missing.candidate);
  CHECK(has_reason(missing, "/opt/ops/bin/missing.sh, which is not in the scanned tree"));

  CHECK_FALSE(s.jobs[3].candidate);
  CHECK(has_reason(s.jobs[3], "starts at boot"));

  CHECK_FALSE(s.jobs[4].candidate);
  CHECK(has_reason(s.jobs[4], "the command itself: sets a kernel parameter"));

  CHECK(std::get<bool>(s.out.computed().at("schedule.cron")));
}

TEST_CASE("schedule: a timer's job is the service it starts", "[analyzers][schedule]") {
  TempTree t;
  t.write("units/backup.timer", "[Timer]\nOnCalendar=daily\n");
  t.write("units/backup.service", "[Service]\nType=oneshot\nExecStart=/usr/local/bin/backup.py\n");
  t.write("backup.py", "import boto3\nboto3.client('s3').upload_file('a', 'b', 'c')\n");
  t.write("units/agent.timer", "[Timer]\nOnBootSec=1min\n");
  t.write("units/agent.service", "[Service]\nExecStart=/usr/bin/agent\nLimitNOFILE=65536\n");
  Scan s;
  scan(t, s);
  REQUIRE(s.jobs.size() == 2);
  const auto& agent = s.jobs[0];
  CHECK(agent.path == "units/agent.timer");
  CHECK(agent.command == "/usr/bin/agent");
  CHECK_FALSE(agent.candidate);
  CHECK(has_reason(agent, "units/agent.service:2: a systemd service keeps this program running"));
  const auto& backup = s.jobs[1];
  CHECK(backup.schedule == "OnCalendar=daily");
  CHECK(backup.script == "backup.py");
  CHECK(backup.candidate);
}

TEST_CASE("schedule: a suppressed finding in a job's script does not count against it",
          "[analyzers][schedule]") {
  TempTree t;
  t.write("crontab", "*/5 * * * * /opt/ops/bin/warm.sh\n*/5 * * * * /opt/ops/bin/tune.sh\n");
  t.write("bin/warm.sh",
          "#!/bin/sh\n"
          "sysctl -w vm.swappiness=10  # lambdafit-ignore(*): set once by the image, kept for laptops\n");
  t.write("bin/tune.sh", "#!/bin/sh\nsysctl -w vm.swappiness=10\n");
  Scan s;
  scan(t, s);
  REQUIRE(s.jobs.size() == 2);
  CHECK(s.jobs[0].candidate);
  CHECK_FALSE(s.jobs[1].candidate);
}
