#include "permissions/terraform.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "core/safe_file.hpp"
#include "permissions/policy.hpp"
#include "permissions/terraform_module.hpp"

namespace lambdafit::permissions {
namespace tf {

namespace fs = std::filesystem;

void Module::functions(std::vector<FunctionSpec>& out) {
  for (const auto& [f, name, body] : blocks("resource", "aws_lambda_function")) {
    FunctionSpec s;
    s.name = prefix_ + "aws_lambda_function." + name;
    s.template_file = f->rel;
    s.line = body->line;
    s.column = body->column;
    if (const auto* h = body->child("handler"); h && literal(*f, *h)) s.handler = *literal(*f, *h);
    if (const auto* r = body->child("runtime"); r && literal(*f, *r)) s.runtime = *literal(*f, *r);
    for (const auto& [var, b] : vars_)
      if (!b.unknown.empty() && b.file)
        s.notes.push_back(fmt::format("{}:{}:{}: module input '{}' {}; where the module uses it, it is not known", b.file->rel,
                                      b.value.line, b.value.column, var, b.unknown));
    environment(*f, *body, s);
    code_folder(*f, *body, ws_.all_files, s);
    grants(*f, *body, s);
    event_sources(*f, name, *body, s);
    out.push_back(std::move(s));
  }
}

void Module::environment(const TfFile& f, const DocNode& body, FunctionSpec& s) const {
  const DocNode* env = body.child("environment");
  const DocNode* vars = env ? env->child("variables") : nullptr;
  if (!vars || !vars->is_map()) return;
  for (const auto& [key, raw] : vars->items) {
    const auto [v, _, scope] = resolve(expr(f, raw), &f);
    if (v.type != DocNode::Type::scalar) continue;
    EnvValue e;
    if (const auto r = ref_of(v); !r.empty()) {
      const auto parts = split(r, '.');
      const bool data = parts[0] == "data";
      const std::size_t n = data ? 3 : 2;
      // A resource of the configuration (aws_s3_bucket.b.bucket); variables and locals are not known.
      if (parts.size() <= n || parts[0] == "var" || parts[0] == "local" || parts[0] == "module") continue;
      e.ref = scope->address(fmt::format("{}", fmt::join(parts.begin(), parts.begin() + static_cast<long>(n), ".")));
      e.arn = parts[n] == "arn";
    } else if (v.tag.empty() && scope->substitute(v.scalar).find("${") == std::string::npos) {
      e.literal = scope->substitute(v.scalar);
    } else {
      continue;
    }
    s.env[key] = e;
  }
}

void Module::code_folder(const TfFile& f, const DocNode& body, const std::vector<std::string>& all, FunctionSpec& s) const {
  for (const char* key : {"filename", "source_code_hash"}) {
    const DocNode* a = body.child(key);
    if (!a) continue;
    const auto parts = split(ref_of(expr(f, *a)), '.');
    if (parts.size() < 3 || parts[0] != "data" || parts[1] != "archive_file") continue;
    const auto arch = block("data", "archive_file", parts[2]);
    if (!arch) continue;
    for (const char* src : {"source_dir", "source_file"}) {
      const DocNode* v = arch->body->child(src);
      if (!v) continue;
      const DocNode e = expr(*arch->file, *v);
      std::string p = e.type == DocNode::Type::scalar && e.tag.empty() ? e.scalar : "";
      for (const char* prefix : {"${path.module}/", "${path.root}/", "./"})
        if (p.rfind(prefix, 0) == 0) p = p.substr(std::string(prefix).size());
      if (p.empty() || p.find("${") != std::string::npos || p.front() == '/') continue;
      fs::path folder = fs::path(dir_) / p;
      if (std::string(src) == "source_file") folder = folder.parent_path();
      std::string rel = folder.lexically_normal().generic_string();
      while (!rel.empty() && rel.back() == '/') rel.pop_back();
      if (rel == ".") rel.clear();
      if (rel.rfind("..", 0) == 0) continue;  // outside the workload
      s.code_uri = rel;
      return;
    }
  }
  // handler "pkg.mod.func" (Python) or "index.handler" (Node): the folder holding the file it
  // names, looked for in the module's folder first, then in each folder above it up to the
  // workload root; the nearest level with the file decides. In a tree of many projects (a
  // samples repository) the root holds the handler's file in dozens of folders, and taking
  // all of them gave a function the calls of every other project.
  const auto dot = s.handler.rfind('.');
  const bool java = s.runtime.rfind("java", 0) == 0 || s.handler.find("::") != std::string::npos;
  if (dot == std::string::npos || dot == 0 || java) {
    // A class or executable name says no file: the module's folder if it holds code at all.
    const std::string prefix = dir_.empty() ? "" : dir_ + "/";
    for (const auto& rel : all)
      if (rel.starts_with(prefix) && is_sdk_source(rel)) return note_folder(f, body, s, "");
    s.unread_code_line = body.line;
    s.unread_why = "the configuration names no code folder, and the module's folder holds no code";
    return;
  }
  std::string module = s.handler.substr(0, dot);
  std::replace(module.begin(), module.end(), '.', '/');
  auto folders_under = [&](const std::string& level) {
    std::vector<std::string> folders;
    for (const auto& rel : all) {
      if (!level.empty() && !rel.starts_with(level + "/")) continue;
      for (const char* ext : {".py", ".js", ".mjs", ".cjs", ".ts"}) {
        const std::string want = module + ext;
        if (rel == want) folders.push_back("");
        else if (rel.ends_with("/" + want)) folders.push_back(rel.substr(0, rel.size() - want.size() - 1));
      }
    }
    std::sort(folders.begin(), folders.end());
    folders.erase(std::unique(folders.begin(), folders.end()), folders.end());
    return folders;
  };
  for (std::string level = dir_;; level = fs::path(level).parent_path().generic_string()) {
    const auto folders = folders_under(level);
    if (folders.size() == 1) {
      s.code_uri = folders[0];
      s.notes.push_back(fmt::format("{}:{}:{}: the code folder is not a literal of the configuration; took '{}', the one "
                                    "folder holding the handler's file",
                                    f.rel, body.line, body.column, folders[0].empty() ? "." : folders[0]));
      return;
    }
    if (folders.size() > 1 && level == dir_) return note_folder(f, body, s, "several folders of the module hold the handler's file");
    if (folders.size() > 1) {
      s.unread_code_line = body.line;
      s.unread_why = fmt::format("the configuration names no code folder, and {} folders outside the module's hold "
                                 "a file for handler '{}', first '{}'",
                                 folders.size(), s.handler, folders.front().empty() ? "." : folders.front());
      return;
    }
    if (level.empty() || fs::path(level).parent_path().generic_string() == level) break;
  }
  // No file of the tree that the module could package holds the handler: the code is built
  // elsewhere or shipped as an archive (filename = "lambda.zip").
  s.unread_code_line = body.line;
  s.unread_why = fmt::format("no file of the workload holds handler '{}': the code is packaged elsewhere, or an "
                             "archive",
                             s.handler);
}

// The module's own folder stands in for a code folder the configuration does not name.
void Module::note_folder(const TfFile& f, const DocNode& body, FunctionSpec& s, const std::string& why) const {
  s.code_uri = dir_;  // "" for the root module
  s.notes.push_back(fmt::format("{}:{}:{}: the code folder is not known from the configuration{}{}; the module's folder "
                                "'{}' is read",
                                f.rel, body.line, body.column, why.empty() ? "" : ": ", why,
                                s.code_uri.empty() ? "." : s.code_uri));
}

void Module::event_sources(const TfFile& f, const std::string& fn, const DocNode& body, FunctionSpec& s) const {
  const auto fn_name = body.child("function_name") ? literal(f, *body.child("function_name")) : std::nullopt;
  for (const auto& b : blocks("resource", "aws_lambda_event_source_mapping")) {
    const DocNode* target = b.body->child("function_name");
    const DocNode* source = b.body->child("event_source_arn");
    if (!target || !source) continue;
    const DocNode t = expr(*b.file, *target);
    const auto tp = split(ref_of(t), '.');
    const bool ours = (tp.size() >= 2 && tp[0] == "aws_lambda_function" && tp[1] == fn) ||
                      (fn_name && t.type == DocNode::Type::scalar && t.tag.empty() && t.scalar == *fn_name);
    if (!ours) continue;
    const DocNode src = expr(*b.file, *source);
    const std::string text = src.scalar;
    if (text.find("sqs") != std::string::npos) s.event_sources.push_back("sqs");
    else if (text.find("kinesis") != std::string::npos) s.event_sources.push_back("kinesis");
    else if (text.find("dynamodb") != std::string::npos) s.event_sources.push_back("dynamodb");
  }
}

void Module::managed(const std::string& arn, const TfFile& f, const DocNode& at, FunctionSpec& s) const {
  const std::string name = arn.substr(arn.rfind('/') + 1);
  auto it = d_.managed.find(name);
  if (it == d_.managed.end()) {
    s.notes.push_back(fmt::format("{}:{}:{}: managed policy '{}' is not in the grant data; what it grants is not compared",
                                  f.rel, at.line, at.column, arn));
    s.grants_partial = true;
    return;
  }
  for (const auto& a : it->second.actions) s.grants.push_back({a, "*", name, f.rel, at.line, at.column, {}});
}

bool Module::json_policy(const TfFile& f, const DocNode& doc, const std::string& source, FunctionSpec& s) const {
  const DocNode* st = doc.is_map() ? doc.child("Statement") : nullptr;
  if (!st) return false;
  for (const DocNode* one : items(*st)) {
    if (!one->is_map()) return false;
    if (const auto* e = one->child("Effect"); e && e->scalar != "Allow") continue;
    if (one->child("NotAction") || one->child("NotResource")) return false;
    std::vector<std::string> resources;
    if (const auto* r = one->child("Resource"))
      for (const DocNode* x : items(*r)) resources.push_back(resource_text(f, *x));
    if (resources.empty()) resources.push_back("*");
    const DocNode* actions = one->child("Action");
    if (!actions) return false;
    for (const DocNode* a : items(*actions)) {
      if (a->type != DocNode::Type::scalar || !a->tag.empty()) return false;
      for (const auto& r : resources) s.grants.push_back({a->scalar, r, source, f.rel, a->line, a->column, {}});
    }
  }
  return true;
}

std::string Module::resource_text(const TfFile& f, const DocNode& x) const {
  const auto [r, _, scope] = resolve(x, &f);
  if (r.type != DocNode::Type::scalar) return "(expression)";
  if (r.tag == "expr")
    return r.scalar.find_first_of(" ()?") == std::string::npos ? scope->substitute("${" + r.scalar + "}") : "(expression)";
  return scope->substitute(r.scalar);
}

bool Module::document(const std::string& name, const std::string& source, FunctionSpec& s, int depth) const {
  const auto b = block("data", "aws_iam_policy_document", name);
  if (!b || depth > kMaxDepth) return false;
  for (const char* key : {"source_policy_documents", "override_policy_documents"})
    if (const DocNode* src = b->body->child(key)) {
      const DocNode list = expr(*b->file, *src);
      for (const DocNode* d : items(list)) {
        const auto parts = split(ref_of(*d), '.');
        if (parts.size() != 4 || parts[1] != "aws_iam_policy_document" || !document(parts[2], source, s, depth + 1)) return false;
      }
    }
  if (b->body->child("dynamic")) return false;
  for (const auto& [key, st] : b->body->items) {
    if (key != "statement") continue;
    if (!st.is_map() || st.child("not_actions") || st.child("not_resources")) return false;
    if (const auto* e = st.child("effect"); e && literal(*b->file, *e).value_or("Allow") != "Allow") continue;
    std::vector<std::string> resources;
    if (const auto* r = st.child("resources")) {
      const DocNode list = expr(*b->file, *r);  // named: items() points into it
      for (const DocNode* x : items(list)) resources.push_back(resource_text(*b->file, *x));
    }
    if (resources.empty()) resources.push_back("*");
    const auto* actions = st.child("actions");
    if (!actions) return false;
    const DocNode action_list = expr(*b->file, *actions);
    for (const DocNode* a : items(action_list)) {
      if (a->type != DocNode::Type::scalar || !a->tag.empty()) return false;
      for (const auto& r : resources) s.grants.push_back({a->scalar, r, source, b->file->rel, a->line, a->column, {}});
    }
  }
  return true;
}

bool Module::policy_value(const TfFile& f, const DocNode& attr, const std::string& source, FunctionSpec& s, int depth) const {
  const auto [v, vf, scope] = resolve(expr(f, attr), &f);
  if (scope != this) return depth < kMaxDepth && scope->policy_value(*vf, v, source, s, depth + 1);
  const auto parts = split(ref_of(v), '.');
  if (parts.size() == 4 && parts[0] == "data" && parts[1] == "aws_iam_policy_document" && parts[3] == "json")
    return document(parts[2], prefix_ + "data.aws_iam_policy_document." + parts[2], s, depth + 1);
  if (v.is_map()) return json_policy(f, v, source, s);
  return false;
}

bool Module::policy_arn(const TfFile& f, const DocNode& raw, FunctionSpec& s, int depth) const {
  const auto [v, vf, scope] = resolve(raw, &f);
  if (scope != this) return depth < kMaxDepth && scope->policy_arn(*vf, v, s, depth + 1);
  if (v.type == DocNode::Type::scalar && v.tag.empty() && v.scalar.rfind("arn:", 0) == 0 && v.scalar.find(":iam::aws:policy/") != std::string::npos) {
    managed(v.scalar, f, v, s);
    return true;
  }
  const auto parts = split(ref_of(v), '.');
  if (parts.size() == 3 && parts[0] == "aws_iam_policy" && parts[2] == "arn") {
    const auto p = block("resource", "aws_iam_policy", parts[1]);
    const DocNode* pol = p ? p->body->child("policy") : nullptr;
    return pol && policy_value(*p->file, *pol, prefix_ + "aws_iam_policy." + parts[1], s, depth + 1);
  }
  if (parts.size() == 4 && parts[0] == "data" && parts[1] == "aws_iam_policy" && parts[3] == "arn") {
    const auto p = block("data", "aws_iam_policy", parts[2]);
    if (!p) return false;
    if (const auto* a = p->body->child("arn"); a && literal(*p->file, *a)) {
      DocNode lit = DocNode::make_scalar(*literal(*p->file, *a), v.line, v.column);
      managed(lit.scalar, f, lit, s);
      return true;
    }
    if (const auto* n = p->body->child("name"); n && literal(*p->file, *n)) {
      managed("arn:aws:iam::aws:policy/" + *literal(*p->file, *n), f, v, s);
      return true;
    }
  }
  return false;
}

bool Module::names_role(const TfFile& f, const DocNode& attr, const Module* owner, const std::string& role,
                const std::optional<std::string>& role_name) const {
  const DocNode v = expr(f, attr);
  for (const DocNode* item : items(v)) {
    const auto [x, _, scope] = resolve(*item, &f);
    const auto parts = split(ref_of(x), '.');
    if (scope == owner && parts.size() >= 2 && parts[0] == "aws_iam_role" && parts[1] == role) return true;
    if (role_name && x.type == DocNode::Type::scalar && x.tag.empty() && scope->substitute(x.scalar) == *role_name) return true;
  }
  return false;
}

void Module::grants(const TfFile& f, const DocNode& body, FunctionSpec& s) const {
  const DocNode* role_attr = body.child("role");
  if (!role_attr) return;
  const auto [rv, rf, owner] = resolve(expr(f, *role_attr), &f);
  const auto parts = split(ref_of(rv), '.');
  const auto role = parts.size() == 3 && parts[0] == "aws_iam_role" ? owner->block("resource", "aws_iam_role", parts[1]) : std::nullopt;
  if (!role) {
    s.notes.push_back(fmt::format("{}:{}:{}: the role is not an aws_iam_role of this folder or of a local module it "
                                  "calls; what it grants is not compared",
                                  f.rel, role_attr->line, role_attr->column));
    return;
  }
  const std::string r = parts[1];
  const auto role_name = role->body->child("name") ? owner->literal(*role->file, *role->body->child("name")) : std::nullopt;
  bool known = true;
  auto unknown = [&](const TfFile& at_file, const DocNode& at, const std::string& what) {
    known = false;
    s.notes.push_back(fmt::format("{}:{}:{}: {} cannot be read; what the role is granted is not compared", at_file.rel,
                                  at.line, at.column, what));
  };
  for (const auto& [key, ip] : role->body->items)
    if (key == "inline_policy" && ip.is_map())
      if (const auto* p = ip.child("policy"); p && !owner->policy_value(*role->file, *p, owner->prefix_ + "aws_iam_role." + r, s, 0))
        unknown(*role->file, *p, "the inline policy");
  if (const auto* m = role->body->child("managed_policy_arns")) {
    const DocNode arns = owner->expr(*role->file, *m);
    for (const DocNode* a : items(arns))
      if (!owner->policy_arn(*role->file, *a, s, 0)) unknown(*role->file, *a, "a managed policy ARN");
  }
  // Policies attached to the role anywhere in the configuration: its folder, the folders of
  // the local modules it calls, and its callers (a role a module outputs).
  for (std::size_t i = 0; i < ws_.instances.size(); ++i) {  // resolving may add instances
    const Module* m = ws_.instances[i].get();
    if (m->top() != owner->top()) continue;
    for (const auto& b : m->blocks("resource", "aws_iam_role_policy"))
      if (const auto* ra = b.body->child("role"); ra && m->names_role(*b.file, *ra, owner, r, role_name)) {
        const auto* p = b.body->child("policy");
        const std::string what = m->prefix_ + "aws_iam_role_policy." + b.name;
        if (!p || !m->policy_value(*b.file, *p, what, s, 0)) unknown(*b.file, p ? *p : *b.body, what);
      }
    for (const char* type : {"aws_iam_role_policy_attachment", "aws_iam_policy_attachment"})
      for (const auto& b : m->blocks("resource", type)) {
        const auto* ra = b.body->child(std::string(type) == "aws_iam_role_policy_attachment" ? "role" : "roles");
        if (!ra || !m->names_role(*b.file, *ra, owner, r, role_name)) continue;
        const auto* pa = b.body->child("policy_arn");
        if (!pa || !m->policy_arn(*b.file, m->expr(*b.file, *pa), s, 0))
          unknown(*b.file, pa ? *pa : *b.body, m->prefix_ + std::string(type) + "." + b.name);
      }
  }
  s.grants_known = known;
  if (!known) s.grants.clear();
}

}  // namespace tf

namespace fs = std::filesystem;
using tf::Module;
using tf::TfFile;
using tf::Workspace;

std::vector<FunctionSpec> read_terraform(const std::string& root, const std::vector<std::string>& files, const Data& data,
                                         std::vector<std::string>& errors, std::vector<CallNote>& notes) {
  std::vector<std::unique_ptr<TfFile>> read;
  std::map<std::string, std::vector<const TfFile*>> by_dir;
  for (const auto& rel : files) {
    if (fs::path(rel).extension() != ".tf") continue;
    std::string why;
    auto text = read_regular_file(fs::path(root) / rel, {fs::path(root), kMaxConfigBytes}, why);
    if (!text) {
      errors.push_back(fmt::format("{}:0:0: error: {}", rel, why));
      continue;
    }
    // functions and grants, and the module calls, variables and outputs that lead to them
    if (text->find("aws_lambda_function") == std::string::npos && text->find("aws_iam_") == std::string::npos &&
        text->find("module") == std::string::npos && text->find("variable") == std::string::npos &&
        text->find("output") == std::string::npos)
      continue;
    auto f = std::make_unique<TfFile>();
    f->rel = rel;
    f->text = std::move(*text);
    f->lines = std::make_unique<LineIndex>(f->text);
    auto doc = descriptors::read_hcl(f->text);
    if (doc.error) {
      errors.push_back(fmt::format("{}:{}:{}: error: {}", rel, doc.error->line, doc.error->column, doc.error->message));
      if (doc.roots.empty()) continue;
    }
    f->root = std::move(doc.roots.front());
    by_dir[fs::path(rel).parent_path().generic_string()].push_back(f.get());
    read.push_back(std::move(f));
  }
  // Folders another folder calls as a local module are read through the call (with its
  // arguments); the others, and those only a cycle calls, on their own.
  Workspace ws{root, by_dir, data, files, notes, {}};
  std::map<std::string, std::vector<std::string>> calls;
  std::set<std::string> called;
  for (const auto& [dir, _] : by_dir)
    for (const auto& c : Module(ws, dir).called_dirs())
      if (c != dir) calls[dir].push_back(c), called.insert(c);
  std::set<std::string> reached;
  auto read_root = [&](const std::string& dir) {
    std::vector<std::string> todo{dir};
    while (!todo.empty()) {
      const std::string d = todo.back();
      todo.pop_back();
      if (reached.insert(d).second) todo.insert(todo.end(), calls[d].begin(), calls[d].end());
    }
    ws.instances.push_back(std::make_unique<Module>(ws, dir));
    ws.instances.back()->instantiate();
  };
  for (const auto& [dir, _] : by_dir)
    if (!called.count(dir)) read_root(dir);
  for (const auto& [dir, _] : by_dir)
    if (!reached.count(dir)) read_root(dir);
  std::vector<FunctionSpec> out;
  for (std::size_t i = 0; i < ws.instances.size(); ++i) ws.instances[i]->functions(out);
  return out;
}

}  // namespace lambdafit::permissions
