// EvidenceRefs: evidence lists held as indices into one shared table (lambdafit.hpp).
#include <utility>

#include "lambdafit/lambdafit.hpp"

namespace lambdafit {

namespace {

std::vector<std::uint32_t> first_n(std::size_t n) {
  std::vector<std::uint32_t> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint32_t>(i);
  return out;
}

}  // namespace

EvidenceRefs::EvidenceRefs(std::vector<Evidence> items)
    : indices_(first_n(items.size())) {
  table_ = std::make_shared<EvidenceTable>(std::move(items));
}

EvidenceRefs::EvidenceRefs(std::initializer_list<Evidence> items)
    : EvidenceRefs(std::vector<Evidence>(items)) {}

void EvidenceRefs::push_back(const Evidence& e) {
  // Copy what this list refers to into a table of its own, then append: a table others hold
  // is never changed under them.
  auto own = std::make_shared<EvidenceTable>();
  own->reserve(indices_.size() + 1);
  for (const Evidence& x : *this) own->push_back(x);
  own->push_back(e);
  indices_ = first_n(own->size());
  table_ = std::move(own);
}

}  // namespace lambdafit
