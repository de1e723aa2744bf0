#include "rulepack/declarations.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/quantity.hpp"
#include "core/spelling.hpp"
#include "scanning/text/file_type.hpp"

namespace lambdafit {

namespace {

const std::vector<std::string> kLimitKeys{"id", "title", "description", "type", "unit", "if_absent", "items"};
const std::vector<std::string> kRuntimeKeys{"id", "title", "file_types"};

}  // namespace

using load::get_id;
using load::items;

// `runtimes:` names each runtime platforms list and the file types whose code runs on it;
// the languages analyzer measures the workload by these.
void Declarations::load_runtimes(const YamlFile& f) {
  for (const auto& n : items(f, "runtimes", diags_)) {
    if (!check_keys(f, n, kRuntimeKeys, diags_, "a runtime")) continue;
    auto id = get_id(f, n, diags_);
    if (!id || !runtime_ids_.add(f, n["id"], *id, diags_)) continue;
    auto types = get_string_list(f, n, "file_types", diags_, true);
    if (!types) continue;
    auto& list = data_.runtimes[*id];
    for (std::size_t i = 0; i < types->size(); ++i) {
      const auto& t = (*types)[i];
      const auto node = n["file_types"].IsSequence() ? n["file_types"][i] : n["file_types"];
      if (file_type_named(t).name.empty()) {
        f.error(diags_, node, fmt::format("unknown file type '{}'{}", t, did_you_mean(t, file_type_names())));
        continue;
      }
      auto [it, fresh] = data_.runtime_of_type.emplace(t, *id);
      if (!fresh) {
        f.error(diags_, node, fmt::format("file type '{}' already runs on '{}'", t, it->second));
        continue;
      }
      list.push_back(t);
    }
  }
}

// `platform_limits:` declares each limit name a platform may set: its type, its unit, and
// what a platform that does not set it means (`unlimited`, `unknown`, or a default value).
void Declarations::load_limits(const YamlFile& f) {
  for (const auto& n : items(f, "platform_limits", diags_)) {
    if (!check_keys(f, n, kLimitKeys, diags_, "a platform limit")) continue;
    auto id = get_id(f, n, diags_);
    if (!id || !limit_ids_.add(f, n["id"], *id, diags_)) continue;
    LimitInfo info;
    info.type = get_scalar(f, n, "type", diags_, true).value_or("");
    static const std::vector<std::string> kTypes{"bool", "number", "string", "list"};
    if (std::find(kTypes.begin(), kTypes.end(), info.type) == kTypes.end()) {
      if (!info.type.empty())
        f.error(diags_, n["type"],
                fmt::format("unknown limit type '{}'{}", info.type, did_you_mean(info.type, kTypes)));
      continue;
    }
    if (auto unit = get_scalar(f, n, "unit", diags_)) {
      auto dim = dimension_from_unit(*unit);
      if (!dim || info.type != "number") {
        f.error(diags_, n["unit"],
                fmt::format("unit '{}' is not allowed here; number limits take 's' or 'MB'", *unit));
        continue;
      }
      info.dimension = *dim;
    }
    if (auto items = get_scalar(f, n, "items", diags_)) {
      if (*items != "runtime" || info.type != "list") {
        f.error(diags_, n["items"], "'items' is 'runtime', for a list limit of declared runtime ids");
        continue;
      }
      limit_items_[*id] = *items;
    }
    const auto absent = get_scalar(f, n, "if_absent", diags_, true);
    if (!absent) continue;
    if (*absent == "unknown") {
      info.absent = LimitAbsence::unknown;
    } else if (*absent == "unlimited") {
      if (info.type != "number" && info.type != "list") {
        f.error(diags_, n["if_absent"],
                fmt::format("'unlimited' fits number and list limits; a {} limit takes 'unknown' "
                            "or a default value",
                            info.type));
        continue;
      }
      info.absent = LimitAbsence::unlimited;
    } else {
      LimitInfo as_default = info;
      auto v = typed_value(f, n["if_absent"], as_default, *id);
      if (!v) continue;
      info.absent = LimitAbsence::fallback;
      info.fallback = std::move(*v);
    }
    // The words reports use for the limit; a limit without a title reads as its id.
    std::string title = get_scalar(f, n, "title", diags_).value_or(*id);
    if (title == *id) std::replace(title.begin(), title.end(), '_', ' ');
    data_.limit_titles.emplace_back(*id, std::move(title));
    limit_types_[*id] = std::move(info);
  }
}

// A limit value of the declared type; errors name the key.
std::optional<Value> Declarations::typed_value(const YamlFile& f, const YAML::Node& v,
                                             const LimitInfo& info, const std::string& name) {
  if (info.type == "list") {
    if (!v.IsSequence()) {
      f.error(diags_, v, fmt::format("limit '{}' is a list, e.g. [nodejs, python]", name));
      return std::nullopt;
    }
    StringList l;
    const bool runtimes = limit_items_.count(name) > 0;
    for (const auto& i : v) {
      if (runtimes && !data_.runtimes.count(i.Scalar())) {
        std::vector<std::string> ids;
        for (const auto& [id, types] : data_.runtimes) ids.push_back(id);
        f.error(diags_, i, fmt::format("unknown runtime '{}'{}", i.Scalar(), did_you_mean(i.Scalar(), ids)));
        return std::nullopt;
      }
      l.push_back(i.Scalar());
    }
    return Value{l};
  }
  if (!v.IsScalar()) {
    f.error(diags_, v, fmt::format("limit '{}' takes a single value", name));
    return std::nullopt;
  }
  const auto& s = v.Scalar();
  if (info.type == "bool") {
    if (auto b = parse_bool(s)) return Value{*b};
    f.error(diags_, v, fmt::format("limit '{}' is yes or no, not '{}'", name, s));
    return std::nullopt;
  }
  if (info.type == "number") {
    std::string why;
    if (auto q = parse_quantity(s, info.dimension, &why)) return Value{*q};
    f.error(diags_, v, fmt::format("bad value for limit '{}': {}", name, why));
    return std::nullopt;
  }
  return Value{s};
}

std::optional<Value> Declarations::platform_limit(const YamlFile& f, const YAML::Node& key,
                                                const YAML::Node& v, const std::string& name) {
  const auto it = limit_types_.find(name);
  if (it == limit_types_.end()) {
    f.error(diags_, key,
            fmt::format("unknown platform limit '{}'{}", name,
                        suggest_or_declare(name, limit_ids_.ids())));
    return std::nullopt;
  }
  return typed_value(f, v, it->second, name);
}

}  // namespace lambdafit
