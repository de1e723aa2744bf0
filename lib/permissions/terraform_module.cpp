#include "permissions/terraform_module.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>

namespace lambdafit::permissions::tf {

namespace fs = std::filesystem;

/// What a value refers to: `aws_iam_role.r.arn` or "${aws_iam_role.r.arn}"; empty otherwise.
namespace {

/// `aws_iam_role.this[0].arn` -> `aws_iam_role.this.arn`: an instance of a resource with
/// `count` or `for_each` ([0], ["key"], [*], [count.index], [each.key]) stands for the resource,
/// whose arguments every instance shares. Other subscripts are kept (the reference stays not plain).
std::string without_instance_keys(const std::string& r) {
  std::string out;
  for (std::size_t i = 0; i < r.size();) {
    if (r[i] != '[') {
      out += r[i++];
      continue;
    }
    const auto close = r.find(']', i);
    if (close == std::string::npos) return r;
    const std::string key = r.substr(i + 1, close - i - 1);
    const bool digits = !key.empty() && key.find_first_not_of("0123456789") == std::string::npos;
    const bool quoted = key.size() >= 2 && key.front() == '"' && key.back() == '"' &&
                        key.find_first_of("\"$", 1) == key.size() - 1;
    if (!digits && !quoted && key != "*" && key != "count.index" && key != "each.key" && key != "each.value")
      return r;
    i = close + 1;
  }
  return out;
}

}  // namespace

std::string ref_of(const DocNode& v) {
  if (v.type != DocNode::Type::scalar) return {};
  if (v.tag == "expr") return without_instance_keys(v.scalar);
  const auto& s = v.scalar;
  if (s.size() > 3 && s.rfind("${", 0) == 0 && s.back() == '}' && s.find("${", 2) == std::string::npos)
    return without_instance_keys(s.substr(2, s.size() - 3));
  return {};
}

bool plain_reference(const std::string& r) {
  return !r.empty() && r.find_first_of(" ()?:[{,\"") == std::string::npos;
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

void Module::instantiate() const {
  for (const auto& b : labelled("module"))
    if (const Module* m = child(b.name)) m->instantiate();
}

std::vector<std::string> Module::called_dirs() const {
  std::vector<std::string> out;
  for (const auto& [f, name, body] : labelled("module"))
    if (const auto* src = body->child("source"); src && src->type == DocNode::Type::scalar)
      if (auto dir = local_dir(src->scalar); dir && !dir->empty()) out.push_back(*dir);  // the root is read anyway
  return out;
}

std::vector<Module::Block> Module::labelled(const char* kind) const {
  std::vector<Block> out;
  for (const auto* f : files_)
    for (const auto& [k, byName] : f->root.items)
      if (k == kind && byName.is_map())
        for (const auto& [n, body] : byName.items)
          if (body.is_map()) out.push_back({f, n, &body});
  return out;
}

std::optional<std::string> Module::local_dir(const std::string& source) const {
  if (source.rfind("./", 0) != 0 && source.rfind("../", 0) != 0) return std::nullopt;
  std::string rel = (fs::path(dir_) / source).lexically_normal().generic_string();
  while (!rel.empty() && rel.back() == '/') rel.pop_back();
  if (rel == ".") rel.clear();
  if (rel == ".." || rel.rfind("../", 0) == 0 || fs::path(rel).is_absolute()) return std::nullopt;
  return rel;
}

void Module::note(const TfFile& f, const DocNode& at, std::string message) const {
  ws_.notes.push_back({f.rel, at.line, at.column, std::move(message)});
}

const Module* Module::child(const std::string& name) const {
  if (auto it = children_.find(name); it != children_.end()) return it->second;
  const Module*& slot = children_[name];
  std::optional<Block> call;
  for (const auto& b : labelled("module"))
    if (b.name == name) call = b;
  const DocNode* src = call ? call->body->child("source") : nullptr;
  if (!call || !src) return nullptr;
  const auto source = literal(*call->file, *src);
  if (!source) return note(*call->file, *src, fmt::format("module '{}': the source is not a literal; not followed", name)), nullptr;
  const auto local_source = local_dir(*source);
  if (!local_source) {
    const bool local = source->rfind("./", 0) == 0 || source->rfind("../", 0) == 0;
    note(*call->file, *src, fmt::format("module '{}': {} '{}' is not followed; functions it declares are not read", name,
                                        local ? "a source outside the workload" : "the remote source", *source));
    return nullptr;
  }
  const std::string& dir = *local_source;
  std::error_code ec;
  fs::path walk = ws_.root;
  for (const auto& part : fs::path(dir)) {
    walk /= part;
    if (fs::is_symlink(fs::symlink_status(walk, ec))) {
      note(*call->file, *src, fmt::format("module '{}': '{}' is a link; not followed", name, *source));
      return nullptr;
    }
  }
  int depth = 0;
  for (const Module* m = this; m; m = m->parent_, ++depth)
    if (m->dir_ == dir || depth >= kMaxDepth) {
      note(*call->file, *src, fmt::format("module '{}': '{}' {}; not followed", name, *source,
                                          m->dir_ == dir ? "calls itself (a cycle)" : "is nested too deep"));
      return nullptr;
    }
  if (!ws_.by_dir.count(dir)) {
    note(*call->file, *src, fmt::format("module '{}': no .tf file of the workload declares a function or policy in '{}'", name, dir));
    return nullptr;
  }
  auto m = std::make_unique<Module>(ws_, dir, this, prefix_ + "module." + name + ".");
  static const std::set<std::string> kMeta{"source", "version", "providers", "count", "for_each", "depends_on"};
  for (const auto& [key, raw] : call->body->items) {
    if (kMeta.count(key)) continue;
    Bound b{value(*call->file, raw), call->file, this, {}};
    b.value.line = raw.line;
    b.value.column = raw.column;
    if (!simple(b.value)) b.unknown = "is not a literal or a simple reference";
    m->vars_[key] = std::move(b);
  }
  for (const auto& v : m->labelled("variable"))
    if (const auto* def = v.body->child("default"); def && !m->vars_.count(v.name))
      m->vars_[v.name] = {m->value(*v.file, *def), v.file, m.get(), {}};
  slot = m.get();
  ws_.instances.push_back(std::move(m));
  return slot;
}

bool Module::simple(const DocNode& v, int depth) {
  if (depth > kMaxDepth) return false;
  if (v.type == DocNode::Type::scalar)
    return v.tag.empty() || (v.tag == "expr" && plain_reference(v.scalar));
  for (const auto& [_, item] : v.items)
    if (!simple(item, depth + 1)) return false;
  return true;
}

std::optional<std::pair<const TfFile*, const DocNode*>> Module::local_value(const std::string& name) const {
  for (const auto* f : files_)
    for (const auto& [k, body] : f->root.items)
      if (k == "locals" && body.is_map())
        if (const auto* v = body.child(name)) return std::pair{f, v};
  return std::nullopt;
}

Resolved Module::resolve(DocNode node, const TfFile* file) const {
  int budget = 8 * kMaxDepth;
  return resolve(std::move(node), file, 0, budget);
}

Resolved Module::resolve(DocNode node, const TfFile* file, int depth, int& budget) const {
  const Module* scope = this;
  // Every hop, at every depth, spends one step of one budget: a configuration whose locals
  // name each other's attributes (local.a = local.a.x) ends in bounded time, unresolved.
  while (budget-- > 0) {
    const auto parts = split(ref_of(node), '.');
    if (parts.size() >= 2 && (parts[0] == "var" || parts[0] == "local")) {
      Resolved base{{}, nullptr, scope};
      if (parts[0] == "var") {
        const auto it = scope->vars_.find(parts[1]);
        if (it == scope->vars_.end() || !it->second.unknown.empty()) break;
        base = {it->second.value, it->second.file, it->second.scope};
      } else {
        const auto hit = scope->local_value(parts[1]);
        if (!hit) break;
        base = {scope->value(*hit->first, *hit->second), hit->first, scope};
      }
      // var.x.y, local.x.y: an attribute of an object the variable or local holds (itself
      // followed first when it is a reference), or of a resource it names (local.b.arn where
      // b = aws_s3_bucket.b is aws_s3_bucket.b.arn); anything else leaves the reference as it is.
      if (parts.size() > 2) {
        if (depth >= kMaxDepth) break;
        base = base.scope->resolve(std::move(base.node), base.file, depth + 1, budget);
        const DocNode* at = &base.node;
        std::string longer;
        for (std::size_t i = 2; at && i < parts.size(); ++i) {
          if (at->is_map()) {
            at = at->child(parts[i]);
          } else if (const auto r = ref_of(*at); plain_reference(r)) {
            longer = r;
            for (std::size_t j = i; j < parts.size(); ++j) longer += "." + parts[j];
            break;
          } else {
            at = nullptr;
          }
        }
        if (!at) break;
        if (longer.empty()) {
          base.node = DocNode(*at);
        } else {
          DocNode n = DocNode::make_scalar(longer, at->line, at->column);
          n.tag = "expr";
          base.node = std::move(n);
        }
      }
      node = std::move(base.node);
      file = base.file;
      scope = base.scope;
    } else if (parts.size() == 3 && parts[0] == "module") {
      const Module* m = scope->child(parts[1]);
      const auto out = m ? m->labelled("output") : std::vector<Block>{};
      const auto o = std::find_if(out.begin(), out.end(), [&](const Block& b) { return b.name == parts[2]; });
      const DocNode* value = o == out.end() ? nullptr : o->body->child("value");
      if (!value) break;
      node = m->expr(*o->file, *value);
      file = o->file;
      scope = m;
    } else {
      break;
    }
  }
  return {std::move(node), file, scope};
}

std::string Module::address(const std::string& ref) const {
  for (const char* shared : {"data.aws_region", "data.aws_caller_identity", "data.aws_partition"})
    if (ref.rfind(shared, 0) == 0) return ref;
  return prefix_ + ref;
}

std::string Module::substitute(const std::string& text) const {
  std::string out;
  std::size_t i = 0;
  for (std::size_t open; (open = text.find("${", i)) != std::string::npos;) {
    const auto close = text.find('}', open);
    if (close == std::string::npos) break;
    out += text.substr(i, open - i);
    const std::string inner = text.substr(open + 2, close - open - 2);
    i = close + 1;
    DocNode ref_node = DocNode::make_scalar(inner, 0, 0);
    ref_node.tag = "expr";
    const auto r = resolve(std::move(ref_node), nullptr);
    const bool moved = r.scope != this || r.node.scalar != inner;
    if (const auto ref = moved ? ref_of(r.node) : inner; !ref.empty() && ref.find_first_of(" ()?:") == std::string::npos &&
                                                          ref.rfind("var.", 0) != 0 && ref.rfind("path.", 0) != 0 &&
                                                          ref.rfind("local.", 0) != 0 && ref.rfind("module.", 0) != 0) {
      out += "${" + r.scope->address(ref) + "}";
    } else if (moved && r.node.type == DocNode::Type::scalar && r.node.tag.empty()) {
      out += r.node.scalar;
    } else {
      out += text.substr(open, close + 1 - open);
    }
  }
  return out + text.substr(i);
}

std::vector<Module::Block> Module::blocks(const char* kind, const char* type) const {
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

std::optional<Module::Block> Module::block(const char* kind, const std::string& type, const std::string& name) const {
  for (const auto& b : blocks(kind, type.c_str()))
    if (b.name == name) return b;
  return std::nullopt;
}

DocNode Module::expr(const TfFile& f, const DocNode& attr) const {
  if (attr.type != DocNode::Type::scalar) return attr;
  const auto at = value_offset(f.text, *f.lines, attr);
  if (at == std::string::npos) {
    DocNode n = attr;
    n.tag = "expr";
    return n;
  }
  return read_hcl_expression(f.text, at, *f.lines);
}

DocNode Module::value(const TfFile& f, const DocNode& attr, int depth) const {
  if (attr.type == DocNode::Type::scalar || attr.type == DocNode::Type::null) return expr(f, attr);
  DocNode out = attr;
  for (auto& [_, item] : out.items) {
    if (depth >= kMaxDepth) {
      item = DocNode::make_scalar(item.scalar, item.line, item.column);
      item.tag = "expr";  // too deep to read: not known
    } else {
      item = value(f, item, depth + 1);
    }
  }
  return out;
}

std::optional<std::string> Module::literal(const TfFile& f, const DocNode& attr) const {
  const auto r = resolve(expr(f, attr), &f);
  if (r.node.type != DocNode::Type::scalar || !r.node.tag.empty()) return std::nullopt;
  std::string text = r.scope->substitute(r.node.scalar);
  if (text.find("${") != std::string::npos) return std::nullopt;
  return text;
}

const Module* Module::top() const {
  const Module* m = this;
  while (m->parent_) m = m->parent_;
  return m;
}

}  // namespace lambdafit::permissions::tf
