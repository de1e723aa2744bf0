#!/usr/bin/env bash
# Lint speed (issue 6, item 7): one changed file in a generated corpus of N C++ sources and N
# shell scripts, against `clang-19 -fsyntax-only` of that file. Prints the best of 5 wall
# times and the ratios; not a test. Usage: bench_lint.sh [LAMBDAFIT] [N]
set -euo pipefail
L=${1:-${LAMBDAFIT:-build/tools/lambdafit/lambdafit}}
L=$(realpath "$L")
N=${2:-400}
C=$(mktemp -d -t lambdafit-lint-bench-XXXXXX)
trap 'rm -rf "$C"' EXIT
cd "$C"
git init -q
mkdir -p src scripts
for i in $(seq 1 "$N"); do
  cat > "src/m$i.cpp" <<CPP
#include <map>
#include <string>
#include <vector>
#include <sys/resource.h>
namespace m$i {
int f(int x) { std::vector<std::string> v(x); std::map<int, int> m; for (auto& s : v) m[s.size()]++; return (int)m.size(); }
}
CPP
  printf '#!/bin/sh\necho %s\n' "$i" > "scripts/s$i.sh"
done
git add -A
git -c user.name=bench -c user.email=bench@example.invalid commit -qm base
echo 'int g() { struct rlimit r{1, 1}; return setrlimit(RLIMIT_CORE, &r); }' >> src/m7.cpp
echo 'ulimit -n 65536' >> scripts/s7.sh
git add -A

best() {  # best wall time of 5 runs, in seconds
  local b=
  for _ in 1 2 3 4 5; do
    local s e
    s=$(date +%s%N); "$@" > /dev/null 2>&1 || true; e=$(date +%s%N)
    local t=$(( (e - s) / 1000000 ))
    if [ -z "$b" ] || [ "$t" -lt "$b" ]; then b=$t; fi
  done
  echo "$b"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
clang_ms=$(best clang-19 -fsyntax-only -std=gnu++20 src/m7.cpp)
one_ms=$(best "$L" lint src/m7.cpp)
staged_ms=$(best "$L" lint --staged)
lines_ms=$(best "$L" lint --staged --changed-lines-only)
script_ms=$(best "$L" lint scripts/s7.sh)
echo "corpus: $N C++ sources + $N shell scripts; one of each changed"
echo "clang-19 -fsyntax-only src/m7.cpp             ${clang_ms} ms"
echo "lambdafit lint src/m7.cpp                     ${one_ms} ms   ratio $(ratio "$one_ms" "$clang_ms")"
echo "lambdafit lint --staged (the 2 changed files) ${staged_ms} ms   ratio $(ratio "$staged_ms" "$clang_ms")"
echo "lambdafit lint --staged --changed-lines-only  ${lines_ms} ms   ratio $(ratio "$lines_ms" "$clang_ms")"
echo "lambdafit lint scripts/s7.sh                  ${script_ms} ms"
