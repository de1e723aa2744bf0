// `lambdafit rules test`: each rule file's detectors run over the annotated files kept beside
// it (`rules/<area>/<name>.yaml` -> `rules/<area>/<name>.test/`), and every match must be
// announced by a `lambdafit-expect(id)` comment while every `lambdafit-expect-not(id)` line
// must stay clean.
//
// An annotation applies to its own line when code comes before it on that line, otherwise to
// the next line that is not only annotations. A whole-file match (line 0, e.g. a binary file)
// is announced in a sidecar file `NAME.lambdafit-expect` beside it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rulepack/model.hpp"
#include "scanning/scan.hpp"

namespace lambdafit::ruletest {

/// The sidecar suffix that carries the expectations of a whole-file match.
inline constexpr std::string_view kSidecarSuffix = ".lambdafit-expect";

struct Annotation {
  int line = 0;     ///< where the annotation is written
  int column = 0;
  int target = 0;   ///< the line it applies to (0 in a sidecar: the whole file)
  bool negative = false;
  std::string detector;
};

/// The annotations of one file's text. Malformed ones (no closing parenthesis, an empty id)
/// are reported in `problems` as "LINE:COL: message".
std::vector<Annotation> parse_annotations(std::string_view text, bool sidecar,
                                          std::vector<std::string>& problems);

/// The outcome of one rule file.
struct RuleFileResult {
  std::string rule_file;
  std::string test_dir;
  std::vector<std::string> detectors;   ///< the file's detector ids
  std::vector<std::string> unexpected;  ///< "path:line detector": matched, not announced
  std::vector<std::string> missing;     ///< "path:line detector": announced, not matched
  std::vector<std::string> problems;    ///< bad annotations, detectors without a case
  int expected = 0;                     ///< positive annotations checked
  int negatives = 0;                    ///< negative annotations checked
  bool passed() const { return unexpected.empty() && missing.empty() && problems.empty(); }
};

struct Report {
  std::vector<RuleFileResult> files;      ///< rule files with a test folder
  std::vector<std::string> untested;      ///< rule files with detectors and no test folder
  bool passed() const;
};

/// Tests every rule file under `dir` that has a `.test` folder, with `pack` (which holds those
/// files' detectors, and the facts they set) supplying the detectors.
Report run(const detail::RulePackData& pack, const std::string& dir, int jobs = 1,
           const ScanInput* base = nullptr);

/// Runs `detectors` over `tree` and checks the annotations found there; ids that are not in
/// `detectors` but are in `pack` are another file's business and ignored. With
/// `require_cases`, each detector needs a positive and a negative annotation. The shared core
/// of `run`, also used by tests of whole-engine behaviour (settings such as isolation come
/// from `base`).
RuleFileResult check_tree(const detail::RulePackData& pack,
                          const std::vector<const DetectorSpec*>& detectors,
                          const std::string& tree, int jobs = 1, bool require_cases = true,
                          const ScanInput* base = nullptr);

/// The report as text: one line per rule file, a diff-like listing under each failure
/// (`+ path:line detector` unexpected, `- path:line detector` missing), and a summary.
std::string format(const Report& r);

}  // namespace lambdafit::ruletest
