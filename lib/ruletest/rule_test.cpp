#include "ruletest/rule_test.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>

#include <fmt/format.h>

#include "core/spelling.hpp"
#include "scanning/detector_kind.hpp"

namespace lambdafit::ruletest {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kMarker = "lambdafit-expect";
constexpr std::size_t kMaxTestFile = 4u << 20;  // test files are small; larger ones are skipped

// Whether the text before an annotation holds code, not just comment openers and blanks.
bool has_code(std::string_view s) {
  static constexpr std::string_view kOpeners[] = {"<!--", "//", "/*", "--", "#", ";", "%", "*"};
  for (;;) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    bool stripped = false;
    for (auto o : kOpeners)
      if (s.size() >= o.size() && s.substr(s.size() - o.size()) == o) {
        s.remove_suffix(o.size());
        stripped = true;
        break;
      }
    if (!stripped) break;
  }
  return s.find_first_not_of(" \t\r") != std::string_view::npos;
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

bool valid_id(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

std::optional<std::string> read_small_text(const fs::path& p) {
  std::error_code ec;
  if (!fs::is_regular_file(p, ec) || fs::file_size(p, ec) > kMaxTestFile) return std::nullopt;
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  std::string text = s.str();
  if (text.substr(0, 8192).find('\0') != std::string::npos) return std::nullopt;  // binary
  return text;
}

using Key = std::tuple<std::string, int, std::string>;  // path, line, detector

std::string show(const std::string& dir, const Key& k) {
  return fmt::format("{}/{}:{} {}", dir, std::get<0>(k), std::get<1>(k), std::get<2>(k));
}

}  // namespace

std::vector<Annotation> parse_annotations(std::string_view text, bool sidecar,
                                          std::vector<std::string>& problems) {
  std::vector<Annotation> out;
  std::vector<std::size_t> pending;  // annotations waiting for the next line with code
  int line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const auto nl = text.find('\n', pos);
    const std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    ++line_no;
    std::vector<Annotation> here;
    std::size_t first = std::string_view::npos;
    for (auto at = line.find(kMarker); at != std::string_view::npos; at = line.find(kMarker, at + 1)) {
      std::size_t i = at + kMarker.size();
      bool negative = false;
      if (line.substr(i, 4) == "-not") {
        negative = true;
        i += 4;
      }
      if (i >= line.size() || line[i] != '(') continue;  // prose that mentions the marker
      const auto close = line.find(')', i);
      const int col = static_cast<int>(at) + 1;
      if (close == std::string_view::npos) {
        problems.push_back(fmt::format("{}:{}: error: annotation without a closing ')'", line_no, col));
        continue;
      }
      if (first == std::string_view::npos) first = at;
      std::string_view ids = line.substr(i + 1, close - i - 1);
      while (true) {
        const auto comma = ids.find(',');
        const std::string id = trim(ids.substr(0, comma));
        if (!valid_id(id)) {
          problems.push_back(fmt::format("{}:{}: error: '{}' is not a detector id; write {}(ID[, ID...])",
                                         line_no, col, id, negative ? "lambdafit-expect-not" : "lambdafit-expect"));
        } else {
          here.push_back(Annotation{line_no, col, 0, negative, id});
        }
        if (comma == std::string_view::npos) break;
        ids.remove_prefix(comma + 1);
      }
    }
    const bool only_annotations = !here.empty() && !has_code(line.substr(0, first));
    if (sidecar) {
      for (auto& a : here) out.push_back(std::move(a));  // target 0: the whole file
    } else if (only_annotations) {
      for (auto& a : here) {
        pending.push_back(out.size());
        out.push_back(std::move(a));
      }
    } else {
      // A line with code (or with nothing): it is the target of what waits, and of its own.
      for (auto idx : pending) out[idx].target = line_no;
      pending.clear();
      for (auto& a : here) {
        a.target = line_no;
        out.push_back(std::move(a));
      }
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  for (auto idx : pending)
    problems.push_back(fmt::format("{}:{}: error: annotation with no line after it to apply to", out[idx].line,
                                   out[idx].column));
  // Annotations that found no line are dropped; the problem above reports them.
  std::erase_if(out, [&](const Annotation& a) { return !sidecar && a.target == 0; });
  return out;
}

bool Report::passed() const {
  return std::all_of(files.begin(), files.end(), [](const RuleFileResult& f) { return f.passed(); });
}

RuleFileResult check_tree(const detail::RulePackData& pack,
                          const std::vector<const DetectorSpec*>& detectors, const std::string& tree,
                          int jobs, bool require_cases, const ScanInput* base) {
  RuleFileResult r;
  r.test_dir = tree;
  std::set<std::string> ids;
  for (const auto* d : detectors) {
    ids.insert(d->id);
    r.detectors.push_back(d->id);
  }
  std::vector<std::string> all_ids;
  for (const auto& d : pack.detectors) all_ids.push_back(d.id);

  ScanOutput out;
  ScanInput in;
  if (base) {
    in.isolation = base->isolation;
    in.unit_timeout_seconds = base->unit_timeout_seconds;
    in.worker_path = base->worker_path;
    in.clang_resource_dir = base->clang_resource_dir;
    in.cuda_path = base->cuda_path;
  }
  std::error_code ec;
  in.root = fs::absolute(tree, ec);  // as assess does: the C/C++ engine needs an absolute root
  if (ec) in.root = tree;
  in.jobs = std::max(1, jobs);
  auto files = walk_workload(in.root, {}, out);

  std::map<Key, std::string> expected;  // -> where the annotation is
  std::set<Key> negative;
  std::map<std::string, int> positives_of, negatives_of;
  for (const auto& f : files) {
    const bool sidecar = f.path.size() > kSidecarSuffix.size() &&
                         f.path.substr(f.path.size() - kSidecarSuffix.size()) == kSidecarSuffix;
    if (!sidecar) in.files.push_back(f);
    const auto text = read_small_text(f.absolute);
    if (!text || text->find(kMarker) == std::string::npos) continue;
    std::vector<std::string> problems;
    const auto annotations = parse_annotations(*text, sidecar, problems);
    for (const auto& p : problems) r.problems.push_back(fmt::format("{}/{}:{}", tree, f.path, p));
    const std::string target_path =
        sidecar ? f.path.substr(0, f.path.size() - kSidecarSuffix.size()) : f.path;
    for (const auto& a : annotations) {
      if (!ids.count(a.detector)) {
        if (std::find(all_ids.begin(), all_ids.end(), a.detector) == all_ids.end())
          r.problems.push_back(fmt::format("{}/{}:{}:{}: error: unknown detector '{}'{}", tree, f.path, a.line,
                                           a.column, a.detector, did_you_mean(a.detector, all_ids)));
        continue;  // another rule file's detector: its own tests check it
      }
      const Key k{target_path, a.target, a.detector};
      if (a.negative) {
        negative.insert(k);
        ++negatives_of[a.detector];
        ++r.negatives;
      } else {
        expected.emplace(k, fmt::format("{}:{}", a.line, a.column));
        ++positives_of[a.detector];
        ++r.expected;
      }
    }
  }
  for (const auto& k : negative)
    if (expected.count(k))
      r.problems.push_back(fmt::format("{}: both expected and not expected", show(tree, k)));

  detail::RulePackData only = pack;
  only.detectors.clear();
  for (const auto* d : detectors) only.detectors.push_back(*d);
  run_scan(in, only, out);

  std::set<Key> found;
  // One evidence item per place lists every detector that matched it.
  for (const auto& e : out.evidence()) {
    if (e.suppressed) continue;
    for (const auto& id : e.detectors.empty() ? std::vector<std::string>{e.detector} : e.detectors)
      if (ids.count(id)) found.insert(Key{e.path, e.line, id});
  }
  for (const auto& k : found)
    if (!expected.count(k)) r.unexpected.push_back(show(tree, k));
  for (const auto& [k, where] : expected)
    if (!found.count(k)) r.missing.push_back(show(tree, k));
  for (const auto& id : r.detectors) {
    if (!require_cases) break;
    if (!positives_of[id])
      r.problems.push_back(fmt::format("{}: detector '{}' has no lambdafit-expect case", tree, id));
    if (!negatives_of[id])
      r.problems.push_back(fmt::format("{}: detector '{}' has no lambdafit-expect-not case", tree, id));
  }
  return r;
}

Report run(const detail::RulePackData& pack, const std::string& dir, int jobs, const ScanInput* base) {
  Report report;
  std::vector<fs::path> rule_files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_directory() && it->path().extension() == ".test") {
      it.disable_recursion_pending();  // test files, not rules
      continue;
    }
    if (it->is_regular_file() && it->path().extension() == ".yaml") rule_files.push_back(it->path());
  }
  std::sort(rule_files.begin(), rule_files.end());
  for (const auto& file : rule_files) {
    const auto canonical = fs::weakly_canonical(file, ec);
    std::vector<const DetectorSpec*> detectors;
    for (const auto& d : pack.detectors)
      if (fs::weakly_canonical(d.at.file, ec) == canonical) detectors.push_back(&d);
    fs::path test_dir = file;
    test_dir.replace_extension(".test");
    if (!fs::is_directory(test_dir, ec)) {
      if (!detectors.empty()) report.untested.push_back(file.string());
      continue;
    }
    RuleFileResult r = check_tree(pack, detectors, test_dir.string(), jobs, true, base);
    r.rule_file = file.string();
    if (detectors.empty())
      r.problems.push_back(fmt::format("{}: the rule file has a test folder and no detectors", file.string()));
    report.files.push_back(std::move(r));
  }
  return report;
}

std::string format(const Report& r) {
  std::string s;
  int failed = 0;
  for (const auto& f : r.files) {
    if (f.passed()) {
      s += fmt::format("PASS {} ({} detectors, {} expected, {} not expected)\n", f.rule_file,
                       f.detectors.size(), f.expected, f.negatives);
      continue;
    }
    ++failed;
    s += fmt::format("FAIL {}\n", f.rule_file);
    for (const auto& u : f.unexpected) s += fmt::format("  + {}  (matched, no lambdafit-expect)\n", u);
    for (const auto& m : f.missing) s += fmt::format("  - {}  (expected, not matched)\n", m);
    for (const auto& p : f.problems) s += fmt::format("  {}\n", p);
  }
  if (!r.untested.empty())
    s += fmt::format("note: {} rule files with detectors have no .test folder: {}\n", r.untested.size(),
                     fmt::join(r.untested, ", "));
  s += fmt::format("{} rule files passed, {} failed\n", r.files.size() - failed, failed);
  return s;
}

}  // namespace lambdafit::ruletest
