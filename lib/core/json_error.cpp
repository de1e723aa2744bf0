#include "core/json_error.hpp"

#include <cctype>

#include <fmt/format.h>

#include "core/diagnostics.hpp"

namespace lambdafit {

using nlohmann::json;

Diagnostic json_error(const json::exception& e, std::string_view text, std::string_view source,
                      std::string_view what) {
  // nlohmann's message reads "[json.exception.<kind>.<id>] <context>: <reason>"; keep the reason.
  std::string why = e.what();
  std::size_t offset = 0;
  if (const auto* pe = dynamic_cast<const json::parse_error*>(&e)) {
    // e.byte is the 1-based offset just past where parsing stopped.
    offset = pe->byte > 0 ? pe->byte - 1 : 0;
    if (auto colon = why.find(": "); colon != std::string::npos) why = why.substr(colon + 2);
  } else {
    if (auto close = why.find("] "); close != std::string::npos) why = why.substr(close + 2);
    // "number overflow parsing '1e999'": the quoted token is the one place it can be.
    if (auto q = why.find('\''); q != std::string::npos) {
      const auto end = why.find('\'', q + 1);
      if (end != std::string::npos && end > q + 1)
        if (auto pos = text.find(why.substr(q + 1, end - q - 1)); pos != std::string_view::npos) offset = pos;
    }
  }
  if (!why.empty()) why[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(why[0])));
  offset = std::min(offset, text.size());
  const LineStarts lines(text);
  SourceLocation where{std::string(source), lines.line_at(offset), 0};
  where.column = static_cast<int>(offset - lines.start_of(where.line)) + 1;
  return Diagnostic{Severity::error, fmt::format("{}: {}", what, terminal_safe(why)), where,
                    lines.line(text, where.line)};
}

}  // namespace lambdafit
