#include "scanning/clang/engine.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "scanning/clang/parse_tu.hpp"
#include "scanning/clang/translation_units.hpp"

namespace lambdafit::cpp {

namespace {

using Clock = std::chrono::steady_clock;

// --- Sending a TuResult from the child to the parent: length-prefixed fields. ---

void put_u32(std::string& b, std::uint32_t v) { b.append(reinterpret_cast<const char*>(&v), 4); }
void put_str(std::string& b, const std::string& s) {
  put_u32(b, static_cast<std::uint32_t>(s.size()));
  b += s;
}

std::string encode(const TuResult& r) {
  std::string b;
  put_u32(b, static_cast<std::uint32_t>(r.outcome));
  put_u32(b, static_cast<std::uint32_t>(r.evidence.size()));
  for (const auto& e : r.evidence) {
    put_str(b, e.path);
    put_u32(b, static_cast<std::uint32_t>(e.line));
    put_u32(b, static_cast<std::uint32_t>(e.column));
    put_str(b, e.snippet);
    put_str(b, e.detector);
    put_str(b, e.fact);
    put_str(b, e.message);
  }
  put_u32(b, static_cast<std::uint32_t>(r.notes.size()));
  for (const auto& n : r.notes) put_str(b, n);
  return b;
}

class Reader {
 public:
  explicit Reader(const std::string& b) : b_(b) {}
  bool u32(std::uint32_t& v) {
    if (b_.size() - pos_ < 4) return false;
    std::memcpy(&v, b_.data() + pos_, 4);
    pos_ += 4;
    return true;
  }
  bool str(std::string& s) {
    std::uint32_t n = 0;
    if (!u32(n) || b_.size() - pos_ < n) return false;
    s.assign(b_, pos_, n);
    pos_ += n;
    return true;
  }
  bool done() const { return pos_ == b_.size(); }

 private:
  const std::string& b_;
  std::size_t pos_ = 0;
};

bool decode(const std::string& b, TuResult& r) {
  Reader in(b);
  std::uint32_t outcome = 0, count = 0;
  if (!in.u32(outcome) || outcome > 2 || !in.u32(count)) return false;
  r.outcome = static_cast<TuOutcome>(outcome);
  for (std::uint32_t i = 0; i < count; ++i) {
    Evidence e;
    std::uint32_t line = 0, column = 0;
    if (!in.str(e.path) || !in.u32(line) || !in.u32(column) || !in.str(e.snippet) ||
        !in.str(e.detector) || !in.str(e.fact) || !in.str(e.message))
      return false;
    e.line = static_cast<int>(line);
    e.column = static_cast<int>(column);
    r.evidence.push_back(std::move(e));
  }
  if (!in.u32(count)) return false;
  for (std::uint32_t i = 0; i < count; ++i) {
    std::string n;
    if (!in.str(n)) return false;
    r.notes.push_back(std::move(n));
  }
  return in.done();
}

// --- Settings ---

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

int timeout_seconds() {
  const std::string v = env("LAMBDAFIT_TU_TIMEOUT");
  const int n = v.empty() ? 0 : std::atoi(v.c_str());
  return n > 0 ? n : 300;
}

// Deliberate faults for the isolation tests; only ever acted on inside a forked child.
void inject_fault(const TuJob& job) {
  const std::string f = env("LAMBDAFIT_CLANG_FAULT");
  const auto colon = f.find(':');
  if (colon == std::string::npos || job.display.find(f.substr(colon + 1)) == std::string::npos)
    return;
  if (f.compare(0, colon, "crash") == 0) std::abort();
  if (f.compare(0, colon, "hang") == 0)
    for (;;) ::pause();
}

bool write_all(int fd, const std::string& data) {
  std::size_t off = 0;
  while (off < data.size()) {
    const ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    off += static_cast<std::size_t>(n);
  }
  return true;
}

// Collects finished TUs into the scan output and reports progress. Notes are held back and
// written in TU order, so the report does not depend on which parse finished first.
class Results {
 public:
  Results(const ScanInput& in, ScanOutput& out, std::size_t total)
      : in_(in), out_(out), total_(total), notes_(total) {}

  void finish(std::size_t index, const TuJob& job, TuResult r) {
    for (auto& e : r.evidence) out_.add(std::move(e));
    out_.count_tu(r.outcome);
    std::lock_guard l(mu_);
    notes_[index] = std::move(r.notes);
    in_.progress("scan", ++done_, total_, job.display);
  }

  void flush_notes() {
    for (auto& n : notes_)
      for (auto& line : n) out_.note(std::move(line));
    notes_.clear();
  }

 private:
  const ScanInput& in_;
  ScanOutput& out_;
  std::size_t total_;
  std::mutex mu_;
  std::size_t done_ = 0;
  std::vector<std::vector<std::string>> notes_;
};

// --- In-process workers: fastest, but one parser crash ends the whole process. ---

void run_threads(const std::vector<TuJob>& jobs, const EngineRules& rules, const std::string& root,
                 int workers, const ScanInput& in, Results& results) {
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < jobs.size() && !in.cancelled(); i = next++)
      results.finish(i, jobs[i], parse_tu(jobs[i], rules, root));
  };
  std::vector<std::thread> pool;
  for (int i = 1; i < workers; ++i) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

// --- Forked children: each TU parsed in its own process, results sent back over a pipe. ---

struct Child {
  pid_t pid = -1;
  int fd = -1;
  std::size_t job = 0;
  std::string data;
  Clock::time_point deadline;
};

void run_forked(const std::vector<TuJob>& jobs, const EngineRules& rules, const std::string& root,
                int workers, const ScanInput& in, Results& results) {
  const int limit = timeout_seconds();
  std::vector<Child> running;
  std::size_t next = 0;

  auto spawn = [&](std::size_t i) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
      results.finish(i, jobs[i], parse_tu(jobs[i], rules, root));  // no pipe: parse in-process
      return;
    }
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::close(fds[0]);
      // A crash must end the child quietly: drop handlers inherited from the embedding
      // program (a test framework's, say) so the parent sees the signal.
      for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGINT, SIGTERM})
        ::signal(sig, SIG_DFL);
      inject_fault(jobs[i]);
      const TuResult r = parse_tu(jobs[i], rules, root);
      // _exit: no static destructors or atexit handlers of the parent's libraries in the child.
      ::_exit(write_all(fds[1], encode(r)) ? 0 : 3);
    }
    ::close(fds[1]);
    if (pid < 0) {
      ::close(fds[0]);
      results.finish(i, jobs[i], parse_tu(jobs[i], rules, root));  // cannot fork: in-process
      return;
    }
    running.push_back({pid, fds[0], i, {}, Clock::now() + std::chrono::seconds(limit)});
  };

  auto reap = [&](Child& c, bool timed_out) {
    int status = 0;
    while (::waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
    }
    ::close(c.fd);
    const TuJob& job = jobs[c.job];
    TuResult r;
    if (timed_out) {
      r.outcome = TuOutcome::failed;
      r.notes.push_back(fmt::format("{}: not parsed: stopped after the {} s time limit",
                                    job.display, limit));
    } else if (WIFSIGNALED(status)) {
      r.outcome = TuOutcome::failed;
      r.notes.push_back(fmt::format("{}: not parsed: the parser crashed ({})", job.display,
                                    ::strsignal(WTERMSIG(status))));
    } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !decode(c.data, r)) {
      r = TuResult{};
      r.outcome = TuOutcome::failed;
      r.notes.push_back(fmt::format("{}: not parsed: the parser process failed", job.display));
    }
    results.finish(c.job, job, std::move(r));
  };

  while (next < jobs.size() || !running.empty()) {
    if (in.cancelled()) {
      for (auto& c : running) {
        ::kill(c.pid, SIGKILL);
        int status = 0;
        ::waitpid(c.pid, &status, 0);
        ::close(c.fd);
      }
      return;
    }
    while (running.size() < static_cast<std::size_t>(workers) && next < jobs.size())
      spawn(next++);
    if (running.empty()) continue;
    std::vector<pollfd> fds;
    for (const auto& c : running) fds.push_back({c.fd, POLLIN, 0});
    auto now = Clock::now();
    auto wait = std::chrono::milliseconds(200);  // also how often cancellation is checked
    for (const auto& c : running)
      wait = std::min(wait, std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::max(c.deadline - now, Clock::duration::zero())));
    const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(wait.count()));
    if (ready < 0 && errno != EINTR) break;
    std::vector<Child> still;
    now = Clock::now();
    for (std::size_t k = 0; k < running.size(); ++k) {
      Child& c = running[k];
      bool eof = false;
      if (ready > 0 && (fds[k].revents & (POLLIN | POLLHUP | POLLERR))) {
        char buf[65536];
        const ssize_t n = ::read(c.fd, buf, sizeof buf);
        if (n > 0) c.data.append(buf, static_cast<std::size_t>(n));
        else if (n == 0 || errno != EINTR) eof = true;
      }
      if (eof) {
        reap(c, false);
      } else if (now >= c.deadline) {
        ::kill(c.pid, SIGKILL);
        reap(c, true);
      } else {
        still.push_back(std::move(c));
      }
    }
    running = std::move(still);
  }
}

}  // namespace

void CppParseAnalyzer::analyze(const ScanInput& in, const detail::RulePackData& pack,
                               ScanOutput& out) const {
  EngineRules rules;
  for (const auto& d : pack.detectors) {
    if (!d.config) continue;
    if (d.kind == "clang") rules.clang.push_back(&d);
    else if (d.kind == "include") rules.include.push_back(&d);
    else if (d.kind == "token") rules.token.push_back(&d);
  }
  if (rules.empty()) return;
  const auto jobs = plan_translation_units(in, out);
  if (jobs.empty()) return;
  std::error_code ec;
  auto root = std::filesystem::weakly_canonical(in.root, ec);
  if (ec) root = in.root;
  int workers = in.jobs > 0 ? in.jobs : static_cast<int>(std::thread::hardware_concurrency());
  workers = std::clamp(workers, 1, static_cast<int>(jobs.size()));
  Results results(in, out, jobs.size());
  if (env("LAMBDAFIT_CLANG_ISOLATION") == "threads")
    run_threads(jobs, rules, root.string(), workers, in, results);
  else
    run_forked(jobs, rules, root.string(), workers, in, results);
  results.flush_notes();
  if (in.cancelled()) out.note("C/C++: the scan was cancelled before every source was parsed");
}

}  // namespace lambdafit::cpp
