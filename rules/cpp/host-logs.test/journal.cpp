// Reading the journal and the audit log (stand-in headers here).
#include "stub/audit.h"
#include "stub/journal.h"

void tail_journal() {
  sd_journal* j = nullptr;
  sd_journal_open(&j, 0);                           // lambdafit-expect(cpp-journald)
  while (sd_journal_next(j) > 0) {                  // lambdafit-expect(cpp-journald)
  }
  int fd = audit_open();                            // lambdafit-expect(cpp-audit)
  (void)fd;
  sd_journal_print(6, "hello");                     // lambdafit-expect-not(cpp-log-reader-include): writes to the journal, reads nothing
}
