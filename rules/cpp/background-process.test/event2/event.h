// A stand-in for libevent's header: only what the case calls.
#pragma once
extern "C" {
struct event_base;
int event_base_dispatch(struct event_base*);
}
