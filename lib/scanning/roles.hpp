// File roles: what each walked file of a workload is for (deployed code, build files, tests,
// examples, tooling, docs or vendored code), from the conventions in rules/roles/*.yaml and
// the manifest's `roles:` globs.
//
// How a path gets its role, first decision wins:
//  1. the manifest's `roles:` globs, in file order (a glob also matches everything under a
//     directory it names);
//  2. a deployment descriptor's mark (mark_deployed below);
//  3. the conventions: each directory of the path from the outermost in, checked against
//     every rule's `dirs` (so `vendor/x/tests/a.py` is vendored and
//     `src/main/java/org/example/A.java` is decided by `src/main` before `example` is seen);
//     then the file name against every rule's `files`;
//  4. otherwise `deployed`.
#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "lambdafit/lambdafit.hpp"
#include "rulepack/model.hpp"

namespace lambdafit {

struct WorkloadFile;

/// Why a file has its role.
struct RoleDecision {
  FileRole role = FileRole::deployed;
  /// The part of the path that decided it: a directory ("tests/"), the file itself, or empty
  /// when nothing matched and the file is deployed by default.
  std::string where;
  /// Where the rule is written: "rules/roles/python.yaml:4:5", "lambdafit.yaml:7:9", or a
  /// descriptor's key; empty by default.
  std::string source;
  enum class By { default_role, convention, descriptor, manifest } by = By::default_role;
};

/// The role the conventions give a workload-relative path ('/' separators).
RoleDecision convention_role(const std::vector<RoleRule>& rules, std::string_view rel_path);

/// The line where the final stage of a multi-stage Dockerfile starts (its last `FROM`), or 0
/// with fewer than two stages. Evidence above it is in a build stage: its steps make the
/// artifact, not the image that runs, so it takes the `build` role.
int final_stage_line(std::string_view dockerfile_text);

/// The roles of one workload's files. Filled before detectors run; safe to use from several
/// threads.
class RoleMap {
 public:
  /// Decides every file's role (manifest globs first, then conventions).
  void assign(const std::vector<WorkloadFile>& files, const std::vector<RoleRule>& rules,
              const std::vector<RoleGlob>& overrides);
  /// The decision for a path; a path that was not walked is deployed.
  RoleDecision decision(std::string_view path) const;
  FileRole role_of(std::string_view path) const { return decision(path).role; }

  /// The hook for deployment files (scanning/deployment_roles.hpp): marks the file `prefix`,
  /// or every file under the directory `prefix`, as deployed, citing `source` (and `rule`).
  /// A manifest glob still wins. With `exact` (a handler, a CMD script, a package.json
  /// `main`: one file named outright) nothing else does. Otherwise the mark says "this
  /// directory ships", so only the conventions' directory decisions give way (an `examples/`
  /// the code sits in), except a tests/ folder or a docs/ folder inside the marked directory
  /// (shipped, never run) and file-name decisions (README.md, invoke.sh, test_app.py keep
  /// their roles). The workload root ("") is never marked: it says no more than the default.
  /// Returns the number of walked files named; records the mark for marks().
  std::size_t mark_deployed(std::string_view prefix, const std::string& source,
                            const std::string& rule = {}, bool exact = false);
  /// Marks files named outright by a build or deployment file as something that does not
  /// ship: `build` (a program a deploy tool runs while building, such as a Terraform
  /// `external` program), `test` (an Automake check program's sources) or `tooling` (sources
  /// of a program that is built but never installed), recorded as one mark under `label`. A
  /// manifest glob and a deployment file's `deployed` mark still win, whichever comes first:
  /// a file that ships is deployed whoever else uses it. Of two such marks the first stays.
  std::size_t mark_files_as(FileRole role, const std::vector<std::string>& paths, std::string_view label,
                            const std::string& source, const std::string& rule);
  /// mark_deployed for several files named by one pattern or program (`label`), recorded as
  /// one mark; `exact` as there.
  std::size_t mark_deployed_files(const std::vector<std::string>& paths, std::string_view label,
                                  const std::string& source, const std::string& rule, bool exact = false);

  /// The marks made, in order, with how many files each named and changed.
  std::vector<DeployedBy> marks() const;

  /// Files per role; every role is present.
  std::map<FileRole, std::size_t> counts() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, RoleDecision, std::less<>> by_path_;
  std::vector<DeployedBy> marks_;
  std::vector<RoleRule> rules_;  ///< the conventions, to re-read a path inside a marked folder
  /// Files a `deployed` mark named and left deployed, also those deployed already (by default
  /// or a convention): mark_files_as must not take them out of the product, whichever mark
  /// comes first.
  std::set<std::string, std::less<>> shipped_;
  /// Files a build, test or tooling mark named first, changed or not: the first such mark
  /// decides (mark_files_as).
  std::set<std::string, std::less<>> claimed_;

  void mark_under(std::string_view dir, bool exact, std::string_view where, const std::string& source,
                  DeployedBy& mark);
};

}  // namespace lambdafit
