#include "lint/baseline.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <numeric>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/json_error.hpp"
#include "reports/sarif_report.hpp"
#include "scanning/scan.hpp"

namespace lambdafit::lint {

using nlohmann::json;

std::vector<std::string> fingerprints(const std::vector<Evidence>& evidence) {
  std::vector<std::size_t> order(evidence.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& x = evidence[a];
    const auto& y = evidence[b];
    return std::tie(x.path, x.line, x.column, x.detector) < std::tie(y.path, y.line, y.column, y.detector);
  });
  std::map<std::string, std::size_t> seen;
  std::vector<std::string> out(evidence.size());
  for (std::size_t i : order) {
    const auto& e = evidence[i];
    const std::string key = e.detector + '\0' + e.path + '\0' + normalize_source_line(e.snippet);
    out[i] = finding_fingerprint(e.detector, e.path, e.snippet, seen[key]++);
  }
  return out;
}

std::string baseline_json(std::vector<BaselineEntry> entries) {
  std::sort(entries.begin(), entries.end(), [](const BaselineEntry& a, const BaselineEntry& b) {
    return std::tie(a.path, a.line, a.detector, a.fingerprint) <
           std::tie(b.path, b.line, b.detector, b.fingerprint);
  });
  json list = json::array();
  for (const auto& e : entries)
    list.push_back({{"fingerprint", e.fingerprint},
                    {"detector", e.detector},
                    {"path", e.path},
                    {"line", e.line},
                    {"snippet", e.snippet}});
  json doc{{"lambdafit_baseline", 1}, {"findings", list}};
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::optional<std::vector<BaselineEntry>> read_baseline_entries(const std::string& path, Diagnostics& d,
                                                              const ReadLimits& limits) {
  std::string why;
  auto text = read_regular_file(path, limits, why);
  if (!text) {
    std::error_code ec;
    // A missing file needs no reason; a FIFO, a device or a path outside the workload does.
    d.error(std::filesystem::exists(std::filesystem::symlink_status(path, ec)) ? fmt::format("cannot read the baseline: {}", why)
                                                                : std::string("cannot read the baseline"),
            {path, 0, 0});
    return std::nullopt;
  }
  json doc;
  try {
    doc = json::parse(*text);
  } catch (const json::exception& e) {
    d.add(json_error(e, *text, path, "the baseline is not valid JSON"));
    return std::nullopt;
  }
  if (!doc.is_object() || !doc.contains("findings") || !doc["findings"].is_array()) {
    d.error("not a lambdafit baseline: expected an object with a 'findings' list", {path, 1, 1});
    return std::nullopt;
  }
  std::vector<BaselineEntry> out;
  for (const auto& f : doc["findings"]) {
    if (!f.is_object() || !f.contains("fingerprint") || !f["fingerprint"].is_string()) {
      d.error("a baseline entry has no 'fingerprint' string", {path, 0, 0});
      return std::nullopt;
    }
    auto text = [&](const char* k) { return f.contains(k) && f[k].is_string() ? f[k].get<std::string>() : std::string(); };
    out.push_back({f["fingerprint"].get<std::string>(), text("detector"), text("path"),
                   f.contains("line") && f["line"].is_number_integer() ? f["line"].get<int>() : 0, text("snippet")});
  }
  return out;
}

std::optional<std::set<std::string>> read_baseline(const std::string& path, Diagnostics& d,
                                                   const ReadLimits& limits) {
  auto entries = read_baseline_entries(path, d, limits);
  if (!entries) return std::nullopt;
  std::set<std::string> out;
  for (const auto& e : *entries) out.insert(e.fingerprint);
  return out;
}

}  // namespace lambdafit::lint
