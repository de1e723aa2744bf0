#include "scanning/text/text_match.hpp"

#include <algorithm>

#include "core/glob.hpp"
#include "core/quantity.hpp"
#include "core/yaml_file.hpp"

namespace lambdafit {

bool TextDetectorConfig::applies_to(std::string_view type, std::string_view rel_path) const {
  if (!type.empty() && std::find(file_types.begin(), file_types.end(), type) != file_types.end())
    return true;
  return std::any_of(paths.begin(), paths.end(),
                     [&](const std::string& g) { return glob_match(g, rel_path); });
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n' && i + 1 < text.size()) starts_.push_back(i + 1);
}

std::string_view LineIndex::line(int n) const {
  if (n < 1 || n > count()) return {};
  const std::size_t b = starts_[n - 1];
  std::size_t e = text_.find('\n', b);
  if (e == std::string_view::npos) e = text_.size();
  if (e > b && text_[e - 1] == '\r') --e;
  return text_.substr(b, e - b);
}

bool path_leaves_root(std::string_view rel_path, std::string_view target) {
  if (target.empty()) return false;
  if (target.front() == '/' || target.front() == '\\') return true;
  // Depth of the file's directory below the root.
  int depth = static_cast<int>(std::count(rel_path.begin(), rel_path.end(), '/'));
  std::size_t i = 0;
  while (i <= target.size()) {
    std::size_t j = target.find_first_of("/\\", i);
    if (j == std::string_view::npos) j = target.size();
    const std::string_view seg = target.substr(i, j - i);
    if (seg == "..") {
      if (--depth < 0) return true;
    } else if (!seg.empty() && seg != ".") {
      ++depth;
    }
    i = j + 1;
  }
  return false;
}

namespace {

bool any_in(const std::vector<Regex>& res, std::string_view text) {
  return std::any_of(res.begin(), res.end(),
                     [&](const auto& re) { return RE2::PartialMatch(text, *re); });
}

}  // namespace

PatternSet::PatternSet(const std::vector<const TextDetectorConfig*>& detectors) : detectors_(detectors) {
  RE2::Options opts;
  opts.set_log_errors(false);
  // The DFA of many patterns needs more than one regex's default budget.
  opts.set_max_mem(64 << 20);
  auto set = std::make_unique<RE2::Set>(opts, RE2::UNANCHORED);
  for (std::size_t k = 0; k < detectors.size(); ++k) {
    const std::vector<Regex>* lists[3] = {&detectors[k]->patterns, &detectors[k]->in_file,
                                                               &detectors[k]->not_in_file};
    for (int l = 0; l < 3; ++l)
      for (std::size_t i = 0; i < lists[l]->size(); ++i) {
        const Regex& re = (*lists[l])[i];  // its text: the Set compiles it, not the Regex
        // The same regex as compiled alone: its pattern carries (?m), the case option goes inline.
        const std::string src = re.options().case_sensitive() ? re.pattern() : "(?i)" + re.pattern();
        if (set->Add(src, nullptr) < 0) return;  // left unbuilt: every regex is asked alone
        slots_.push_back({k, l, i});
      }
  }
  if (set->Compile()) set_ = std::move(set);
}

bool PatternSet::match(std::string_view text, std::vector<FileHits>& hits) const {
  if (!set_) return false;
  std::vector<int> found;
  RE2::Set::ErrorInfo err{};
  if (!set_->Match(text, &found, &err) && err.kind != RE2::Set::kNoError) return false;
  hits.assign(detectors_.size(), {});
  for (std::size_t k = 0; k < detectors_.size(); ++k) {
    hits[k].patterns.assign(detectors_[k]->patterns.size(), false);
    hits[k].in_file.assign(detectors_[k]->in_file.size(), false);
    hits[k].not_in_file.assign(detectors_[k]->not_in_file.size(), false);
  }
  for (int i : found) {
    const Slot& s = slots_[static_cast<std::size_t>(i)];
    auto& h = hits[s.detector];
    (s.list == 0 ? h.patterns : s.list == 1 ? h.in_file : h.not_in_file)[s.index] = true;
  }
  return true;
}

std::vector<TextMatch> match_text(const TextDetectorConfig& cfg, std::string_view blanked,
                                  const LineIndex& lines, std::string_view rel_path, const FileHits* hits) {
  std::vector<TextMatch> out;
  // File-wide conditions first: they are one pass each (or were found by the PatternSet).
  for (std::size_t i = 0; i < cfg.in_file.size(); ++i)
    if (hits ? !hits->in_file[i] : !RE2::PartialMatch(blanked, *cfg.in_file[i])) return out;
  if (hits ? std::find(hits->not_in_file.begin(), hits->not_in_file.end(), true) != hits->not_in_file.end()
           : any_in(cfg.not_in_file, blanked))
    return out;
  // Only patterns that match somewhere in the file are tried line by line.
  std::vector<const RE2*> live;
  for (std::size_t i = 0; i < cfg.patterns.size(); ++i)
    if (hits ? hits->patterns[i] : RE2::PartialMatch(blanked, *cfg.patterns[i])) live.push_back(cfg.patterns[i].get());
  if (live.empty()) return out;

  for (int n = 1; n <= lines.count(); ++n) {
    const std::string_view line = lines.line(n);
    int best = 0;
    for (const RE2* re : live) {
      re2::StringPiece m[2];
      const int groups = cfg.outside_root ? 2 : 1;
      if (!re->Match(line, 0, line.size(), RE2::UNANCHORED, m, groups)) continue;
      if (cfg.outside_root &&
          (m[1].data() == nullptr || !path_leaves_root(rel_path, std::string_view(m[1].data(), m[1].size()))))
        continue;
      // A match that starts with the line's indentation (`^\s*`) points at its first word.
      std::size_t start = static_cast<std::size_t>(m[0].data() - line.data());
      const std::size_t stop = start + m[0].size();
      while (start + 1 < stop && (line[start] == ' ' || line[start] == '\t')) ++start;
      const int col = static_cast<int>(start) + 1;
      if (best == 0 || col < best) best = col;
    }
    if (best == 0) continue;
    if (any_in(cfg.exclude, line)) continue;
    bool near_ok = true;
    for (const auto& re : cfg.near) {
      bool found = false;
      const int lo = std::max(1, n - cfg.within), hi = std::min(lines.count(), n + cfg.within);
      for (int k = lo; k <= hi && !found; ++k) found = RE2::PartialMatch(lines.line(k), *re);
      if (!found) {
        near_ok = false;
        break;
      }
    }
    if (near_ok) out.push_back(TextMatch{n, best});
  }
  return out;
}

bool parse_max_file_size(const YamlFile& f, const YAML::Node& n, Diagnostics& d, std::uint64_t& bytes) {
  const auto s = get_scalar(f, n, "max_file_size", d);
  if (!s) return true;
  std::string why;
  auto q = parse_quantity(*s, Dimension::size, &why);
  if (!q || q->value <= 0) {
    f.error(d, n["max_file_size"], q ? "'max_file_size' must be more than zero" : why);
    return false;
  }
  bytes = static_cast<std::uint64_t>(q->value * 1024 * 1024);
  return true;
}

}  // namespace lambdafit
