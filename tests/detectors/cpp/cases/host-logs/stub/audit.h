// A stand-in for libaudit.h: only what the case calls.
#pragma once
extern "C" int audit_open(void);
