// Reading the journal and the audit log (stand-in headers here).
#include "stub/audit.h"
#include "stub/journal.h"

void tail_journal() {
  sd_journal* j = nullptr;
  sd_journal_open(&j, 0);                           // match
  while (sd_journal_next(j) > 0) {                  // match
  }
  int fd = audit_open();                            // match
  (void)fd;
  sd_journal_print(6, "hello");                     // no: writes to the journal, reads nothing
}
