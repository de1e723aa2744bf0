// AWS SDK calls found in one source file: which service and operation each call makes, and
// what it says about the resource. The service always comes from how the client was made
// (factory call, constructor, import, declared type), never from a variable's name.
#pragma once

#include <charconv>
#include <map>
#include <optional>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include "permissions/data.hpp"
#include "scanning/clang/sdk_sites.hpp"
#include "scanning/treesitter/grammars.hpp"

namespace lambdafit::permissions {

struct SdkCall {
  std::string file;  ///< path relative to the workload
  int line = 0, column = 0;
  std::string service;    ///< botocore service name
  std::string operation;  ///< "PutObject"; for a helper, the helper's name
  bool helper = false;    ///< operation names an SDK helper (exceptions.yaml `helpers`)
  std::string sdk;        ///< "boto3", "js-v3", "js-v2", "java-v2"
  std::string resource_literal;  ///< a literal bucket/table/queue/topic name or ARN
  std::string resource_env;      ///< the environment variable the name is read from
};

/// Something the reader could not resolve, kept so nothing is dropped silently.
struct CallNote {
  std::string file;
  int line = 0, column = 0;
  std::string message;
};

/// A client a JavaScript module exports (`module.exports = { s3 }`, `export const s3 = …`).
struct ExportedClient {
  std::string service;
  bool document_client = false;  ///< the DynamoDB DocumentClient rather than a service client
  /// Python: what the name holds ("client", "resource", "resobj" such as a Table, "session"),
  /// a resource object's class, and the name it was made with.
  std::string kind, cls, res_literal, res_env;
  bool operator==(const ExportedClient&) const = default;
};

/// Names a JavaScript module exports from another module: `export { s3 } from './clients'`,
/// `export * from './clients'`, `export * as aws from …`, `module.exports = require('./aws')`,
/// `exports.aws = require('./aws')`.
struct ReExport {
  std::string module;  ///< as written
  std::string name;    ///< the name exported here; "*" for every name of the module
  std::string from;    ///< the name in the module; "" for the whole module as a namespace
  int line = 0, column = 0;
};

/// Clients another module of the workload exports, by the name this file knows them by
/// ("s3" for `const { s3 } = require('./clients')`, "clients.s3" for `const clients = …`),
/// and clients other modules pass to this one's exported functions, keyed "store(0)" (the
/// first parameter of the function `store`).
using ImportedClients = std::map<std::string, ExportedClient, std::less<>>;

/// The key of `ImportedClients` that carries a client passed to parameter `index` of
/// `function` ("store(0)"), and the reverse (nullopt for a key naming a client).
inline std::string parameter_key(std::string_view function, unsigned index) {
  return std::string(function) + "(" + std::to_string(index) + ")";
}
inline std::optional<std::pair<std::string, unsigned>> parse_parameter_key(std::string_view key) {
  const auto open = key.find('(');
  if (open == std::string_view::npos || open == 0 || key.back() != ')') return std::nullopt;
  unsigned index = 0;
  const auto digits = key.substr(open + 1, key.size() - open - 2);
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return std::pair{std::string(key.substr(0, open)), index};
}

/// The key, in a module's bindings, exports and `ImportedClients`, of a function whose call
/// gives a client ("get_s3()"; "()" for a module that is itself such a function). It never
/// parses as a parameter_key.
inline std::string call_key(std::string_view function) { return std::string(function) + "()"; }

/// A client a JavaScript or Python module passes to a function it imports: `store(s3, key)` with `store`
/// imported, or `helpers.store(s3)` with `helpers` a whole module.
struct PassedClient {
  std::string callee;  ///< as written: "store" or "helpers.store"
  unsigned index = 0;  ///< the argument's position
  ExportedClient client;
};

struct FileCalls {
  std::vector<SdkCall> calls;
  std::vector<CallNote> notes;
  std::vector<std::string> imports;  ///< module names the file imports (to follow to files)
  /// JavaScript: each imported local name and the module text it comes from ("s3" ->
  /// "./clients.s3"), and the clients the file exports ("" = the module itself).
  std::vector<std::pair<std::string, std::string>> import_names;
  std::map<std::string, ExportedClient, std::less<>> exports;
  std::vector<ReExport> reexports;
  std::vector<PassedClient> passed;
  bool includes_sdk = false;  ///< C++: the file includes an `<aws/…>` header (read_cpp_calls)
};

/// Reads the SDK calls of a file already known to be in `grammar`; `imported` names clients
/// other modules of the workload export (JavaScript).
FileCalls read_sdk_calls(const Data& data, ts::Grammar grammar, std::string_view path,
                         std::string_view source, const ImportedClients* imported = nullptr);

/// Whether a file in `grammar` can hold an SDK call a reader sees: Python and Java files
/// must spell the SDK's module (`boto3`, `software.amazon.awssdk.services`), since every client
/// starts at a name from it; JavaScript may use a client another module exports.
bool may_call_sdk(const Data& data, ts::Grammar grammar, std::string_view source);

// One reader per language family (python_calls.cpp, js_calls.cpp, java_calls.cpp).
FileCalls read_python_calls(const Data& data, std::string_view path, std::string_view source,
                            const ImportedClients* imported = nullptr);
FileCalls read_js_calls(const Data& data, ts::Grammar g, std::string_view path, std::string_view source,
                        const ImportedClients* imported = nullptr);
FileCalls read_java_calls(const Data& data, std::string_view path, std::string_view source);
/// aws-sdk-cpp from the text alone (no SDK headers needed, no Clang): request types
/// `Aws::S3::Model::PutObjectRequest` / `Model::PutObjectRequest` and the model headers
/// `<aws/s3/model/PutObjectRequest.h>` (cpp_calls.cpp).
FileCalls read_cpp_calls(const Data& data, std::string_view path, std::string_view source);
/// The files a C/C++ source names in `#include "…"` (quoted, as written, in order): what a
/// function built from it reaches (policy.cpp follows them inside the workload).
std::vector<std::string> quoted_includes(std::string_view source);
/// aws-sdk-cpp calls a parse with the SDK's headers saw in one file (scanning/clang/sdk_sites.hpp):
/// the service from the client class's namespace, the operation from the member function
/// (`PutObjectAsync` and `PutObjectCallable` are PutObject). A client member that is not an
/// operation (`GeneratePresignedUrl`) makes no call; one given a request type it does not know
/// gets a note.
FileCalls cpp_calls_from_parse(const Data& data, std::string_view path, const std::vector<cpp::SdkSite>& sites);

}  // namespace lambdafit::permissions
