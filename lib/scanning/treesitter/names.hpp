// What the predicates know about a file beyond its syntax: the names its imports and
// requires bind (so `sp.run` with `import subprocess as sp` is `subprocess.run`), and the
// command line a call or a shell command runs, as argv words.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <tree_sitter/api.h>

#include "scanning/treesitter/grammars.hpp"

namespace lambdafit::ts {

std::string_view node_text(TSNode n, std::string_view source);

/// Local names bound by imports, each to the canonical dotted name it stands for.
struct ImportTable {
  std::map<std::string, std::string, std::less<>> names;  ///< "sp" -> "subprocess"
  std::vector<std::string> wildcards;  ///< modules imported with `*` ("os", "java.util")
};

/// What plain variables are made from: `app = Flask(__name__)`, `const app = express()`,
/// `with socket.socket() as s`, `var s = new ServerSocket(80)` map the variable to the callee's
/// text ("Flask", "express", "socket.socket", "ServerSocket").
using Assignments = std::multimap<std::string, std::string, std::less<>>;
Assignments read_assignments(Grammar g, TSNode root, std::string_view source);

/// Reads every import of the file: Python import/from-import, CommonJS require (plain and
/// destructured), ESM imports, Java imports and static imports.
ImportTable read_imports(Grammar g, TSNode root, std::string_view source);

/// The canonical names an expression's text may stand for: aliases and imported names
/// replaced by what they import, `require("m")` by m, `node:` dropped; for Java an unimported
/// class also as java.lang.X and under each wildcard import.
std::vector<std::string> canonical_names(Grammar g, const ImportTable& t, std::string_view text);

/// Whether `name` matches `pattern`, where `*` stands for any characters ("subprocess.*",
/// "aws_lambda_powertools.*.SQSEvent").
bool name_matches(std::string_view name, std::string_view pattern);

/// The words of the command a node runs: a shell command, a string holding a command line, a
/// list/array of strings, a call's arguments (first argument, plus a following array as in
/// execFile/spawn), or `new String[]{…}` / List.of(…). Words that are not literals are "?".
/// Wrappers (sudo, env, nice, nohup, exec, timeout) and `sh -c '…'` are looked through.
std::vector<std::string> command_argv(Grammar g, TSNode n, std::string_view source);

/// The command name of argv (basename of its first word), or empty.
std::string command_name(const std::vector<std::string>& argv);

/// Whether any word after the command is `flag`, `flag=…`, or (for a one-letter flag like
/// `-w`) a bundle of short flags holding it (`-qw`).
bool has_flag(const std::vector<std::string>& argv, std::string_view flag);

/// The unquoted value of a string literal node; nullopt-like empty `ok` when it is not one.
bool literal_value(TSNode n, std::string_view source, std::string& out);

}  // namespace lambdafit::ts
