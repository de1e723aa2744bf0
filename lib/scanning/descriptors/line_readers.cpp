// Line-oriented descriptors: INI-style files (systemd units, supervisord), Procfiles and
// Dockerfiles.
#include <cctype>

#include <nlohmann/json.hpp>

#include "scanning/descriptors/document.hpp"

namespace lambdafit::descriptors {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

struct Line {
  std::string_view text;
  int number = 0;
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> out;
  int n = 0;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view l = text.substr(0, nl);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    out.push_back({l, ++n});
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return out;
}

int indent_of(std::string_view l) {
  int i = 0;
  while (i < static_cast<int>(l.size()) && (l[i] == ' ' || l[i] == '\t')) ++i;
  return i;
}

}  // namespace

// systemd: `[Section]`, `Key=Value`, `#`/`;` comments, a trailing backslash continues a value.
// supervisord (Python configparser): `key = value` or `key: value`, indented continuation lines.
Document read_ini(std::string_view text) {
  Document d;
  DocNode root = DocNode::make_map(1, 1);
  DocNode* section = &root;
  DocNode* last_value = nullptr;
  bool continues = false;
  for (const auto& [raw, number] : split_lines(text)) {
    const auto l = trim(raw);
    if (continues && last_value) {
      std::string_view part = l;
      continues = !part.empty() && part.back() == '\\';
      if (continues) part.remove_suffix(1);
      last_value->scalar += " " + std::string(trim(part));
      continue;
    }
    continues = false;
    if (l.empty() || l.front() == '#' || l.front() == ';') continue;
    if (indent_of(raw) > 0 && last_value) {  // configparser continuation
      last_value->scalar += " " + std::string(l);
      continue;
    }
    const int col = indent_of(raw) + 1;
    if (l.front() == '[') {
      if (l.back() != ']') {
        d.error = ReadError{number, col, "section header without a closing ']'"};
        break;
      }
      root.items.emplace_back(std::string(trim(l.substr(1, l.size() - 2))),
                              DocNode::make_map(number, col));
      section = &root.items.back().second;
      last_value = nullptr;
      continue;
    }
    const auto eq = l.find_first_of("=:");
    if (eq == std::string_view::npos || eq == 0) {
      d.error = ReadError{number, col, "expected 'key=value' or a '[section]' header"};
      break;
    }
    std::string_view value = trim(l.substr(eq + 1));
    continues = !value.empty() && value.back() == '\\';
    if (continues) value = trim(value.substr(0, value.size() - 1));
    section->items.emplace_back(std::string(trim(l.substr(0, eq))),
                                DocNode::make_scalar(std::string(value), number, col));
    last_value = &section->items.back().second;
  }
  d.roots.push_back(std::move(root));
  return d;
}

// `name: command` per line.
Document read_procfile(std::string_view text) {
  Document d;
  DocNode root = DocNode::make_map(1, 1);
  for (const auto& [raw, number] : split_lines(text)) {
    const auto l = trim(raw);
    if (l.empty() || l.front() == '#') continue;
    const auto colon = l.find(':');
    const int col = indent_of(raw) + 1;
    const auto name = colon == std::string_view::npos ? std::string_view{} : trim(l.substr(0, colon));
    bool ok = !name.empty();
    for (char c : name) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-');
    if (!ok) {
      d.error = ReadError{number, col, "expected 'process-type: command'"};
      break;
    }
    root.items.emplace_back(std::string(name),
                            DocNode::make_scalar(std::string(trim(l.substr(colon + 1))), number, col));
  }
  d.roots.push_back(std::move(root));
  return d;
}

namespace {

// The heredoc delimiter a line opens (`<<EOF`, `<<-"EOF"`), if any.
std::string heredoc_delimiter(std::string_view l) {
  auto p = l.find("<<");
  if (p == std::string_view::npos) return {};
  p += 2;
  if (p < l.size() && l[p] == '-') ++p;
  if (p < l.size() && (l[p] == '"' || l[p] == '\'')) ++p;
  std::string out;
  while (p < l.size() && (std::isalnum(static_cast<unsigned char>(l[p])) || l[p] == '_')) out += l[p++];
  return out;
}

}  // namespace

// Instructions become map entries named by the upper-cased instruction; exec form
// (`["a", "b"]`) becomes a list, shell form one scalar. Continuations are joined.
Document read_dockerfile(std::string_view text) {
  Document d;
  DocNode root = DocNode::make_map(1, 1);
  const auto lines = split_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto l = trim(lines[i].text);
    if (l.empty() || l.front() == '#') continue;
    const int number = lines[i].number, col = indent_of(lines[i].text) + 1;
    std::size_t name_end = 0;
    while (name_end < l.size() && std::isalpha(static_cast<unsigned char>(l[name_end]))) ++name_end;
    if (name_end == 0 || (name_end < l.size() && !std::isspace(static_cast<unsigned char>(l[name_end])))) {
      d.error = ReadError{number, col, "expected a Dockerfile instruction"};
      break;
    }
    std::string name(l.substr(0, name_end));
    for (auto& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::string args(trim(l.substr(name_end)));
    // Join continuation lines; comment lines inside a continuation are skipped, as Docker does.
    while (!args.empty() && args.back() == '\\' && i + 1 < lines.size()) {
      args.pop_back();
      ++i;
      const auto next = trim(lines[i].text);
      if (!next.empty() && next.front() == '#') {
        args += '\\';
        continue;
      }
      args = std::string(trim(args)) + " " + std::string(next);
    }
    if (const auto delim = heredoc_delimiter(args); !delim.empty()) {
      while (i + 1 < lines.size() && trim(lines[i + 1].text) != delim) ++i;
      if (i + 1 < lines.size()) ++i;
    }
    DocNode value = DocNode::make_scalar(args, number, col);
    if (!args.empty() && args.front() == '[') {
      const auto j = nlohmann::json::parse(args, nullptr, false);
      if (j.is_array()) {
        value = DocNode::make_list(number, col);
        for (const auto& item : j)
          if (item.is_string())
            value.items.emplace_back("", DocNode::make_scalar(item.get<std::string>(), number, col));
      }
    }
    root.items.emplace_back(std::move(name), std::move(value));
  }
  d.roots.push_back(std::move(root));
  return d;
}

}  // namespace lambdafit::descriptors
