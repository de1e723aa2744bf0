// A stand-in for libcap's header: only what the case calls.
#pragma once
extern "C" {
typedef struct _cap_struct* cap_t;
cap_t cap_get_proc(void);
}
