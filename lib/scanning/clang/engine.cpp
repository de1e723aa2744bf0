#include "scanning/clang/engine.hpp"

#include <dlfcn.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "core/content_key.hpp"
#include "core/known_good.hpp"
#include "core/own_path.hpp"
#include "core/subprocess.hpp"
#include "scanning/clang/frontend.hpp"
#include "scanning/clang/kinds.hpp"
#include "scanning/clang/parse_tu.hpp"
#include "scanning/clang/translation_units.hpp"
#include "scanning/clang/tu_cache.hpp"
#include "scanning/clang/worker_call.hpp"
#include "scanning/clang/worker_protocol.hpp"
#include "scanning/engine/file_cache.hpp"
#include "scanning/engine/work_pool.hpp"

namespace lambdafit::cpp {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Collects finished TUs into the scan output and reports progress. Notes are held back and
// written in TU order, so the report does not depend on which parse finished first.
class Results {
 public:
  Results(const ScanInput& in, ScanOutput& out, std::size_t total, TuCache* cache = nullptr,
          std::chrono::system_clock::time_point started = {})
      : in_(in), out_(out), total_(total), notes_(total), cache_(cache), started_(started) {}

  /// From now on, unit `k` of what is run is unit `map[k]` of the plan (the others came from
  /// the cache).
  void remap(std::vector<std::size_t> map) { map_ = std::move(map); }

  void finish(std::size_t k, const TuJob& job, TuResult r) {
    const std::size_t index = map_.empty() ? k : map_[k];
    if (cache_) {
      try {
        cache_->store(job, r, started_);
      } catch (const std::exception&) {  // a cache that cannot be written only costs time
      }
    }
    for (auto& e : r.evidence) out_.add(std::move(e));
    if (!r.sdk_sites.empty() || !r.sdk_files.empty()) out_.add_sdk(std::move(r.sdk_sites), r.sdk_files);
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
  TuCache* cache_;
  std::chrono::system_clock::time_point started_;
  std::vector<std::size_t> map_;
};

// What a remembered result depends on besides its own unit: this build, the worker's, and
// the rule files of the detectors that ran (tu_cache.hpp). Empty when a build cannot be told.
std::string cache_salt(const EngineRules& rules, const std::optional<std::string>& worker) {
  std::vector<const DetectorSpec*> detectors;
  for (const auto* list : {&rules.clang, &rules.include, &rules.token}) detectors.insert(detectors.end(), list->begin(), list->end());
  const std::string rules_salt = engine::detectors_salt(rules.sdk ? "cpp-parse+sdk" : "cpp-parse", detectors);
  if (rules_salt.empty()) return {};
  ContentKey k;
  k.add(rules_salt).end_field();
  struct stat st{};
  if (worker && ::stat(worker->c_str(), &st) == 0)
    k.add(fmt::format("{}:{}:{}.{}", *worker, st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec));
  return k.end_field().hex();
}

// --- In-process workers: no isolation. The time limit still holds: a unit over it is
// reported failed and its thread is left to finish on its own, owning what it reads. ---

struct ThreadUnit {
  TuJob job;
  std::shared_ptr<const detail::RulePackData> pack;  // keeps the detectors alive
  EngineRules rules;
  std::string root;
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  TuResult result;
};

TuResult parse_with_deadline(const TuJob& job, const EngineRules& rules,
                             const std::shared_ptr<const detail::RulePackData>& pack,
                             const std::string& root, int limit) {
  auto unit = std::make_shared<ThreadUnit>();
  unit->job = job;
  unit->pack = pack;
  unit->rules = rules;
  unit->root = root;
  std::thread([unit] {
    TuResult r = in_process_frontend()->parse(unit->job, unit->rules, unit->root);
    std::lock_guard l(unit->mu);
    unit->result = std::move(r);
    unit->done = true;
    unit->cv.notify_all();
  }).detach();
  std::unique_lock l(unit->mu);
  if (unit->cv.wait_for(l, std::chrono::seconds(limit), [&] { return unit->done; }))
    return std::move(unit->result);
  TuResult r;
  r.outcome = TuOutcome::failed;
  r.notes.push_back(fmt::format("{}: not parsed: stopped after the {} s time limit", job.display, limit));
  return r;
}

// On the engine's work pool; each pool thread waits on one ThreadUnit at a time. Progress is
// reported by Results (as for worker processes), so the pool reports none of its own.
void run_threads(const std::vector<TuJob>& jobs, const EngineRules& rules,
                 const std::shared_ptr<const detail::RulePackData>& pack, const std::string& root,
                 int workers, int limit, const ScanInput& in, Results& results) {
  engine::PoolOptions o = engine::pool_options(in, "scan", "not parsed");
  o.jobs = workers;
  o.on_progress = nullptr;
  std::vector<char> finished(jobs.size(), 0);
  const auto run = engine::run_pool(
      jobs.size(), o,
      [&](std::size_t i, int) {
        TuResult r = pack ? parse_with_deadline(jobs[i], rules, pack, root, limit)
                          : in_process_frontend()->parse(jobs[i], rules, root);
        results.finish(i, jobs[i], std::move(r));
        finished[i] = 1;
      },
      [&](std::size_t i) { return jobs[i].display; });
  // A unit that threw is recorded failed with the pool's note, unless it threw after that.
  for (const auto& f : run.failures) {
    if (finished[f.unit]) continue;
    TuResult r;
    r.notes.push_back(f.note);
    results.finish(f.unit, jobs[f.unit], std::move(r));
  }
}

// --- Worker processes: long-lived `lambdafit-worker`s started with posix_spawn, fed one unit
// at a time over the framed protocol, replaced when one crashes or overruns. ---

}  // namespace

std::optional<std::string> find_worker(const std::string& configured, std::string* looked) {
  std::vector<fs::path> candidates;
  if (!configured.empty()) candidates.emplace_back(configured);
  else {
    const fs::path here = own_binary_dir();
    if (!here.empty()) {
#ifdef LAMBDAFIT_LIB_TO_WORKER
      candidates.push_back(here / LAMBDAFIT_LIB_TO_WORKER);  // from <prefix>/lib…
#endif
#ifdef LAMBDAFIT_BIN_TO_WORKER
      candidates.push_back(here / LAMBDAFIT_BIN_TO_WORKER);  // from <prefix>/bin
#endif
      candidates.push_back(here / "lambdafit-worker");
    }
    // The build tree's before the install prefix: a library run from its build tree must not
    // pick up an older installed worker.
#ifdef LAMBDAFIT_BUILD_WORKER
    candidates.emplace_back(LAMBDAFIT_BUILD_WORKER);
#endif
#ifdef LAMBDAFIT_INSTALL_WORKER
    candidates.emplace_back(LAMBDAFIT_INSTALL_WORKER);
#endif
  }
  std::vector<std::string> tried;
  for (const auto& c : candidates) {
    std::error_code ec;
    const auto p = fs::weakly_canonical(c, ec);
    if (!ec && fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0) return p.string();
    tried.push_back(c.lexically_normal().string());
  }
  if (looked) *looked = fmt::format("{}", fmt::join(tried, ", "));
  return std::nullopt;
}

namespace {

struct Worker {
  subprocess::Child child;
  std::string buffer;
  bool ready = false;
  std::optional<std::size_t> job;  // the unit in flight
  Clock::time_point deadline;      // of the unit in flight, or of the start-up
  bool exiting = false;            // said it ends (or cannot take input): send it nothing
};

class WorkerPool {
 public:
  WorkerPool(const std::vector<TuJob>& jobs, const ScanInput& in, Results& results, std::string path,
             worker::Init init, int size)
      : jobs_(jobs), in_(in), results_(results), path_(std::move(path)), init_(std::move(init)),
        size_(size) {}
  ~WorkerPool() {
    for (auto& w : workers_) subprocess::kill_and_reap(w.child);
  }

  /// Runs every unit; units it could not run (the worker cannot start) are left for the
  /// caller, which parses them in-process. Returns the indexes of those units.
  std::vector<std::size_t> run() {
    const int limit = static_cast<int>(init_.unit_seconds);
    while (pending() || busy() > 0) {
      if (in_.cancelled()) return {};
      if (!failure_.empty()) break;
      while (static_cast<int>(live()) < size_ && live() < jobs_.size() - next_ + retry_.size() + busy() &&
             start()) {
      }
      if (!failure_.empty()) break;
      for (auto& w : workers_)
        if (w.ready && !w.exiting && !w.job && pending()) send(w, take());
      if (!poll_once(limit)) break;
    }
    std::vector<std::size_t> left(retry_.begin(), retry_.end());
    for (auto& w : workers_)
      if (w.job) left.push_back(*w.job);
    for (std::size_t i = next_; i < jobs_.size(); ++i) left.push_back(i);
    return left;
  }

  const std::string& failure() const { return failure_; }

 private:
  // Workers that can still take a unit.
  std::size_t live() const {
    return static_cast<std::size_t>(
        std::count_if(workers_.begin(), workers_.end(), [](const Worker& w) { return !w.exiting; }));
  }

  std::size_t busy() const {
    return static_cast<std::size_t>(std::count_if(workers_.begin(), workers_.end(),
                                                  [](const Worker& w) { return w.job.has_value(); }));
  }

  bool start() {
    subprocess::SpawnOptions o;
    o.argv = {path_, "--parent", std::to_string(::getpid())};
    o.pipe_stdin = o.pipe_stdout = true;
    std::string why;
    auto c = subprocess::spawn(o, &why);
    if (!c) {
      failure_ = why;
      return false;
    }
    Worker w;
    w.child = *c;
    w.deadline = Clock::now() + std::chrono::seconds(60);  // to load the pack and say ready
    if (!subprocess::write_all(w.child.in, worker::frame(worker::encode(init_)))) {
      subprocess::kill_and_reap(w.child);
      failure_ = "the worker did not accept its start-up message";
      return false;
    }
    workers_.push_back(std::move(w));
    return true;
  }

  void send(Worker& w, std::size_t i) {
    if (!subprocess::write_all(w.child.in, worker::frame(worker::encode(jobs_[i])))) {
      // It died since the last poll (the poll below sees the end of its output): the unit
      // was never handed over, so it goes to the next worker.
      retry_.push_back(i);
      w.exiting = true;
      return;
    }
    w.job = i;
    w.deadline = Clock::now() + std::chrono::seconds(init_.unit_seconds);
  }

  bool pending() const { return !retry_.empty() || next_ < jobs_.size(); }
  std::size_t take() {
    if (!retry_.empty()) {
      const std::size_t i = retry_.back();
      retry_.pop_back();
      return i;
    }
    return next_++;
  }

  void fail_unit(std::size_t i, std::string note) {
    TuResult r;
    r.outcome = TuOutcome::failed;
    r.notes.push_back(std::move(note));
    results_.finish(i, jobs_[i], std::move(r));
  }

  // A worker that ended or overran: reap it, fail its unit, and drop it (a fresh one starts
  // for the next unit).
  void retire(Worker& w, bool timed_out, int limit) {
    const bool was_ready = w.ready;
    int status = -1;
    if (timed_out) subprocess::kill_and_reap(w.child);
    else {
      // Its output ended, so it is exiting or gone; the kill only matters if it lingers, and
      // leaves the status of a worker that already died as it was.
      subprocess::close_pipes(w.child);
      ::kill(w.child.pid, SIGKILL);
      status = subprocess::wait_for(w.child.pid);
      w.child.pid = -1;
    }
    if (w.job) {
      const TuJob& job = jobs_[*w.job];
      if (timed_out)
        fail_unit(*w.job, fmt::format("{}: not parsed: stopped after the {} s time limit", job.display, limit));
      else if (status >= 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU)
        fail_unit(*w.job, fmt::format("{}: not parsed: stopped after the {} s CPU limit", job.display, limit));
      else if (status >= 0 && WIFSIGNALED(status))
        fail_unit(*w.job, fmt::format("{}: not parsed: the parser crashed ({})", job.display,
                                      ::strsignal(WTERMSIG(status))));
      else
        fail_unit(*w.job, fmt::format("{}: not parsed: the parser process failed", job.display));
      w.job.reset();
    } else if (!was_ready) {
      failure_ = timed_out ? "the worker did not start in time" : "the worker ended before it was ready";
    }
  }

  bool poll_once(int limit) {
    std::vector<pollfd> fds;
    for (const auto& w : workers_) fds.push_back({w.child.out, POLLIN, 0});
    auto now = Clock::now();
    auto wait = std::chrono::milliseconds(200);  // also how often cancellation is checked
    for (const auto& w : workers_)
      if (w.job || !w.ready)
        wait = std::min(wait, std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::max(w.deadline - now, Clock::duration::zero())));
    const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(wait.count()));
    if (ready < 0 && errno != EINTR) {
      failure_ = std::string("poll failed: ") + std::strerror(errno);
      return false;
    }
    now = Clock::now();
    std::vector<Worker> still;
    for (std::size_t k = 0; k < workers_.size(); ++k) {
      Worker& w = workers_[k];
      bool ended = false;
      if (ready > 0 && (fds[k].revents & (POLLIN | POLLHUP | POLLERR))) {
        char buf[65536];
        const ssize_t n = ::read(w.child.out, buf, sizeof buf);
        if (n > 0) w.buffer.append(buf, static_cast<std::size_t>(n));
        else if (n == 0 || errno != EINTR) ended = true;
      }
      std::vector<std::string> frames;
      if (!worker::take_frames(w.buffer, frames)) ended = true;
      for (const auto& f : frames) handle(w, f);
      if (ended) retire(w, false, limit);
      else if ((w.job || !w.ready) && now >= w.deadline) retire(w, true, limit);
      else {
        still.push_back(std::move(w));
        continue;
      }
    }
    workers_ = std::move(still);
    return true;
  }

  void handle(Worker& w, const std::string& f) {
    if (!w.ready) {
      const auto error = worker::decode_ready(f);
      if (!error) failure_ = "the worker answered with something else than a ready message";
      else if (!error->empty()) failure_ = *error;
      else w.ready = true;
      return;
    }
    if (!w.job) return;  // nothing asked: ignore
    TuResult r;
    bool exiting = false;
    if (!worker::decode(f, r, &exiting)) {
      fail_unit(*w.job, fmt::format("{}: not parsed: the worker sent a garbled result", jobs_[*w.job].display));
    } else {
      results_.finish(*w.job, jobs_[*w.job], std::move(r));
    }
    if (exiting) w.exiting = true;
    w.job.reset();
  }

  const std::vector<TuJob>& jobs_;
  const ScanInput& in_;
  Results& results_;
  std::string path_;
  worker::Init init_;
  int size_;
  std::vector<Worker> workers_;
  std::size_t next_ = 0;
  std::vector<std::size_t> retry_;  // units handed back by a worker that could not take them
  std::string failure_;
};

}  // namespace

namespace {

// Parses every unit of the plan with `rules` (the detectors `ids` of `pack`): in worker
// processes, in-process threads, or from the result cache.
void parse_units(const ScanInput& in, const detail::RulePackData& pack, const EngineRules& rules,
                 const std::vector<std::string>& ids, ScanOutput& out) {
  // Without C-family sources nothing below runs, and no Clang is loaded anywhere.
  const auto sources = std::count_if(in.files.begin(), in.files.end(),
                                     [](const WorkloadFile& f) { return is_translation_unit(f.path); });
  if (sources == 0) return;
  const InProcessFrontend* frontend = in_process_frontend();
  std::vector<TuJob> jobs;
  if (frontend) {
    jobs = frontend->plan(in, out);
  } else {
    // This binary has no LLVM: a worker plans, as it parses.
    std::string why, looked;
    const auto path = find_worker(in.worker_path, &looked);
    std::optional<worker::PlanResult> plan;
    if (!path) why = fmt::format("no lambdafit-worker found (looked at {})", looked);
    else plan = worker::plan_in_worker(*path, in, why);
    if (!plan) {
      for (long i = 0; i < sources; ++i) out.count_tu(TuOutcome::failed);
      out.note(fmt::format("C/C++: {} sources not parsed: {}", sources, why));
      return;
    }
    for (auto& n : plan->notes) out.note(std::move(n));
    jobs = std::move(plan->jobs);
  }
  if (jobs.empty()) return;
  if (rules.sdk) out.mark_sdk_parsed();
  std::error_code ec;
  auto root = fs::weakly_canonical(in.root, ec);
  if (ec) root = in.root;
  int workers = in.jobs > 0 ? in.jobs : static_cast<int>(std::thread::hardware_concurrency());
  workers = std::clamp(workers, 1, static_cast<int>(jobs.size()));
  const int limit = in.unit_timeout_seconds > 0 ? in.unit_timeout_seconds : 300;
  std::string looked_for_worker;
  const auto worker_path = find_worker(in.worker_path, &looked_for_worker);
  // Not for a staged mirror: its root is a new temporary directory each time.
  TuCache cache(in.mirror_of.empty() ? in.cache_dir : std::string(), cache_salt(rules, worker_path), root.string());
  TuCache* const store = cache.enabled() ? &cache : nullptr;
  Results results(in, out, jobs.size(), store, std::chrono::system_clock::now());
  // Units whose inputs are unchanged since an earlier run are not parsed again.
  std::vector<std::size_t> todo;
  if (store) {
    std::vector<TuJob> left;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      if (auto r = cache.lookup(jobs[i])) {
        out.count_reused();
        results.finish(i, jobs[i], std::move(*r));
      } else {
        todo.push_back(i);
        left.push_back(std::move(jobs[i]));
      }
    }
    jobs = std::move(left);
    results.remap(todo);
  }
  if (jobs.empty()) {
    results.flush_notes();
    cache.trim();
    return;
  }
  workers = std::clamp(workers, 1, static_cast<int>(jobs.size()));
  std::vector<std::size_t> in_process;  // units left for threads
  std::string why_not_isolated;
  std::vector<std::size_t> all(jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) all[i] = i;
  // Isolation::threads needs Clang in this binary; without it the workers parse.
  if (in.isolation == Isolation::processes || !frontend) {
    const auto& path = worker_path;
    if (!path) {
      why_not_isolated = fmt::format("no lambdafit-worker found (looked at {})", looked_for_worker);
      in_process = all;
    } else if (pack.dirs.empty()) {
      why_not_isolated = "the rule pack was not loaded from directories";
      in_process = all;
    } else {
      worker::Init init{pack.dirs, ids, root.string(), static_cast<std::uint32_t>(limit), rules.sdk, cache_dir()};
      WorkerPool pool(jobs, in, results, *path, std::move(init), workers);
      in_process = pool.run();
      if (!pool.failure().empty()) why_not_isolated = pool.failure();
    }
  } else {
    in_process = all;
  }
  if (!in_process.empty() && !in.cancelled() && !frontend) {
    // No Clang in this binary to fall back on: those units are not parsed.
    for (auto i : in_process) {
      TuResult r;
      r.outcome = TuOutcome::failed;
      r.notes.push_back(fmt::format("{}: not parsed: {}", jobs[i].display,
                                    why_not_isolated.empty() ? "no worker could parse it" : why_not_isolated));
      results.finish(i, jobs[i], std::move(r));
    }
    in_process.clear();
    why_not_isolated.clear();
  }
  if (!in_process.empty() && !in.cancelled()) {
    std::vector<TuJob> rest;
    for (auto i : in_process) rest.push_back(jobs[i]);
    // A private copy of the detectors the parses read, so a unit left running past its time
    // limit never reads freed memory.
    auto copy = std::make_shared<detail::RulePackData>();
    copy->detectors = pack.detectors;
    EngineRules own;
    own.sdk = rules.sdk;
    for (const auto& d : copy->detectors)
      if (std::find(ids.begin(), ids.end(), d.id) != ids.end()) attach_to_parse(d, own);
    Results rest_results(in, out, rest.size(), store, std::chrono::system_clock::now());
    run_threads(rest, own, copy, root.string(), std::min<int>(workers, static_cast<int>(rest.size())), limit,
                in, rest_results);
    rest_results.flush_notes();
  }
  results.flush_notes();
  cache.trim();
  if (!why_not_isolated.empty())
    out.note(fmt::format("C/C++: parsed in-process without isolation: {}", why_not_isolated));
  if (in.cancelled()) out.note("C/C++: the scan was cancelled before every source was parsed");
}

}  // namespace

void CppParseAnalyzer::analyze(const ScanInput& in, const detail::RulePackData& pack,
                               ScanOutput& out) const {
  EngineRules rules;
  std::vector<std::string> ids;
  for (const auto& d : pack.detectors) {
    if (attach_to_parse(d, rules)) ids.push_back(d.id);
  }
  if (rules.empty()) return;
  // The permission analysis reads aws-sdk-cpp calls from the same parses.
  rules.sdk = true;
  parse_units(in, pack, rules, ids, out);
}

SdkCalls parse_sdk_calls(const ScanInput& in, const std::vector<std::string>& rule_dirs,
                         std::vector<std::string>& notes) {
  detail::RulePackData pack;  // no detectors: the workers load the pack only to start
  pack.dirs = rule_dirs;
  EngineRules rules;
  rules.sdk = true;
  ScanOutput out;
  parse_units(in, pack, rules, {}, out);
  notes = std::move(out.summary().coverage_notes);
  return std::move(out.sdk_calls());
}

}  // namespace lambdafit::cpp
