// Names of enums and text for values, shared by every report.
#include <fmt/format.h>

#include "core/quantity.hpp"
#include "lambdafit/lambdafit.hpp"

namespace lambdafit {

std::string value_to_string(const Value& v) {
  struct Visitor {
    std::string operator()(std::monostate) const { return "unknown"; }
    std::string operator()(bool b) const { return b ? "yes" : "no"; }
    std::string operator()(const Quantity& q) const { return q.to_string(); }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(const StringList& l) const { return fmt::format("{}", fmt::join(l, ", ")); }
  };
  return std::visit(Visitor{}, v);
}

std::string_view to_string(CriterionKind k) noexcept {
  switch (k) {
    case CriterionKind::limit: return "limit";
    case CriterionKind::concern: return "concern";
    case CriterionKind::adaptation: return "adaptation";
    case CriterionKind::strength: return "strength";
  }
  return "concern";
}

std::string_view to_string(Status s) noexcept {
  switch (s) {
    case Status::applies: return "applies";
    case Status::clear: return "clear";
    case Status::unknown: return "unknown";
  }
  return "unknown";
}

std::string_view to_string(Verdict v) noexcept {
  switch (v) {
    case Verdict::good_fit: return "good-fit";
    case Verdict::fit_with_caveats: return "fit-with-caveats";
    case Verdict::not_a_fit: return "not-a-fit";
    case Verdict::undetermined: return "undetermined";
  }
  return "undetermined";
}

std::string_view to_string(Provenance p) noexcept {
  switch (p) {
    case Provenance::unknown: return "unknown";
    case Provenance::evidence: return "evidence";
    case Provenance::scan: return "scan";
    case Provenance::answer: return "answer";
  }
  return "unknown";
}

std::string_view to_string(FileRole r) noexcept {
  switch (r) {
    case FileRole::deployed: return "deployed";
    case FileRole::build: return "build";
    case FileRole::test: return "test";
    case FileRole::example: return "example";
    case FileRole::tooling: return "tooling";
    case FileRole::docs: return "docs";
    case FileRole::vendored: return "vendored";
  }
  return "deployed";
}

const std::vector<FileRole>& all_file_roles() noexcept {
  static const std::vector<FileRole> roles{FileRole::deployed, FileRole::build,   FileRole::test,
                                           FileRole::example,  FileRole::tooling, FileRole::docs,
                                           FileRole::vendored};
  return roles;
}

std::optional<FileRole> file_role_from_string(std::string_view s) noexcept {
  for (auto r : all_file_roles())
    if (to_string(r) == s) return r;
  return std::nullopt;
}

std::string_view to_string(Bound b) noexcept {
  switch (b) {
    case Bound::exact: return "exact";
    case Bound::upper: return "upper";
    case Bound::lower: return "lower";
  }
  return "exact";
}

std::optional<Verdict> verdict_from_string(std::string_view s) noexcept {
  for (auto v : {Verdict::good_fit, Verdict::fit_with_caveats, Verdict::not_a_fit,
                 Verdict::undetermined})
    if (to_string(v) == s) return v;
  return std::nullopt;
}

std::optional<Format> format_from_string(std::string_view s) noexcept {
  if (s == "text") return Format::text;
  if (s == "json") return Format::json;
  if (s == "md" || s == "markdown") return Format::markdown;
  if (s == "html") return Format::html;
  if (s == "sarif") return Format::sarif;
  return std::nullopt;
}

}  // namespace lambdafit
