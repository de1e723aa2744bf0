// lambdafit-expect-not(cpp-capabilities-include, cpp-pam-include)
// A stand-in for libcap's header: only what the case calls.
#pragma once
extern "C" {
typedef struct _cap_struct* cap_t;
// lambdafit-expect-not(cpp-capabilities)
cap_t cap_get_proc(void);
}
