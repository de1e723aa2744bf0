"""`lambdafit rules test`: passes on the shipped pack, and on a user's own rule directory it
fails on an unannotated match and on a missing expected match, whatever the comment syntax."""
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from support import check, finish, run, source  # noqa: E402

# Kotlin and Makefile detectors stay on the text kind with golden cases in tests/detectors/text
# (not yet moved to annotated test folders).
GOLDEN_TEXT = ("rules/text/kotlin.yaml", "rules/text/makefile.yaml")
# Deployment descriptors keep their golden per-format cases in tests/detectors/descriptors
# (a JSON template cannot carry an annotation comment); the test there fails on any change.
DESCRIPTORS = "rules/descriptors/"

# The shipped pack: every tested rule file passes; the only rule files without a test folder
# are the descriptor rules and the two text rule files above.
code, out, err = run("rules", "test")
check(code == 0, f"rules test on the shipped pack: exit {code}\n{out}\n{err}")
check(re.search(r"^\d+ rule files passed, 0 failed$", out, re.M), f"no clean summary:\n{out}")
for name in ("rules/cpp/os-tuning.yaml", "rules/text/systemd.yaml", "rules/checklist/ssh-access.yaml",
             "rules/checklist/setup-dependencies.yaml"):
    check(re.search(r"^PASS .*" + re.escape(name), out, re.M), f"{name} not tested:\n{out}")
untested = re.search(r"^note: \d+ rule files with detectors have no \.test folder: (.*)$", out, re.M)
if untested:
    for path in untested.group(1).split(", "):
        check(path.endswith(GOLDEN_TEXT) or DESCRIPTORS in path,
              f"{path} has detectors and no tests")

RULE = """facts:
  - id: vault.opened
    title: opens the vault
    if_not_found: no
detectors:
  - id: vault-open
    kind: text
    fact: vault.opened
    paths: ["**"]
    patterns: ['\\bopen_vault\\(']
    message: opens the vault
  - id: vault-close
    kind: text
    fact: vault.opened
    paths: ["**"]
    patterns: ['\\bclose_vault\\(']
    message: closes the vault
"""

# One test file per comment syntax: #, //, /* */, <!-- -->, ;
GOOD = {
    "a.sh": "open_vault(1)  # lambdafit-expect(vault-open)\n"
            "# lambdafit-expect-not(vault-open)\n"
            "echo reopen_vault\n"
            "# lambdafit-expect(vault-close)\n"
            "close_vault(2)\n",
    "b.js": "open_vault(1);  // lambdafit-expect(vault-open)\n"
            "// lambdafit-expect-not(vault-close)\n"
            "// lambdafit-expect-not(vault-open)\n"
            "enclose_vault(3);\n",
    "c.c": "/* lambdafit-expect(vault-open, vault-close) */\n"
           "int x = open_vault(1) + close_vault(2);\n",
    "d.xml": "<!-- lambdafit-expect(vault-open) -->\n<call>open_vault(1)</call>\n",
    "e.ini": "; lambdafit-expect(vault-close)\nk = close_vault(1)\n",
}


CPP_RULE = """detectors:
  - id: vault-cpp
    kind: clang
    fact: vault.opened
    matcher: callExpr(callee(functionDecl(hasName("::open_vault"))))
    message: opens the vault from C++
"""
CPP_TEST = """int open_vault(int);
struct Door {
  int open_vault(int) { return 0; }
};
int f() {
  Door d;
  d.open_vault(1);  // lambdafit-expect-not(vault-cpp): a method
  return open_vault(2);  // lambdafit-expect(vault-cpp)
}
"""


def write_pack(root, files, cpp=False):
    os.makedirs(os.path.join(root, "vault.test"), exist_ok=True)
    with open(os.path.join(root, "vault.yaml"), "w") as f:
        f.write(RULE)
    for name, text in files.items():
        with open(os.path.join(root, "vault.test", name), "w") as f:
            f.write(text)
    if cpp:  # a C/C++ detector too, parsed by the worker processes
        os.makedirs(os.path.join(root, "cppvault.test"), exist_ok=True)
        with open(os.path.join(root, "cppvault.yaml"), "w") as f:
            f.write(CPP_RULE)
        with open(os.path.join(root, "cppvault.test", "a.cpp"), "w") as f:
            f.write(CPP_TEST)


with tempfile.TemporaryDirectory() as tmp:
    good = os.path.join(tmp, "good")
    write_pack(good, GOOD, cpp=True)
    code, out, err = run("rules", "test", good)
    check(code == 0, f"a passing user pack: exit {code}\n{out}\n{err}")
    check("PASS " + os.path.join(good, "vault.yaml") + " (2 detectors, 7 expected, 3 not expected)" in out,
          f"unexpected summary:\n{out}")

    # The same by a relative path, from another working directory.
    code, out, err = run("rules", "test", "good", cwd=tmp)
    check(code == 0 and "PASS good/vault.yaml" in out and
          "PASS good/cppvault.yaml (1 detectors, 1 expected, 1 not expected)" in out,
          f"a relative rule directory: exit {code}\n{out}\n{err}")

    # An unannotated match fails, and so does an expected match that does not happen.
    bad = os.path.join(tmp, "bad")
    files = dict(GOOD)
    files["a.sh"] += "open_vault(9)\n"                                   # line 6: not announced
    files["e.ini"] = "; lambdafit-expect(vault-close)\nk = 1\n"          # line 2: announced, no match
    files["f.py"] = "x = 1  # lambdafit-expect(vault-opn)\n"              # a misspelt id
    write_pack(bad, files)
    code, out, err = run("rules", "test", bad)
    check(code == 1, f"a failing user pack: exit {code}\n{out}\n{err}")
    t = os.path.join(bad, "vault.test")
    check(f"FAIL {os.path.join(bad, 'vault.yaml')}" in out, out)
    check(f"  + {t}/a.sh:6 vault-open" in out, f"no '+' line for the unannotated match:\n{out}")
    check(f"  - {t}/e.ini:2 vault-close" in out, f"no '-' line for the missing match:\n{out}")
    check(f"{t}/f.py:1:10: error: unknown detector 'vault-opn'; did you mean 'vault-open'?" in out, out)
    check(re.search(r"^0 rule files passed, 1 failed$", out, re.M), out)

    # A detector without a negative case is a failure too.
    thin = os.path.join(tmp, "thin")
    write_pack(thin, {"a.sh": "open_vault(1)  # lambdafit-expect(vault-open)\nclose_vault(1)  # lambdafit-expect(vault-close)\n"})
    code, out, err = run("rules", "test", thin)
    check(code == 1 and "detector 'vault-open' has no lambdafit-expect-not case" in out, f"exit {code}\n{out}")

    # Usage errors: no such directory, or nothing to test.
    code, out, err = run("rules", "test", os.path.join(tmp, "missing"))
    check(code == 2 and "is not a directory" in err, f"missing dir: exit {code} {err}")
    empty = os.path.join(tmp, "empty")
    os.makedirs(empty)
    with open(os.path.join(empty, "vault.yaml"), "w") as f:
        f.write(RULE)
    code, out, err = run("rules", "test", empty)
    check(code == 2 and "has a .test folder" in err, f"nothing to test: exit {code} {err}")

finish("rules test")
