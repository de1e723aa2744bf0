// The Markdown report: verdict first, then the checklist, evidence, questions and advice.
// Written for Git hosting pages (GitHub-flavoured tables and fenced code).
#pragma once

#include <string>
#include <string_view>

#include "lambdafit/lambdafit.hpp"

namespace lambdafit {

std::string render_markdown(const Assessment& a, const RenderOptions& opts = {});

/// Text safe in Markdown prose and table cells: markup characters are backslash-escaped,
/// `<`, `>` and `&` become entities, line breaks become spaces.
std::string md_text(std::string_view s);
/// An inline code span that holds `s` literally (safe inside table cells too).
std::string md_code(std::string_view s);
/// A fenced code block whose fence is longer than any backtick run in `s`.
std::string md_code_block(std::string_view s, std::string_view language);

}  // namespace lambdafit
