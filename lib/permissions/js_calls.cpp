// AWS SDK calls in JavaScript/TypeScript: v3 commands (`new PutObjectCommand(…)` imported from
// @aws-sdk/client-s3, lib-dynamodb commands, lib-storage Upload) and v3/v2 clients whose
// methods are operations (`new AWS.S3().putObject(…)`, `new S3({}).getObject(…)`, the v2
// DynamoDB DocumentClient). Bindings are per file and flow-insensitive; the clients a file
// exports and re-exports are recorded for policy.cpp to bind in the files importing them.
// A function that returns a client (`getS3().putObject(…)`) is one, here and where it is
// exported to. A client passed to a function of the same file (a declaration or a const arrow function)
// binds that function's parameter, and a TypeScript parameter typed as an SDK client class is
// one. A client passed to a function another module exports is recorded (passed), and
// policy.cpp reads that module again with the parameter bound ("store(0)" in `imported`).
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "permissions/sdk_calls.hpp"
#include "permissions/ts_util.hpp"
#include "scanning/treesitter/parse.hpp"

namespace lambdafit::permissions {
namespace {

using namespace tsu;

struct JsBinding {
  enum class Kind { client, doc_client, literal, env } kind;
  std::string service, value;
};

class JsReader {
 public:
  JsReader(const Data& d, ts::Grammar g, std::string_view path, std::string_view src, const ImportedClients* imported)
      : d_(d), g_(g), path_(path), src_(src) {
    if (imported)
      for (const auto& [name, c] : *imported) {
        const JsBinding b{c.document_client ? JsBinding::Kind::doc_client : JsBinding::Kind::client, c.service, {}};
        if (auto param = parse_parameter_key(name))
          passed_in_.push_back({std::move(param->first), param->second, b});
        else
          bind_[name] = b;
      }
  }

  FileCalls run(TSNode root) {
    imports_ = ts::read_imports(g_, root, src_);
    for (const auto& [local, mod] : imports_.names) {
      out_.imports.push_back(mod);
      out_.import_names.emplace_back(local, mod);
    }
    walk(root, [&](TSNode n) {
      if (is(n, "function_declaration") || is(n, "generator_function_declaration"))
        functions_[text(field(n, "name"), src_)].push_back(n);
      else if (is(n, "variable_declarator") &&
               (is(field(n, "value"), "arrow_function") || is(field(n, "value"), "function_expression")))
        functions_[text(field(n, "name"), src_)].push_back(field(n, "value"));
      else if (is(n, "assignment_expression") &&
               (is(field(n, "right"), "arrow_function") || is(field(n, "right"), "function_expression"))) {
        // exports.store = function (client) {…}, module.exports.store = (c) => …
        const std::string l = text(field(n, "left"), src_);
        if (l.rfind("exports.", 0) == 0 || l.rfind("module.exports.", 0) == 0)
          functions_[l.substr(l.rfind('.') + 1)].push_back(field(n, "right"));
      }
      if (is_function(n)) bind_typed_parameters(n);
    });
    for (const auto& [fn, index, b] : passed_in_) bind_parameter(fn, index, b);
    for (int round = 0; round < 2; ++round) {
      bind_returns();
      walk(root, [&](TSNode n) {
        if (is(n, "call_expression")) bind_arguments(n);
        else if (is(n, "variable_declarator")) {
          bind(field(n, "name"), field(n, "value"));
          if (round == 0) bind_object(n);
        }
        else if (is(n, "assignment_expression")) {
          bind(field(n, "left"), field(n, "right"));
          if (round == 0) reassigned(field(n, "left"));
        }
      });
    }
    bind_returns();
    walk(root, [&](TSNode n) {
      if (is(n, "new_expression")) read_new(n);
      else if (is(n, "call_expression")) {
        read_method(n);
        read_passed(n);
      }
      else if (is(n, "assignment_expression")) read_export(field(n, "left"), field(n, "right"));
      else if (is(n, "export_statement")) read_esm_export(n);
    });
    return std::move(out_);
  }

 private:
  const Data& d_;
  ts::Grammar g_;
  std::string path_;
  std::string_view src_;
  ts::ImportTable imports_;
  std::map<std::string, JsBinding> bind_;
  /// `const params = {TableName: …}` (or var/let): the object literal a name holds; a null
  /// node when the name is declared more than once in the file or assigned again (which object
  /// a call sees is then not known).
  std::map<std::string, TSNode> objects_;
  /// Functions of this file by name (a name declared twice keeps both: neither is chosen).
  std::map<std::string, std::vector<TSNode>> functions_;
  /// Parameters bound by a call or a type: (start byte of the function, name).
  std::map<std::pair<uint32_t, std::string>, JsBinding> params_;
  struct PassedIn {
    std::string function;
    unsigned index;
    JsBinding client;
  };
  std::vector<PassedIn> passed_in_;  ///< clients other modules pass to this one's functions

  void bind_parameter(const std::string& function, unsigned index, const JsBinding& b) {
    auto it = functions_.find(function);
    if (it == functions_.end() || it->second.size() != 1) return;
    const auto params = parameters(it->second.front());
    if (index < params.size() && !params[index].first.empty())
      params_[{ts_node_start_byte(it->second.front()), params[index].first}] = b;
  }

  /// `store(s3, key)` where `store` is imported, `helpers.store(s3)` where `helpers` is: each
  /// argument holding a client, for policy.cpp to bind in the module that exports the function.
  void read_passed(TSNode call) {
    TSNode fn = field(call, "function");
    if (!is(fn, "identifier") && !is(fn, "member_expression")) return;
    const std::string callee = text(fn, src_);
    const std::string head = callee.substr(0, callee.find('.'));
    if (!imports_.names.count(head) || std::count(callee.begin(), callee.end(), '.') > 1) return;
    for (const auto& [pos, b] : client_arguments(call))
      out_.passed.push_back({callee, pos, {b.service, b.kind == JsBinding::Kind::doc_client}});
  }
  FileCalls out_;

  static bool is_function(TSNode n) {
    return is(n, "function_declaration") || is(n, "generator_function_declaration") || is(n, "function_expression") ||
           is(n, "arrow_function") || is(n, "method_definition");
  }

  /// The parameter names of a function, in order; a destructured or rest parameter is an
  /// empty name (it keeps its position).
  std::vector<std::pair<std::string, TSNode>> parameters(TSNode fn) const {
    std::vector<std::pair<std::string, TSNode>> out;
    if (TSNode single = field(fn, "parameter"); !ts_node_is_null(single)) {  // x => …
      out.emplace_back(text(single, src_), TSNode{});
      return out;
    }
    TSNode ps = field(fn, "parameters");
    for (uint32_t i = 0; !ts_node_is_null(ps) && i < ts_node_named_child_count(ps); ++i) {
      TSNode p = ts_node_named_child(ps, i), type{};
      if (is(p, "comment")) continue;
      if (is(p, "required_parameter") || is(p, "optional_parameter")) {  // TypeScript
        type = field(p, "type");
        p = field(p, "pattern");
      }
      if (is(p, "assignment_pattern")) p = field(p, "left");
      out.emplace_back(is(p, "identifier") ? text(p, src_) : std::string(), type);
    }
    return out;
  }

  /// `function put(s3: S3, …)`, `(db: DynamoDBDocumentClient) => …`: a parameter whose type is
  /// an SDK client class holds one.
  void bind_typed_parameters(TSNode fn) {
    for (const auto& [name, type] : parameters(fn)) {
      if (name.empty() || ts_node_is_null(type)) continue;
      TSNode t = ts_node_named_child(type, 0);  // type_annotation: ': T'
      if (!is(t, "type_identifier") && !is(t, "nested_type_identifier")) continue;
      if (auto b = client_class(t, true)) params_[{ts_node_start_byte(fn), name}] = *b;
    }
  }

  /// What a function returns when that is a client: an arrow function's expression body, or
  /// the first `return` of the function's own body that evaluates to one.
  std::optional<JsBinding> returned(TSNode fn) const {
    TSNode body = field(fn, "body");
    if (ts_node_is_null(body)) return std::nullopt;
    if (!is(body, "statement_block")) return client_of(eval(body));
    std::optional<JsBinding> found;
    walk(body, [&](TSNode n) {
      if (found || !is(n, "return_statement") || ts_node_named_child_count(n) == 0) return;
      TSNode owner = ts_node_parent(n);
      while (!ts_node_is_null(owner) && !is_function(owner)) owner = ts_node_parent(owner);
      if (ts_node_eq(owner, fn)) found = client_of(eval(ts_node_named_child(n, 0)));
    });
    return found;
  }

  static std::optional<JsBinding> client_of(std::optional<JsBinding> b) {
    if (b && (b->kind == JsBinding::Kind::client || b->kind == JsBinding::Kind::doc_client)) return b;
    return std::nullopt;
  }

  /// `function getS3() { return new AWS.S3(); }`, `const db = () => new DocumentClient()`: a
  /// call of the function (one of its name in the file) is the client, kept as "getS3()".
  void bind_returns() {
    for (const auto& [name, defs] : functions_)
      if (defs.size() == 1)
        if (auto b = returned(defs.front())) bind_[call_key(name)] = *b;
  }

  /// `store(s3, key)`: an argument that holds a client binds the parameter of the function of
  /// this file the call names (only when one function has that name).
  void bind_arguments(TSNode call) {
    TSNode fn = field(call, "function");
    if (!is(fn, "identifier")) return;
    auto it = functions_.find(text(fn, src_));
    if (it == functions_.end() || it->second.size() != 1) return;
    const TSNode def = it->second.front();
    const auto params = parameters(def);
    for (const auto& [pos, b] : client_arguments(call))
      if (pos < params.size() && !params[pos].first.empty()) params_[{ts_node_start_byte(def), params[pos].first}] = b;
  }

  /// The arguments of a call that hold a client, by position (none after a spread: positions
  /// are not known there).
  std::vector<std::pair<unsigned, JsBinding>> client_arguments(TSNode call) const {
    std::vector<std::pair<unsigned, JsBinding>> out;
    TSNode args = field(call, "arguments");
    for (uint32_t i = 0, pos = 0; !ts_node_is_null(args) && i < ts_node_named_child_count(args); ++i) {
      TSNode a = ts_node_named_child(args, i);
      if (is(a, "comment")) continue;
      if (is(a, "spread_element")) break;
      if (auto b = client_of(eval(a))) out.emplace_back(pos, *b);
      ++pos;
    }
    return out;
  }

  /// The binding of a parameter `name` of a function enclosing `at`, innermost first; a
  /// function whose parameter of that name is not bound hides the outer ones.
  std::optional<JsBinding> parameter_binding(TSNode at, const std::string& name) const {
    if (params_.empty()) return std::nullopt;  // most files: nothing to walk up for
    for (TSNode p = ts_node_parent(at); !ts_node_is_null(p); p = ts_node_parent(p)) {
      if (!is_function(p)) continue;
      for (const auto& [param, _] : parameters(p))
        if (param == name) {
          if (auto it = params_.find({ts_node_start_byte(p), name}); it != params_.end()) return it->second;
          return std::nullopt;
        }
    }
    return std::nullopt;
  }

  void bind_object(TSNode decl) {
    TSNode name = field(decl, "name"), value = field(decl, "value");
    if (!is(name, "identifier")) return;
    auto [it, fresh] = objects_.try_emplace(text(name, src_), TSNode{});
    if (fresh && is(value, "object")) it->second = value;
    else if (!fresh) it->second = TSNode{};
  }

  void reassigned(TSNode left) {
    if (!is(left, "identifier")) return;
    objects_[text(left, src_)] = TSNode{};
  }

  std::vector<std::string> canon(TSNode n) const { return ts::canonical_names(g_, imports_, text(n, src_)); }

  static bool ends_with(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
  }

  static std::pair<std::string, std::string> split_last(const std::string& s) {
    const auto dot = s.rfind('.');
    if (dot == std::string::npos) return {"", s};
    return {s.substr(0, dot), s.substr(dot + 1)};
  }

  std::optional<JsBinding> eval(TSNode n) const {
    while (is(n, "parenthesized_expression") || is(n, "await_expression") || is(n, "as_expression") ||
           is(n, "non_null_expression"))
      n = ts_node_named_child(n, 0);
    if (ts_node_is_null(n)) return std::nullopt;
    std::string v;
    if (literal(n, src_, v)) return JsBinding{JsBinding::Kind::literal, {}, v};
    const std::string t = text(n, src_);
    if (t.rfind("process.env.", 0) == 0) return JsBinding{JsBinding::Kind::env, {}, t.substr(12)};
    if (is(n, "subscript_expression") && text(field(n, "object"), src_) == "process.env" &&
        literal(field(n, "index"), src_, v))
      return JsBinding{JsBinding::Kind::env, {}, v};
    if (is(n, "identifier") || is(n, "member_expression")) {
      if (is(n, "identifier"))
        if (auto p = parameter_binding(n, t)) return p;
      if (auto it = bind_.find(t.rfind("this.", 0) == 0 ? t.substr(5) : t); it != bind_.end()) return it->second;
      return std::nullopt;
    }
    if (is(n, "new_expression")) return client_class(field(n, "constructor"));
    if (is(n, "call_expression")) {  // a function returning a client (bind_returns), here or imported
      TSNode fn = field(n, "function");
      if (!is(fn, "identifier") && !is(fn, "member_expression")) return std::nullopt;
      std::string callee = text(fn, src_);
      if (callee.rfind("this.", 0) == 0) callee.erase(0, 5);
      if (auto it = bind_.find(call_key(callee)); it != bind_.end()) return it->second;
    }
    return std::nullopt;
  }

  /// The client a class name makes (`AWS.S3`, `S3` from @aws-sdk/client-s3, the document
  /// clients), whether in `new C(…)` or a parameter's type (`as_type`: the v3 modules' input,
  /// output, exception and configuration types are not clients).
  std::optional<JsBinding> client_class(TSNode cls_node, bool as_type = false) const {
    for (const auto& c : canon(cls_node)) {
      if (c == "aws-sdk." + d_.js_v2_doc_class) return JsBinding{JsBinding::Kind::doc_client, d_.js_v2_doc_service, {}};
      const auto [mod, cls] = split_last(c);
      for (const auto& [name, s] : d_.services) {
        // v2 per-service module: new (require('aws-sdk/clients/s3'))(), and the document
        // client as a member of the DynamoDB module.
        if (!d_.js_v2_client_module_prefix.empty() && !s.js_v2_class.empty()) {
          std::string module = d_.js_v2_client_module_prefix + s.js_v2_class;
          std::transform(module.begin(), module.end(), module.begin(),
                         [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
          if (c == module) return JsBinding{JsBinding::Kind::client, name, {}};
          if (name == d_.js_v2_doc_service && c == module + "." + split_last(d_.js_v2_doc_class).second)
            return JsBinding{JsBinding::Kind::doc_client, d_.js_v2_doc_service, {}};
        }
        // v2: new AWS.S3(); v3 aggregated client: new S3({}) from @aws-sdk/client-s3
        for (const auto& v2 : d_.js_v2_modules)
          if (mod == v2 && cls == s.js_v2_class) return JsBinding{JsBinding::Kind::client, name, {}};
        if (!s.js_v3_module.empty() && mod == s.js_v3_module && !ends_with(cls, "Client") &&
            cls.find("Command") == std::string::npos &&
            !(as_type && (ends_with(cls, "Input") || ends_with(cls, "Output") || ends_with(cls, "Exception") ||
                          ends_with(cls, "Config"))))
          return JsBinding{JsBinding::Kind::client, name, {}};
      }
    }
    return std::nullopt;
  }

  void bind(TSNode name, TSNode value) {
    if (ts_node_is_null(name) || ts_node_is_null(value)) return;
    if (auto b = eval(value)) {
      std::string t = text(name, src_);
      if (t.rfind("this.", 0) == 0) t = t.substr(5);
      bind_[t] = *b;
    }
  }

  /// The first argument's `{Bucket: …}` field (or `params: {Bucket: …}` for lib-storage).
  void resource_of(TSNode args, const std::string& service, SdkCall& c, uint32_t arg = 0) const {
    const auto* s = d_.service(service);
    if (!s || s->resource_param.empty() || ts_node_is_null(args) || ts_node_named_child_count(args) <= arg) return;
    TSNode obj = ts_node_named_child(args, arg);
    if (is(obj, "identifier"))  // a params object of the same file
      if (auto it = objects_.find(text(obj, src_)); it != objects_.end()) obj = it->second;
    for (int depth = 0; depth < 2 && is(obj, "object"); ++depth) {
      TSNode next{};
      for (uint32_t i = 0; i < ts_node_named_child_count(obj); ++i) {
        TSNode p = ts_node_named_child(obj, i);
        if (!is(p, "pair")) continue;
        const std::string key = text(field(p, "key"), src_);
        if (key == s->resource_param)
          if (auto b = eval(field(p, "value"))) {
            if (b->kind == JsBinding::Kind::literal) c.resource_literal = b->value;
            if (b->kind == JsBinding::Kind::env) c.resource_env = b->value;
          }
        if (key == "params") next = field(p, "value");
      }
      obj = next;
    }
  }

  void add(TSNode at, const std::string& service, const std::string& op, bool helper, const char* sdk, TSNode args,
           uint32_t params_arg = 0) {
    SdkCall c{path_, line_of(at), column_of(at), service, op, helper, sdk, {}, {}};
    resource_of(args, service, c, params_arg);
    out_.calls.push_back(std::move(c));
  }

  void read_new(TSNode n) {
    TSNode args = field(n, "arguments");
    for (const auto& c : canon(field(n, "constructor"))) {
      const auto [mod, cls] = split_last(c);
      if (mod.empty()) continue;
      if (mod == d_.js_v3_doc_module) {
        if (auto it = d_.js_v3_doc_commands.find(cls); it != d_.js_v3_doc_commands.end())
          add(n, d_.js_v3_doc_service, it->second, false, "js-v3", args);
        return;
      }
      if (auto it = d_.js_v3_helpers.find(c); it != d_.js_v3_helpers.end()) {
        add(n, it->second.first, it->second.second, true, "js-v3", args);
        return;
      }
      if (cls.size() <= 7 || cls.compare(cls.size() - 7, 7, "Command") != 0) continue;
      const std::string op = cls.substr(0, cls.size() - 7);
      for (const auto& [name, s] : d_.services)
        if (s.js_v3_module == mod) {
          if (s.operations.count(op)) add(n, name, op, false, "js-v3", args);
          else out_.notes.push_back({path_, line_of(n), column_of(n),
                                     fmt::format("'{}' is not a command of {}", cls, mod)});
          return;
        }
    }
  }

  void export_client(const std::string& name, TSNode value) {
    if (auto b = client_of(eval(value))) export_as(name, *b);
  }

  void export_as(const std::string& name, const JsBinding& b) {
    out_.exports[name] = {b.service, b.kind == JsBinding::Kind::doc_client};
  }

  /// A function (node) exported as `name`: importers calling it get what it returns.
  void export_returned(const std::string& name, TSNode fn) {
    if (auto b = returned(fn)) export_as(call_key(name), *b);
  }

  /// A function of this file exported as `name` that returns a client: importers calling it
  /// get the client ("name()").
  void export_function(const std::string& name, const std::string& local) {
    if (auto it = bind_.find(call_key(local)); it != bind_.end()) export_as(call_key(name), it->second);
  }

  void reexport(TSNode at, std::string module, std::string name, std::string from) {
    out_.imports.push_back(module);  // the handler reaches the module through this one
    out_.reexports.push_back({std::move(module), std::move(name), std::move(from), line_of(at), column_of(at)});
  }

  /// The module of `require('m')`; empty for anything else.
  std::string required(TSNode n) const {
    std::string m;
    if (!is(n, "call_expression") || text(field(n, "function"), src_) != "require") return m;
    TSNode args = field(n, "arguments");
    if (ts_node_is_null(args) || ts_node_named_child_count(args) != 1 || !literal(ts_node_named_child(args, 0), src_, m)) m.clear();
    return m;
  }

  /// `module.exports = { s3, db: ddb }`, `module.exports = new AWS.S3()`, `exports.s3 = s3`.
  void read_export(TSNode left, TSNode right) {
    const std::string l = text(left, src_);
    if (const std::string m = required(right); !m.empty()) {
      if (l == "module.exports") reexport(right, m, "*", "*");
      else if (l.rfind("exports.", 0) == 0 || l.rfind("module.exports.", 0) == 0) reexport(right, m, l.substr(l.rfind('.') + 1), "");
      return;
    }
    if (l == "module.exports" && is(right, "object")) {
      for (uint32_t i = 0; i < ts_node_named_child_count(right); ++i) {
        TSNode p = ts_node_named_child(right, i);
        if (is(p, "shorthand_property_identifier")) {
          const std::string name = text(p, src_);
          if (auto it = bind_.find(name); it != bind_.end() && it->second.kind != JsBinding::Kind::literal &&
                                          it->second.kind != JsBinding::Kind::env)
            export_as(name, it->second);
          export_function(name, name);
        } else if (is(p, "pair")) {
          export_client(text(field(p, "key"), src_), field(p, "value"));
          if (is(field(p, "value"), "identifier")) export_function(text(field(p, "key"), src_), text(field(p, "value"), src_));
        }
      }
    } else if (l == "module.exports") {
      export_client("", right);
      // module.exports = getS3, or = () => new AWS.S3(): calling the module gives the client
      if (is(right, "identifier")) export_function("", text(right, src_));
      if (is(right, "arrow_function") || is(right, "function_expression"))
        export_returned("", right);
    } else if (l.rfind("exports.", 0) == 0 || l.rfind("module.exports.", 0) == 0) {
      const std::string name = l.substr(l.rfind('.') + 1);
      export_client(name, right);
      // exports.getS3 = () => …, or = getS3 (a function of this file)
      export_function(name, is(right, "identifier") ? text(right, src_) : name);
    }
  }

  /// `export default new S3({})`, `export default db`: the module itself is the client (""), as
  /// `module.exports = …` makes it; `export default function make() { return … }` and
  /// `export default () => …`: calling the module's default is ("()").
  bool read_default_export(TSNode n) {
    bool is_default = false;
    for (uint32_t i = 0; i < ts_node_child_count(n) && !is_default; ++i)
      is_default = is(ts_node_child(n, i), "default");
    if (!is_default) return false;
    if (TSNode value = field(n, "value"); !ts_node_is_null(value)) {
      export_client("", value);
      if (is(value, "identifier")) export_function("", text(value, src_));
      if (is(value, "arrow_function") || is(value, "function_expression"))
        export_returned("", value);
    }
    if (TSNode decl = field(n, "declaration"); is(decl, "function_declaration")) export_returned("", decl);
    return true;
  }

  /// `export const s3 = new S3Client({})`, `export { s3, ddb as db }`, and re-exports.
  void read_esm_export(TSNode n) {
    if (read_default_export(n)) return;
    std::string module;
    if (TSNode source = field(n, "source"); !ts_node_is_null(source) && literal(source, src_, module)) {
      bool named = false;
      for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
        TSNode c = ts_node_named_child(n, i);
        if (is(c, "namespace_export")) {  // export * as aws from './aws'
          named = true;
          reexport(c, module, text(ts_node_named_child(c, 0), src_), "");
        } else if (is(c, "export_clause")) {  // export { s3, ddb as db } from './clients'
          named = true;
          for (uint32_t j = 0; j < ts_node_named_child_count(c); ++j) {
            TSNode s = ts_node_named_child(c, j);
            if (!is(s, "export_specifier")) continue;
            TSNode alias = field(s, "alias");
            reexport(s, module, text(ts_node_is_null(alias) ? field(s, "name") : alias, src_), text(field(s, "name"), src_));
          }
        }
      }
      if (!named) reexport(n, module, "*", "*");  // export * from './clients'
      return;
    }
    for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
      TSNode c = ts_node_named_child(n, i);
      if (is(c, "lexical_declaration") || is(c, "variable_declaration")) {
        for (uint32_t j = 0; j < ts_node_named_child_count(c); ++j) {
          TSNode d = ts_node_named_child(c, j);
          if (!is(d, "variable_declarator")) continue;
          const std::string name = text(field(d, "name"), src_);
          export_client(name, field(d, "name"));
          export_function(name, name);  // export const getS3 = () => new S3Client({})
        }
      } else if (is(c, "function_declaration")) {  // export function getS3() { return … }
        const std::string name = text(field(c, "name"), src_);
        export_function(name, name);
      } else if (is(c, "export_clause")) {
        for (uint32_t j = 0; j < ts_node_named_child_count(c); ++j) {
          TSNode s = ts_node_named_child(c, j);
          if (!is(s, "export_specifier")) continue;
          TSNode alias = field(s, "alias");
          const std::string local = text(field(s, "name"), src_);
          export_client(text(ts_node_is_null(alias) ? field(s, "name") : alias, src_), field(s, "name"));
          export_function(text(ts_node_is_null(alias) ? field(s, "name") : alias, src_), local);
        }
      }
    }
  }

  void read_method(TSNode n) {
    TSNode fn = field(n, "function");
    if (!is(fn, "member_expression")) return;
    auto ob = eval(field(fn, "object"));
    if (!ob) return;
    const std::string method = text(field(fn, "property"), src_);
    TSNode args = field(n, "arguments");
    if (ob->kind == JsBinding::Kind::doc_client) {
      if (auto it = d_.js_v2_doc_methods.find(method); it != d_.js_v2_doc_methods.end())
        add(n, ob->service, it->second, false, "js-v2", args);
      return;
    }
    if (ob->kind != JsBinding::Kind::client) return;
    const auto* s = d_.service(ob->service);
    if (!s) return;
    // v2 presigned URLs: s3.getSignedUrl('putObject', params) is used with the function's own
    // credentials, so the function needs the operation's action.
    std::string signed_op;
    if ((method == "getSignedUrl" || method == "getSignedUrlPromise") && !ts_node_is_null(args) &&
        literal(ts_node_named_child(args, 0), src_, signed_op)) {
      if (auto it = s->by_camel.find(signed_op); it != s->by_camel.end()) add(n, ob->service, it->second, false, "js-v2", args, 1);
      else out_.notes.push_back({path_, line_of(n), column_of(n),
                                 fmt::format("'{}' signs '{}', which is not an operation of the {} client", method, signed_op, ob->service)});
      return;
    }
    if (auto h = d_.js_v2_helpers.find(ob->service); h != d_.js_v2_helpers.end())
      if (auto it = h->second.find(method); it != h->second.end()) {
        add(n, ob->service, it->second, true, "js-v2", args);
        return;
      }
    if (auto it = s->by_camel.find(method); it != s->by_camel.end())
      add(n, ob->service, it->second, false, "js", args);
    else if (method != "send" && method != "destroy" && method != "config" && method != "middlewareStack")
      out_.notes.push_back({path_, line_of(n), column_of(n),
                            fmt::format("'{}' is not an operation of the {} client", method, ob->service)});
  }
};

}  // namespace

FileCalls read_js_calls(const Data& data, ts::Grammar g, std::string_view path, std::string_view source,
                        const ImportedClients* imported) {
  auto parsed = ts::parse_source(g, source);
  if (!parsed.tree) {
    FileCalls out;
    out.notes.push_back({std::string(path), 1, 1, parsed.problem});
    return out;
  }
  JsReader r(data, g, path, source, imported);
  return r.run(ts_tree_root_node(parsed.tree.get()));
}

}  // namespace lambdafit::permissions
