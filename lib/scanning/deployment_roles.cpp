#include "scanning/deployment_roles.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>
#include <re2/re2.h>

#include "core/glob.hpp"
#include "core/spelling.hpp"
#include "rulepack/pack_codec.hpp"
#include "scanning/descriptors/doc_path.hpp"
#include "scanning/scan.hpp"
#include "scanning/text/text_file.hpp"

namespace lambdafit {

namespace {

using descriptors::DocNode;
using descriptors::DocPath;
using descriptors::PathMatch;

constexpr std::uint64_t kMaxDeploymentFileBytes = 4 * 1024 * 1024;

const std::vector<std::string> kKeys{"id", "description", "document", "files", "in_file",
                                     "path", "names", "base", "role"};
const std::vector<std::string> kNames{"path",    "glob", "handler", "entry-point",
                                      "copy",    "command", "automake-program"};
// What `role` may say, and the namings that name files outright, as those roles need (a
// directory mark gives way to the conventions inside it, which only `deployed` does).
const std::vector<std::string> kRoles{"deployed", "build", "test", "tooling"};
const std::vector<std::string> kOutrightNames{"command", "automake-program"};

struct Base {
  DocPath path;
  bool from_root = false;
};

struct DeployConfig final : DetectorConfig {
  std::string document;
  std::vector<std::string> files;
  Regex in_file;
  std::vector<DocPath> paths;
  std::string names;
  std::vector<Base> bases;
  /// `build`: programs a deploy tool runs, not code that ships; `test`, `tooling`: sources
  /// of programs built to check or help, never installed.
  FileRole role = FileRole::deployed;
};

// ---- paths -----------------------------------------------------------------------------------

std::string dir_of(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

// `value` relative to the workload directory `dir`, normalized; nullopt when it is absolute,
// remote or climbs out of the workload (never followed).
std::optional<std::string> resolve(std::string_view dir, std::string_view value) {
  if (value.empty() || value.front() == '/' || value.find("://") != std::string_view::npos) return std::nullopt;
  std::vector<std::string> parts;
  auto push = [&](std::string_view s) {
    std::size_t start = 0;
    while (start <= s.size()) {
      const auto slash = std::min(s.find('/', start), s.size());
      const std::string_view seg = s.substr(start, slash - start);
      if (seg == "..") {
        if (parts.empty()) return false;
        parts.pop_back();
      } else if (!seg.empty() && seg != ".") {
        parts.emplace_back(seg);
      }
      start = slash + 1;
    }
    return true;
  };
  if (!push(dir) || !push(value)) return std::nullopt;
  return fmt::format("{}", fmt::join(parts, "/"));
}

// Whether a value is computed by a deploy tool rather than written out.
bool computed(const DocNode& n) {
  if (!n.tag.empty()) return true;
  const std::string& t = n.scalar;
  for (const char* marker : {"${", "#{", "$(", "{{"})
    if (t.find(marker) != std::string::npos) return true;
  if (!t.empty() && t.front() == '$') return true;
  for (const char* hcl : {"var.", "local.", "module.", "data.", "path."})
    if (t.rfind(hcl, 0) == 0) return true;
  return false;
}

// The items of an HCL list written out (`[local.python, "${path.module}/build.py", "x"]`):
// string items unquoted, other items (references, calls) as written. Empty when `text` is not
// a list.
std::vector<std::string> hcl_list_items(std::string_view text) {
  std::vector<std::string> out;
  if (text.size() < 2 || text.front() != '[' || text.back() != ']') return out;
  std::string cur;
  bool in_string = false, quoted = false;
  int depth = 0;
  auto flush = [&] {
    std::string_view v = cur;
    while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.remove_prefix(1);
    while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.remove_suffix(1);
    if (!v.empty() || quoted) out.emplace_back(v);
    cur.clear();
    quoted = false;
  };
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\' && i + 2 < text.size()) cur += text[++i];
      else if (c == '"') in_string = false;
      else cur += c;
    } else if (c == '"' && depth == 0) {
      in_string = quoted = true;
    } else if (c == ',' && depth == 0) {
      flush();
    } else if (c == '\n' || c == '#') {  // comments inside the list were kept as written
      if (c == '#')
        while (i + 2 < text.size() && text[i + 1] != '\n') ++i;
      cur += ' ';
    } else {
      if (c == '(' || c == '[' || c == '{') ++depth;
      if (c == ')' || c == ']' || c == '}') --depth;
      cur += c;
    }
  }
  flush();
  return out;
}

// Terraform's `${path.module}` is the folder of the file that says it: the value's own base.
std::string without_module_path(std::string w) {
  for (const char* m : {"${path.module}/", "${path.module}"})
    if (w.rfind(m, 0) == 0) return w.substr(std::string_view(m).size());
  return w;
}

// The words of a command line, each at its place: a list's items where they are written,
// the words of one string at the string's place.
std::vector<DocNode> words_of(const DocNode& n, bool hcl) {
  std::vector<DocNode> out;
  auto word = [&](std::string w) {
    out.push_back(DocNode::make_scalar(hcl ? without_module_path(std::move(w)) : std::move(w), n.line, n.column));
  };
  if (hcl && n.type == DocNode::Type::scalar && !n.scalar.empty() && n.scalar.front() == '[') {
    for (auto& item : hcl_list_items(n.scalar)) word(std::move(item));
    return out;
  }
  if (n.is_list()) {
    for (const auto& [k, v] : n.items)
      if (v.type == DocNode::Type::scalar) {
        out.push_back(v);
        if (hcl) out.back().scalar = without_module_path(std::move(out.back().scalar));
      }
    return out;
  }
  std::string cur;
  for (char c : n.scalar) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!cur.empty()) word(std::move(cur));
      cur.clear();
    } else if (c != '"' && c != '\'') {
      cur += c;
    }
  }
  if (!cur.empty()) word(std::move(cur));
  return out;
}

// ---- the workload's files ----------------------------------------------------------------------

class Files {
 public:
  explicit Files(const std::vector<WorkloadFile>& files) {
    for (const auto& f : files) paths_.push_back(f.path);
    std::sort(paths_.begin(), paths_.end());
  }
  bool is_file(std::string_view p) const { return std::binary_search(paths_.begin(), paths_.end(), p); }
  bool has_under(const std::string& dir) const {
    auto it = std::lower_bound(paths_.begin(), paths_.end(), dir + "/");
    return it != paths_.end() && it->compare(0, dir.size() + 1, dir + "/") == 0;
  }
  // Files under `dir` ("" = all) for which `pred` holds.
  template <class Pred>
  std::vector<std::string> under(const std::string& dir, Pred pred) const {
    std::vector<std::string> out;
    const std::string prefix = dir.empty() ? "" : dir + "/";
    for (auto it = std::lower_bound(paths_.begin(), paths_.end(), prefix);
         it != paths_.end() && it->compare(0, prefix.size(), prefix) == 0; ++it)
      if (pred(it->substr(prefix.size()))) out.push_back(*it);
    return out;
  }

 private:
  std::vector<std::string> paths_;
};

std::string strip_ext(std::string_view p) {
  const auto slash = p.rfind('/');
  const auto dot = p.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash) || dot == 0)
    return std::string(p);
  return std::string(p.substr(0, dot));
}

std::string dots_to_slashes(std::string s) {
  std::replace(s.begin(), s.end(), '.', '/');
  return s;
}

bool ends_with_segment(std::string_view rel, std::string_view tail) {
  return rel == tail || (rel.size() > tail.size() && rel.substr(rel.size() - tail.size()) == tail &&
                         rel[rel.size() - tail.size() - 1] == '/');
}

// The source files a handler string names, under `base`.
std::vector<std::string> handler_files(const Files& files, const std::string& base, const std::string& value) {
  if (value.find("::") != std::string::npos) {
    // Java `pkg.Class::method`; .NET `Assembly::Namespace.Class::Method`.
    std::vector<std::string> parts;
    for (std::size_t s = 0, e; s <= value.size(); s = e + 2) {
      e = value.find("::", s);
      if (e == std::string::npos) e = value.size();
      parts.push_back(value.substr(s, e - s));
      if (e == value.size()) break;
    }
    const std::string cls = dots_to_slashes(parts.size() >= 3 ? parts[1] : parts[0]);
    if (cls.empty()) return {};
    return files.under(base, [&](std::string_view rel) { return ends_with_segment(strip_ext(rel), cls); });
  }
  const auto dot = value.rfind('.');
  const auto slash = value.rfind('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) {
    const auto p = resolve(base, value);  // Go and custom runtimes: an executable's name
    return p && files.is_file(*p) ? std::vector<std::string>{*p} : std::vector<std::string>{};
  }
  const std::string module = value.substr(0, dot);
  std::set<std::string> stems;
  for (const auto& m : {module, dots_to_slashes(module)})
    if (auto p = resolve(base, m)) stems.insert(*p);
  std::vector<std::string> out;
  for (const auto& stem : stems)
    for (auto& f : files.under(dir_of(stem), [&](std::string_view rel) {
           return rel.find('/') == std::string_view::npos && strip_ext(rel) == stem.substr(stem.rfind('/') + 1);
         }))
      out.push_back(std::move(f));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The Python module an entry point (`pkg.module:function`) names, under `base` or its src/.
std::vector<std::string> entry_point_files(const Files& files, const std::string& base, const std::string& value) {
  std::string module = value.substr(0, value.find(':'));
  while (!module.empty() && std::isspace(static_cast<unsigned char>(module.back()))) module.pop_back();
  if (module.empty()) return {};
  const std::string stem = dots_to_slashes(module);
  return files.under(base, [&](std::string_view rel) {
    return ends_with_segment(rel, stem + ".py") || ends_with_segment(rel, stem + "/__init__.py");
  });
}

// ---- reading one deployment file ------------------------------------------------------------

struct Context {
  const WorkloadFile& file;
  const Files& files;
  ScanOutput& out;
  const DeployRule& rule;
  std::set<std::string>& noted;  ///< places already noted (a CodeUri is also a Handler's base)
  const DocNode* root = nullptr;  ///< the document read (an Automake program's sources are beside it)
};

std::string where(const Context& c, const DocNode& n) {
  return fmt::format("{}:{}:{}", c.file.path, n.line, n.column);
}

void note_computed(const Context& c, const DocNode& n) {
  if (!c.noted.insert(where(c, n)).second) return;
  std::string shown = n.tag.empty() ? n.text() : n.tag + (n.text().empty() ? "" : " " + n.text());
  if (shown.size() > 80) shown = shown.substr(0, 77) + "...";
  const bool automake = static_cast<const DeployConfig&>(*c.rule.config).document == "automake";
  c.out.note(fmt::format("{}: note: '{}' is {}, not a literal path; the files it names keep their path roles "
                         "[deployed-by:{}]",
                         where(c, n), shown,
                         automake ? "set by configure, make or another file, not in this one"
                                  : "computed when deployed",
                         c.rule.id));
}

// An Automake value left as written: a reference the Makefile.am does not define, or an
// `@SUBST@` configure fills in.
bool unexpanded(const DocNode& n) {
  if (n.scalar.find('$') != std::string::npos) return true;
  const auto at = n.scalar.find('@');
  return at != std::string::npos && n.scalar.find('@', at + 1) != std::string::npos;
}

// `$(top_srcdir)` is the folder of the Automake tree's configure.ac: the nearest one at or
// above `dir` inside the workload. nullopt when there is none to see.
std::optional<std::string> top_srcdir(const Files& files, std::string dir) {
  for (;;) {
    for (const char* f : {"configure.ac", "configure.in"})
      if (files.is_file(dir.empty() ? std::string(f) : dir + "/" + f)) return dir;
    if (dir.empty()) return std::nullopt;
    dir = dir_of(dir);
  }
}

// An Automake word as a path relative to `base`, the Makefile.am's folder: `$(top_srcdir)/x`
// and `$(top_builddir)/x` are read from the configure.ac's folder. nullopt (after a note)
// for any other value this file leaves as written.
std::optional<std::string> automake_path(const Context& c, const std::string& base, const DocNode& w) {
  if (!unexpanded(w)) return resolve(base, w.scalar);
  for (const char* top : {"$(top_srcdir)/", "${top_srcdir}/", "$(top_builddir)/", "${top_builddir}/"})
    if (w.scalar.rfind(top, 0) == 0) {
      const DocNode rest = DocNode::make_scalar(w.scalar.substr(std::string_view(top).size()), w.line, w.column);
      if (auto dir = top_srcdir(c.files, base); dir && !unexpanded(rest)) return resolve(*dir, rest.scalar);
      break;
    }
  note_computed(c, w);
  return std::nullopt;
}

// Automake's name for a program's variables: every character other than a letter, digit,
// '_' or '@' becomes '_' (`memcached-debug` -> `memcached_debug`, `libx.la` -> `libx_la`).
std::string canonical(std::string_view name) {
  std::string out(name);
  for (auto& ch : out)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_' && ch != '@') ch = '_';
  return out;
}

// The files an Automake program or library (`name`, as bin_PROGRAMS or lib_LTLIBRARIES
// lists it) is built from: its `_SOURCES`, `EXTRA_…_SOURCES` and `nodist_…_SOURCES`, else
// Automake's default, the name with its extension replaced by `.c` (AM_DEFAULT_SOURCE_EXT
// when the file sets it). Paths are relative to the Makefile.am's folder; listed headers
// count too.
// A name another variable lists (`TESTS = t/test_core$(EXEEXT)`) is a program only when the
// file builds it: it has `_SOURCES`, or a `*_PROGRAMS` / `*_LIBRARIES` / `*_LTLIBRARIES`
// variable lists it. A test script (`TESTS = run.sh`) is not, and names no sources.
bool builds(const DocNode& root, const std::string& name, const DocNode* listed) {
  if (listed) return true;
  for (const auto& [key, list] : root.items) {
    const std::string_view k = key;
    if (!k.ends_with("_PROGRAMS") && !k.ends_with("_LIBRARIES") && !k.ends_with("_LTLIBRARIES")) continue;
    for (const auto& [i, v] : list.items)
      if (v.scalar == name) return true;
  }
  return false;
}

void mark_automake_program(const Context& c, const DeployConfig& cfg, const std::string& base, const DocNode& n) {
  if (unexpanded(n)) return note_computed(c, n);  // bin_PROGRAMS = @EXTRA_PROGS@
  const std::string canon = canonical(n.scalar);
  std::vector<DocNode> sources;
  const DocNode* listed = c.root->child(canon + "_SOURCES");
  if (!builds(*c.root, n.scalar, listed)) return;
  if (listed) {
    for (const auto& [k, v] : listed->items) sources.push_back(v);
  } else {
    std::string ext = ".c";
    if (const DocNode* e = c.root->child("AM_DEFAULT_SOURCE_EXT"); e && e->items.size() == 1)
      ext = e->items.front().second.scalar;
    sources.push_back(DocNode::make_scalar(strip_ext(n.scalar) + ext, n.line, n.column));
  }
  for (const char* extra : {"EXTRA_", "nodist_"})
    if (const DocNode* more = c.root->child(extra + canon + "_SOURCES"))
      for (const auto& [k, v] : more->items) sources.push_back(v);
  std::vector<std::string> paths;
  for (const auto& w : sources)
    if (auto p = automake_path(c, base, w); p && c.files.is_file(*p)) paths.push_back(std::move(*p));
  const std::string label = resolve(base, n.scalar).value_or(n.scalar);
  if (cfg.role == FileRole::deployed) c.out.roles().mark_deployed_files(paths, label, where(c, n), c.rule.id, true);
  else c.out.roles().mark_files_as(cfg.role, paths, label, where(c, n), c.rule.id);
}

// Marks what a path (file or directory) names.
void mark_path(const Context& c, const std::string& path, const std::string& source) {
  if (path.empty()) return;  // the whole workload: no more than the default says
  if (c.files.is_file(path)) c.out.roles().mark_deployed(path, source, c.rule.id, true);
  else if (c.files.has_under(path)) c.out.roles().mark_deployed(path + "/", source, c.rule.id, false);
}

void mark_value(const Context& c, const DeployConfig& cfg, const std::string& base, const DocNode& n) {
  const std::string source = where(c, n);
  auto& roles = c.out.roles();
  if (cfg.names == "automake-program") {
    if (n.type == DocNode::Type::scalar) return mark_automake_program(c, cfg, base, n);
    for (const auto& [k, v] : n.items)
      if (v.type == DocNode::Type::scalar) mark_automake_program(c, cfg, base, v);
    return;
  }
  if (cfg.names == "copy" || cfg.names == "command") {
    if (!n.tag.empty()) return note_computed(c, n);
    auto words = words_of(n, cfg.document == "hcl");
    auto starts = [](const DocNode& w, const char* prefix) { return w.scalar.rfind(prefix, 0) == 0; };
    if (cfg.names == "copy") {
      if (std::any_of(words.begin(), words.end(), [&](const DocNode& w) { return starts(w, "--from"); }))
        return;  // from another build stage or image, not from the tree
      std::erase_if(words, [&](const DocNode& w) { return starts(w, "--"); });
      if (words.size() < 2) return;
      words.pop_back();  // the destination
    }
    for (const auto& word : words) {
      const std::string& w = word.scalar;
      if (w.empty() || w.front() == '-') continue;
      std::optional<std::string> p;
      if (cfg.document == "automake") {
        p = automake_path(c, base, word);
      } else if (computed(word)) {
        note_computed(c, word);
        continue;
      } else {
        p = resolve(base, w);
      }
      if (!p || p->empty()) continue;
      if (cfg.names == "command") {
        if (!c.files.is_file(*p)) continue;
        const std::string at = where(c, word);
        if (cfg.role == FileRole::deployed) roles.mark_deployed(*p, at, c.rule.id, true);
        else roles.mark_files_as(cfg.role, {*p}, *p, at, c.rule.id);
      } else if (w.find_first_of("*?[") != std::string::npos) {
        roles.mark_deployed_files(c.files.under("", [&](std::string_view rel) { return glob_match(*p, rel); }), *p,
                                  source, c.rule.id);
      } else {
        mark_path(c, *p, source);
      }
    }
    return;
  }
  if (!n.tag.empty()) return note_computed(c, n);  // !Ref, !Sub, !If [...]: never guessed
  if (n.type != DocNode::Type::scalar) {
    // Lists (package.json `bin` as a map, several patterns) hold one value per item.
    for (const auto& [k, v] : n.items)
      if (v.type == DocNode::Type::scalar) mark_value(c, cfg, base, v);
    return;
  }
  std::string value = n.scalar;
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.pop_back();
  if (value.empty()) return;
  if (computed(n)) return note_computed(c, n);
  if (cfg.names == "path") {
    if (auto p = resolve(base, value)) mark_path(c, *p, source);
  } else if (cfg.names == "glob") {
    if (value.front() == '!') return;  // an exclude pattern
    if (auto p = resolve(base, value); p && !p->empty())
      roles.mark_deployed_files(c.files.under("", [&](std::string_view rel) { return glob_match(*p, rel); }), *p,
                                source, c.rule.id);
  } else if (cfg.names == "handler") {
    for (const auto& f : handler_files(c.files, base, value)) roles.mark_deployed(f, source, c.rule.id, true);
  } else if (cfg.names == "entry-point") {
    for (const auto& f : entry_point_files(c.files, base, value)) roles.mark_deployed(f, source, c.rule.id, true);
  }
}

// The directory a value is relative to: the first `base` that is set, else the file's own.
// nullopt (after a note) when the base itself is computed.
std::optional<std::string> base_of(const Context& c, const DeployConfig& cfg, const DocNode& root,
                                   const PathMatch& m) {
  const std::string own = dir_of(c.file.path);
  for (const auto& b : cfg.bases) {
    const DocNode* from = b.from_root ? &root : m.parent;
    if (!from) continue;
    std::vector<PathMatch> found;
    descriptors::find_nodes(*from, b.path, false, found);
    for (const auto& f : found) {
      if (f.node->type == DocNode::Type::null && f.node->tag.empty()) continue;  // `CodeUri:` left empty
      // A map or list (an S3 location) names no code in the tree: nothing to mark.
      if (f.node->type != DocNode::Type::scalar && f.node->tag.empty()) return std::nullopt;
      if (computed(*f.node)) {
        note_computed(c, *f.node);
        return std::nullopt;
      }
      std::string v = f.node->scalar;
      while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.pop_back();
      if (v.empty()) continue;
      if (auto p = resolve(own, v)) return *p;
      return std::nullopt;  // outside the workload: nothing of ours
    }
  }
  return own;
}

void read_rules(const Context& base_ctx, const std::vector<const DeployRule*>& rules, const DocNode& root) {
  for (const DeployRule* r : rules) {
    const auto& cfg = static_cast<const DeployConfig&>(*r->config);
    Context c{base_ctx.file, base_ctx.files, base_ctx.out, *r, base_ctx.noted, &root};
    std::vector<PathMatch> matches;
    for (const auto& p : cfg.paths) descriptors::find_nodes(root, p, false, matches);
    for (const auto& m : matches) {
      const auto base = base_of(c, cfg, root, m);
      if (base) mark_value(c, cfg, *base, *m.node);
    }
  }
}

// The compiled rule pack's encoding (save_deploy_config).
template <class A>
void serialize(A& a, Base& b) {
  a(b.path, b.from_root);
}
template <class A>
void serialize(A& a, DeployConfig& c) {
  a(c.document, c.files, c.in_file, c.paths, c.names, c.bases, c.role);
}

}  // namespace

void save_deploy_config(const DetectorConfig& c, PackOut& a) { save_config<DeployConfig>(a, c); }
std::shared_ptr<const DetectorConfig> restore_deploy_config(PackIn& a) { return restore_config<DeployConfig>(a); }

void load_deploy_rules(const YamlFile& f, std::vector<DeployRule>& out, Diagnostics& d) {
  const auto list = f.root()["deployed_by"];
  if (!list) return;
  if (!list.IsSequence()) {
    f.error(d, list, "'deployed_by' must be a list");
    return;
  }
  for (const auto& n : list) {
    if (!n.IsMap()) {
      f.error(d, n, "each item of 'deployed_by' must be a mapping");
      continue;
    }
    if (!check_keys(f, n, kKeys, d, "a deployed_by rule")) continue;
    auto id = get_scalar(f, n, "id", d, true);
    auto doc = get_scalar(f, n, "document", d, true);
    auto files = get_string_list(f, n, "files", d, true);
    auto paths = get_string_list(f, n, "path", d, true);
    auto names = get_scalar(f, n, "names", d, true);
    if (!id || !doc || !files || !paths || !names) continue;
    auto cfg = std::make_shared<DeployConfig>();
    bool ok = true;
    const auto& types = descriptors::document_types();
    if (std::find(types.begin(), types.end(), *doc) == types.end()) {
      f.error(d, n["document"], fmt::format("unknown document type '{}'{}", *doc, did_you_mean(*doc, types)));
      ok = false;
    }
    if (std::find(kNames.begin(), kNames.end(), *names) == kNames.end()) {
      f.error(d, n["names"], fmt::format("'names' is one of {}, not '{}'{}", fmt::join(kNames, ", "), *names,
                                         did_you_mean(*names, kNames)));
      ok = false;
    }
    for (const auto& p : *paths) {
      std::string why;
      if (auto path = descriptors::parse_doc_path(p, &why)) cfg->paths.push_back(std::move(*path));
      else {
        f.error(d, n["path"], why);
        ok = false;
      }
    }
    if (auto bases = get_string_list(f, n, "base", d)) {
      for (const auto& b : *bases) {
        Base base;
        base.from_root = !b.empty() && b.front() == '/';
        std::string why;
        auto path = descriptors::parse_doc_path(base.from_root ? std::string_view(b).substr(1) : b, &why);
        if (!path) {
          f.error(d, n["base"], why);
          ok = false;
          continue;
        }
        base.path = std::move(*path);
        cfg->bases.push_back(std::move(base));
      }
    }
    if (auto role = get_scalar(f, n, "role", d)) {
      const bool outright = std::find(kOutrightNames.begin(), kOutrightNames.end(), *names) != kOutrightNames.end();
      if (std::find(kRoles.begin(), kRoles.end(), *role) == kRoles.end()) {
        f.error(d, n["role"], fmt::format("'role' is one of {}, not '{}'{}", fmt::join(kRoles, ", "), *role,
                                          did_you_mean(*role, kRoles)));
        ok = false;
      } else if (*role != "deployed" && !outright) {
        f.error(d, n["role"], fmt::format("'role: {}' marks files named outright: it needs 'names: {}', not "
                                          "'names: {}'",
                                          *role, fmt::join(kOutrightNames, "' or 'names: "), *names));
        ok = false;
      } else {
        cfg->role = file_role_from_string(*role).value_or(FileRole::deployed);
      }
    }
    cfg->in_file = descriptors::compile_rule_regex(f, n, "in_file", d, &ok);
    if (!ok) continue;
    cfg->document = *doc;
    cfg->files = std::move(*files);
    cfg->names = *names;
    out.push_back(DeployRule{*id, std::move(cfg), f.where(n)});
  }
}

void mark_deployment_roles(const ScanInput& in, const std::vector<DeployRule>& rules, ScanOutput& out) {
  if (rules.empty()) return;
  const Files files(in.files);
  struct Pending {
    const WorkloadFile* file;
    std::map<std::string, std::vector<const DeployRule*>> by_type;
  };
  std::vector<Pending> pending;
  std::set<std::string> noted;
  for (const auto& file : in.files) {
    Pending p{&file, {}};
    for (const auto& r : rules) {
      const auto& cfg = static_cast<const DeployConfig&>(*r.config);
      if (std::any_of(cfg.files.begin(), cfg.files.end(),
                      [&](const std::string& g) { return glob_match(g, file.path); }))
        p.by_type[cfg.document].push_back(&r);
    }
    if (!p.by_type.empty()) pending.push_back(std::move(p));
  }
  // A deployment file counts once it is deployed or builds the artifact; one that another
  // deployment file names (a template inside an examples/ folder a CodeUri points at) joins
  // in a later round.
  for (bool progress = true; progress;) {
    progress = false;
    for (auto& p : pending) {
      if (p.by_type.empty() || in.cancelled()) continue;
      const FileRole role = out.roles().role_of(p.file->path);
      if (role != FileRole::deployed && role != FileRole::build) continue;
      auto by_type = std::move(p.by_type);
      p.by_type.clear();
      progress = true;
      TextRead read = read_text_file(p.file->absolute, p.file->size, kMaxDeploymentFileBytes);
      if (!read.text) continue;  // the descriptor kind notes unreadable deployment files
      for (auto& [type, rs] : by_type) {
        std::erase_if(rs, [&](const DeployRule* r) {
          const auto& cfg = static_cast<const DeployConfig&>(*r->config);
          return cfg.in_file && !RE2::PartialMatch(*read.text, *cfg.in_file);
        });
        if (rs.empty()) continue;
        // A file that cannot be read in full is noted by the descriptor kind; what was read is used.
        const auto doc = descriptors::read_document(type, *read.text);
        if (doc.error && type == "automake")  // no descriptor detector reads Makefile.am to note it
          out.note(fmt::format("{}:{}:{}: warning: cannot read this automake file in full: {} [deployed-by:{}]",
                               p.file->path, doc.error->line, doc.error->column, doc.error->message,
                               rs.front()->id));
        Context c{*p.file, files, out, *rs.front(), noted};
        for (const auto& root : doc.roots) read_rules(c, rs, root);
      }
    }
  }
}

}  // namespace lambdafit
