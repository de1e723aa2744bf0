#include "core/quantity.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <utility>

#include <fmt/format.h>

namespace lambdafit {

namespace {

struct UnitRow {
  std::string_view name;
  Dimension dimension;
  double factor;  // to the canonical unit
};

// Sizes are binary, as platform documentation uses them: 1.5 GB = 1536 MB.
constexpr std::array kUnits{
    UnitRow{"ms", Dimension::time, 0.001},       UnitRow{"s", Dimension::time, 1},
    UnitRow{"sec", Dimension::time, 1},          UnitRow{"secs", Dimension::time, 1},
    UnitRow{"second", Dimension::time, 1},       UnitRow{"seconds", Dimension::time, 1},
    UnitRow{"m", Dimension::time, 60},           UnitRow{"min", Dimension::time, 60},
    UnitRow{"mins", Dimension::time, 60},        UnitRow{"minute", Dimension::time, 60},
    UnitRow{"minutes", Dimension::time, 60},     UnitRow{"h", Dimension::time, 3600},
    UnitRow{"hr", Dimension::time, 3600},        UnitRow{"hrs", Dimension::time, 3600},
    UnitRow{"hour", Dimension::time, 3600},      UnitRow{"hours", Dimension::time, 3600},
    UnitRow{"d", Dimension::time, 86400},        UnitRow{"day", Dimension::time, 86400},
    UnitRow{"days", Dimension::time, 86400},     UnitRow{"b", Dimension::size, 1.0 / 1048576},
    UnitRow{"bytes", Dimension::size, 1.0 / 1048576}, UnitRow{"k", Dimension::size, 1.0 / 1024},
    UnitRow{"kb", Dimension::size, 1.0 / 1024},  UnitRow{"kib", Dimension::size, 1.0 / 1024},
    UnitRow{"m", Dimension::size, 1},            UnitRow{"mb", Dimension::size, 1},
    UnitRow{"mib", Dimension::size, 1},          UnitRow{"g", Dimension::size, 1024},
    UnitRow{"gb", Dimension::size, 1024},        UnitRow{"gib", Dimension::size, 1024},
    UnitRow{"t", Dimension::size, 1048576},      UnitRow{"tb", Dimension::size, 1048576},
    UnitRow{"tib", Dimension::size, 1048576},
    // Kubernetes writes binary sizes as Ki, Mi, Gi, Ti.
    UnitRow{"ki", Dimension::size, 1.0 / 1024},  UnitRow{"mi", Dimension::size, 1},
    UnitRow{"gi", Dimension::size, 1024},        UnitRow{"ti", Dimension::size, 1048576},
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view dimension_word(Dimension d) {
  switch (d) {
    case Dimension::time: return "a duration such as '90 s', '7m' or '1 h'";
    case Dimension::size: return "a size such as '800 MB' or '1.5 GB'";
    case Dimension::count: return "a number";
  }
  return "a number";
}

}  // namespace

std::optional<Quantity> parse_quantity(std::string_view text, Dimension expected,
                                       std::string* error) {
  auto fail = [&](std::string why) -> std::optional<Quantity> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  const auto s = trim(text);
  std::size_t i = 0;
  while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.' ||
                          (i == 0 && (s[i] == '-' || s[i] == '+'))))
    ++i;
  if (i == 0)
    return fail(fmt::format("'{}' is not {}", std::string(s), dimension_word(expected)));
  double number = 0;
  const std::string digits(s.substr(0, i));
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (ec != std::errc() || ptr != digits.data() + digits.size() || !std::isfinite(number))
    return fail(fmt::format("'{}' is not {}", std::string(s), dimension_word(expected)));
  if (number < 0) return fail(fmt::format("'{}' is negative", std::string(s)));
  const std::string unit = lower(trim(s.substr(i)));
  if (unit.empty()) return Quantity{number, expected};
  if (expected == Dimension::count)
    return fail(fmt::format("'{}' is a plain count and takes no unit", std::string(s)));
  for (const auto& row : kUnits) {
    if (row.name == unit && row.dimension == expected)
      return Quantity{number * row.factor, expected};
  }
  return fail(fmt::format("unknown unit '{}' in '{}'; expected {}", unit, std::string(s),
                          dimension_word(expected)));
}

std::string_view canonical_unit(Dimension d) noexcept {
  switch (d) {
    case Dimension::time: return "s";
    case Dimension::size: return "MB";
    case Dimension::count: return "";
  }
  return "";
}

std::optional<Dimension> dimension_from_unit(std::string_view unit) noexcept {
  if (unit.empty()) return Dimension::count;
  if (unit == "s") return Dimension::time;
  if (unit == "MB") return Dimension::size;
  return std::nullopt;
}

std::string format_number(double v) {
  if (std::fabs(v - std::round(v)) < 1e-9) return fmt::format("{}", static_cast<long long>(std::llround(v)));
  std::string s = fmt::format("{:.3f}", v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string Quantity::to_string() const {
  const auto unit = canonical_unit(dimension);
  std::string out = unit.empty() ? format_number(value) : format_number(value) + " " + std::string(unit);
  // Long durations are easier to read in hours or days as well.
  if (dimension == Dimension::time && value >= 86400)
    out += " (" + format_number(std::round(value / 8640.0) / 10.0) + " d)";
  else if (dimension == Dimension::time && value >= 3600)
    out += " (" + format_number(std::round(value / 360.0) / 10.0) + " h)";
  return out;
}

}  // namespace lambdafit
