// A 128-bit key of a text, as 32 hex digits: two differently seeded FNV-1a hashes. Keys name
// cache entries (known_good.hpp, tu_cache.hpp); they are not a defence against someone who
// can write the cache directory, who could write any answer there anyway.
#pragma once

#include <string>
#include <string_view>

namespace lambdafit {

/// Accumulates text, then gives its key.
class ContentKey {
 public:
  ContentKey& add(std::string_view s);
  /// A separator no text contains, so ("ab","c") and ("a","bc") differ.
  ContentKey& end_field() { return add(std::string_view("\0\x1f", 2)); }
  std::string hex() const;

 private:
  unsigned long long a_ = 0xcbf29ce484222325ULL, b_ = 0x84222325cbf29ce4ULL;
};

inline std::string content_key(std::string_view text) { return ContentKey().add(text).hex(); }

}  // namespace lambdafit
