#include "scanning/analyzers/schedule.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "scanning/analyzers/crontab.hpp"
#include "scanning/text/file_type.hpp"
#include "scanning/text/text_file.hpp"

namespace lambdafit {

namespace {

std::string basename_of(std::string_view p) {
  const auto s = p.rfind('/');
  return std::string(s == std::string_view::npos ? p : p.substr(s + 1));
}

bool ends_with(std::string_view s, std::string_view x) {
  return s.size() >= x.size() && s.substr(s.size() - x.size()) == x;
}

// Programs that only run the script named after them, or set up its environment.
bool launcher(std::string_view w) {
  static const char* const kLaunchers[] = {
      "cd", "sh", "bash", "dash", "zsh", "ksh", "env", "exec", "nice", "ionice", "timeout",
      "flock", "sudo", "python", "python3", "python2", "node", "nodejs", "ruby", "perl",
      "java", "pwsh", "run-parts", "chronic", "cronic", "test", "[", "true", "echo"};
  for (const char* l : kLaunchers)
    if (w == l) return true;
  return false;
}

bool has_script_extension(const std::string& w) {
  static const char* const kExt[] = {".sh", ".bash", ".py", ".rb", ".pl", ".js", ".mjs",
                                     ".ts", ".ps1", ".jar", ".php"};
  return std::any_of(std::begin(kExt), std::end(kExt), [&](const char* e) { return ends_with(w, e); });
}

// Whether a command word names a script: a path, or a name with a script extension.
bool script_like(const std::string& w) {
  if (w.empty() || w[0] == '-' || w[0] == '$' || w.find('=') != std::string::npos) return false;
  return has_script_extension(w) || (w.find('/') != std::string::npos && w.back() != '/');
}

// The tree file a command word refers to: same name, the longest matching path suffix.
const WorkloadFile* find_script(const ScanInput& in, const std::string& word) {
  std::string w = word;
  while (w.rfind("./", 0) == 0) w.erase(0, 2);
  const std::string base = basename_of(w);
  const WorkloadFile* best = nullptr;
  std::size_t best_len = 0;
  for (const auto& f : in.files) {
    if (basename_of(f.path) != base) continue;
    // Length of the common suffix of whole path segments.
    std::size_t len = 0;
    const std::string& p = f.path;
    while (len < p.size() && len < w.size() && p[p.size() - 1 - len] == w[w.size() - 1 - len]) ++len;
    if (!best || len > best_len) best = &f, best_len = len;
  }
  return best;
}

std::string entry_schedule_text(const CronEntry& e) {
  return e.user.empty() ? e.schedule : fmt::format("{} (as {})", e.schedule, e.user);
}

struct Judge {
  const ScanInput& in;
  const std::vector<Evidence>& evidence;
  const std::vector<std::string>& facts;  // tagged host-coupling

  // Host-coupling evidence on `path`, optionally only on one line.
  std::vector<const Evidence*> coupling(const std::string& path, int line = 0) const {
    std::vector<const Evidence*> out;
    for (const auto& e : evidence) {
      if (e.path != path || e.suppressed || (line && e.line != line)) continue;
      if (std::find(facts.begin(), facts.end(), e.fact) != facts.end()) out.push_back(&e);
    }
    return out;
  }

  /// `unit` is the service a timer starts, whose own settings count too.
  void judge(ScheduledJob& job, const std::string& unit = {}) const {
    bool blocked = false;
    if (!unit.empty())
      for (const Evidence* e : coupling(unit)) {
        job.reasons.push_back(fmt::format("{}:{}: {}", e->path, e->line, e->message));
        blocked = true;
      }
    if (job.schedule == "@reboot") {
      job.reasons.push_back("starts at boot: a long-running process, not a job that ends");
      blocked = true;
    }
    std::string_view cmd = job.command;
    while (!cmd.empty() && (cmd.back() == ' ' || cmd.back() == '\t')) cmd.remove_suffix(1);
    const auto words = command_words(job.command);
    if ((!cmd.empty() && cmd.back() == '&' && !ends_with(cmd, "&&")) ||
        std::find(words.begin(), words.end(), "nohup") != words.end()) {
      job.reasons.push_back("sends its command to the background, so it outlives the schedule");
      blocked = true;
    }
    for (const Evidence* e : coupling(job.path, job.line)) {
      job.reasons.push_back(fmt::format("the command itself: {} ({}:{})", e->message, e->path, e->line));
      blocked = true;
    }
    // A script named in the command must be in the tree to be checked; so must the program
    // itself when it is given by path (/opt/tools/bin/rotate).
    std::string missing;
    bool first = true;
    for (std::size_t i = 0; i < words.size(); ++i) {
      const std::string& w = words[i];
      if (w == "cd") {  // a directory to change to, not a program
        ++i;
        continue;
      }
      const bool program = first && !launcher(w);
      if (!launcher(w)) first = false;
      if (launcher(w) || !script_like(w)) continue;
      if (const WorkloadFile* f = find_script(in, w)) {
        if (job.script.empty()) job.script = f->path;
      } else if (missing.empty() && (program || has_script_extension(w))) {
        missing = w;
      }
    }
    if (!job.script.empty()) {
      const auto found = coupling(job.script);
      for (const Evidence* e : found)
        job.reasons.push_back(fmt::format("{}:{}: {}", e->path, e->line, e->message));
      if (!found.empty()) blocked = true;
      else job.reasons.push_back(fmt::format("no host coupling found in {}", job.script));
    } else if (!missing.empty()) {
      job.reasons.push_back(
          fmt::format("runs {}, which is not in the scanned tree, so it could not be checked", missing));
      blocked = true;
    } else if (!blocked) {
      job.reasons.push_back("the command runs no script from the tree and shows no host coupling");
    }
    job.candidate = !blocked;
    if (job.candidate)
      job.reasons.push_back("check that it finishes well inside the platform timeout");
  }
};

}  // namespace

std::vector<ScheduledJob> find_scheduled_jobs(const ScanInput& in,
                                              const std::vector<Evidence>& evidence,
                                              const std::vector<std::string>& coupling_facts,
                                              ScanOutput& out) {
  std::vector<ScheduledJob> jobs;
  const Judge judge{in, evidence, coupling_facts};
  for (const auto& f : in.files) {
    const std::string type = file_type_from_path(f.path).name;
    if (type != "crontab" && type != "systemd-timer") continue;
    TextRead r = read_text_file(f.absolute, f.size, kDefaultTextSizeCap);
    if (!r.text) {
      out.note(fmt::format("{}: schedule not read: {}", f.path, r.skipped));
      continue;
    }
    if (type == "crontab") {
      const bool system_format = f.path.find("cron.d/") != std::string::npos ||
                                 ends_with(f.path, "etc/crontab");
      const CronParse p = parse_crontab(*r.text, system_format);
      for (const auto& [line, what] : p.problems)
        out.note(fmt::format("{}:{}: {}", f.path, line, what));
      for (const auto& e : p.entries) {
        ScheduledJob j;
        j.path = f.path;
        j.line = e.line;
        j.schedule = entry_schedule_text(e);
        if (e.schedule == "@reboot") j.schedule = "@reboot";
        j.command = e.command;
        judge.judge(j);
        jobs.push_back(std::move(j));
      }
      continue;
    }
    // A timer starts a service; its command is that service's ExecStart.
    const TimerUnit t = parse_timer(*r.text);
    ScheduledJob j;
    j.path = f.path;
    j.line = t.line;
    j.schedule = t.schedule;
    std::string service = t.unit;
    if (service.empty()) {
      service = basename_of(f.path);
      service = service.substr(0, service.size() - 6) + ".service";
    }
    const WorkloadFile* unit = nullptr;
    for (const auto& g : in.files)
      if (basename_of(g.path) == service) unit = &g;
    if (!unit) {
      j.command = service;
      j.reasons.push_back(fmt::format("starts {}, which is not in the scanned tree", service));
      jobs.push_back(std::move(j));
      continue;
    }
    TextRead u = read_text_file(unit->absolute, unit->size, kDefaultTextSizeCap);
    for (const auto& [key, value] : u.text ? unit_settings(*u.text)
                                           : std::vector<std::pair<std::string, std::string>>{})
      if (key == "ExecStart" && j.command.empty()) j.command = value;
    if (j.command.empty()) j.command = service;
    judge.judge(j, unit->path);
    jobs.push_back(std::move(j));
  }
  return jobs;
}

void ScheduleAnalyzer::analyze(const ScanInput& in, const detail::RulePackData& pack,
                               ScanOutput& out) const {
  auto jobs = find_scheduled_jobs(in, out.evidence(), pack.facts_tagged(kHostCouplingTag), out);
  // A crontab among tests or examples is listed but does not make the workload scheduled.
  const bool scheduled = std::any_of(jobs.begin(), jobs.end(), [&](const ScheduledJob& j) {
    return j.schedule != "@reboot" && out.roles().role_of(j.path) == FileRole::deployed;
  });
  for (auto& j : jobs) out.add_job(std::move(j));
  if (scheduled) out.set_fact("schedule.cron", true);
}

}  // namespace lambdafit
