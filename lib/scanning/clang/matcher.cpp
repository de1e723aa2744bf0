#include "scanning/clang/matcher.hpp"

#include <cstdio>

#include <clang/ASTMatchers/Dynamic/Diagnostics.h>
#include <clang/ASTMatchers/Dynamic/Parser.h>

#include "scanning/clang/matcher_impl.hpp"

namespace lambdafit::cpp {

namespace {

// Moves a 1-based line/column past `consumed` characters of `text`.
void position_after(std::string_view consumed, int& line, int& column) {
  line = 1;
  column = 1;
  for (char c : consumed) {
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
}

// "1:5: Matcher not found: callExr" -> line 1, column 5, message "Matcher not found: callExr".
// Keeps the whole text when it does not start with a position.
void split_position(const std::string& full, MatcherError& err) {
  int line = 0, column = 0;
  std::size_t used = 0;
  if (std::sscanf(full.c_str(), "%d:%d: %zn", &line, &column, &used) >= 2 && used > 0) {
    err.line = line;
    err.column = column;
    err.message = full.substr(used);
  } else {
    err.message = full;
  }
}

}  // namespace

std::shared_ptr<const CompiledMatcher> compile_matcher(std::string_view text, MatcherError& err) {
  namespace dyn = clang::ast_matchers::dynamic;
  llvm::StringRef code(text.data(), text.size());
  dyn::Diagnostics diag;
  auto parsed = dyn::Parser::parseMatcherExpression(code, nullptr, nullptr, &diag);
  if (!parsed) {
    // toStringFull() gives one "line:col: message" per level of nesting, outermost first
    // ("Error parsing argument 1 for matcher callExpr." …); the last names the real problem.
    std::string full = diag.toStringFull();
    while (!full.empty() && (full.back() == '\n' || full.back() == ' ')) full.pop_back();
    const auto nl = full.rfind('\n');
    split_position(nl == std::string::npos ? full : full.substr(nl + 1), err);
    if (err.message.empty()) err.message = "invalid matcher";
    return nullptr;
  }
  // The parser stops after one expression (at a newline, say); anything else left is a mistake.
  const std::size_t rest = code.find_first_not_of(" \t\r\n");
  if (rest != llvm::StringRef::npos) {
    const std::size_t offset = static_cast<std::size_t>(code.data() - text.data()) + rest;
    position_after(text.substr(0, offset), err.line, err.column);
    err.message = "unexpected text after the matcher; write one matcher expression";
    return nullptr;
  }
  auto bound = parsed->tryBind("root");
  if (!bound) {
    err.line = 1;
    err.column = 1;
    err.message =
        "the matcher must be a node matcher (such as callExpr(...) or varDecl(...)), not a "
        "narrowing or traversal matcher";
    return nullptr;
  }
  auto m = std::make_shared<CompiledMatcher>();
  m->matcher.emplace(std::move(*bound));
  return m;
}

}  // namespace lambdafit::cpp
