// Which Python and Java files name the SDK (may_call_sdk), kept across runs in the per-file
// cache (scanning/engine/file_cache.hpp) under a key of the SDK names themselves: re-assessing
// an unchanged tree stats each file instead of reading it (the check read every module of a
// large tree that never imports boto3 on every run).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "permissions/data.hpp"
#include "permissions/policy.hpp"
#include "scanning/engine/file_cache.hpp"
#include "scanning/scan.hpp"

namespace lambdafit::permissions {

class CachedSdkNames final : public SdkNameMemo {
 public:
  /// `files` are workload-relative paths under `root`; answers are kept under `cache_dir`.
  CachedSdkNames(const std::string& root, const std::vector<std::string>& files, const Data& names,
                 const std::string& cache_dir);
  std::optional<bool> names_sdk(const std::string& rel) override;
  void remember(const std::string& rel, bool names_sdk, const std::string& text) override;
  /// Writes what this run learnt (engine::FileCache::save).
  void save() { cache_.save(); }

 private:
  ScanInput in_;
  engine::FileCache cache_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

}  // namespace lambdafit::permissions
