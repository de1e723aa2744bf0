// How a compiled rule pack (rulepack/compiled.hpp) writes and reads the pieces the model and
// the detector kinds share: cereal's binary archives, with one function per type listing its
// fields. Each detector kind lists its settings' fields the same way, in a `serialize` beside
// its config, and saves and restores them with save_config / restore_config below
// (DetectorKind::save and restore). A field added to a type must be added to its function, or
// the compiled pack
// silently loses it; the round-trip test (tests/unit/rulepack/compiled_test.cpp) runs every
// rule file's golden cases and assesses every sample with a decoded pack, which catches a lost
// field that those cases exercise (not one no case depends on).
#pragma once

#include <memory>
#include <string>

#include <cereal/archives/binary.hpp>
#include <cereal/types/map.hpp>
#include <cereal/types/optional.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/utility.hpp>
#include <cereal/types/variant.hpp>
#include <cereal/types/vector.hpp>
#include <re2/re2.h>

#include "core/lazy_regex.hpp"
#include "criteria/condition.hpp"
#include "lambdafit/lambdafit.hpp"
#include "rulepack/model.hpp"
#include "scanning/descriptors/doc_path.hpp"

namespace lambdafit {

using PackOut = cereal::BinaryOutputArchive;
using PackIn = cereal::BinaryInputArchive;

template <class A>
void serialize(A& a, SourceLocation& s) {
  a(s.file, s.line, s.column);
}
template <class A>
void serialize(A& a, Quantity& q) {
  a(q.value, q.dimension);
}
template <class A>
void serialize(A& a, LimitInfo& l) {
  a(l.type, l.dimension, l.absent, l.fallback);
}
template <class A>
void serialize(A& a, Condition& c) {
  a(c.op, c.children, c.fact, c.platform_limit, c.criterion, c.literal, c.known, c.cmp, c.absent,
    c.fallback, c.at);
}

// RE2's options, every one of them, so a pattern compiles on first use exactly as at load.
void save_options(PackOut& a, const RE2::Options& o);
RE2::Options load_options(PackIn& a);

/// A rule regex: its pattern and options (nothing when empty); read back as Regex::accepted,
/// compiled on first use. Found by cereal, so a Regex or a vector of them is a plain field.
void save(PackOut& a, const Regex& r);
void load(PackIn& a, Regex& r);

/// A kind's save() and restore() when its settings type lists its fields in one
/// `serialize(A&, Config&)`: written as they are, read back into a fresh Config.
template <class Config>
void save_config(PackOut& a, const DetectorConfig& c) {
  a(static_cast<const Config&>(c));
}
template <class Config>
std::shared_ptr<Config> restore_config(PackIn& a) {
  auto cfg = std::make_shared<Config>();
  a(*cfg);
  return cfg;
}

namespace descriptors {
template <class A>
void serialize(A& a, PathFilter& f) {
  a(f.key, f.values, f.negate);
}
template <class A>
void serialize(A& a, PathSegment& s) {
  a(s.names, s.filters);
}
}  // namespace descriptors

}  // namespace lambdafit
