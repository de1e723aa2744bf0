// Analyzer `schedule`: every crontab entry and systemd timer of the workload, the script each
// runs when it is in the tree, and whether it looks like a function candidate.
//
// An entry is a candidate when nothing found ties it to its host: no host-coupling evidence
// (fact in kHostCouplingFacts) on the script it runs or on the entry's own line, it is not
// started at boot or sent to the background, and the script it names is in the tree so it
// could be checked. Each judgement carries its reasons. Runs after the detectors, so it
// reads their evidence. Sets the fact `schedule.cron` when it finds a scheduled entry.
#pragma once

#include "scanning/detector_kind.hpp"

namespace lambdafit {

/// Facts whose evidence in a job's script means the job needs its host.
const std::vector<std::string>& host_coupling_facts();

class ScheduleAnalyzer final : public Analyzer {
 public:
  std::string_view name() const override { return "schedule"; }
  bool reads_evidence() const override { return true; }
  void analyze(const ScanInput& in, const detail::RulePackData& pack,
               ScanOutput& out) const override;
};

/// The jobs of `in`'s crontabs and timers judged against `evidence` (what the analyzer adds).
std::vector<ScheduledJob> find_scheduled_jobs(const ScanInput& in,
                                              const std::vector<Evidence>& evidence,
                                              ScanOutput& out);

}  // namespace lambdafit
