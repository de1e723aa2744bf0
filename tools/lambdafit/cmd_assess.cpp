// lambdafit assess [PATH...] [--portfolio FILE]: one workload's report, or a portfolio summary
// when several workloads are given (written by cmd_portfolio.cpp).
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include <fmt/format.h>

#include "cli.hpp"
#include "core/known_good.hpp"

namespace lambdafit::cli {

RenderOptions terminal_options(const Options& o, bool to_file) {
  RenderOptions ro;
  ro.verbose = o.verbose;
  const bool tty = !to_file && ::isatty(STDOUT_FILENO);
  const char* no_color = std::getenv("NO_COLOR");
  ro.color = !to_file && (o.color == "always" || (o.color == "auto" && tty && !(no_color && *no_color)));
  if (tty) {
    winsize ws{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) ro.width = std::max(40, int{ws.ws_col});
    else if (const char* cols = std::getenv("COLUMNS")) ro.width = std::max(40, std::atoi(cols));
  }
  return ro;
}

void setup_assess(CLI::App& sub, Options& o) {
  sub.add_option("paths", o.paths, "workload directories (default: the current directory; several make a portfolio)");
  sub.add_option("--portfolio", o.portfolio, "a YAML list of workloads to assess together")->check(CLI::ExistingFile);
  sub.add_option("--platform", o.platforms, "platform id, or 'all' (default: the manifest's, then aws-lambda-2016)");
  one_of(sub.add_option("--format", o.format,
                        "report format (default: from the -o name, else text; csv: portfolio summaries only)"),
         {"text", "json", "md", "html", "sarif", "csv"});
  sub.add_option("-o,--output", o.output,
                 "write the report to FILE; a portfolio: to FILE.EXT (the summary) or into DIR/ (summary and one "
                 "report per workload)");
  sub.add_option("--answers", o.answers, "a file with an answers: mapping")->check(CLI::ExistingFile);
  sub.add_option("--rules", o.rules_dirs, "more rule directories")->check(CLI::ExistingDirectory);
  sub.add_option("-p,--build-dir", o.build_dir, "directory with compile_commands.json");
  sub.add_option("-j,--jobs", o.jobs, "parallel jobs (default: cores)")->check(CLI::Range(0, 1024));
  sub.add_flag("--no-cache", o.no_cache, kNoCacheHelp);
  setup_request(sub, o);
}

int run_assess(Options& o) {
  if (!o.request.empty()) return run_request(o);
  if (o.paths.empty() && o.portfolio.empty()) o.paths.push_back(".");
  auto pack = load_pack(o);
  if (!pack) return kUsage;
  if (o.paths.size() > 1 || !o.portfolio.empty()) return assess_portfolio_cmd(o, *pack);
  const auto format = resolve_format(o, {"text", "json", "md", "html", "sarif", "csv"});
  if (!format) return kUsage;
  if (*format == "csv") {
    print_error("the csv format is for portfolio summaries; give several workloads or --portfolio FILE");
    return kUsage;
  }
  AssessOptions ao;
  ao.path = o.paths.front();
  ao.platforms = o.platforms;
  if (!o.answers.empty()) ao.answers_file = o.answers;
  ao.build_dir = o.build_dir;
  ao.jobs = o.jobs;
  apply_env(ao);
  if (!o.no_cache) ao.cache_dir = cache_dir();
  ao.on_progress = progress_printer(o);
  auto result = assess(*pack, ao);
  if (ao.on_progress) clear_progress(o);
  if (!result) {
    print_diagnostics(result.errors());
    return kUsage;
  }
  const bool to_file = !o.output.empty() && o.output != "-";
  auto text = render(*result, *format_from_string(*format), terminal_options(o, to_file), &*pack);
  if (!text) {
    print_diagnostics(text.errors());
    return kUsage;
  }
  return write_output(o.output, *text) ? kOk : kUsage;
}

}  // namespace lambdafit::cli
