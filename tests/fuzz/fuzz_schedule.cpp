// Crontabs (user and system format), systemd timers and unit settings, shell words.
#include "fuzz_support.hpp"
#include "scanning/analyzers/crontab.hpp"
#include "scanning/text/comments.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace lambdafit;
  const auto in = fuzz::text(data, size);
  for (bool system : {false, true})
    for (const auto& e : parse_crontab(in, system).entries) command_words(e.command);
  parse_timer(in);
  for (const auto& [k, v] : unit_settings(in)) command_words(v);
  cron_time_field(in.substr(0, 64));
  return 0;
}
