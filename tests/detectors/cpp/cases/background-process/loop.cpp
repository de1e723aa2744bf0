// Event loops that serve until the process stops.
#include <event2/event.h>

int run(event_base* base) {
  return event_base_dispatch(base);                 // match
}

int event_base_dispatch_count = 0;                  // no: a look-alike variable
