// lambdafit — should this workload run as a serverless function?
//
// The one public header for embedders. It includes only the standard library: no LLVM,
// yaml-cpp, RE2 or JSON headers. No function declared here throws; failures come back as
// a Result holding diagnostics (file:line:col where they came from a file).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace lambdafit {

/// Library version as "MAJOR.MINOR.PATCH".
std::string_view version() noexcept;

// ---------------------------------------------------------------------------------------------
// Diagnostics and results

enum class Severity { error, warning, note };

/// A place in a file; line and column are 1-based, 0 when unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

/// A message about bad input, in the form compilers use.
struct Diagnostic {
  Severity severity = Severity::error;
  std::string message;
  SourceLocation location;
  std::string source_line;  ///< the offending line of the file, when known

  /// "file:line:col: error: message", then the source line and a caret when known.
  std::string format() const;
};

/// A value or the diagnostics that explain why there is none.
template <class T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(std::vector<Diagnostic> errors) : errors_(std::move(errors)) {}  // NOLINT
  static Result failure(std::string message, SourceLocation where = {}) {
    return Result(std::vector<Diagnostic>{Diagnostic{Severity::error, std::move(message),
                                                     std::move(where), {}}});
  }

  bool ok() const noexcept { return value_.has_value(); }
  explicit operator bool() const noexcept { return ok(); }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  const std::vector<Diagnostic>& errors() const noexcept { return errors_; }
  /// All errors formatted, one per block.
  std::string error_text() const {
    std::string out;
    for (const auto& e : errors_) out += e.format() + "\n";
    return out;
  }

 private:
  std::optional<T> value_;
  std::vector<Diagnostic> errors_;
};

// ---------------------------------------------------------------------------------------------
// Values

/// What a number measures; each dimension has one canonical unit.
enum class Dimension {
  count,  ///< plain number
  time,   ///< seconds
  size,   ///< megabytes (1 GB = 1024 MB)
};

struct Quantity {
  double value = 0;  ///< in the dimension's canonical unit
  Dimension dimension = Dimension::count;
  /// "300 s", "1536 MB", "4".
  std::string to_string() const;
  friend bool operator==(const Quantity& a, const Quantity& b) {
    const double d = a.value - b.value;
    return a.dimension == b.dimension && d < 1e-9 && d > -1e-9;
  }
};

using StringList = std::vector<std::string>;
/// A fact's value: unknown (monostate), yes/no, number with unit, text, or list of text.
using Value = std::variant<std::monostate, bool, Quantity, std::string, StringList>;

/// Human text for a value: "yes", "no", "300 s", "a, b", "unknown".
std::string value_to_string(const Value& v);

// ---------------------------------------------------------------------------------------------
// File roles

/// What a file of the workload is for. Every walked file gets exactly one (rules/roles/*.yaml,
/// the manifest's `roles:`); criteria count evidence from `deployed` files, and from other
/// roles only where a fact says so (e.g. `build` for facts about building).
enum class FileRole { deployed, build, test, example, tooling, docs, vendored };

std::string_view to_string(FileRole r) noexcept;  ///< "deployed", "build", …
std::optional<FileRole> file_role_from_string(std::string_view s) noexcept;
/// Every role, in the order above.
const std::vector<FileRole>& all_file_roles() noexcept;

// ---------------------------------------------------------------------------------------------
// Evidence, answers and facts

/// How a value stated by a deployment file relates to the fact: the fact itself, or a bound
/// on it (a declared timeout bounds run time from above; a memory request from below).
enum class Bound { exact, upper, lower };

/// One place in the scanned tree (path + line) that one or more detectors matched.
struct Evidence {
  std::string path;      ///< relative to the workload root, '/' separators
  int line = 0;          ///< 1-based; 0 for whole-file evidence (a file's presence)
  int column = 0;        ///< of the first match on the line
  std::string snippet;   ///< the source line (or the file name for presence)
  std::string detector;  ///< the first detector that matched (see `detectors`)
  std::vector<std::string> detectors;  ///< every detector that matched this place, sorted
  std::string fact;      ///< fact the detector sets
  std::string message;   ///< the detector's message
  FileRole role = FileRole::deployed;  ///< the role of the file
  bool counted = true;   ///< false when the fact does not count evidence from this role
  bool suppressed = false;
  std::string suppression_reason;
  /// The value this place states (a descriptor's `Timeout: 30`); unknown when the detector's
  /// fixed value applies.
  Value value;
  Bound bound = Bound::exact;  ///< how `value` relates to the fact
};

/// Every evidence item of an assessment, each stored once (as SARIF stores results once and
/// refers to them by index).
using EvidenceTable = std::vector<Evidence>;

/// A list of evidence items held as indices into a shared, immutable EvidenceTable: facts,
/// criteria of every platform and what-if re-scores refer to the same items instead of
/// copying them. Reads like a `const std::vector<Evidence>`. Built from plain items (a
/// hand-made Assessment), it keeps a table of its own.
class EvidenceRefs {
 public:
  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Evidence;
    using difference_type = std::ptrdiff_t;
    using pointer = const Evidence*;
    using reference = const Evidence&;
    const_iterator() = default;
    const_iterator(const EvidenceTable* t, const std::uint32_t* i) : table_(t), at_(i) {}
    reference operator*() const { return (*table_)[*at_]; }
    pointer operator->() const { return &(*table_)[*at_]; }
    const_iterator& operator++() {
      ++at_;
      return *this;
    }
    const_iterator operator++(int) {
      auto old = *this;
      ++at_;
      return old;
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.at_ == b.at_; }
    friend bool operator!=(const const_iterator& a, const const_iterator& b) { return a.at_ != b.at_; }

   private:
    const EvidenceTable* table_ = nullptr;
    const std::uint32_t* at_ = nullptr;
  };
  using iterator = const_iterator;
  using value_type = Evidence;
  using size_type = std::size_t;

  EvidenceRefs() = default;
  /// Items `indices` of `table` (each index < table->size()).
  EvidenceRefs(std::shared_ptr<const EvidenceTable> table, std::vector<std::uint32_t> indices)
      : table_(std::move(table)), indices_(std::move(indices)) {}
  EvidenceRefs(std::vector<Evidence> items);             // NOLINT(google-explicit-constructor)
  EvidenceRefs(std::initializer_list<Evidence> items);   // NOLINT(google-explicit-constructor)

  std::size_t size() const noexcept { return indices_.size(); }
  bool empty() const noexcept { return indices_.empty(); }
  const Evidence& operator[](std::size_t i) const { return (*table_)[indices_[i]]; }
  const Evidence& front() const { return (*this)[0]; }
  const Evidence& back() const { return (*this)[indices_.size() - 1]; }
  const_iterator begin() const noexcept { return {table_.get(), indices_.data()}; }
  const_iterator end() const noexcept { return {table_.get(), indices_.data() + indices_.size()}; }
  /// Adds an item; the table is copied first when others share it (they never see the change).
  void push_back(const Evidence& e);

  /// The shared table (null when empty and never given one) and the indices into it.
  const std::shared_ptr<const EvidenceTable>& table() const noexcept { return table_; }
  const std::vector<std::uint32_t>& indices() const noexcept { return indices_; }

 private:
  std::shared_ptr<const EvidenceTable> table_;
  std::vector<std::uint32_t> indices_;
};

/// A person's answer to a question, as written in lambdafit.yaml or given through the API.
struct Answer {
  Value value;
  std::string by;
  std::string date;
  std::string note;
  SourceLocation source;  ///< where it was written, when it came from a file
};

/// Where a fact's value came from.
enum class Provenance {
  unknown,   ///< nothing decided it
  evidence,  ///< detectors matched
  scan,      ///< scanned and computed, or scanned and nothing found where finding is decisive
  answer,    ///< a person's answer (overrides scan results)
};

/// An answer that disagrees with what the scan found.
struct Contradiction {
  std::string fact;
  Value answer;
  Value scanned;
  std::size_t evidence_count = 0;
  std::string message;
};

/// A declared bound on a numeric fact and the place that declared it.
struct FactBound {
  Quantity value;
  Evidence source;
};

struct Fact {
  std::string id;
  std::string title;
  Value value;
  Provenance provenance = Provenance::unknown;
  EvidenceRefs evidence;  ///< unsuppressed, counted evidence only (into Assessment::evidence)
  std::optional<Answer> answer;
  std::optional<Contradiction> contradiction;
  std::optional<FactBound> lower;  ///< at least this much (e.g. a memory request)
  std::optional<FactBound> upper;  ///< at most this much (a declared timeout or memory limit)
  /// Why the scan settled the fact without evidence of its own, e.g. "no host of its own:
  /// template.yaml:5 deploys it as a function"; empty otherwise.
  std::string settled_by;
};

// ---------------------------------------------------------------------------------------------
// Criteria and verdicts

enum class CriterionKind { limit, concern, adaptation, strength };
enum class Status { applies, clear, unknown };
enum class Verdict { good_fit, fit_with_caveats, not_a_fit, undetermined };

std::string_view to_string(CriterionKind k) noexcept;
std::string_view to_string(Status s) noexcept;
std::string_view to_string(Verdict v) noexcept;  ///< "good-fit", "fit-with-caveats", …
std::string_view to_string(Provenance p) noexcept;
std::string_view to_string(Bound b) noexcept;  ///< "exact", "upper", "lower"
std::optional<Verdict> verdict_from_string(std::string_view s) noexcept;

struct AnsweredFact {
  std::string fact;
  Answer answer;
};

/// One checklist item evaluated for one platform.
struct CriterionResult {
  std::string id;
  std::string title;
  CriterionKind kind = CriterionKind::concern;  ///< effective kind on this platform
  Status status = Status::unknown;
  std::vector<std::string> facts;        ///< facts the condition reads
  /// Evidence behind those facts, one item per place (into Assessment::evidence; shared by
  /// every platform's result for this criterion).
  EvidenceRefs evidence;
  std::vector<AnsweredFact> answers;     ///< answers behind those facts
  std::vector<Contradiction> contradictions;
  std::string reason;                    ///< why this status, in words
  std::string advice;                    ///< what to do when it applies
  bool needs_change = false;             ///< a strength that helps only once the advice is followed
};

/// A question whose fact is still open (or contradicted), with what an answer could change.
struct OpenQuestion {
  std::string id;
  std::string fact;
  std::string prompt;
  std::vector<std::string> criteria;  ///< criteria that read the fact
  std::optional<Verdict> would_change_verdict_to;
  std::string if_answer;  ///< the answer that would cause that change, e.g. "yes", "> 300 s"
};

/// The verdict for one platform profile.
struct PlatformResult {
  std::string platform;  ///< profile id
  std::string name;
  std::string as_of;
  std::map<std::string, std::string> limits;  ///< limit name -> value text, e.g. timeout -> 300 s
  std::map<std::string, Value> limit_values;  ///< the same limits as values (numbers with units)
  /// Limit name -> the words reports use for it ("timeout", "package size (unzipped)"), in
  /// the order rules/platform-limits.yaml declares them (the display order).
  std::vector<std::pair<std::string, std::string>> limit_titles;
  Verdict verdict = Verdict::undetermined;
  Verdict optimistic = Verdict::undetermined;   ///< if every unknown turned out clear
  Verdict pessimistic = Verdict::undetermined;  ///< if every unknown turned out to apply
  int score = 0;            ///< 0–100; never lowered by a favourable answer
  /// The range the score could land in once every open question is answered (low: every
  /// unknown criterion applies; high: none does). Equal to {score, score} when nothing is open.
  std::pair<int, int> score_range{0, 0};
  double confidence = 0;    ///< share of criteria decided by evidence, scan or answers
  std::vector<CriterionResult> criteria;
  std::vector<std::string> blocking;  ///< ids of criteria that decide not-a-fit
  std::vector<std::string> strengths;
  std::vector<OpenQuestion> open_questions;
};

// ---------------------------------------------------------------------------------------------
// Scan summary and workload insights

/// A deployment file that names files as deployed (rules/roles/deployment.yaml): a SAM
/// CodeUri, a serverless handler, a Dockerfile COPY, a package.json `main`, …
struct DeployedBy {
  std::string path;     ///< the file or directory named, workload-relative ("" never)
  std::string source;   ///< where it is named: "template.yaml:14:7"
  std::string rule;     ///< the rule that read it: "sam-code-uri"
  std::size_t files = 0;    ///< walked files it names
  std::size_t changed = 0;  ///< of those, files whose path role it turned into `role`
  /// What the mark makes the files: `deployed` (they ship), or `build` (a program a deploy
  /// tool runs to make the artifact, such as a Terraform `external` data source's script).
  FileRole role = FileRole::deployed;
};

struct ScanSummary {
  std::size_t files = 0;              ///< files walked
  std::size_t translation_units = 0;  ///< C/C++ translation units parsed
  std::size_t tu_ok = 0;
  std::size_t tu_errors = 0;          ///< parsed with errors; evidence kept
  std::size_t parse_failures = 0;     ///< could not be parsed at all
  /// Of the units, those whose result an earlier run left in the cache and whose inputs are
  /// unchanged, so they were not parsed again (`--no-cache` parses every one).
  std::size_t tu_reused = 0;
  /// Results of the text and tree-sitter detectors for one file, taken from an earlier run
  /// because the file is unchanged (one per file and kind; `--no-cache` scans every file).
  std::size_t file_results_reused = 0;
  std::int64_t duration_ms = 0;
  std::vector<std::string> coverage_notes;
  std::vector<Evidence> suppressed;   ///< evidence silenced by lambdafit-ignore comments
  /// Evidence from files whose role the fact does not count (tests, examples, tooling, …);
  /// reported, never used to decide a criterion.
  std::vector<Evidence> not_counted;
  std::map<FileRole, std::size_t> roles;  ///< walked files per role (every role present)
  std::vector<DeployedBy> deployed_by;    ///< files deployment files name as deployed
};

/// A scheduled command found in a crontab or a systemd timer.
struct ScheduledJob {
  std::string path;
  int line = 0;
  std::string schedule;
  std::string command;
  std::string script;  ///< workload-relative path of the script it runs, when found
  bool candidate = false;
  std::vector<std::string> reasons;
};

struct LanguageShare {
  std::string language;
  std::uint64_t bytes = 0;
};

struct PackageEstimate {
  std::uint64_t bytes = 0;            ///< estimated deployable size
  std::uint64_t avoidable_bytes = 0;  ///< docs, tests, samples and the like
  std::vector<std::string> avoidable; ///< workload-relative paths of avoidable weight
};

/// A permission a template grants, where it is written.
struct PermissionGrant {
  std::string action;    ///< may hold wildcards ("s3:*")
  std::string resource;  ///< "*" or the resource as written
  std::string source;    ///< managed policy, SAM policy template, or "inline"
  SourceLocation where;
};

/// Granted actions the code never uses, by the place in a template that grants them (a
/// managed policy name, a SAM policy template, an inline statement's action line).
struct PermissionUnusedGrant {
  std::string source;                ///< managed policy, SAM policy template, or "inline"
  SourceLocation where;
  std::vector<std::string> actions;  ///< concrete actions, sorted
};

/// One statement of the narrow policy lambdafit proposes, with the calls that need it.
struct PermissionStatement {
  std::vector<std::string> actions;    ///< sorted
  std::vector<std::string> resources;  ///< ARNs, "*", or CloudFormation Fn::Sub text
  std::vector<SourceLocation> calls;   ///< the SDK calls behind it
  std::vector<std::string> notes;      ///< why a resource is "*"
};

/// Least-privilege permissions of one function, from the AWS SDK calls of the files its
/// handler reaches, compared with what its template grants.
struct FunctionPermissions {
  std::string name;      ///< logical id; "workload" when no template declares functions
  SourceLocation where;  ///< the function in its template (empty file without one)
  std::vector<std::string> used_actions;  ///< the IAM actions the calls need, sorted
  std::vector<SourceLocation> calls;      ///< the SDK calls behind them
  std::vector<PermissionStatement> policy;  ///< the narrow policy
  bool grants_known = false;              ///< the template says what the function is granted
  std::size_t granted_actions = 0;        ///< concrete actions the grants cover
  double over_grant_ratio = 0;            ///< granted_actions / used actions
  std::vector<std::string> unused;        ///< granted, never used
  std::vector<PermissionUnusedGrant> unused_by_grant;  ///< `unused`, by the place granting it
  std::vector<PermissionGrant> wildcards; ///< grants with "*" in the action or resource
  std::vector<std::string> missing;       ///< used but not granted: AccessDenied at run time
  /// Each action and resource behind `missing`, with its calls; notes say where the action is
  /// granted instead.
  std::vector<PermissionStatement> not_granted;
  std::vector<std::string> notes;
};

struct PermissionsSummary {
  bool analyzed = false;
  std::string data_as_of;  ///< "botocore 1.29.27 (2022-12-12)"
  std::vector<FunctionPermissions> functions;
  std::vector<std::string> notes;  ///< calls that could not be resolved, unreadable templates
};

// ---------------------------------------------------------------------------------------------
// The assessment

struct Assessment {
  std::string tool_name = "lambdafit";
  std::string tool_version;
  std::string workload_name;
  std::string workload_path;
  std::vector<PlatformResult> platforms;  ///< first is the primary platform
  std::vector<Fact> facts;
  /// Every counted evidence item, once; facts and criteria (of every platform) refer to it by
  /// index. Null for a hand-made Assessment whose facts keep tables of their own.
  std::shared_ptr<const EvidenceTable> evidence;
  ScanSummary scan;
  std::vector<ScheduledJob> scheduled_jobs;
  std::vector<LanguageShare> languages;
  std::optional<PackageEstimate> package;
  PermissionsSummary permissions;    ///< least-privilege IAM per function
  std::vector<Diagnostic> warnings;  ///< non-fatal problems with inputs

  const PlatformResult& primary() const { return platforms.front(); }
};

// ---------------------------------------------------------------------------------------------
// Rule pack

struct DetectorInfo {
  std::string id;
  std::string kind;
  std::string fact;
  std::string message;
  std::string description;
  std::string severity;                ///< error, warning or note
  std::vector<std::string> criteria;   ///< criteria that read its fact
  SourceLocation defined_at;
};

struct CriterionInfo {
  std::string id;
  std::string title;
  CriterionKind kind = CriterionKind::concern;
  std::string description;
  std::string advice;
  std::vector<std::string> facts;
  SourceLocation defined_at;
};

struct QuestionInfo {
  std::string id;
  std::string fact;
  std::string prompt;
  std::string help;
  std::string type;                  ///< bool, number, string, list, choice
  std::string unit;                  ///< canonical unit for numbers, e.g. s or MB
  std::vector<std::string> choices;
  SourceLocation defined_at;
};

struct FactInfo {
  std::string id;
  std::string title;
  std::string type;  ///< bool, number, string, list
  std::string unit;
  SourceLocation defined_at;
};

struct PlatformInfo {
  std::string id;
  std::string name;
  std::string as_of;
  std::vector<std::string> sources;
  std::map<std::string, std::string> limits;
  SourceLocation defined_at;
};

namespace detail {
struct RulePackData;
}

/// A loaded, validated rule pack. Cheap to copy; immutable and safe to share across threads.
class RulePack {
 public:
  /// Loads every `*.yaml` under each directory, in order. An empty list loads the default pack.
  static Result<RulePack> load(const std::vector<std::string>& dirs = {}) noexcept;
  /// The rule pack shipped with the library: beside it once installed, the install prefix,
  /// or the source tree, whichever exists first. (The environment is not read: the CLI's
  /// $LAMBDAFIT_RULES_DIR is a command-line setting.)
  static std::optional<std::string> default_dir() noexcept;

  std::vector<DetectorInfo> detectors() const;
  std::vector<CriterionInfo> criteria() const;
  std::vector<QuestionInfo> questions() const;
  std::vector<FactInfo> facts() const;
  std::vector<PlatformInfo> platforms() const;
  std::string default_platform() const;

  /// Internal: the loaded data, for the library's own stages.
  explicit RulePack(std::shared_ptr<const detail::RulePackData> d) : data_(std::move(d)) {}
  const detail::RulePackData& data() const { return *data_; }

 private:
  std::shared_ptr<const detail::RulePackData> data_;
};

// ---------------------------------------------------------------------------------------------
// Running an assessment

/// An answer supplied through the API; `value` is parsed as in lambdafit.yaml ("400", "7m",
/// "1.5 GB", "yes").
struct AnswerInput {
  std::string value;
  std::string by;
  std::string date;
  std::string note;
};

struct Progress {
  std::string stage;  ///< "walk", "text", "tree-sitter", "scan" (C/C++), "permissions", "evaluate"
  std::size_t done = 0;
  std::size_t total = 0;
  std::string item;   ///< e.g. the file being parsed
};

/// Where C/C++ translation units are parsed.
enum class Isolation {
  processes,  ///< in `lambdafit-worker` processes: a crash or a hang fails one unit (default)
  threads,    ///< in the caller's process: about 5% faster, a parser crash ends the process
};

struct AssessOptions {
  std::string path;                   ///< workload root
  std::string name;                   ///< defaults to the manifest's name, then the dir name
  /// Platform ids to evaluate; empty = the manifest's platform or the pack's default;
  /// {"all"} = every platform in the pack.
  std::vector<std::string> platforms;
  std::optional<std::string> answers_file;       ///< a file with an `answers:` mapping
  std::map<std::string, AnswerInput> answers;    ///< fact id -> answer (wins over files)
  bool use_manifest = true;                      ///< read <path>/lambdafit.yaml
  std::string build_dir;                         ///< where compile_commands.json lives
  int jobs = 0;                                  ///< 0 = number of cores
  std::function<void(const Progress&)> on_progress;
  const std::atomic<bool>* cancel = nullptr;     ///< set to true to stop early
  Isolation isolation = Isolation::processes;    ///< how C/C++ parses are isolated
  int unit_timeout_seconds = 300;                ///< time limit of one translation unit
  /// A directory where results of C/C++ units are kept, so a later run reuses those whose
  /// inputs are unchanged (the CLI: $XDG_CACHE_HOME/lambdafit); empty: nothing kept or reused.
  std::string cache_dir;
  /// The `lambdafit-worker` executable; empty = the one installed beside the library (or the
  /// build tree's, for a library used from its build tree).
  std::string worker_path;
  /// Clang's builtin headers (stddef.h, …); empty = the directory found at build time.
  std::string clang_resource_dir;
  /// A CUDA installation (the CLI passes $CUDA_PATH): when set, or when /usr/local/cuda has
  /// the runtime headers, .cu sources are parsed with them; otherwise without the SDK.
  std::string cuda_path;
};

/// Scans the workload, resolves facts, evaluates criteria per platform and scores them.
Result<Assessment> assess(const RulePack& pack, const AssessOptions& options) noexcept;

// ---------------------------------------------------------------------------------------------
// Reports

enum class Format { text, json, markdown, html, sarif };
std::optional<Format> format_from_string(std::string_view s) noexcept;

struct RenderOptions {
  bool color = false;  ///< ANSI colors (text only)
  int width = 80;      ///< wrap width (text only)
  bool verbose = false;  ///< every coverage note, not the summary grouped by cause
};

/// Renders an assessment; every format comes from the same Assessment value.
Result<std::string> render(const Assessment& a, Format f, const RenderOptions& opts = {},
                           const RulePack* pack = nullptr) noexcept;

/// The JSON report (the embedding contract, see docs/schemas/report.schema.json).
std::string to_json(const Assessment& a, int indent = 2) noexcept;

// ---------------------------------------------------------------------------------------------
// Portfolio: many workloads assessed and ranked together

/// One workload of a portfolio (a portfolio file entry, or one DIR of `assess DIR1 DIR2 …`).
struct PortfolioWorkload {
  std::string name;                         ///< empty = the assessment's own name
  std::string path;                         ///< workload root
  std::optional<std::string> answers_file;  ///< a file with an `answers:` mapping
  SourceLocation defined_at;                ///< where the portfolio file lists it, if it does
  std::string given_path;                   ///< the path as written (reports show it); empty = path
};

/// Reads a portfolio file: a YAML list of workloads (`path`, optional `name` and `answers`),
/// either at the top level or under `workloads:`. Relative paths are taken from the file's
/// directory. Errors name file:line:col.
Result<std::vector<PortfolioWorkload>> load_portfolio(const std::string& file) noexcept;

/// One row of a portfolio: the assessment, or the errors that stopped it.
struct PortfolioEntry {
  PortfolioWorkload workload;
  std::optional<Assessment> assessment;
  std::vector<Diagnostic> errors;  ///< non-empty exactly when the assessment failed
  std::string report_file;         ///< where its own report was written, relative to the summary
};

/// The row's display name: the workload's name, the assessment's, or the directory name.
std::string portfolio_name(const PortfolioEntry& e);

/// Assesses each workload with `base` (its path, name and answers file replaced per workload).
/// A workload that fails becomes an entry with its errors; the others still run. The result
/// is sorted best candidates first (see sort_portfolio). `on_workload` is told before each one.
std::vector<PortfolioEntry> assess_portfolio(
    const RulePack& pack, const std::vector<PortfolioWorkload>& workloads, const AssessOptions& base,
    const std::function<void(std::size_t index, const PortfolioWorkload&)>& on_workload = {}) noexcept;

/// Reads a JSON report saved by `assess --format json` back into an Assessment with the
/// verdicts, scores, criteria and open questions of every platform (evidence and facts are not
/// read back). Errors name file:line:col.
Result<Assessment> read_json_report(const std::string& file) noexcept;

/// Best candidates first: by verdict (good-fit, fit-with-caveats, undetermined, not-a-fit), then
/// higher score, then higher confidence, then name; failed workloads last.
void sort_portfolio(std::vector<PortfolioEntry>& entries) noexcept;

enum class PortfolioFormat { text, markdown, html, csv, json };
/// "text", "md"/"markdown", "html", "csv", "json".
std::optional<PortfolioFormat> portfolio_format_from_string(std::string_view s) noexcept;

/// The portfolio summary, one row per entry in the given order (see
/// docs/schemas/portfolio.schema.json for the JSON form).
Result<std::string> render_portfolio(const std::vector<PortfolioEntry>& entries, PortfolioFormat f,
                                     const RenderOptions& opts = {}) noexcept;

}  // namespace lambdafit
