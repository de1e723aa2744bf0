// A fixed Assessment for report tests: every section filled, hostile text included, and no
// volatile fields (versions, durations and paths are constants), so renderings can be golden.
#pragma once

#include "lambdafit/lambdafit.hpp"

namespace lambdafit::testing {

inline Evidence make_evidence(std::string path, int line, std::string snippet, std::string detector,
                              std::string fact, std::string message) {
  Evidence e;
  e.path = std::move(path);
  e.line = line;
  e.column = 1;
  e.snippet = std::move(snippet);
  e.detector = std::move(detector);
  e.fact = std::move(fact);
  e.message = std::move(message);
  return e;
}

inline Assessment fixture_assessment() {
  Assessment a;
  a.tool_version = "9.9.9";
  a.workload_name = "billing-worker";
  a.workload_path = "/srv/fixtures/billing-worker";

  const Evidence gpu = make_evidence("src/kernel.cu", 12, "  launch<<<grid, block>>>(frame);", "cuda-launch",
                                     "gpu.required", "launches CUDA kernels");
  const Evidence inject = make_evidence("web/page.py", 3, "html = '</code><script>alert(1)</script>' | `x`",
                                        "http-server", "network.inbound", "serves HTTP itself");
  const Evidence escape = make_evidence("web/page.py", 7, "print('\x1b[2J\x1b]0;owned\x07 cleared')", "http-server",
                                        "network.inbound", "serves HTTP itself");

  Fact f_gpu{"gpu.required", "depends on GPU processing", true, Provenance::evidence, {gpu}, std::nullopt, std::nullopt};
  Fact f_net{"network.inbound", "answers requests itself", true, Provenance::evidence, {inject, escape}, std::nullopt,
             std::nullopt};
  Answer ans{Quantity{900, Dimension::time}, "ops@example.com", "2026-11-01", "nightly batch", {"lambdafit.yaml", 9, 5}};
  Fact f_run{"runtime.max_seconds", "longest expected run time", ans.value, Provenance::answer, {}, ans, std::nullopt};
  Answer no_ssh{false, "dev@example.com", "2026-10-02", "", {"lambdafit.yaml", 14, 5}};
  Contradiction con{"ssh.routine_access", false, true, 1, "answered no, but an SSH config was found"};
  Fact f_ssh{"ssh.routine_access", "developers routinely SSH to its hosts", false, Provenance::answer, {}, no_ssh, con};
  Fact f_img{"image.heavy", "relies on a heavily configured machine image", std::monostate{}, Provenance::unknown, {},
             std::nullopt, std::nullopt};
  Fact f_evt{"trigger.event_driven", "reacts to events", true, Provenance::scan, {}, std::nullopt, std::nullopt};
  a.facts = {f_gpu, f_net, f_run, f_ssh, f_img, f_evt};

  PlatformResult p;
  p.platform = "aws-lambda-2016";
  p.name = "AWS Lambda (2016 limits)";
  p.as_of = "2017-01";
  p.limits = {{"timeout", "300 s"}, {"memory", "1536 MB"}};
  p.limit_titles = {{"timeout", "timeout"}, {"memory", "memory limit"}};  // as rules/platform-limits.yaml
  p.verdict = Verdict::not_a_fit;
  p.optimistic = Verdict::not_a_fit;
  p.pessimistic = Verdict::not_a_fit;
  p.score = 12;
  p.confidence = 0.8;

  CriterionResult c_gpu{"gpu", "Depends heavily on GPU processing", CriterionKind::limit, Status::applies,
                        {"gpu.required"}, {gpu}, {}, {}, "depends on GPU processing: yes (found in 1 place)",
                        "Run GPU work on GPU instances."};
  CriterionResult c_run{"runtime-limit", "Runs longer than the platform timeout", CriterionKind::limit, Status::applies,
                        {"runtime.max_seconds"}, {}, {{"runtime.max_seconds", ans}}, {},
                        "longest expected run time is 900 s, over the platform's timeout of 300 s",
                        "Split the work into steps | chain them."};
  CriterionResult c_net{"inbound-network", "Answers HTTP or socket requests itself", CriterionKind::adaptation,
                        Status::applies, {"network.inbound"}, {inject, escape}, {}, {},
                        "answers HTTP or socket requests itself: yes (found in 2 places)", "Put a gateway in front."};
  CriterionResult c_ssh{"ssh-access", "Developers routinely SSH to the hosts", CriterionKind::concern, Status::clear,
                        {"ssh.routine_access"}, {}, {{"ssh.routine_access", no_ssh}}, {con},
                        "developers routinely SSH to its hosts: no (answered)", "Replace SSH with logs and metrics."};
  CriterionResult c_img{"heavy-machine-image", "Relies on a heavily configured machine image", CriterionKind::concern,
                        Status::unknown, {"image.heavy"}, {}, {}, {}, "relies on a heavily configured machine image: unknown",
                        "Bake what you need into the package."};
  CriterionResult c_evt{"event-driven", "Reacts to events", CriterionKind::strength, Status::applies,
                        {"trigger.event_driven"}, {}, {}, {}, "reacts to events: yes", "Keep triggers event-based."};
  p.criteria = {c_gpu, c_run, c_net, c_ssh, c_img, c_evt};
  p.blocking = {"gpu", "runtime-limit"};
  p.strengths = {"event-driven"};
  OpenQuestion q{"image", "image.heavy", "Does it depend on a custom machine image?", {"heavy-machine-image"},
                 Verdict::not_a_fit, "yes"};
  p.open_questions = {q};

  PlatformResult p2 = p;
  p2.platform = "cloud-run-gpu";
  p2.name = "Cloud Run <GPU>";
  p2.verdict = Verdict::fit_with_caveats;
  p2.optimistic = Verdict::fit_with_caveats;
  p2.pessimistic = Verdict::not_a_fit;
  p2.score = 64;
  p2.confidence = 0.75;
  p2.blocking = {};
  a.platforms = {p, p2};

  a.scan.files = 42;
  a.scan.translation_units = 3;
  a.scan.tu_ok = 2;
  a.scan.tu_errors = 1;
  a.scan.duration_ms = 1234;
  a.scan.coverage_notes = {"src/broken.cpp: parsed with errors; evidence kept"};
  Evidence sup = make_evidence("src/tune.cpp", 20, "setrlimit(RLIMIT_NOFILE, &rl);", "setrlimit-call",
                               "os.changes_settings", "raises process limits");
  sup.suppressed = true;
  sup.suppression_reason = "only in the local test harness";
  a.scan.suppressed = {sup};
  a.scheduled_jobs = {ScheduledJob{"crontab", 2, "*/5 * * * *", "python3 bill.py", "bill.py", true, {"short run"}}};
  a.warnings = {Diagnostic{Severity::warning, "answer for unknown fact 'x'", {"lambdafit.yaml", 20, 3}, "x: 1"}};
  return a;
}

}  // namespace lambdafit::testing
