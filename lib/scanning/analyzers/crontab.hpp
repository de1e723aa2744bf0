// Reading schedules: crontab entries and systemd timer units.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lambdafit {

struct CronEntry {
  int line = 0;          ///< 1-based
  std::string schedule;  ///< "*/15 * * * *", "@daily"
  std::string user;      ///< system crontabs (/etc/crontab, cron.d) name the user
  std::string command;
};

struct CronParse {
  std::vector<CronEntry> entries;
  std::vector<std::pair<int, std::string>> problems;  ///< line, what is wrong
};

/// Parses a crontab. `system_format` says lines carry a user field after the schedule
/// (/etc/crontab, /etc/cron.d/*). Comments, blank lines and VAR=value lines are skipped.
CronParse parse_crontab(std::string_view text, bool system_format);

/// A systemd timer: its schedule settings and the service it starts.
struct TimerUnit {
  int line = 0;          ///< line of the first schedule setting
  std::string schedule;  ///< "OnCalendar=daily; OnBootSec=5min"
  std::string unit;      ///< the Unit= setting, empty when it starts the same-named service
};

TimerUnit parse_timer(std::string_view text);

/// The `key=value` settings of a unit file's lines, in order (`ExecStart`, `Type`, …).
std::vector<std::pair<std::string, std::string>> unit_settings(std::string_view text);

/// Splits a shell command into words, dropping operators (&&, ;, |) and redirections
/// with their targets, and unquoting simple quotes.
std::vector<std::string> command_words(std::string_view command);

}  // namespace lambdafit
