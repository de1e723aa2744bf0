// The functions a workload's SAM/CloudFormation templates and serverless.yml files declare:
// handler, code folder, environment, and the policies attached to each.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "permissions/data.hpp"
#include "permissions/policy.hpp"

namespace lambdafit::permissions {

/// What an environment variable is set to: a template resource (by logical id, from `!Ref X`
/// or `!GetAtt X.Arn`) or a literal value.
struct EnvValue {
  std::string ref;      ///< logical id of a resource of the template
  bool arn = false;     ///< set from X.Arn rather than !Ref X
  std::string literal;  ///< a plain value
  std::string sub;      ///< Fn::Sub text (a name built from parameters or pseudo parameters)
};

struct FunctionSpec {
  std::string name, template_file;
  int line = 0, column = 0;
  std::string code_uri;  ///< workload-relative folder ("" = the workload root)
  std::string handler, runtime;
  /// The code is not read, so no call of it is known and no grant is called unused: SAM
  /// `InlineCode` or CloudFormation `Code.ZipFile` (text in the template at this line), or a
  /// Terraform function whose code folder is not named and cannot be told (no file of the tree
  /// is its handler's, several outside its module are, or a class-named handler's module holds
  /// no code); 0 when the code is in files. `unread_why` says which.
  int unread_code_line = 0;
  std::string unread_why;
  std::map<std::string, EnvValue> env;
  bool grants_known = false;
  /// A policy the grant data does not describe is attached too: what is granted is known only
  /// in part, so nothing is reported as not granted.
  bool grants_partial = false;
  std::vector<Grant> grants;
  std::vector<std::string> event_sources;  ///< queues and streams polled for it: "sqs", "kinesis", "dynamodb"
  /// Workload-relative folders of the layers it uses that the workload builds (SAM
  /// `ContentUri`, serverless `layers.<name>.path`): their code is found by its imports too.
  std::vector<std::string> layers;
  std::vector<std::string> notes;
};

/// Whether read_functions reads the file: a SAM/CloudFormation template, a serverless file or
/// Terraform.
bool is_deployment_file(const std::string& rel);

/// A YAML or JSON file by its name (where templates under any name may be).
bool is_config_document(const std::string& rel);

/// Whether a YAML or JSON file's text is a CloudFormation/SAM template declaring a function,
/// whatever the file is named.
bool is_cloudformation_template(std::string_view text);

/// Reads every template of the workload (workload-relative `files`, already listed).
/// `notes`: what was not followed (Terraform module calls).
std::vector<FunctionSpec> read_functions(const std::string& root, const std::vector<std::string>& files,
                                         const Data& data, std::vector<std::string>& errors, std::vector<CallNote>& notes);

}  // namespace lambdafit::permissions
