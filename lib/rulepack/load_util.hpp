// Helpers shared by the rule-pack loader's parts (loader.cpp, declarations.cpp).
#pragma once

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/yaml_file.hpp"

namespace lambdafit::load {

// Remembers where each id was first defined, to report duplicates with both places.
class IdTable {
 public:
  explicit IdTable(const char* what) : what_(what) {}
  bool add(const YamlFile& f, const YAML::Node& node, const std::string& id, Diagnostics& d) {
    auto [it, inserted] = seen_.emplace(id, f.where(node));
    if (inserted) return true;
    const auto& first = it->second;
    f.error(d, node,
            fmt::format("duplicate {} id '{}' (first defined at {}:{}:{})", what_, id, first.file,
                        first.line, first.column));
    return false;
  }
  std::vector<std::string> ids() const {
    std::vector<std::string> out;
    for (const auto& [id, loc] : seen_) out.push_back(id);
    return out;
  }

 private:
  const char* what_;
  std::map<std::string, SourceLocation> seen_;
};

inline bool valid_id(const std::string& id) {
  if (id.empty()) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

inline std::optional<std::string> get_id(const YamlFile& f, const YAML::Node& n, Diagnostics& d) {
  auto id = get_scalar(f, n, "id", d, /*required=*/true);
  if (!id) return std::nullopt;
  if (!valid_id(*id)) {
    f.error(d, n["id"], fmt::format("id '{}' may only use letters, digits, '-', '_' and '.'", *id));
    return std::nullopt;
  }
  return id;
}

// A sequence under a top-level key; reports anything else.
inline std::vector<YAML::Node> items(const YamlFile& f, const char* key, Diagnostics& d) {
  std::vector<YAML::Node> out;
  const auto n = f.root()[key];
  if (!n) return out;
  if (!n.IsSequence()) {
    f.error(d, n, fmt::format("'{}' must be a list", key));
    return out;
  }
  for (const auto& item : n) {
    if (!item.IsMap()) {
      f.error(d, item, fmt::format("each item of '{}' must be a mapping", key));
      continue;
    }
    out.push_back(item);
  }
  return out;
}


}  // namespace lambdafit::load
