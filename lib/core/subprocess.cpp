#include "core/subprocess.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

extern char** environ;

namespace lambdafit::subprocess {

namespace {

using Clock = std::chrono::steady_clock;

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// The caller's environment with `extra` NAME=VALUE entries set.
std::vector<std::string> environment(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) {
    const std::string entry(*e);
    const auto eq = entry.find('=');
    bool replaced = false;
    for (const auto& x : extra)
      if (x.compare(0, x.find('=') + 1, entry, 0, eq + 1) == 0) replaced = true;
    if (!replaced) env.push_back(entry);
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

}  // namespace

bool write_all(int fd, const std::string& data) {
  // A child that died makes the write fail with EPIPE and raise SIGPIPE, whose default action
  // would end the embedding program: block it in this thread and swallow the one raised here.
  sigset_t pipe_only, saved;
  sigemptyset(&pipe_only);
  sigaddset(&pipe_only, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_only, &saved);
  sigset_t pending;
  sigpending(&pending);
  const bool was_pending = sigismember(&pending, SIGPIPE);
  bool ok = true;
  std::size_t off = 0;
  while (off < data.size()) {
    const ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n < 0 && errno == EPIPE && !was_pending) {
        const timespec zero{0, 0};
        while (::sigtimedwait(&pipe_only, nullptr, &zero) < 0 && errno == EINTR) {
        }
      }
      ok = false;
      break;
    }
    off += static_cast<std::size_t>(n);
  }
  pthread_sigmask(SIG_SETMASK, &saved, nullptr);
  return ok;
}

std::optional<Child> spawn(const SpawnOptions& o, std::string* error) {
  auto fail = [&](const std::string& why) -> std::optional<Child> {
    if (error) *error = why;
    return std::nullopt;
  };
  if (o.argv.empty()) return fail("no program to run");
  int pin[2] = {-1, -1}, pout[2] = {-1, -1}, perr[2] = {-1, -1};
  auto close_all = [&] {
    for (int* p : {pin, pout, perr}) close_fd(p[0]), close_fd(p[1]);
  };
  if ((o.pipe_stdin && ::pipe2(pin, O_CLOEXEC) != 0) || (o.pipe_stdout && ::pipe2(pout, O_CLOEXEC) != 0) ||
      (o.pipe_stderr && ::pipe2(perr, O_CLOEXEC) != 0)) {
    const std::string why = std::strerror(errno);
    close_all();
    return fail("cannot create a pipe: " + why);
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  if (o.pipe_stdin) posix_spawn_file_actions_adddup2(&fa, pin[0], 0);
  else posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  if (o.pipe_stdout) posix_spawn_file_actions_adddup2(&fa, pout[1], 1);
  else posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  if (o.pipe_stderr) posix_spawn_file_actions_adddup2(&fa, perr[1], 2);
  else if (!o.inherit_stderr) posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  if (!o.cwd.empty()) posix_spawn_file_actions_addchdir_np(&fa, o.cwd.c_str());

  // Signals: default dispositions and an empty mask in the child, whatever the embedder set.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<std::string> args = o.argv;
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_s = environment(o.env);
  std::vector<char*> envp;
  for (auto& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);

  pid_t pid = -1;
  const bool search = o.argv[0].find('/') == std::string::npos;
  const int rc = search ? ::posix_spawnp(&pid, argv[0], &fa, &attr, argv.data(), envp.data())
                        : ::posix_spawn(&pid, argv[0], &fa, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  close_fd(pin[0]);
  close_fd(pout[1]);
  close_fd(perr[1]);
  if (rc != 0) {
    close_all();
    return fail("cannot run " + o.argv[0] + ": " + std::strerror(rc));
  }
  return Child{pid, pin[1], pout[0], perr[0]};
}

int wait_for(pid_t pid) {
  if (pid <= 0) return -1;
  int status = 0;
  for (;;) {
    if (::waitpid(pid, &status, 0) >= 0) return status;
    if (errno != EINTR) return -1;
  }
}

void close_pipes(Child& c) {
  close_fd(c.in);
  close_fd(c.out);
  close_fd(c.err);
}

void kill_and_reap(Child& c) {
  if (c.pid > 0) {
    ::kill(c.pid, SIGKILL);
    wait_for(c.pid);
    c.pid = -1;
  }
  close_pipes(c);
}

RunResult run(const std::vector<std::string>& argv, const std::string& cwd,
              std::chrono::milliseconds timeout, std::size_t max_output) {
  RunResult r;
  SpawnOptions o;
  o.argv = argv;
  o.cwd = cwd;
  o.pipe_stdout = o.pipe_stderr = true;
  auto child = spawn(o, &r.error);
  if (!child) return r;
  Child& c = *child;
  const auto deadline = Clock::now() + timeout;
  pollfd fds[2] = {{c.out, POLLIN, 0}, {c.err, POLLIN, 0}};
  std::string* sinks[2] = {&r.out, &r.err};
  int open_count = 2;
  while (open_count > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      r.timed_out = true;
      break;
    }
    const int ready = ::poll(fds, 2, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (ready < 0) {
      if (errno == EINTR) continue;
      r.error = std::string("poll failed: ") + std::strerror(errno);
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      char buf[65536];
      const ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        if (sinks[i]->size() < max_output)
          sinks[i]->append(buf, std::min(static_cast<std::size_t>(n), max_output - sinks[i]->size()));
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;
        --open_count;
      }
    }
  }
  if (open_count > 0) {  // timed out or poll failed: stop it rather than wait forever
    kill_and_reap(c);
    return r;
  }
  close_pipes(c);
  const int status = wait_for(c.pid);
  r.status = status >= 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (r.status == 127 && r.out.empty() && r.err.empty()) r.error = "cannot run " + argv[0];
  return r;
}

}  // namespace lambdafit::subprocess
