#include "cli.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>

#include <fmt/format.h>

#include "core/safe_file.hpp"
#include "core/spelling.hpp"
#include "reports/report_util.hpp"

namespace lambdafit::cli {

namespace {

// One row per subcommand, in help order.
const std::vector<Command> kCommands = {
    {"assess", "assess workloads and print the report", &setup_assess, &run_assess,
     "  lambdafit assess                     # the current directory\n"
     "  lambdafit assess svc -o report.html  # the format follows the name\n"
     "  lambdafit assess svc --platform all  # every platform side by side\n"
     "  lambdafit assess a b c -o out/       # summary + one report each\n"
     "  lambdafit assess a b -o estate.csv   # one portfolio summary file"},
    {"portfolio", "roll saved JSON reports up into one portfolio summary", &setup_portfolio, &run_portfolio_cmd,
     "  lambdafit portfolio reports/*.json              # as text\n"
     "  lambdafit portfolio reports/*.json -o all.html  # as one page"},
    {"lint", "report new host coupling in changed files (pre-commit, CI)", &setup_lint, &run_lint,
     "  lambdafit lint                       # the whole workload\n"
     "  lambdafit lint --staged              # what is about to be committed\n"
     "  lambdafit lint --diff origin/main --baseline base.json\n"
     "  lambdafit lint --baseline base.json --show-resolved"},
    {"permissions", "print least-privilege IAM policies from the code's AWS SDK calls",
     &setup_permissions, &run_permissions,
     "  lambdafit permissions svc              # IAM JSON, with the calls\n"
     "  lambdafit permissions svc --format sam # SAM Policies\n"
     "  lambdafit permissions svc --format terraform"},
    {"platforms", "list the platform profiles and their limits", &setup_platforms, &run_platforms,
     "  lambdafit platforms\n"
     "  lambdafit platforms --rules my-rules/  # with profiles of your own"},
    {"questionnaire", "ask what the code cannot show and save the answers", &setup_questionnaire,
     &run_questionnaire,
     "  lambdafit questionnaire              # ask, save to lambdafit.yaml\n"
     "  lambdafit questionnaire --list       # list, do not ask\n"
     "  lambdafit questionnaire --template ask.yaml  # for someone else\n"
     "  lambdafit questionnaire --answers-from ask.yaml"},
    {"rules", "list, show, validate, test or query rules", &setup_rules, &run_rules,
     "  lambdafit rules list\n"
     "  lambdafit rules show runtime-limit\n"
     "  lambdafit rules validate my-rules/\n"
     "  lambdafit rules test my-rules/\n"
     "  lambdafit rules query app.py '(call) @c'"},
    {"completion", "print a shell completion script (bash, zsh or fish)", &setup_completion, &run_completion,
     "  source <(lambdafit completion bash)\n"
     "  lambdafit completion zsh > ~/.zfunc/_lambdafit\n"
     "  lambdafit completion fish > ~/.config/fish/completions/lambdafit.fish"},
};

const char* kExitCodes =
    "Exit status: 0 done, 1 findings at or above --fail-on (lint) or answers needing attention\n"
    "(questionnaire --check), 2 usage or input error, 3 a workload of a portfolio failed.";

const CLI::App* g_root = nullptr;

std::map<const CLI::Option*, std::vector<std::string>>& choice_table() {
  static std::map<const CLI::Option*, std::vector<std::string>> t;
  return t;
}

std::vector<std::string> command_names() {
  std::vector<std::string> names;
  for (const auto& c : kCommands) names.push_back(c.name);
  return names;
}

std::vector<std::string> option_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const auto* opt : app.get_options()) {
    for (const auto& l : opt->get_lnames()) names.push_back("--" + l);
    for (const auto& s : opt->get_snames()) names.push_back("-" + s);
  }
  return names;
}

// Every subcommand takes -q, -v and --color.
void add_common(CLI::App& sub, Options& o) {
  sub.add_flag("-q,--quiet", o.quiet, "print only the report and errors: no progress or summaries");
  sub.add_flag("-v,--verbose", o.verbose, "print every coverage note instead of the grouped summary");
  one_of(sub.add_option("--color", o.color, "color: auto (a terminal without NO_COLOR), always or never"),
         {"auto", "always", "never"});
}

// The deepest subcommand the parse reached, for naming it in errors.
const CLI::App* active(const CLI::App& app) {
  for (const auto* sub : app.get_subcommands())
    if (sub->parsed()) return active(*sub);
  return &app;
}

// "unknown option '--fromat' for 'assess'; did you mean '--format'?"
int report_extras(const CLI::App& app) {
  const CLI::App* at = active(app);
  const auto rest = app.remaining(true);
  const std::string name = at == &app ? "lambdafit" : at->get_name();
  for (const auto& arg : rest) {
    if (!arg.empty() && arg[0] == '-' && arg != "-") {
      const std::string flag = arg.substr(0, arg.find('='));
      print_error(fmt::format("unknown option '{}' for '{}'{}", flag, name, did_you_mean(flag, option_names(*at))));
    } else {
      print_error(fmt::format("unexpected argument '{}' for '{}'", arg, name));
    }
    break;
  }
  if (rest.empty()) print_error("unexpected arguments");
  std::cerr << fmt::format("run 'lambdafit {}--help' for usage\n", at == &app ? "" : name + " ");
  return kUsage;
}

// A value outside an option's choices: name the nearest allowed one.
int report_bad_value(const CLI::App& app, const CLI::ParseError& e) {
  const CLI::App* at = active(app);
  for (const auto* opt : at->get_options()) {
    const auto* values = choices_of(opt);
    if (!values || opt->count() == 0) continue;
    for (const auto& v : opt->results())
      if (std::find(values->begin(), values->end(), v) == values->end()) {
        print_error(fmt::format("{} does not accept '{}' (one of: {}){}", opt->get_name(), v,
                                fmt::join(*values, ", "), did_you_mean(v, *values)));
        return kUsage;
      }
  }
  print_error(e.what());
  return kUsage;
}

}  // namespace

const std::vector<Command>& commands() { return kCommands; }
const CLI::App& root_app() { return *g_root; }

CLI::Option* one_of(CLI::Option* opt, std::vector<std::string> values) {
  opt->check(CLI::IsMember(values));
  choice_table()[opt] = std::move(values);
  return opt;
}

const std::vector<std::string>* choices_of(const CLI::Option* opt) {
  auto it = choice_table().find(opt);
  return it == choice_table().end() ? nullptr : &it->second;
}

void print_error(const std::string& message) { std::cerr << "lambdafit: error: " << message << "\n"; }

// Diagnostics with a place keep the compiler form; those without one get the tool's prefix, so
// every error line starts either with a location or with "lambdafit: error:".
void print_diagnostics(const std::vector<Diagnostic>& diags) {
  for (const auto& d : diags) {
    if (d.location.file.empty()) {
      const char* level = d.severity == Severity::error ? "error" : d.severity == Severity::warning ? "warning" : "note";
      std::cerr << fmt::format("lambdafit: {}: {}\n", level, d.message);
    } else {
      std::cerr << d.format() << "\n";
    }
  }
}

EnvSettings env_settings() {
  EnvSettings s;
  if (const char* v = std::getenv("LAMBDAFIT_CLANG_ISOLATION"); v && std::string_view(v) == "threads")
    s.isolation = Isolation::threads;
  if (const char* v = std::getenv("LAMBDAFIT_TU_TIMEOUT"); v && std::atoi(v) > 0) s.unit_timeout_seconds = std::atoi(v);
  if (const char* v = std::getenv("LAMBDAFIT_CLANG_RESOURCE_DIR"); v && *v) s.clang_resource_dir = v;
  if (const char* v = std::getenv("CUDA_PATH"); v && *v) s.cuda_path = v;
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

std::string format_of_name(const std::string& output) {
  static const std::map<std::string, std::string> kByExt = {
      {".html", "html"}, {".htm", "html"}, {".md", "md"},     {".markdown", "md"}, {".json", "json"},
      {".sarif", "sarif"}, {".csv", "csv"}, {".txt", "text"}, {".text", "text"}};
  if (output.empty() || output == "-") return "";
  std::string ext = std::filesystem::path(output).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto it = kByExt.find(ext);
  return it == kByExt.end() ? "" : it->second;
}

std::optional<std::string> resolve_format(const Options& o, const std::vector<std::string>& allowed) {
  const std::string named = format_of_name(o.output);
  std::string f = !o.format.empty() ? o.format : !named.empty() ? named : "text";
  if (!o.format.empty() && !named.empty() && named != o.format) {
    print_error(fmt::format("--format {} does not match the output name '{}' ({}); drop --format or rename the file",
                            o.format, o.output, named));
    return std::nullopt;
  }
  if (std::find(allowed.begin(), allowed.end(), f) == allowed.end()) {
    print_error(fmt::format("no '{}' output here{}; use one of: {}", f,
                            o.format.empty() ? fmt::format(" (from the name '{}')", o.output) : "",
                            fmt::join(allowed, ", ")));
    return std::nullopt;
  }
  return f;
}

namespace {

int stderr_width() {
  struct winsize ws {};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

}  // namespace

std::function<void(const Progress&)> progress_printer(const Options& o) {
  if (o.quiet || !::isatty(STDERR_FILENO)) return {};
  // At most ten lines a second (a stage's first and last always show), cut to the terminal
  // width so the line never wraps and '\r' can clear it.
  struct State {
    std::mutex mu;
    std::chrono::steady_clock::time_point last{};
    std::string stage;
  };
  auto st = std::make_shared<State>();
  const int width = stderr_width();
  return [st, width](const Progress& p) {
    if (p.total == 0 && p.done == 0) return;
    std::lock_guard l(st->mu);
    const auto now = std::chrono::steady_clock::now();
    const bool edge = p.stage != st->stage || p.done == p.total;
    if (!edge && now - st->last < std::chrono::milliseconds(100)) return;
    st->last = now;
    st->stage = p.stage;
    std::string line = p.total == 0 ? fmt::format("[{}: {} files] {}", p.stage, p.done, p.item)
                                    : fmt::format("[{} {}/{}] {}", p.stage, p.done, p.total, p.item);
    line = truncate_utf8(printable(line), static_cast<std::size_t>(std::max(width - 1, 20)));
    std::cerr << "\r" << line << "\x1b[K" << std::flush;
  };
}

void clear_progress(const Options& o) {
  if (!o.quiet && ::isatty(STDERR_FILENO)) std::cerr << "\r\x1b[K" << std::flush;
}

int run(int argc, char** argv) {
  CLI::App app{"lambdafit — should this workload run as a serverless function?", "lambdafit"};
  g_root = &app;
  app.set_version_flag("--version", std::string(version()));
  app.require_subcommand(1);
  app.footer(fmt::format("Run 'lambdafit COMMAND --help' for a command's options and examples.\n{}", kExitCodes));
  Options options;
  std::vector<std::pair<CLI::App*, const Command*>> subs;
  for (const auto& c : kCommands) {
    auto* sub = app.add_subcommand(c.name, c.help);
    c.setup(*sub, options);
    add_common(*sub, options);
    sub->footer(fmt::format("Examples:\n{}\n\n{}", c.examples, kExitCodes));
    subs.emplace_back(sub, &c);
  }
  // Hidden: the man page, generated at build time from these same tables.
  auto* man = app.add_subcommand("manpage", "")->group("");
  if (argc > 1 && argv[1][0] != '-') {
    const std::string first = argv[1];
    const auto names = command_names();
    if (first != "manpage" && std::find(names.begin(), names.end(), first) == names.end()) {
      print_error(fmt::format("unknown command '{}'{}", first, did_you_mean(first, names)));
      std::cerr << "run 'lambdafit --help' for the commands\n";
      return kUsage;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ExtrasError&) {
    return report_extras(app);
  } catch (const CLI::ValidationError& e) {
    return report_bad_value(app, e);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      app.exit(e);
      return kOk;
    }
    print_error(e.what());
    const CLI::App* at = active(app);
    std::cerr << fmt::format("run 'lambdafit {}--help' for usage\n", at == &app ? "" : at->get_name() + " ");
    return kUsage;
  }
  try {
    if (man->parsed()) return run_manpage(options);
    for (auto& [sub, cmd] : subs)
      if (sub->parsed()) return cmd->run(options);
  } catch (const std::exception& e) {
    print_error(e.what());
    return kUsage;
  }
  return kUsage;
}

}  // namespace lambdafit::cli
