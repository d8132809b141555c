#!/usr/bin/env bash
# Where the time of one `strata run --rm strata/busybox true` goes: one run
# under `strace -f -tt`, cut into the run's stages by the system calls that
# mark them (the shim's fork, the container's clone, the command's exec, the
# union's umount, the record's removal; `--rm` leaves the umount and the
# deletion to a detached process, marked "(detached)": the CLI may exit
# before them). strace slows every system call, so
# read the shares, not the absolute figures. Also prints `strace -c -f`
# totals (counts of forks, execs, fsyncs, mounts, and the messages between
# the CLI, the shim and the container's init: sendmsg/recvmsg), the shared
# libraries the CLI and the container's init (the sealed strata-shim) map
# at their start, and `perf stat` of 10 runs (CPU time and context switches
# of the CLI, the shim and the container together: less load-sensitive than
# wall time). Needs root.
#
#   tests/bench/profile_run.sh [BUILD_DIR] [STORE_DIR]
set -euo pipefail
build=${1:-build}
strata=$(realpath "$build/engine/cli/strata")
store=${2:-$(mktemp -d /var/tmp/strata-profile.XXXXXX)}
trace=$(mktemp /var/tmp/strata-profile-trace.XXXXXX)
trap 'rm -f "$trace" "$trace.c"' EXIT
"$strata" --root "$store" images >/dev/null
"$strata" --root "$store" run --rm --network none strata/busybox true # warm caches
strace -f -tt -o "$trace" "$strata" --root "$store" run --rm --network none strata/busybox true
strace -f -c -o "$trace.c" "$strata" --root "$store" run --rm --network none strata/busybox true
python3 - "$trace" <<'PY'
import re, sys
marks = [
    ("CLI started", r"execve\(\"[^\"]*/strata\""),
    ("store opened, record written (create)", r"rename\(.*config\.v2\.json"),
    ("union mounted", r"mount\(\"overlay\""),
    ("runtime.json written, shim forked", r"(clone|clone3|fork|vfork)\(.*SIGCHLD"),
    ("container cloned into its namespaces", r"clone\(.*CLONE_NEWNS"),
    ("pivot_root done", r"pivot_root\("),
    ("command exec'd", r"execve\(\"/bin/true\""),
    ("command exited, shim reaped it", r"wait4\(-1, \[\{WIFEXITED"),
    ("record Removing, directory renamed into staging", r"rename\(\"[^\"]*/containers/[0-9a-f]{64}\", "),
    ("(detached) union unmounted", r"umount2\(\"[^\"]*/merged\""),
    ("(detached) layer and record deleted", r"rmdir\(\"[^\"]*/tmp/container-rm-[^\"]*\"\)"),
]
def t(line):
    h, m, s = line.split()[1].split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)
lines = [l for l in open(sys.argv[1]) if re.match(r"\d+ +\d", l)]
first = t(lines[0])
seen, out = set(), []
for l in lines:
    for name, pat in marks:
        if name not in seen and re.search(pat, l):
            seen.add(name)
            out.append((t(l) - first, name))
cli = lines[0].split()[0]
ends = [l for l in lines if l.split()[0] == cli and "exit_group" in l]
if ends:
    out.append((t(ends[-1]) - first, "CLI exits"))
last = t(lines[-1]) - first
prev = 0.0
print("| stage ends at | ms (under strace) | stage ms |")
print("|---|---:|---:|")
for at, name in sorted(out):
    print(f"| {name} | {at*1000:.1f} | {(at-prev)*1000:.1f} |")
    prev = at
print(f"| (last system call) | {last*1000:.1f} | {(last-prev)*1000:.1f} |")
PY
echo
grep -E "^ *[0-9.]+ +[0-9.]+ +[0-9]+ +[0-9]+ +[0-9]* *(clone|clone3|execve|execveat|fsync|mount|umount2|rename|wait4|sendmsg|recvmsg|total)" "$trace.c" || true
awk '/total/ {print "system calls in all: " $4}' "$trace.c"
echo "shared libraries mapped: strata $(ldd "$strata" | grep -c '=>'), strata-shim $(ldd "$(dirname "$strata")/../runtime/strata-shim" 2>/dev/null | grep -c '=>')"
if command -v perf >/dev/null; then
  perf stat -r 10 -e task-clock,context-switches "$strata" --root "$store" run --rm --network none strata/busybox true 2>&1 >/dev/null |
    grep -E "task-clock|context-switches|elapsed"
fi
