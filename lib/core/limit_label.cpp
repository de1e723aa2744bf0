#include "core/limit_label.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

namespace lambdafit {

namespace {

std::string number(double v) {
  return std::fabs(v - std::round(v)) < 1e-9 ? fmt::format("{}", static_cast<long long>(std::llround(v)))
                                             : fmt::format("{:.1f}", v);
}

}  // namespace

std::string limit_label(const LimitTitles& titles, std::string_view key) {
  for (const auto& [k, title] : titles)
    if (key == k) return title;
  std::string out(key);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

std::vector<std::string> limit_display_order(const LimitTitles& titles, const std::vector<std::string>& keys) {
  std::vector<std::string> out;
  for (const auto& [k, title] : titles)
    if (std::find(keys.begin(), keys.end(), k) != keys.end()) out.push_back(k);
  std::vector<std::string> rest;
  for (const auto& k : keys)
    if (std::find(out.begin(), out.end(), k) == out.end()) rest.push_back(k);
  std::sort(rest.begin(), rest.end());
  out.insert(out.end(), rest.begin(), rest.end());
  return out;
}

std::string limit_value_text(std::string_view value) {
  if (value == "false") return "no";
  if (value == "true") return "yes";
  const std::string s(value);
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str()) return s;
  const std::string unit = std::string(end) == " s" ? "s" : std::string(end) == " MB" ? "MB" : "";
  if (unit == "s" && v >= 120) return fmt::format("{} ({} min)", s, number(v / 60));
  if (unit == "MB" && v >= 1024) return fmt::format("{} ({} GB)", s, number(v / 1024));
  return s;
}

}  // namespace lambdafit
