// Positive and negative cases for the local-state detector.
#include <cstdio>
#include <fstream>

void save(const char* data) {
  std::ofstream spool("/var/spool/app/queue.dat", std::ios::app);   // lambdafit-expect(cpp-state-file)
  spool << data;
  std::FILE* db = std::fopen("/var/lib/app/state.db", "r+");        // lambdafit-expect(cpp-state-file)
  if (db) std::fclose(db);
  std::ofstream scratch("/tmp/app/scratch.dat");                     // lambdafit-expect-not(cpp-state-file): /tmp is allowed
  std::FILE* cfg = std::fopen("/etc/app.conf", "r");                // lambdafit-expect-not(cpp-state-file): configuration
  if (cfg) std::fclose(cfg);
  std::puts("/var/lib/app/state.db");                                // lambdafit-expect-not(cpp-state-file): not opened
  // std::ofstream old("/var/lib/app/old.dat");
}
