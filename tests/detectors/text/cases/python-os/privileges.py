"""Drops privileges. The docstring says resource.setrlimit( and os.setuid( : negative."""
import os
import pwd
import resource

resource.setrlimit(resource.RLIMIT_NOFILE, (65536, 65536))
with open("/proc/sys/net/core/somaxconn", "w") as f:
    f.write("4096")
pw = pwd.getpwnam("reporter")
os.setgid(pw.pw_gid)
os.setuid(pw.pw_uid)
# os.setuid(0)  negative: comment
limits = resource.getrlimit(resource.RLIMIT_NOFILE)
with open("/proc/sys/fs/file-max") as f:
    print(f.read())
user = os.getuid()


def setuid_helper():
    return "calls os.setuid( later"
