#!/usr/bin/env bash
# Where the time of one `strata load` goes, next to `bsdtar -xf` of the same
# layer tar: the image is bench_load.sh's (one layer, N small files in 100
# dirs plus 20 files of 5 MiB). For each tool, into a fresh target:
#   - wall, user and system time of one plain run (/usr/bin/time);
#   - `strace -f -c -w`: system calls by count and by wall time spent in them
#     (strace slows every call: read the shares and the counts);
#   - the calls that wait for the disk (fsync, syncfs) with their durations;
#   - the phases of one load: start to the first byte of the layer, the
#     unpack, and the syncs until exit (strace --seccomp-bpf traces
#     only the calls that mark them, so the others run at full speed).
# Needs root for strata's tar-split path (as the benchmark).
#
#   tests/bench/profile_load.sh [BUILD_DIR] [FILES]     defaults: build 10000
set -euo pipefail
build=${1:-build}
n=${2:-10000}
strata=$(realpath "$build/engine/cli/strata")
work=$(mktemp -d /var/tmp/strata-profile-load.XXXXXX)
trap 'rm -rf "$work"' EXIT

python3 "$(dirname "$0")/make_load_rootfs.py" "$work/rootfs" "$n"
tar -C "$work/rootfs" --sort=name -cf "$work/rootfs.tar" .
"$strata" --root "$work/seed" import "$work/rootfs.tar" bench/load >/dev/null
"$strata" --root "$work/seed" save -o "$work/image.tar" bench/load
layer=$(tar -xOf "$work/image.tar" manifest.json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Layers"][0])')
tar -xOf "$work/image.tar" "$layer" >"$work/layer.tar"
rm -rf "$work/seed" "$work/rootfs" "$work/rootfs.tar"
for i in 1 2 3 4; do
  "$strata" --root "$work/s$i" images -q >/dev/null
  mkdir "$work/b$i"
done
sync

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $n small files, layer $(($(stat -c %s "$work/layer.tar") / 1048576)) MiB"
echo
echo "## one plain run each (wall / user / system seconds)"
sync
/usr/bin/time -f "strata load: %e / %U / %S" "$strata" --root "$work/s1" load -q -i "$work/image.tar" >/dev/null
sync
/usr/bin/time -f "bsdtar -xf:  %e / %U / %S" bsdtar -xf "$work/layer.tar" -C "$work/b1"
echo
echo "## system calls (strace -f -c -w), strata load"
sync
strace -f -c -w -o "$work/c.strata" "$strata" --root "$work/s2" load -q -i "$work/image.tar" >/dev/null
head -25 "$work/c.strata"
echo
echo "## system calls (strace -f -c -w), bsdtar -xf"
sync
strace -f -c -w -o "$work/c.bsdtar" bsdtar -xf "$work/layer.tar" -C "$work/b2"
head -25 "$work/c.bsdtar"
echo
for t in strata bsdtar; do
  total=$(awk '$NF == "total" {print $(NF-2)}' "$work/c.$t")
  echo "$t: $total system calls, $(awk -v t="$total" -v n="$n" 'BEGIN {printf "%.1f", t / n}') per small file"
done
echo
echo "## waits for the disk (strace -T), strata load"
sync
strace -f -T -e trace=fsync,fdatasync,syncfs -o "$work/sync.strata" "$strata" --root "$work/s3" load -q -i "$work/image.tar" >/dev/null
grep -v '^[0-9]* +++' "$work/sync.strata" || true
echo
echo "## phases of one load (ms)"
sync
strace -f --seccomp-bpf -ttt -e trace=execve,pread64,syncfs,fsync,exit_group -o "$work/phases" \
  "$strata" --root "$work/s4" load -q -i "$work/image.tar" >/dev/null
# Main thread only for the syncs (the pacer's thread and the detached
# syncer have their own ids); "syncs until exit": from the first sync call
# (the layer's syncfs, or with deferred durability its pending entry's
# fsync) to exit. The detached syncer's syncfs runs after the exit.
awk '/execve\(/ && !t0 {t0 = $2; main = $1} /pread64\(.*, 1048576, / && !p {p = $2}
  $1 == main && /syncfs\(|fsync\(/ && !s {s = $2} $1 == main && /exit_group/ {e = $2}
  $1 != main && /syncfs\(/ && !d {d = $2}
  END {printf "start to first layer byte %.1f, unpack %.1f, syncs until exit %.1f, in all %.1f", (p - t0) * 1000, (s - p) * 1000, (e - s) * 1000, (e - t0) * 1000
       if (d > e) printf "; a detached syncfs started %.1f after the exit", (d - e) * 1000
       printf "\n"}' "$work/phases"
echo
echo "## what the store keeps for the layer"
du -sh --apparent-size "$work/s3/layers"/*/diff "$work/s3/layers"/*/tar-split 2>/dev/null | sort -h | tail -3
du -sh --apparent-size "$work/s3/blobs" | sed 's/$/ (configs and manifests; the layer blob is rebuilt from the tar-split)/'
