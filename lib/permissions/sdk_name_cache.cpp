#include "permissions/sdk_name_cache.hpp"

#include "core/content_key.hpp"

namespace lambdafit::permissions {
namespace {

ScanInput input(const std::string& root, const std::vector<std::string>& files, const std::string& cache_dir) {
  ScanInput in;
  in.root = std::filesystem::absolute(root);
  in.cache_dir = cache_dir;
  for (const auto& f : files) in.files.push_back(WorkloadFile{f, in.root / f, 0});
  return in;
}

// The answers depend on the names may_call_sdk looks for, so they are part of the store's key.
std::string kind(const Data& names) {
  ContentKey k;
  for (const auto* list : {&names.py_client_factories, &names.py_resource_factories, &names.py_session_factories}) {
    for (const auto& n : *list) k.add(n).end_field();
    k.end_field();
  }
  k.add(names.java_package_prefix).end_field();
  return "permissions-sdk-names-" + k.hex();
}

}  // namespace

CachedSdkNames::CachedSdkNames(const std::string& root, const std::vector<std::string>& files, const Data& names,
                               const std::string& cache_dir)
    : in_(input(root, files, cache_dir)), cache_(in_, kind(names), {}) {
  for (std::size_t i = 0; i < in_.files.size(); ++i) index_.emplace(in_.files[i].path, i);
}

std::optional<bool> CachedSdkNames::names_sdk(const std::string& rel) {
  const auto it = index_.find(rel);
  return it == index_.end() ? std::nullopt : cache_.lookup_flag(it->second);
}

void CachedSdkNames::remember(const std::string& rel, bool names_sdk, const std::string& text) {
  if (const auto it = index_.find(rel); it != index_.end()) cache_.store_flag(it->second, names_sdk, &text);
}

}  // namespace lambdafit::permissions
