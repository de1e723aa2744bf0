#include "reports/source_context.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "reports/report_util.hpp"

namespace lambdafit {

namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t kMaxBytes = 4u << 20;

bool safe_relative(const std::string& rel) {
  if (rel.empty() || rel[0] == '/') return false;
  for (const auto& part : fs::path(rel))
    if (part == "..") return false;
  return true;
}

std::string squash(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r') out += c;
  return out;
}

}  // namespace

const std::vector<std::string>* SourceContext::lines(const std::string& rel) {
  auto it = cache_.find(rel);
  if (it != cache_.end()) return it->second ? &*it->second : nullptr;
  std::optional<std::vector<std::string>> result;
  std::error_code ec;
  if (!root_.empty() && safe_relative(rel)) {
    const fs::path root = fs::weakly_canonical(root_, ec);
    const fs::path file = fs::weakly_canonical(fs::path(root_) / rel, ec);
    // Symlinks resolved: the file must still lie inside the workload.
    const auto inside = !ec && file.lexically_relative(root).native().rfind("..", 0) != 0;
    if (inside && fs::is_regular_file(file, ec) && fs::file_size(file, ec) <= kMaxBytes && !ec) {
      std::ifstream in(file, std::ios::binary);
      std::vector<std::string> v;
      for (std::string line; std::getline(in, line);) v.push_back(std::move(line));
      if (in.eof()) result = std::move(v);
    }
  }
  auto [pos, _] = cache_.emplace(rel, std::move(result));
  return pos->second ? &*pos->second : nullptr;
}

std::optional<std::pair<std::vector<ContextLine>, std::vector<ContextLine>>> SourceContext::around(const Evidence& e,
                                                                                                   int n) {
  if (e.line <= 0) return std::nullopt;
  const auto* file = lines(e.path);
  if (!file || e.line > static_cast<int>(file->size())) return std::nullopt;
  // The scan may have shortened or normalized the snippet; compare without blanks, by prefix.
  const std::string seen = squash((*file)[e.line - 1]), kept = squash(e.snippet);
  if (kept.empty() || seen.rfind(kept.substr(0, std::min<std::size_t>(kept.size(), 60)), 0) != 0) return std::nullopt;
  std::pair<std::vector<ContextLine>, std::vector<ContextLine>> out;
  for (int l = std::max(1, e.line - n); l < e.line; ++l) out.first.push_back({l, (*file)[l - 1]});
  for (int l = e.line + 1; l <= std::min<int>(static_cast<int>(file->size()), e.line + n); ++l)
    out.second.push_back({l, (*file)[l - 1]});
  return out;
}

}  // namespace lambdafit
