#include "scanning/analyzers/crontab.hpp"

#include <cctype>

#include "scanning/text/comments.hpp"

namespace lambdafit {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Splits off the next blank-separated field.
std::string_view next_field(std::string_view& s) {
  s = trim(s);
  std::size_t i = 0;
  while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  std::string_view f = s.substr(0, i);
  s.remove_prefix(i);
  return f;
}

bool time_field(std::string_view f) { return cron_time_field(f); }

bool assignment(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_')) ++i;
  if (i == 0 || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return i < s.size() && s[i] == '=';
}

}  // namespace

CronParse parse_crontab(std::string_view text, bool system_format) {
  CronParse out;
  int n = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim(text.substr(pos, end - pos));
    ++n;
    pos = end + 1;
    if (line.empty() || line.front() == '#' || assignment(line)) {
      if (end == text.size()) break;
      continue;
    }
    CronEntry e;
    e.line = n;
    std::string_view rest = line;
    if (line.front() == '@') {
      e.schedule = std::string(next_field(rest));
    } else {
      std::string sched;
      bool ok = true;
      for (int i = 0; i < 5; ++i) {
        const std::string_view f = next_field(rest);
        if (!time_field(f)) {
          ok = false;
          break;
        }
        if (i) sched += ' ';
        sched += f;
      }
      if (!ok) {
        out.problems.emplace_back(n, "not a crontab entry: expected five time fields");
        if (end == text.size()) break;
        continue;
      }
      e.schedule = std::move(sched);
    }
    if (system_format) e.user = std::string(next_field(rest));
    e.command = std::string(trim(rest));
    if (e.command.empty()) out.problems.emplace_back(n, "crontab entry without a command");
    else out.entries.push_back(std::move(e));
    if (end == text.size()) break;
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> unit_settings(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim(text.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty() || line.front() == '#' || line.front() == ';' || line.front() == '[') continue;
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    out.emplace_back(std::string(trim(line.substr(0, eq))), std::string(trim(line.substr(eq + 1))));
  }
  return out;
}

TimerUnit parse_timer(std::string_view text) {
  TimerUnit t;
  int n = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim(text.substr(pos, end - pos));
    ++n;
    pos = end + 1;
    const auto eq = line.find('=');
    if (line.empty() || line.front() == '#' || eq == std::string_view::npos) continue;
    const std::string_view key = trim(line.substr(0, eq)), value = trim(line.substr(eq + 1));
    if (key.substr(0, 2) == "On") {
      if (!t.line) t.line = n;
      if (!t.schedule.empty()) t.schedule += "; ";
      t.schedule += std::string(key) + "=" + std::string(value);
    } else if (key == "Unit") {
      t.unit = std::string(value);
    }
  }
  return t;
}

std::vector<std::string> command_words(std::string_view command) {
  std::vector<std::string> words;
  std::size_t i = 0;
  bool skip_next = false;
  while (i < command.size()) {
    while (i < command.size() && std::isspace(static_cast<unsigned char>(command[i]))) ++i;
    if (i >= command.size()) break;
    std::string w;
    bool is_operator = false;
    const char c = command[i];
    if (c == ';' || c == '|' || c == '&' || c == '(' || c == ')') {
      while (i < command.size() && std::string_view(";|&()").find(command[i]) != std::string_view::npos) ++i;
      is_operator = true;
    } else if (c == '>' || c == '<' || (std::isdigit(static_cast<unsigned char>(c)) && i + 1 < command.size() &&
                                         (command[i + 1] == '>' || command[i + 1] == '<'))) {
      // A redirection: `>> file`, `2>&1`, `<in`; its target is not a program or script.
      std::size_t j = i;
      while (j < command.size() && std::string_view("0123456789<>&").find(command[j]) != std::string_view::npos) ++j;
      const bool attached = j < command.size() && !std::isspace(static_cast<unsigned char>(command[j]));
      const bool dup = command.substr(i, j - i).find('&') != std::string_view::npos;
      i = j;
      if (attached) {
        while (i < command.size() && !std::isspace(static_cast<unsigned char>(command[i]))) ++i;
      } else if (!dup) {
        skip_next = true;
      }
      continue;
    } else {
      while (i < command.size() && !std::isspace(static_cast<unsigned char>(command[i])) &&
             std::string_view(";|&()<>").find(command[i]) == std::string_view::npos) {
        const char q = command[i];
        if (q == '\'' || q == '"') {
          const std::size_t close = command.find(q, i + 1);
          const std::size_t stop = close == std::string_view::npos ? command.size() : close;
          w.append(command.substr(i + 1, stop - i - 1));
          i = stop == command.size() ? stop : stop + 1;
          continue;
        }
        w.push_back(q);
        ++i;
      }
    }
    if (is_operator) continue;
    if (skip_next) {
      skip_next = false;
      continue;
    }
    if (!w.empty()) words.push_back(std::move(w));
  }
  return words;
}

}  // namespace lambdafit
