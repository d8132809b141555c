#!/usr/bin/env bash
# Benchmark: `strata -H unix://…` against podman's own CLI on the same
# podman store, through podman's Docker-compatible API service: `ps -a` of
# CONTAINERS created containers and `images` of IMAGES tagged images (tags of
# one busybox import: the list calls cost the same per row). Rounds are
# interleaved (strata, podman, …) and medians reported: the disk is noisy.
# Needs root (podman's store); no network.
#
#   tests/bench/bench_remote.sh [BUILD_DIR] [ROUNDS] [CONTAINERS] [IMAGES]
# Defaults: build 7 500 200. Prints a Markdown table with the ratios.
set -euo pipefail
build=${1:-build}
rounds=${2:-7}
ncont=${3:-500}
nimg=${4:-200}
strata=$(realpath "$build/engine/cli/strata")
work=$(mktemp -d /var/tmp/strata-bench-remote.XXXXXX)
run=$(mktemp -d /tmp/sbr.XXXXXX) # podman wants a short runroot
podman_flags=(--root "$work/root" --runroot "$run" --storage-driver vfs
              --cgroup-manager cgroupfs --events-backend file --tmpdir "$work/tmp")
P() { podman "${podman_flags[@]}" "$@"; }
svc=
cleanup() {
  [ -n "$svc" ] && kill "$svc" 2>/dev/null && wait "$svc" 2>/dev/null || true
  P rm -af >/dev/null 2>&1 || true
  P system reset -f >/dev/null 2>&1 || true
  rm -rf "$work" "$run"
}
trap cleanup EXIT

mkdir -p "$work/rootfs/bin" "$work/rootfs/etc"
cp /bin/busybox "$work/rootfs/bin/"
ln -s busybox "$work/rootfs/bin/sh"
echo 'root:x:0:0:root:/root:/bin/sh' >"$work/rootfs/etc/passwd"
tar -C "$work/rootfs" -cf "$work/rootfs.tar" .
P import -q "$work/rootfs.tar" localhost/bench:0 >/dev/null
for i in $(seq 1 $((nimg - 1))); do P tag localhost/bench:0 "localhost/bench:$i"; done
for i in $(seq 1 "$ncont"); do P create -q --network none localhost/bench:0 /bin/sh >/dev/null; done

# Its own output elsewhere: an inherited stdout would hold a pipe open.
P system service --time=0 "unix://$work/podman.sock" >/dev/null 2>&1 &
svc=$!
for _ in $(seq 1 100); do [ -S "$work/podman.sock" ] && break; sleep 0.1; done
host="unix://$work/podman.sock"

now() { date +%s%N; }
# time_ms CMD...: one run's wall time in ms, output discarded.
time_ms() { local t0; t0=$(now); "$@" >/dev/null; echo $(( ($(now) - t0) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

bench() { # label, then the strata args, "--", the podman args
  local label=$1; shift
  local sargs=() pargs=()
  while [ "$1" != "--" ]; do sargs+=("$1"); shift; done
  shift; pargs=("$@")
  local s=() p=()
  for _ in $(seq 1 "$rounds"); do
    s+=("$(time_ms "$strata" -H "$host" "${sargs[@]}")")
    p+=("$(time_ms podman "${podman_flags[@]}" "${pargs[@]}")")
  done
  local ms mp
  ms=$(printf '%s\n' "${s[@]}" | median)
  mp=$(printf '%s\n' "${p[@]}" | median)
  echo "| $label | $ms ms | $mp ms | $(awk -v a="$ms" -v b="$mp" 'BEGIN {printf "%.2f", a / b}') |"
}

echo "| command | strata -H (podman API) | podman CLI | ratio |"
echo "|---|---|---|---|"
bench "ps -a ($ncont containers)" ps -a -- ps -a
bench "images ($nimg tags)" images -- images
