// lambdafit completion bash|zsh|fish: completion scripts built from the same option tables
// the parser uses, so they cannot drift from the real command line.
#include <iostream>

#include <fmt/format.h>

#include "cli.hpp"

namespace lambdafit::cli {

namespace {

struct Opt {
  std::vector<std::string> names;  // "--format", "-o"
  std::string help;
  bool takes_value = false;
  const std::vector<std::string>* choices = nullptr;
  bool is_dir = false;
};

struct Cmd {
  std::string name, help;
  std::vector<Opt> opts;
};

std::vector<Cmd> model() {
  std::vector<Cmd> out;
  for (const auto* sub : root_app().get_subcommands([](const CLI::App* a) { return !a->get_group().empty(); })) {
    Cmd c{sub->get_name(), sub->get_description(), {}};
    for (const auto* opt : sub->get_options()) {
      if (opt->get_positional() || opt->get_lnames().empty()) continue;
      Opt o;
      for (const auto& l : opt->get_lnames()) o.names.push_back("--" + l);
      for (const auto& s : opt->get_snames()) o.names.push_back("-" + s);
      o.help = opt->get_description();
      o.takes_value = !opt->get_type_name().empty() || choices_of(opt);  // flags have no type name
      o.choices = choices_of(opt);
      o.is_dir = o.names.front() == "--rules" || o.names.front() == "--build-dir" || o.names.front() == "--root";
      c.opts.push_back(std::move(o));
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::string join(const std::vector<std::string>& v, const char* sep = " ") {
  return fmt::format("{}", fmt::join(v, sep));
}

// Single-quoted for the shells: ' becomes '\''.
std::string sq(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string bash() {
  const auto cmds = model();
  std::vector<std::string> names;
  for (const auto& c : cmds) names.push_back(c.name);
  std::string s = "# bash completion for lambdafit; load with: source <(lambdafit completion bash)\n";
  s += "_lambdafit() {\n  local cur prev cmd opts\n  cur=\"${COMP_WORDS[COMP_CWORD]}\"\n"
       "  prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n";
  s += fmt::format("  if [ \"$COMP_CWORD\" -eq 1 ]; then\n    COMPREPLY=($(compgen -W {} -- \"$cur\"))\n"
                   "    return\n  fi\n  cmd=\"${{COMP_WORDS[1]}}\"\n",
                   sq(join(names) + " --help --version"));
  s += "  case \"$cmd:$prev\" in\n";
  for (const auto& c : cmds)
    for (const auto& o : c.opts) {
      if (!o.takes_value) continue;
      std::vector<std::string> pats;
      for (const auto& n : o.names) pats.push_back(c.name + ":" + n);
      if (o.choices)
        s += fmt::format("    {}) COMPREPLY=($(compgen -W {} -- \"$cur\")); return ;;\n", join(pats, "|"),
                         sq(join(*o.choices)));
      else if (o.is_dir)
        s += fmt::format("    {}) COMPREPLY=($(compgen -d -- \"$cur\")); return ;;\n", join(pats, "|"));
      else
        s += fmt::format("    {}) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n", join(pats, "|"));
    }
  s += "  esac\n  case \"$cmd\" in\n";
  for (const auto& c : cmds) {
    std::vector<std::string> all;
    for (const auto& o : c.opts) all.insert(all.end(), o.names.begin(), o.names.end());
    all.push_back("--help");
    s += fmt::format("    {}) opts={} ;;\n", c.name, sq(join(all)));
  }
  s += "    *) opts='--help' ;;\n  esac\n";
  s += "  if [[ \"$cur\" == -* ]]; then\n    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
       "  else\n    COMPREPLY=($(compgen -f -- \"$cur\"))\n  fi\n}\n";
  s += "complete -o filenames -F _lambdafit lambdafit\n";
  return s;
}

// zsh _arguments specs: '(--format)--format[report format]:format:(text json)'.
std::string zsh_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '[' || c == ']' || c == ':' || c == '\\') out += '\\';
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out;
}

std::string zsh() {
  const auto cmds = model();
  std::string s = "#compdef lambdafit\n# zsh completion for lambdafit; save as _lambdafit on your $fpath\n";
  s += "_lambdafit() {\n  local -a commands\n  commands=(\n";
  for (const auto& c : cmds) s += fmt::format("    '{}:{}'\n", c.name, zsh_escape(c.help));
  s += "  )\n  if (( CURRENT == 2 )); then\n    _describe 'command' commands\n    return\n  fi\n";
  s += "  local cmd=$words[2]\n  shift words\n  (( CURRENT-- ))\n  case $cmd in\n";
  for (const auto& c : cmds) {
    s += fmt::format("    {})\n      _arguments -s \\\n", c.name);
    for (const auto& o : c.opts) {
      std::string action;
      if (o.takes_value) {
        const std::string what = o.names.front().substr(2);
        action = o.choices ? fmt::format(":{}:({})", what, join(*o.choices))
                 : o.is_dir ? fmt::format(":{}:_files -/", what)
                            : fmt::format(":{}:_files", what);
      }
      const std::string help = zsh_escape(o.help);
      if (o.names.size() == 1)
        s += fmt::format("        '{}[{}]{}' \\\n", o.names[0], help, action);
      else
        s += fmt::format("        '({0})'{{{1}}}'[{2}]{3}' \\\n", join(o.names), join(o.names, ","), help, action);
    }
    s += "        '*:path:_files' ;;\n";
  }
  s += "  esac\n}\n_lambdafit \"$@\"\n";
  return s;
}

std::string fish() {
  const auto cmds = model();
  std::vector<std::string> names;
  for (const auto& c : cmds) names.push_back(c.name);
  std::string s = "# fish completion for lambdafit\n";
  s += fmt::format("complete -c lambdafit -n 'not __fish_seen_subcommand_from {}' -f\n", join(names));
  for (const auto& c : cmds)
    s += fmt::format("complete -c lambdafit -n 'not __fish_seen_subcommand_from {}' -a {} -d {}\n", join(names), c.name,
                     sq(c.help));
  for (const auto& c : cmds)
    for (const auto& o : c.opts) {
      std::string flags;
      for (const auto& n : o.names) flags += n.rfind("--", 0) == 0 ? " -l " + n.substr(2) : " -s " + n.substr(1);
      std::string value;
      if (o.takes_value) value = o.choices ? fmt::format(" -x -a {}", sq(join(*o.choices))) : " -r -F";
      s += fmt::format("complete -c lambdafit -n '__fish_seen_subcommand_from {}'{}{} -d {}\n", c.name, flags, value,
                       sq(o.help));
    }
  return s;
}

}  // namespace

void setup_completion(CLI::App& sub, Options& o) {
  one_of(sub.add_option("shell", o.id, "bash, zsh or fish")->required(), {"bash", "zsh", "fish"});
}

int run_completion(Options& o) {
  const std::string text = o.id == "bash" ? bash() : o.id == "zsh" ? zsh() : fish();
  std::cout << text;
  return std::cout ? kOk : kUsage;
}

}  // namespace lambdafit::cli
