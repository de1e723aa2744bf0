// lambdafit-worker: the process the library parses C/C++ translation units in (see
// lib/scanning/clang/worker_main.hpp). Installed under libexec; not meant to be run by hand.
#include "scanning/clang/worker_main.hpp"

int main(int argc, char** argv) { return lambdafit::cpp::worker::serve(argc, argv); }
