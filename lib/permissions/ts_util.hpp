// Small tree-sitter helpers shared by the SDK call readers.
#pragma once

#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <tree_sitter/api.h>

#include "scanning/treesitter/names.hpp"

namespace lambdafit::permissions::tsu {

inline bool is(TSNode n, const char* type) {
  return !ts_node_is_null(n) && std::strcmp(ts_node_type(n), type) == 0;
}
inline TSNode field(TSNode n, const char* name) {
  return ts_node_child_by_field_name(n, name, static_cast<uint32_t>(std::strlen(name)));
}
inline std::string text(TSNode n, std::string_view src) {
  return ts_node_is_null(n) ? std::string() : std::string(ts::node_text(n, src));
}
inline int line_of(TSNode n) { return static_cast<int>(ts_node_start_point(n).row) + 1; }
inline int column_of(TSNode n) { return static_cast<int>(ts_node_start_point(n).column) + 1; }

/// Visits every named node in document order, with an explicit stack (no recursion depth
/// limit to hit on deep trees).
inline void walk(TSNode root, const std::function<void(TSNode)>& f) {
  TSTreeCursor c = ts_tree_cursor_new(root);
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&c);
    if (ts_node_is_named(n)) f(n);
    if (ts_tree_cursor_goto_first_child(&c)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&c)) {
      if (!ts_tree_cursor_goto_parent(&c)) {
        ts_tree_cursor_delete(&c);
        return;
      }
    }
  }
}

/// The string value of a literal node (quotes removed), or empty with false.
inline bool literal(TSNode n, std::string_view src, std::string& out) {
  if (ts_node_is_null(n)) return false;
  return ts::literal_value(n, src, out);
}

/// Whether `src` spells any of `words` anywhere. A reader's clients all start at a name the
/// SDK's modules spell (a factory called through `boto3`, a type under
/// `software.amazon.awssdk`), so a file that spells none of them holds no call the reader can
/// see, and its walks can be skipped: most files of a large tree never touch the SDK.
inline bool spells_any(std::string_view src, const std::vector<std::string>& words) {
  for (const auto& w : words)
    if (!w.empty() && src.find(w) != std::string_view::npos) return true;
  return false;
}

}  // namespace lambdafit::permissions::tsu
