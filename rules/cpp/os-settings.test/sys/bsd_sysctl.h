/* A stand-in for the BSD sysctl declarations. */
#pragma once
#include <stddef.h>
int sysctlbyname(const char* name, void* oldp, size_t* oldlenp, const void* newp, size_t newlen);
