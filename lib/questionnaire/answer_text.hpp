// Writing answers into a YAML file's text in place, so everything else in it survives
// byte for byte: comments, key order, blank lines, quoting and the other answers.
//
// yaml-cpp's emitter would drop comments and reorder nothing else we could trust, so the edit
// works on lines: it finds the top-level `answers:` block, replaces the lines of the entries it
// sets and appends new entries after the last one. The result is parsed again and compared with
// the input before it is accepted; an edit that would change anything else is refused.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lambdafit/lambdafit.hpp"

namespace lambdafit {

/// One answer to write: the fact, the value text as it goes into YAML, and who/when/why.
struct AnswerRecord {
  std::string fact;
  std::string value;        ///< scalar text ("7m", "yes", "800 MB"); ignored when `list` is set
  std::optional<StringList> list;  ///< for list facts
  std::string by;
  std::string date;
  std::string note;
  std::string ask;  ///< with value "unknown": who should be asked instead
};

/// The value written for "I don't know" and "ask someone else": the fact stays open.
inline constexpr const char* kUnknownAnswer = "unknown";

/// The flow mapping written for an answer: `{value: 7m, by: a@b.c, date: 2026-11-27}`.
std::string format_answer(const AnswerRecord& a);

/// A scalar as YAML flow text: plain when that reads back the same, double-quoted otherwise.
std::string yaml_flow_scalar(std::string_view s);

/// Sets each answer in `text` (a lambdafit.yaml or an answers file): replaces the entry of an
/// answer already there, appends the others to the `answers:` block (creating it at the end
/// when there is none). Returns the new text, or nullopt with `error` set (line and column
/// when known; the caller fills in the file) when the file cannot be edited safely: malformed
/// YAML, a flow-style `answers: {...}`, or a failed self-check.
std::optional<std::string> set_answers(std::string_view text, const std::vector<AnswerRecord>& answers,
                                       Diagnostic* error);

/// Writes `text` to `path` atomically with write_file_safely (core/safe_file.hpp): keeps the
/// target's mode and owner, refuses a read-only one, leaves nothing behind when killed.
bool write_file_atomically(const std::string& path, std::string_view text, std::string* error);

}  // namespace lambdafit
