// boto3 calls in Python: clients and resources made by boto3 factories (through import
// aliases and sessions), resource sub-objects (Table, Bucket, Object), paginators, the S3
// transfer helpers, clients handed to functions of the same file, and functions that return
// a client (`get_s3().put_object`). Across modules: the clients a module makes at its top level,
// and its functions returning one (as "name()"), are its exports, and the clients it passes to
// functions it imports are recorded; policy.cpp reads the importing module (or the one
// defining the function) again with them bound.
#include <algorithm>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "permissions/sdk_calls.hpp"
#include "permissions/ts_util.hpp"
#include "scanning/treesitter/parse.hpp"

namespace lambdafit::permissions {
namespace {

using namespace tsu;

struct Binding {
  enum class Kind { client, resource, resobj, paginator, session, literal, env } kind;
  std::string service, cls, value;  ///< value: literal text, env name, or an op (paginator)
  std::string res_literal, res_env;  ///< resobj: the name it was made with
};

class PythonReader {
 public:
  PythonReader(const Data& d, std::string_view path, std::string_view src, const ImportedClients* imported)
      : d_(d), path_(path), src_(src) {
    if (imported)
      for (const auto& [name, c] : *imported) {
        const auto kind = c.kind == "resource" ? Binding::Kind::resource
                          : c.kind == "resobj" ? Binding::Kind::resobj
                          : c.kind == "session" ? Binding::Kind::session
                                                : Binding::Kind::client;
        const Binding b{kind, c.service, c.cls, {}, c.res_literal, c.res_env};
        if (auto param = parse_parameter_key(name))
          passed_in_.push_back({std::move(param->first), param->second, b});
        else
          bind_[{0u, name}] = b;
      }
  }

  FileCalls run(TSNode root) {
    imports_ = ts::read_imports(ts::Grammar::python, root, src_);
    for (const auto& [local, mod] : imports_.names) {
      out_.imports.push_back(mod);
      out_.import_names.emplace_back(local, mod);
    }
    walk(root, [&](TSNode n) {
      if (is(n, "function_definition")) defs_[text(field(n, "name"), src_)] = n;
    });
    for (const auto& p : passed_in_)
      if (auto def = defs_.find(p.function); def != defs_.end()) {
        const auto params = parameters(def->second);
        if (p.index < params.size()) bind_[{ts_node_start_byte(def->second) + 1, text(params[p.index], src_)}] = p.client;
      }
    // Bindings flow through assignments and calls in any order; two rounds reach the fixed
    // point for the chains real code has (session -> client -> paginator, then a call).
    for (int round = 0; round < 3; ++round) {
      walk(root, [&](TSNode n) {
        if (is(n, "assignment")) bind_assignment(n);
        else if (is(n, "call")) bind_arguments(n);
        else if (is(n, "return_statement")) bind_return(n);
      });
    }
    walk(root, [&](TSNode n) {
      if (is(n, "call")) {
        read_call(n);
        read_passed(n);
      }
    });
    for (const auto& [key, b] : bind_) {  // what the module makes at its top level
      const auto& [scope, name] = key;
      if (scope != 0 || name.find('.') != std::string::npos) continue;
      if (auto e = exported(b)) out_.exports[name] = *e;
    }
    return std::move(out_);
  }

 private:
  const Data& d_;
  std::string path_;
  std::string_view src_;
  ts::ImportTable imports_;
  std::map<std::string, TSNode> defs_;
  std::map<std::pair<uint32_t, std::string>, Binding> bind_;
  struct PassedIn {
    std::string function;
    unsigned index;
    Binding client;
  };
  std::vector<PassedIn> passed_in_;  ///< clients other modules pass to this one's functions
  FileCalls out_;

  static std::optional<ExportedClient> exported(const Binding& b) {
    const char* kind = b.kind == Binding::Kind::client     ? "client"
                       : b.kind == Binding::Kind::resource ? "resource"
                       : b.kind == Binding::Kind::resobj   ? "resobj"
                       : b.kind == Binding::Kind::session  ? "session"
                                                           : nullptr;
    if (!kind) return std::nullopt;
    return ExportedClient{b.service, false, kind, b.cls, b.res_literal, b.res_env};
  }

  /// The parameter names of a function definition, in order (typed and default ones too).
  std::vector<TSNode> parameters(TSNode def) const {
    std::vector<TSNode> params;
    TSNode ps = field(def, "parameters");
    for (uint32_t i = 0; i < ts_node_named_child_count(ps); ++i) {
      TSNode p = ts_node_named_child(ps, i);
      if (is(p, "typed_parameter") || is(p, "default_parameter") || is(p, "typed_default_parameter"))
        p = is(p, "typed_parameter") ? ts_node_named_child(p, 0) : field(p, "name");
      if (is(p, "identifier")) params.push_back(p);
    }
    return params;
  }

  /// `save(s3, key)` where `save` is imported, `helpers.save(s3)` where `helpers` is: each
  /// argument holding a client, for policy.cpp to bind in the module defining the function.
  void read_passed(TSNode call) {
    TSNode fn = field(call, "function");
    if (!is(fn, "identifier") && !is(fn, "attribute")) return;
    const std::string callee = text(fn, src_);
    const std::string head = callee.substr(0, callee.find('.'));
    if (!imports_.names.count(head) || defs_.count(callee) || std::count(callee.begin(), callee.end(), '.') > 1) return;
    TSNode args = field(call, "arguments");
    unsigned pos = 0;
    for (uint32_t k = 0; !ts_node_is_null(args) && k < ts_node_named_child_count(args); ++k) {
      TSNode a = ts_node_named_child(args, k);
      if (is(a, "keyword_argument") || is(a, "list_splat") || is(a, "dictionary_splat")) break;
      if (is(a, "comment")) continue;
      if (auto b = eval(a))
        if (auto e = exported(*b)) out_.passed.push_back({callee, pos, *e});
      ++pos;
    }
  }
  mutable int depth_ = 0;

  uint32_t scope_of(TSNode n) const {
    for (TSNode p = ts_node_parent(n); !ts_node_is_null(p); p = ts_node_parent(p))
      if (is(p, "function_definition")) return ts_node_start_byte(p) + 1;
    return 0;
  }

  bool canonical_in(TSNode fn, const std::vector<std::string>& names) const {
    for (const auto& c : ts::canonical_names(ts::Grammar::python, imports_, text(fn, src_)))
      if (std::find(names.begin(), names.end(), c) != names.end()) return true;
    return false;
  }

  /// Positional argument i or keyword `kw` of a call's argument list.
  TSNode argument(TSNode args, unsigned i, std::string_view kw) const {
    unsigned pos = 0;
    for (uint32_t k = 0; k < ts_node_named_child_count(args); ++k) {
      TSNode a = ts_node_named_child(args, k);
      if (is(a, "keyword_argument")) {
        if (!kw.empty() && text(field(a, "name"), src_) == kw) return field(a, "value");
      } else if (!is(a, "comment") && pos++ == i) {
        return a;
      }
    }
    return TSNode{};
  }

  std::string literal_arg(TSNode args, unsigned i, std::string_view kw) const {
    std::string v;
    TSNode a = argument(args, i, kw);
    if (ts_node_is_null(a)) return {};
    if (literal(a, src_, v)) return v;
    if (auto b = eval(a); b && b->kind == Binding::Kind::literal) return b->value;
    return {};
  }

  const Binding* lookup(uint32_t scope, const std::string& name) const {
    if (auto it = bind_.find({scope, name}); it != bind_.end()) return &it->second;
    if (auto it = bind_.find({0u, name}); it != bind_.end()) return &it->second;
    return nullptr;
  }

  std::optional<Binding> eval(TSNode n) const {
    // Call chains recurse through their receivers; a hostile chain must not exhaust the stack.
    if (depth_ > 64) return std::nullopt;
    struct Guard {
      int& d;
      explicit Guard(int& x) : d(++x) {}
      ~Guard() { --d; }
    } guard(depth_);
    while (is(n, "parenthesized_expression") || is(n, "await")) n = ts_node_named_child(n, 0);
    if (ts_node_is_null(n)) return std::nullopt;
    std::string v;
    if (literal(n, src_, v)) return Binding{Binding::Kind::literal, {}, {}, v, {}, {}};
    if (is(n, "identifier") || is(n, "attribute")) {
      const std::string t = text(n, src_);
      if (const Binding* b = lookup(scope_of(n), t)) return *b;
      if (is(n, "attribute") && text(field(n, "attribute"), src_) == "client") {
        // resource.meta.client is the resource's own client
        TSNode meta = field(n, "object");
        if (is(meta, "attribute") && text(field(meta, "attribute"), src_) == "meta")
          if (auto b = eval(field(meta, "object"));
              b && (b->kind == Binding::Kind::resource || b->kind == Binding::Kind::resobj))
            return Binding{Binding::Kind::client, b->service, {}, {}, {}, {}};
      }
      return std::nullopt;
    }
    if (is(n, "subscript")) {  // os.environ["NAME"]
      for (const auto& c : ts::canonical_names(ts::Grammar::python, imports_, text(field(n, "value"), src_)))
        if (c == "os.environ" && literal(field(n, "subscript"), src_, v))
          return Binding{Binding::Kind::env, {}, {}, v, {}, {}};
      return std::nullopt;
    }
    if (!is(n, "call")) return std::nullopt;
    TSNode fn = field(n, "function"), args = field(n, "arguments");
    for (const auto& c : ts::canonical_names(ts::Grammar::python, imports_, text(fn, src_)))
      if (c == "os.environ.get" || c == "os.getenv") {
        if (literal(argument(args, 0, "key"), src_, v)) return Binding{Binding::Kind::env, {}, {}, v, {}, {}};
        return std::nullopt;
      }
    if (canonical_in(fn, d_.py_client_factories))
      return Binding{Binding::Kind::client, literal_arg(args, 0, "service_name"), {}, {}, {}, {}};
    if (canonical_in(fn, d_.py_resource_factories))
      return Binding{Binding::Kind::resource, literal_arg(args, 0, "service_name"), {}, {}, {}, {}};
    if (canonical_in(fn, d_.py_session_factories)) return Binding{Binding::Kind::session, {}, {}, {}, {}, {}};
    if (is(fn, "identifier") || is(fn, "attribute")) {  // a function returning a client (bind_return)
      std::string callee = text(fn, src_);
      if (callee.rfind("self.", 0) == 0) callee.erase(0, 5);
      if (const Binding* b = lookup(0u, call_key(callee))) return *b;
    }
    if (!is(fn, "attribute")) return std::nullopt;
    const std::string method = text(field(fn, "attribute"), src_);
    auto ob = eval(field(fn, "object"));
    if (!ob) return std::nullopt;
    if (ob->kind == Binding::Kind::session && (method == "client" || method == "resource"))
      return Binding{method == "client" ? Binding::Kind::client : Binding::Kind::resource,
                     literal_arg(args, 0, "service_name"), {}, {}, {}, {}};
    if (ob->kind == Binding::Kind::resource) {
      for (const auto& r : d_.py_resources)
        if (r.service == ob->service && r.cls == method) {
          Binding b{Binding::Kind::resobj, ob->service, method, {}, {}, {}};
          if (auto name = eval(argument(args, 0, "name"))) {
            if (name->kind == Binding::Kind::literal) b.res_literal = name->value;
            if (name->kind == Binding::Kind::env) b.res_env = name->value;
          }
          return b;
        }
    }
    if (ob->kind == Binding::Kind::client && method == "get_paginator") {
      const auto* s = d_.service(ob->service);
      const std::string op = literal_arg(args, 0, "operation_name");
      if (s)
        if (auto it = s->by_python.find(op); it != s->by_python.end())
          return Binding{Binding::Kind::paginator, ob->service, {}, it->second, {}, {}};
    }
    return std::nullopt;
  }

  void bind_name(TSNode target, uint32_t scope, const Binding& b) {
    const std::string name = text(target, src_);
    if (name.rfind("self.", 0) == 0) scope = 0;  // attributes live as long as the object
    bind_[{scope, name}] = b;
  }

  void bind_assignment(TSNode n) {
    TSNode left = field(n, "left"), right = field(n, "right");
    if (!(is(left, "identifier") || is(left, "attribute")) || ts_node_is_null(right)) return;
    if (auto b = eval(right)) bind_name(left, scope_of(n), *b);
  }

  /// `return boto3.client("s3")`, or a name holding a client: a call of the function gives the
  /// client. Kept as "name()" at the top level, so `name()` and `self.name()` here, and the
  /// function imported into other modules, are the client.
  void bind_return(TSNode ret) {
    TSNode def = ts_node_parent(ret);
    while (!ts_node_is_null(def) && !is(def, "function_definition")) def = ts_node_parent(def);
    if (ts_node_is_null(def) || ts_node_named_child_count(ret) == 0) return;
    if (auto b = eval(ts_node_named_child(ret, 0)); b && exported(*b))
      bind_[{0u, call_key(text(field(def, "name"), src_))}] = *b;
  }

  /// A client passed to a function of this file binds the function's parameter.
  void bind_arguments(TSNode call) {
    TSNode fn = field(call, "function");
    std::string name = text(fn, src_);
    unsigned skip = 0;
    if (name.rfind("self.", 0) == 0) {
      name = name.substr(5);
      skip = 1;
    }
    auto def = defs_.find(name);
    if (def == defs_.end()) return;
    const std::vector<TSNode> params = parameters(def->second);
    TSNode args = field(call, "arguments");
    const uint32_t scope = ts_node_start_byte(def->second) + 1;
    unsigned pos = skip;
    for (uint32_t k = 0; k < ts_node_named_child_count(args); ++k) {
      TSNode a = ts_node_named_child(args, k);
      if (is(a, "keyword_argument")) {
        if (auto b = eval(field(a, "value"))) bind_[{scope, text(field(a, "name"), src_)}] = *b;
        continue;
      }
      if (pos < params.size())
        if (auto b = eval(a)) bind_[{scope, text(params[pos], src_)}] = *b;
      ++pos;
    }
  }

  void add_call(TSNode at, const std::string& service, const std::string& op, bool helper,
                TSNode args, const Binding* owner) {
    SdkCall c;
    c.file = path_;
    c.line = line_of(at);
    c.column = column_of(at);
    c.service = service;
    c.operation = op;
    c.helper = helper;
    c.sdk = "boto3";
    if (owner) {
      c.resource_literal = owner->res_literal;
      c.resource_env = owner->res_env;
    }
    if (const auto* s = d_.service(service); s && !s->resource_param.empty() && !ts_node_is_null(args)) {
      // upload_file(Filename, Bucket, Key): the helpers take the bucket positionally too
      const unsigned pos = op == "upload_file" || op == "download_file" ? 1 : 99;
      if (auto b = eval(argument(args, pos, s->resource_param))) {
        if (b->kind == Binding::Kind::literal) c.resource_literal = b->value;
        if (b->kind == Binding::Kind::env) c.resource_env = b->value;
      }
    }
    out_.calls.push_back(std::move(c));
  }

  void note(TSNode at, std::string msg) {
    out_.notes.push_back({path_, line_of(at), column_of(at), std::move(msg)});
  }

  /// A method of a client (or of a resource object falling back to its client's methods).
  bool client_method(TSNode call, const std::string& service, const std::string& method,
                     TSNode args, const Binding* owner) {
    const auto* s = d_.service(service);
    if (!s) {
      note(call, service.empty() ? "boto3 client whose service is not a literal; its calls are not known"
                                 : fmt::format("service '{}' is not in the permission data", service));
      return true;
    }
    if (s->helpers.count(method)) {
      add_call(call, service, method, true, args, owner);
      return true;
    }
    if (auto it = s->by_python.find(method); it != s->by_python.end()) {
      add_call(call, service, it->second, false, args, owner);
      return true;
    }
    if (method == "generate_presigned_url") {  // the URL is signed with this role's rights
      const std::string m = literal_arg(args, 0, "ClientMethod");
      if (auto it = s->by_python.find(m); it != s->by_python.end())
        add_call(call, service, it->second, false, argument(args, 1, "Params"), owner);
      return true;
    }
    return false;
  }

  void read_call(TSNode call) {
    TSNode fn = field(call, "function"), args = field(call, "arguments");
    if (!is(fn, "attribute")) return;
    const std::string method = text(field(fn, "attribute"), src_);
    TSNode obj = field(fn, "object");
    // bucket.objects.all(): a method path below a resource object
    if (is(obj, "attribute"))
      if (auto owner = eval(field(obj, "object")); owner && owner->kind == Binding::Kind::resobj) {
        const std::string path = text(field(obj, "attribute"), src_) + "." + method;
        for (const auto& r : d_.py_resources)
          if (r.service == owner->service && r.cls == owner->cls)
            if (auto it = r.methods.find(path); it != r.methods.end()) {
              add_call(call, owner->service, it->second, false, args, &*owner);
              return;
            }
      }
    auto ob = eval(obj);
    if (!ob) return;
    switch (ob->kind) {
      case Binding::Kind::client:
        if (!client_method(call, ob->service, method, args, nullptr) &&
            method != "get_paginator" && method != "get_waiter" && method != "can_paginate" &&
            method != "close" && method != "generate_presigned_post")
          note(call, fmt::format("'{}' is not an operation of boto3 client '{}'", method, ob->service));
        return;
      case Binding::Kind::paginator:
        if (method == "paginate") add_call(call, ob->service, ob->value, false, args, nullptr);
        return;
      case Binding::Kind::resobj: {
        for (const auto& r : d_.py_resources)
          if (r.service == ob->service && r.cls == ob->cls)
            if (auto it = r.methods.find(method); it != r.methods.end()) {
              add_call(call, ob->service, it->second, false, args, &*ob);
              return;
            }
        client_method(call, ob->service, method, args, &*ob);
        return;
      }
      default: return;
    }
  }
};

}  // namespace

FileCalls read_python_calls(const Data& data, std::string_view path, std::string_view source,
                            const ImportedClients* imported) {
  auto parsed = ts::parse_source(ts::Grammar::python, source);
  if (!parsed.tree) {
    FileCalls out;
    out.notes.push_back({std::string(path), 1, 1, parsed.problem});
    return out;
  }
  const TSNode root = ts_tree_root_node(parsed.tree.get());
  if ((!imported || imported->empty()) && !may_call_sdk(data, ts::Grammar::python, source)) {
    // No client can be made here, and none comes from another module (yet): reachability
    // follows the imports, and policy.cpp the imported names, to read the file again if a
    // module it imports exports a client.
    FileCalls out;
    for (const auto& [local, mod] : ts::read_imports(ts::Grammar::python, root, source).names) {
      out.imports.push_back(mod);
      out.import_names.emplace_back(local, mod);
    }
    return out;
  }
  PythonReader r(data, path, source, imported);
  return r.run(root);
}

}  // namespace lambdafit::permissions
