// AWS SDK for Java v2 calls: variables, fields and parameters whose declared type is a
// service client (S3Client imported from software.amazon.awssdk.services.s3), or that are made
// by `S3Client.builder()…build()` / `S3Client.create()`; their methods are operations
// (putObject -> PutObject, listObjectsV2Paginator -> ListObjectsV2). The resource comes from
// the request builder's field (`.bucket("name")`).
#include <map>
#include <optional>

#include <fmt/format.h>

#include "permissions/sdk_calls.hpp"
#include "permissions/ts_util.hpp"
#include "scanning/treesitter/parse.hpp"

namespace lambdafit::permissions {
namespace {

using namespace tsu;

class JavaReader {
 public:
  JavaReader(const Data& d, std::string_view path, std::string_view src) : d_(d), path_(path), src_(src) {}

  FileCalls run(TSNode root) {
    imports_ = ts::read_imports(ts::Grammar::java, root, src_);
    for (const auto& [_, mod] : imports_.names) out_.imports.push_back(mod);
    walk(root, [&](TSNode n) {
      if (is(n, "local_variable_declaration") || is(n, "field_declaration")) {
        const std::string type_service = service_of_type(field(n, "type"));
        for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
          TSNode d = ts_node_named_child(n, i);
          if (!is(d, "variable_declarator")) continue;
          std::string svc = type_service.empty() ? service_of_expr(field(d, "value")) : type_service;
          if (!svc.empty()) clients_[text(field(d, "name"), src_)] = svc;
          std::string v;
          if (literal(field(d, "value"), src_, v)) constants_[text(field(d, "name"), src_)] = {v, false};
          else if (auto env = env_of(field(d, "value")); !env.empty())
            constants_[text(field(d, "name"), src_)] = {env, true};
        }
      } else if (is(n, "formal_parameter")) {
        if (auto svc = service_of_type(field(n, "type")); !svc.empty()) clients_[text(field(n, "name"), src_)] = svc;
      } else if (is(n, "assignment_expression")) {
        if (auto svc = service_of_expr(field(n, "right")); !svc.empty()) clients_[strip_this(field(n, "left"))] = svc;
      }
    });
    walk(root, [&](TSNode n) {
      if (is(n, "method_invocation")) read_call(n);
    });
    return std::move(out_);
  }

 private:
  const Data& d_;
  std::string path_;
  std::string_view src_;
  ts::ImportTable imports_;
  std::map<std::string, std::string> clients_;                    ///< variable -> service
  std::map<std::string, std::pair<std::string, bool>> constants_;  ///< name -> (value, is env)
  FileCalls out_;

  std::string strip_this(TSNode n) const {
    std::string t = text(n, src_);
    return t.rfind("this.", 0) == 0 ? t.substr(5) : t;
  }

  /// The service whose client interface a type names (through imports), or empty.
  std::string service_of_type(TSNode type) const {
    if (is(type, "generic_type")) type = ts_node_named_child(type, 0);
    if (ts_node_is_null(type)) return {};
    for (const auto& c : ts::canonical_names(ts::Grammar::java, imports_, text(type, src_)))
      for (const auto& [name, s] : d_.services)
        for (const auto& cls : s.java_clients)
          if (c == d_.java_package_prefix + "." + s.java_package + "." + cls) return name;
    return {};
  }

  /// The service of a client a chain like S3Client.builder().region(r).build() makes.
  std::string service_of_expr(TSNode n) const {
    while (is(n, "method_invocation")) {
      TSNode obj = field(n, "object");
      if (ts_node_is_null(obj)) return {};
      if (is(obj, "identifier") || is(obj, "scoped_identifier") || is(obj, "field_access")) {
        const std::string m = text(field(n, "name"), src_);
        if (auto it = clients_.find(strip_this(obj)); it != clients_.end()) return {};
        if (m == "builder" || m == "create") return service_of_type(obj);
        return {};
      }
      n = obj;
    }
    if (is(n, "identifier") || is(n, "field_access"))
      if (auto it = clients_.find(strip_this(n)); it != clients_.end()) return it->second;
    return {};
  }

  std::string env_of(TSNode n) const {
    if (!is(n, "method_invocation")) return {};
    const std::string callee = text(field(n, "object"), src_) + "." + text(field(n, "name"), src_);
    std::string v;
    if (callee == "System.getenv" && literal(ts_node_named_child(field(n, "arguments"), 0), src_, v)) return v;
    return {};
  }

  /// A request builder's `.bucket(…)` / `.tableName(…)` in the call's arguments.
  void resource_of(TSNode args, const ServiceData& s, SdkCall& c) const {
    if (s.resource_param.empty()) return;
    std::string setter = s.resource_param;
    setter[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(setter[0])));
    walk(args, [&](TSNode n) {
      if (!is(n, "method_invocation") || text(field(n, "name"), src_) != setter) return;
      TSNode a = ts_node_named_child(field(n, "arguments"), 0);
      std::string v;
      if (literal(a, src_, v)) c.resource_literal = v;
      else if (auto env = env_of(a); !env.empty()) c.resource_env = env;
      else if (auto it = constants_.find(text(a, src_)); it != constants_.end())
        (it->second.second ? c.resource_env : c.resource_literal) = it->second.first;
    });
  }

  void read_call(TSNode n) {
    TSNode obj = field(n, "object");
    if (ts_node_is_null(obj)) return;
    std::string svc;
    if (is(obj, "identifier") || is(obj, "field_access")) {
      if (auto it = clients_.find(strip_this(obj)); it != clients_.end()) svc = it->second;
    } else if (is(obj, "method_invocation")) {
      svc = service_of_expr(obj);
    }
    if (svc.empty()) return;
    const auto* s = d_.service(svc);
    std::string method = text(field(n, "name"), src_);
    if (method.size() > 9 && method.compare(method.size() - 9, 9, "Paginator") == 0)
      method.resize(method.size() - 9);
    auto it = s->by_camel.find(method);
    if (it == s->by_camel.end()) {
      if (method != "close" && method != "serviceName" && method != "utilities" && method != "waiter")
        out_.notes.push_back({path_, line_of(n), column_of(n),
                              fmt::format("'{}' is not an operation of the {} client", method, svc)});
      return;
    }
    SdkCall c{path_, line_of(n), column_of(n), svc, it->second, false, "java-v2", {}, {}};
    resource_of(field(n, "arguments"), *s, c);
    out_.calls.push_back(std::move(c));
  }
};

}  // namespace

FileCalls read_java_calls(const Data& data, std::string_view path, std::string_view source) {
  auto parsed = ts::parse_source(ts::Grammar::java, source);
  if (!parsed.tree) {
    FileCalls out;
    out.notes.push_back({std::string(path), 1, 1, parsed.problem});
    return out;
  }
  const TSNode root = ts_tree_root_node(parsed.tree.get());
  if (!may_call_sdk(data, ts::Grammar::java, source)) {
    FileCalls out;  // no SDK type is named here; reachability still follows the imports
    for (const auto& [_, mod] : ts::read_imports(ts::Grammar::java, root, source).names) out.imports.push_back(mod);
    return out;
  }
  JavaReader r(data, path, source);
  return r.run(root);
}

bool may_call_sdk(const Data& data, ts::Grammar g, std::string_view source) {
  switch (g) {
    case ts::Grammar::python: {
      std::vector<std::string> modules;  // "boto3" of "boto3.session.Session.client"
      for (const auto* l : {&data.py_client_factories, &data.py_resource_factories, &data.py_session_factories})
        for (const auto& f : *l) modules.push_back(f.substr(0, f.find('.')));
      return tsu::spells_any(source, modules);
    }
    case ts::Grammar::java: return tsu::spells_any(source, {data.java_package_prefix});
    default: return true;
  }
}

FileCalls read_sdk_calls(const Data& data, ts::Grammar g, std::string_view path, std::string_view source,
                         const ImportedClients* imported) {
  switch (g) {
    case ts::Grammar::python: return read_python_calls(data, path, source, imported);
    case ts::Grammar::javascript:
    case ts::Grammar::typescript:
    case ts::Grammar::tsx: return read_js_calls(data, g, path, source, imported);
    case ts::Grammar::java: return read_java_calls(data, path, source);
    default: return {};
  }
}

}  // namespace lambdafit::permissions
