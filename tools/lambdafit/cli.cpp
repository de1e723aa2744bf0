#include "cli.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "core/safe_file.hpp"

namespace lambdafit::cli {

namespace {

// One row per subcommand.
const Command kCommands[] = {
    {"assess", "assess workloads and print the report", &setup_assess, &run_assess},
    {"lint", "report new host coupling in changed files (pre-commit, CI)", &setup_lint, &run_lint},
    {"platforms", "list the platform profiles and their limits", &setup_platforms, &run_platforms},
    {"questionnaire", "ask what the code cannot show and save the answers", &setup_questionnaire,
     &run_questionnaire},
    {"rules", "list, show, validate or try rules", &setup_rules, &run_rules},
};

}  // namespace

void print_error(const std::string& message) { std::cerr << "lambdafit: error: " << message << "\n"; }

void print_diagnostics(const std::vector<Diagnostic>& diags) {
  for (const auto& d : diags) std::cerr << d.format() << "\n";
}

EnvSettings env_settings() {
  EnvSettings s;
  if (const char* v = std::getenv("LAMBDAFIT_CLANG_ISOLATION"); v && std::string_view(v) == "threads")
    s.isolation = Isolation::threads;
  if (const char* v = std::getenv("LAMBDAFIT_TU_TIMEOUT"); v && std::atoi(v) > 0) s.unit_timeout_seconds = std::atoi(v);
  return s;
}

std::optional<std::string> default_rules_dir() {
  if (const char* env = std::getenv("LAMBDAFIT_RULES_DIR"); env && *env) return std::string(env);
  return RulePack::default_dir();
}

std::optional<RulePack> load_pack(const Options& o) {
  std::vector<std::string> dirs;
  auto def = default_rules_dir();
  if (!def) {
    print_error("cannot find the rule pack; set LAMBDAFIT_RULES_DIR or pass --rules DIR");
    return std::nullopt;
  }
  dirs.push_back(*def);
  dirs.insert(dirs.end(), o.rules_dirs.begin(), o.rules_dirs.end());
  auto pack = RulePack::load(dirs);
  if (!pack) {
    print_diagnostics(pack.errors());
    return std::nullopt;
  }
  return std::move(pack).value();
}

bool write_output(const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    std::cout << text;
    std::cout.flush();
    return static_cast<bool>(std::cout);
  }
  std::string why;
  if (!write_file_safely(path, text, why)) {
    print_error(why);
    return false;
  }
  return true;
}

int run(int argc, char** argv) {
  CLI::App app{"lambdafit — should this workload run as a serverless function?", "lambdafit"};
  app.set_version_flag("--version", std::string(version()));
  app.require_subcommand(1);
  Options options;
  std::vector<std::pair<CLI::App*, const Command*>> subs;
  for (const auto& c : kCommands) {
    auto* sub = app.add_subcommand(c.name, c.help);
    c.setup(*sub, options);
    subs.emplace_back(sub, &c);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      app.exit(e);
      return kOk;
    }
    print_error(e.what());
    std::cerr << "run 'lambdafit --help' for usage\n";
    return kUsage;
  }
  try {
    for (auto& [sub, cmd] : subs)
      if (sub->parsed()) return cmd->run(options);
  } catch (const std::exception& e) {
    print_error(e.what());
    return kUsage;
  }
  return kUsage;
}

}  // namespace lambdafit::cli
