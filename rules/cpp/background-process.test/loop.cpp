// lambdafit-expect-not(cpp-endless-server-loop)
// Event loops that serve until the process stops.
#include <event2/event.h>

// lambdafit-expect-not(cpp-event-loop)
int run(event_base* base) {
  return event_base_dispatch(base);                 // lambdafit-expect(cpp-event-loop)
}

int event_base_dispatch_count = 0;                  // lambdafit-expect-not(cpp-event-loop): a look-alike variable
