// Blanking comments out of source text so patterns only see code, while every byte that
// stays keeps its offset: a match in the blanked text is at the same line and column in the
// original file.
#pragma once

#include <string>
#include <string_view>

#include "scanning/text/file_type.hpp"

namespace lambdafit {

/// Returns `text` with every comment byte replaced by a space (newlines kept), so the result
/// has the same length and line structure. String literals are kept: a pattern may look for
/// a path or a command inside one.
///
/// Python docstrings count as comments: a triple-quoted string that is a statement by
/// itself (first token of its line, outside brackets, nothing but a comment after it) is
/// documentation, so "polls with time.sleep" in a docstring does not count. A triple-quoted
/// string used as a value (`sql = """..."""`, an argument inside parentheses) is kept.
///
/// With `strings`, the inside of string literals is blanked too (quotes kept), for patterns
/// that look for calls and names: then `help="calls os.setuid"` does not count either.
std::string blank_comments(std::string_view text, CommentStyle style, bool strings = false);

/// Whether `f` is one crontab time field (`*/15`, `1-5`, `mon-fri`).
bool cron_time_field(std::string_view f);

}  // namespace lambdafit
