// Portfolio files, assessing many workloads, and ordering the rows.
#include "reports/portfolio.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "core/diagnostics.hpp"
#include "core/yaml_file.hpp"
#include "reports/report_util.hpp"

namespace lambdafit {

namespace fs = std::filesystem;

namespace {

std::string resolve(const fs::path& base, const std::string& p) {
  fs::path path(p);
  if (path.is_absolute() || base.empty()) return path.lexically_normal().string();
  return (base / path).lexically_normal().string();
}

void read_entry(const YamlFile& f, const YAML::Node& item, const fs::path& base, Diagnostics& d,
                std::vector<PortfolioWorkload>& out) {
  PortfolioWorkload w;
  w.defined_at = f.where(item);
  if (item.IsScalar()) {  // "- path/to/workload" is short for "- path: path/to/workload"
    if (item.Scalar().empty()) {
      f.error(d, item, "empty workload path");
      return;
    }
    w.path = resolve(base, item.Scalar());
    w.given_path = item.Scalar();
    out.push_back(std::move(w));
    return;
  }
  if (!check_keys(f, item, {"path", "name", "answers"}, d, "a workload")) return;
  auto path = get_scalar(f, item, "path", d, true);
  if (!path) return;
  if (path->empty()) {
    f.error(d, item["path"], "empty workload path");
    return;
  }
  w.path = resolve(base, *path);
  w.given_path = *path;
  if (auto name = get_scalar(f, item, "name", d)) w.name = *name;
  if (auto answers = get_scalar(f, item, "answers", d)) w.answers_file = resolve(base, *answers);
  out.push_back(std::move(w));
}

}  // namespace

Result<std::vector<PortfolioWorkload>> load_portfolio(const std::string& file) noexcept {
  try {
    Diagnostics d;
    auto f = YamlFile::load(file, d);
    if (!f) return d.take();
    const auto& root = f->root();
    YAML::Node list = root;
    if (root.IsMap()) {
      if (!check_keys(*f, root, {"workloads"}, d, "a portfolio file")) return d.take();
      list = root["workloads"];
      if (!list) {
        f->error(d, root, "missing required key 'workloads'");
        return d.take();
      }
    }
    if (!list.IsSequence()) {
      f->error(d, list, "expected a list of workloads (each a path, or a mapping with 'path')");
      return d.take();
    }
    const fs::path base = fs::path(file).parent_path();
    std::vector<PortfolioWorkload> out;
    for (const auto& item : list) read_entry(*f, item, base, d, out);
    if (d.has_errors()) return d.take();
    if (out.empty()) return Result<std::vector<PortfolioWorkload>>::failure("the portfolio lists no workloads", f->where(list));
    return out;
  } catch (const std::exception& e) {
    return Result<std::vector<PortfolioWorkload>>::failure(fmt::format("cannot read the portfolio: {}", e.what()),
                                                            {file, 0, 0});
  }
}

std::string portfolio_name(const PortfolioEntry& e) {
  if (!e.workload.name.empty()) return e.workload.name;
  if (e.assessment && !e.assessment->workload_name.empty()) return e.assessment->workload_name;
  const auto name = fs::path(e.workload.path).lexically_normal().filename().string();
  if (!name.empty()) return name;
  return fs::path(e.workload.path).lexically_normal().parent_path().filename().string();
}

std::vector<PortfolioEntry> assess_portfolio(
    const RulePack& pack, const std::vector<PortfolioWorkload>& workloads, const AssessOptions& base,
    const std::function<void(std::size_t, const PortfolioWorkload&)>& on_workload) noexcept {
  std::vector<PortfolioEntry> out;
  try {
    out.reserve(workloads.size());
    for (std::size_t i = 0; i < workloads.size(); ++i) {
      const auto& w = workloads[i];
      if (on_workload) on_workload(i, w);
      PortfolioEntry e;
      e.workload = w;
      AssessOptions o = base;
      o.path = w.path;
      o.name = w.name;
      if (w.answers_file) o.answers_file = w.answers_file;
      auto r = assess(pack, o);
      if (r) e.assessment = std::move(r).value();
      else e.errors = r.errors();
      if (e.assessment && e.assessment->platforms.empty()) {
        e.assessment.reset();
        e.errors.push_back({Severity::error, "the assessment has no platform result", {w.path, 0, 0}, {}});
      }
      if (!e.assessment && e.errors.empty())
        e.errors.push_back({Severity::error, "the assessment failed without a message", {w.path, 0, 0}, {}});
      out.push_back(std::move(e));
    }
    sort_portfolio(out);
  } catch (const std::exception&) {
    // Only allocation can throw here; return the rows finished so far.
  }
  return out;
}

void sort_portfolio(std::vector<PortfolioEntry>& entries) noexcept {
  auto key = [](const PortfolioEntry& e) {
    if (!e.assessment) return std::make_tuple(1, 0, 0, 0.0);
    const auto& p = e.assessment->primary();
    return std::make_tuple(0, verdict_rank(p.verdict), -p.score, -p.confidence);
  };
  std::stable_sort(entries.begin(), entries.end(), [&](const PortfolioEntry& a, const PortfolioEntry& b) {
    const auto ka = key(a), kb = key(b);
    if (ka != kb) return ka < kb;
    return portfolio_name(a) < portfolio_name(b);
  });
}

std::optional<PortfolioFormat> portfolio_format_from_string(std::string_view s) noexcept {
  if (s == "text") return PortfolioFormat::text;
  if (s == "md" || s == "markdown") return PortfolioFormat::markdown;
  if (s == "html") return PortfolioFormat::html;
  if (s == "csv") return PortfolioFormat::csv;
  if (s == "json") return PortfolioFormat::json;
  return std::nullopt;
}

Result<std::string> render_portfolio(const std::vector<PortfolioEntry>& entries, PortfolioFormat f,
                                     const RenderOptions& opts) noexcept {
  try {
    switch (f) {
      case PortfolioFormat::text: return portfolio_text(entries, opts);
      case PortfolioFormat::markdown: return portfolio_markdown(entries);
      case PortfolioFormat::html: return portfolio_html(entries);
      case PortfolioFormat::csv: return portfolio_csv(entries);
      case PortfolioFormat::json: return portfolio_json(entries);
    }
    return Result<std::string>::failure("unknown portfolio format");
  } catch (const std::exception& e) {
    return Result<std::string>::failure(fmt::format("internal error while rendering the portfolio: {}", e.what()));
  }
}

}  // namespace lambdafit
