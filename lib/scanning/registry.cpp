// The registry of detector kinds and analyzers: adding one is one row here.
#include <algorithm>
#include <chrono>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "scanning/analyzers/languages.hpp"
#include "scanning/analyzers/package_size.hpp"
#include "scanning/analyzers/schedule.hpp"
#include "scanning/clang/engine.hpp"
#include "scanning/clang/kinds.hpp"
#include "scanning/deployment_roles.hpp"
#include "scanning/descriptors/descriptor_kind.hpp"
#include "scanning/detector_kind.hpp"
#include "scanning/files/file_presence.hpp"
#include "scanning/suppressions.hpp"
#include "scanning/text/file_type.hpp"
#include "scanning/text/text_file.hpp"
#include "scanning/text/text_kind.hpp"
#include "scanning/treesitter/tree_sitter_kind.hpp"

namespace lambdafit {

const std::vector<const DetectorKind*>& detector_kinds() {
  static const cpp::ClangMatcherKind clang_matcher;
  static const cpp::IncludeKind include;
  static const cpp::TokenKind token;
  static const DescriptorKind descriptor;
  static const FilePresenceKind file_presence;
  static const TextKind text;
  static const TreeSitterKind tree_sitter;
  static const std::vector<const DetectorKind*> kinds{
      &clang_matcher,
      &descriptor,
      &file_presence,
      &include,
      &text,
      &token,
      &tree_sitter,
  };
  return kinds;
}

const std::vector<const Analyzer*>& analyzers() {
  static const cpp::CppParseAnalyzer cpp_parse;
  static const LanguagesAnalyzer languages;
  static const PackageAnalyzer package;
  static const ScheduleAnalyzer schedule;  // reads the other kinds' evidence
  static const std::vector<const Analyzer*> all{&cpp_parse, &languages, &package, &schedule};
  return all;
}

const DetectorKind* find_detector_kind(std::string_view name) {
  for (const auto* k : detector_kinds())
    if (k->name() == name) return k;
  return nullptr;
}

Frontend frontend_of(const DetectorSpec& d) {
  const auto* k = find_detector_kind(d.kind);
  return k ? k->frontend() : Frontend::own;
}

std::vector<std::string> detector_kind_names() {
  std::vector<std::string> names;
  for (const auto* k : detector_kinds()) names.emplace_back(k->name());
  return names;
}

void finish_detector_load(detail::RulePackData& pack, Diagnostics& d) {
  for (const auto* k : detector_kinds()) k->finish_load(pack, d);
}

void check_analyzer_contract(const detail::RulePackData& pack, Diagnostics& d) {
  for (const auto* a : analyzers()) {
    for (const auto& p : a->produces()) {
      const FactSpec* f = pack.fact(p.id);
      if (!f) continue;  // a pack without the fact just does not use it
      if (f->type != p.type || (p.type == "number" && f->dimension != p.dimension))
        d.error(fmt::format("fact '{}' is set by the '{}' analyzer as a {}{}; declare it with "
                            "'type: {}'{}",
                            p.id, a->name(), p.type,
                            p.dimension == Dimension::size   ? " in MB"
                            : p.dimension == Dimension::time ? " in seconds"
                                                             : "",
                            p.type,
                            p.dimension == Dimension::size   ? " and 'unit: MB'"
                            : p.dimension == Dimension::time ? " and 'unit: s'"
                                                             : ""),
                f->at);
    }
  }
}

void run_scan(const ScanInput& in, const detail::RulePackData& pack, ScanOutput& out) {
  const auto start = std::chrono::steady_clock::now();
  out.roles().assign(in.files, pack.roles, in.role_overrides);
  mark_deployment_roles(in, pack.deployed_by, out);
  std::map<std::string, std::vector<const DetectorSpec*>> by_kind;
  for (const auto& d : pack.detectors) by_kind[d.kind].push_back(&d);
  for (const auto* kind : detector_kinds()) {
    if (in.cancelled()) break;
    if (kind->frontend() != Frontend::own) continue;  // run by their frontend (an analyzer)
    auto it = by_kind.find(std::string(kind->name()));
    if (it != by_kind.end()) kind->scan(in, it->second, out);
  }
  for (const auto* a : analyzers()) {
    if (in.cancelled()) break;
    if (!a->reads_evidence()) a->analyze(in, pack, out);
  }
  // Header matches repeat once per including translation unit; keep one of each.
  auto& ev = out.evidence();
  std::sort(ev.begin(), ev.end(), [](const Evidence& a, const Evidence& b) {
    return std::tie(a.path, a.line, a.column, a.detector) <
           std::tie(b.path, b.line, b.column, b.detector);
  });
  ev.erase(std::unique(ev.begin(), ev.end(),
                       [](const Evidence& a, const Evidence& b) {
                         return std::tie(a.path, a.line, a.column, a.detector) ==
                                std::tie(b.path, b.line, b.column, b.detector);
                       }),
           ev.end());
  // Suppression comments apply to every kind's evidence alike; problems with them are notes.
  out.suppressions() = std::make_shared<SuppressionReport>(apply_suppressions(in, pack, ev));
  for (const auto& p : out.suppressions()->problems) out.note(format_one_line(p));
  // One item per place and fact, then the role of its file and whether the fact counts it.
  merge_places(ev);
  std::map<std::string, int> final_stage;  // Dockerfile -> line where its last stage starts
  for (auto& e : ev) {
    e.role = out.roles().role_of(e.path);
    if (e.role == FileRole::deployed && e.line > 0 && file_type_from_path(e.path).name == "dockerfile") {
      auto it = final_stage.find(e.path);
      if (it == final_stage.end()) {
        int line = 0;
        auto f = std::find_if(in.files.begin(), in.files.end(),
                              [&](const WorkloadFile& w) { return w.path == e.path; });
        if (f != in.files.end()) {
          const TextRead r = read_text_file(f->absolute, f->size, kDefaultTextSizeCap);
          if (r.text) line = final_stage_line(*r.text);
        }
        it = final_stage.emplace(e.path, line).first;
      }
      if (e.line < it->second) e.role = FileRole::build;
    }
    const FactSpec* f = pack.fact(e.fact);
    e.counted = !f || f->counts(e.role);
  }
  for (const auto* a : analyzers()) {
    if (in.cancelled()) break;
    if (a->reads_evidence()) a->analyze(in, pack, out);
  }
  out.summary().duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::steady_clock::now() - start)
                                  .count();
}

}  // namespace lambdafit
