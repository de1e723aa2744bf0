#include "scanning/text/text_kind.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/quantity.hpp"
#include "core/spelling.hpp"
#include "core/yaml_file.hpp"
#include "rulepack/pack_codec.hpp"
#include "scanning/engine/file_cache.hpp"
#include "scanning/engine/work_pool.hpp"
#include "scanning/text/comments.hpp"
#include "scanning/text/file_type.hpp"
#include "scanning/text/text_match.hpp"

namespace lambdafit {

namespace {

// Compiles the patterns under `key`; a bad one is reported at its own item with RE2's message.
bool compile_list(const YamlFile& f, const YAML::Node& n, const char* key, bool ignore_case,
                  std::vector<Regex>& out, Diagnostics& d) {
  const auto node = n[key];
  if (!node) return true;
  if (!get_string_list(f, n, key, d)) return false;
  std::vector<YAML::Node> items;
  if (node.IsScalar()) items.push_back(node);
  else
    for (const auto& item : node) items.push_back(item);
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_case_sensitive(!ignore_case);
  bool ok = true;
  for (const auto& item : items) {
    const std::string& src = item.Scalar();
    if (src.empty()) {
      f.error(d, item, fmt::format("empty pattern in '{}'", key));
      ok = false;
      continue;
    }
    std::string error;
    auto re = Regex::compile("(?m)" + src, opts, error);
    if (!re) {
      RE2 as_written(src, opts);  // compiled again as written, so RE2's message quotes the rule
      f.error(d, item, fmt::format("invalid regular expression: {}",
                                   as_written.ok() ? error : as_written.error()));
      ok = false;
      continue;
    }
    out.push_back(std::move(re));
  }
  return ok;
}

// `code` holds the SkipReason.
using FileResult = engine::FileOutcome;

std::string basename_of(std::string_view p) {
  const auto s = p.rfind('/');
  return std::string(s == std::string_view::npos ? p : p.substr(s + 1));
}

// One PatternSet per list of detectors that apply to a file together (in practice one per
// file type), built the first time a file needs it and shared by the scanning threads.
class PatternSets {
 public:
  const PatternSet& get(const std::vector<const TextDetectorConfig*>& key) {
    std::lock_guard l(mu_);
    auto& p = sets_[key];
    if (!p) p = std::make_unique<PatternSet>(key);
    return *p;
  }

 private:
  std::mutex mu_;
  std::map<std::vector<const TextDetectorConfig*>, std::unique_ptr<PatternSet>> sets_;
};

FileResult scan_file(const WorkloadFile& file, const std::vector<const DetectorSpec*>& detectors,
                     PatternSets& sets) {
  FileResult r;
  FileType type = file_type_from_path(file.path);
  if (type.name.empty() && basename_of(file.path).find('.') == std::string::npos)
    type = file_type_from_shebang(read_first_line(file.absolute));
  std::vector<const DetectorSpec*> applicable;
  std::uint64_t cap = 0;
  for (const DetectorSpec* d : detectors) {
    const auto& cfg = static_cast<const TextDetectorConfig&>(*d->config);
    if (!cfg.applies_to(type.name, file.path)) continue;
    applicable.push_back(d);
    cap = std::max(cap, cfg.max_file_size);
  }
  if (applicable.empty()) return r;
  TextRead read = read_text_file(file.absolute, file.size, cap);
  if (!read.text) {
    r.code = static_cast<int>(read.reason);
    r.note = fmt::format("{}: not scanned for text patterns: {}", file.path, read.skipped);
    return r;
  }
  const std::string& text = *read.text;
  const std::string blanked = blank_comments(text, type.comments);
  // Line indexes are built when a detector has a hit: most files have none.
  std::optional<LineIndex> original, lines;
  std::string code_only;  // comments and string contents blanked, made when a detector asks
  std::optional<LineIndex> code_lines;
  std::vector<std::string> capped;
  // Every detector's regexes are searched in one pass over each text (comment-blanked, and
  // code-only for `skip_strings`); a detector with no hit costs nothing more.
  std::vector<const TextDetectorConfig*> plain, code;
  for (const DetectorSpec* d : applicable) {
    const auto& cfg = static_cast<const TextDetectorConfig&>(*d->config);
    if (text.size() <= cfg.max_file_size) (cfg.skip_strings ? code : plain).push_back(&cfg);
  }
  if (!code.empty()) {
    code_only = blank_comments(text, type.comments, /*strings=*/true);
  }
  std::vector<FileHits> plain_hits, code_hits;
  const bool plain_set = !plain.empty() && sets.get(plain).match(blanked, plain_hits);
  const bool code_set = !code.empty() && sets.get(code).match(code_only, code_hits);
  std::size_t plain_i = 0, code_i = 0;
  for (const DetectorSpec* d : applicable) {
    const auto& cfg = static_cast<const TextDetectorConfig&>(*d->config);
    if (text.size() > cfg.max_file_size) {
      capped.push_back(d->id);
      continue;
    }
    const FileHits* hits = nullptr;
    if (cfg.skip_strings) {
      if (code_set) hits = &code_hits[code_i];
      ++code_i;
    } else {
      if (plain_set) hits = &plain_hits[plain_i];
      ++plain_i;
    }
    if (hits && std::find(hits->patterns.begin(), hits->patterns.end(), true) == hits->patterns.end()) continue;
    auto& index = cfg.skip_strings ? code_lines : lines;
    if (!index) index.emplace(cfg.skip_strings ? std::string_view(code_only) : std::string_view(blanked));
    const auto matches = match_text(cfg, cfg.skip_strings ? code_only : blanked, *index, file.path, hits);
    if (!matches.empty() && !original) original.emplace(text);
    for (const TextMatch& m : matches) {
      Evidence e;
      e.path = file.path;
      e.line = m.line;
      e.column = m.column;
      e.snippet = std::string(original->line(m.line).substr(0, 300));
      e.detector = d->id;
      e.fact = d->fact;
      e.message = d->message;
      r.evidence.push_back(std::move(e));
    }
  }
  if (!capped.empty()) {
    r.code = static_cast<int>(SkipReason::too_big);
    r.note = fmt::format("{}: over the size cap of text detector{} {}", file.path,
                         capped.size() == 1 ? "" : "s", fmt::join(capped, ", "));
  }
  return r;
}

std::string reason_words(SkipReason r) {
  switch (r) {
    case SkipReason::too_big: return "over the size cap";
    case SkipReason::unreadable: return "unreadable";
    case SkipReason::binary: return "binary";
    case SkipReason::encoding: return "not UTF-8";
    case SkipReason::generated: return "written by lambdafit";
    case SkipReason::none: break;
  }
  return "skipped";
}

}  // namespace

template <class A>
void serialize(A& a, TextDetectorConfig& c) {
  a(c.file_types, c.paths, c.patterns, c.exclude, c.near, c.in_file, c.not_in_file, c.within, c.outside_root,
    c.skip_strings, c.max_file_size);
}

void TextKind::save(const DetectorConfig& c, PackOut& a) const { save_config<TextDetectorConfig>(a, c); }
std::shared_ptr<const DetectorConfig> TextKind::restore(PackIn& a) const { return restore_config<TextDetectorConfig>(a); }

std::vector<std::string> TextKind::keys() const {
  return {"file_types", "paths",       "patterns",     "not",          "near",        "within",
          "in_file",    "not_in_file", "ignore_case", "outside_root", "max_file_size", "skip_strings"};
}

std::shared_ptr<const DetectorConfig> TextKind::parse(const YamlFile& f, const YAML::Node& n,
                                                      Diagnostics& d) const {
  auto cfg = std::make_shared<TextDetectorConfig>();
  bool ok = true;
  if (auto types = get_string_list(f, n, "file_types", d)) {
    const auto node = n["file_types"];
    for (std::size_t i = 0; i < types->size(); ++i) {
      const auto& t = (*types)[i];
      if (file_type_named(t).name.empty()) {
        f.error(d, node.IsSequence() ? node[i] : node,
                fmt::format("unknown file type '{}'{}", t, did_you_mean(t, file_type_names())));
        ok = false;
      }
    }
    cfg->file_types = std::move(*types);
  } else if (n["file_types"]) {
    ok = false;
  }
  if (auto paths = get_string_list(f, n, "paths", d)) cfg->paths = std::move(*paths);
  else if (n["paths"]) ok = false;
  if (cfg->file_types.empty() && cfg->paths.empty()) {
    f.error(d, n, "a 'text' detector needs 'file_types' or 'paths' to say which files it reads");
    ok = false;
  }
  bool ignore_case = false;
  if (auto s = get_scalar(f, n, "ignore_case", d)) {
    if (auto b = parse_bool(*s)) ignore_case = *b;
    else {
      f.error(d, n["ignore_case"], "'ignore_case' must be yes or no");
      ok = false;
    }
  }
  if (auto s = get_scalar(f, n, "outside_root", d)) {
    if (auto b = parse_bool(*s)) cfg->outside_root = *b;
    else {
      f.error(d, n["outside_root"], "'outside_root' must be yes or no");
      ok = false;
    }
  }
  if (auto s = get_scalar(f, n, "skip_strings", d)) {
    if (auto b = parse_bool(*s)) cfg->skip_strings = *b;
    else {
      f.error(d, n["skip_strings"], "'skip_strings' must be yes or no");
      ok = false;
    }
  }
  if (!n["patterns"]) {
    f.error(d, n, "missing required key 'patterns'");
    ok = false;
  }
  ok &= compile_list(f, n, "patterns", ignore_case, cfg->patterns, d);
  ok &= compile_list(f, n, "not", ignore_case, cfg->exclude, d);
  ok &= compile_list(f, n, "near", ignore_case, cfg->near, d);
  ok &= compile_list(f, n, "in_file", ignore_case, cfg->in_file, d);
  ok &= compile_list(f, n, "not_in_file", ignore_case, cfg->not_in_file, d);
  if (ok && cfg->outside_root) {
    for (std::size_t i = 0; i < cfg->patterns.size(); ++i)
      if (cfg->patterns[i]->NumberOfCapturingGroups() < 1) {
        const auto node = n["patterns"];
        f.error(d, node.IsSequence() ? node[i] : node,
                "with 'outside_root' each pattern needs a group (…) around the path");
        ok = false;
      }
  }
  if (auto s = get_scalar(f, n, "within", d)) {
    try {
      std::size_t used = 0;
      const int w = std::stoi(*s, &used);
      if (used != s->size() || w < 0 || w > 1000) throw std::invalid_argument(*s);
      cfg->within = w;
    } catch (const std::exception&) {
      f.error(d, n["within"], "'within' must be a number of lines from 0 to 1000");
      ok = false;
    }
  }
  if (!parse_max_file_size(f, n, d, cfg->max_file_size)) ok = false;
  if (!ok) return nullptr;
  return cfg;
}

void TextKind::scan(const ScanInput& in, const std::vector<const DetectorSpec*>& detectors,
                    ScanOutput& out) const {
  std::vector<FileResult> results(in.files.size());
  PatternSets sets;
  engine::FileCache cache(in, name(), detectors);
  const auto run = engine::run_pool(
      in.files.size(), engine::pool_options(in, "text", "not scanned for text patterns"),
      [&](std::size_t i, int) {
        if (auto hit = cache.lookup(i)) {
          results[i] = std::move(*hit);
          return;
        }
        results[i] = scan_file(in.files[i], detectors, sets);
        cache.store(i, results[i]);
      },
      [&](std::size_t i) { return in.files[i].path; });
  for (const auto& f : run.failures) {
    results[f.unit] = FileResult{};
    results[f.unit].code = static_cast<int>(SkipReason::unreadable);
    results[f.unit].note = f.note;
  }
  cache.save();
  out.count_reused_files(cache.hits());

  // In file order, so notes are the same on every run; after 20 of one reason, one summary.
  constexpr int kNotesPerReason = 20;
  std::map<SkipReason, int> count;
  for (auto& r : results) {
    for (auto& e : r.evidence) out.add(std::move(e));
    const auto skipped = static_cast<SkipReason>(r.code);
    if (skipped == SkipReason::none) continue;
    if (++count[skipped] <= kNotesPerReason) out.note(std::move(r.note));
  }
  for (const auto& [reason, n] : count)
    if (n > kNotesPerReason)
      out.note(fmt::format("{} more files not scanned for text patterns ({})",
                           n - kNotesPerReason, reason_words(reason)));
}

}  // namespace lambdafit
