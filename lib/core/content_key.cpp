#include "core/content_key.hpp"

#include <fmt/format.h>

namespace lambdafit {

ContentKey& ContentKey::add(std::string_view s) {
  for (unsigned char c : s) {
    a_ = (a_ ^ c) * 0x100000001b3ULL;
    b_ = (b_ ^ c) * 0x100000001b3ULL;
  }
  return *this;
}

std::string ContentKey::hex() const { return fmt::format("{:016x}{:016x}", a_, b_); }

}  // namespace lambdafit
