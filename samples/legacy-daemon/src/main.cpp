// legacyd: accepts order messages over TCP and writes them to the spool directory.
#include <arpa/inet.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

namespace {

void raise_open_file_limit() {
  rlimit rl{65536, 65536};
  if (setrlimit(RLIMIT_NOFILE, &rl) != 0) std::perror("setrlimit");
}

void drop_privileges(const char* user) {
  passwd* pw = getpwnam(user);
  if (!pw) std::exit(1);
  initgroups(user, pw->pw_gid);
  if (setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0) std::exit(1);
}

void pin_to_cpu(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  sched_setaffinity(0, sizeof set, &set);
}

void watch_auth_log() {
  std::ifstream log("/var/log/auth.log");
  std::string line;
  while (std::getline(log, line)) {
    if (line.find("Failed password") != std::string::npos) std::fprintf(stderr, "%s\n", line.c_str());
  }
}

void serve(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  listen(fd, 1024);
  for (;;) {
    const int client = accept(fd, nullptr, nullptr);
    std::thread([client] {
      char buf[4096];
      const ssize_t n = read(client, buf, sizeof buf);
      if (n > 0) {
        std::ofstream spool("/var/spool/legacyd/orders.log", std::ios::app);
        spool.write(buf, n);
      }
      close(client);
    }).detach();
  }
}

}  // namespace

int main() {
  raise_open_file_limit();
  if (daemon(0, 0) != 0) return 1;
  pin_to_cpu(1);
  drop_privileges("legacyd");
  std::thread(watch_auth_log).detach();
  serve(7070);
}
