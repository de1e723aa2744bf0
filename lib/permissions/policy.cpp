#include "permissions/policy.hpp"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "core/safe_file.hpp"
#include "permissions/functions.hpp"
#include "permissions/resources.hpp"

namespace lambdafit::permissions {
namespace {

namespace fs = std::filesystem;

// Folders no function ships or that hold other people's code.
bool skipped_dir(const std::string& name) {
  static const std::set<std::string> kSkip{".git", ".hg", ".svn", "node_modules", ".aws-sam", ".serverless",
                                           "__pycache__", ".venv", "venv", ".tox", "cdk.out", "target", "build", "dist",
                                           ".terraform"};
  return kSkip.count(name) > 0;
}

std::optional<ts::Grammar> grammar_of(const std::string& rel) {
  const std::string ext = fs::path(rel).extension().string();
  if (ext == ".py") return ts::Grammar::python;
  if (ext == ".js" || ext == ".mjs" || ext == ".cjs") return ts::Grammar::javascript;
  if (ext == ".ts" || ext == ".mts" || ext == ".cts") return ts::Grammar::typescript;
  if (ext == ".tsx") return ts::Grammar::tsx;
  if (ext == ".java") return ts::Grammar::java;
  return std::nullopt;
}

/// Workload-relative paths of regular files, sorted; links are not followed.
std::vector<std::string> list_files(const fs::path& root) {
  std::vector<std::string> out;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::none, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    if (it->is_symlink(ec)) continue;
    if (it->is_directory(ec)) {
      if (skipped_dir(it->path().filename().string()) || it.depth() > 20) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec)) out.push_back(fs::relative(it->path(), root, ec).generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool under(const std::string& rel, const std::string& dir) {
  return dir.empty() || rel == dir || (rel.size() > dir.size() && rel.compare(0, dir.size(), dir) == 0 && rel[dir.size()] == '/');
}

std::string parent(const std::string& rel) { return fs::path(rel).parent_path().generic_string(); }
std::string join(const std::string& dir, const std::string& rel) {
  std::string s = (fs::path(dir) / rel).lexically_normal().generic_string();
  return s.rfind("./", 0) == 0 ? s.substr(2) : s;
}

class Analyzer {
 public:
  Analyzer(const std::string& root, const Data& d, const PermissionsOptions& o) : root_(root), d_(d), o_(o) {}

  PermissionsResult run() {
    PermissionsResult r;
    r.botocore_version = d_.botocore_version;
    r.as_of_date = d_.as_of_date;
    files_ = o_.files.empty() ? list_files(root_) : o_.files;
    file_set_.insert(files_.begin(), files_.end());
    std::vector<CallNote> function_notes;  // reported after the files' notes, as they come later
    std::vector<std::pair<std::string, ts::Grammar>> unparsed;
    const auto specs = read_functions(root_, files_, d_, r.errors, function_notes);
    for (const auto& s : specs)
      for (const auto& l : s.layers)
        if (std::find(all_layers_.begin(), all_layers_.end(), l) == all_layers_.end()) all_layers_.push_back(l);
    for (const auto& f : files_) {
      auto g = grammar_of(f);
      const bool cpp = is_cpp_source(f);
      if ((!g && !cpp) || (o_.counts && !o_.counts(f))) continue;
      if (specs.empty() && g && o_.no_sdk.count(f)) {  // read already: it cannot call the SDK itself
        by_file_[f] = {};
        unparsed.emplace_back(f, *g);
        continue;
      }
      std::string why;
      auto text = read_regular_file(fs::path(root_) / f, {fs::path(root_), o_.max_file_bytes}, why);
      if (!text) {
        r.notes.push_back({f, 1, 1, why});
        continue;
      }
      // With no function to follow imports for, a file that cannot call the SDK is not parsed,
      // unless a module of its language turns out to export a client (below).
      if (specs.empty() && g && !may_call_sdk(d_, *g, *text)) {
        by_file_[f] = {};
        unparsed.emplace_back(f, *g);
        continue;
      }
      auto calls = cpp ? read_cpp_calls(d_, f, *text) : read_sdk_calls(d_, *g, f, *text);
      if (cpp) calls.imports = quoted_includes(*text);
      by_file_[f] = std::move(calls);
    }
    use_cpp_parse(r.notes);
    std::set<ts::Grammar> exporting;
    for (const auto& [f, calls] : by_file_)
      if (auto g = grammar_of(f); g && !calls.exports.empty()) exporting.insert(*g);
    for (const auto& [f, g] : unparsed) {
      if (!exporting.count(g)) continue;
      std::string why;
      if (auto text = read_regular_file(fs::path(root_) / f, {fs::path(root_), o_.max_file_bytes}, why))
        by_file_[f] = read_sdk_calls(d_, g, f, *text);  // its imports, to bind what it uses
    }
    follow_module_clients(r.notes);
    for (const auto& [_, calls] : by_file_) r.notes.insert(r.notes.end(), calls.notes.begin(), calls.notes.end());
    r.notes.insert(r.notes.end(), function_notes.begin(), function_notes.end());
    if (specs.empty()) {
      FunctionSpec whole;
      whole.name = "workload";
      std::vector<std::string> all;
      for (const auto& [f, _] : by_file_) all.push_back(f);
      r.functions.push_back(build(whole, all));
    }
    for (const auto& s : specs) r.functions.push_back(build(s, reachable(s)));
    return r;
  }

 private:
  std::string root_;
  const Data& d_;
  const PermissionsOptions& o_;
  std::vector<std::string> files_;
  std::set<std::string> file_set_;
  std::map<std::string, FileCalls> by_file_;
  std::vector<std::string> all_layers_;  ///< every function's layer folders
  /// C/C++ files by file name, for includes found through an -I folder (built on first use).
  mutable std::multimap<std::string, std::string> cpp_by_name_;
  static inline const std::vector<cpp::SdkSite> kNoSites{};

  cpp::SdkCalls parsed_cpp_;  ///< parse_cpp's answer, when it was asked

  /// C/C++ files a parse read with the SDK's headers take its calls instead of their text's
  /// (scanning/clang/sdk_sites.hpp): the scan's parse, else one made now when a C/C++ file
  /// includes an `<aws/…>` header. A file left to its text says so when there was a parse.
  void use_cpp_parse(std::vector<CallNote>& notes) {
    const auto first = std::find_if(by_file_.begin(), by_file_.end(), [](const auto& e) { return e.second.includes_sdk; });
    const cpp::SdkCalls* sdk = o_.cpp;
    if (!sdk && first != by_file_.end() && o_.parse_cpp) {
      std::vector<std::string> parse_notes;
      parsed_cpp_ = o_.parse_cpp(parse_notes);
      sdk = &parsed_cpp_;
      if (!parsed_cpp_.parsed) {  // no unit parsed at all (none to parse, no worker): said once
        std::string why;
        for (const auto& n : parse_notes)
          if (n.find("not parsed") != std::string::npos) why = n;
        notes.push_back({first->first, 1, 1,
                         fmt::format("C/C++ was not parsed{}{}; aws-sdk-cpp calls are read from the request type names",
                                     why.empty() ? "" : ": ", why)});
      }
    }
    if (!sdk || !sdk->parsed) return;
    for (auto& [f, calls] : by_file_) {
      if (!is_cpp_source(f)) continue;
      if (sdk->files.count(f)) {
        const auto sites = sdk->sites.find(f);
        auto parsed = cpp_calls_from_parse(d_, f, sites == sdk->sites.end() ? kNoSites : sites->second);
        parsed.imports = std::move(calls.imports);
        calls = std::move(parsed);
      } else if (!calls.calls.empty()) {
        const auto& at = calls.calls.front();
        calls.notes.push_back({f, at.line, at.column,
                               "aws-sdk-cpp calls read from the request type names written here: no parse of this "
                               "file found the SDK's headers (<aws/…> includes did not all resolve, or no unit "
                               "includes the file)"});
      }
    }
  }

  /// How many modules a re-export chain is followed through, and how many times files are
  /// read again as what their imports export becomes known.
  static constexpr int kMaxExportDepth = 8;

  /// The clients a JavaScript module exports: its own, and those it re-exports from other
  /// modules of the workload, followed to kMaxExportDepth modules; a module already on the
  /// chain (a cycle) is not followed again. Where the bound stops a chain, a note says so.
  using Exports = std::map<std::string, ExportedClient, std::less<>>;
  using Notes = std::set<std::tuple<std::string, int, int, std::string>>;
  /// What exports_of computes in one pass: the modules whose answer did not depend on where
  /// the chain was (no cycle or bound met), and a budget of re-exports examined, so that
  /// barrel modules re-exporting each other stay linear and a tangle of them cannot hang the
  /// scan.
  struct ExportMemo {
    std::map<std::string, Exports> done;
    std::size_t budget = 20000;
  };

  Exports exports_of(const std::string& f, std::vector<std::string>& chain, Notes& notes, ExportMemo& memo,
                     bool& complete) const {
    if (auto d = memo.done.find(f); d != memo.done.end()) return d->second;
    const auto it = by_file_.find(f);
    if (it == by_file_.end()) return {};
    auto out = it->second.exports;
    bool mine = true;  // this module's answer is complete
    for (const auto& re : it->second.reexports) {
      if (memo.budget == 0) {
        notes.insert({f, re.line, re.column,
                      fmt::format("too many re-exports to follow in this workload; what '{}' exports is not read", re.module)});
        mine = false;
        break;
      }
      --memo.budget;
      const auto targets = resolve(f, re.module, "");
      if (targets.empty()) continue;
      if (std::find(chain.begin(), chain.end(), targets[0]) != chain.end()) {  // a cycle
        mine = false;
        continue;
      }
      if (chain.size() > static_cast<std::size_t>(kMaxExportDepth)) {  // the importer and 8 modules
        notes.insert({f, re.line, re.column,
                      fmt::format("re-exports are followed through {} modules; what '{}' exports is not read",
                                  kMaxExportDepth, re.module)});
        mine = false;
        continue;
      }
      chain.push_back(targets[0]);
      const auto sub = exports_of(targets[0], chain, notes, memo, mine);
      chain.pop_back();
      if (re.name == "*") {
        out.insert(sub.begin(), sub.end());  // the module's own exports win
      } else if (re.from.empty()) {
        for (const auto& [n, c] : sub) out.emplace(n.empty() ? re.name : re.name + "." + n, c);
      } else if (auto e = sub.find(re.from); e != sub.end()) {
        out.emplace(re.name, e->second);
      } else {  // a namespace of the module: export { aws } from './index'
        for (const auto& [n, c] : sub)
          if (n.rfind(re.from + ".", 0) == 0) out.emplace(re.name + n.substr(re.from.size()), c);
      }
    }
    if (mine) memo.done[f] = out;
    complete = complete && mine;
    return out;
  }

  /// The name an import takes from its module: "s3" for "./clients.s3" (one name of the
  /// module), "" for "./clients" (the module itself).
  std::string imported_name(const std::string& f, const std::string& module, const std::vector<std::string>& targets) const {
    const auto dot = module.rfind('.');
    const bool py = f.size() > 3 && f.compare(f.size() - 3, 3, ".py") == 0;  // "db.table", not "./x"
    return dot != std::string::npos && dot > (py ? 0u : 2u) && module.find('/', dot) == std::string::npos &&
                   resolve(f, module.substr(0, dot), "", true) == targets
               ? module.substr(dot + 1)
               : std::string();
  }

  /// Clients JavaScript and Python files pass to functions other modules of the workload
  /// export, by the file that exports the function (keys of parameter_key).
  std::map<std::string, ImportedClients> passed_clients() const {
    std::map<std::string, ImportedClients> out;
    for (const auto& [f, calls] : by_file_)
      for (const auto& p : calls.passed) {
        const auto dot = p.callee.find('.');
        const std::string head = p.callee.substr(0, dot);
        for (const auto& [local, module] : calls.import_names) {
          if (local != head) continue;
          const auto targets = resolve(f, module, "");
          if (targets.empty() || targets[0] == f) break;
          const std::string name = imported_name(f, module, targets);
          // store(s3) with store one name of its module; helpers.store(s3) with helpers the module
          const std::string fn = dot == std::string::npos ? name : name.empty() ? p.callee.substr(dot + 1) : std::string();
          if (!fn.empty()) out[targets[0]][parameter_key(fn, p.index)] = p.client;
          break;
        }
      }
    return out;
  }

  /// JavaScript and Python clients made in one module and used in another: files importing a
  /// module that exports clients (its own or re-exported), and files exporting functions other
  /// modules pass clients to, are read again knowing them, until nothing changes (a file that
  /// imports a client and exports it again passes it on), at most kMaxExportDepth times.
  void follow_module_clients(std::vector<CallNote>& out_notes) {
    std::map<std::string, ImportedClients> used;  // what each file was last read knowing
    Notes notes;
    for (int pass = 0; pass < kMaxExportDepth; ++pass) {
      std::map<std::string, ImportedClients> next;
      ExportMemo memo;
      auto passed = passed_clients();
      for (const auto& [f, calls] : by_file_) {
        const auto g = grammar_of(f);
        if (!g || *g == ts::Grammar::java) continue;
        ImportedClients imported = std::move(passed[f]);
        for (const auto& [local, module] : calls.import_names) {
          const auto targets = resolve(f, module, "");
          if (targets.empty() || targets[0] == f) continue;
          std::vector<std::string> chain{f, targets[0]};
          bool complete = true;
          const auto exports = exports_of(targets[0], chain, notes, memo, complete);
          if (exports.empty()) continue;
          const std::string name = imported_name(f, module, targets);
          if (auto e = name.empty() ? exports.end() : exports.find(name); e != exports.end()) {
            imported[local] = e->second;
            continue;
          }
          if (auto e = name.empty() ? exports.end() : exports.find(call_key(name)); e != exports.end()) {
            imported[call_key(local)] = e->second;  // a function returning a client
            continue;
          }
          bool ns = false;  // import { aws } where the module exports aws.s3
          for (const auto& [n, c] : exports)
            if (!name.empty() && n.rfind(name + ".", 0) == 0) imported[local + n.substr(name.size())] = c, ns = true;
          if (ns) continue;
          // the module as a whole: its own client (""), what calling it gives ("()"), its names
          for (const auto& [n, c] : exports)
            imported[n.empty() ? local : n == call_key("") ? call_key(local) : local + "." + n] = c;
        }
        if (!imported.empty() && imported != used[f]) next[f] = std::move(imported);
      }
      if (next.empty()) break;
      if (pass + 1 == kMaxExportDepth)  // what these files pass on is not read again
        for (const auto& [f, _] : next)
          notes.insert({f, 1, 1, fmt::format("clients imported and exported again are followed through {} modules; "
                                             "what this file passes on is not read further", kMaxExportDepth)});
      for (auto& [f, imported] : next) {
        std::string why;
        auto text = read_regular_file(fs::path(root_) / f, {fs::path(root_), o_.max_file_bytes}, why);
        if (text) by_file_[f] = read_sdk_calls(d_, *grammar_of(f), f, *text, &imported);
        used[f] = std::move(imported);
      }
    }
    for (const auto& [file, line, column, message] : notes) out_notes.push_back({file, line, column, message});
  }

  std::string first_existing(const std::vector<std::string>& candidates) const {
    for (const auto& c : candidates)
      if (by_file_.count(c)) return c;
    return {};
  }

  /// The file a handler string names under the code folder.
  std::string handler_file(const FunctionSpec& s) const {
    const std::string& h = s.handler;
    if (h.find("::") != std::string::npos || s.runtime.rfind("java", 0) == 0) return {};
    const auto dot = h.rfind('.');
    if (dot == std::string::npos) return {};
    const std::string base = join(s.code_uri, h.substr(0, dot));
    std::string module = h.substr(0, dot);  // Python: pkg.mod.func -> pkg/mod.py
    std::replace(module.begin(), module.end(), '.', '/');
    const std::string py = join(s.code_uri, module);
    return first_existing({py + ".py", base + ".js", base + ".mjs", base + ".cjs", base + ".ts"});
  }

  /// The files of the workload an import names, seen from `from`. Python: `module` is what the
  /// import table holds, a module joined to the name imported from it, unless `just_module`.
  /// `layers`: the function's layer folders (FunctionSpec::layers); null: every layer of the
  /// workload's functions (where no one function is being followed).
  std::vector<std::string> resolve(const std::string& from, const std::string& module, const std::string& code_uri,
                                   bool just_module = false, const std::vector<std::string>* layers = nullptr) const {
    std::vector<std::string> out;
    if (!layers) layers = &all_layers_;
    if (is_cpp_source(from)) {
      // #include "x.h": beside the includer, then in each folder above it and its include/
      // (where -I flags most often point); else every C/C++ file of the workload whose path
      // ends in it (an -I folder elsewhere: common/include/x.h). The compile flags themselves
      // are not read here; taking every candidate keeps an action the code may need.
      if (module.empty() || module.front() == '/' || module.find("..") != std::string::npos) return out;
      for (std::string dir = parent(from);; dir = parent(dir)) {
        if (auto f = first_existing({join(dir, module), join(join(dir, "include"), module)}); !f.empty()) {
          out.push_back(f);
          return out;
        }
        if (dir.empty()) break;
      }
      if (cpp_by_name_.empty())
        for (const auto& [f, _] : by_file_)
          if (is_cpp_source(f)) cpp_by_name_.emplace(fs::path(f).filename().string(), f);
      const std::string tail = "/" + module;
      const auto [lo, hi] = cpp_by_name_.equal_range(fs::path(module).filename().string());
      for (auto it = lo; it != hi; ++it)
        if (const auto& f = it->second; f.size() > tail.size() && f.compare(f.size() - tail.size(), tail.size(), tail) == 0)
          out.push_back(f);
      return out;
    }
    if (from.size() > 3 && from.compare(from.size() - 3, 3, ".py") == 0) {
      std::string m = module;
      std::vector<std::string> bases{code_uri, parent(from)};
      for (const auto& l : *layers) {  // a Python layer's modules: at its root (SAM builds it) or under python/
        bases.push_back(l);
        bases.push_back(join(l, "python"));
      }
      if (const auto dots = m.find_first_not_of('.'); dots != 0) {
        // A relative import keeps its dots, joined to the name: ".aws.s3" (from .aws import s3)
        // and "..aws" (from . import aws): one dot is this file's package, each more one up.
        m = dots == std::string::npos ? std::string() : m.substr(dots);
        const std::size_t n = dots == std::string::npos ? module.size() : dots;
        std::size_t levels = just_module || m.find('.') != std::string::npos ? n : n - 1;
        std::string base = parent(from);
        for (; levels > 1; --levels) {
          if (base.empty()) return out;  // above the workload
          base = parent(base);
        }
        bases = {base};
      }
      std::replace(m.begin(), m.end(), '.', '/');
      // `from pkg import name`: the import table holds pkg.name, which is a module or a name in pkg
      for (std::string cand = m; !cand.empty() && cand.front() != '/';
           cand = cand.find('/') == std::string::npos ? "" : parent(cand)) {
        for (const auto& b : bases) {
          auto f = first_existing({join(b, cand + ".py"), join(b, cand + "/__init__.py")});
          if (!f.empty()) {
            out.push_back(f);
            // importing a.b.c runs a/__init__.py and a/b/__init__.py first
            for (auto slash = cand.find('/'); slash != std::string::npos; slash = cand.find('/', slash + 1))
              if (auto init = first_existing({join(b, cand.substr(0, slash) + "/__init__.py")}); !init.empty())
                out.push_back(init);
            return out;
          }
        }
      }
      return out;
    }
    if (module.rfind("./", 0) != 0 && module.rfind("../", 0) != 0) {
      // A Node.js layer: `require('/opt/nodejs/utils')`, or a package it puts on the module path
      // (`require('utils')` from nodejs/node_modules/utils).
      std::string name = module;
      const bool opt = name.rfind("/opt/", 0) == 0;
      if (opt) name = name.substr(5);
      if (name.empty() || name.front() == '/' || name.find("..") != std::string::npos) return out;
      // A named import comes as "/opt/nodejs/db.load": the module is before the last dot.
      std::vector<std::string> names{name};
      if (const auto dot = name.rfind('.'); dot != std::string::npos && name.find('/', dot) == std::string::npos)
        names.push_back(name.substr(0, dot));
      for (const auto& n : names)
        for (const auto& l : *layers) {
          std::vector<std::string> stems;
          if (opt) stems = {join(l, n), join(l, n.rfind("nodejs/", 0) == 0 ? n.substr(7) : n)};
          else stems = {join(l, "nodejs/node_modules/" + n), join(l, "nodejs/" + n)};
          for (const auto& b : stems)
            if (auto f = first_existing({b, b + ".js", b + ".mjs", b + ".cjs", b + "/index.js", b + "/index.mjs"}); !f.empty()) {
              out.push_back(f);
              return out;
            }
        }
      return out;
    }
    std::string mod = module;
    if (auto dot = mod.rfind('.'); dot != std::string::npos && dot > 2 && mod.find('/', dot) == std::string::npos) {
      // ESM named imports come as "./lib/db.name"; the module is before the last dot
      std::string stem = mod.substr(0, dot);
      if (auto f = first_existing({join(parent(from), stem), join(parent(from), stem + ".js"),
                                   join(parent(from), stem + ".ts"), join(parent(from), stem + "/index.js")});
          !f.empty())
        mod = stem;
    }
    const std::string b = join(parent(from), mod);
    if (auto f = first_existing({b, b + ".js", b + ".mjs", b + ".cjs", b + ".ts", b + "/index.js", b + "/index.ts"}); !f.empty())
      out.push_back(f);
    return out;
  }

  std::vector<std::string> reachable(const FunctionSpec& s) const {
    std::vector<std::string> out;
    const std::string start = handler_file(s);
    std::set<std::string> seen;
    std::deque<std::string> todo;
    if (start.empty()) {  // Java, or a handler file not found: the whole code folder
      for (const auto& [f, _] : by_file_)
        if (under(f, s.code_uri)) {
          out.push_back(f);
          seen.insert(f);
          if (is_cpp_source(f)) todo.push_back(f);  // and the headers its C/C++ includes, wherever they are
        }
      follow_imports(s, seen, todo, out);
      std::sort(out.begin(), out.end());
      return out;
    }
    seen.insert(start);
    todo.push_back(start);
    // Importing pkg.app runs pkg/__init__.py first (Python handlers in a package).
    if (start.size() > 3 && start.compare(start.size() - 3, 3, ".py") == 0)
      for (std::string dir = parent(start); !dir.empty() && dir != s.code_uri && under(dir, s.code_uri); dir = parent(dir))
        if (const std::string init = join(dir, "__init__.py"); by_file_.count(init) && seen.insert(init).second) {
          out.push_back(init);
          todo.push_back(init);
        }
    out.push_back(start);
    follow_imports(s, seen, todo, out);
    std::sort(out.begin(), out.end());
    return out;
  }

  /// Adds what the files in `todo` import, transitively, to `out` (each once, by `seen`).
  void follow_imports(const FunctionSpec& s, std::set<std::string>& seen, std::deque<std::string>& todo,
                      std::vector<std::string>& out) const {
    while (!todo.empty()) {
      const std::string f = todo.front();
      todo.pop_front();
      auto it = by_file_.find(f);
      if (it == by_file_.end()) continue;
      for (const auto& m : it->second.imports)
        for (const auto& g : resolve(f, m, s.code_uri, false, &s.layers))
          if (seen.insert(g).second) {
            out.push_back(g);
            todo.push_back(g);
          }
    }
  }

  /// The resource an action of a call touches, or "*" with the reason.
  ResourceRef resource_for(const SdkCall& c, const std::string& action, const FunctionSpec& s, std::string& why) const {
    const auto* svc = d_.service(c.service);
    if (!svc || svc->resource_param.empty()) {
      why = fmt::format("{}: {} names no resource lambdafit can read", c.service, action);
      return {"*", false};
    }
    const bool container = svc->bucket_actions.count(action) > 0;
    auto fill = [](std::string t, const std::string& key, const std::string& v) {
      for (std::size_t p; (p = t.find(key)) != std::string::npos;) t.replace(p, key.size(), v);
      return t;
    };
    if (!c.resource_literal.empty()) {
      std::string name = c.resource_literal;
      if (svc->last_segment) name = name.substr(name.rfind('/') + 1);
      const std::string& tmpl = !container && !svc->object_arn.empty() ? svc->object_arn : svc->arn;
      return {fill(tmpl, "{name}", name), false};
    }
    if (!c.resource_env.empty()) {
      auto e = s.env.find(c.resource_env);
      if (e != s.env.end() && !e->second.ref.empty()) {
        const std::string& tmpl = !container && !svc->ref_object_arn.empty() ? svc->ref_object_arn : svc->ref_arn;
        return {fill(tmpl, "{ref}", e->second.ref), true};
      }
      if (e != s.env.end() && !e->second.sub.empty()) {  // a name the template builds with !Sub
        const std::string& tmpl = !container && !svc->object_arn.empty() ? svc->object_arn : svc->arn;
        return {fill(tmpl, "{name}", e->second.sub), true};
      }
      if (e != s.env.end() && !e->second.literal.empty()) {
        std::string name = e->second.literal;
        if (svc->last_segment) name = name.substr(name.rfind('/') + 1);
        const std::string& tmpl = !container && !svc->object_arn.empty() ? svc->object_arn : svc->arn;
        return {fill(tmpl, "{name}", name), false};
      }
      why = fmt::format("{}: the {} comes from ${}, which no template sets from a resource", action,
                        svc->resource_param, c.resource_env);
      return {"*", false};
    }
    why = fmt::format("{}: the {} is not a literal or an environment variable", action, svc->resource_param);
    return {"*", false};
  }

  std::vector<std::string> call_actions(const SdkCall& c) const {
    std::vector<std::string> out;
    const auto* s = d_.service(c.service);
    if (!s) return out;
    if (c.helper) {
      if (auto it = s->helpers.find(c.operation); it != s->helpers.end())
        for (const auto& op : it->second)
          for (auto& a : d_.actions_for(*s, op)) out.push_back(std::move(a));
    } else {
      out = d_.actions_for(*s, c.operation);
    }
    return out;
  }

  FunctionPolicy build(const FunctionSpec& s, const std::vector<std::string>& reached) const {
    // Code that is not read (inline in the template, a prebuilt archive): no folder is the
    // function's code, and with no call known nothing granted can be called unused, nor
    // anything used called not granted.
    static const std::vector<std::string> kNone;
    const bool code_unread = s.unread_code_line > 0;
    const std::vector<std::string>& files = code_unread ? kNone : reached;
    FunctionPolicy p;
    p.name = s.name;
    p.template_file = s.template_file;
    p.line = s.line;
    p.column = s.column;
    p.handler = s.handler;
    p.code_uri = s.code_uri;
    p.files = files;
    p.notes = s.notes;
    if (code_unread)
      p.notes.push_back(fmt::format("{}:{}:1: the function's code is not read ({}): its SDK calls, and which grants "
                                    "go unused, are not reported",
                                    s.template_file, s.unread_code_line, s.unread_why));
    else if (!s.handler.empty() && handler_file(s).empty() && s.runtime.rfind("java", 0) != 0 &&
             s.handler.find("::") == std::string::npos)
      p.notes.push_back(fmt::format("{}:{}:{}: handler '{}' names no file under '{}'; the whole folder is read",
                                    s.template_file, s.line, s.column, s.handler, s.code_uri.empty() ? "." : s.code_uri));
    // Nothing of the code is in a language the SDK readers know (Go, Rust, .NET, Ruby, a
    // container image): no call could have been seen, so none is known to be missing either way.
    if (!code_unread && files.empty())
      p.notes.push_back(fmt::format("{}:{}:{}: no file under '{}' is code lambdafit reads for SDK calls{}: which "
                                    "grants go unused is not reported",
                                    s.template_file, s.line, s.column, s.code_uri.empty() ? "." : s.code_uri,
                                    s.runtime.empty() ? "" : fmt::format(" (runtime '{}')", s.runtime)));
    // resource -> (actions, calls, notes), grouped then merged by identical action sets
    std::map<ResourceRef, std::pair<std::set<std::string>, std::vector<SdkCall>>> by_resource;
    std::map<ResourceRef, std::set<std::string>> why_star;
    std::map<std::pair<std::string, ResourceRef>, std::vector<SdkCall>> uses;  // (action, resource) -> calls
    std::set<std::string> used;
    for (const auto& f : files) {
      auto it = by_file_.find(f);
      if (it == by_file_.end()) continue;
      for (const auto& c : it->second.calls) {
        p.calls.push_back(c);
        for (const auto& a : call_actions(c)) {
          used.insert(a);
          std::string why;
          ResourceRef r = resource_for(c, a, s, why);
          auto& slot = by_resource[r];
          slot.first.insert(a);
          if (slot.second.empty() || !(slot.second.back().line == c.line && slot.second.back().file == c.file))
            slot.second.push_back(c);
          if (!why.empty()) why_star[r].insert(why);
          auto& u = uses[{a, r}];
          if (u.empty() || !(u.back().line == c.line && u.back().file == c.file)) u.push_back(c);
        }
      }
    }
    p.used_actions.assign(used.begin(), used.end());
    std::map<std::set<std::string>, Statement> merged;
    for (auto& [r, slot] : by_resource) {
      auto& st = merged[slot.first];
      st.actions.assign(slot.first.begin(), slot.first.end());
      st.resources.push_back(r);
      st.because.insert(st.because.end(), slot.second.begin(), slot.second.end());
      for (const auto& w : why_star[r]) st.notes.push_back(w);
    }
    int n = 0;
    for (auto& [_, st] : merged) {
      std::sort(st.resources.begin(), st.resources.end());
      std::sort(st.because.begin(), st.because.end(), [](const SdkCall& a, const SdkCall& b) {
        return std::tie(a.file, a.line, a.column, a.operation) < std::tie(b.file, b.line, b.column, b.operation);
      });
      st.because.erase(std::unique(st.because.begin(), st.because.end(), [](const SdkCall& a, const SdkCall& b) {
                         return a.file == b.file && a.line == b.line && a.column == b.column && a.operation == b.operation;
                       }), st.because.end());
      st.sid = fmt::format("Sdk{}", ++n);
      p.statements.push_back(std::move(st));
    }
    compare(s, p, uses);
    return p;
  }

  /// The concrete actions a grant's action pattern covers (known data; a pattern of a service
  /// outside the data counts once, as itself).
  std::set<std::string> expand(const Grant& g) const {
    std::set<std::string> out;
    if (g.action.find('*') == std::string::npos && g.action.find('?') == std::string::npos) {
      out.insert(g.action);
      return out;
    }
    const auto colon = g.action.find(':');
    std::set<std::string> known;
    if (colon == std::string::npos) {  // "*": every action of every service in the data
      for (const auto& [_, svc] : d_.services) {
        auto k = d_.known_actions(svc.prefix);
        known.insert(k.begin(), k.end());
      }
    } else {
      known = d_.known_actions(g.action.substr(0, colon));
    }
    for (const auto& a : known)
      if (action_matches(g.action, a)) out.insert(a);
    if (out.empty()) out.insert(g.action);
    return out;
  }

  void compare(const FunctionSpec& s, FunctionPolicy& p,
               const std::map<std::pair<std::string, ResourceRef>, std::vector<SdkCall>>& uses) const {
    p.grants_known = s.grants_known;
    p.granted = s.grants;
    if (!s.grants_known) return;
    // No file of the code read (unread code has none, and code in no language the SDK readers
    // know reaches none): no grant can be known to go unused.
    const bool calls_unknown = p.files.empty();
    std::set<std::string> runtime(d_.runtime_actions.begin(), d_.runtime_actions.end());
    for (const auto& e : s.event_sources)  // the platform polls the function's queue or stream
      if (auto it = d_.event_source_actions.find(e); it != d_.event_source_actions.end())
        runtime.insert(it->second.begin(), it->second.end());
    std::set<std::string> granted;
    std::vector<std::set<std::string>> covered;
    // A "*" resource on an action whose every use names no resource lambdafit can read is what
    // the narrow policy says too (translate:TranslateText has no resource): not a finding.
    auto star_needed = [&](const std::string& action) {
      bool any = false;
      for (const auto& [key, _] : uses) {
        if (!action_matches(action, key.first)) continue;
        if (key.second.value != "*") return false;
        any = true;
      }
      return any;
    };
    auto is_used = [&](const std::string& a) {
      return std::any_of(p.used_actions.begin(), p.used_actions.end(), [&](const std::string& u) { return action_matches(a, u); });
    };
    // An action of a service the permission data does not describe cannot be told unused: a
    // call needing it is not recognised either (boto3's `rbin` client was "never used").
    std::map<std::string, bool> described;
    auto unused = [&](const std::string& a) {
      if (calls_unknown || is_used(a)) return false;
      const std::string prefix = a.substr(0, a.find(':'));
      auto [it, fresh] = described.try_emplace(prefix, false);
      if (fresh) it->second = !d_.known_actions(prefix).empty();
      return it->second;
    };
    for (const auto& g : s.grants) {
      const bool wild_action = g.action.find('*') != std::string::npos;
      // A "*" resource is a finding where the code needs the action on a resource it names;
      // an action the code never uses is an over-grant whatever its resource. The runtime's
      // own log actions on "*" are what SAM grants every function.
      if (wild_action || (g.resource == "*" && !runtime.count(g.action) && is_used(g.action) && !star_needed(g.action)))
        p.wildcards.push_back(g);
      covered.push_back(expand(g));
      granted.insert(covered.back().begin(), covered.back().end());
    }
    for (const auto& a : granted)
      if (!runtime.count(a)) {
        p.granted_actions.push_back(a);
        if (unused(a)) p.unused.push_back(a);
      }
    for (std::size_t i = 0; i < s.grants.size(); ++i) {
      GrantUnused gu{s.grants[i], {}};
      for (const auto& a : covered[i])
        if (!runtime.count(a) && unused(a)) gu.actions.push_back(a);
      if (!gu.actions.empty()) p.unused_by_grant.push_back(std::move(gu));
    }
    // Each action on each resource the calls touch must be granted on that resource.
    std::set<std::string> missing;
    if (s.grants_partial)
      p.notes.push_back("a policy the grant data does not describe is attached: actions not granted are not reported");
    for (const auto& [key, calls] : uses) {
      if (s.grants_partial) break;
      const auto& [action, res] = key;
      const ResourceKey used = resource_key(res.value);
      bool ok = false;
      std::set<std::string> on;
      for (const auto& g : s.grants) {
        if (!action_matches(g.action, action)) continue;
        for (const auto& pt : g.patterns.empty() ? std::vector<std::string>{g.resource} : g.patterns) {
          if (resource_covers(resource_key(pt), used)) ok = true;
          else on.insert(pt);
        }
        if (ok) break;
      }
      if (ok) continue;
      missing.insert(action);
      p.not_granted.push_back({action, res, calls, {on.begin(), on.end()}});
    }
    p.missing.assign(missing.begin(), missing.end());
    p.over_grant_ratio = calls_unknown ? 0.0 : p.used_actions.empty() ? static_cast<double>(p.granted_actions.size())
                                                : static_cast<double>(p.granted_actions.size()) / static_cast<double>(p.used_actions.size());
  }
};

}  // namespace

std::vector<std::string> list_workload_files(const std::string& root) { return list_files(root); }

bool is_cpp_source(std::string_view rel) {
  const std::string ext = fs::path(rel).extension().string();
  return ext == ".cpp" || ext == ".cc" || ext == ".cxx" || ext == ".h" || ext == ".hpp" || ext == ".hh";
}

bool is_sdk_source(std::string_view rel) { return grammar_of(std::string(rel)).has_value() || is_cpp_source(rel); }

namespace {

// The languages whose files are tested against the SDK names (may_call_sdk).
bool tested_for_sdk_names(std::optional<ts::Grammar> g) {
  return g && (*g == ts::Grammar::python || *g == ts::Grammar::java);
}

}  // namespace

bool sdk_names_matter(const std::vector<std::string>& files) {
  return std::any_of(files.begin(), files.end(), [](const std::string& f) { return tested_for_sdk_names(grammar_of(f)); });
}

bool reads_any_file(const std::vector<std::string>& files, const PermissionsOptions& options, const Data* names,
                    const std::string& root, std::set<std::string, std::less<>>* no_sdk, SdkNameMemo* memo) {
  if (std::any_of(files.begin(), files.end(), is_deployment_file)) return true;
  for (const auto& f : files) {
    if (is_config_document(f)) {  // a template under another name
      std::string why;
      const auto text = read_regular_file(fs::path(root) / f, {fs::path(root), options.max_file_bytes}, why);
      if (text && is_cloudformation_template(*text)) return true;
      continue;
    }
    const auto g = grammar_of(f);
    if ((!g && !is_cpp_source(f)) || (options.counts && !options.counts(f))) continue;
    const bool named = names && tested_for_sdk_names(g);
    if (!named) return true;
    if (const auto known = memo ? memo->names_sdk(f) : std::nullopt) {
      if (*known) return true;
      if (no_sdk) no_sdk->insert(f);
      continue;
    }
    std::string why;
    const auto text = read_regular_file(fs::path(root) / f, {fs::path(root), options.max_file_bytes}, why);
    if (!text) return true;  // an unreadable file gets its note there
    const bool may = may_call_sdk(*names, *g, *text);
    if (memo) memo->remember(f, may, *text);
    if (may) return true;
    if (no_sdk) no_sdk->insert(f);
  }
  return false;
}

PermissionsResult analyze_permissions(const std::string& root, const Data& data, const PermissionsOptions& options) {
  Analyzer a(root, data, options);
  return a.run();
}

}  // namespace lambdafit::permissions
