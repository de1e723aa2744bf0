// A stand-in for systemd's sd-journal.h: only what the case calls.
#pragma once
extern "C" {
typedef struct sd_journal sd_journal;
// lambdafit-expect-not(cpp-journald)
int sd_journal_open(sd_journal** ret, int flags);
int sd_journal_next(sd_journal* j);
int sd_journal_print(int priority, const char* format, ...);
}
