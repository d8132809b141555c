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
# Then `image tree` of an 8,000-file image: the first time (an empty layer
# cache: the export is streamed, its layer tars kept and their headers read) against `podman save` of the
# same image, and cached against `podman image mount` + `find`.
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
# The big image: busybox and 80 directories of 100 small files.
mkdir -p "$work/big"
cp -a "$work/rootfs/." "$work/big/"
for d in $(seq 1 80); do
  mkdir "$work/big/d$d"
  for f in $(seq 1 100); do echo "file $f of directory $d" >"$work/big/d$d/f$f"; done
done
tar -C "$work/big" -cf "$work/big.tar" .
P import -q "$work/big.tar" localhost/big:1 >/dev/null

# Its own output elsewhere: an inherited stdout would hold a pipe open.
# podman itself in the background (not the P function: killing its subshell left podman running)
podman "${podman_flags[@]}" system service --time=0 "unix://$work/podman.sock" >/dev/null 2>&1 &
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

# image tree: the cache lives under XDG_CACHE_HOME (emptied for "first").
export XDG_CACHE_HOME="$work/cache"
tree_first() { rm -rf "$work/cache"; "$strata" -H "$host" image tree localhost/big:1; }
tree_cached() { "$strata" -H "$host" image tree localhost/big:1; }
podman_save() { P save -q -o "$work/save.tar" localhost/big:1; rm -f "$work/save.tar"; }
podman_find() { local m; m=$(P image mount localhost/big:1); find "$m" -ls; P image unmount localhost/big:1 >/dev/null; }
pair() { # label, strata function, podman function
  local s=() p=()
  for _ in $(seq 1 "$rounds"); do s+=("$(time_ms "$2")"); p+=("$(time_ms "$3")"); done
  local ms mp
  ms=$(printf '%s\n' "${s[@]}" | median)
  mp=$(printf '%s\n' "${p[@]}" | median)
  echo "| $1 | $ms ms | $mp ms | $(awk -v a="$ms" -v b="$mp" 'BEGIN {printf "%.2f", a / b}') |"
}
files=$(tree_cached | wc -l)
echo
echo "| image tree ($files paths) | strata -H | podman CLI | ratio |"
echo "|---|---|---|---|"
tree_cached >/dev/null
pair "first time (export, layer tars kept) vs podman save" tree_first podman_save
tree_cached >/dev/null
pair "cached vs podman image mount + find" tree_cached podman_find
echo
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
