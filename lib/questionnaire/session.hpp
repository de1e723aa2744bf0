// The questionnaire's logic, apart from the terminal: which questions to ask and in what order,
// what the scan says about each, the default it suggests, reading typed answers, and the
// verdict again after each answer (re-evaluated from the facts already scanned).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "questionnaire/answer_text.hpp"
#include "rulepack/model.hpp"

namespace lambdafit {

/// The answers an assessment used, by fact id.
std::map<std::string, Answer> answers_of(const Assessment& a);

/// `scanned` evaluated again with `answers` in place of the ones it had: facts resolved from
/// the evidence and computed values it holds, then every platform it covers scored again.
/// Does not scan. A computed fact that `scanned` had answered is not known without its answer
/// (the answer hid the computed value); the questionnaire only adds or replaces answers, so
/// this does not arise there.
Assessment reevaluate(const detail::RulePackData& pack, const Assessment& scanned,
                      const std::map<std::string, Answer>& answers);

/// Everything the questionnaire shows for one open question.
struct QuestionView {
  const QuestionSpec* spec = nullptr;
  const FactSpec* fact = nullptr;
  OpenQuestion open;  ///< criteria, and the verdict an answer could lead to
  std::vector<std::pair<std::string, std::string>> criteria;  ///< id, title
  std::vector<Evidence> evidence;   ///< of the fact and of the other facts its criteria read
  std::optional<Answer> current;    ///< the answer already given (when contradicted)
  std::optional<Contradiction> contradiction;
  std::string default_text;         ///< what Enter accepts; empty when there is no default
  std::string default_reason;       ///< where the default comes from
  std::string expects;              ///< "yes or no", "a duration such as 90s or 7m", …
};

/// The questions to ask: the primary platform's open questions, those that could change the
/// verdict first and, among them, those that could make it not-a-fit first.
std::vector<OpenQuestion> questions_to_ask(const Assessment& a);

/// Builds the view of an open question from the current assessment.
QuestionView describe(const detail::RulePackData& pack, const Assessment& a, const OpenQuestion& q);

/// What kind of answer a question takes, in words.
std::string expected_input(const detail::RulePackData& pack, const FactSpec& fact);

/// A typed answer: the value, the text to save and an optional note after '#'.
struct TypedAnswer {
  Value value;
  AnswerRecord record;  ///< fact, value text and note; by and date are left to the caller
};

/// Reads what the user typed for `fact` ("7m", "1.5GB", "yes", "800 MB # p99 last month").
/// Returns nullopt and sets `error` to an explanation when it does not fit.
std::optional<TypedAnswer> parse_typed(std::string_view input, const detail::RulePackData& pack,
                                       const FactSpec& fact, std::string* error);

/// Today's date in UTC as YYYY-MM-DD.
std::string today_utc();

/// Days since 1970-01-01 for a YYYY-MM-DD date, or nullopt when it is not one.
std::optional<long> day_number(std::string_view date);

/// Answers from a prepared file (`answers:` mapping or bare top level), with the value text as
/// written; `by` and `date` are filled with `default_by` and `today` where missing. Errors
/// (unknown facts, bad values) name file:line:col.
std::optional<std::vector<AnswerRecord>> records_from_file(const std::string& path,
                                                           const detail::RulePackData& pack,
                                                           const std::string& default_by,
                                                           const std::string& today, Diagnostics& d);

/// The parsed Answer for a record (for re-evaluation).
std::optional<Answer> answer_of(const AnswerRecord& r, const detail::RulePackData& pack,
                                std::string* error);

}  // namespace lambdafit
