// What the pack declares for the C++ code to rely on, loaded before the rest: runtimes
// (`runtimes:`) and platform limit names (`platform_limits:`), against which platform files
// and conditions are checked.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/diagnostics.hpp"
#include "criteria/condition.hpp"
#include "rulepack/load_util.hpp"
#include "rulepack/model.hpp"

namespace lambdafit {

class Declarations {
 public:
  Declarations(detail::RulePackData& data, Diagnostics& diags) : data_(data), diags_(diags) {}

  void load_runtimes(const YamlFile& f);
  void load_limits(const YamlFile& f);
  /// A platform's value for limit `name` (the key node `key`), checked against its declaration.
  std::optional<Value> platform_limit(const YamlFile& f, const YAML::Node& key, const YAML::Node& v,
                                      const std::string& name);
  const std::map<std::string, LimitInfo>& limits() const { return limit_types_; }

 private:
  std::optional<Value> typed_value(const YamlFile& f, const YAML::Node& v, const LimitInfo& info,
                                   const std::string& name);

  detail::RulePackData& data_;
  Diagnostics& diags_;
  std::map<std::string, LimitInfo> limit_types_;
  std::map<std::string, std::string> limit_items_;  // list limit -> what its items are
  load::IdTable limit_ids_{"platform limit"}, runtime_ids_{"runtime"};
};

}  // namespace lambdafit
