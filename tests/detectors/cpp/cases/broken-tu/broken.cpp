// A translation unit full of errors: evidence before and after them is kept.
#include <unistd.h>
#include "does/not/exist.h"

int before() { return daemon(0, 0); }   // lambdafit-expect(cpp-daemonize)

int broken() {
  return undefined_function(1) + ;       // syntax error and an unknown name
}

template <typename T> struct S { T t; };
S<undefined_type> s;                    // error

struct Incomplete;
Incomplete value;                       // error

int after() { return setsid(); }        // lambdafit-expect(cpp-daemonize) after all the errors
