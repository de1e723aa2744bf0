#include "line_editor.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include <editline/readline.h>

namespace lambdafit::cli {

namespace {

const sigset_t* g_mask = nullptr;
volatile sig_atomic_t* g_flag = nullptr;

// One byte from standard input; the signals are let in only while waiting. -1 at end of input
// or when a signal ended the wait.
int wait_byte() {
  for (;;) {
    if (*g_flag) return -1;
    pollfd pfd{STDIN_FILENO, POLLIN, 0};
    const int ready = ::ppoll(&pfd, 1, nullptr, g_mask);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return -1;
    unsigned char c;
    const auto n = ::read(STDIN_FILENO, &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return -1;
    return c;
  }
}

// libedit asks for characters, not bytes: decode UTF-8 here so typed accents survive.
int getc_for_libedit(FILE*) {
  const int b = wait_byte();
  if (b < 0x80) return b;
  const int extra = (b >> 5) == 0x6 ? 1 : (b >> 4) == 0xE ? 2 : (b >> 3) == 0x1E ? 3 : 0;
  if (extra == 0) return 0xFFFD;
  int cp = b & (0x3F >> extra);
  for (int i = 0; i < extra; ++i) {
    const int c = wait_byte();
    if (c < 0) return -1;
    if ((c & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (c & 0x3F);
  }
  return cp;
}

}  // namespace

LineEditor::LineEditor(const sigset_t* wait_mask, volatile sig_atomic_t* interrupted) {
  g_mask = wait_mask;
  g_flag = interrupted;
  edit_ = ::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO);
  if (edit_) {
    rl_catch_signals = 0;  // our own handlers run; libedit must not install its own
    rl_getc_function = getc_for_libedit;
    rl_initialize();
    using_history();
    stifle_history(200);
  }
}

LineEditor::~LineEditor() {
  if (edit_) clear_history();
}

Read LineEditor::read(const std::string& prompt, std::string& out) {
  out.clear();
  if (edit_) {
    std::cout << std::flush;
    char* line = readline(prompt.c_str());
    if (!line) return *g_flag ? Read::interrupted : Read::eof;
    out = line;
    std::free(line);
    if (!out.empty()) add_history(out.c_str());
    return Read::line;
  }
  std::cout << prompt << std::flush;
  for (;;) {
    const int c = wait_byte();
    if (c < 0) return *g_flag ? Read::interrupted : Read::eof;  // a cut-short line is not an answer
    if (c == '\n') return Read::line;
    out += static_cast<char>(c);
  }
}

}  // namespace lambdafit::cli
