// The tree-sitter grammars compiled into the library (Python, JavaScript, TypeScript, TSX,
// Java, Bash) and how workload files map onto them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct TSLanguage;

namespace lambdafit::ts {

enum class Grammar { python, javascript, typescript, tsx, java, bash };

/// A rule file's `language:` value: python, javascript, typescript (TS and TSX), java, shell.
struct RuleLanguage {
  std::string name;
  std::vector<Grammar> grammars;
};

/// The rule language with this name, or nullopt.
std::optional<RuleLanguage> rule_language(std::string_view name);
const std::vector<std::string>& rule_language_names();

/// The grammar for a file, from the text kind's file type ("python", "shell", …) and its path.
std::optional<Grammar> grammar_for(std::string_view file_type, std::string_view path);

std::string_view grammar_name(Grammar g);

/// The grammar's language, checked against the library's ABI range; nullptr and `why` set when
/// this library cannot load it.
const TSLanguage* load_grammar(Grammar g, std::string* why);

}  // namespace lambdafit::ts
