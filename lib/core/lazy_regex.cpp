#include "core/lazy_regex.hpp"

#include <fmt/format.h>

namespace lambdafit {

namespace {

// The pattern with the options rule regexes set or may set (case, dot_nl, longest match, memory).
std::string known_key(const std::string& pattern, const RE2::Options& o) {
  return fmt::format("{}{}{}{}\n{}", o.case_sensitive() ? 'c' : 'i', o.dot_nl() ? 'd' : '-',
                     o.longest_match() ? 'l' : '-', o.max_mem(), pattern);
}

}  // namespace

KnownGood& Regex::known() {
  static KnownGood k("regex");
  return k;
}

Regex Regex::compile(std::string pattern, const RE2::Options& options, std::string& error,
                     KnownGood& known) {
  Regex r = accepted(std::move(pattern), options);
  const std::string key = known_key(r.slot_->pattern, options);
  if (known.contains(key)) return r;  // compiled on first use
  r.get();
  if (!r.slot_->re->ok()) {
    error = r.slot_->re->error();
    return {};
  }
  known.add(key);
  return r;
}

Regex Regex::accepted(std::string pattern, const RE2::Options& options) {
  Regex r;
  r.slot_ = std::make_shared<Slot>();
  r.slot_->pattern = std::move(pattern);
  r.slot_->options = options;
  return r;
}

const RE2* Regex::get() const {
  Slot& s = *slot_;
  std::call_once(s.once, [&] { s.re = std::make_unique<RE2>(s.pattern, s.options); });
  return s.re.get();
}

bool Regex::compiled() const { return slot_ && slot_->re != nullptr; }

}  // namespace lambdafit
