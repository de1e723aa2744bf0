// lambdafit assess [PATH...]
#include <unistd.h>

#include <iostream>

#include <fmt/format.h>

#include "cli.hpp"

namespace lambdafit::cli {

void setup_assess(CLI::App& sub, Options& o) {
  sub.add_option("paths", o.paths, "workload directories")->required();
  sub.add_option("--platform", o.platforms, "platform id, or 'all' (default: the manifest's, then aws-lambda-2016)");
  sub.add_option("--format", o.format, "report format")
      ->check(CLI::IsMember({"text", "json", "md", "html", "sarif"}));
  sub.add_option("-o,--output", o.output, "write the report to FILE");
  sub.add_option("--answers", o.answers, "a file with an answers: mapping")->check(CLI::ExistingFile);
  sub.add_option("--rules", o.rules_dirs, "more rule directories")->check(CLI::ExistingDirectory);
  sub.add_option("-p,--build-dir", o.build_dir, "directory with compile_commands.json");
  sub.add_option("-j,--jobs", o.jobs, "parallel jobs (default: cores)")->check(CLI::NonNegativeNumber);
  sub.add_option("--color", o.color, "color in terminal output")->check(CLI::IsMember({"auto", "always", "never"}));
}

int run_assess(Options& o) {
  auto pack = load_pack(o);
  if (!pack) return kUsage;
  if (o.paths.size() > 1) {
    print_error("assessing several workloads at once (portfolio view) is not available yet");
    return kUsage;
  }
  AssessOptions ao;
  ao.path = o.paths.front();
  ao.platforms = o.platforms;
  if (!o.answers.empty()) ao.answers_file = o.answers;
  ao.build_dir = o.build_dir;
  ao.jobs = o.jobs;
  const bool progress = ::isatty(STDERR_FILENO);
  if (progress) {
    ao.on_progress = [](const Progress& p) {
      if (p.total == 0) return;
      std::cerr << fmt::format("\r[{:>{}}/{}] {}\x1b[K", p.done, std::to_string(p.total).size(), p.total, p.item);
      if (p.done == p.total) std::cerr << "\r\x1b[K";
    };
  }
  auto result = assess(*pack, ao);
  if (!result) {
    print_diagnostics(result.errors());
    return kUsage;
  }
  const auto format = format_from_string(o.format);
  RenderOptions ro;
  const bool to_terminal = (o.output.empty() || o.output == "-") && ::isatty(STDOUT_FILENO);
  ro.color = o.color == "always" || (o.color == "auto" && to_terminal && !std::getenv("NO_COLOR"));
  if (to_terminal) {
    if (const char* cols = std::getenv("COLUMNS")) ro.width = std::max(40, std::atoi(cols));
  }
  auto text = render(*result, *format, ro, &*pack);
  if (!text) {
    print_diagnostics(text.errors());
    return kUsage;
  }
  return write_output(o.output, *text) ? kOk : kUsage;
}

}  // namespace lambdafit::cli
