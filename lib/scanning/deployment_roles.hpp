// File roles from deployment and build files: a SAM template's CodeUri and Handler, a
// serverless.yml handler and package patterns, a Dockerfile's COPY sources and CMD script,
// package.json `main`/`bin`, pyproject entry points, the programs a Makefile.am builds. The
// files they name are deployed, even where a path convention would call them examples or
// tools (RoleMap::mark_deployed). Which keys name files is data: `deployed_by:` in
// rules/roles/deployment.yaml.
//
//   deployed_by:
//     - id: sam-handler
//       document: yaml                  # a document type of descriptors/document.hpp
//       files: ["**/template.yaml"]     # which workload files to read
//       in_file: 'AWS::Serverless'      # read only files holding this pattern (optional)
//       path: Resources.*[Type=AWS::Serverless::Function].Properties.Handler
//       names: handler                  # how the value names files (below)
//       base: [CodeUri, /Globals.Function.CodeUri]  # the directory it is relative to
//
// `names`: path (a file or directory), glob (include patterns; '!' patterns are skipped),
// handler (`dir/module.function`, `pkg.Class::method`), entry-point (`pkg.module:function`),
// copy (Dockerfile COPY/ADD arguments), command (a command line; words naming a file),
// automake-program (Automake program or library names; the files are their sources:
// `<canonical name>_SOURCES`, `EXTRA_…` and `nodist_…`, else `<name>.c`). Values are relative
// to the deployment file's directory, or to the first `base` found: a path from the value's
// parent, or from the document root with a leading '/'.
//
// `role: build`, `test` or `tooling` (with `names: command` or `automake-program`: files named
// outright) marks the files as something that does not ship (a program a deploy tool runs, a
// test program, a tool built but never installed); a file a `deployed` mark names stays
// deployed (RoleMap::mark_files_as).
//
// Values a deploy tool computes (`${…}`, `!Ref`, `!If`, `var.x`), and Automake references the
// Makefile.am does not define (`$(X)`, `@X@`), are never guessed: each is a coverage note at
// its file:line:col, and the files keep their path roles.
#pragma once

#include <vector>

#include "core/yaml_file.hpp"
#include "rulepack/model.hpp"

namespace cereal {
class BinaryOutputArchive;
class BinaryInputArchive;
}  // namespace cereal

namespace lambdafit {

struct ScanInput;
class ScanOutput;

/// Reads `deployed_by:` from one rule file.
void load_deploy_rules(const YamlFile& f, std::vector<DeployRule>& out, Diagnostics& d);

/// A deploy rule's settings in a compiled rule pack (rulepack/compiled.hpp): written, and read
/// back as load_deploy_rules made them (throws cereal::Exception on bytes it cannot read).
void save_deploy_config(const DetectorConfig& c, cereal::BinaryOutputArchive& a);
std::shared_ptr<const DetectorConfig> restore_deploy_config(cereal::BinaryInputArchive& a);

/// Reads the workload's deployment files and marks the files they name as deployed. A
/// deployment file that is itself a test, example, tool, doc or vendored file marks nothing
/// (unless another deployment file names it). Run after the roles are assigned.
void mark_deployment_roles(const ScanInput& in, const std::vector<DeployRule>& rules, ScanOutput& out);

}  // namespace lambdafit
