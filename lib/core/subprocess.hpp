// Child processes, the one way lambdafit starts them: an argv (never a shell string), started
// with posix_spawn (safe in threaded embedders, unlike fork), waited for with EINTR-safe
// waitpid, and killed and reaped on every path, time limits included.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace lambdafit::subprocess {

struct SpawnOptions {
  std::vector<std::string> argv;  ///< argv[0] is looked up in PATH when it has no '/'
  std::string cwd;                ///< empty: the caller's working directory
  bool pipe_stdin = false;        ///< else /dev/null
  bool pipe_stdout = false;       ///< else /dev/null
  bool pipe_stderr = false;       ///< else /dev/null, or inherited when inherit_stderr
  bool inherit_stderr = false;
  /// Extra NAME=VALUE entries added to (or replacing in) the caller's environment.
  std::vector<std::string> env;
};

/// A started child. Pipe ends are close-on-exec in the parent; -1 when not piped.
struct Child {
  pid_t pid = -1;
  int in = -1;   ///< write end of the child's stdin
  int out = -1;  ///< read end of the child's stdout
  int err = -1;  ///< read end of the child's stderr
};

/// Starts a child; nullopt with `error` set when it cannot be started.
std::optional<Child> spawn(const SpawnOptions& o, std::string* error = nullptr);

/// Waits for `pid` (retrying on EINTR) and returns its raw wait status, or -1.
int wait_for(pid_t pid);

/// Kills `pid` with SIGKILL, reaps it, and closes the child's pipe ends.
void kill_and_reap(Child& c);

/// Closes the pipe ends of `c` that are still open.
void close_pipes(Child& c);

struct RunResult {
  int status = -1;  ///< exit code; -1 when it could not run, was killed, or timed out
  bool timed_out = false;
  std::string out;
  std::string err;
  std::string error;  ///< why it could not run
};

/// Runs argv to completion, feeding `input` (if any) and collecting stdout and stderr (each
/// capped at `max_output` bytes); a child still running after `timeout` is killed.
RunResult run(const std::vector<std::string>& argv, const std::string& cwd = {},
              std::chrono::milliseconds timeout = std::chrono::minutes(5),
              std::size_t max_output = 64u << 20);

/// Writes all of `data` to `fd`, retrying on EINTR; false on error.
bool write_all(int fd, const std::string& data);

}  // namespace lambdafit::subprocess
