// lambdafit-expect-not(cpp-kernel-module-syscall)
// Kernel modules: glibc has no wrapper declarations, programs declare them or use syscall().
#include <sys/syscall.h>
#include <unistd.h>

#include <cstddef>

extern "C" int init_module(void* image, unsigned long len, const char* params);

int load(void* image, unsigned long len, int fd) {
  syscall(SYS_finit_module, fd, "", 0);            // lambdafit-expect(cpp-kernel-module-syscall)
  return init_module(image, len, "");              // lambdafit-expect(cpp-kernel-module)
}

struct Loader {
  int init_module() { return 0; }  // a method with the same name
};
int other() { return Loader().init_module(); }     // lambdafit-expect-not(cpp-kernel-module): method
