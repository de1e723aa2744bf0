#include "scanning/treesitter/grammars.hpp"

#include <tree_sitter/api.h>

#include <fmt/format.h>

extern "C" {
const TSLanguage* tree_sitter_python();
const TSLanguage* tree_sitter_javascript();
const TSLanguage* tree_sitter_typescript();
const TSLanguage* tree_sitter_tsx();
const TSLanguage* tree_sitter_java();
const TSLanguage* tree_sitter_bash();
}

namespace lambdafit::ts {

namespace {

struct Row {
  Grammar grammar;
  const char* name;
  const TSLanguage* (*language)();
};

const Row kGrammars[] = {
    {Grammar::python, "python", &tree_sitter_python},
    {Grammar::javascript, "javascript", &tree_sitter_javascript},
    {Grammar::typescript, "typescript", &tree_sitter_typescript},
    {Grammar::tsx, "tsx", &tree_sitter_tsx},
    {Grammar::java, "java", &tree_sitter_java},
    {Grammar::bash, "bash", &tree_sitter_bash},
};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::optional<RuleLanguage> rule_language(std::string_view name) {
  if (name == "python") return RuleLanguage{"python", {Grammar::python}};
  if (name == "javascript") return RuleLanguage{"javascript", {Grammar::javascript}};
  if (name == "typescript") return RuleLanguage{"typescript", {Grammar::typescript, Grammar::tsx}};
  if (name == "java") return RuleLanguage{"java", {Grammar::java}};
  if (name == "shell") return RuleLanguage{"shell", {Grammar::bash}};
  return std::nullopt;
}

const std::vector<std::string>& rule_language_names() {
  static const std::vector<std::string> names{"java", "javascript", "python", "shell", "typescript"};
  return names;
}

std::optional<Grammar> grammar_for(std::string_view file_type, std::string_view path) {
  if (file_type == "python") return Grammar::python;
  if (file_type == "javascript") return Grammar::javascript;
  if (file_type == "typescript") return ends_with(path, ".tsx") ? Grammar::tsx : Grammar::typescript;
  if (file_type == "java") return Grammar::java;
  // zsh and ksh scripts are close enough to Bash; what does not parse becomes a coverage note.
  if (file_type == "shell") return Grammar::bash;
  // A crontab entry's command is a shell command line (the caller blanks the schedules).
  if (file_type == "crontab") return Grammar::bash;
  return std::nullopt;
}

std::string_view grammar_name(Grammar g) {
  for (const auto& r : kGrammars)
    if (r.grammar == g) return r.name;
  return "?";
}

const TSLanguage* load_grammar(Grammar g, std::string* why) {
  for (const auto& r : kGrammars) {
    if (r.grammar != g) continue;
    const TSLanguage* lang = r.language();
    const uint32_t v = ts_language_version(lang);
    if (v < TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION || v > TREE_SITTER_LANGUAGE_VERSION) {
      if (why)
        *why = fmt::format("the {} grammar has ABI version {}, this tree-sitter library loads {} to {}",
                           r.name, v, TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION,
                           TREE_SITTER_LANGUAGE_VERSION);
      return nullptr;
    }
    return lang;
  }
  if (why) *why = "unknown grammar";
  return nullptr;
}

}  // namespace lambdafit::ts
