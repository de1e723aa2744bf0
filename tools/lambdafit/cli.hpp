// The command-line front end: a table of subcommands, each a setup and a run function.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "lambdafit/lambdafit.hpp"

namespace lambdafit::cli {

/// Exit codes (listed in every --help, the README and the man page).
enum Exit { kOk = 0, kFindings = 1, kUsage = 2, kWorkloadFailed = 3 };

/// --help of --no-cache (assess, lint, questionnaire).
inline constexpr const char* kNoCacheHelp =
    "scan every file and parse every C/C++ source again instead of reusing results of unchanged ones";

/// Options shared by the subcommands; each command reads the ones it declares.
struct Options {
  // lint
  bool staged = false;              // lint --staged
  std::string diff_rev;             // lint --diff REV
  bool changed_lines_only = false;  // lint --changed-lines-only
  std::string baseline;             // lint --baseline FILE
  std::string write_baseline;       // lint --write-baseline FILE
  bool list_suppressions = false;   // lint --list-suppressions
  bool report_unused = false;       // lint --report-unused-suppressions
  bool no_advice = false;           // lint --no-advice
  bool show_resolved = false;       // lint --show-resolved
  std::string fail_on;              // lint --fail-on warning|error
  std::string root;                 // lint --root DIR
  std::vector<std::string> enable, disable, severity, ignore;  // lint overrides
  bool verbose = false;            // -v: every coverage note, not the grouped summary
  bool quiet = false;              // -q: the report and errors only; no progress or summaries
  std::vector<std::string> paths;
  std::vector<std::string> rules_dirs;
  std::vector<std::string> platforms;
  std::string format;  // empty: from the -o name, else text
  std::string output;
  std::string answers;
  std::string build_dir;
  int jobs = 0;
  bool no_cache = false;  // --no-cache: parse every C/C++ unit again
  std::string id;        // rules show ID
  std::string dir;       // rules validate DIR
  std::string query;     // rules query FILE QUERY
  std::string language;  // rules query --language
  bool alone = false;    // rules validate --alone
  std::string color = "auto";
  std::string portfolio;  // assess --portfolio FILE
  std::string by;                // questionnaire --by
  std::string answers_from;      // questionnaire --answers-from FILE
  bool check = false;            // questionnaire --check
  std::string max_age = "365d";  // questionnaire --check --max-age
  bool list = false;             // questionnaire --list
  std::string template_file;     // questionnaire --template FILE
  std::string request;   // assess --request FILE|-
};

struct Command {
  const char* name;
  const char* help;
  void (*setup)(CLI::App& sub, Options& o);
  int (*run)(Options& o);
  const char* examples;  ///< shown under "Examples:" in --help and the man page
};

/// The subcommand table, in the order --help lists them.
const std::vector<Command>& commands();
/// The parsed command line (for completion and the man page).
const CLI::App& root_app();
/// Allowed values of an option, remembered for completion and did-you-mean.
CLI::Option* one_of(CLI::Option* opt, std::vector<std::string> values);
const std::vector<std::string>* choices_of(const CLI::Option* opt);

int run(int argc, char** argv);

// Helpers shared by the commands.
void print_error(const std::string& message);
void print_diagnostics(const std::vector<Diagnostic>& diags);
/// The settings only the command line reads from the environment, applied to the options:
/// LAMBDAFIT_CLANG_ISOLATION=processes|threads, LAMBDAFIT_TU_TIMEOUT=SECONDS,
/// LAMBDAFIT_CLANG_RESOURCE_DIR=DIR (Clang's builtin headers) and CUDA_PATH.
struct EnvSettings {
  Isolation isolation = Isolation::processes;
  int unit_timeout_seconds = 300;
  std::string clang_resource_dir;
  std::string cuda_path;
};
EnvSettings env_settings();
template <class O>
void apply_env(O& o) {
  const auto e = env_settings();
  o.isolation = e.isolation;
  o.unit_timeout_seconds = e.unit_timeout_seconds;
  o.clang_resource_dir = e.clang_resource_dir;
  o.cuda_path = e.cuda_path;
}
/// The default rule directory: $LAMBDAFIT_RULES_DIR, else the one installed with the library.
std::optional<std::string> default_rules_dir();
/// Loads the default rule pack plus --rules dirs; prints errors.
std::optional<RulePack> load_pack(const Options& o);
/// Writes to -o FILE or standard output; prints an error and returns false on failure.
bool write_output(const std::string& path, const std::string& text);
/// The format named by the output file's extension ("r.html" -> "html"), or "".
std::string format_of_name(const std::string& output);
/// --format, else the -o name's, else "text"; a known extension that disagrees with --format,
/// or a format not in `allowed`, is an error (printed; nullopt returned).
std::optional<std::string> resolve_format(const Options& o, const std::vector<std::string>& allowed);
/// Progress on standard error, only when it is a terminal and not -q: "[scan 3/9] a.cpp".
std::function<void(const Progress&)> progress_printer(const Options& o);
/// Clears the progress line if one may have been drawn.
void clear_progress(const Options& o);

// Commands, one file each.
void setup_assess(CLI::App& sub, Options& o);
int run_assess(Options& o);
/// assess --request: the option (set up from setup_assess) and its run (cmd_request.cpp).
void setup_request(CLI::App& sub, Options& o);
int run_request(Options& o);
void setup_rules(CLI::App& sub, Options& o);
int run_rules(Options& o);
void setup_lint(CLI::App& sub, Options& o);
int run_lint(Options& o);
void setup_permissions(CLI::App& sub, Options& o);
int run_permissions(Options& o);
void setup_platforms(CLI::App& sub, Options& o);
int run_platforms(Options& o);
void setup_questionnaire(CLI::App& sub, Options& o);
int run_questionnaire(Options& o);
int run_completion(Options& o);
void setup_portfolio(CLI::App& sub, Options& o);
/// assess DIR1 DIR2 … or --portfolio FILE (cmd_portfolio.cpp).
int assess_portfolio_cmd(Options& o, const RulePack& pack);
/// Colors and width for a report on standard output (never colors into a file).
RenderOptions terminal_options(const Options& o, bool to_file);
int run_portfolio_cmd(Options& o);
void setup_completion(CLI::App& sub, Options& o);
/// roff for the man page, built from the same tables as --help.
std::string man_page();
int run_manpage(Options& o);

}  // namespace lambdafit::cli
