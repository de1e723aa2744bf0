// A healthy neighbour of the broken TU: parsed normally.
#include <sys/socket.h>

int serve(int fd) { return listen(fd, 8); }  // lambdafit-expect(cpp-socket-listen)
