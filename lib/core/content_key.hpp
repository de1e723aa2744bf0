// A 128-bit key of a text, as 32 hex digits: XXH3's 128-bit hash (xxHash), fed as a stream.
// Keys name cache entries (known_good.hpp, tu_cache.hpp, the compiled rule pack); they are not
// a defence against someone who can write the cache directory, who could write any answer
// there anyway.
#pragma once

#include <string>
#include <string_view>

namespace lambdafit {

/// Accumulates text, then gives its key.
class ContentKey {
 public:
  ContentKey();
  ContentKey& add(std::string_view s);
  /// A separator no text contains, so ("ab","c") and ("a","bc") differ.
  ContentKey& end_field() { return add(std::string_view("\0\x1f", 2)); }
  std::string hex() const;

 private:
  // XXH3_state_t, which content_key.cpp includes (checked there); copyable byte for byte, as
  // XXH3_copyState copies it.
  alignas(64) unsigned char state_[576];
};

inline std::string content_key(std::string_view text) { return ContentKey().add(text).hex(); }

}  // namespace lambdafit
