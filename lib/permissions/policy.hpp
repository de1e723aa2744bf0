// Least-privilege policies per function: the SDK calls of the files each function's handler
// reaches, turned into IAM statements, and compared with what the templates grant.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "permissions/data.hpp"
#include "permissions/sdk_calls.hpp"

namespace lambdafit::permissions {

/// A resource of a statement: a plain ARN or "*", or CloudFormation `!Sub` text naming a
/// template resource.
struct ResourceRef {
  std::string value;
  bool sub = false;  ///< value is Fn::Sub text
  bool operator<(const ResourceRef& o) const { return std::tie(value, sub) < std::tie(o.value, o.sub); }
  bool operator==(const ResourceRef& o) const { return value == o.value && sub == o.sub; }
};

struct Statement {
  std::string sid;
  std::vector<std::string> actions;   ///< sorted
  std::vector<ResourceRef> resources; ///< sorted
  std::vector<SdkCall> because;       ///< the calls that need it
  std::vector<std::string> notes;     ///< why a resource is "*"
};

/// One grant a template makes: an action pattern, its resource, and where it was written.
struct Grant {
  std::string action;    ///< may hold wildcards
  std::string resource;  ///< "*" or the resource text as written
  std::string source;    ///< "AmazonS3FullAccess", "S3ReadPolicy", "inline"
  std::string file;
  int line = 0, column = 0;
  /// The resources in a comparable form (resource_key): Fn::Sub-style text, "*" or an ARN;
  /// empty means `resource` itself.
  std::vector<std::string> patterns;
};

/// Granted actions the code never uses, by the grant that gives them.
struct GrantUnused {
  Grant grant;
  std::vector<std::string> actions;  ///< concrete actions, sorted
};

/// A call's action on a resource that no grant covers.
struct NotGranted {
  std::string action;
  ResourceRef resource;
  std::vector<SdkCall> calls;
  std::vector<std::string> granted_on;  ///< resources the action is granted on (empty: none)
};

struct FunctionPolicy {
  std::string name;  ///< logical id or serverless function name; "workload" without a template
  std::string template_file;
  int line = 0, column = 0;
  std::string handler, code_uri;
  std::vector<std::string> files;  ///< files reached from the handler (workload-relative)
  std::vector<SdkCall> calls;
  std::vector<Statement> statements;
  std::vector<std::string> used_actions;  ///< sorted, unique

  bool grants_known = false;  ///< the template says what the function is granted
  std::vector<Grant> granted;
  std::vector<std::string> granted_actions;  ///< concrete actions the grants cover (known data)
  std::vector<std::string> unused;           ///< granted_actions never used
  double over_grant_ratio = 0;               ///< granted_actions / used actions
  std::vector<Grant> wildcards;              ///< "s3:*" actions and "*" resources
  std::vector<std::string> missing;          ///< used but not granted (on at least one resource)
  std::vector<GrantUnused> unused_by_grant;  ///< where the unused actions are granted
  std::vector<NotGranted> not_granted;       ///< each action and resource not granted, with its calls
  std::vector<std::string> notes;
};

struct PermissionsResult {
  std::string botocore_version, as_of_date;
  std::vector<FunctionPolicy> functions;
  std::vector<CallNote> notes;       ///< calls that could not be resolved
  std::vector<std::string> errors;   ///< "file:line:col: error: …"
};

struct PermissionsOptions {
  /// Whether a workload-relative file counts (deployed code); unset counts every file.
  std::function<bool(std::string_view)> counts;
  std::uintmax_t max_file_bytes = 1u << 20;
  /// The files of the workload when the caller has listed them already (list_workload_files);
  /// empty: listed by the analysis.
  std::vector<std::string> files;
  /// What C/C++ parses saw of aws-sdk-cpp (the scan's). A C/C++ file in its `files` takes the
  /// parse's calls; the others keep what their request type names say, with a note when it parsed.
  const cpp::SdkCalls* cpp = nullptr;
  /// Without `cpp`: parses the workload's C/C++ units for SDK calls (scanning/clang/engine.hpp
  /// parse_sdk_calls), called once, and only when a C/C++ file the analysis reads includes an
  /// `<aws/…>` header; `notes` gets the parse's coverage notes.
  std::function<cpp::SdkCalls(std::vector<std::string>& notes)> parse_cpp;
  /// Python and Java files already read and known not to name the SDK's module (reads_any_file):
  /// with no function declared they are not read again unless a module exports a client.
  std::set<std::string, std::less<>> no_sdk;
};

/// The workload-relative paths of the regular files under `root` the analysis considers,
/// sorted (links not followed, build and dependency folders skipped).
std::vector<std::string> list_workload_files(const std::string& root);

/// Whether a file is C++ source or header the aws-sdk-cpp readers read (by its extension).
bool is_cpp_source(std::string_view rel);

/// Whether some SDK reader reads the file (Python, JavaScript/TypeScript, Java, C++; by its
/// extension): a function whose code has none has no call lambdafit could see.
bool is_sdk_source(std::string_view rel);

/// Remembers across runs whether a file names the SDK (may_call_sdk), so that an unchanged file
/// is not read again to find out (workload.cpp keeps the answers in the per-file cache).
class SdkNameMemo {
 public:
  virtual ~SdkNameMemo() = default;
  /// What an earlier run found for `rel` while the file is unchanged; nullopt when not known.
  virtual std::optional<bool> names_sdk(const std::string& rel) = 0;
  /// `text`: the file's text as read for the answer.
  virtual void remember(const std::string& rel, bool names_sdk, const std::string& text) = 0;
};

/// Whether any of `files` is Python or Java, the languages whose files reads_any_file tests
/// against the SDK names; without one the names need not be loaded.
bool sdk_names_matter(const std::vector<std::string>& files);

/// Whether the analysis reads any of `files` (list_workload_files): code an SDK reader knows
/// (and `options` counts), or a deployment file. Without one, it needs only the data's date
/// (load_data_date). With `names` (load_sdk_names), a Python or Java file counts only when
/// it may use the SDK (may_call_sdk: it spells boto3 or the Java SDK's package), which is read
/// from the file under `root`; with no function template such a file yields nothing either way.
/// `no_sdk`, when given, gets the files it read that do not name the SDK (PermissionsOptions::no_sdk).
/// `memo`, when given, answers for unchanged files and learns from the ones read.
bool reads_any_file(const std::vector<std::string>& files, const PermissionsOptions& options = {},
                    const Data* names = nullptr, const std::string& root = {},
                    std::set<std::string, std::less<>>* no_sdk = nullptr, SdkNameMemo* memo = nullptr);

/// Analyses the workload at `root`.
PermissionsResult analyze_permissions(const std::string& root, const Data& data,
                                      const PermissionsOptions& options = {});

}  // namespace lambdafit::permissions
