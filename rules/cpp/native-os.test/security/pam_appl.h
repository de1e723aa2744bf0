// A stand-in for Linux-PAM's header: only what the case calls.
#pragma once
extern "C" {
struct pam_handle;
typedef struct pam_handle pam_handle_t;
struct pam_conv;
int pam_start(const char* service, const char* user, const struct pam_conv* conv,
              pam_handle_t** pamh);
}
