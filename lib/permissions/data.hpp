// The permission knowledge under rules/permissions/: operations and IAM prefixes per service
// (actions.yaml, generated from botocore), the reviewed exceptions, how each SDK names a
// service (sdks.yaml), and what managed policies and SAM policy templates grant (grants.yaml).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace lambdafit::permissions {

struct ServiceData {
  std::string name;    ///< botocore name ("s3", "stepfunctions")
  std::string prefix;  ///< IAM prefix ("s3", "states")
  std::set<std::string, std::less<>> operations;                  ///< "PutObject"
  std::map<std::string, std::string, std::less<>> by_python;      ///< "put_object" -> "PutObject"
  std::map<std::string, std::string, std::less<>> by_camel;       ///< "putObject" -> "PutObject"
  std::map<std::string, std::vector<std::string>, std::less<>> exceptions;  ///< op -> actions
  std::map<std::string, std::vector<std::string>, std::less<>> helpers;     ///< method -> ops
  // SDK names
  std::string js_v3_module, js_v2_class, java_package;
  std::vector<std::string> java_clients;
  std::string cpp_namespace, cpp_dir;  ///< Aws::S3, <aws/s3/…>
  // resources
  std::string resource_param;  ///< "Bucket"
  bool last_segment = false;   ///< the parameter is a URL whose last segment is the name
  std::string arn, object_arn, ref_arn, ref_object_arn;
  std::set<std::string, std::less<>> bucket_actions;
};

struct PythonResourceClass {
  std::string service, cls;
  std::map<std::string, std::string, std::less<>> methods;  ///< "objects.all" -> "ListObjects"
};

/// A policy a template may name: a managed policy or a SAM policy template.
struct GrantSpec {
  std::vector<std::string> actions;  ///< may hold wildcards ("s3:*", "s3:Get*")
  std::string resource_param;        ///< SAM template parameter naming the resource, or empty
  std::string resource_service;      ///< whose ARN the parameter forms
};

struct Data {
  std::string botocore_version, as_of_date;
  std::map<std::string, ServiceData, std::less<>> services;
  // python
  std::vector<std::string> py_client_factories, py_resource_factories, py_session_factories;
  std::vector<PythonResourceClass> py_resources;
  // javascript
  std::vector<std::string> js_v2_modules;
  std::string js_v2_client_module_prefix;  ///< "aws-sdk/clients/": + lower-case class name
  std::string js_v2_doc_class, js_v2_doc_service;
  std::map<std::string, std::string, std::less<>> js_v2_doc_methods;
  std::string js_v3_doc_module, js_v3_doc_service;
  std::map<std::string, std::string, std::less<>> js_v3_doc_commands;
  std::map<std::string, std::pair<std::string, std::string>, std::less<>> js_v3_helpers;  ///< "module.Class" -> (service, helper)
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> js_v2_helpers;  ///< service -> method -> helper
  std::string java_package_prefix;
  // grants
  std::map<std::string, GrantSpec, std::less<>> managed, sam_templates;
  /// Actions the platform needs whatever the code does (logs), never counted as over-grant.
  std::vector<std::string> runtime_actions;
  /// Actions the platform needs to poll an event source ("sqs", "kinesis", "dynamodb").
  std::map<std::string, std::vector<std::string>, std::less<>> event_source_actions;

  const ServiceData* service(std::string_view name) const;
  const ServiceData* service_by_prefix(std::string_view prefix) const;
  /// The IAM actions an operation needs ("s3:ListBucket" for ListObjectsV2).
  std::vector<std::string> actions_for(const ServiceData& s, std::string_view op) const;
  /// Every action the data knows for an IAM prefix (to expand "s3:*" and "s3:Get*").
  std::set<std::string> known_actions(std::string_view prefix) const;
};

/// Reads rules_dir/permissions/*.yaml. Problems are appended to `errors` as
/// "file:line:col: error: …" lines; what could be read is still returned.
Data load_data(const std::string& rules_dir, std::vector<std::string>& errors);

/// Only the date of the data (`as_of` of actions.yaml, read up to its `services:` key, which
/// the generator writes after it): enough for a workload without a file to analyse, at a
/// fraction of the cost of the whole. Falls back to load_data when the file is not so laid out.
Data load_data_date(const std::string& rules_dir, std::vector<std::string>& errors);

/// Only the names that say whether a Python or Java file may use the SDK (sdks.yaml's
/// factories and package prefix; see may_call_sdk), for reads_any_file. Empty when they
/// cannot be read.
Data load_sdk_names(const std::string& rules_dir);

/// Whether an IAM action matches a policy pattern ("s3:Get*"), case-insensitively.
bool action_matches(std::string_view pattern, std::string_view action);

/// IAM wildcard matching: `*` any run of characters ('/' included), `?` one; case-sensitive.
bool wildcard_match(std::string_view pattern, std::string_view text);

}  // namespace lambdafit::permissions
