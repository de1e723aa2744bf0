#include "lint/permissions.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "core/safe_file.hpp"
#include "permissions/findings.hpp"

namespace lambdafit::lint {
namespace {

namespace fs = std::filesystem;
using namespace lambdafit::permissions;

std::string first_few(const std::vector<std::string>& v, std::size_t n = 5) {
  std::string out;
  for (std::size_t i = 0; i < v.size() && i < n; ++i) out += (i ? ", " : "") + v[i];
  if (v.size() > n) out += fmt::format(", … {} more", v.size() - n);
  return out;
}

/// Source lines of the files findings point at, read once, inside the workload only.
class Lines {
 public:
  explicit Lines(std::string root) : root_(std::move(root)) {}
  std::string at(const std::string& rel, int line) {
    auto it = files_.find(rel);
    if (it == files_.end()) {
      std::vector<std::string> lines;
      std::string why;
      if (auto text = read_regular_file(fs::path(root_) / rel, {fs::path(root_), kMaxConfigBytes}, why)) {
        std::size_t start = 0;
        for (std::size_t nl; (nl = text->find('\n', start)) != std::string::npos; start = nl + 1)
          lines.push_back(text->substr(start, nl - start));
        if (start < text->size()) lines.push_back(text->substr(start));
      }
      it = files_.emplace(rel, std::move(lines)).first;
    }
    if (line < 1 || static_cast<std::size_t>(line) > it->second.size()) return {};
    std::string s = it->second[line - 1];
    if (!s.empty() && s.back() == '\r') s.pop_back();
    return s;
  }

 private:
  std::string root_;
  std::map<std::string, std::vector<std::string>> files_;
};

}  // namespace

std::vector<Evidence> permission_evidence(const PermissionsResult& r, const std::string& root) {
  std::vector<Evidence> out;
  Lines lines(root);
  auto add = [&](const char* check, const std::string& file, int line, int column, std::string message) {
    if (file.empty() || line <= 0) return;  // every finding points at a real line
    Evidence e;
    e.path = file;
    e.line = line;
    e.column = column;
    e.snippet = lines.at(file, line);
    e.detector = check;
    e.detectors = {check};
    e.fact = kPermissionsFact;
    e.message = std::move(message);
    out.push_back(std::move(e));
  };
  for (const auto& f : r.functions) {
    if (!f.grants_known) continue;
    const std::string uses = f.used_actions.empty() ? "no AWS action" : first_few(f.used_actions, 6);
    // A managed policy is several grants written at one place: one finding per place.
    using Place = std::tuple<std::string, int, int>;
    std::map<Place, std::vector<const Grant*>> wild;
    for (const auto& g : f.wildcards) wild[{g.file, g.line, g.column}].push_back(&g);
    for (const auto& [place, grants] : wild) {
      std::vector<std::string> what;
      for (const auto* g : grants) what.push_back(fmt::format("{} on {}", g->action, g->resource));
      add(kWildcardCheck, std::get<0>(place), std::get<1>(place), std::get<2>(place),
          fmt::format("{} is granted {} ({}); its code uses {}", f.name, first_few(what, 3), grants.front()->source, uses));
    }
    std::map<Place, std::pair<std::string, std::set<std::string>>> unused;
    for (const auto& gu : f.unused_by_grant) {
      auto& slot = unused[{gu.grant.file, gu.grant.line, gu.grant.column}];
      slot.first = gu.grant.source;
      slot.second.insert(gu.actions.begin(), gu.actions.end());
    }
    for (const auto& [place, slot] : unused) {
      const std::vector<std::string> actions(slot.second.begin(), slot.second.end());
      add(kOverGrantCheck, std::get<0>(place), std::get<1>(place), std::get<2>(place),
          fmt::format("{} grants {} {} action(s) its code never uses ({}); its code uses {}",
                      slot.first == "inline" ? std::string("the inline statement") : slot.first, f.name,
                      actions.size(), first_few(actions), uses));
    }
    for (const auto& n : f.not_granted) {
      const std::string resource = n.resource.value;
      const std::string instead = n.granted_on.empty() ? std::string() : fmt::format("; granted only on {}", first_few(n.granted_on, 3));
      for (const auto& c : n.calls)
        add(kNotGrantedCheck, c.file, c.line, c.column,
            fmt::format("{} needs {} on {} here, which {} does not grant (AccessDenied at run time){}", f.name,
                        n.action, resource, f.template_file.empty() ? "its role" : f.template_file, instead));
    }
  }
  // By place; a call two functions reach is one finding for each (their messages differ).
  std::sort(out.begin(), out.end(), [](const Evidence& a, const Evidence& b) {
    return std::tie(a.path, a.line, a.column, a.detector, a.message) < std::tie(b.path, b.line, b.column, b.detector, b.message);
  });
  return out;
}

}  // namespace lambdafit::lint
