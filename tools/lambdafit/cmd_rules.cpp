// lambdafit rules list | show ID | validate DIR
#include <iostream>

#include <fmt/format.h>

#include "cli.hpp"
#include "core/spelling.hpp"

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

}  // namespace

void setup_rules(CLI::App& sub, Options& o) {
  one_of(sub.add_option("action", o.id, "list, show ID or validate [DIR]")->required(), {"list", "show", "validate"});
  sub.add_option("argument", o.dir, "the id to show, or the directory to validate (default: the current directory)");
  sub.add_option("--rules", o.rules_dirs, "more rule directories")->check(CLI::ExistingDirectory);
  sub.add_flag("--alone", o.alone, "validate: load DIR on its own, not on top of the default pack");
}

int run_rules(Options& o) {
  const std::string action = o.id;
  if (action == "validate") {
    if (o.dir.empty()) o.dir = ".";
    std::vector<std::string> dirs;
    if (!o.alone) {
      if (auto def = RulePack::default_dir(); def) dirs.push_back(*def);
    }
    dirs.push_back(o.dir);
    dirs.insert(dirs.end(), o.rules_dirs.begin(), o.rules_dirs.end());
    auto pack = RulePack::load(dirs);
    if (!pack) {
      print_diagnostics(pack.errors());
      return kUsage;
    }
    std::cout << fmt::format("{}: ok ({} facts, {} detectors, {} questions, {} criteria, {} platforms)\n", o.dir,
                             pack->facts().size(), pack->detectors().size(), pack->questions().size(),
                             pack->criteria().size(), pack->platforms().size());
    return kOk;
  }
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
