#include "core/content_key.hpp"

#include <fmt/format.h>

#define XXH_INLINE_ALL  // header-only: no library to link or load
#include <xxhash.h>

namespace lambdafit {

namespace {

XXH3_state_t* state(unsigned char* bytes) { return reinterpret_cast<XXH3_state_t*>(bytes); }
const XXH3_state_t* state(const unsigned char* bytes) { return reinterpret_cast<const XXH3_state_t*>(bytes); }

}  // namespace

ContentKey::ContentKey() {
  static_assert(sizeof(XXH3_state_t) <= sizeof(state_) && alignof(XXH3_state_t) <= 64,
                "ContentKey::state_ must hold an XXH3_state_t");
  XXH3_INITSTATE(state(state_));
  XXH3_128bits_reset(state(state_));
}

ContentKey& ContentKey::add(std::string_view s) {
  XXH3_128bits_update(state(state_), s.data(), s.size());
  return *this;
}

std::string ContentKey::hex() const {
  const XXH128_hash_t h = XXH3_128bits_digest(state(state_));
  return fmt::format("{:016x}{:016x}", h.high64, h.low64);
}

}  // namespace lambdafit
