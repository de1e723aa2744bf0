// Reading the questionnaire's answers: with libedit on a terminal (arrow keys, Ctrl-A/E,
// history with up/down), plain reads otherwise. Either way a signal (Ctrl-C, SIGTERM, SIGHUP)
// that arrives while waiting ends the wait: the caller blocks those signals and passes the mask
// under which they may be delivered.
#pragma once

#include <signal.h>

#include <string>

namespace lambdafit::cli {

enum class Read { line, eof, interrupted };

class LineEditor {
 public:
  /// `interrupted` is set by the caller's signal handler.
  LineEditor(const sigset_t* wait_mask, volatile sig_atomic_t* interrupted);
  ~LineEditor();
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  /// Shows `prompt` and reads one line into `out` (without the newline).
  Read read(const std::string& prompt, std::string& out);

 private:
  bool edit_ = false;
};

}  // namespace lambdafit::cli
