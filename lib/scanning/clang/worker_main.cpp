#include "scanning/clang/worker_main.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <set>
#include <vector>

#include <fmt/format.h>

#include "core/known_good.hpp"
#include "core/subprocess.hpp"
#include "rulepack/model.hpp"
#include "scanning/clang/kinds.hpp"
#include "scanning/clang/worker_protocol.hpp"

namespace lambdafit::cpp::worker {

namespace {

// What the stack-overflow handler needs, set up before each unit (the handler may only
// call async-signal-safe functions: it writes a prepared frame and exits).
int g_out = -1;
std::string g_overflow_frame;
char* g_stack_low = nullptr;  // lowest usable address of the parse thread's stack
constexpr std::size_t kGuard = 1u << 20;

void on_fault(int sig, siginfo_t* info, void*) {
  char* addr = static_cast<char*>(info->si_addr);
  if (g_stack_low && addr >= g_stack_low - kGuard && addr < g_stack_low + (64u << 10)) {
    (void)!::write(g_out, g_overflow_frame.data(), g_overflow_frame.size());
    ::_exit(0);
  }
  // Any other fault is a crash: let it end the worker with the signal, the parent notes it.
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

struct Unit {
  const TuJob* job;
  const EngineRules* rules;
  const std::string* root;
  const Hooks* hooks;
  TuResult result;
};

void* parse_thread(void* arg) {
  auto* u = static_cast<Unit*>(arg);
  // The handler runs on its own stack: the thread's is exhausted when it is needed.
  std::vector<char> alt(64u << 10);
  stack_t ss{};
  ss.ss_sp = alt.data();
  ss.ss_size = alt.size();
  ::sigaltstack(&ss, nullptr);
  if (u->hooks && u->hooks->before_unit) u->hooks->before_unit(*u->job);
  u->result = parse_tu(*u->job, *u->rules, *u->root);
  ss.ss_flags = SS_DISABLE;  // before `alt` goes away
  ::sigaltstack(&ss, nullptr);
  return nullptr;
}

// Parses on a thread with a known stack, so an overflow is recognised by its address.
TuResult parse_on_thread(const TuJob& job, const EngineRules& rules, const std::string& root,
                         const Hooks* hooks) {
  Unit u{&job, &rules, &root, hooks, {}};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  void* stack = nullptr;
  if (::posix_memalign(&stack, 4096, kParseStackBytes + kGuard) != 0) {
    pthread_attr_destroy(&attr);
    return parse_tu(job, rules, root);
  }
  // The lowest kGuard bytes are a guard: the thread's stack starts above them.
  ::mprotect(stack, kGuard, PROT_NONE);
  pthread_attr_setstack(&attr, static_cast<char*>(stack) + kGuard, kParseStackBytes);
  g_stack_low = static_cast<char*>(stack) + kGuard;
  pthread_t t;
  if (pthread_create(&t, &attr, parse_thread, &u) != 0) {
    pthread_attr_destroy(&attr);
    ::mprotect(stack, kGuard, PROT_READ | PROT_WRITE);
    std::free(stack);
    return parse_tu(job, rules, root);
  }
  pthread_join(t, nullptr);
  pthread_attr_destroy(&attr);
  g_stack_low = nullptr;
  ::mprotect(stack, kGuard, PROT_READ | PROT_WRITE);
  std::free(stack);
  return std::move(u.result);
}

// The unit may use `seconds` of CPU from now on; SIGXCPU ends the worker past it.
void limit_cpu(std::uint32_t seconds) {
  rusage ru{};
  ::getrusage(RUSAGE_SELF, &ru);
  const rlim_t used = static_cast<rlim_t>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec);
  rlimit rl{};
  ::getrlimit(RLIMIT_CPU, &rl);
  rl.rlim_cur = used + seconds + 1;
  if (rl.rlim_max != RLIM_INFINITY) rl.rlim_cur = std::min(rl.rlim_cur, rl.rlim_max);
  ::setrlimit(RLIMIT_CPU, &rl);
}

// One plan for a parent without LLVM: the same plan_translation_units it would run itself.
int plan_once(const std::string& request) {
  const auto req = decode_plan_request(request);
  if (!req) return 1;
  ScanInput in;
  in.root = req->root;
  in.build_dir = req->build_dir;
  in.mirror_of = req->mirror_of;
  in.clang_resource_dir = req->clang_resource_dir;
  in.cuda_path = req->cuda_path;
  in.files = req->files;
  ScanOutput out;
  PlanResult r;
  r.jobs = plan_translation_units(in, out);
  r.notes = std::move(out.summary().coverage_notes);
  return subprocess::write_all(g_out, frame(encode(r))) ? 0 : 1;
}

// Compiles each matcher text, as a parent without LLVM loading a rule pack asks.
int check_once(const std::string& request) {
  const auto texts = decode_check_request(request);
  if (!texts) return 1;
  std::vector<MatcherError> errors(texts->size());
  for (std::size_t i = 0; i < texts->size(); ++i) {
    MatcherError err;
    if (compile_matcher((*texts)[i], err)) continue;
    if (err.message.empty()) err.message = "invalid matcher";
    errors[i] = std::move(err);
  }
  return subprocess::write_all(g_out, frame(encode_check_result(errors))) ? 0 : 1;
}

}  // namespace

int serve(int argc, char** argv, const Hooks* hooks) {
  // Die with the parent (CI cancel, OOM kill): never keep parsing for nobody.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--parent") == 0 && ::getppid() != std::atoi(argv[i + 1])) return 1;
  // The protocol gets private descriptors; stdout then points at stderr, so stray output from
  // the parser cannot corrupt a frame.
  const int in = ::fcntl(0, F_DUPFD_CLOEXEC, 3);
  g_out = ::fcntl(1, F_DUPFD_CLOEXEC, 3);
  if (in < 0 || g_out < 0) return 1;
  ::dup2(2, 1);
  const int null = ::open("/dev/null", O_RDONLY);
  if (null >= 0) ::dup2(null, 0);

  struct sigaction sa{};
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGSEGV, &sa, nullptr);
  ::sigaction(SIGBUS, &sa, nullptr);

  const auto init_frame = read_frame(in);
  if (init_frame && first_word(*init_frame) == kPlanMagic) return plan_once(*init_frame);
  if (init_frame && first_word(*init_frame) == kCheckMagic) return check_once(*init_frame);
  const auto init = init_frame ? decode_init(*init_frame) : std::nullopt;
  if (!init) return 1;
  // With the parent's cache directory the pack comes from its compiled form (the worker's own
  // entry: its build differs from the parent's), and the other kinds' queries, which a worker
  // never runs, are not compiled to check them: that was most of a worker's start.
  set_cache_dir(init->cache_dir);
  auto pack = load_rule_pack(init->rule_dirs);
  if (!pack.ok()) {
    subprocess::write_all(g_out, frame(encode_ready("the rule pack did not load: " + pack.error_text())));
    return 1;
  }
  const std::set<std::string> wanted(init->detectors.begin(), init->detectors.end());
  EngineRules rules;
  rules.sdk = init->sdk;
  for (const auto& d : pack->data().detectors)
    if (wanted.count(d.id)) attach_to_parse(d, rules);
  if (!subprocess::write_all(g_out, frame(encode_ready("")))) return 1;

  while (auto f = read_frame(in)) {
    const auto job = decode_job(*f);
    if (!job) return 1;
    TuResult overflow;
    overflow.outcome = TuOutcome::failed;
    overflow.notes.push_back(fmt::format("{}: not parsed: the parse ran out of stack ({} MB)", job->display,
                                         kParseStackBytes >> 20));
    g_overflow_frame = frame(encode(overflow, /*exiting=*/true));
    limit_cpu(init->unit_seconds);
    const TuResult r = parse_on_thread(*job, rules, init->root, hooks);
    if (!subprocess::write_all(g_out, frame(encode(r)))) return 1;
  }
  return 0;
}

}  // namespace lambdafit::cpp::worker
