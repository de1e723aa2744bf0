#include "permissions/functions.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include <fmt/format.h>

#include "core/safe_file.hpp"
#include "permissions/terraform.hpp"
#include "scanning/descriptors/document.hpp"

namespace lambdafit::permissions {
namespace {

namespace fs = std::filesystem;
using descriptors::DocNode;

std::string join_dir(const std::string& dir, const std::string& rel) {
  fs::path p = fs::path(dir) / rel;
  std::string s = p.lexically_normal().generic_string();
  if (s == "." || s == "./") return "";
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

std::vector<const DocNode*> list_or_one(const DocNode* n) {
  std::vector<const DocNode*> out;
  if (!n) return out;
  if (n->is_list())
    for (const auto& [_, v] : n->items) out.push_back(&v);
  else
    out.push_back(n);
  return out;
}

/// A CloudFormation resource expression as Fn::Sub-style text (resource_key reads it): !Ref X
/// and !GetAtt X.Arn become "${X}", !Sub keeps its text, Fn::Join joins its parts; anything
/// else is "(expression)".
std::string sub_text(const DocNode* n, int depth = 0) {
  if (!n || depth > 8) return "(expression)";
  const auto& tag = n->tag;
  auto ref = [](std::string id) {
    if (auto dot = id.find('.'); dot != std::string::npos) id = id.substr(0, dot);
    return "${" + id + "}";
  };
  if (n->type == DocNode::Type::scalar) {
    if (tag == "!Ref" || tag == "!GetAtt") return ref(n->scalar);
    if (tag.empty() || tag == "!Sub") return n->scalar;
    return "(expression)";
  }
  if (n->is_list() && !n->items.empty()) {
    if (tag == "!GetAtt") return ref(n->items[0].second.scalar);
    if (tag == "!Sub") return sub_text(&n->items[0].second, depth + 1);
    if (tag == "!Join" && n->items.size() == 2) {
      const DocNode& parts = n->items[1].second;
      std::string out;
      for (const auto& [_, p] : parts.items) {
        const std::string t = sub_text(&p, depth + 1);
        if (t == "(expression)") return t;
        out += t;
      }
      return out;
    }
    return "(expression)";
  }
  if (n->is_map() && n->items.size() == 1) {
    const auto& [key, v] = n->items[0];
    if (key == "Ref" && v.type == DocNode::Type::scalar) return ref(v.scalar);
    if (key == "Fn::GetAtt") return ref(v.is_list() && !v.items.empty() ? v.items[0].second.scalar : v.scalar);
    if (key == "Fn::Sub") return sub_text(v.is_list() && !v.items.empty() ? &v.items[0].second : &v, depth + 1);
    if (key == "Fn::Join" && v.is_list() && v.items.size() == 2) {
      DocNode tagged = v;
      tagged.tag = "!Join";
      return sub_text(&tagged, depth + 1);
    }
  }
  return "(expression)";
}

class TemplateReader {
 public:
  TemplateReader(const Data& d, std::string file) : d_(d), file_(std::move(file)) {}

  /// Grants of IAM policy statements (inline `Statement` lists, serverless role statements).
  void statements(const DocNode* list, const std::string& source, FunctionSpec& f) const {
    for (const DocNode* st : list_or_one(list)) {
      if (!st->is_map()) continue;
      if (const auto* e = st->child("Effect"); e && e->scalar != "Allow") continue;
      std::vector<std::string> resources;
      const DocNode* res = st->child("Resource");
      for (const DocNode* r : res && res->is_list() && res->tag.empty() ? list_or_one(res) : std::vector<const DocNode*>{res})
        if (r) resources.push_back(sub_text(r));
      if (resources.empty()) resources.push_back("*");
      for (const DocNode* a : list_or_one(st->child("Action")))
        for (const auto& r : resources) f.grants.push_back({a->scalar, r, source, file_, a->line, a->column, {}});
    }
  }

  void managed(const std::string& name_or_arn, int line, int col, FunctionSpec& f) const {
    std::string name = name_or_arn;
    if (auto slash = name.rfind('/'); slash != std::string::npos) name = name.substr(slash + 1);
    auto it = d_.managed.find(name);
    if (it == d_.managed.end()) {
      f.notes.push_back(fmt::format("{}:{}:{}: managed policy '{}' is not in the grant data; what it grants is not compared",
                                    file_, line, col, name_or_arn));
      f.grants_partial = true;
      return;
    }
    for (const auto& a : it->second.actions) f.grants.push_back({a, "*", name, file_, line, col, {}});
  }

  /// SAM `Policies`: a managed name, a list of names, templates and inline documents.
  void sam_policies(const DocNode* p, FunctionSpec& f) const {
    for (const DocNode* item : list_or_one(p)) {
      if (item->type == DocNode::Type::scalar) {
        managed(item->scalar, item->line, item->column, f);
        continue;
      }
      if (!item->is_map()) continue;
      if (item->child("Statement")) {
        statements(item->child("Statement"), "inline", f);
        continue;
      }
      for (const auto& [key, val] : item->items) {
        auto it = d_.sam_templates.find(key);
        if (it == d_.sam_templates.end()) {
          f.notes.push_back(fmt::format("{}:{}:{}: policy template '{}' is not in the grant data; what it grants is not compared",
                                        file_, val.line, val.column, key));
          f.grants_partial = true;
          continue;
        }
        std::string resource = "*";
        std::vector<std::string> patterns;
        if (!it->second.resource_param.empty())
          if (const auto* r = val.child(it->second.resource_param)) {
            resource = r->type == DocNode::Type::scalar ? r->scalar : "(expression)";
            patterns = template_resources(it->second.resource_service, sub_text(r));
          }
        for (const auto& a : it->second.actions) f.grants.push_back({a, resource, key, file_, val.line, val.column, patterns});
      }
    }
  }

  /// The ARNs a SAM policy template scopes to a named resource: the container and, where the
  /// service has them, its objects. `name` is a literal name or "${X}" of a template resource.
  std::vector<std::string> template_resources(const std::string& service, const std::string& name) const {
    const auto* svc = d_.service(service);
    if (!svc || name == "(expression)") return {"(expression)"};
    auto fill = [](std::string t, const std::string& key, const std::string& v) {
      for (std::size_t p; (p = t.find(key)) != std::string::npos;) t.replace(p, key.size(), v);
      return t;
    };
    std::vector<std::string> out;
    const bool ref = name.size() > 3 && name.rfind("${", 0) == 0 && name.back() == '}' && name.find("AWS::") == std::string::npos;
    if (ref) {
      const std::string id = name.substr(2, name.size() - 3);
      for (const auto* t : {&svc->ref_arn, &svc->ref_object_arn})
        if (!t->empty()) out.push_back(fill(*t, "{ref}", id));
    } else {
      std::string n = name;
      if (svc->last_segment) n = n.substr(n.rfind('/') + 1);
      for (const auto* t : {&svc->arn, &svc->object_arn})
        if (!t->empty()) out.push_back(fill(*t, "{name}", n));
    }
    if (out.empty()) out.push_back("(expression)");
    return out;
  }

  /// The resource id a `!Ref X` (or JSON {"Ref": "X"}) names; empty for anything else.
  static std::string ref_id(const DocNode& n) {
    if (n.type == DocNode::Type::scalar && n.tag == "!Ref") return n.scalar;
    if (n.is_map() && n.items.size() == 1 && n.items[0].first == "Ref" && n.items[0].second.type == DocNode::Type::scalar)
      return n.items[0].second.scalar;
    return {};
  }

  static std::string type_of(const DocNode* r) {
    const DocNode* t = r ? r->child("Type") : nullptr;
    return t && t->type == DocNode::Type::scalar ? t->scalar : std::string();
  }

  /// An AWS::IAM::Role of the same template named by `Role: !GetAtt X.Arn`: its inline and
  /// managed policies (AWS-managed by name, the template's own AWS::IAM::ManagedPolicy by
  /// !Ref), and the template's AWS::IAM::Policy, ManagedPolicy and RolePolicy resources that
  /// attach to it through `Roles: [!Ref X]` or `RoleName: !Ref X`.
  bool role(const DocNode& resources, const std::string& ref, FunctionSpec& f) const {
    std::string id = ref;
    if (auto dot = id.find('.'); dot != std::string::npos) id = id.substr(0, dot);
    const DocNode* r = resources.child(id);
    if (type_of(r) != "AWS::IAM::Role") return false;
    if (const DocNode* props = r->child("Properties")) {
      for (const DocNode* m : list_or_one(props->child("ManagedPolicyArns"))) {
        const std::string own = ref_id(*m);
        if (!own.empty() && type_of(resources.child(own)) == "AWS::IAM::ManagedPolicy") {
          if (const DocNode* p = resources.child(own)->child("Properties"); p && p->child("PolicyDocument"))
            statements(p->child("PolicyDocument")->child("Statement"), own, f);
        } else if (m->type == DocNode::Type::scalar) {
          managed(m->scalar, m->line, m->column, f);
        }
      }
      for (const DocNode* pol : list_or_one(props->child("Policies")))
        if (const auto* doc = pol->child("PolicyDocument")) statements(doc->child("Statement"), "inline", f);
    }
    for (const auto& [pid, res] : resources.items) {
      const std::string type = type_of(&res);
      if (type != "AWS::IAM::Policy" && type != "AWS::IAM::ManagedPolicy" && type != "AWS::IAM::RolePolicy") continue;
      const DocNode* props = res.child("Properties");
      if (!props || !props->child("PolicyDocument")) continue;
      bool attached = false;
      for (const DocNode* role_ref : list_or_one(props->child("Roles"))) attached = attached || ref_id(*role_ref) == id;
      if (const DocNode* name = props->child("RoleName")) attached = attached || ref_id(*name) == id;
      if (attached) statements(props->child("PolicyDocument")->child("Statement"), pid, f);
    }
    return true;
  }

  void environment(const DocNode* vars, const DocNode* resources, FunctionSpec& f) const {
    if (!vars || !vars->is_map()) return;
    for (const auto& [name, v] : vars->items) {
      EnvValue e;
      std::string s = v.scalar, tag = v.tag;
      if (v.is_map() && v.items.size() == 1 && (v.items[0].first == "Ref" || v.items[0].first == "Fn::GetAtt")) {
        // JSON templates: {"Ref": "X"}, {"Fn::GetAtt": ["X", "Arn"]}
        const DocNode& arg = v.items[0].second;
        tag = v.items[0].first == "Ref" ? "!Ref" : "!GetAtt";
        s = arg.is_list() && arg.items.size() == 2 ? arg.items[0].second.scalar + "." + arg.items[1].second.scalar : arg.scalar;
      } else if (v.type != DocNode::Type::scalar) {
        continue;
      }
      // !Ref X is the scalar "X" tagged !Ref, and !GetAtt X.Arn "X.Arn" tagged !GetAtt.
      const bool arn = s.size() > 4 && s.compare(s.size() - 4, 4, ".Arn") == 0;
      const std::string id = arn ? s.substr(0, s.size() - 4) : s;
      if ((resources && resources->child(id)) || ((tag == "!Ref" || tag == "!GetAtt") && parameters_ && parameters_->child(id))) {
        e.ref = id;
        e.arn = arn;
      } else if (tag == "!Sub") {
        e.sub = s;
      } else if (!tag.empty()) {
        continue;  // !If, !Select, !ImportValue: which resource is not known
      } else {
        e.literal = s;
      }
      f.env[name] = e;
    }
  }

  void sam(const DocNode& root, const std::string& dir, std::vector<FunctionSpec>& out) const {
    const DocNode* resources = root.child("Resources");
    if (!resources || !resources->is_map()) return;
    parameters_ = root.child("Parameters");
    const DocNode* globals = root.child("Globals") ? root.child("Globals")->child("Function") : nullptr;
    auto prop = [&](const DocNode* props, const char* key) -> const DocNode* {
      if (props && props->child(key)) return props->child(key);
      return globals ? globals->child(key) : nullptr;
    };
    for (const auto& [id, res] : resources->items) {
      const DocNode* type = res.child("Type");
      if (!type || (type->scalar != "AWS::Serverless::Function" && type->scalar != "AWS::Lambda::Function")) continue;
      const DocNode* props = res.child("Properties");
      FunctionSpec f;
      f.name = id;
      f.template_file = file_;
      f.line = res.line;
      f.column = res.column;
      const DocNode* code = prop(props, "CodeUri");
      f.code_uri = join_dir(dir, code && code->type == DocNode::Type::scalar ? code->scalar : ".");
      const DocNode* inline_code = prop(props, "InlineCode");
      if (const DocNode* c = prop(props, "Code"); !inline_code && c) inline_code = c->child("ZipFile");
      if (inline_code) {
        f.unread_code_line = inline_code->line;
        f.unread_why = "it is inline in the template";
      }
      if (const auto* h = prop(props, "Handler")) f.handler = h->scalar;
      if (const auto* r = prop(props, "Runtime")) f.runtime = r->scalar;
      if (const auto* e = prop(props, "Environment")) environment(e->child("Variables"), resources, f);
      sam_layers(prop(props, "Layers"), *resources, dir, f);
      if (props && props->child("Environment") && globals && globals->child("Environment"))
        environment(globals->child("Environment")->child("Variables"), resources, f);
      if (const DocNode* events = props ? props->child("Events") : nullptr; events && events->is_map())
        for (const auto& [_, ev] : events->items)
          if (const auto* t = ev.child("Type"); t && (t->scalar == "SQS" || t->scalar == "Kinesis" || t->scalar == "DynamoDB")) {
            std::string kind = t->scalar;
            std::transform(kind.begin(), kind.end(), kind.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            f.event_sources.push_back(kind);
          }
      const DocNode* policies = props ? props->child("Policies") : nullptr;
      const DocNode* role_ref = props ? props->child("Role") : nullptr;
      if (role_ref) {
        f.grants_known = role(*resources, role_ref->scalar, f);
        if (!f.grants_known)
          f.notes.push_back(fmt::format("{}:{}:{}: the role is defined outside this template; what it grants is not compared",
                                        file_, role_ref->line, role_ref->column));
      } else {
        // SAM makes a role with the basic execution policy plus `Policies`.
        f.grants_known = true;
        managed("AWSLambdaBasicExecutionRole", res.line, res.column, f);
        if (policies) sam_policies(policies, f);
      }
      out.push_back(std::move(f));
    }
  }

  /// `Layers: [!Ref SharedLayer]`: a layer version of the template whose code is in the workload
  /// (AWS::Serverless::LayerVersion `ContentUri`, AWS::Lambda::LayerVersion `Content` as a
  /// folder). A layer given by ARN or parameter is someone else's: noted, not read.
  void sam_layers(const DocNode* layers, const DocNode& resources, const std::string& dir, FunctionSpec& f) const {
    for (const DocNode* l : list_or_one(layers)) {
      const std::string id = ref_id(*l);
      const DocNode* res = id.empty() ? nullptr : resources.child(id);
      const std::string type = type_of(res);
      const DocNode* props = res ? res->child("Properties") : nullptr;
      const DocNode* content = !props                                        ? nullptr
                               : type == "AWS::Serverless::LayerVersion" ? props->child("ContentUri")
                               : type == "AWS::Lambda::LayerVersion"     ? props->child("Content")
                                                                         : nullptr;
      if (content && content->type == DocNode::Type::scalar && content->tag.empty() &&
          content->scalar.find("://") == std::string::npos) {
        f.layers.push_back(join_dir(dir, content->scalar));
        continue;
      }
      f.notes.push_back(fmt::format("{}:{}:{}: a layer not built from this workload's folders; its code is not read",
                                    file_, l->line, l->column));
    }
  }

  /// serverless `layers: [{Ref: SharedLambdaLayer}]` naming a layer of the same file (`layers:
  /// shared: {path: layers/shared}`); the framework names its resource for the layer.
  void serverless_layers(const DocNode* used, const DocNode* declared, const std::string& dir, FunctionSpec& f) const {
    for (const DocNode* l : list_or_one(used)) {
      const std::string id = ref_id(*l);
      bool found = false;
      if (declared && declared->is_map() && !id.empty())
        for (const auto& [name, layer] : declared->items) {
          std::string logical;
          for (char c : name) logical += c == '-' ? std::string("Dash") : c == '_' ? std::string("Underscore") : std::string(1, c);
          if (!logical.empty()) logical[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(logical[0])));
          const DocNode* path = layer.child("path");
          if (logical + "LambdaLayer" != id || !path || path->type != DocNode::Type::scalar) continue;
          f.layers.push_back(join_dir(dir, path->scalar));
          found = true;
        }
      if (!found)
        f.notes.push_back(fmt::format("{}:{}:{}: a layer not built from this workload's folders; its code is not read",
                                      file_, l->line, l->column));
    }
  }

  void serverless(const DocNode& root, const std::string& dir, std::vector<FunctionSpec>& out) const {
    const DocNode* functions = root.child("functions");
    if (!functions || !functions->is_map()) return;
    const DocNode* provider = root.child("provider");
    const DocNode* resources = root.child("resources") ? root.child("resources")->child("Resources") : nullptr;
    for (const auto& [name, fn] : functions->items) {
      FunctionSpec f;
      f.name = name;
      f.template_file = file_;
      f.line = fn.line;
      f.column = fn.column;
      f.code_uri = dir;
      if (const auto* h = fn.child("handler")) f.handler = h->scalar;
      if (provider && provider->child("runtime")) f.runtime = provider->child("runtime")->scalar;
      if (const auto* r = fn.child("runtime")) f.runtime = r->scalar;
      if (provider) environment(provider->child("environment"), resources, f);
      environment(fn.child("environment"), resources, f);
      serverless_layers(fn.child("layers"), root.child("layers"), dir, f);
      f.grants_known = true;
      if (const DocNode* events = fn.child("events"); events && events->is_list())
        for (const auto& [_, ev] : events->items) {
          if (ev.child("sqs")) f.event_sources.push_back("sqs");
          if (const auto* st = ev.child("stream")) {
            const std::string t = st->child("type") ? st->child("type")->scalar : st->text();
            if (t.find("kinesis") != std::string::npos) f.event_sources.push_back("kinesis");
            if (t.find("dynamodb") != std::string::npos) f.event_sources.push_back("dynamodb");
          }
        }
      managed("AWSLambdaBasicExecutionRole", fn.line, fn.column, f);
      const DocNode* iam = provider ? provider->child("iam") : nullptr;
      const DocNode* role = iam ? iam->child("role") : nullptr;
      if (role && role->type == DocNode::Type::scalar) {
        f.grants_known = false;
        f.notes.push_back(fmt::format("{}:{}:{}: the role '{}' is defined elsewhere; what it grants is not compared",
                                      file_, role->line, role->column, role->scalar));
      } else if (role) {
        statements(role->child("statements"), "inline", f);
        for (const DocNode* m : list_or_one(role->child("managedPolicies")))
          if (m->type == DocNode::Type::scalar) managed(m->scalar, m->line, m->column, f);
      }
      if (provider && provider->child("iamRoleStatements"))
        statements(provider->child("iamRoleStatements"), "inline", f);
      if (fn.child("iamRoleStatements")) statements(fn.child("iamRoleStatements"), "inline", f);
      out.push_back(std::move(f));
    }
  }

 private:
  const Data& d_;
  std::string file_;
  mutable const DocNode* parameters_ = nullptr;  ///< the template's Parameters, while reading it
};

bool is_template_name(const std::string& rel) {
  const std::string name = fs::path(rel).filename().string();
  return is_config_document(rel) && (name.rfind("serverless.", 0) == 0 || name.find("template") != std::string::npos);
}

bool declares_function(std::string_view text) {
  return text.find("AWS::Serverless::Function") != std::string_view::npos ||
         text.find("AWS::Lambda::Function") != std::string_view::npos;
}

}  // namespace

bool is_config_document(const std::string& rel) {
  const std::string ext = fs::path(rel).extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

bool is_deployment_file(const std::string& rel) {
  return is_template_name(rel) || fs::path(rel).extension() == ".tf";
}

bool is_cloudformation_template(std::string_view text) {
  // Templates are often named for their stack (shoppingcart-service.yaml, deploy/api.yml):
  // the format version or the SAM transform, with a function resource, says what they are.
  return declares_function(text) && (text.find("AWSTemplateFormatVersion") != std::string_view::npos ||
                                     text.find("AWS::Serverless-2016-10-31") != std::string_view::npos);
}

std::vector<FunctionSpec> read_functions(const std::string& root, const std::vector<std::string>& files,
                                         const Data& data, std::vector<std::string>& errors, std::vector<CallNote>& notes) {
  std::vector<FunctionSpec> out;
  for (const auto& rel : files) {
    if (!is_config_document(rel)) continue;
    const bool named = is_template_name(rel);
    std::string why;
    auto text = read_regular_file(fs::path(root) / rel, {fs::path(root), kMaxConfigBytes}, why);
    if (!text) {
      if (named) errors.push_back(fmt::format("{}:0:0: error: {}", rel, why));
      continue;
    }
    const bool json = fs::path(rel).extension() == ".json";
    if (named ? !declares_function(*text) && text->find("functions:") == std::string::npos
              : !is_cloudformation_template(*text))
      continue;
    auto doc = json ? descriptors::read_json(*text) : descriptors::read_yaml(*text);
    if (doc.error) {
      errors.push_back(fmt::format("{}:{}:{}: error: {}", rel, doc.error->line, doc.error->column, doc.error->message));
      if (doc.roots.empty()) continue;
    }
    const std::string dir = fs::path(rel).parent_path().generic_string();
    TemplateReader r(data, rel);
    for (const auto& d : doc.roots) {
      if (!d.is_map()) continue;
      if (fs::path(rel).filename().string().rfind("serverless.", 0) == 0) r.serverless(d, dir, out);
      else r.sam(d, dir, out);
    }
  }
  auto tf = read_terraform(root, files, data, errors, notes);
  out.insert(out.end(), std::make_move_iterator(tf.begin()), std::make_move_iterator(tf.end()));
  return out;
}

}  // namespace lambdafit::permissions
