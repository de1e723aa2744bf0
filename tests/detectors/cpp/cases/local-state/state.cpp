// Positive and negative cases for the local-state detector.
#include <cstdio>
#include <fstream>

void save(const char* data) {
  std::ofstream spool("/var/spool/app/queue.dat", std::ios::app);   // match
  spool << data;
  std::FILE* db = std::fopen("/var/lib/app/state.db", "r+");        // match
  if (db) std::fclose(db);
  std::ofstream scratch("/tmp/app/scratch.dat");                     // no: /tmp is allowed
  std::FILE* cfg = std::fopen("/etc/app.conf", "r");                // no: configuration
  if (cfg) std::fclose(cfg);
  std::puts("/var/lib/app/state.db");                                // no: not opened
  // std::ofstream old("/var/lib/app/old.dat");
}
