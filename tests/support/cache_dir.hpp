// Sets the process-wide cache directory (core/known_good.hpp) for one test and restores
// "none" after it.
#pragma once

#include <string>

#include "core/known_good.hpp"

namespace lambdafit::testing {

struct CacheDir {
  explicit CacheDir(const std::string& d) { set_cache_dir(d); }
  ~CacheDir() { set_cache_dir({}); }
  CacheDir(const CacheDir&) = delete;
  CacheDir& operator=(const CacheDir&) = delete;
};

}  // namespace lambdafit::testing
