#include "scanning/text/file_type.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>

#include <fmt/format.h>
#include <re2/re2.h>

#include "core/spelling.hpp"
#include "core/yaml_file.hpp"
#include "rulepack/pack_codec.hpp"

namespace lambdafit {

extern const char kBuiltinFileTypesYaml[];  // file_types_builtin.cpp, generated

namespace {

// How a file-name rule's `patterns` compile, read from YAML or from a compiled pack.
RE2::Options name_pattern_options() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_dot_nl(true);  // a file name may hold any byte but '/'
  return o;
}

const std::vector<std::string> kTypeKeys{"id", "comments", "extensions", "interpreters"};
const std::vector<std::string> kRuleKeys{"type", "dirs", "names", "patterns"};
const std::vector<std::pair<std::string, CommentStyle>> kStyles{
    {"none", CommentStyle::none},         {"hash", CommentStyle::hash}, {"python", CommentStyle::python},
    {"c-family", CommentStyle::c_family}, {"hcl", CommentStyle::hcl},   {"ini", CommentStyle::ini},
    {"crontab", CommentStyle::crontab}};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// The items of a sequence under `key` (or the one scalar), for errors at each item.
std::vector<YAML::Node> list_nodes(const YAML::Node& map, const char* key) {
  std::vector<YAML::Node> out;
  const auto n = map[key];
  if (!n) return out;
  if (n.IsSequence())
    for (const auto& i : n) out.push_back(i);
  else out.push_back(n);
  return out;
}

// Whether the directory part of a path ends with component(s) `d`, as written.
bool in_dir(std::string_view dir, std::string_view d) {
  return dir == d || (dir.size() > d.size() && dir[dir.size() - d.size() - 1] == '/' &&
                      dir.substr(dir.size() - d.size()) == d);
}

}  // namespace

FileType FileTypeTable::make(const std::string& name) const {
  auto it = comments_.find(name);
  return it == comments_.end() ? FileType{} : FileType{name, it->second};
}

FileType FileTypeTable::named(std::string_view name) const { return make(std::string(name)); }

FileType FileTypeTable::from_interpreter(std::string_view program) const {
  auto it = interpreters_.find(std::string(program));
  return it == interpreters_.end() ? FileType{} : make(it->second);
}

FileType FileTypeTable::from_path(std::string_view rel_path) const {
  const auto slash = rel_path.rfind('/');
  const std::string_view base = slash == std::string_view::npos ? rel_path : rel_path.substr(slash + 1);
  const std::string_view dir = slash == std::string_view::npos ? std::string_view{} : rel_path.substr(0, slash);
  const std::string lbase = lower(base);
  // Well-known names first, in order: they win over extensions.
  for (const auto& r : rules_) {
    if (!r.dirs.empty() &&
        std::none_of(r.dirs.begin(), r.dirs.end(), [&](const std::string& d) { return in_dir(dir, d); }))
      continue;
    if (!r.names.empty() || !r.compiled.empty()) {
      const bool hit =
          std::find(r.names.begin(), r.names.end(), lbase) != r.names.end() ||
          std::any_of(r.compiled.begin(), r.compiled.end(), [&](const auto& re) { return RE2::FullMatch(lbase, *re); });
      if (!hit) continue;
    }
    return r.type.empty() ? FileType{} : make(r.type);
  }
  const auto dot = lbase.rfind('.');
  if (dot == std::string::npos || dot == 0) return {};
  auto it = extensions_.find(lbase.substr(dot));
  return it == extensions_.end() ? FileType{} : make(it->second);
}

std::string FileTypeTable::difference(const FileTypeTable& o) const {
  if (names_ != o.names_) {
    for (const auto& n : names_)
      if (!o.comments_.count(n)) return fmt::format("file type '{}' is missing", n);
    for (const auto& n : o.names_)
      if (!comments_.count(n)) return fmt::format("file type '{}' is not one of lambdafit's", n);
    return "the file types are declared in another order";
  }
  for (const auto& n : names_)
    if (comments_.at(n) != o.comments_.at(n)) return fmt::format("file type '{}' has other comments", n);
  auto diff_map = [](const auto& a, const auto& b, const char* what) -> std::string {
    for (const auto& [k, v] : a) {
      auto it = b.find(k);
      if (it == b.end()) return fmt::format("{} '{}' is missing", what, k);
      if (it->second != v) return fmt::format("{} '{}' is of type '{}', not '{}'", what, k, it->second, v);
    }
    for (const auto& [k, v] : b)
      if (!a.count(k)) return fmt::format("{} '{}' is not one of lambdafit's", what, k);
    return {};
  };
  if (auto d = diff_map(extensions_, o.extensions_, "extension"); !d.empty()) return d;
  if (auto d = diff_map(interpreters_, o.interpreters_, "interpreter"); !d.empty()) return d;
  if (rules_.size() != o.rules_.size()) return "the file_names rules differ in number";
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    const auto& a = rules_[i];
    const auto& b = o.rules_[i];
    if (a.type != b.type || a.dirs != b.dirs || a.names != b.names || a.patterns != b.patterns)
      return fmt::format("file_names rule {} differs", i + 1);
  }
  return {};
}

void FileTypeReader::read(const YamlFile& f) {
  const auto& root = f.root();
  if (!root || !root.IsMap()) return;
  for (const char* key : {"file_types", "file_names"})
    if (root[key] && !declared_) declared_ = f.where(root[key]);
  // Claims a key ("extension .py") once; a second claim is an error naming the first.
  auto claim = [&](const YAML::Node& n, const std::string& what, const std::string& owner) {
    auto [it, fresh] = where_.emplace(what, f.where(n));
    if (fresh) return true;
    f.error(d_, n, fmt::format("{} is already declared (at {}:{}:{}){}", what, it->second.file,
                               it->second.line, it->second.column,
                               owner.empty() ? "" : fmt::format(" and cannot also be '{}'", owner)));
    return false;
  };
  for (const auto& n : load_items(f, "file_types")) {
    if (!check_keys(f, n, kTypeKeys, d_, "a file type")) continue;
    const auto id = get_scalar(f, n, "id", d_, true);
    if (!id) continue;
    if (id->empty() || id == "none" ||
        !std::all_of(id->begin(), id->end(), [](char c) { return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-'; })) {
      f.error(d_, n["id"], fmt::format("file type id '{}' must be lower-case letters, digits and '-' (and not 'none')", *id));
      continue;
    }
    const auto style = get_scalar(f, n, "comments", d_, true);
    if (!style) continue;
    auto s = std::find_if(kStyles.begin(), kStyles.end(), [&](const auto& p) { return p.first == *style; });
    if (s == kStyles.end()) {
      std::vector<std::string> words;
      for (const auto& p : kStyles) words.push_back(p.first);
      f.error(d_, n["comments"], fmt::format("unknown comment style '{}'{}", *style, did_you_mean(*style, words)));
      continue;
    }
    const bool lists_ok = (!n["extensions"] || get_string_list(f, n, "extensions", d_)) &&
                          (!n["interpreters"] || get_string_list(f, n, "interpreters", d_));
    if (!lists_ok || !claim(n["id"], fmt::format("file type '{}'", *id), "")) continue;
    t_.names_.push_back(*id);
    t_.comments_.emplace(*id, s->second);
    for (const auto& e : list_nodes(n, "extensions")) {
      const std::string& ext = e.Scalar();
      if (ext.size() < 2 || ext[0] != '.' || ext.find('.', 1) != std::string::npos || lower(ext) != ext) {
        f.error(d_, e, fmt::format("extension '{}' must be one lower-case '.suffix'", ext));
        continue;
      }
      if (claim(e, fmt::format("extension '{}'", ext), *id)) t_.extensions_.emplace(ext, *id);
    }
    for (const auto& p : list_nodes(n, "interpreters")) {
      const std::string& prog = p.Scalar();
      if (prog.empty() || prog.find_first_of("/ \t") != std::string::npos) {
        f.error(d_, p, fmt::format("interpreter '{}' must be a program name, without a directory", prog));
        continue;
      }
      if (claim(p, fmt::format("interpreter '{}'", prog), *id)) t_.interpreters_.emplace(prog, *id);
    }
  }
  for (const auto& n : load_items(f, "file_names")) {
    if (!check_keys(f, n, kRuleKeys, d_, "a file name rule")) continue;
    const auto type = get_scalar(f, n, "type", d_, true);
    if (!type) continue;
    FileTypeTable::NameRule r;
    if (*type != "none") {
      r.type = *type;
      const auto at = f.where(n["type"]);
      rule_types_.push_back({at, line_of(f.text(), at.line), *type});
    }
    bool ok = true;
    for (const char* key : {"dirs", "names", "patterns"})
      if (n[key] && !get_string_list(f, n, key, d_)) ok = false;
    if (!ok) continue;
    for (const auto& x : list_nodes(n, "dirs")) r.dirs.push_back(x.Scalar());
    for (const auto& x : list_nodes(n, "names")) {
      if (lower(x.Scalar()) != x.Scalar()) {
        f.error(d_, x, fmt::format("name '{}' must be lower case (base names are compared in lower case)", x.Scalar()));
        ok = false;
      }
      r.names.push_back(x.Scalar());
    }
    for (const auto& x : list_nodes(n, "patterns")) {
      auto re = std::make_shared<const RE2>(x.Scalar(), name_pattern_options());
      if (!re->ok()) {
        f.error(d_, x, fmt::format("invalid regular expression: {}", re->error()));
        ok = false;
        continue;
      }
      r.patterns.push_back(x.Scalar());
      r.compiled.push_back(std::move(re));
    }
    if (!n["dirs"] && !n["names"] && !n["patterns"]) {
      f.error(d_, n, "a file name rule needs 'dirs', 'names' or 'patterns'");
      ok = false;
    }
    if (ok) t_.rules_.push_back(std::move(r));
  }
}

std::vector<YAML::Node> FileTypeReader::load_items(const YamlFile& f, const char* key) {
  std::vector<YAML::Node> out;
  const auto n = f.root()[key];
  if (!n) return out;
  if (!n.IsSequence()) {
    f.error(d_, n, fmt::format("'{}' must be a list", key));
    return out;
  }
  for (const auto& item : n) {
    if (!item.IsMap()) f.error(d_, item, fmt::format("each item of '{}' must be a mapping", key));
    else out.push_back(item);
  }
  return out;
}

FileTypeTable FileTypeReader::finish() {
  for (const auto& p : rule_types_)
    if (!t_.comments_.count(p.type))
      d_.error(fmt::format("unknown file type '{}'{}", p.type, did_you_mean(p.type, t_.names_)), p.at,
               p.source_line);
  return std::move(t_);
}

namespace {

// Sorted, so the same table always gives the same bytes.
template <class V>
std::map<std::string, V> sorted(const std::unordered_map<std::string, V>& m) {
  return {m.begin(), m.end()};
}
template <class V>
std::unordered_map<std::string, V> load_map(PackIn& a) {
  std::map<std::string, V> m;
  a(m);
  return {m.begin(), m.end()};
}

}  // namespace

void FileTypeTable::save(PackOut& a) const {
  a(names_, sorted(comments_), sorted(extensions_), sorted(interpreters_), static_cast<std::uint64_t>(rules_.size()));
  for (const auto& r : rules_) a(r.type, r.dirs, r.names, r.patterns);
}

FileTypeTable FileTypeTable::restore(PackIn& a) {
  FileTypeTable t;
  std::uint64_t n = 0;
  a(t.names_);
  t.comments_ = load_map<CommentStyle>(a);
  t.extensions_ = load_map<std::string>(a);
  t.interpreters_ = load_map<std::string>(a);
  a(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    NameRule r;
    a(r.type, r.dirs, r.names, r.patterns);
    for (const auto& p : r.patterns) {
      auto re = std::make_shared<const RE2>(p, name_pattern_options());
      if (!re->ok()) throw cereal::Exception("a compiled pack's file-name pattern no longer compiles");
      r.compiled.push_back(std::move(re));
    }
    t.rules_.push_back(std::move(r));
  }
  return t;
}

std::string_view builtin_file_types_text() { return kBuiltinFileTypesYaml; }

namespace {

std::mutex adopted_mu;
bool builtin_used = false;                  // the table below was made
std::optional<FileTypeTable> adopted_table;  // what to make it from, when adopted in time

// Read once, on first use (thread-safe), from an adopted copy, else from `parsed` when given,
// else from the compiled-in text; a unit test keeps the compiled-in text valid.
const FileTypeTable& builtin_table(const YamlFile* parsed) {
  static const FileTypeTable table = [parsed] {
    {
      std::lock_guard<std::mutex> lock(adopted_mu);
      builtin_used = true;
      if (adopted_table) return std::move(*adopted_table);
    }
    Diagnostics d;
    FileTypeReader reader(d);
    if (parsed && parsed->text() == builtin_file_types_text()) reader.read(*parsed);
    else if (auto f = YamlFile::parse(std::string(builtin_file_types_text()), "rules/file-types.yaml", d))
      reader.read(*f);
    return reader.finish();
  }();
  return table;
}

}  // namespace

const FileTypeTable& builtin_file_types() { return builtin_table(nullptr); }

void adopt_builtin_file_types(FileTypeTable table) {
  std::lock_guard<std::mutex> lock(adopted_mu);
  if (!builtin_used && !adopted_table) adopted_table = std::move(table);
}

const FileTypeTable& builtin_file_types(const YamlFile& same_text) { return builtin_table(&same_text); }

FileType file_type_named(std::string_view name) { return builtin_file_types().named(name); }

const std::vector<std::string>& file_type_names() { return builtin_file_types().names(); }

FileType file_type_from_path(std::string_view rel_path) { return builtin_file_types().from_path(rel_path); }

FileType file_type_from_shebang(std::string_view first_line) {
  if (!starts_with(first_line, "#!")) return {};
  std::string_view rest = first_line.substr(2);
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < rest.size()) {
    while (i < rest.size() && (rest[i] == ' ' || rest[i] == '\t' || rest[i] == '\r')) ++i;
    const std::size_t start = i;
    while (i < rest.size() && rest[i] != ' ' && rest[i] != '\t' && rest[i] != '\r') ++i;
    if (i > start) words.push_back(rest.substr(start, i - start));
  }
  if (words.empty()) return {};
  auto base = [](std::string_view w) {
    const auto s = w.rfind('/');
    return s == std::string_view::npos ? w : w.substr(s + 1);
  };
  std::string_view prog = base(words[0]);
  if (prog == "env") {
    prog = {};
    for (std::size_t w = 1; w < words.size(); ++w)
      if (words[w][0] != '-' && words[w].find('=') == std::string_view::npos) {
        prog = base(words[w]);
        break;
      }
  }
  // Drop a version suffix: python3.12 -> python, ruby2.7 -> ruby.
  while (!prog.empty() && (std::isdigit(static_cast<unsigned char>(prog.back())) || prog.back() == '.'))
    prog.remove_suffix(1);
  if (prog.empty()) return {};
  return builtin_file_types().from_interpreter(prog);
}

}  // namespace lambdafit
