// lambdafit-plan: ranks workloads by their fit for serverless functions and prints a
// migration plan. A sample of embedding lambdafit in C++: built against the installed
// package with find_package(lambdafit), one rule pack shared by parallel assessments.
//
//   lambdafit-plan [--platform ID] [--rules DIR] WORKLOAD...
#include <lambdafit/lambdafit.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <future>
#include <iostream>
#include <string>
#include <vector>

namespace {

struct Row {
  std::string name;
  std::string verdict;  // a verdict name, or "error"
  int rank = 4;         // order of verdicts in the plan; errors last
  int score = 0;
  long confidence = 0;  // percent
  std::string next;
};

std::string join(const std::vector<std::string>& items, std::size_t limit = 4) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < limit; ++i) out += (i ? ", " : "") + items[i];
  if (items.size() > limit) out += ", …";
  return out;
}

// What to do next with a workload, from its primary platform's result.
std::string next_step(const lambdafit::PlatformResult& p) {
  using lambdafit::Verdict;
  switch (p.verdict) {
    case Verdict::good_fit:
      return "migrate now";
    case Verdict::fit_with_caveats: {
      std::vector<std::string> work;
      for (const auto& c : p.criteria)
        if (c.status == lambdafit::Status::applies && c.kind != lambdafit::CriterionKind::strength)
          work.push_back(c.id);
      return "migrate after: " + join(work);
    }
    case Verdict::undetermined: {
      std::vector<std::string> ids;
      for (const auto& q : p.open_questions) ids.push_back(q.id);
      return "answer first: " + join(ids);
    }
    case Verdict::not_a_fit:
      return "keep on servers: " + join(p.blocking);
  }
  return {};
}

int rank_of(lambdafit::Verdict v) {
  switch (v) {
    case lambdafit::Verdict::good_fit: return 0;
    case lambdafit::Verdict::fit_with_caveats: return 1;
    case lambdafit::Verdict::undetermined: return 2;
    case lambdafit::Verdict::not_a_fit: return 3;
  }
  return 4;
}

int usage() {
  std::cerr << "usage: lambdafit-plan [--platform ID] [--rules DIR] WORKLOAD...\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> workloads, rules_dirs;
  std::string platform;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "--platform" || arg == "--rules") && i + 1 < argc) {
      (arg == "--platform" ? platform : rules_dirs.emplace_back()) = argv[++i];
    } else if (!arg.empty() && arg[0] == '-') {
      return usage();
    } else {
      workloads.push_back(arg);
    }
  }
  if (workloads.empty()) return usage();

  auto pack = lambdafit::RulePack::load(rules_dirs);  // empty: the installed pack
  if (!pack) {
    std::cerr << pack.error_text();
    return 2;
  }

  // One pack, every workload assessed at once.
  std::vector<std::future<lambdafit::Result<lambdafit::Assessment>>> runs;
  for (const auto& w : workloads) {
    lambdafit::AssessOptions o;
    o.path = w;
    if (!platform.empty()) o.platforms = {platform};
    runs.push_back(std::async(std::launch::async, [&pack, o] { return lambdafit::assess(*pack, o); }));
  }
  std::vector<Row> rows;
  std::string platform_shown;
  bool failed = false;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    auto result = runs[i].get();
    Row row;
    if (!result) {
      failed = true;
      std::cerr << result.error_text();
      const auto& e = result.errors().front();
      row.name = workloads[i];
      row.verdict = "error";
      row.next = e.message;
    } else {
      const auto& p = result->primary();
      platform_shown = p.platform;
      row.name = result->workload_name;
      row.verdict = std::string(lambdafit::to_string(p.verdict));
      row.rank = rank_of(p.verdict);
      row.score = p.score;
      row.confidence = std::lround(p.confidence * 100);
      row.next = next_step(p);
    }
    rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    if (a.score != b.score) return a.score > b.score;
    if (a.confidence != b.confidence) return a.confidence > b.confidence;
    return a.name < b.name;
  });

  std::printf("migration plan for %s (lambdafit %s)\n",
              platform_shown.empty() ? "-" : platform_shown.c_str(),
              std::string(lambdafit::version()).c_str());
  std::printf("%-3s %-20s %-17s %5s %10s  %s\n", "#", "workload", "verdict", "score", "confidence", "next step");
  int n = 0;
  for (const auto& r : rows)
    std::printf("%-3d %-20s %-17s %5d %9ld%%  %s\n", ++n, r.name.c_str(), r.verdict.c_str(), r.score,
                r.confidence, r.next.c_str());
  return failed ? 1 : 0;
}
