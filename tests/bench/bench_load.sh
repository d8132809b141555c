#!/usr/bin/env bash
# Benchmark: `strata load` of a docker-archive against extracting the same
# layer tar with bsdtar and GNU tar, and against `podman load` of the same
# archive. Commands run interleaved (A B C D A B C D ...) and we report
# medians and ratios, never single times: this machine's disk is noisy.
#
#   tests/bench/bench_load.sh [BUILD_DIR] [ROUNDS] [FILE_COUNTS...]
# Defaults: build 5 10000. Prints a Markdown table.
set -euo pipefail
build=${1:-build}
rounds=${2:-5}
shift $(( $# > 2 ? 2 : $# )) || true
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(10000)
strata=$(realpath "$build/engine/cli/strata")
work=$(mktemp -d /var/tmp/strata-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# A rootfs of N small files in 100 directories plus 20 files of 5 MiB.
make_rootfs() {
  local dir=$1 n=$2
  mkdir -p "$dir"
  python3 - "$dir" "$n" <<'PY'
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

podman_flags=(--root "$work/podman/root" --runroot "$work/podman/run" --storage-driver vfs)

run_case() {
  local n=$1 case_dir="$work/n$n"
  mkdir -p "$case_dir"
  make_rootfs "$case_dir/rootfs" "$n"
  tar -C "$case_dir/rootfs" -cf "$case_dir/layer.tar" .
  # The archive: imported by strata (one layer = this tar), saved as docker-archive.
  "$strata" --root "$case_dir/seed" import "$case_dir/layer.tar" bench/load:"$n" >/dev/null
  "$strata" --root "$case_dir/seed" save -o "$case_dir/image.tar" bench/load:"$n"

  local -a t_strata t_bsdtar t_gnutar t_podman
  for ((r = 0; r < rounds; r++)); do
    rm -rf "$case_dir/s" "$case_dir/x1" "$case_dir/x2" "$work/podman"; sync
    local t0; t0=$(now)
    "$strata" --root "$case_dir/s" load -q -i "$case_dir/image.tar" >/dev/null
    t_strata+=("$(echo "$(now) - $t0" | bc)")
    mkdir -p "$case_dir/x1"; sync; t0=$(now)
    bsdtar -xf "$case_dir/layer.tar" -C "$case_dir/x1"
    t_bsdtar+=("$(echo "$(now) - $t0" | bc)")
    mkdir -p "$case_dir/x2"; sync; t0=$(now)
    tar -xf "$case_dir/layer.tar" -C "$case_dir/x2"
    t_gnutar+=("$(echo "$(now) - $t0" | bc)")
    if command -v podman >/dev/null; then
      sync; t0=$(now)
      podman "${podman_flags[@]}" load -q -i "$case_dir/image.tar" >/dev/null 2>&1 || true
      t_podman+=("$(echo "$(now) - $t0" | bc)")
    fi
  done
  local ms mb mg mp
  ms=$(printf '%s\n' "${t_strata[@]}" | median)
  mb=$(printf '%s\n' "${t_bsdtar[@]}" | median)
  mg=$(printf '%s\n' "${t_gnutar[@]}" | median)
  mp=$( [ ${#t_podman[@]} -gt 0 ] && printf '%s\n' "${t_podman[@]}" | median || echo 0)
  printf '| %s | %.3f | %.3f | %.3f | %.3f | %.2f | %.2f | %s |\n' "$n" "$ms" "$mb" "$mg" "$mp" \
    "$(echo "$ms / $mb" | bc -l)" "$(echo "$ms / $mg" | bc -l)" \
    "$( [ "$mp" != 0 ] && printf '%.2f' "$(echo "$ms / $mp" | bc -l)" || echo n/a)"
  rm -rf "$case_dir"
}

echo "| small files | strata load s | bsdtar -x s | tar -x s | podman load s | strata/bsdtar | strata/tar | strata/podman |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${counts[@]}"; do run_case "$n"; done
