"""Drops privileges. The docstring says resource.setrlimit( and os.setuid( : negative."""  # lambdafit-expect-not(python-user-accounts)
import os
import pwd
import resource
from os import setuid
import pam  # lambdafit-expect(python-user-accounts)

resource.setrlimit(resource.RLIMIT_NOFILE, (65536, 65536))  # lambdafit-expect(python-setrlimit)
with open("/proc/sys/net/core/somaxconn", "w") as f:  # lambdafit-expect(python-proc-sys-write)
    f.write("4096")
with open("/proc/sys/vm/swappiness", mode="a") as f:  # lambdafit-expect(python-proc-sys-write)
    f.write("10")
pw = pwd.getpwnam("reporter")  # lambdafit-expect(python-user-accounts)
os.setgid(pw.pw_gid)  # lambdafit-expect(python-user-accounts)
setuid(pw.pw_uid)  # lambdafit-expect(python-user-accounts)
# os.setuid(0)  lambdafit-expect-not(python-user-accounts)
limits = resource.getrlimit(resource.RLIMIT_NOFILE)  # lambdafit-expect-not(python-setrlimit)
with open("/proc/sys/fs/file-max") as f:  # lambdafit-expect-not(python-proc-sys-write)
    print(f.read())
with open("/proc/sys/vm/swappiness", "r") as f:  # lambdafit-expect-not(python-proc-sys-write)
    print(f.read())
user = os.getuid()  # lambdafit-expect-not(python-user-accounts)


def setuid_helper():
    return "calls os.setuid( later"  # lambdafit-expect-not(python-user-accounts)
