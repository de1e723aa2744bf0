#include "core/diagnostics.hpp"

#include <fmt/format.h>

namespace lambdafit {

namespace {
std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}
}  // namespace

std::string Diagnostic::format() const {
  std::string out;
  const auto& loc = location;
  if (!loc.file.empty()) {
    out += loc.file;
    if (loc.line > 0) out += fmt::format(":{}", loc.line);
    if (loc.line > 0 && loc.column > 0) out += fmt::format(":{}", loc.column);
    out += ": ";
  }
  out += fmt::format("{}: {}", severity_name(severity), message);
  if (!source_line.empty()) {
    out += "\n" + source_line;
    if (loc.column > 0) {
      std::string pad;
      // Keep tabs so the caret lines up under the offending column.
      for (int i = 0; i + 1 < loc.column && i < static_cast<int>(source_line.size()); ++i)
        pad += source_line[static_cast<std::size_t>(i)] == '\t' ? '\t' : ' ';
      out += "\n" + pad + "^";
    }
  }
  return out;
}

void Diagnostics::error(std::string message, SourceLocation where, std::string source_line) {
  items_.push_back({Severity::error, std::move(message), std::move(where), std::move(source_line)});
}

void Diagnostics::warning(std::string message, SourceLocation where, std::string source_line) {
  items_.push_back(
      {Severity::warning, std::move(message), std::move(where), std::move(source_line)});
}

bool Diagnostics::has_errors() const noexcept {
  for (const auto& d : items_)
    if (d.severity == Severity::error) return true;
  return false;
}

std::string line_of(std::string_view text, int line) {
  if (line < 1) return {};
  std::size_t pos = 0;
  for (int i = 1; i < line; ++i) {
    pos = text.find('\n', pos);
    if (pos == std::string_view::npos) return {};
    ++pos;
  }
  auto end = text.find('\n', pos);
  auto l = text.substr(pos, end == std::string_view::npos ? text.size() - pos : end - pos);
  if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
  return std::string(l);
}

}  // namespace lambdafit
