// lambdafit assess [PATH...] [--portfolio FILE]: one workload's report, or a portfolio summary
// when several workloads are given.
#include <sys/ioctl.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <set>

#include <fmt/format.h>

#include "cli.hpp"

namespace lambdafit::cli {

namespace {

// Colors only for a terminal on standard output, and never when NO_COLOR is set (unless the
// user asks with --color always); never into a file given with -o.
RenderOptions terminal_options(const Options& o, bool to_file) {
  RenderOptions ro;
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

bool to_stdout(const std::string& output) { return output.empty() || output == "-"; }

const char* extension(const std::string& format) {
  if (format == "text") return "txt";
  if (format == "md") return "md";
  if (format == "csv") return "csv";
  if (format == "html") return "html";
  return format == "sarif" ? "sarif" : "json";
}

// assess DIR1 DIR2 … or --portfolio FILE: assess each, then the summary (and with -o DIR, each
// workload's own report beside it). A workload that fails is a row, and the exit code is 2.
int run_portfolio(Options& o, const RulePack& pack) {
  const auto summary_format = portfolio_format_from_string(o.format);
  if (!summary_format) {
    print_error(fmt::format("the portfolio summary has no '{}' form; use text, md, html, csv or json", o.format));
    return kUsage;
  }
  if (!o.answers.empty()) {
    print_error("--answers applies to one workload; give each workload its 'answers:' in the portfolio file");
    return kUsage;
  }
  std::vector<PortfolioWorkload> workloads;
  if (!o.portfolio.empty()) {
    auto loaded = load_portfolio(o.portfolio);
    if (!loaded) {
      print_diagnostics(loaded.errors());
      return kUsage;
    }
    workloads = std::move(loaded).value();
  }
  for (const auto& p : o.paths) workloads.push_back({"", p, std::nullopt, {}});

  AssessOptions base;
  base.platforms = o.platforms;
  base.build_dir = o.build_dir;
  base.jobs = o.jobs;
  apply_env(base);
  const bool progress = ::isatty(STDERR_FILENO);
  auto entries = assess_portfolio(pack, workloads, base, [&](std::size_t i, const PortfolioWorkload& w) {
    if (progress) std::cerr << fmt::format("\r[{}/{}] {}\x1b[K", i + 1, workloads.size(), w.path) << std::flush;
  });
  if (progress) std::cerr << "\r\x1b[K";

  bool ok = true;
  if (!to_stdout(o.output)) {
    // -o DIR: every workload's report, then the summary linking to them.
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(o.output, ec);
    if (ec || !fs::is_directory(o.output)) {
      print_error(fmt::format("cannot create the directory '{}'", o.output));
      return kUsage;
    }
    const std::string single = o.format == "csv" ? "json" : o.format;
    std::set<std::string> used;
    for (auto& e : entries) {
      if (!e.assessment) continue;
      std::string stem = portfolio_name(e);
      for (char& c : stem)
        if (c == '/' || c == '\\' || c == ':' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '_';
      if (stem.empty() || stem[0] == '.') stem = "workload" + stem;
      std::string file = fmt::format("{}.{}", stem, extension(single));
      for (int n = 2; used.count(file); ++n) file = fmt::format("{}-{}.{}", stem, n, extension(single));
      used.insert(file);
      auto text = render(*e.assessment, *format_from_string(single), RenderOptions{}, &pack);
      if (!text) {
        print_diagnostics(text.errors());
        ok = false;
        continue;
      }
      if (write_output((fs::path(o.output) / file).string(), *text)) e.report_file = file;
      else ok = false;
    }
    auto summary = render_portfolio(entries, *summary_format, RenderOptions{});
    if (!summary) {
      print_diagnostics(summary.errors());
      return kUsage;
    }
    ok = write_output((fs::path(o.output) / fmt::format("portfolio.{}", extension(o.format))).string(), *summary) && ok;
  } else {
    auto summary = render_portfolio(entries, *summary_format, terminal_options(o, false));
    if (!summary) {
      print_diagnostics(summary.errors());
      return kUsage;
    }
    ok = write_output(o.output, *summary);
  }
  for (const auto& e : entries) {
    if (e.assessment) continue;
    std::cerr << fmt::format("lambdafit: error: workload '{}' could not be assessed:\n", portfolio_name(e));
    print_diagnostics(e.errors);
    ok = false;
  }
  return ok ? kOk : kUsage;
}

}  // namespace

void setup_assess(CLI::App& sub, Options& o) {
  sub.add_option("paths", o.paths, "workload directories (several make a portfolio)");
  sub.add_option("--portfolio", o.portfolio, "a YAML list of workloads to assess together")->check(CLI::ExistingFile);
  sub.add_option("--platform", o.platforms, "platform id, or 'all' (default: the manifest's, then aws-lambda-2016)");
  sub.add_option("--format", o.format, "report format (csv: portfolio summaries only)")
      ->check(CLI::IsMember({"text", "json", "md", "html", "sarif", "csv"}));
  sub.add_option("-o,--output", o.output, "write the report to FILE (a portfolio: into DIR)");
  sub.add_option("--answers", o.answers, "a file with an answers: mapping")->check(CLI::ExistingFile);
  sub.add_option("--rules", o.rules_dirs, "more rule directories")->check(CLI::ExistingDirectory);
  sub.add_option("-p,--build-dir", o.build_dir, "directory with compile_commands.json");
  sub.add_option("-j,--jobs", o.jobs, "parallel jobs (default: cores)")->check(CLI::Range(0, 1024));
  sub.add_option("--color", o.color, "color in terminal output")->check(CLI::IsMember({"auto", "always", "never"}));
  setup_request(sub, o);
}

int run_assess(Options& o) {
  if (!o.request.empty()) return run_request(o);
  if (o.paths.empty() && o.portfolio.empty()) {
    print_error("assess needs a workload directory (or several, or --portfolio FILE)");
    return kUsage;
  }
  auto pack = load_pack(o);
  if (!pack) return kUsage;
  if (o.paths.size() > 1 || !o.portfolio.empty()) return run_portfolio(o, *pack);
  if (o.format == "csv") {
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
  auto text = render(*result, *format, terminal_options(o, !to_stdout(o.output)), &*pack);
  if (!text) {
    print_diagnostics(text.errors());
    return kUsage;
  }
  return write_output(o.output, *text) ? kOk : kUsage;
}

}  // namespace lambdafit::cli
