#include "scanning/descriptors/descriptor_kind.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

#include <fmt/format.h>
#include <re2/re2.h>

#include "core/glob.hpp"
#include "core/quantity.hpp"
#include "core/spelling.hpp"
#include "core/yaml_file.hpp"
#include "rulepack/pack_codec.hpp"
#include "scanning/descriptors/doc_path.hpp"
#include "scanning/descriptors/document.hpp"
#include "scanning/text/text_file.hpp"

namespace lambdafit {

namespace {

using descriptors::DocNode;
using descriptors::PathMatch;

constexpr std::uint64_t kMaxDescriptorBytes = 4 * 1024 * 1024;

using descriptors::DocPath;
using Path = DocPath;

struct DescriptorConfig final : DetectorConfig {
  std::string document;
  std::vector<std::string> files;
  Regex in_file;
  std::vector<Path> paths;
  std::vector<Path> unless;
  Regex match;
  std::string unit;  // unit of a bare number; empty: the value is not a number
  Dimension dimension = Dimension::count;
  Bound bound = Bound::exact;
  std::optional<std::string> default_value;
};

// The compiled rule pack's encoding (DescriptorKind::save / restore).
template <class A>
void serialize(A& a, DescriptorConfig& c) {
  a(c.document, c.files, c.in_file, c.paths, c.unless, c.match, c.unit, c.dimension, c.bound, c.default_value);
}

std::string line_at(std::string_view text, int line) {
  int n = 1;
  std::size_t start = 0;
  while (n < line) {
    const auto nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
    ++n;
  }
  auto end = text.find('\n', start);
  std::string l(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
  if (!l.empty() && l.back() == '\r') l.pop_back();
  if (l.size() > 300) l.resize(300);
  return l;
}

std::string replace_all(std::string s, std::string_view what, std::string_view with) {
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + with.size()))
    s.replace(p, what.size(), with);
  return s;
}

// The value a match states, or nullopt (with a reason) when it states none this rule can use.
std::optional<Value> value_of(const DescriptorConfig& cfg, const DetectorSpec& det,
                              std::string text, std::string* why) {
  if (cfg.match) {
    std::string group;
    if (!RE2::PartialMatch(text, *cfg.match, &group)) {
      if (cfg.match->NumberOfCapturingGroups() == 0 && RE2::PartialMatch(text, *cfg.match))
        group.clear();
      else
        return std::nullopt;
    }
    if (cfg.match->NumberOfCapturingGroups() > 0) text = group;
  }
  if (!cfg.unit.empty()) {
    std::string t = text;
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
    if (!t.empty() && t.find_first_not_of("0123456789.") == std::string::npos) t += " " + cfg.unit;
    int h = 0, m = 0, sec = 0;
    char tail = 0;
    // Azure and .NET write durations as hh:mm:ss.
    if (cfg.dimension == Dimension::time &&
        std::sscanf(t.c_str(), "%d:%d:%d%c", &h, &m, &sec, &tail) == 3 && h >= 0 && m >= 0 && sec >= 0)
      t = std::to_string(h * 3600 + m * 60 + sec) + " s";
    std::string err;
    auto q = parse_quantity(t, cfg.dimension, &err);
    if (!q) {
      *why = fmt::format("'{}' is not a literal {}; not used", text,
                         cfg.dimension == Dimension::time ? "duration" : "size");
      return std::nullopt;
    }
    return Value{*q};
  }
  if (std::holds_alternative<std::monostate>(det.value)) return Value{text};
  return det.value;
}

void scan_document(const WorkloadFile& file, std::string_view text, const DocNode& root,
                   const std::vector<const DetectorSpec*>& dets, ScanOutput& out) {
  for (const DetectorSpec* det : dets) {
    const auto& cfg = static_cast<const DescriptorConfig&>(*det->config);
    bool skip = false;
    for (const auto& u : cfg.unless) {
      std::vector<PathMatch> m;
      descriptors::find_nodes(root, u, false, m);
      skip = skip || !m.empty();
    }
    if (skip) continue;
    std::vector<PathMatch> matches;
    for (const auto& p : cfg.paths) descriptors::find_nodes(root, p, cfg.default_value.has_value(), matches);
    for (const auto& m : matches) {
      // A rule with a default speaks only where the key is missing; another rule reads it
      // where it is set.
      if (cfg.default_value && !m.is_default) continue;
      std::string why;
      const std::string raw = m.is_default ? *cfg.default_value : m.node->text();
      auto v = value_of(cfg, *det, raw, &why);
      if (!v) {
        if (!why.empty())
          out.note(fmt::format("{}:{}:{}: note: {} [{}]", file.path, m.node->line, m.node->column,
                               why, det->id));
        continue;
      }
      Evidence e;
      e.path = file.path;
      e.line = m.node->line;
      e.column = m.node->column;
      e.snippet = line_at(text, e.line);
      e.detector = det->id;
      e.fact = det->fact;
      e.value = *v;
      e.bound = cfg.bound;
      // Messages quote a number in its canonical unit, anything else as the file wrote it.
      std::string shown = std::holds_alternative<Quantity>(*v) ? value_to_string(*v) : raw;
      if (shown.size() > 120) shown = shown.substr(0, 117) + "...";
      if (m.is_default) shown += " (the default, as none is set)";
      e.message = replace_all(det->message, "{value}", shown);
      out.add(std::move(e));
    }
  }
}

}  // namespace

std::vector<std::string> DescriptorKind::keys() const {
  return {"document", "files", "in_file", "path", "unless", "match", "unit", "bound", "default"};
}

void DescriptorKind::save(const DetectorConfig& c, PackOut& a) const { save_config<DescriptorConfig>(a, c); }
std::shared_ptr<const DetectorConfig> DescriptorKind::restore(PackIn& a) const {
  return restore_config<DescriptorConfig>(a);
}

std::shared_ptr<const DetectorConfig> DescriptorKind::parse(const YamlFile& f, const YAML::Node& n,
                                                            Diagnostics& d) const {
  auto c = std::make_shared<DescriptorConfig>();
  bool ok = true;
  auto doc = get_scalar(f, n, "document", d, true);
  if (!doc) return nullptr;
  const auto& types = descriptors::document_types();
  if (std::find(types.begin(), types.end(), *doc) == types.end()) {
    f.error(d, n["document"], fmt::format("unknown document type '{}'{}", *doc, did_you_mean(*doc, types)));
    return nullptr;
  }
  c->document = *doc;
  auto files = get_string_list(f, n, "files", d, true);
  if (!files || files->empty()) {
    if (files) f.error(d, n["files"], "'files' needs at least one glob");
    return nullptr;
  }
  c->files = std::move(*files);
  auto read_paths = [&](const char* key, bool required, std::vector<Path>& into) {
    auto list = get_string_list(f, n, key, d, required);
    if (!list) return !required;
    for (const auto& p : *list) {
      std::string why;
      auto path = descriptors::parse_doc_path(p, &why);
      if (!path) {
        f.error(d, n[key], why);
        return false;
      }
      into.push_back(std::move(*path));
    }
    return true;
  };
  ok = read_paths("path", true, c->paths) && ok;
  ok = read_paths("unless", false, c->unless) && ok;
  c->in_file = descriptors::compile_rule_regex(f, n, "in_file", d, &ok);
  c->match = descriptors::compile_rule_regex(f, n, "match", d, &ok);
  if (auto u = get_scalar(f, n, "unit", d)) {
    if (parse_quantity("1 " + *u, Dimension::time)) c->dimension = Dimension::time;
    else if (parse_quantity("1 " + *u, Dimension::size)) c->dimension = Dimension::size;
    else {
      f.error(d, n["unit"], fmt::format("unknown unit '{}'; use a time unit (s, ms, min) or a size (MB, bytes, GB)", *u));
      ok = false;
    }
    c->unit = *u;
  }
  if (auto b = get_scalar(f, n, "bound", d)) {
    if (*b == "upper") c->bound = Bound::upper;
    else if (*b == "lower") c->bound = Bound::lower;
    else if (*b != "exact") {
      f.error(d, n["bound"], fmt::format("'bound' is exact, upper or lower, not '{}'", *b));
      ok = false;
    }
    if (c->bound != Bound::exact && c->unit.empty()) {
      f.error(d, n["bound"], "a bound needs a 'unit' for the number it bounds");
      ok = false;
    }
  }
  if (auto def = get_scalar(f, n, "default", d)) c->default_value = *def;
  if (!ok) return nullptr;
  return c;
}

void DescriptorKind::scan(const ScanInput& in, const std::vector<const DetectorSpec*>& detectors,
                          ScanOutput& out) const {
  for (const auto& file : in.files) {
    if (in.cancelled()) return;
    // Detectors by document type, so each file is read once per type.
    std::map<std::string, std::vector<const DetectorSpec*>> by_type;
    for (const DetectorSpec* det : detectors) {
      const auto& cfg = static_cast<const DescriptorConfig&>(*det->config);
      if (std::any_of(cfg.files.begin(), cfg.files.end(),
                      [&](const std::string& g) { return glob_match(g, file.path); }))
        by_type[cfg.document].push_back(det);
    }
    if (by_type.empty()) continue;
    TextRead read = read_text_file(file.absolute, file.size, kMaxDescriptorBytes);
    if (!read.text) {
      out.note(fmt::format("{}: note: deployment file not read: {} [descriptor]", file.path, read.skipped));
      continue;
    }
    const std::string& text = *read.text;
    for (auto& [type, dets] : by_type) {
      std::erase_if(dets, [&](const DetectorSpec* det) {
        const auto& cfg = static_cast<const DescriptorConfig&>(*det->config);
        return cfg.in_file && !RE2::PartialMatch(text, *cfg.in_file);
      });
      if (dets.empty()) continue;
      const auto doc = descriptors::read_document(type, text);
      if (doc.error)
        out.note(fmt::format("{}:{}:{}: warning: cannot read this {} file: {}; {} [descriptor]",
                             file.path, doc.error->line, doc.error->column, type, doc.error->message,
                             doc.roots.empty() ? "none of its settings are used"
                                               : "settings from this point on are not used"));
      for (const auto& root : doc.roots) scan_document(file, text, root, dets, out);
    }
  }
}

}  // namespace lambdafit
