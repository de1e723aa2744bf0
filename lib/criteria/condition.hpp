// Conditions over facts and platform limits, with three-valued logic: a condition that reads
// an unknown fact is unknown unless the known parts already decide it.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "lambdafit/lambdafit.hpp"

namespace YAML {
class Node;
}

namespace lambdafit {

class YamlFile;

enum class Tri { no, yes, unknown };

enum class CompareOp { gt, ge, lt, le, eq, ne };

/// What a platform that does not set a limit means, for every operator alike.
enum class LimitAbsence {
  unknown,    ///< the leaf is unknown
  unlimited,  ///< no bound: every number is under it, every item is allowed
  fallback,   ///< the declared default value stands in for the limit
};

/// A platform limit name declared in the pack (`platform_limits:`): its type and what its
/// absence from a platform means.
struct LimitInfo {
  std::string type;  ///< bool, number, string, list
  Dimension dimension = Dimension::count;
  LimitAbsence absent = LimitAbsence::unknown;
  Value fallback;  ///< absent == fallback: the value used
};

/// A condition node, parsed from a criterion's `when:` (or `limit_when:`).
struct Condition {
  enum class Op {
    all,        ///< every child holds
    any,        ///< some child holds
    negate,     ///< the child does not hold
    fact_true,  ///< `fact: F` — bool true, non-empty list or text, non-zero number
    fact_is,    ///< `fact: F, is: V`
    fact_known, ///< `fact: F, known: true|false`
    compare,    ///< `fact: F, gt: 300 s` or `gt: platform.timeout`
    in,         ///< `fact: F, in: platform.runtimes` — every item of F is in the list
    platform,   ///< `platform: L` or `platform: L, is: V` — a platform limit
    criterion,  ///< `criterion: ID` — another criterion applies
  };
  Op op = Op::all;
  std::vector<Condition> children;
  std::string fact;            ///< leaf: fact id
  std::string platform_limit;  ///< compare/in/platform: limit name, when the operand is one
  std::string criterion;       ///< criterion: the id it refers to
  Value literal;               ///< compare/is: literal operand
  bool known = true;           ///< fact_known: what to test for
  CompareOp cmp = CompareOp::gt;
  LimitAbsence absent = LimitAbsence::unknown;  ///< the declared meaning of a missing limit
  Value fallback;                               ///< absent == fallback: the value used
  SourceLocation at;
};

/// Type information the parser needs to check a condition against the facts it names.
struct FactTypeInfo {
  std::string type;       ///< bool, number, string, list
  Dimension dimension = Dimension::count;
};

/// Parses a condition; unknown facts and platform limits are reported with the nearest id.
/// Every platform limit a condition names must be declared in `limits`.
std::optional<Condition> parse_condition(const YamlFile& f, const YAML::Node& n,
                                         const std::map<std::string, FactTypeInfo>& facts,
                                         const std::map<std::string, LimitInfo>& limits,
                                         Diagnostics& d);

/// "; did you mean 'X'?" for a misspelt limit name, else how to declare a new one.
std::string suggest_or_declare(const std::string& limit, const std::vector<std::string>& declared);

/// Every fact a condition reads, in order of first appearance.
void collect_facts(const Condition& c, std::vector<std::string>& out);

/// Every criterion a condition refers to.
void collect_criteria(const Condition& c, std::vector<std::string>& out);

/// What a numeric fact is declared to lie within, when its value is unknown, and where.
struct KnownBounds {
  std::optional<double> lower;  ///< canonical unit
  std::optional<double> upper;
  std::string words;  ///< "declared up to 4096 MB (deploy/worker.yaml:13)"
};

/// What the evaluator needs to know: fact values and platform limits.
struct EvalContext {
  const std::map<std::string, Value>* facts = nullptr;
  const std::map<std::string, Value>* limits = nullptr;
  const std::map<std::string, std::string>* titles = nullptr;  ///< fact id -> title, for reasons
  /// Status of another criterion (for `criterion:` leaves); ids are checked at load time.
  std::function<Status(const std::string&)> criterion_status;
  /// Declared bounds of numeric facts; a comparison of an unknown fact uses them.
  const std::map<std::string, KnownBounds>* bounds = nullptr;
  /// fact id -> why the scan settled it without evidence ("no host of its own: …").
  const std::map<std::string, std::string>* settled = nullptr;
  /// Platform limit name -> title (rules/platform-limits.yaml), for reasons; null: the name.
  const std::vector<std::pair<std::string, std::string>>* limit_titles = nullptr;
};

/// Whether `lo <= x <= hi` (either side may be open) decides `x OP rhs`: yes when it holds
/// for every such x, no when for none, unknown otherwise.
Tri compare_bounds(std::optional<double> lo, std::optional<double> hi, CompareOp op, double rhs);

/// Evaluates `c`; appends a sentence for each leaf that decided the outcome to `reasons`.
Tri evaluate(const Condition& c, const EvalContext& ctx, std::vector<std::string>* reasons);

}  // namespace lambdafit
