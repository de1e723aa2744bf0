#include "permissions/terraform.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "core/safe_file.hpp"
#include "permissions/hcl_expr.hpp"

namespace lambdafit::permissions {
namespace {

namespace fs = std::filesystem;
using descriptors::DocNode;

struct TfFile {
  std::string rel, text;
  std::unique_ptr<LineIndex> lines;
  DocNode root;
};

constexpr int kMaxDepth = 8;

/// What a value refers to: `aws_iam_role.r.arn` or "${aws_iam_role.r.arn}"; empty otherwise.
std::string ref_of(const DocNode& v) {
  if (v.type != DocNode::Type::scalar) return {};
  if (v.tag == "expr") return v.scalar;
  const auto& s = v.scalar;
  if (s.size() > 3 && s.rfind("${", 0) == 0 && s.back() == '}' && s.find("${", 2) == std::string::npos) return s.substr(2, s.size() - 3);
  return {};
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t p; (p = s.find(sep, start)) != std::string::npos; start = p + 1) out.push_back(s.substr(start, p - start));
  out.push_back(s.substr(start));
  return out;
}

std::vector<const DocNode*> items(const DocNode& n) {
  std::vector<const DocNode*> out;
  if (n.is_list())
    for (const auto& [_, v] : n.items) out.push_back(&v);
  else
    out.push_back(&n);
  return out;
}

/// One folder of .tf files: one Terraform module, whose references resolve among its files.
class Module {
 public:
  Module(std::string dir, std::vector<const TfFile*> files, const Data& d) : dir_(std::move(dir)), files_(std::move(files)), d_(d) {}

  void functions(const std::vector<std::string>& all_files, std::vector<FunctionSpec>& out) {
    for (const auto& [f, name, body] : blocks("resource", "aws_lambda_function")) {
      FunctionSpec s;
      s.name = "aws_lambda_function." + name;
      s.template_file = f->rel;
      s.line = body->line;
      s.column = body->column;
      if (const auto* h = body->child("handler"); h && literal(*f, *h)) s.handler = *literal(*f, *h);
      if (const auto* r = body->child("runtime"); r && literal(*f, *r)) s.runtime = *literal(*f, *r);
      environment(*f, *body, s);
      code_folder(*f, *body, all_files, s);
      grants(*f, *body, s);
      event_sources(*f, name, *body, s);
      out.push_back(std::move(s));
    }
  }

 private:
  struct Block {
    const TfFile* file;
    std::string name;
    const DocNode* body;
  };

  std::vector<Block> blocks(const char* kind, const char* type) const {
    std::vector<Block> out;
    for (const auto* f : files_)
      for (const auto& [k, byType] : f->root.items)
        if (k == kind && byType.is_map())
          for (const auto& [t, byName] : byType.items)
            if (t == type && byName.is_map())
              for (const auto& [n, body] : byName.items)
                if (body.is_map()) out.push_back({f, n, &body});
    return out;
  }

  std::optional<Block> block(const char* kind, const std::string& type, const std::string& name) const {
    for (const auto& b : blocks(kind, type.c_str()))
      if (b.name == name) return b;
    return std::nullopt;
  }

  DocNode expr(const TfFile& f, const DocNode& attr) const {
    if (attr.type != DocNode::Type::scalar) return attr;
    const auto at = value_offset(f.text, *f.lines, attr);
    if (at == std::string::npos) {
      DocNode n = attr;
      n.tag = "expr";
      return n;
    }
    return read_hcl_expression(f.text, at, *f.lines);
  }

  /// A literal string value (no interpolation), as the descriptor reader gives it.
  std::optional<std::string> literal(const TfFile& f, const DocNode& attr) const {
    const DocNode v = expr(f, attr);
    if (v.type != DocNode::Type::scalar || !v.tag.empty() || v.scalar.find("${") != std::string::npos) return std::nullopt;
    return v.scalar;
  }

  void environment(const TfFile& f, const DocNode& body, FunctionSpec& s) const {
    const DocNode* env = body.child("environment");
    const DocNode* vars = env ? env->child("variables") : nullptr;
    if (!vars || !vars->is_map()) return;
    for (const auto& [key, raw] : vars->items) {
      const DocNode v = expr(f, raw);
      if (v.type != DocNode::Type::scalar) continue;
      EnvValue e;
      if (const auto r = ref_of(v); !r.empty()) {
        const auto parts = split(r, '.');
        const bool data = parts[0] == "data";
        const std::size_t n = data ? 3 : 2;
        // A resource of the configuration (aws_s3_bucket.b.bucket); variables and locals are not known.
        if (parts.size() <= n || parts[0] == "var" || parts[0] == "local" || parts[0] == "module") continue;
        e.ref = fmt::format("{}", fmt::join(parts.begin(), parts.begin() + static_cast<long>(n), "."));
        e.arn = parts[n] == "arn";
      } else if (v.tag.empty() && v.scalar.find("${") == std::string::npos) {
        e.literal = v.scalar;
      } else {
        continue;
      }
      s.env[key] = e;
    }
  }

  /// The code folder: an archive_file the function's filename names, else the one folder of
  /// the workload holding the handler's file.
  void code_folder(const TfFile& f, const DocNode& body, const std::vector<std::string>& all, FunctionSpec& s) const {
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
    // handler "pkg.mod.func" (Python) or "index.handler" (Node): the file it names, anywhere
    const auto dot = s.handler.rfind('.');
    if (dot == std::string::npos || dot == 0) return note_folder(f, body, s, "");
    std::string module = s.handler.substr(0, dot);
    std::replace(module.begin(), module.end(), '.', '/');
    std::vector<std::string> folders;
    for (const auto& rel : all)
      for (const char* ext : {".py", ".js", ".mjs", ".cjs", ".ts"}) {
        const std::string want = module + ext;
        if (rel == want) folders.push_back("");
        else if (rel.size() > want.size() && rel.compare(rel.size() - want.size(), want.size(), want) == 0 && rel[rel.size() - want.size() - 1] == '/')
          folders.push_back(rel.substr(0, rel.size() - want.size() - 1));
      }
    std::sort(folders.begin(), folders.end());
    folders.erase(std::unique(folders.begin(), folders.end()), folders.end());
    if (folders.size() == 1) {
      s.code_uri = folders[0];
      s.notes.push_back(fmt::format("{}:{}:{}: the code folder is not a literal of the configuration; took '{}', the one folder "
                                    "holding the handler's file",
                                    f.rel, body.line, body.column, folders[0].empty() ? "." : folders[0]));
      return;
    }
    note_folder(f, body, s, folders.empty() ? "no folder holds the handler's file" : "several folders hold the handler's file");
  }

  void note_folder(const TfFile& f, const DocNode& body, FunctionSpec& s, const std::string& why) const {
    s.code_uri.clear();
    s.notes.push_back(fmt::format("{}:{}:{}: the code folder is not known from the configuration{}{}; the whole workload is read",
                                  f.rel, body.line, body.column, why.empty() ? "" : ": ", why));
  }

  /// aws_lambda_event_source_mapping blocks naming the function: the queue or stream kind.
  void event_sources(const TfFile& f, const std::string& fn, const DocNode& body, FunctionSpec& s) const {
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

  // ---- grants ------------------------------------------------------------------------------

  void managed(const std::string& arn, const TfFile& f, const DocNode& at, FunctionSpec& s) const {
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

  /// Grants of a JSON policy (jsonencode or heredoc); false when it cannot be read.
  bool json_policy(const TfFile& f, const DocNode& doc, const std::string& source, FunctionSpec& s) const {
    const DocNode* st = doc.is_map() ? doc.child("Statement") : nullptr;
    if (!st) return false;
    for (const DocNode* one : items(*st)) {
      if (!one->is_map()) return false;
      if (const auto* e = one->child("Effect"); e && e->scalar != "Allow") continue;
      if (one->child("NotAction") || one->child("NotResource")) return false;
      std::vector<std::string> resources;
      if (const auto* r = one->child("Resource"))
        for (const DocNode* x : items(*r)) resources.push_back(resource_text(*x));
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

  static std::string resource_text(const DocNode& r) {
    if (r.type != DocNode::Type::scalar) return "(expression)";
    if (r.tag == "expr") return r.scalar.find_first_of(" ()?") == std::string::npos ? "${" + r.scalar + "}" : "(expression)";
    return r.scalar;
  }

  /// Grants of an aws_iam_policy_document data block.
  bool document(const std::string& name, const std::string& source, FunctionSpec& s, int depth) const {
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
        for (const DocNode* x : items(list)) resources.push_back(resource_text(*x));
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

  /// The grants of a `policy = …` attribute.
  bool policy_value(const TfFile& f, const DocNode& attr, const std::string& source, FunctionSpec& s, int depth) const {
    const DocNode v = expr(f, attr);
    const auto parts = split(ref_of(v), '.');
    if (parts.size() == 4 && parts[0] == "data" && parts[1] == "aws_iam_policy_document" && parts[3] == "json")
      return document(parts[2], "data.aws_iam_policy_document." + parts[2], s, depth + 1);
    if (v.is_map()) return json_policy(f, v, source, s);
    return false;
  }

  /// The grants of a `policy_arn` (or a managed_policy_arns item).
  bool policy_arn(const TfFile& f, const DocNode& v, FunctionSpec& s, int depth) const {
    if (v.type == DocNode::Type::scalar && v.tag.empty() && v.scalar.rfind("arn:", 0) == 0 && v.scalar.find(":iam::aws:policy/") != std::string::npos) {
      managed(v.scalar, f, v, s);
      return true;
    }
    const auto parts = split(ref_of(v), '.');
    if (parts.size() == 3 && parts[0] == "aws_iam_policy" && parts[2] == "arn") {
      const auto p = block("resource", "aws_iam_policy", parts[1]);
      const DocNode* pol = p ? p->body->child("policy") : nullptr;
      return pol && policy_value(*p->file, *pol, "aws_iam_policy." + parts[1], s, depth + 1);
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

  bool names_role(const TfFile& f, const DocNode& attr, const std::string& role, const std::optional<std::string>& role_name) const {
    const DocNode v = expr(f, attr);
    for (const DocNode* x : items(v)) {
      const auto parts = split(ref_of(*x), '.');
      if (parts.size() >= 2 && parts[0] == "aws_iam_role" && parts[1] == role) return true;
      if (role_name && x->type == DocNode::Type::scalar && x->tag.empty() && x->scalar == *role_name) return true;
    }
    return false;
  }

  void grants(const TfFile& f, const DocNode& body, FunctionSpec& s) const {
    const DocNode* role_attr = body.child("role");
    if (!role_attr) return;
    const auto parts = split(ref_of(expr(f, *role_attr)), '.');
    const auto role = parts.size() == 3 && parts[0] == "aws_iam_role" ? block("resource", "aws_iam_role", parts[1]) : std::nullopt;
    if (!role) {
      s.notes.push_back(fmt::format("{}:{}:{}: the role is not an aws_iam_role of this folder; what it grants is not compared",
                                    f.rel, role_attr->line, role_attr->column));
      return;
    }
    const std::string r = parts[1];
    const auto role_name = role->body->child("name") ? literal(*role->file, *role->body->child("name")) : std::nullopt;
    bool known = true;
    auto unknown = [&](const TfFile& at_file, const DocNode& at, const std::string& what) {
      known = false;
      s.notes.push_back(fmt::format("{}:{}:{}: {} cannot be read; what the role is granted is not compared", at_file.rel,
                                    at.line, at.column, what));
    };
    for (const auto& [key, ip] : role->body->items)
      if (key == "inline_policy" && ip.is_map())
        if (const auto* p = ip.child("policy"); p && !policy_value(*role->file, *p, "aws_iam_role." + r, s, 0))
          unknown(*role->file, *p, "the inline policy");
    if (const auto* m = role->body->child("managed_policy_arns")) {
      const DocNode arns = expr(*role->file, *m);
      for (const DocNode* a : items(arns))
        if (!policy_arn(*role->file, *a, s, 0)) unknown(*role->file, *a, "a managed policy ARN");
    }
    for (const auto& b : blocks("resource", "aws_iam_role_policy"))
      if (const auto* ra = b.body->child("role"); ra && names_role(*b.file, *ra, r, role_name)) {
        const auto* p = b.body->child("policy");
        if (!p || !policy_value(*b.file, *p, "aws_iam_role_policy." + b.name, s, 0)) unknown(*b.file, p ? *p : *b.body, "aws_iam_role_policy." + b.name);
      }
    for (const char* type : {"aws_iam_role_policy_attachment", "aws_iam_policy_attachment"})
      for (const auto& b : blocks("resource", type)) {
        const auto* ra = b.body->child(std::string(type) == "aws_iam_role_policy_attachment" ? "role" : "roles");
        if (!ra || !names_role(*b.file, *ra, r, role_name)) continue;
        const auto* pa = b.body->child("policy_arn");
        if (!pa || !policy_arn(*b.file, expr(*b.file, *pa), s, 0)) unknown(*b.file, pa ? *pa : *b.body, std::string(type) + "." + b.name);
      }
    s.grants_known = known;
    if (!known) s.grants.clear();
  }

  std::string dir_;
  std::vector<const TfFile*> files_;
  const Data& d_;
};

}  // namespace

std::vector<FunctionSpec> read_terraform(const std::string& root, const std::vector<std::string>& files, const Data& data,
                                         std::vector<std::string>& errors) {
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
    if (text->find("aws_lambda_function") == std::string::npos && text->find("aws_iam_") == std::string::npos) continue;
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
  std::vector<FunctionSpec> out;
  for (auto& [dir, list] : by_dir) Module(dir, list, data).functions(files, out);
  return out;
}

}  // namespace lambdafit::permissions
