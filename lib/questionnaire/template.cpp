#include "questionnaire/template.hpp"

#include <cmath>

#include <fmt/format.h>

#include "questionnaire/session.hpp"
#include "reports/text_report.hpp"

namespace lambdafit {

namespace {

std::string verdict_now(const Assessment& a) {
  const auto& p = a.primary();
  return fmt::format("verdict on {}: {}, score {}, confidence {}%", p.platform, to_string(p.verdict), p.score,
                     static_cast<int>(std::lround(p.confidence * 100)));
}

}  // namespace

// A YAML answers file for someone else to fill in: every open question as comments (prompt,
// help, what each answer would change, the form of an answer) above a blank entry.
std::string answers_template(const detail::RulePackData& pack, const Assessment& a) {
  auto comment = [](const std::string& text, const char* lead) {
    std::string out;
    const std::string wrapped = wrap(text, 96, 0, 0);
    std::size_t start = 0;
    while (start <= wrapped.size()) {
      auto nl = wrapped.find('\n', start);
      if (nl == std::string::npos) nl = wrapped.size();
      out += fmt::format("{}{}\n", start == 0 ? lead : "  #    ", wrapped.substr(start, nl - start));
      start = nl + 1;
    }
    return out;
  };
  std::string out = fmt::format(
      "# Open questions about {} that its code cannot answer.\n"
      "# Fill in the values you know, leave the others blank (or write `unknown`, with `ask: NAME`\n"
      "# to name who knows), then merge:  lambdafit questionnaire --answers-from THIS_FILE {}\n"
      "# A value can carry `by:`, `date:` and `note:`: {{value: 7m, note: p99 of last month}}.\n"
      "# Now: {}\n\nanswers:\n",
      a.workload_name, a.workload_path, verdict_now(a));
  std::size_t n = 0;
  for (const auto& q : questions_to_ask(a)) {
    const auto v = describe(pack, a, q);
    out += "\n" + comment(fmt::format("{}. {}", ++n, v.spec ? v.spec->prompt : q.prompt), "  # ");
    if (v.spec && !v.spec->help.empty()) out += comment(v.spec->help, "  #    ");
    for (const auto& [id, title] : v.criteria) out += comment(fmt::format("why it matters: {} ({})", title, id), "  #    ");
    out += comment(q.would_change_verdict_to ? fmt::format("changes: answering {} would make the verdict {}; other "
                                                           "answers keep it {}",
                                                           q.if_answer, to_string(*q.would_change_verdict_to),
                                                           to_string(a.primary().verdict))
                                             : "changes: no answer changes the verdict alone; it makes the "
                                               "assessment more certain",
                   "  #    ");
    out += comment(fmt::format("answer with {}{}", v.expects,
                               v.default_text.empty() ? "" : fmt::format(" (the scan suggests {})", v.default_text)),
                   "  #    ");
    out += fmt::format("  {}:\n", q.fact);
  }
  if (n == 0) out += "  # nothing is open: every question's fact is known from the scan or an answer\n";
  return out;
}

}  // namespace lambdafit
