// Checking a pack's Clang matchers in a binary without Clang (configs.hpp): one worker call
// per load compiles every matcher not already known good, and the matchers a worker of this
// very build accepted before (core/known_good.hpp) are not sent again.

#include <algorithm>
#include <set>
#include <string>

#include <fmt/format.h>

#include "core/cache_file.hpp"
#include "core/known_good.hpp"
#include "scanning/clang/configs.hpp"
#include "scanning/clang/engine.hpp"
#include "scanning/clang/frontend.hpp"
#include "scanning/clang/worker_call.hpp"

namespace lambdafit::cpp {

namespace {

std::string file_identity(const std::string& path) {
  const auto st = cache::stat_of(path);
  return fmt::format("{:x}-{:x}", st.size, st.mtime_ns);
}

}  // namespace

std::string matcher_checker_identity() {
  if (in_process_frontend()) return {};
  const auto worker = find_worker({}, nullptr);
  return worker ? file_identity(*worker) : std::string("none");
}

void check_deferred_matchers(detail::RulePackData& pack, Diagnostics& d) {
  std::vector<const ClangConfig*> pending;
  for (const auto& det : pack.detectors) {
    const auto* c = dynamic_cast<const ClangConfig*>(det.config.get());
    if (c && !c->matcher) pending.push_back(c);
  }
  if (pending.empty()) return;
  std::string looked;
  const auto worker = find_worker({}, &looked);
  if (!worker) {
    d.warning(fmt::format("the {} clang matchers were not checked: no lambdafit-worker found (looked at {})",
                          pending.size(), looked));
    return;
  }
  // The worker's own size and time are part of the name: a rebuilt worker checks again.
  KnownGood known("matchers-" + file_identity(*worker));
  std::vector<std::string> texts;
  std::vector<const ClangConfig*> asked;
  for (const auto* c : pending) {
    if (known.contains(c->text)) continue;
    if (std::find(texts.begin(), texts.end(), c->text) == texts.end()) texts.push_back(c->text);
    asked.push_back(c);
  }
  if (texts.empty()) return;
  std::string why;
  const auto errors = worker::check_in_worker(*worker, texts, why);
  if (!errors) {
    d.warning(fmt::format("the clang matchers were not checked: {}", why));
    return;
  }
  std::set<const DetectorConfig*> bad;
  for (const auto* c : asked) {
    const auto i = static_cast<std::size_t>(std::find(texts.begin(), texts.end(), c->text) - texts.begin());
    if ((*errors)[i].message.empty()) continue;
    report_bad_matcher(c->origin, (*errors)[i], d);
    bad.insert(c);
  }
  // As when Clang compiles at load: a detector with a bad matcher is not in the pack.
  if (!bad.empty())
    pack.detectors.erase(std::remove_if(pack.detectors.begin(), pack.detectors.end(),
                                        [&](const DetectorSpec& s) { return bad.count(s.config.get()) > 0; }),
                         pack.detectors.end());
  for (std::size_t i = 0; i < texts.size(); ++i)
    if ((*errors)[i].message.empty()) known.add(texts[i]);
  known.save();
}

}  // namespace lambdafit::cpp
