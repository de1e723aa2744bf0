// Found through the inferred -I for include/ directories.
#pragma once
inline const char* log_dir() { return "/var/log/app/"; }  // lambdafit-expect(cpp-var-log-path): the path, in a header
