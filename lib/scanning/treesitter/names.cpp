#include "scanning/treesitter/names.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace lambdafit::ts {

namespace {

bool is(TSNode n, const char* type) { return std::strcmp(ts_node_type(n), type) == 0; }

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string strip_space(std::string_view s) {
  std::string out;
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  return out;
}

std::string module_name(std::string m) {
  if (starts_with(m, "node:")) m.erase(0, 5);
  return m;
}

// `require("m")` or `require('m')` at the start of an expression, as m; else empty.
std::string required_module(std::string_view text, std::size_t* consumed = nullptr) {
  const std::string s = strip_space(text);
  if (!starts_with(s, "require(") || s.size() < 11) return {};
  const char q = s[8];
  if (q != '"' && q != '\'' && q != '`') return {};
  const auto close = s.find(q, 9);
  if (close == std::string::npos || close + 1 >= s.size() || s[close + 1] != ')') return {};
  if (consumed) *consumed = close + 2;
  return module_name(s.substr(9, close - 9));
}

void python_imports(TSNode n, std::string_view src, ImportTable& t) {
  if (is(n, "import_statement")) {
    for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
      TSNode c = ts_node_named_child(n, i);
      if (is(c, "dotted_name")) {
        const std::string full = strip_space(node_text(c, src));
        const std::string first = full.substr(0, full.find('.'));
        t.names[first] = first;  // `import os.path` binds os
      } else if (is(c, "aliased_import")) {
        TSNode name = ts_node_child_by_field_name(c, "name", 4);
        TSNode alias = ts_node_child_by_field_name(c, "alias", 5);
        if (!ts_node_is_null(name) && !ts_node_is_null(alias))
          t.names[std::string(node_text(alias, src))] = strip_space(node_text(name, src));
      }
    }
  } else if (is(n, "import_from_statement")) {
    std::string module;
    bool first = true;
    for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
      TSNode c = ts_node_named_child(n, i);
      if (first) {
        first = false;
        module = strip_space(node_text(c, src));  // a relative module keeps its dots
        continue;
      }
      if (is(c, "wildcard_import")) {
        t.wildcards.push_back(module);
      } else if (is(c, "dotted_name")) {
        const std::string name = strip_space(node_text(c, src));
        t.names[name] = module + "." + name;
      } else if (is(c, "aliased_import")) {
        TSNode name = ts_node_child_by_field_name(c, "name", 4);
        TSNode alias = ts_node_child_by_field_name(c, "alias", 5);
        if (!ts_node_is_null(name) && !ts_node_is_null(alias))
          t.names[std::string(node_text(alias, src))] =
              module + "." + strip_space(node_text(name, src));
      }
    }
  }
}

std::string js_string(TSNode n, std::string_view src) {
  std::string v;
  if (!literal_value(n, src, v)) return {};
  return module_name(v);
}

// Binds the names of `pattern` (an identifier or a destructuring object) to `module`.
void js_bind(TSNode pattern, const std::string& module, std::string_view src, ImportTable& t) {
  if (is(pattern, "identifier")) {
    t.names[std::string(node_text(pattern, src))] = module;
    return;
  }
  if (!is(pattern, "object_pattern")) return;
  for (uint32_t i = 0; i < ts_node_named_child_count(pattern); ++i) {
    TSNode c = ts_node_named_child(pattern, i);
    if (is(c, "shorthand_property_identifier_pattern")) {
      const std::string name(node_text(c, src));
      t.names[name] = module + "." + name;
    } else if (is(c, "pair_pattern")) {
      TSNode key = ts_node_child_by_field_name(c, "key", 3);
      TSNode value = ts_node_child_by_field_name(c, "value", 5);
      if (!ts_node_is_null(key) && !ts_node_is_null(value) && is(value, "identifier"))
        t.names[std::string(node_text(value, src))] = module + "." + std::string(node_text(key, src));
    } else if (is(c, "object_assignment_pattern")) {  // { execSync = fallback }
      TSNode left = ts_node_child_by_field_name(c, "left", 4);
      if (!ts_node_is_null(left) && is(left, "shorthand_property_identifier_pattern")) {
        const std::string name(node_text(left, src));
        t.names[name] = module + "." + name;
      }
    }
  }
}

void js_imports(TSNode n, std::string_view src, ImportTable& t) {
  if (is(n, "variable_declarator")) {
    TSNode name = ts_node_child_by_field_name(n, "name", 4);
    TSNode value = ts_node_child_by_field_name(n, "value", 5);
    if (ts_node_is_null(name) || ts_node_is_null(value)) return;
    std::size_t used = 0;
    const std::string text = strip_space(node_text(value, src));
    std::string module = required_module(text, &used);
    if (module.empty()) return;
    module += text.substr(used);  // require("fs").promises -> fs.promises
    js_bind(name, module, src, t);
  } else if (is(n, "import_statement")) {
    TSNode source = ts_node_child_by_field_name(n, "source", 6);
    std::string module;
    if (!ts_node_is_null(source)) module = js_string(source, src);
    for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
      TSNode c = ts_node_named_child(n, i);
      if (is(c, "import_require_clause")) {  // TypeScript: import cp = require("child_process")
        TSNode id = ts_node_named_child(c, 0);
        TSNode s = ts_node_child_by_field_name(c, "source", 6);
        if (!ts_node_is_null(id) && !ts_node_is_null(s))
          t.names[std::string(node_text(id, src))] = js_string(s, src);
      }
      if (!is(c, "import_clause") || module.empty()) continue;
      for (uint32_t j = 0; j < ts_node_named_child_count(c); ++j) {
        TSNode k = ts_node_named_child(c, j);
        if (is(k, "identifier")) {  // default import
          t.names[std::string(node_text(k, src))] = module;
        } else if (is(k, "namespace_import")) {
          for (uint32_t m = 0; m < ts_node_named_child_count(k); ++m)
            if (is(ts_node_named_child(k, m), "identifier"))
              t.names[std::string(node_text(ts_node_named_child(k, m), src))] = module;
        } else if (is(k, "named_imports")) {
          for (uint32_t m = 0; m < ts_node_named_child_count(k); ++m) {
            TSNode spec = ts_node_named_child(k, m);
            if (!is(spec, "import_specifier")) continue;
            TSNode name = ts_node_child_by_field_name(spec, "name", 4);
            TSNode alias = ts_node_child_by_field_name(spec, "alias", 5);
            if (ts_node_is_null(name)) continue;
            std::string imported(node_text(name, src));
            if (is(name, "string")) imported = js_string(name, src);
            const std::string local = ts_node_is_null(alias) ? imported : std::string(node_text(alias, src));
            t.names[local] = module + "." + imported;
          }
        }
      }
    }
  }
}

void java_imports(TSNode n, std::string_view src, ImportTable& t) {
  if (!is(n, "import_declaration")) return;
  std::string s = strip_space(node_text(n, src));
  if (starts_with(s, "import")) s.erase(0, 6);
  if (starts_with(s, "static")) s.erase(0, 6);
  while (!s.empty() && s.back() == ';') s.pop_back();
  if (s.size() > 2 && s.substr(s.size() - 2) == ".*") {
    t.wildcards.push_back(s.substr(0, s.size() - 2));
    return;
  }
  const auto dot = s.rfind('.');
  if (dot != std::string::npos) t.names[s.substr(dot + 1)] = s;
}

// Stops at the nodes that cannot hold imports, so the walk stays cheap on big files.
void walk(Grammar g, TSNode root, std::string_view src, ImportTable& t) {
  TSTreeCursor cur = ts_tree_cursor_new(root);
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&cur);
    switch (g) {
      case Grammar::python: python_imports(n, src, t); break;
      case Grammar::javascript:
      case Grammar::typescript:
      case Grammar::tsx: js_imports(n, src, t); break;
      case Grammar::java: java_imports(n, src, t); break;
      case Grammar::bash: break;
    }
    const bool leaf = is(n, "import_statement") || is(n, "import_from_statement") ||
                      is(n, "import_declaration") || is(n, "string") || is(n, "comment");
    if (!leaf && ts_tree_cursor_goto_first_child(&cur)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&cur)) {
      if (!ts_tree_cursor_goto_parent(&cur)) {
        ts_tree_cursor_delete(&cur);
        return;
      }
    }
  }
}

// Splits a command line as a shell would, roughly: words, quotes removed, up to the end of
// the first simple command.
std::vector<std::string> split_command_line(std::string_view s) {
  std::vector<std::string> words;
  std::string w;
  bool in_word = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\'' || c == '"') {
      const auto close = s.find(c, i + 1);
      const auto end = close == std::string_view::npos ? s.size() : close;
      w.append(s.substr(i + 1, end - i - 1));
      in_word = true;
      i = end;
    } else if (c == ';' || c == '&' || c == '|' || c == '\n' || c == '<' || c == '>') {
      break;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      if (in_word) words.push_back(std::move(w));
      w.clear();
      in_word = false;
    } else {
      w += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(std::move(w));
  return words;
}

std::string basename(std::string_view w) {
  const auto s = w.rfind('/');
  return std::string(s == std::string_view::npos ? w : w.substr(s + 1));
}

// Drops wrappers in front of the real command and opens `sh -c '…'`.
void look_through(std::vector<std::string>& argv) {
  for (int guard = 0; guard < 8 && !argv.empty(); ++guard) {
    std::size_t i = 0;
    while (i < argv.size() && argv[i].find('=') != std::string::npos && argv[i][0] != '-' &&
           argv[i] != "?")
      ++i;  // VAR=value prefixes
    if (i >= argv.size()) {
      argv.clear();
      return;
    }
    const std::string cmd = basename(argv[i]);
    if (cmd == "sudo" || cmd == "doas" || cmd == "env" || cmd == "nice" || cmd == "nohup" ||
        cmd == "exec" || cmd == "command" || cmd == "timeout" || cmd == "stdbuf" || cmd == "ionice") {
      ++i;
      while (i < argv.size() && (argv[i].starts_with("-") || argv[i].find('=') != std::string::npos)) {
        const std::string opt = argv[i++];
        const bool takes_value = (cmd == "sudo" && (opt == "-u" || opt == "-g" || opt == "-C" ||
                                                    opt == "-p" || opt == "-h")) ||
                                 (cmd == "nice" && opt == "-n") || (cmd == "ionice" && (opt == "-c" || opt == "-n"));
        if (takes_value && i < argv.size()) ++i;
      }
      if (cmd == "timeout" && i < argv.size()) ++i;  // the duration
      argv.erase(argv.begin(), argv.begin() + static_cast<long>(i));
      continue;
    }
    argv.erase(argv.begin(), argv.begin() + static_cast<long>(i));
    if ((cmd == "sh" || cmd == "bash" || cmd == "dash" || cmd == "zsh") && argv.size() >= 3 &&
        argv[1] == "-c" && argv[2] != "?") {
      argv = split_command_line(argv[2]);
      continue;
    }
    return;
  }
}

bool is_list(TSNode n) {
  return is(n, "list") || is(n, "tuple") || is(n, "array") || is(n, "array_initializer");
}

// A word's value; a shell word with expansions keeps its text ("deploy@$host:/x"), since
// its shape still tells something; other languages' non-literals are "?".
std::string word_of(TSNode n, std::string_view src, Grammar g = Grammar::python) {
  std::string v;
  if (literal_value(n, src, v)) return v;
  if (g != Grammar::bash) return "?";
  std::string t(node_text(n, src));
  if (t.size() >= 2 && t.front() == '"' && t.back() == '"') t = t.substr(1, t.size() - 2);
  return t;
}

void list_words(TSNode list, std::string_view src, std::vector<std::string>& out) {
  for (uint32_t i = 0; i < ts_node_named_child_count(list); ++i) {
    TSNode c = ts_node_named_child(list, i);
    if (!is(c, "comment")) out.push_back(word_of(c, src));
  }
}

std::vector<TSNode> named_args(TSNode args) {
  std::vector<TSNode> v;
  for (uint32_t i = 0; i < ts_node_named_child_count(args); ++i) {
    TSNode c = ts_node_named_child(args, i);
    if (!is(c, "comment")) v.push_back(c);
  }
  return v;
}

void argv_of(Grammar g, TSNode n, std::string_view src, std::vector<std::string>& out, int depth) {
  if (depth > 4 || ts_node_is_null(n)) return;
  if (g == Grammar::bash && is(n, "command")) {
    for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
      TSNode c = ts_node_named_child(n, i);
      if (is(c, "variable_assignment") || is(c, "file_redirect") || is(c, "herestring_redirect") ||
          is(c, "comment"))
        continue;
      if (is(c, "command_name")) {
        c = ts_node_named_child(c, 0);
        out.push_back(word_of(c, src));  // a command name with expansions is not known
      } else {
        out.push_back(word_of(c, src, g));
      }
    }
    return;
  }
  if (is_list(n)) return list_words(n, src, out);
  if (is(n, "array_creation_expression")) {
    return argv_of(g, ts_node_child_by_field_name(n, "value", 5), src, out, depth + 1);
  }
  std::string v;
  if (literal_value(n, src, v)) {
    for (auto& w : split_command_line(v)) out.push_back(std::move(w));
    return;
  }
  if (is(n, "call") || is(n, "call_expression") || is(n, "method_invocation") ||
      is(n, "object_creation_expression") || is(n, "new_expression")) {
    TSNode args = ts_node_child_by_field_name(n, "arguments", 9);
    if (is(n, "method_invocation")) {  // List.of("a", "b") / Arrays.asList(…): every word
      TSNode name = ts_node_child_by_field_name(n, "name", 4);
      const auto nm = ts_node_is_null(name) ? std::string_view{} : node_text(name, src);
      if ((nm == "of" || nm == "asList") && !ts_node_is_null(args)) {
        for (TSNode a : named_args(args)) out.push_back(word_of(a, src));
        return;
      }
    }
    return argv_of(g, args, src, out, depth + 1);
  }
  if (is(n, "argument_list") || is(n, "arguments")) {
    const auto args = named_args(n);
    if (args.empty()) return;
    TSNode first = args[0];
    if (literal_value(first, src, v)) {
      // Several string arguments (ProcessBuilder("ls", "-l")) or a command then an array
      // (execFile("ls", ["-l"])) are separate words; one string is a command line.
      const bool more_literals = args.size() > 1 && std::all_of(args.begin() + 1, args.end(), [&](TSNode a) {
        std::string ignored;
        return literal_value(a, src, ignored);
      });
      if (more_literals && g == Grammar::java) {
        for (TSNode a : args) out.push_back(word_of(a, src));
      } else if (args.size() > 1 && is_list(args[1])) {
        out.push_back(v);
        list_words(args[1], src, out);
      } else {
        for (auto& w : split_command_line(v)) out.push_back(std::move(w));
      }
      return;
    }
    return argv_of(g, first, src, out, depth + 1);
  }
}

// The callee of a call-like node, or a null node.
TSNode callee_of(TSNode v) {
  if (is(v, "await_expression") && ts_node_named_child_count(v) > 0) v = ts_node_named_child(v, 0);
  if (is(v, "call") || is(v, "call_expression")) return ts_node_child_by_field_name(v, "function", 8);
  if (is(v, "new_expression")) return ts_node_child_by_field_name(v, "constructor", 11);
  if (is(v, "object_creation_expression")) return ts_node_child_by_field_name(v, "type", 4);
  if (is(v, "method_invocation")) {  // Foo.create(…) -> "Foo.create"
    TSNode name = ts_node_child_by_field_name(v, "name", 4);
    return name;
  }
  return TSNode{};
}

void assignment_of(Grammar g, TSNode n, std::string_view src, Assignments& out) {
  TSNode target{}, value{};
  if (g == Grammar::python && is(n, "assignment")) {
    target = ts_node_child_by_field_name(n, "left", 4);
    value = ts_node_child_by_field_name(n, "right", 5);
  } else if (g == Grammar::python && is(n, "as_pattern")) {  // with socket.socket() as s
    value = ts_node_named_child(n, 0);
    TSNode alias = ts_node_child_by_field_name(n, "alias", 5);
    if (!ts_node_is_null(alias) && ts_node_named_child_count(alias) > 0) target = ts_node_named_child(alias, 0);
  } else if (is(n, "variable_declarator")) {
    target = ts_node_child_by_field_name(n, "name", 4);
    value = ts_node_child_by_field_name(n, "value", 5);
  } else if (is(n, "assignment_expression")) {
    target = ts_node_child_by_field_name(n, "left", 4);
    value = ts_node_child_by_field_name(n, "right", 5);
  }
  if (ts_node_is_null(target) || ts_node_is_null(value) || !is(target, "identifier")) return;
  TSNode callee = callee_of(value);
  if (ts_node_is_null(callee)) return;
  std::string text = strip_space(node_text(callee, src));
  if (is(value, "method_invocation")) {
    TSNode object = ts_node_child_by_field_name(value, "object", 6);
    if (!ts_node_is_null(object)) text = strip_space(node_text(object, src)) + "." + text;
  }
  out.emplace(std::string(node_text(target, src)), std::move(text));
}

}  // namespace

Assignments read_assignments(Grammar g, TSNode root, std::string_view src) {
  Assignments out;
  if (g == Grammar::bash) return out;
  TSTreeCursor cur = ts_tree_cursor_new(root);
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&cur);
    assignment_of(g, n, src, out);
    const bool leaf = is(n, "string") || is(n, "comment") || is(n, "string_literal");
    if (!leaf && ts_tree_cursor_goto_first_child(&cur)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&cur)) {
      if (!ts_tree_cursor_goto_parent(&cur)) {
        ts_tree_cursor_delete(&cur);
        return out;
      }
    }
  }
}

std::string_view node_text(TSNode n, std::string_view source) {
  const uint32_t b = ts_node_start_byte(n), e = ts_node_end_byte(n);
  if (b > e || e > source.size()) return {};
  return source.substr(b, e - b);
}

bool literal_value(TSNode n, std::string_view src, std::string& out) {
  const std::string_view t = node_text(n, src);
  if (is(n, "word") || is(n, "number")) {  // bash
    out.clear();
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t[i] == '\\' && i + 1 < t.size()) ++i;
      out += t[i];
    }
    return true;
  }
  if (is(n, "concatenation") || is(n, "concatenated_string")) {
    out.clear();
    for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
      std::string part;
      if (!literal_value(ts_node_named_child(n, i), src, part)) return false;
      out += part;
    }
    return true;
  }
  if (!(is(n, "string") || is(n, "raw_string") || is(n, "string_literal") || is(n, "template_string")))
    return false;
  for (uint32_t i = 0; i < ts_node_named_child_count(n); ++i) {
    TSNode c = ts_node_named_child(n, i);  // "$X", f"{x}", `${x}`: not known until run time
    if (is(c, "simple_expansion") || is(c, "expansion") || is(c, "command_substitution") ||
        is(c, "interpolation") || is(c, "template_substitution") || is(c, "arithmetic_expansion"))
      return false;
  }
  std::size_t b = 0;
  while (b < t.size() && std::isalpha(static_cast<unsigned char>(t[b]))) ++b;  // r"", f"", b""
  if (b >= t.size()) return false;
  const char q = t[b];
  if (q != '"' && q != '\'' && q != '`') {
    if (is(n, "string")) {  // a bash string can be bare ($"…" aside): keep the text
      out = std::string(t);
      return true;
    }
    return false;
  }
  std::size_t ql = 1;
  if (t.size() >= b + 6 && t[b + 1] == q && t[b + 2] == q) ql = 3;
  if (t.size() < b + 2 * ql) return false;
  out = std::string(t.substr(b + ql, t.size() - b - 2 * ql));
  return true;
}

ImportTable read_imports(Grammar g, TSNode root, std::string_view source) {
  ImportTable t;
  if (g != Grammar::bash) walk(g, root, source, t);
  return t;
}

std::vector<std::string> canonical_names(Grammar g, const ImportTable& t, std::string_view text) {
  std::string s = strip_space(text);
  std::vector<std::string> out;
  std::size_t used = 0;
  const std::string required = required_module(s, &used);
  if (!required.empty()) {
    out.push_back(required + s.substr(used));
    return out;
  }
  const auto dot = s.find('.');
  const std::string first = s.substr(0, dot);
  const std::string rest = dot == std::string::npos ? "" : s.substr(dot);
  if (auto it = t.names.find(first); it != t.names.end()) {
    out.push_back(it->second + rest);
    return out;
  }
  out.push_back(s);
  for (const auto& w : t.wildcards) out.push_back(w + "." + s);
  if (g == Grammar::java && !s.empty() && std::isupper(static_cast<unsigned char>(s[0])))
    out.push_back("java.lang." + s);
  return out;
}

bool name_matches(std::string_view name, std::string_view pattern) {
  // `*` stands for any run of characters (dots included); a trailing `.*` needs a member.
  if (pattern.find('*') == std::string_view::npos) return name == pattern;
  std::size_t n = 0, p = 0, star = std::string_view::npos, mark = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = n;
    } else if (p < pattern.size() && pattern[p] == name[n]) {
      ++p;
      ++n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size() && !(pattern.ends_with(".*") && name.ends_with("."));
}

std::vector<std::string> command_argv(Grammar g, TSNode n, std::string_view source) {
  std::vector<std::string> argv;
  argv_of(g, n, source, argv, 0);
  look_through(argv);
  return argv;
}

std::string command_name(const std::vector<std::string>& argv) {
  return argv.empty() ? std::string() : basename(argv[0]);
}

bool has_flag(const std::vector<std::string>& argv, std::string_view flag) {
  const bool short_flag = flag.size() == 2 && flag[0] == '-' && flag[1] != '-';
  for (std::size_t i = 1; i < argv.size(); ++i) {
    const std::string& w = argv[i];
    if (w == flag) return true;
    if (flag.size() > 2 && starts_with(w, flag) && w.size() > flag.size() && w[flag.size()] == '=')
      return true;
    if (short_flag && w.size() > 2 && w[0] == '-' && w[1] != '-' &&
        std::all_of(w.begin() + 1, w.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }) &&
        w.find(flag[1], 1) != std::string::npos)
      return true;
  }
  return false;
}

}  // namespace lambdafit::ts
