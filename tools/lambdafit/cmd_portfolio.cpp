// Portfolios: `assess DIR1 DIR2 …` / `assess --portfolio FILE` assess each workload here;
// `portfolio REPORT.json…` rolls up reports saved by earlier runs (one CI job per repository).
// Both write the same summary: to standard output, to FILE.EXT, or into DIR/ with one report
// per workload.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "core/known_good.hpp"
#include "core/safe_file.hpp"

namespace lambdafit::cli {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kSummaryFormats = {"text", "md", "html", "csv", "json"};

const char* extension(const std::string& format) {
  if (format == "text") return "txt";
  if (format == "md") return "md";
  if (format == "csv") return "csv";
  if (format == "html") return "html";
  return format == "sarif" ? "sarif" : "json";
}

// -o names a directory when it ends in '/', already is one, or has no report extension:
// `-o out/` and `-o out` fill a directory, `-o estate.csv` writes one file.
bool output_is_directory(const std::string& output) {
  if (output.empty() || output == "-") return false;
  if (output.back() == '/') return true;
  std::error_code ec;
  if (fs::is_directory(output, ec)) return true;
  return format_of_name(output).empty();
}

// Each workload's own report beside the summary; the row links to it. `pack` is null when
// the entries came from saved reports: a JSON report is then copied as saved (it holds more
// than the summary reads back), other formats are rendered from what was read.
bool write_workload_reports(const Options& o, std::vector<PortfolioEntry>& entries, const RulePack* pack,
                            const std::string& format) {
  const std::string single = format == "csv" ? "json" : format;
  bool ok = true;
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
    std::optional<std::string> saved;
    if (!pack && single == "json") {
      std::string why;
      ReadLimits limits;
      limits.max_bytes = std::uintmax_t{1} << 30;
      saved = read_regular_file(e.workload.path, limits, why);
    }
    auto text = saved ? Result<std::string>(std::move(*saved))
                      : render(*e.assessment, *format_from_string(single), RenderOptions{}, pack);
    if (!text) {
      print_diagnostics(text.errors());
      ok = false;
      continue;
    }
    if (write_output((fs::path(o.output) / file).string(), *text)) e.report_file = file;
    else ok = false;
  }
  return ok;
}

// Writes the summary where -o says (with -o DIR, each workload's report beside it); `pack`
// is null when the entries came from saved reports.
int write_portfolio(Options& o, std::vector<PortfolioEntry>& entries, const RulePack* pack) {
  bool ok = true;
  std::string format;
  std::string target = o.output;
  RenderOptions ro = terminal_options(o, !target.empty() && target != "-");
  if (output_is_directory(o.output)) {
    format = o.format.empty() ? "text" : o.format;
    std::error_code ec;
    fs::create_directories(o.output, ec);
    if (ec || !fs::is_directory(o.output)) {
      print_error(fmt::format("cannot create the directory '{}'", o.output));
      return kUsage;
    }
    ok = write_workload_reports(o, entries, pack, format);
    target = (fs::path(o.output) / fmt::format("portfolio.{}", extension(format))).string();
  } else {
    auto f = resolve_format(o, kSummaryFormats);
    if (!f) return kUsage;
    format = *f;
  }
  if (!portfolio_format_from_string(format)) {
    print_error(fmt::format("the portfolio summary has no '{}' form; use text, md, html, csv or json", format));
    return kUsage;
  }
  auto summary = render_portfolio(entries, *portfolio_format_from_string(format), ro);
  if (!summary) {
    print_diagnostics(summary.errors());
    return kUsage;
  }
  if (!write_output(target, *summary)) return kUsage;
  if (!o.quiet && target != o.output) std::cerr << fmt::format("lambdafit: wrote '{}'\n", target);
  bool failed = false;
  for (const auto& e : entries) {
    if (e.assessment) continue;
    std::cerr << fmt::format("lambdafit: error: workload '{}' could not be assessed:\n", portfolio_name(e));
    print_diagnostics(e.errors);
    failed = true;
  }
  if (!ok) return kUsage;
  return failed ? kWorkloadFailed : kOk;
}

// The lambdafit reports among a folder's *.json files (not in subfolders), in name order;
// other JSON files (package.json, a portfolio summary) are passed over.
std::vector<std::string> reports_in(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::error_code sec;
    if (!it->is_regular_file(sec) || it->path().extension() != ".json") continue;
    std::string why;
    ReadLimits limits;
    limits.max_bytes = std::uintmax_t{1} << 30;
    const auto text = read_regular_file(it->path(), limits, why);
    if (!text) continue;
    const auto j = nlohmann::json::parse(*text, nullptr, false);
    if (!j.is_object() || !j.contains("platforms") || !j.contains("tool") || !j["tool"].is_object() ||
        j["tool"].value("name", "") != "lambdafit")
      continue;
    out.push_back((fs::path(dir) / it->path().filename()).generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

int assess_portfolio_cmd(Options& o, const RulePack& pack) {
  if (!o.format.empty() && !portfolio_format_from_string(o.format)) {
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
  for (const auto& p : o.paths) workloads.push_back({"", p, std::nullopt, {}, p});

  AssessOptions base;
  base.platforms = o.platforms;
  base.build_dir = o.build_dir;
  base.jobs = o.jobs;
  apply_env(base);
  if (!o.no_cache) base.cache_dir = cache_dir();
  const auto progress = progress_printer(o);
  auto entries = assess_portfolio(pack, workloads, base, [&](std::size_t i, const PortfolioWorkload& w) {
    if (progress) progress({"assess", i + 1, workloads.size(), w.given_path.empty() ? w.path : w.given_path});
  });
  if (progress) clear_progress(o);
  return write_portfolio(o, entries, &pack);
}

void setup_portfolio(CLI::App& sub, Options& o) {
  sub.add_option("reports", o.paths,
                 "JSON reports saved by 'lambdafit assess --format json', or folders holding them (default: .)");
  one_of(sub.add_option("--format", o.format, "summary format (default: from the -o name, else text)"),
         {"text", "json", "md", "html", "csv"});
  sub.add_option("-o,--output", o.output, "write the summary to FILE.EXT, or into DIR/");
}

int run_portfolio_cmd(Options& o) {
  if (o.paths.empty()) o.paths.push_back(".");
  std::vector<std::string> files;
  for (const auto& p : o.paths) {
    std::error_code ec;
    if (!fs::is_directory(p, ec)) {
      files.push_back(p);
      continue;
    }
    const auto found = reports_in(p);
    if (found.empty()) {
      print_error(fmt::format("{}: no lambdafit JSON reports in this folder; save them with "
                              "'lambdafit assess -o NAME.json'", p));
      return kUsage;
    }
    files.insert(files.end(), found.begin(), found.end());
  }
  std::vector<PortfolioEntry> entries;
  for (const auto& file : files) {
    PortfolioEntry e;
    e.workload.path = file;
    e.workload.given_path = file;
    auto read = read_json_report(file);
    if (read) {
      e.assessment = std::move(read).value();
      // The report's own path is where it was assessed; show where the report came from too.
      e.workload.given_path = e.assessment->workload_path;
    } else {
      e.errors = read.errors();
    }
    entries.push_back(std::move(e));
  }
  sort_portfolio(entries);
  return write_portfolio(o, entries, nullptr);
}

}  // namespace lambdafit::cli
