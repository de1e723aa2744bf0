#include "reports/coverage.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <map>
#include <regex>

#include <fmt/format.h>

namespace lambdafit {

namespace fs = std::filesystem;

namespace {

// Every spelling of the root a note may use: as given, absolute and with symlinks resolved.
std::vector<std::string> root_prefixes(const std::string& workload_path) {
  std::vector<std::string> out;
  if (workload_path.empty()) return out;
  std::error_code ec;
  const fs::path given = fs::path(workload_path).lexically_normal();
  for (const fs::path& p : {given, fs::absolute(given, ec), fs::weakly_canonical(given, ec)}) {
    std::string s = p.generic_string();
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    if (s.empty() || s == ".") continue;
    s += '/';
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  // Longest first, so /a/b/ is stripped before /a/.
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  return out;
}

std::string strip_roots(std::string text, const std::vector<std::string>& roots) {
  for (const auto& r : roots) {
    for (auto pos = text.find(r); pos != std::string::npos; pos = text.find(r, pos)) text.erase(pos, r.size());
  }
  return text;
}

struct Parsed {
  std::string cause, place, fix;
};

// "F: parsed with 96 errors; evidence kept (first: P:L:C: 'x.h' file not found)", "F: 12 #if
// blocks not read: skipped on … (first: P:L)" and the "not parsed" forms; other notes stand
// alone.
std::optional<Parsed> parse_note(const std::string& note, bool has_database) {
  static const std::regex kErrors(R"(^(.+?): parsed with \d+ errors?; evidence kept \(first: (.*)\)$)");
  static const std::regex kUnsure(R"(^(.+?): \d+ #if blocks? not read: (skipped on .*) \(first: [^()]*\)$)");
  static const std::regex kNotParsed(R"(^(.+?): not parsed(?:: (.*))?$)");
  static const std::regex kLocated(R"(^.+?:\d+:\d+: (.*)$)");
  static const std::regex kMissing(R"(^'([^']+)' file not found$)");
  const std::string fix = has_database ? "check the include paths in the compile database"
                                       : "configure the build and pass -p BUILD_DIR";
  std::smatch m;
  if (std::regex_match(note, m, kErrors)) {
    std::string first = m[2].str();
    std::smatch l;
    if (std::regex_match(first, l, kLocated)) first = l[1].str();
    std::smatch h;
    if (std::regex_match(first, h, kMissing))
      return Parsed{fmt::format("could not find '{}'", h[1].str()), m[1].str(), fix};
    return Parsed{fmt::format("parsed with errors (first: {})", first), m[1].str(), fix};
  }
  if (std::regex_match(note, m, kUnsure))
    return Parsed{"had #if blocks not read, " + m[2].str(), m[1].str(), fix};
  if (std::regex_match(note, m, kNotParsed))
    return Parsed{m[2].matched ? "not parsed: " + m[2].str() : "not parsed", m[1].str(), ""};
  return std::nullopt;
}

}  // namespace

std::string relative_to_workload(const std::string& path, const std::string& workload_path) {
  return strip_roots(path, root_prefixes(workload_path));
}

std::vector<CoverageGroup> group_coverage(const ScanSummary& scan, const std::string& workload_path) {
  const auto roots = root_prefixes(workload_path);
  bool has_database = false;
  for (const auto& n : scan.coverage_notes)
    if (n.rfind("C/C++: compile commands from the compile database", 0) == 0) has_database = true;
  std::vector<CoverageGroup> groups;
  std::map<std::string, std::size_t> index;
  std::map<std::string, std::pair<std::string, std::string>> first;  // cause -> first place, fix
  for (const auto& raw : scan.coverage_notes) {
    const std::string note = strip_roots(raw, roots);
    const auto parsed = parse_note(note, has_database);
    const std::string key = parsed ? parsed->cause : note;
    auto [it, fresh] = index.emplace(key, groups.size());
    if (fresh) {
      groups.push_back({key, "", {}});
      if (parsed) first[key] = {parsed->place, parsed->fix};
    }
    groups[it->second].items.push_back(note);
  }
  for (auto& g : groups) {
    auto f = first.find(g.cause);
    if (f == first.end()) {
      g.summary = g.items.size() == 1 ? g.items.front() : fmt::format("{} ({} times)", g.cause, g.items.size());
      continue;
    }
    const auto n = g.items.size();
    g.summary = fmt::format("{} translation unit{} {} (first: {})", n, n == 1 ? "" : "s", g.cause, f->second.first);
    if (!f->second.second.empty()) g.summary += ": " + f->second.second;
  }
  return groups;
}

}  // namespace lambdafit
