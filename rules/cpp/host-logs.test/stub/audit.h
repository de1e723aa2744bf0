// A stand-in for libaudit.h: only what the case calls.
#pragma once
// lambdafit-expect-not(cpp-audit)
extern "C" int audit_open(void);
