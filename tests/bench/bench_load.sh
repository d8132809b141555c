#!/usr/bin/env bash
# Benchmark: `strata load` of a docker-archive, side by side with extracting
# the very same layer tar with bsdtar and GNU tar, and with `podman load` of
# the same archive. The image has one layer: N small files in 100 dirs plus
# 20 files of 5 MiB of random bytes.
#
#   tests/bench/bench_load.sh [BUILD_DIR] [ROUNDS] [FILE_COUNTS...]
#   defaults: build 5 10000          e.g. tests/bench/bench_load.sh build 5 1000 10000 100000
#
# Rounds are interleaved (strata, bsdtar, tar, podman, strata, ...) so noise
# from other work on the machine hits every tool alike; we report medians
# (and the minimum, the least disturbed run). Each command starts on an
# empty target after `sync`, so no one pays for another's writeback.
# Two times per command: "run" = until the command exits; "+sync" = until
# its data is on disk (strata and podman fsync what they store, the tar
# tools do not, so "+sync" is the like-for-like durable cost).
# STRATA_BASELINE=/path/to/an/older/strata adds that binary to the same
# interleaved rounds, for before/after figures under the same noise.
# Set-up that is not the measured work (creating the rootfs, priming an
# empty store) happens outside the timed part. BENCH_SETTLE=SECONDS (default
# 65) is the pause between set-up and timing; see run_case for why.
set -euo pipefail
build=${1:-build}
rounds=${2:-5}
shift $(($# > 2 ? 2 : $#)) || true
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(10000)
strata=$(realpath "$build/engine/cli/strata")
baseline=${STRATA_BASELINE:-}
# /var/tmp: on disk (tmpfs /tmp would hide the filesystem costs we measure).
work=$(mktemp -d /var/tmp/strata-bench.XXXXXX)
# podman refuses runroots longer than 50 characters.
podrun=$(mktemp -d /tmp/strata-bench-run.XXXXXX)
trap 'rm -rf "$work" "$podrun"' EXIT
have_podman=$(command -v podman >/dev/null && echo 1 || echo 0)
# pod NAME ARGS...: podman on its own store $work/NAME (vfs, no systemd).
pod() {
  local name=$1
  shift
  podman --root "$work/$name" --runroot "$podrun/$name" --storage-driver vfs \
    --cgroup-manager cgroupfs --events-backend file "$@"
}

ns() { date +%s%N; }
# median and min of a list of nanosecond values, printed in seconds
stats() { sort -n | awk '{a[NR]=$1} END {m=(NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2); printf "%.3f %.3f\n", m/1e9, a[1]/1e9}'; }

machine_facts() {
  echo "- date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "- CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores online"
  echo "- RAM: $(free -g | awk '/^Mem:/ {print $2}') GiB; load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- kernel: $(uname -r); filesystem of the work dir: $(df -T "$work" | awk 'NR==2 {print $2}') ($(df -T "$work" | awk 'NR==2 {print $1}'))"
  echo "- strata $(git -C "$(dirname "$0")" rev-parse --short HEAD 2>/dev/null || echo '?'), $(grep -m1 CMAKE_BUILD_TYPE: "$build/CMakeCache.txt" | cut -d= -f2) build"
  echo "- $(bsdtar --version | head -1); $(tar --version | head -1)"
  [ "$have_podman" = 1 ] && echo "- $(podman --version), storage driver vfs"
  echo "- rounds per case: $rounds (interleaved); figures are medians, min in parentheses"
}

# N small files (1..7 short lines each) in 100 dirs, plus 20 files of 5 MiB.
make_rootfs() {
  python3 - "$1" "$2" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for d in range(100):
    os.makedirs(f"{root}/d{d:03}", exist_ok=True)
for i in range(n):
    with open(f"{root}/d{i % 100:03}/f{i:06}.txt", "w") as f:
        f.write(f"file {i}\n" * (1 + i % 7))
os.makedirs(f"{root}/big", exist_ok=True)
for i in range(20):
    with open(f"{root}/big/blob{i:02}.bin", "wb") as f:
        f.write(os.urandom(5 * 1024 * 1024))
PY
}

# timed CMD...: runs CMD, appends "run_ns sync_ns" to the array named by $T.
timed() {
  sync
  local t0 t1 t2
  t0=$(ns)
  "$@" >/dev/null
  t1=$(ns)
  sync
  t2=$(ns)
  eval "$T+=(\"$((t1 - t0)) $((t2 - t0))\")"
}

run_case() {
  local n=$1 dir="$work/n$n"
  mkdir -p "$dir"
  make_rootfs "$dir/rootfs" "$n"
  # The archive: a one-layer docker-archive. Its layer tar is extracted from
  # the archive itself, so every tool reads exactly the same bytes.
  local seed="$dir/seed"
  tar -C "$dir/rootfs" --sort=name -cf "$dir/rootfs.tar" .
  "$strata" --root "$seed" import "$dir/rootfs.tar" bench/load:"$n" >/dev/null
  "$strata" --root "$seed" save -o "$dir/image.tar" bench/load:"$n"
  rm -rf "$seed" "$dir/rootfs" "$dir/rootfs.tar"
  local layer
  layer=$(tar -xOf "$dir/image.tar" manifest.json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Layers"][0])')
  tar -xOf "$dir/image.tar" "$layer" >"$dir/layer.tar"
  local tar_mib
  tar_mib=$(($(stat -c %s "$dir/layer.tar") / 1048576))

  # Every target exists (empty, initialised) before timing starts and nothing
  # is deleted until the case ends: on ext4 without a journal (this machine)
  # creating a file skips inodes deleted in the last minute or more, one
  # inode-table read each, so a big `rm -rf` just before a timed run makes
  # that run slower, whichever tool it is. Hence also the settle pause.
  for ((r = 0; r < rounds; r++)); do
    "$strata" --root "$dir/s$r" images -q >/dev/null # an empty store with its built-in images
    if [ -n "$baseline" ]; then "$baseline" --root "$dir/o$r" images -q >/dev/null; fi
    mkdir "$dir/b$r" "$dir/g$r"
    if [ "$have_podman" = 1 ]; then pod "p$n-$r" images -q >/dev/null; fi
  done
  sync
  sleep "${BENCH_SETTLE:-65}"

  local -a t_strata=() t_bsdtar=() t_gnutar=() t_podman=() t_base=()
  for ((r = 0; r < rounds; r++)); do
    T=t_strata timed "$strata" --root "$dir/s$r" load -q -i "$dir/image.tar"
    if [ -n "$baseline" ]; then T=t_base timed "$baseline" --root "$dir/o$r" load -q -i "$dir/image.tar"; fi
    T=t_bsdtar timed bsdtar -xf "$dir/layer.tar" -C "$dir/b$r"
    T=t_gnutar timed tar -xf "$dir/layer.tar" -C "$dir/g$r"
    if [ "$have_podman" = 1 ]; then
      T=t_podman timed pod "p$n-$r" load -q -i "$dir/image.tar"
    fi
  done

  # row: files, tar MiB, then per tool "median (min)" for run and +sync, ratios on medians
  read -r s_run s_run_min < <(printf '%s\n' "${t_strata[@]}" | cut -d' ' -f1 | stats)
  read -r s_syn s_syn_min < <(printf '%s\n' "${t_strata[@]}" | cut -d' ' -f2 | stats)
  read -r b_run b_run_min < <(printf '%s\n' "${t_bsdtar[@]}" | cut -d' ' -f1 | stats)
  read -r b_syn b_syn_min < <(printf '%s\n' "${t_bsdtar[@]}" | cut -d' ' -f2 | stats)
  read -r g_run g_run_min < <(printf '%s\n' "${t_gnutar[@]}" | cut -d' ' -f1 | stats)
  read -r g_syn g_syn_min < <(printf '%s\n' "${t_gnutar[@]}" | cut -d' ' -f2 | stats)
  if [ "$have_podman" = 1 ]; then
    read -r p_run p_run_min < <(printf '%s\n' "${t_podman[@]}" | cut -d' ' -f1 | stats)
    read -r p_syn p_syn_min < <(printf '%s\n' "${t_podman[@]}" | cut -d' ' -f2 | stats)
  else
    p_run=0 p_run_min=0 p_syn=0 p_syn_min=0
  fi
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "n/a" }'; }
  printf '| %s | %s | %s (%s) | %s (%s) | %s (%s) | %s (%s) | %s | %s | %s |\n' \
    "$n" "$tar_mib" "$s_run" "$s_run_min" "$b_run" "$b_run_min" "$g_run" "$g_run_min" "$p_run" "$p_run_min" \
    "$(ratio "$s_run" "$b_run")" "$(ratio "$s_run" "$g_run")" "$(ratio "$s_run" "$p_run")"
  SYNC_ROWS+=("$(printf '| %s | %s (%s) | %s (%s) | %s (%s) | %s (%s) | %s | %s | %s |' \
    "$n" "$s_syn" "$s_syn_min" "$b_syn" "$b_syn_min" "$g_syn" "$g_syn_min" "$p_syn" "$p_syn_min" \
    "$(ratio "$s_syn" "$b_syn")" "$(ratio "$s_syn" "$g_syn")" "$(ratio "$s_syn" "$p_syn")")")
  if [ -n "$baseline" ]; then
    local o_run o_run_min o_syn o_syn_min
    read -r o_run o_run_min < <(printf '%s\n' "${t_base[@]}" | cut -d' ' -f1 | stats)
    read -r o_syn o_syn_min < <(printf '%s\n' "${t_base[@]}" | cut -d' ' -f2 | stats)
    BASE_ROWS+=("$(printf '| %s | %s (%s) | %s (%s) | %s | %s (%s) | %s (%s) | %s |' \
      "$n" "$o_run" "$o_run_min" "$s_run" "$s_run_min" "$(ratio "$s_run" "$o_run")" \
      "$o_syn" "$o_syn_min" "$s_syn" "$s_syn_min" "$(ratio "$s_syn" "$o_syn")")")
  fi
  rm -rf "$dir" "$work"/p"$n"-* "$podrun"/p"$n"-*
}

SYNC_ROWS=()
BASE_ROWS=()
machine_facts
echo
echo "Until the command exits (seconds):"
echo
echo "| small files | layer MiB | strata load | bsdtar -x | tar -x | podman load | strata/bsdtar | strata/tar | strata/podman |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${counts[@]}"; do run_case "$n"; done
echo
echo "Until the data is on disk, command + sync (seconds):"
echo
echo "| small files | strata load | bsdtar -x | tar -x | podman load | strata/bsdtar | strata/tar | strata/podman |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${SYNC_ROWS[@]}"
if [ -n "$baseline" ]; then
  echo
  echo "strata before ($baseline) and now, same rounds (seconds):"
  echo
  echo "| small files | before: run | now: run | now/before | before: +sync | now: +sync | now/before |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${BASE_ROWS[@]}"
fi
