// What kind of text a workload file holds, from its name, extension or shebang line, and
// which comment syntax goes with it. The table is data: rules/file-types.yaml, compiled into
// the library (see file_types_builtin.cpp.in) and read once per process on first use.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/diagnostics.hpp"

namespace re2 {
class RE2;
}
namespace YAML {
class Node;
}
namespace cereal {
class BinaryOutputArchive;
class BinaryInputArchive;
}  // namespace cereal

namespace lambdafit {

class YamlFile;

/// How comments are written in a file type; decides what the text kind blanks out.
enum class CommentStyle {
  none,       ///< JSON, plain data: nothing is a comment
  hash,       ///< shell, Ruby, YAML, Dockerfile, crontab, conf files: `#` to end of line
  python,     ///< `#` plus docstrings (see comments.hpp)
  c_family,   ///< C, C++, Java, JS/TS, Go, Rust, C#: `//` and `/* */`
  hcl,        ///< Terraform/Packer HCL: `#`, `//` and `/* */`
  ini,        ///< systemd units, sysctl.conf: `#` or `;` at the start of a line
  crontab,    ///< `#` comments, and each entry's schedule and VAR= lines blanked too, so
              ///< the command stands at the start of its line as in a shell script
};

struct FileType {
  std::string name;  ///< "python", "shell", "dockerfile", … (see file_type_names())
  CommentStyle comments = CommentStyle::none;
  // Which runtime a type's code runs on is rule-pack data (rules/runtimes.yaml).
};

/// The file types of rules/file-types.yaml: `file_types` (id, comments, extensions,
/// interpreters) and the ordered well-known-name rules of `file_names`.
class FileTypeTable {
 public:
  FileType named(std::string_view name) const;
  FileType from_path(std::string_view rel_path) const;
  /// By the program a `#!` line runs (version suffix already dropped).
  FileType from_interpreter(std::string_view program) const;
  const std::vector<std::string>& names() const { return names_; }
  bool empty() const { return names_.empty(); }
  /// Empty when both tables type every file alike; else what differs first.
  std::string difference(const FileTypeTable& other) const;
  /// The table in a compiled rule pack (rulepack/compiled.hpp), and back; restore throws
  /// (cereal::Exception) on bytes it cannot read.
  void save(cereal::BinaryOutputArchive& a) const;
  static FileTypeTable restore(cereal::BinaryInputArchive& a);

 private:
  friend class FileTypeReader;
  struct NameRule {
    std::string type;  ///< empty: `none`, untyped by name
    std::vector<std::string> dirs, names, patterns;
    std::vector<std::shared_ptr<const re2::RE2>> compiled;
  };
  FileType make(const std::string& name) const;

  std::vector<std::string> names_;  ///< in declaration order
  std::unordered_map<std::string, CommentStyle> comments_;
  std::unordered_map<std::string, std::string> extensions_;    ///< ".py" -> python
  std::unordered_map<std::string, std::string> interpreters_;  ///< "python" -> python
  std::vector<NameRule> rules_;
};

/// Reads `file_types:` and `file_names:` from rule files into one table. Errors name the
/// YAML node (file:line:col): unknown keys, unknown comment styles, an extension or
/// interpreter claimed twice, a name rule naming an undeclared type, a bad pattern.
class FileTypeReader {
 public:
  explicit FileTypeReader(Diagnostics& d) : d_(d) {}
  void read(const YamlFile& f);
  /// Whether any file read declared file types or name rules.
  bool declared() const { return declared_.has_value(); }
  /// Where the first declaration was (for errors about the whole table).
  const SourceLocation& declared_at() const { return *declared_; }
  /// Checks the name rules' types and returns the table.
  FileTypeTable finish();

 private:
  struct PendingType {
    SourceLocation at;
    std::string source_line;
    std::string type;
  };
  std::vector<YAML::Node> load_items(const YamlFile& f, const char* key);

  Diagnostics& d_;
  FileTypeTable t_;
  std::optional<SourceLocation> declared_;
  std::unordered_map<std::string, SourceLocation> where_;  // "type python", "ext .py", …
  std::vector<PendingType> rule_types_;
};

/// The table compiled in from rules/file-types.yaml, read on first use.
const FileTypeTable& builtin_file_types();
/// The same, read from `same_text` (a parsed file whose text is builtin_file_types_text()) if
/// this is the first use: the loader hands in the pack's copy so start-up parses it once.
const FileTypeTable& builtin_file_types(const YamlFile& same_text);
/// The text it was read from (tests check that it loads without errors).
std::string_view builtin_file_types_text();
/// Makes `table` (a compiled rule pack's copy of the built-in table, read from bytes this
/// build wrote) the built-in table, if nothing in this process has used that table yet, so
/// the compiled-in YAML is not parsed; otherwise does nothing.
void adopt_builtin_file_types(FileTypeTable table);

/// Classifies a file by its workload-relative path alone (extension or well-known name);
/// returns an empty name when the path does not tell.
FileType file_type_from_path(std::string_view rel_path);

/// Classifies a file by its first line (a `#!` interpreter line); empty name when none.
FileType file_type_from_shebang(std::string_view first_line);

/// The file type with this name (for rule files naming types).
FileType file_type_named(std::string_view name);

/// Every type name rule files may use in `file_types`.
const std::vector<std::string>& file_type_names();

}  // namespace lambdafit
