#include "permissions/hcl_expr.hpp"

#include <algorithm>
#include <cctype>

namespace lambdafit::permissions {

using descriptors::DocNode;

LineIndex::LineIndex(std::string_view text) : size_(text.size()) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts_.push_back(i + 1);
}

std::pair<int, int> LineIndex::position(std::size_t offset) const {
  offset = std::min(offset, size_);
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset) - 1;
  return {static_cast<int>(it - starts_.begin()) + 1, static_cast<int>(offset - *it) + 1};
}

std::size_t LineIndex::offset(int line, int column) const {
  if (line < 1 || static_cast<std::size_t>(line) > starts_.size()) return size_;
  return std::min(size_, starts_[line - 1] + static_cast<std::size_t>(std::max(column, 1) - 1));
}

namespace {

constexpr int kMaxDepth = 32;

class ExprReader {
 public:
  ExprReader(std::string_view t, std::size_t at, std::size_t end, const LineIndex& l) : t_(t), i_(at), end_(end), l_(l) {}

  DocNode value(int depth = 0) {
    skip();
    const auto [line, col] = l_.position(i_);
    if (done() || depth > kMaxDepth) return expr_until(line, col);
    const char c = t_[i_];
    if (c == '"') return DocNode::make_scalar(string(), line, col);
    if (c == '[') return list(depth, line, col);
    if (c == '{') return object(depth, line, col);
    if (c == '<' && peek(1) == '<') return heredoc(depth, line, col);
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      const std::size_t start = i_;
      std::string name;
      while (!done() && (std::isalnum(static_cast<unsigned char>(t_[i_])) || t_[i_] == '_')) name += t_[i_++];
      if (name == "jsonencode" && !done() && t_[i_] == '(') {
        ++i_;
        DocNode inner = value(depth + 1);
        skip();
        if (!done() && t_[i_] == ')') ++i_;
        return inner;
      }
      if (name == "true" || name == "false" || name == "null") {
        if (at_value_end()) return DocNode::make_scalar(name, line, col);
      }
      i_ = start;
    }
    if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
      const std::size_t start = i_;
      while (!done() && (std::isdigit(static_cast<unsigned char>(t_[i_])) || t_[i_] == '.' || t_[i_] == '-' ||
                         t_[i_] == 'e' || t_[i_] == 'E' || t_[i_] == '+'))
        ++i_;
      if (at_value_end()) return DocNode::make_scalar(std::string(t_.substr(start, i_ - start)), line, col);
      i_ = start;
    }
    return expr_until(line, col);
  }

 private:
  bool done() const { return i_ >= end_; }
  char peek(std::size_t ahead) const { return i_ + ahead < end_ ? t_[i_ + ahead] : '\0'; }

  void skip() {
    while (!done()) {
      const char c = t_[i_];
      if (std::isspace(static_cast<unsigned char>(c))) ++i_;
      else if (c == '#' || (c == '/' && peek(1) == '/')) {
        while (!done() && t_[i_] != '\n') ++i_;
      } else if (c == '/' && peek(1) == '*') {
        i_ += 2;
        while (!done() && !(t_[i_] == '*' && peek(1) == '/')) ++i_;
        i_ = std::min(end_, i_ + 2);
      } else {
        return;
      }
    }
  }

  bool at_value_end() {
    std::size_t j = i_;
    while (j < end_ && (t_[j] == ' ' || t_[j] == '\t' || t_[j] == '\r')) ++j;
    return j >= end_ || std::string_view(",]})\n#").find(t_[j]) != std::string_view::npos;
  }

  // "${…}" copied as written, nested braces and strings included.
  void interpolation(std::string& out) {
    int depth = 0;
    while (!done()) {
      const char c = t_[i_];
      out += c;
      ++i_;
      if (c == '{') ++depth;
      else if (c == '}' && --depth == 0) return;
      else if (c == '"') {  // a string inside the interpolation
        while (!done() && t_[i_] != '"') {
          if (t_[i_] == '\\' && i_ + 1 < end_) out += t_[i_++];
          out += t_[i_++];
        }
        if (!done()) out += t_[i_++];
      }
    }
  }

  std::string string() {
    ++i_;  // the opening quote
    std::string out;
    while (!done() && t_[i_] != '"' && t_[i_] != '\n') {
      if (t_[i_] == '\\' && i_ + 1 < end_) {
        const char e = t_[i_ + 1];
        out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
        i_ += 2;
      } else if (t_[i_] == '$' && peek(1) == '{') {
        interpolation(out);
      } else {
        out += t_[i_++];
      }
    }
    if (!done() && t_[i_] == '"') ++i_;
    return out;
  }

  DocNode list(int depth, int line, int col) {
    ++i_;
    DocNode out = DocNode::make_list(line, col);
    while (true) {
      skip();
      if (done()) return out;
      if (t_[i_] == ']') {
        ++i_;
        return out;
      }
      const std::size_t before = i_;
      out.items.emplace_back("", value(depth + 1));
      skip();
      if (!done() && t_[i_] == ',') ++i_;
      if (i_ == before) ++i_;  // never stall
    }
  }

  DocNode object(int depth, int line, int col) {
    ++i_;
    DocNode out = DocNode::make_map(line, col);
    while (true) {
      skip();
      if (done()) return out;
      if (t_[i_] == '}') {
        ++i_;
        return out;
      }
      const std::size_t before = i_;
      std::string key;
      if (t_[i_] == '"') {
        key = string();
      } else if (t_[i_] == '(') {  // (expression) keys: kept as written
        DocNode k = expr_until(0, 0, '=');
        key = k.scalar;
      } else {
        while (!done() && (std::isalnum(static_cast<unsigned char>(t_[i_])) || t_[i_] == '_' || t_[i_] == '-')) key += t_[i_++];
      }
      skip();
      if (!done() && (t_[i_] == '=' || t_[i_] == ':')) {
        ++i_;
        out.items.emplace_back(key, value(depth + 1));
      }
      skip();
      if (!done() && t_[i_] == ',') ++i_;
      if (i_ == before) ++i_;
    }
  }

  // <<EOF or <<-EOF: the text up to the marker line, read as an expression (JSON policies).
  DocNode heredoc(int depth, int line, int col) {
    i_ += 2;
    if (!done() && t_[i_] == '-') ++i_;
    std::string marker;
    while (!done() && (std::isalnum(static_cast<unsigned char>(t_[i_])) || t_[i_] == '_')) marker += t_[i_++];
    while (!done() && t_[i_] != '\n') ++i_;
    const std::size_t body = std::min(end_, i_ + 1);
    std::size_t stop = end_;
    i_ = end_;
    for (std::size_t ls = body; ls < end_;) {
      std::size_t nl = t_.find('\n', ls);
      if (nl == std::string_view::npos || nl > end_) nl = end_;
      std::size_t j = ls;
      while (j < nl && (t_[j] == ' ' || t_[j] == '\t')) ++j;
      std::size_t k = nl;
      while (k > j && std::isspace(static_cast<unsigned char>(t_[k - 1]))) --k;
      if (!marker.empty() && t_.substr(j, k - j) == marker) {
        stop = ls;
        i_ = k;
        break;
      }
      ls = nl + 1;
    }
    if (marker.empty()) return DocNode::make_scalar("<<", line, col);
    ExprReader inner(t_, body, stop, l_);
    DocNode v = inner.value(depth + 1);
    return v;
  }

  // Anything else, as written, up to a separator at depth 0; tagged "expr".
  DocNode expr_until(int line, int col, char extra_stop = '\0') {
    const std::size_t start = i_;
    int depth = 0;
    while (!done()) {
      const char c = t_[i_];
      if (depth == 0 && (c == ',' || c == ']' || c == '}' || c == ')' || c == '\n' || c == extra_stop)) break;
      if (c == '"') {
        std::string ignored = string();
        continue;
      }
      if (c == '(' || c == '[' || c == '{') ++depth;
      if (c == ')' || c == ']' || c == '}') --depth;
      ++i_;
    }
    std::string_view s = t_.substr(start, i_ - start);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    DocNode n = DocNode::make_scalar(std::string(s), line, col);
    n.tag = "expr";
    return n;
  }

  std::string_view t_;
  std::size_t i_, end_;
  const LineIndex& l_;
};

}  // namespace

DocNode read_hcl_expression(std::string_view text, std::size_t offset, const LineIndex& lines) {
  ExprReader r(text, std::min(offset, text.size()), text.size(), lines);
  return r.value();
}

std::size_t value_offset(std::string_view text, const LineIndex& lines, const DocNode& attribute) {
  if (attribute.scalar.empty()) return std::string_view::npos;
  std::size_t at = lines.offset(attribute.line, attribute.column);
  // Past the name and '=' (the raw text may repeat the name: `policy = policy`).
  const auto eq = text.find_first_of("=:", at);
  if (eq == std::string_view::npos) return eq;
  // A literal string comes back without its quotes; look for the text itself.
  const auto found = text.find(attribute.scalar, eq + 1);
  if (found == std::string_view::npos) return found;
  return found > 0 && text[found - 1] == '"' ? found - 1 : found;
}

}  // namespace lambdafit::permissions
