#include "lint/includers.hpp"

#include <deque>
#include <filesystem>
#include <set>

#include <re2/re2.h>

#include "scanning/clang/translation_units.hpp"

namespace lambdafit::lint {

namespace fs = std::filesystem;

namespace {

std::string extension(std::string_view path) {
  const auto name = fs::path(std::string(path)).filename().string();
  const auto dot = name.rfind('.');
  return dot == std::string::npos ? std::string() : name.substr(dot + 1);
}

// Whether the include spelled `name` can be the file at `path` (same file, or a path suffix
// at a directory boundary: "net/server.h" names "src/net/server.h").
bool names(std::string_view name, std::string_view path) {
  if (name == path) return true;
  return path.size() > name.size() && path.ends_with(name) && path[path.size() - name.size() - 1] == '/';
}

}  // namespace

bool is_header(std::string_view path) {
  static const std::set<std::string> kHeaders{"h", "hh", "hpp", "hxx", "h++", "cuh", "inl", "ipp", "tcc", "H"};
  return kHeaders.count(extension(path)) > 0;
}

std::map<std::string, std::string> including_units(const std::vector<WorkloadFile>& files,
                                                   const std::vector<std::string>& headers) {
  static const re2::RE2 kInclude(R"((?m)^[ \t]*#[ \t]*(?:include|import)[ \t]*[<"]([^">\n]+)[">])");
  // Reverse include edges among the tree's C-family files: header -> files including it.
  std::map<std::string, std::set<std::string>> included_by;
  std::map<std::string, std::vector<std::string>> by_basename;
  for (const auto& f : files)
    if (is_header(f.path) || cpp::is_translation_unit(f.path))
      by_basename[fs::path(f.path).filename().string()].push_back(f.path);
  for (const auto& f : files) {
    if (!is_header(f.path) && !cpp::is_translation_unit(f.path)) continue;
    if (f.size > (4u << 20)) continue;
    auto text = read_file(f.absolute);
    if (!text) continue;
    re2::StringPiece rest(*text);
    std::string name;
    while (re2::RE2::FindAndConsume(&rest, kInclude, &name)) {
      auto it = by_basename.find(fs::path(name).filename().string());
      if (it == by_basename.end()) continue;
      for (const auto& cand : it->second)
        if (names(name, cand) || names(fs::path(name).lexically_normal().generic_string(), cand))
          included_by[cand].insert(f.path);
    }
  }
  std::map<std::string, std::string> out;
  for (const auto& h : headers) {
    // Breadth first up the include graph; sets keep name order within a level.
    std::set<std::string> seen{h};
    std::deque<std::string> queue{h};
    while (!queue.empty()) {
      const auto cur = queue.front();
      queue.pop_front();
      if (cur != h && cpp::is_translation_unit(cur)) {
        out[h] = cur;
        break;
      }
      for (const auto& parent : included_by[cur])
        if (seen.insert(parent).second) queue.push_back(parent);
    }
  }
  return out;
}

}  // namespace lambdafit::lint
