// Analyzer `schedule`: every crontab entry and systemd timer of the workload, the script each
// runs when it is in the tree, and whether it looks like a function candidate.
//
// An entry is a candidate when nothing found ties it to its host: no host-coupling evidence
// (a fact tagged host-coupling in the pack) on the script it runs or on the entry's own line, it is not
// started at boot or sent to the background, and the script it names is in the tree so it
// could be checked. Each judgement carries its reasons. Runs after the detectors, so it
// reads their evidence. Sets the fact `schedule.cron` when it finds a scheduled entry.
#pragma once

#include "scanning/detector_kind.hpp"

namespace lambdafit {

/// The fact tag whose evidence in a job's script means the job needs its host.
inline constexpr const char* kHostCouplingTag = "host-coupling";

class ScheduleAnalyzer final : public Analyzer {
 public:
  std::string_view name() const override { return "schedule"; }
  std::vector<ProducedFact> produces() const override { return {{"schedule.cron", "bool"}}; }
  std::vector<std::string> reads_tags() const override { return {kHostCouplingTag}; }
  bool reads_evidence() const override { return true; }
  void analyze(const ScanInput& in, const detail::RulePackData& pack,
               ScanOutput& out) const override;
};

/// The jobs of `in`'s crontabs and timers judged against `evidence` (what the analyzer adds);
/// evidence for one of `coupling_facts` ties a job to its host.
std::vector<ScheduledJob> find_scheduled_jobs(const ScanInput& in,
                                              const std::vector<Evidence>& evidence,
                                              const std::vector<std::string>& coupling_facts,
                                              ScanOutput& out);

}  // namespace lambdafit
