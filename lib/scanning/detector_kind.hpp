// The extension point for detectors: one DetectorKind per way of looking at a workload
// (file presence, Clang matchers, text patterns, …), registered by one row in registry.cpp.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"
#include "rulepack/model.hpp"
#include "scanning/scan.hpp"

namespace YAML {
class Node;
}
namespace cereal {
class BinaryOutputArchive;
class BinaryInputArchive;
}  // namespace cereal

namespace lambdafit {

class YamlFile;

/// Who runs a kind's detectors: the kind itself (its scan() reads the workload), or a frontend
/// shared by several kinds, which runs them all in one pass over each unit it plans.
enum class Frontend {
  own,        ///< DetectorKind::scan
  cpp_parse,  ///< one Clang parse per C/C++ translation unit (clang/engine.hpp, clang/kinds.hpp)
};

class DetectorKind {
 public:
  virtual ~DetectorKind() = default;
  /// The value of `kind:` in rule files.
  virtual std::string_view name() const = 0;
  /// The frontend the kind's detectors attach to; run_scan calls scan() only for `own`.
  virtual Frontend frontend() const { return Frontend::own; }
  /// The keys this kind adds to a detector's mapping (beyond id, kind, fact, message, …).
  virtual std::vector<std::string> keys() const = 0;
  /// Whether each match states its own value (a descriptor's `Timeout: 30`), so the
  /// detector needs no fixed `value:` even for a number fact.
  virtual bool states_values() const { return false; }
  /// Parses and checks the kind's keys at load time; errors name the YAML node.
  virtual std::shared_ptr<const DetectorConfig> parse(const YamlFile& f, const YAML::Node& n,
                                                      Diagnostics& d) const = 0;
  /// Writes a config this kind's parse() made into a compiled rule pack (rulepack/compiled.hpp),
  /// with the helpers of rulepack/pack_codec.hpp; restore() reads it back as parse() gave it,
  /// checking nothing again (the pack was checked in full when it was compiled). Throws
  /// (cereal::Exception) on bytes it cannot read; the pack is then loaded from its files.
  virtual void save(const DetectorConfig& c, cereal::BinaryOutputArchive& a) const = 0;
  virtual std::shared_ptr<const DetectorConfig> restore(cereal::BinaryInputArchive& a) const = 0;
  /// Runs once after every rule file is read, for checks batched over the whole pack (the
  /// `clang` kind has a worker compile its matchers in a binary without Clang); may drop
  /// detectors it rejects, reporting why.
  virtual void finish_load(detail::RulePackData& /*pack*/, Diagnostics& /*d*/) const {}
  /// Runs every detector of this kind over the workload, once.
  virtual void scan(const ScanInput& in, const std::vector<const DetectorSpec*>& detectors,
                    ScanOutput& out) const = 0;
};

/// A fact an analyzer sets, with the type the pack must declare it with.
struct ProducedFact {
  std::string id;
  std::string type;  ///< bool, number, string, list
  Dimension dimension = Dimension::count;
};

/// Computes facts from the whole tree rather than from matches (languages, package size, …).
/// Each analyzer declares what it sets and which fact tags it reads, so a pack that declares
/// those facts with another type, or drops a tag the analyzer relies on, fails at load.
class Analyzer {
 public:
  virtual ~Analyzer() = default;
  virtual std::string_view name() const = 0;
  /// The facts the analyzer sets.
  virtual std::vector<ProducedFact> produces() const { return {}; }
  /// The fact tags whose evidence the analyzer reads (facts carry them in `tags:`).
  virtual std::vector<std::string> reads_tags() const { return {}; }
  /// Analyzers that read other detectors' evidence run after it is deduplicated and the
  /// suppression comments are applied; the others may add evidence themselves.
  virtual bool reads_evidence() const { return false; }
  virtual void analyze(const ScanInput& in, const detail::RulePackData& pack,
                       ScanOutput& out) const = 0;
};

/// Every detector kind, one row each in registry.cpp.
const std::vector<const DetectorKind*>& detector_kinds();
const DetectorKind* find_detector_kind(std::string_view name);
/// The frontend a detector's kind attaches to (Frontend::own for an unknown kind).
Frontend frontend_of(const DetectorSpec& d);
std::vector<std::string> detector_kind_names();

/// Runs every kind's finish_load over a freshly read pack.
void finish_detector_load(detail::RulePackData& pack, Diagnostics& d);

/// Every analyzer, one row each in registry.cpp.
const std::vector<const Analyzer*>& analyzers();

/// Checks the pack against what the analyzers declare: every produced fact the pack declares
/// has the produced type.
void check_analyzer_contract(const detail::RulePackData& pack, Diagnostics& d);

/// Runs every detector kind and analyzer the pack uses over the workload.
void run_scan(const ScanInput& in, const detail::RulePackData& pack, ScanOutput& out);

}  // namespace lambdafit
