"""`lambdafit rules query FILE 'QUERY'`: matches with captures, query errors at their column,
and what a workload's tree-sitter evidence looks like end to end (aliases, look-alikes)."""
import json
import os
import tempfile

from support import check, evidence_of, finish, run, source

ops = source("rules", "python", "host-tools.test", "ops.py")
code, out, err = run("rules", "query", ops,
                     '(call function: (_) @fn arguments: (argument_list) @args'
                     ' (#qualified? @fn "subprocess.check_call") (#command? @args "sysctl")) @match')
check(code == 0, f"query exited {code}: {err}")
check(out.splitlines()[0] == f"{ops}:10:1: match (pattern 1)", f"first line: {out!r}")
check("  @fn 10:1: sp.check_call" in out.splitlines(), f"captures: {out!r}")
check(out.splitlines()[-1] == "1 match", f"count: {out!r}")

code, out, err = run("rules", "query", ops, "(call (nosuch))")
check(code == 2, f"bad query exited {code}")
check("<query>:1:8: error: invalid node type 'nosuch' for this grammar" in err, f"error: {err!r}")

code, out, err = run("rules", "query", ops, '((identifier) @x (#frob? @x "y"))')
check(code == 2 and "unknown predicate '#frob?'" in err, f"unknown predicate: {code} {err!r}")

with tempfile.TemporaryDirectory() as tmp:
    script = os.path.join(tmp, "run-me")
    with open(script, "w") as f:
        f.write("#!/bin/sh\necho 'sysctl -w a=1'\nsysctl -w a=1\n")
    code, out, err = run("rules", "query", script, '((command) @c (#command? @c "sysctl"))')
    check(code == 0 and out.splitlines() == [f"{script}:3:1: match (pattern 1)", "  @c 3:1: sysctl -w a=1",
                                               "1 match"], f"shebang language: {out!r} {err!r}")
    code, out, err = run("rules", "query", script, "(command)", "--language", "cobol")
    check(code == 2 and "unknown language 'cobol'" in err, f"bad language: {code} {err!r}")

    # A workload with the failure classes the tree-sitter rules fix: only the real ones count.
    tmp = os.path.join(tmp, "workload")
    os.mkdir(tmp)
    with open(os.path.join(tmp, "audit.sh"), "w") as f:
        f.write('#!/bin/sh\nLogText "Hash (ssh or machineid)"\ncase "$m" in\n  modprobe) echo x ;;\nesac\n'
                'cat /proc/sys/vm/swappiness\nReportSuggestion "(yum install pkg)"\nsysctl -w vm.swappiness=1\n')
    with open(os.path.join(tmp, "tool.py"), "w") as f:
        f.write('import subprocess as sp\nsp.check_call(["sysctl", "-w", "vm.swappiness=1"])\n')
    code, out, err = run("assess", tmp, "--format", "json")
    check(code == 0, f"assess exited {code}: {err}")
    if code == 0:
        rep = json.loads(out)
        ev = sorted((e["path"], e["line"], e["detector"]) for c in rep["criteria"] for e in evidence_of(rep, c))
        ts = [e for e in ev if e[2].startswith(("shell-", "python-"))]
        check(ts == [("audit.sh", 8, "shell-sysctl-write"), ("tool.py", 2, "python-host-tool")],
              f"evidence: {ts}")

finish("rules query")
