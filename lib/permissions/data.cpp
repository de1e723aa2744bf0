#include "permissions/data.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "core/yaml_fast.hpp"

namespace lambdafit::permissions {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> strings(const YAML::Node& n) {
  std::vector<std::string> out;
  if (n && n.IsSequence())
    for (const auto& i : n)
      if (i.IsScalar()) out.push_back(i.Scalar());
  return out;
}

std::string scalar(const YAML::Node& n, const char* key) {
  const auto v = n[key];
  return v && v.IsScalar() ? v.Scalar() : std::string();
}

struct Reader {
  std::vector<std::string>& errors;

  std::optional<YAML::Node> load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in.is_open()) {
      errors.push_back(fmt::format("{}:0:0: error: cannot read the permission data", path));
      return std::nullopt;
    }
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    try {
      return load_yaml(text);  // as every rule file is read (core/yaml_fast.hpp)
    } catch (const YAML::Exception& e) {
      errors.push_back(fmt::format("{}:{}:{}: error: {}", path, e.mark.line + 1, e.mark.column + 1, e.msg));
    }
    return std::nullopt;
  }

  void error(const std::string& path, const YAML::Node& at, std::string msg) {
    errors.push_back(fmt::format("{}:{}:{}: error: {}", path, at.Mark().line + 1, at.Mark().column + 1, msg));
  }
};

std::string camel(std::string_view op) {
  std::string s(op);
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

void read_actions(Data& d, const YAML::Node& root) {
  if (const auto a = root["as_of"]) {
    d.botocore_version = scalar(a, "botocore");
    d.as_of_date = scalar(a, "date");
  }
  for (const auto& kv : root["services"]) {
    ServiceData s;
    s.name = kv.first.Scalar();
    s.prefix = scalar(kv.second, "prefix");
    for (const auto& op : kv.second["operations"]) {
      const auto name = op.first.Scalar();
      s.operations.insert(name);
      if (op.second.IsScalar()) s.by_python[op.second.Scalar()] = name;
      s.by_camel[camel(name)] = name;
    }
    d.services[s.name] = std::move(s);
  }
}

void read_exceptions(Data& d, const YAML::Node& root, Reader& r, const std::string& path) {
  for (const auto& svc : root["operations"]) {
    auto it = d.services.find(svc.first.Scalar());
    if (it == d.services.end()) {
      r.error(path, svc.first, fmt::format("unknown service '{}'", svc.first.Scalar()));
      continue;
    }
    for (const auto& op : svc.second) {
      if (!it->second.operations.count(op.first.Scalar()))
        r.error(path, op.first, fmt::format("'{}' is not an operation of {}", op.first.Scalar(), it->first));
      it->second.exceptions[op.first.Scalar()] = strings(op.second["actions"]);
    }
  }
  for (const auto& svc : root["helpers"]) {
    auto it = d.services.find(svc.first.Scalar());
    if (it == d.services.end()) {
      r.error(path, svc.first, fmt::format("unknown service '{}'", svc.first.Scalar()));
      continue;
    }
    for (const auto& h : svc.second) it->second.helpers[h.first.Scalar()] = strings(h.second["operations"]);
  }
}

// The names that say a file may use the SDK at all (may_call_sdk): Python's factories and
// Java's package prefix.
void read_sdk_names(Data& d, const YAML::Node& root) {
  if (const auto py = root["python"]) {
    d.py_client_factories = strings(py["client_factories"]);
    d.py_resource_factories = strings(py["resource_factories"]);
    d.py_session_factories = strings(py["session_factories"]);
  }
  if (const auto java = root["java"]) d.java_package_prefix = scalar(java, "package_prefix");
}

void read_sdks(Data& d, const YAML::Node& root, Reader& r, const std::string& path) {
  for (const auto& svc : root["services"]) {
    auto it = d.services.find(svc.first.Scalar());
    if (it == d.services.end()) {
      r.error(path, svc.first, fmt::format("unknown service '{}'", svc.first.Scalar()));
      continue;
    }
    it->second.js_v3_module = scalar(svc.second, "js_v3");
    it->second.js_v2_class = scalar(svc.second, "js_v2");
    it->second.java_package = scalar(svc.second, "java");
    it->second.java_clients = strings(svc.second["java_clients"]);
    it->second.cpp_namespace = scalar(svc.second, "cpp_namespace");
    it->second.cpp_dir = scalar(svc.second, "cpp_dir");
  }
  read_sdk_names(d, root);
  if (const auto py = root["python"]) {
    for (const auto& svc : py["resources"])
      for (const auto& cls : svc.second) {
        PythonResourceClass c{svc.first.Scalar(), cls.first.Scalar(), {}};
        for (const auto& m : cls.second["methods"]) c.methods[m.first.Scalar()] = m.second.Scalar();
        d.py_resources.push_back(std::move(c));
      }
  }
  if (const auto js = root["javascript"]) {
    d.js_v2_modules = strings(js["v2_modules"]);
    d.js_v2_client_module_prefix = scalar(js, "v2_client_module_prefix");
    if (const auto dc = js["v2_document_client"]) {
      d.js_v2_doc_class = scalar(dc, "class");
      d.js_v2_doc_service = scalar(dc, "service");
      for (const auto& m : dc["methods"]) d.js_v2_doc_methods[m.first.Scalar()] = m.second.Scalar();
    }
    if (const auto dc = js["v3_document_client"]) {
      d.js_v3_doc_module = scalar(dc, "module");
      d.js_v3_doc_service = scalar(dc, "service");
      for (const auto& m : dc["commands"]) d.js_v3_doc_commands[m.first.Scalar()] = m.second.Scalar();
    }
    for (const auto& mod : js["v3_helpers"])
      for (const auto& cls : mod.second)
        d.js_v3_helpers[mod.first.Scalar() + "." + cls.first.Scalar()] = {cls.second.Scalar(), cls.first.Scalar()};
    for (const auto& svc : js["v2_helpers"]) {
      auto it = d.services.find(svc.first.Scalar());
      if (it == d.services.end()) {
        r.error(path, svc.first, fmt::format("unknown service '{}'", svc.first.Scalar()));
        continue;
      }
      for (const auto& m : svc.second) {
        if (!it->second.helpers.count(m.second.Scalar()))
          r.error(path, m.second, fmt::format("'{}' is not a helper of {} (exceptions.yaml)", m.second.Scalar(), it->first));
        d.js_v2_helpers[it->first][m.first.Scalar()] = m.second.Scalar();
      }
    }
  }
  for (const auto& svc : root["resources"]) {
    auto it = d.services.find(svc.first.Scalar());
    if (it == d.services.end()) {
      r.error(path, svc.first, fmt::format("unknown service '{}'", svc.first.Scalar()));
      continue;
    }
    auto& s = it->second;
    s.resource_param = scalar(svc.second, "param");
    s.last_segment = scalar(svc.second, "last_segment") == "true";
    s.arn = scalar(svc.second, "arn");
    s.object_arn = scalar(svc.second, "object_arn");
    s.ref_arn = scalar(svc.second, "ref_arn");
    s.ref_object_arn = scalar(svc.second, "ref_object_arn");
    for (const auto& a : strings(svc.second["bucket_actions"])) s.bucket_actions.insert(a);
  }
}

void read_grants(Data& d, const YAML::Node& root) {
  d.runtime_actions = strings(root["runtime_actions"]);
  for (const auto& e : root["event_sources"]) d.event_source_actions[e.first.Scalar()] = strings(e.second);
  for (const char* key : {"managed", "sam_templates"}) {
    auto& out = std::string_view(key) == "managed" ? d.managed : d.sam_templates;
    for (const auto& g : root[key]) {
      GrantSpec s;
      s.actions = strings(g.second["actions"]);
      s.resource_param = scalar(g.second, "resource_param");
      s.resource_service = scalar(g.second, "resource_service");
      out[g.first.Scalar()] = std::move(s);
    }
  }
}

}  // namespace

const ServiceData* Data::service(std::string_view name) const {
  auto it = services.find(name);
  return it == services.end() ? nullptr : &it->second;
}

const ServiceData* Data::service_by_prefix(std::string_view prefix) const {
  for (const auto& [_, s] : services)
    if (s.prefix == prefix) return &s;
  return nullptr;
}

std::vector<std::string> Data::actions_for(const ServiceData& s, std::string_view op) const {
  if (auto it = s.exceptions.find(op); it != s.exceptions.end()) return it->second;
  return {s.prefix + ":" + std::string(op)};
}

std::set<std::string> Data::known_actions(std::string_view prefix) const {
  std::set<std::string> out;
  for (const auto& [_, s] : services) {
    if (s.prefix != prefix) continue;
    for (const auto& op : s.operations)
      for (auto& a : actions_for(s, op)) out.insert(std::move(a));
  }
  return out;
}

bool wildcard_match(std::string_view p, std::string_view a) {
  std::size_t pi = 0, ai = 0, star = std::string_view::npos, mark = 0;
  while (ai < a.size()) {
    if (pi < p.size() && (p[pi] == '?' || p[pi] == a[ai])) {
      ++pi;
      ++ai;
    } else if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = ai;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      ai = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

// Actions match case-insensitively, as IAM compares them.
bool action_matches(std::string_view pattern, std::string_view action) {
  return wildcard_match(lower(pattern), lower(action));
}

Data load_data_date(const std::string& rules_dir, std::vector<std::string>& errors) {
  std::ifstream in(rules_dir + "/permissions/actions.yaml");
  std::string head;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("services:", 0) == 0) {
      try {
        Data d;
        read_actions(d, load_yaml(head));
        if (!d.botocore_version.empty()) return d;
      } catch (const YAML::Exception&) {  // not laid out as generated: read it all, with errors
      }
      break;
    }
    head += line + '\n';
  }
  return load_data(rules_dir, errors);
}

Data load_sdk_names(const std::string& rules_dir) {
  Data d;
  std::vector<std::string> errors;  // load_data reports them, if it comes to that
  Reader r{errors};
  if (auto n = r.load(rules_dir + "/permissions/sdks.yaml")) read_sdk_names(d, *n);
  return d;
}

Data load_data(const std::string& rules_dir, std::vector<std::string>& errors) {
  Data d;
  Reader r{errors};
  const std::string dir = rules_dir + "/permissions/";
  if (auto n = r.load(dir + "actions.yaml")) read_actions(d, *n);
  if (auto n = r.load(dir + "exceptions.yaml")) read_exceptions(d, *n, r, dir + "exceptions.yaml");
  if (auto n = r.load(dir + "sdks.yaml")) read_sdks(d, *n, r, dir + "sdks.yaml");
  if (auto n = r.load(dir + "grants.yaml")) read_grants(d, *n);
  return d;
}

}  // namespace lambdafit::permissions
