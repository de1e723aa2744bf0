// Deployment descriptors (templates, manifests, unit files, Dockerfiles, …) read into one
// small tree shape, so rule files can name a path into any of them the same way.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lambdafit::descriptors {

/// A node of a read descriptor. Map entries keep the position of their key, list items and
/// scalars the position of their value; duplicate keys are kept (systemd repeats ExecStart).
struct DocNode {
  enum class Type { null, scalar, map, list };
  Type type = Type::null;
  std::string scalar;
  std::vector<std::pair<std::string, DocNode>> items;  ///< map: key -> node; list: "" -> node
  int line = 0;    ///< 1-based
  int column = 0;  ///< 1-based
  /// A YAML local tag on the node (CloudFormation's "!Ref", "!Sub", "!If"); empty otherwise.
  std::string tag;

  // Defined out of line: the node is not complete inside its own body, and Clang with
  // libstdc++ rejects instantiating std::pair<std::string, DocNode> there.
  DocNode();
  ~DocNode();
  DocNode(const DocNode&);
  DocNode(DocNode&&) noexcept;
  DocNode& operator=(const DocNode&);
  DocNode& operator=(DocNode&&) noexcept;

  bool is_map() const { return type == Type::map; }
  bool is_list() const { return type == Type::list; }
  /// The first child under `key` (maps only), or null.
  const DocNode* child(std::string_view key) const;
  /// Scalar text; a list of scalars joined with spaces (an exec-form command line).
  std::string text() const;

  static DocNode make_scalar(std::string s, int line, int column);
  static DocNode make_map(int line, int column);
  static DocNode make_list(int line, int column);
};

/// Where a descriptor stopped making sense.
struct ReadError {
  int line = 0;
  int column = 0;
  std::string message;
};

/// The documents of one file (Kubernetes files hold several), or why it could not be read.
struct Document {
  std::vector<DocNode> roots;
  std::optional<ReadError> error;
};

/// The document types rule files can name in `document:`.
const std::vector<std::string>& document_types();

/// Reads `text` as `type` (one of document_types()).
Document read_document(std::string_view type, std::string_view text);

Document read_yaml(std::string_view text);
Document read_json(std::string_view text);
Document read_ini(std::string_view text);
Document read_procfile(std::string_view text);
Document read_dockerfile(std::string_view text);
Document read_hcl(std::string_view text);
Document read_toml(std::string_view text);
/// Automake's Makefile.am: variable name -> the list of its words, references expanded
/// (automake.cpp says how).
Document read_automake(std::string_view text);

/// 1-based line and column of byte `offset` in `text`.
std::pair<int, int> position_of(std::string_view text, std::size_t offset);

}  // namespace lambdafit::descriptors
