// Internal to the Terraform grant reader (terraform.cpp): one instance of one folder of .tf
// files, a Terraform module, with the references of its expressions resolved in it and through
// the local modules it calls (terraform_module.cpp).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "permissions/functions.hpp"
#include "permissions/hcl_expr.hpp"

namespace lambdafit::permissions::tf {

using descriptors::DocNode;

struct TfFile {
  std::string rel, text;
  std::unique_ptr<LineIndex> lines;
  DocNode root;
};

/// How deep policy documents and module calls are followed.
constexpr int kMaxDepth = 8;

/// What a value refers to: `aws_iam_role.r.arn` or "${aws_iam_role.r.arn}"; empty otherwise.
std::string ref_of(const DocNode& v);

/// A reference with nothing computed in it (`aws_s3_bucket.b.arn`, not a call, conditional,
/// index or literal).
bool plain_reference(const std::string& r);

std::vector<std::string> split(const std::string& s, char sep);

std::vector<const DocNode*> items(const DocNode& n);

class Module;

/// What every module instance shares: the workload's .tf files by folder, and where notes go.
struct Workspace {
  const std::string& root;
  const std::map<std::string, std::vector<const TfFile*>>& by_dir;
  const Data& data;
  const std::vector<std::string>& all_files;
  std::vector<CallNote>& notes;
  std::vector<std::unique_ptr<Module>> instances;  ///< every instance, to find attachments in
};

/// An input variable of a module instance: the call's argument, read in the caller's scope.
struct Bound {
  DocNode value;
  const TfFile* file = nullptr;
  const Module* scope = nullptr;
  std::string unknown;  ///< why it is not known ("" when it is)
};

/// An expression after following `var.x` to the call's argument and `module.m.o` to the
/// module's output, with the module instance and file it was written in.
struct Resolved {
  DocNode node;
  const TfFile* file;
  const Module* scope;
};

/// One instance of one folder of .tf files (a Terraform module): the root folder itself, or a
/// folder a `module` block of another instance calls with `source = "./…"`. References
/// resolve among its files; `var.` and `module.` references through its call.
class Module {
 public:
  Module(Workspace& ws, std::string dir, const Module* parent = nullptr, std::string prefix = {})
      : ws_(ws), dir_(std::move(dir)), d_(ws.data), parent_(parent), prefix_(std::move(prefix)) {
    if (auto it = ws.by_dir.find(dir_); it != ws.by_dir.end()) files_ = it->second;
  }

  void functions(std::vector<FunctionSpec>& out);

  /// Makes the instances of the local modules this one calls, and theirs.
  void instantiate() const;

  /// The folders this instance's `module` blocks call (local sources inside the workload).
  std::vector<std::string> called_dirs() const;

 private:
  struct Block {
    const TfFile* file;
    std::string name;
    const DocNode* body;
  };

  /// Blocks with one label: `module "api" {…}`, `output "arn" {…}`, `variable "x" {…}`.
  std::vector<Block> labelled(const char* kind) const;

  /// The workload-relative folder a local `source` names ("" for the workload's root, as
  /// `../../` from examples/x names it); nullopt for a remote source or one outside the workload.
  std::optional<std::string> local_dir(const std::string& source) const;

  void note(const TfFile& f, const DocNode& at, std::string message) const;

  /// The instance a `module "name"` block of this one calls, made on first use; null (with a
  /// note) for a remote source, one outside the workload or through a link, a cycle.
  const Module* child(const std::string& name) const;

  /// A literal, a reference, or a list or object of them.
  static bool simple(const DocNode& v, int depth = 0);

  /// Follows `var.x` to the call's argument (or the variable's default), `local.x` to the
  /// value a `locals` block gives it, `var.x.y` and `local.x.y` to an attribute of the object
  /// they hold, and `module.m.o` to the module's output, in a bounded number of steps.
  Resolved resolve(DocNode node, const TfFile* file) const;
  Resolved resolve(DocNode node, const TfFile* file, int depth, int& budget) const;

  /// The file and raw value of `name` in a `locals` block of this instance.
  std::optional<std::pair<const TfFile*, const DocNode*>> local_value(const std::string& name) const;

  /// How a reference of this instance is written for comparison with other instances'.
  std::string address(const std::string& ref) const;

  /// A string with its `${…}` references written for comparison: `var.x` and `module.m.o`
  /// replaced by what they resolve to, references of a called module's own resources named
  /// with the module's address (module.m.aws_s3_bucket.b).
  std::string substitute(const std::string& text) const;

  std::vector<Block> blocks(const char* kind, const char* type) const;

  std::optional<Block> block(const char* kind, const std::string& type, const std::string& name) const;

  DocNode expr(const TfFile& f, const DocNode& attr) const;

  /// An attribute's value with every part read as an expression: the reader keeps an object
  /// value (`settings = { table = local.t }`) as a map of attributes whose text is still raw.
  DocNode value(const TfFile& f, const DocNode& attr, int depth = 0) const;

  /// A literal string value (no interpolation), as the descriptor reader gives it.
  std::optional<std::string> literal(const TfFile& f, const DocNode& attr) const;

  void environment(const TfFile& f, const DocNode& body, FunctionSpec& s) const;

  /// The code folder: an archive_file the function's filename names, else the one folder of
  /// the workload holding the handler's file.
  void code_folder(const TfFile& f, const DocNode& body, const std::vector<std::string>& all, FunctionSpec& s) const;

  void note_folder(const TfFile& f, const DocNode& body, FunctionSpec& s, const std::string& why) const;

  /// aws_lambda_event_source_mapping blocks naming the function: the queue or stream kind.
  void event_sources(const TfFile& f, const std::string& fn, const DocNode& body, FunctionSpec& s) const;

  void managed(const std::string& arn, const TfFile& f, const DocNode& at, FunctionSpec& s) const;

  /// Grants of a JSON policy (jsonencode or heredoc); false when it cannot be read.
  bool json_policy(const TfFile& f, const DocNode& doc, const std::string& source, FunctionSpec& s) const;

  std::string resource_text(const TfFile& f, const DocNode& x) const;

  /// Grants of an aws_iam_policy_document data block.
  bool document(const std::string& name, const std::string& source, FunctionSpec& s, int depth) const;

  /// The grants of a `policy = …` attribute.
  bool policy_value(const TfFile& f, const DocNode& attr, const std::string& source, FunctionSpec& s, int depth) const;

  /// The grants of a `policy_arn` (or a managed_policy_arns item).
  bool policy_arn(const TfFile& f, const DocNode& raw, FunctionSpec& s, int depth) const;

  /// Whether a `role`/`roles` attribute of this instance names the role `role` of `owner`.
  bool names_role(const TfFile& f, const DocNode& attr, const Module* owner, const std::string& role,
                  const std::optional<std::string>& role_name) const;

  const Module* top() const;

  void grants(const TfFile& f, const DocNode& body, FunctionSpec& s) const;

  Workspace& ws_;
  std::string dir_;
  std::vector<const TfFile*> files_;
  const Data& d_;
  const Module* parent_;
  std::string prefix_;  ///< "module.api." for an instance a call made; empty for a folder read on its own
  std::map<std::string, Bound> vars_;
  mutable std::map<std::string, const Module*> children_;
};

}  // namespace lambdafit::permissions::tf
