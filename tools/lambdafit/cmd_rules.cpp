// lambdafit rules list | show ID | validate DIR | test [DIR] | query FILE QUERY
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "cli.hpp"
#include "core/diagnostics.hpp"
#include "core/spelling.hpp"
#include "rulepack/model.hpp"
#include "ruletest/rule_test.hpp"
#include "scanning/detector_kind.hpp"
#include "scanning/scan.hpp"
#include "scanning/text/file_type.hpp"
#include "scanning/treesitter/try_query.hpp"

namespace lambdafit::cli {

namespace {

std::string where(const SourceLocation& l) { return fmt::format("{}:{}:{}", l.file, l.line, l.column); }

int list(const RulePack& pack) {
  std::cout << "criteria:\n";
  for (const auto& c : pack.criteria())
    std::cout << fmt::format("  {:<22} {:<10} {}\n", c.id, to_string(c.kind), c.title);
  std::cout << "detectors:\n";
  for (const auto& d : pack.detectors())
    std::cout << fmt::format("  {:<30} {:<8} {:<8} -> {}\n", d.id, d.kind, d.severity, d.fact);
  std::cout << "questions:\n";
  for (const auto& q : pack.questions()) std::cout << fmt::format("  {:<30} -> {}\n", q.id, q.fact);
  // What each analyzer declares it sets and reads (checked against the pack at load).
  std::cout << "analyzers:\n";
  for (const auto* a : analyzers()) {
    std::vector<std::string> sets, reads;
    for (const auto& p : a->produces()) sets.push_back(p.id);
    for (const auto& t : a->reads_tags())
      reads.push_back(fmt::format("facts tagged {} ({})", t, pack.data().facts_tagged(t).size()));
    std::cout << fmt::format("  {:<30} sets: {}{}\n", a->name(), sets.empty() ? "evidence only" : fmt::format("{}", fmt::join(sets, ", ")),
                             reads.empty() ? "" : fmt::format("; reads: {}", fmt::join(reads, ", ")));
  }
  return kOk;
}

int show(const RulePack& pack, const std::string& id) {
  for (const auto& c : pack.criteria())
    if (c.id == id) {
      std::cout << fmt::format("criterion {} ({})\n  title: {}\n  defined at: {}\n  reads: {}\n", c.id,
                               to_string(c.kind), c.title, where(c.defined_at), fmt::join(c.facts, ", "));
      if (!c.description.empty()) std::cout << "  description: " << c.description << "\n";
      std::cout << "  advice: " << c.advice << "\n";
      return kOk;
    }
  for (const auto& d : pack.detectors())
    if (d.id == id) {
      std::cout << fmt::format("detector {} (kind {})\n  sets: {}\n  severity: {}\n  message: {}\n  criteria: {}\n  defined at: {}\n",
                               d.id, d.kind, d.fact, d.severity, d.message, fmt::join(d.criteria, ", "),
                               where(d.defined_at));
      if (!d.description.empty()) std::cout << "  description: " << d.description << "\n";
      return kOk;
    }
  for (const auto& q : pack.questions())
    if (q.id == id) {
      std::cout << fmt::format("question {}\n  fact: {} ({}{})\n  prompt: {}\n  defined at: {}\n", q.id, q.fact,
                               q.type, q.unit.empty() ? "" : ", in " + q.unit, q.prompt, where(q.defined_at));
      if (!q.help.empty()) std::cout << "  help: " << q.help << "\n";
      if (!q.choices.empty()) std::cout << "  choices: " << fmt::format("{}", fmt::join(q.choices, ", ")) << "\n";
      return kOk;
    }
  for (const auto& f : pack.facts())
    if (f.id == id) {
      std::cout << fmt::format("fact {}\n  title: {}\n  type: {}{}\n  defined at: {}\n", f.id, f.title, f.type,
                               f.unit.empty() ? "" : " (" + f.unit + ")", where(f.defined_at));
      return kOk;
    }
  std::vector<std::string> ids;
  for (const auto& c : pack.criteria()) ids.push_back(c.id);
  for (const auto& d : pack.detectors()) ids.push_back(d.id);
  for (const auto& q : pack.questions()) ids.push_back(q.id);
  for (const auto& f : pack.facts()) ids.push_back(f.id);
  print_error(fmt::format("no criterion, detector, question or fact has the id '{}'{}", id, did_you_mean(id, ids)));
  return kUsage;
}

// The directories `rules validate|test DIR` loads: DIR on top of the default pack, unless it
// is that pack (loading it twice would report every rule as a duplicate) or --alone is given;
// then any --rules directories.
std::vector<std::string> pack_dirs(const Options& o, const std::string& dir) {
  std::vector<std::string> dirs;
  const auto def = default_rules_dir();
  std::error_code ec;
  const bool is_default =
      def && std::filesystem::equivalent(std::filesystem::path(*def), std::filesystem::path(dir), ec);
  if (!o.alone && def && !is_default) dirs.push_back(*def);
  dirs.push_back(dir);
  dirs.insert(dirs.end(), o.rules_dirs.begin(), o.rules_dirs.end());
  return dirs;
}

// `rules test [DIR]`: DIR (the default pack when omitted) is loaded as pack_dirs() says; its
// rule files' tests run.
int test(const Options& o) {
  std::string dir = o.dir;
  const auto def = default_rules_dir();
  if (dir.empty()) {
    if (!def) {
      print_error("no rule pack found; name the rule directory to test");
      return kUsage;
    }
    dir = *def;
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    print_error(fmt::format("'{}' is not a directory", dir));
    return kUsage;
  }
  auto pack = RulePack::load(pack_dirs(o, dir));
  if (!pack) {
    print_diagnostics(pack.errors());
    return kUsage;
  }
  ScanInput settings;
  apply_env(settings);
  const auto report = ruletest::run(pack->data(), dir, o.jobs > 0 ? o.jobs : 2, &settings);
  std::cout << ruletest::format(report);
  if (report.files.empty()) {
    print_error(fmt::format("no rule file under '{}' has a .test folder beside it", dir));
    return kUsage;
  }
  return report.passed() ? kOk : kFindings;
}

// Tries a tree-sitter query on one file and prints each match with its captures.
int query(const Options& o) {
  if (o.dir.empty() || o.query.empty()) {
    print_error("'rules query' needs a file and a query: lambdafit rules query FILE 'QUERY'");
    return kUsage;
  }
  const auto text = read_file(o.dir);
  if (!text) {
    print_error(fmt::format("{}: cannot be read", o.dir));
    return kUsage;
  }
  std::string language = o.language;
  if (language.empty()) {
    FileType t = file_type_from_path(o.dir);
    if (t.name.empty()) t = file_type_from_shebang(text->substr(0, text->find('\n')));
    language = t.name == "typescript" && o.dir.ends_with(".tsx") ? "tsx" : t.name;
    if (language.empty()) {
      print_error(fmt::format("{}: cannot tell the language; give --language", o.dir));
      return kUsage;
    }
  }
  const auto r = ts::try_query(language, *text, o.query);
  if (!r.error.empty()) {
    if (r.error_line > 0) {
      std::cerr << fmt::format("<query>:{}:{}: error: {}\n  {}\n  {}^\n", r.error_line, r.error_column, r.error,
                               line_of(o.query, r.error_line), std::string(r.error_column - 1, ' '));
    } else {
      print_error(fmt::format("{}: {}", o.dir, r.error));
    }
    return kUsage;
  }
  if (!r.note.empty()) std::cerr << fmt::format("{}: warning: {}\n", o.dir, r.note);
  for (const auto& h : r.hits) {
    std::cout << fmt::format("{}:{}:{}: match (pattern {})\n", o.dir, h.line, h.column, h.pattern + 1);
    for (const auto& c : h.captures)
      std::cout << fmt::format("  @{} {}:{}: {}\n", c.name, c.line, c.column, c.text);
  }
  std::cout << fmt::format("{} match{}\n", r.hits.size(), r.hits.size() == 1 ? "" : "es");
  return kOk;
}

}  // namespace

void setup_rules(CLI::App& sub, Options& o) {
  one_of(sub.add_option("action", o.id, "list, show ID, validate [DIR], test [DIR] or query FILE QUERY")->required(),
         {"list", "show", "validate", "test", "query"});
  sub.add_option("argument", o.dir,
                 "the id to show, the directory to validate or test (default: the current directory for "
                 "validate, the shipped pack for test), or the file to query");
  sub.add_option("query", o.query, "query: a tree-sitter query, as in a rule's 'query:'");
  sub.add_option("--language", o.language,
                 "query: python, javascript, typescript, tsx, java or shell (default: from the file)");
  sub.add_option("--rules", o.rules_dirs, "more rule directories")->check(CLI::ExistingDirectory);
  sub.add_flag("--alone", o.alone, "validate, test: load DIR on its own, not on top of the default pack");
  sub.add_option("-j,--jobs", o.jobs, "test: parallel parses")->check(CLI::Range(1, 256));
}

int run_rules(Options& o) {
  const std::string action = o.id;
  if (action == "test") return test(o);
  if (action == "query") return query(o);
  if (action == "validate") {
    if (o.dir.empty()) o.dir = ".";
    auto pack = RulePack::load(pack_dirs(o, o.dir));
    if (!pack) {
      print_diagnostics(pack.errors());
      return kUsage;
    }
    std::cout << fmt::format("{}: ok ({} facts, {} detectors, {} questions, {} criteria, {} platforms)\n", o.dir,
                             pack->facts().size(), pack->detectors().size(), pack->questions().size(),
                             pack->criteria().size(), pack->platforms().size());
    return kOk;
  }
  if (action == "query") return query(o);
  auto pack = load_pack(o);
  if (!pack) return kUsage;
  if (action == "list") return list(*pack);
  if (o.dir.empty()) {
    print_error("'rules show' needs an id");
    return kUsage;
  }
  return show(*pack, o.dir);
}

}  // namespace lambdafit::cli
