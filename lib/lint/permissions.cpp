#include "lint/permissions.hpp"

#include <filesystem>
#include <map>

#include "core/safe_file.hpp"
#include "permissions/findings.hpp"
#include "permissions/summary.hpp"

namespace lambdafit::lint {
namespace {

namespace fs = std::filesystem;
using namespace lambdafit::permissions;

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
  for (const auto& f : permission_findings(summarize(r))) {
    Evidence e;
    e.path = f.where.file;
    e.line = f.where.line;
    e.column = f.where.column;
    e.snippet = lines.at(f.where.file, f.where.line);
    e.detector = f.rule;
    e.detectors = {f.rule};
    e.fact = kPermissionsFact;
    e.message = f.message;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace lambdafit::lint
