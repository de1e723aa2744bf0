// The man page, written as roff from the parser's own tables (run at build time by
// `lambdafit manpage`, see CMakeLists.txt), so it says what --help says.
#include <cctype>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "cli.hpp"

namespace lambdafit::cli {

namespace {

// roff-safe text: backslashes and hyphens escaped, no line starting with a control character.
std::string roff(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

std::string option_line(const CLI::Option& opt) {
  std::vector<std::string> names;
  for (const auto& s : opt.get_snames()) names.push_back("\\fB\\-" + roff(s) + "\\fR");
  for (const auto& l : opt.get_lnames()) names.push_back("\\fB\\-\\-" + roff(l) + "\\fR");
  std::string line = fmt::format("{}", fmt::join(names, ", "));
  const auto* choices = choices_of(&opt);
  if (choices) {
    line += fmt::format(" {}", roff(fmt::format("{}", fmt::join(*choices, "|"))));
  } else if (!opt.get_type_name().empty()) {  // flags have no type name
    const std::string type = opt.get_type_name();
    std::string meta = type.find("FILE") != std::string::npos ? "FILE"
                       : type.find("DIR") != std::string::npos ? "DIR"
                       : type.rfind("INT", 0) == 0             ? "N"
                                                               : "";
    if (meta.empty())
      for (char c : opt.get_lnames().empty() ? std::string("value") : opt.get_lnames().front())
        meta += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    line += " \\fI" + roff(meta) + "\\fR";
  }
  return line;
}

void examples(std::string& out, const char* text) {
  out += ".PP\nExamples:\n.PP\n.nf\n.RS 4\n";
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::size_t b = line.find_first_not_of(' ');
    out += roff(b == std::string::npos ? "" : line.substr(b)) + "\n";
  }
  out += ".RE\n.fi\n";
}

}  // namespace

std::string man_page() {
  std::string out;
  out += fmt::format(".TH LAMBDAFIT 1 \"\" \"lambdafit {}\" \"User Commands\"\n", version());
  out += ".SH NAME\nlambdafit \\- should this workload run as a serverless function?\n";
  out += ".SH SYNOPSIS\n.B lambdafit\n\\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIPATH\\fR...]\n";
  out += ".SH DESCRIPTION\n"
         "lambdafit reads a workload's source tree, finds what ties it to a host (long runs, local state, "
         "operating system tuning, background work, …) and says whether it fits a serverless function platform "
         "such as AWS Lambda, with the evidence for every criterion and the questions the code cannot answer.\n"
         ".PP\nEvery command works on the current directory when no path is given. Errors are printed as "
         "\\fBlambdafit: error:\\fR or, for a place in a file, as \\fIfile\\fB:\\fIline\\fB:\\fIcol\\fB: error:\\fR.\n";
  out += ".SH COMMANDS\n";
  for (const auto& c : commands()) {
    const CLI::App* sub = root_app().get_subcommand(std::string(c.name));
    if (!sub) continue;
    out += fmt::format(".SS \"lambdafit {}\"\n{}\n", c.name, roff(c.help));
    for (const auto* opt : sub->get_options()) {
      if (opt == sub->get_help_ptr()) continue;
      if (opt->get_positional()) {
        out += fmt::format(".TP\n\\fI{}\\fR\n{}\n", roff(opt->get_name()), roff(opt->get_description()));
        continue;
      }
      out += fmt::format(".TP\n{}\n{}\n", option_line(*opt), roff(opt->get_description()));
    }
    examples(out, c.examples);
  }
  out += ".SH EXIT STATUS\n"
         ".TP\n0\ndone (lint: no new finding at or above \\-\\-fail\\-on)\n"
         ".TP\n1\nlint found new findings; questionnaire \\-\\-check found answers that need attention\n"
         ".TP\n2\nusage or input error: unknown command or option, unreadable file, bad rule or answer\n"
         ".TP\n3\na portfolio was written, but at least one of its workloads could not be assessed\n";
  out += ".SH ENVIRONMENT\n"
         ".TP\n.B NO_COLOR\nwhen set and not empty, no colors (unless \\-\\-color always)\n"
         ".TP\n.B LAMBDAFIT_RULES_DIR\nthe rule pack to load instead of the installed one\n";
  out += ".SH FILES\n.TP\n.I lambdafit.yaml\n"
         "the workload's manifest: platform, answers to the questionnaire and lint settings; lint uses the "
         "nearest one above the files it checks\n";
  out += ".SH SEE ALSO\nThe README and docs/ directory of the lambdafit sources.\n";
  return out;
}

int run_manpage(Options&) {
  std::cout << man_page();
  return std::cout ? kOk : kUsage;
}

}  // namespace lambdafit::cli
