#!/usr/bin/env bash
# Manual check, not run by ctest (it downloads a Debian 12 base system and the package's
# dependencies, several hundred MB): install the .deb with apt into a fresh debootstrapped
# Debian 12 root and assess the C++ sample there. The C/C++ scan must parse cleanly, which
# needs the system headers the package depends on.
#   usage: tests/embed/clean_root_install.sh BUILD_DIR   (as root; needs debootstrap)
set -euo pipefail
build=$(realpath "${1:?usage: $0 BUILD_DIR}")
src=$(cd "$(dirname "$0")/../.." && pwd)
root=$(mktemp -d /tmp/lambdafit-cleanroot-XXXXXX)
trap 'umount "$root/proc" 2>/dev/null || true; rm -rf "$root"' EXIT
(cd "$build" && cpack -G DEB >/dev/null)
debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
cp "$build"/lambdafit_*_amd64.deb "$root/tmp/lambdafit.deb"
cp -r "$src/samples/legacy-daemon" "$root/tmp/legacy-daemon"
cp /etc/resolv.conf "$root/etc/"
mount -t proc proc "$root/proc"
chroot "$root" /bin/sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/lambdafit.deb >/dev/null'
report=$(chroot "$root" lambdafit assess /tmp/legacy-daemon --format json)
python3 - "$report" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
scan = r["scan"]
ok = r["verdict"] == "not-a-fit" and scan["tu_ok"] == 1 and scan["tu_errors"] == 0 and "native-os" in r["blocking"]
print("verdict:", r["verdict"], "| tu ok/errors:", scan["tu_ok"], scan["tu_errors"], "| blocking:", ", ".join(r["blocking"]))
print("clean-root install:", "passed" if ok else "FAILED")
sys.exit(0 if ok else 1)
PY
