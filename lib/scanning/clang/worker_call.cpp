#include "scanning/clang/worker_call.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include <fmt/format.h>

#include "core/subprocess.hpp"

namespace lambdafit::cpp::worker {

namespace {

using Clock = std::chrono::steady_clock;

// Sends `request` to a fresh worker and returns its one answer frame.
std::optional<std::string> call(const std::string& worker, const std::string& request,
                                std::chrono::seconds limit, std::string& why) {
  subprocess::SpawnOptions o;
  o.argv = {worker, "--parent", std::to_string(::getpid())};
  o.pipe_stdin = o.pipe_stdout = true;
  auto c = subprocess::spawn(o, &why);
  if (!c) return std::nullopt;
  // The worker reads the whole frame before it writes anything, so a blocking write is safe.
  const bool sent = subprocess::write_all(c->in, frame(request));
  ::close(c->in);
  c->in = -1;
  if (!sent) {
    subprocess::kill_and_reap(*c);
    why = "the worker did not accept the request";
    return std::nullopt;
  }
  std::string buffer;
  std::vector<std::string> frames;
  const auto deadline = Clock::now() + limit;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      subprocess::kill_and_reap(*c);
      why = fmt::format("the worker did not answer within {} s", limit.count());
      return std::nullopt;
    }
    pollfd fd{c->out, POLLIN, 0};
    const int ready = ::poll(&fd, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) {
      subprocess::kill_and_reap(*c);
      why = std::string("poll failed: ") + std::strerror(errno);
      return std::nullopt;
    }
    if (ready <= 0) continue;
    char buf[65536];
    const ssize_t n = ::read(c->out, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    buffer.append(buf, static_cast<std::size_t>(n));
    if (!take_frames(buffer, frames)) break;
    if (!frames.empty()) break;
  }
  subprocess::close_pipes(*c);
  const int status = subprocess::wait_for(c->pid);
  if (frames.empty()) {
    why = status >= 0 && WIFSIGNALED(status)
              ? fmt::format("the worker crashed ({})", ::strsignal(WTERMSIG(status)))
              : "the worker ended without an answer";
    return std::nullopt;
  }
  return std::move(frames.front());
}

}  // namespace

std::optional<PlanResult> plan_in_worker(const std::string& worker, const ScanInput& in, std::string& why) {
  PlanRequest req;
  req.root = in.root.string();
  req.build_dir = in.build_dir;
  req.mirror_of = in.mirror_of.string();
  req.clang_resource_dir = in.clang_resource_dir;
  req.cuda_path = in.cuda_path;
  req.files = in.files;
  const auto answer = call(worker, encode(req), std::chrono::seconds(300), why);
  if (!answer) return std::nullopt;
  auto r = decode_plan_result(*answer);
  if (!r) why = "the worker sent a garbled plan";
  return r;
}

std::optional<std::vector<MatcherError>> check_in_worker(const std::string& worker,
                                                         const std::vector<std::string>& matchers,
                                                         std::string& why) {
  const auto answer = call(worker, encode_check_request(matchers), std::chrono::seconds(60), why);
  if (!answer) return std::nullopt;
  auto r = decode_check_result(*answer);
  if (!r || r->size() != matchers.size()) {
    why = "the worker sent a garbled answer";
    return std::nullopt;
  }
  return r;
}

}  // namespace lambdafit::cpp::worker
