// Small readers for the parts of HCL (Terraform) and TOML (wrangler.toml, pyproject) that
// deployment settings live in.
//
// HCL: blocks with labels (`resource "aws_lambda_function" "fn" { … }` becomes
// resource -> aws_lambda_function -> fn -> body), attributes, nested blocks, object values and
// comments (#, //, /* */). Literal strings, numbers and booleans become their value; any other
// expression (references, function calls, lists, heredocs) is kept as its source text.
// TOML: [tables], [[arrays of tables]], dotted and quoted keys, basic and literal strings,
// numbers, booleans, arrays (also over several lines) and inline tables. Multi-line strings
// and dates are kept as source text.
#include <algorithm>
#include <cctype>

#include "scanning/descriptors/document.hpp"

namespace lambdafit::descriptors {

namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view text) : t_(text) {}

  bool done() const { return i_ >= t_.size(); }
  char peek(std::size_t ahead = 0) const { return i_ + ahead < t_.size() ? t_[i_ + ahead] : '\0'; }
  std::size_t pos() const { return i_; }
  void advance(std::size_t n = 1) { i_ = std::min(t_.size(), i_ + n); }
  std::pair<int, int> where() const { return position_of(t_, i_); }
  std::string_view text() const { return t_; }

  // Skips blanks and comments; newlines too unless `stop_at_newline`.
  void skip(bool stop_at_newline, bool hash_only = false) {
    while (!done()) {
      const char c = peek();
      if (c == '\n' && stop_at_newline) return;
      if (std::isspace(static_cast<unsigned char>(c))) advance();
      else if (c == '#' || (!hash_only && c == '/')) {
        if (!skip_comment()) return;
      } else {
        return;
      }
    }
  }

  std::string identifier() {
    std::string out;
    while (!done() && (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_' ||
                       peek() == '-' || peek() == '.'))
      out += t_[i_++];
    return out;
  }

  // A quoted string starting at the current quote; escapes in basic strings are resolved.
  std::optional<std::string> quoted() {
    const char q = peek();
    advance();
    std::string out;
    while (!done() && peek() != q && peek() != '\n') {
      if (q == '"' && peek() == '\\' && i_ + 1 < t_.size()) {
        advance();
        const char e = peek();
        out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
        advance();
        continue;
      }
      out += t_[i_++];
    }
    if (peek() != q) return std::nullopt;
    advance();
    return out;
  }

  // Steps over an HCL string at the current '"'. A template interpolation or directive
  // (`${ … }`, `%{ … }`) may hold strings of its own, so quotes inside one do not end the
  // string. False when the string is not closed on its line.
  bool skip_hcl_string() {
    advance();  // the opening quote
    int braces = 0;  // depth inside ${ … } / %{ … }
    while (!done() && peek() != '\n') {
      const char c = peek();
      if (c == '\\') {
        advance(2);
      } else if (braces == 0 && c == '"') {
        advance();
        return true;
      } else if (braces == 0 && (c == '$' || c == '%') && peek(1) == c && peek(2) == '{') {
        advance(3);  // `$${` and `%%{` are escapes: a literal `${` / `%{`
      } else if ((c == '$' || c == '%') && peek(1) == '{') {
        advance(2);
        ++braces;
      } else if (braces > 0 && c == '"') {
        if (!skip_hcl_string()) return false;
      } else if (braces > 0 && c == '{') {
        advance();
        ++braces;
      } else if (braces > 0 && c == '}') {
        advance();
        --braces;
      } else {
        advance();
      }
    }
    return false;
  }

  // Skips a comment at the current position if there is one (#, //, /* */).
  bool skip_comment() {
    if (peek() == '#' || (peek() == '/' && peek(1) == '/')) {
      while (!done() && peek() != '\n') advance();
      return true;
    }
    if (peek() == '/' && peek(1) == '*') {
      advance(2);
      while (!done() && !(peek() == '*' && peek(1) == '/')) advance();
      advance(2);
      return true;
    }
    return false;
  }

  // Source text of an HCL expression up to the end of the line (or `stop`) at bracket depth 0.
  // Inside brackets an expression may span lines and hold comments; strings are HCL's own
  // (double quotes only, with templates that may nest quotes), and heredocs are stepped over.
  std::string raw_expression(char stop = '\0') {
    const std::size_t start = i_;
    int depth = 0;
    while (!done()) {
      const char c = peek();
      if (depth == 0 && (c == '\n' || c == stop || c == '#')) break;
      if (depth == 0 && c == '/' && (peek(1) == '/' || peek(1) == '*')) break;
      if (depth == 0 && c == '}' ) break;
      if (depth > 0 && skip_comment()) continue;
      if (c == '"') {
        if (!skip_hcl_string()) break;
        continue;
      }
      if (c == '<' && peek(1) == '<') {  // HCL heredoc: skip to the closing marker line
        advance(2);
        if (peek() == '-') advance();
        std::string marker = identifier();
        while (!done()) {
          while (!done() && peek() != '\n') advance();
          advance();
          std::size_t j = i_;
          while (j < t_.size() && (t_[j] == ' ' || t_[j] == '\t')) ++j;
          if (!marker.empty() && t_.substr(j, marker.size()) == marker) {
            i_ = j + marker.size();
            break;
          }
        }
        continue;
      }
      if (c == '(' || c == '[' || c == '{') ++depth;
      if (c == ')' || c == ']' || c == '}') --depth;
      advance();
    }
    std::string_view s = t_.substr(start, i_ - start);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
  }

  // True when the text after the current '{' starts a `for` expression (`{ for k, v in x : … }`),
  // which is an expression, not an object of attributes.
  bool at_for_expression() const {
    std::size_t j = i_ + 1;
    while (j < t_.size() && std::isspace(static_cast<unsigned char>(t_[j]))) ++j;
    return t_.substr(j, 3) == "for" && j + 3 < t_.size() && std::isspace(static_cast<unsigned char>(t_[j + 3]));
  }

 private:
  std::string_view t_;
  std::size_t i_ = 0;
};

// A literal string, number or boolean as its value; anything else as written.
std::string literal_or_raw(const std::string& raw) {
  if (raw.size() >= 2 && raw.front() == '"' && raw.back() == '"' &&
      raw.find("${") == std::string::npos && raw.find('"', 1) == raw.size() - 1)
    return raw.substr(1, raw.size() - 2);
  return raw;
}

class HclParser {
 public:
  explicit HclParser(std::string_view text) : s_(text) {}

  Document run() {
    Document d;
    DocNode root = DocNode::make_map(1, 1);
    body(root, 0);
    if (error_) d.error = error_;
    d.roots.push_back(std::move(root));
    return d;
  }

 private:
  void fail(std::string msg) {
    if (error_) return;
    auto [line, col] = s_.where();
    error_ = ReadError{line, col, std::move(msg)};
  }

  // Reads entries until '}' (nested) or the end of the file (top level).
  void body(DocNode& into, int depth) {
    while (!error_) {
      s_.skip(false);
      if (s_.done()) {
        if (depth > 0) fail("unexpected end of file: a block is not closed");
        return;
      }
      if (s_.peek() == '}') {
        if (depth == 0) fail("unexpected '}'");
        else s_.advance();
        return;
      }
      if (s_.peek() == ',') {  // object values separate entries with commas
        s_.advance();
        continue;
      }
      auto [line, col] = s_.where();
      std::string name = s_.peek() == '"' ? s_.quoted().value_or("") : s_.identifier();
      if (name.empty()) {
        fail("expected an attribute or a block");
        return;
      }
      s_.skip(true);
      if ((s_.peek() == '=' && s_.peek(1) != '=') || s_.peek() == ':') {
        s_.advance();
        s_.skip(true);
        if (s_.peek() == '{' && !s_.at_for_expression()) {  // object value: read it like a body
          s_.advance();
          DocNode obj = DocNode::make_map(line, col);
          if (depth > 32) return fail("nesting too deep");
          body(obj, depth + 1);
          into.items.emplace_back(std::move(name), std::move(obj));
        } else {
          into.items.emplace_back(
              std::move(name), DocNode::make_scalar(literal_or_raw(s_.raw_expression(',')), line, col));
        }
        continue;
      }
      // A block: labels, then '{'. Each label opens one more level of map.
      std::vector<std::string> labels;
      while (!s_.done() && s_.peek() != '{') {
        if (s_.peek() == '"') {
          auto l = s_.quoted();
          if (!l) return fail("unterminated block label");
          labels.push_back(*l);
        } else {
          auto l = s_.identifier();
          if (l.empty()) return fail("expected a block label or '{'");
          labels.push_back(l);
        }
        s_.skip(true);
      }
      if (s_.peek() != '{') return fail("expected '{' to open the block");
      s_.advance();
      if (depth > 32) return fail("nesting too deep");
      DocNode* at = &into;
      std::vector<std::string> path{name};
      path.insert(path.end(), labels.begin(), labels.end());
      for (std::size_t k = 0; k + 1 < path.size(); ++k) {
        DocNode* next = nullptr;
        for (auto& [key, v] : at->items)
          if (key == path[k] && v.is_map()) next = &v;
        if (!next) {
          at->items.emplace_back(path[k], DocNode::make_map(line, col));
          next = &at->items.back().second;
        }
        at = next;
      }
      DocNode block = DocNode::make_map(line, col);
      body(block, depth + 1);
      at->items.emplace_back(path.back(), std::move(block));
    }
  }

  Scanner s_;
  std::optional<ReadError> error_;
};

class TomlParser {
 public:
  explicit TomlParser(std::string_view text) : s_(text) {}

  Document run() {
    Document d;
    DocNode root = DocNode::make_map(1, 1);
    DocNode* table = &root;
    while (!error_) {
      s_.skip(false, true);
      if (s_.done()) break;
      auto [line, col] = s_.where();
      if (s_.peek() == '[') {
        const bool array = s_.peek(1) == '[';
        s_.advance(array ? 2 : 1);
        auto keys = key_path();
        if (keys.empty() || s_.peek() != ']' || (array && s_.peek(1) != ']')) {
          fail("expected a table header such as [name] or [[name]]");
          break;
        }
        s_.advance(array ? 2 : 1);
        table = descend(root, keys, line, col, array);
        continue;
      }
      auto keys = key_path();
      if (keys.empty() || s_.peek() != '=') {
        fail("expected 'key = value'");
        break;
      }
      s_.advance();
      s_.skip(true, true);
      DocNode v = value(line, col, 0);
      if (error_) break;
      DocNode* at = keys.size() > 1 ? descend(*table, {keys.begin(), keys.end() - 1}, line, col, false)
                                    : table;
      at->items.emplace_back(keys.back(), std::move(v));
    }
    if (error_) d.error = error_;
    d.roots.push_back(std::move(root));
    return d;
  }

 private:
  void fail(std::string msg) {
    if (error_) return;
    auto [line, col] = s_.where();
    error_ = ReadError{line, col, std::move(msg)};
  }

  std::vector<std::string> key_path() {
    std::vector<std::string> keys;
    while (true) {
      s_.skip(true, true);
      std::string k;
      if (s_.peek() == '"' || s_.peek() == '\'') k = s_.quoted().value_or("");
      else
        while (!s_.done() && (std::isalnum(static_cast<unsigned char>(s_.peek())) || s_.peek() == '_' ||
                              s_.peek() == '-'))
          k += s_.peek(), s_.advance();
      if (k.empty()) return {};
      keys.push_back(k);
      s_.skip(true, true);
      if (s_.peek() != '.') return keys;
      s_.advance();
    }
  }

  // The map at `keys` under `from`, created as needed; for [[x]] a new map appended to list x.
  DocNode* descend(DocNode& from, const std::vector<std::string>& keys, int line, int col, bool array) {
    DocNode* at = &from;
    for (std::size_t k = 0; k < keys.size(); ++k) {
      const bool last = k + 1 == keys.size();
      DocNode* next = nullptr;
      for (auto& [key, v] : at->items)
        if (key == keys[k]) next = &v;
      if (!next) {
        at->items.emplace_back(keys[k], last && array ? DocNode::make_list(line, col)
                                                      : DocNode::make_map(line, col));
        next = &at->items.back().second;
      }
      if (next->is_list()) {  // [[x]] adds an item; [x.y] after [[x]] goes into the last one
        if (last && array) next->items.emplace_back("", DocNode::make_map(line, col));
        if (next->items.empty()) next->items.emplace_back("", DocNode::make_map(line, col));
        next = &next->items.back().second;
      }
      if (!next->is_map()) {
        fail("key '" + keys[k] + "' is not a table");
        return at;
      }
      at = next;
    }
    return at;
  }

  DocNode value(int line, int col, int depth) {
    if (depth > 32) {
      fail("nesting too deep");
      return {};
    }
    const char c = s_.peek();
    if (c == '"' || c == '\'') {
      if (s_.peek(1) == c && s_.peek(2) == c) {  // multi-line string, kept as written
        const std::size_t start = s_.pos();
        s_.advance(3);
        while (!s_.done() && !(s_.peek() == c && s_.peek(1) == c && s_.peek(2) == c)) s_.advance();
        s_.advance(3);
        return DocNode::make_scalar(std::string(s_.text().substr(start, s_.pos() - start)), line, col);
      }
      auto q = s_.quoted();
      if (!q) fail("unterminated string");
      return DocNode::make_scalar(q.value_or(""), line, col);
    }
    if (c == '[') {
      s_.advance();
      DocNode list = DocNode::make_list(line, col);
      while (!error_) {
        s_.skip(false, true);
        if (s_.peek() == ']') {
          s_.advance();
          break;
        }
        if (s_.done()) {
          fail("unterminated array");
          break;
        }
        auto [l, cl] = s_.where();
        list.items.emplace_back("", value(l, cl, depth + 1));
        s_.skip(false, true);
        if (s_.peek() == ',') s_.advance();
      }
      return list;
    }
    if (c == '{') {
      s_.advance();
      DocNode obj = DocNode::make_map(line, col);
      while (!error_) {
        s_.skip(true, true);
        if (s_.peek() == '}') {
          s_.advance();
          break;
        }
        auto [l, cl] = s_.where();
        auto keys = key_path();
        if (keys.empty() || s_.peek() != '=') {
          fail("expected 'key = value' in an inline table");
          break;
        }
        s_.advance();
        s_.skip(true, true);
        DocNode v = value(l, cl, depth + 1);
        DocNode* at = keys.size() > 1 ? descend(obj, {keys.begin(), keys.end() - 1}, l, cl, false) : &obj;
        at->items.emplace_back(keys.back(), std::move(v));
        s_.skip(true, true);
        if (s_.peek() == ',') s_.advance();
      }
      return obj;
    }
    std::string raw;
    while (!s_.done() && s_.peek() != ',' && s_.peek() != ']' && s_.peek() != '}' &&
           s_.peek() != '\n' && s_.peek() != '#')
      raw += s_.peek(), s_.advance();
    while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.back()))) raw.pop_back();
    if (raw.empty()) fail("expected a value");
    return DocNode::make_scalar(raw, line, col);
  }

  Scanner s_;
  std::optional<ReadError> error_;
};

}  // namespace

Document read_hcl(std::string_view text) { return HclParser(text).run(); }

Document read_toml(std::string_view text) { return TomlParser(text).run(); }

}  // namespace lambdafit::descriptors
