#!/usr/bin/env bash
# Benchmark: `strata commit` against `podman commit` of the same change on
# the same base: a container that added 100 small files and appended to a
# 5 MiB file of the image (one copy-up). The containers are made by running
# them (not timed); only the commit is timed. Rounds are interleaved
# (strata, podman, strata, podman ...) and medians reported: this machine's
# disk is noisy. Needs root (containers); no network: the base image is a
# busybox rootfs exported by strata and imported into both engines.
#
#   tests/bench/bench_commit.sh [BUILD_DIR] [ROUNDS] [DRIVER]
# Defaults: build 7 overlay. Prints a Markdown table and the ratio.
set -euo pipefail
build=${1:-build}
rounds=${2:-7}
driver=${3:-overlay}
strata=$(realpath "$build/engine/cli/strata")
work=$(mktemp -d /var/tmp/strata-bench-commit.XXXXXX)
podman_flags=(--root "$work/podman/root" --runroot "$work/podman/run" --storage-driver overlay
              --cgroup-manager cgroupfs --events-backend none)
cleanup() {
  podman "${podman_flags[@]}" rm -af >/dev/null 2>&1 || true
  podman "${podman_flags[@]}" system reset -f >/dev/null 2>&1 || true
  "$strata" --root "$work/strata" rm -f $("$strata" --root "$work/strata" ps -aq 2>/dev/null) >/dev/null 2>&1 || true
  umount -R "$work/podman" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
S() { "$strata" --root "$work/strata" --driver "$driver" "$@"; }
P() { podman "${podman_flags[@]}" "$@"; }

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# The base: strata's busybox rootfs plus /big.bin (5 MiB), imported into both.
S create --name seed strata/busybox >/dev/null
S export -o "$work/busybox.tar" seed
mkdir -p "$work/rootfs"
tar -C "$work/rootfs" -xf "$work/busybox.tar"
head -c $((5 * 1024 * 1024)) /dev/urandom >"$work/rootfs/big.bin"
tar -C "$work/rootfs" -cf "$work/base.tar" .
S import "$work/base.tar" bench/base:1 >/dev/null
P import -q "$work/base.tar" localhost/bench/base:1 >/dev/null

change='i=0; while [ $i -lt 100 ]; do echo "file $i" > /added-$i.txt; i=$((i+1)); done; echo tail >> /big.bin'

declare -a t_strata t_podman
for ((r = 0; r < rounds; r++)); do
  S run --name "s$r" bench/base:1 sh -c "$change"
  sync; t0=$(now)
  S commit "s$r" "bench/out:s$r" >/dev/null
  t_strata+=("$(echo "$(now) - $t0" | bc)")

  # podman's runtime cannot set its rlimits in this sandbox: the same
  # change is made through `podman mount` (the container's overlay merged dir).
  P create -q --name "p$r" localhost/bench/base:1 sh >/dev/null
  m=$(P mount "p$r")
  (cd "$m" && sh -c "$(echo "$change" | sed 's| /| ./|g')")
  P umount "p$r" >/dev/null
  sync; t0=$(now)
  P commit -q "p$r" "localhost/bench/out:p$r" >/dev/null
  t_podman+=("$(echo "$(now) - $t0" | bc)")
done

ms=$(printf '%s\n' "${t_strata[@]}" | median)
mp=$(printf '%s\n' "${t_podman[@]}" | median)
echo "| commit (100 added + one 5 MiB copy-up) | strata ($driver) s | podman (overlay) s | strata/podman |"
echo "|---|---:|---:|---:|"
printf '| median of %d | %.3f | %.3f | %.2f |\n' "$rounds" "$ms" "$mp" "$(echo "$ms / $mp" | bc -l)"
printf 'ratio strata/podman = %.2f (podman is %.1fx the time of strata)\n' "$(echo "$ms / $mp" | bc -l)" "$(echo "$mp / $ms" | bc -l)"
