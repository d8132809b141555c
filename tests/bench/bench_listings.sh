#!/usr/bin/env bash
# Benchmark: `strata images` with N images and `strata ps -a` with N
# containers (the aim: under 100 ms each at N = 1000), beside podman's
# `images` and `ps -a` on the same counts. The images are N tags of one busybox
# rootfs imported into both engines (Docker lists each tag as a row); the
# containers are N `create --network none` of it. A third case lists N
# distinct images (one `load` of make_many_images.py's archive, in a store of
# their own: every row its own config, manifest and layer chain to read).
# Making them is not timed.
# hyperfine, ROUNDS × 10 runs (+2 warm-up), interleaved; medians. Needs root.
#
#   [BENCH_PODMAN=0] [STRATA_BASELINE=old/strata] tests/bench/bench_listings.sh [BUILD_DIR] [N] [ROUNDS]
# Defaults: build 1000 3. Prints a Markdown table. podman's 1000 creates take
# about 20 minutes on a busy 2-core machine; BENCH_PODMAN=0 leaves podman out.
set -euo pipefail
build=${1:-build}
n=${2:-1000}
rounds=${3:-3}
strata=$(realpath "$build/engine/cli/strata")
work=$(mktemp -d /var/tmp/strata-bench-list.XXXXXX)
podman_flags=(--root "$work/podman/root" --runroot "$work/podman/run" --storage-driver overlay
              --cgroup-manager cgroupfs --events-backend none)
S() { "$strata" --root "$work/s" "$@"; }
P() { podman "${podman_flags[@]}" "$@"; }
cleanup() {
  P rm -af >/dev/null 2>&1 || true
  P system reset -f >/dev/null 2>&1 || true
  umount -R "$work/podman" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

S create --name seed strata/busybox >/dev/null
S export -o "$work/busybox.tar" seed
S rm seed >/dev/null
S import "$work/busybox.tar" bench/base >/dev/null
have_podman=0
if [ "${BENCH_PODMAN:-1}" != 0 ] && P import -q "$work/busybox.tar" bench/base >/dev/null 2>&1; then
  have_podman=1
fi

echo "making $n tags and $n containers in each engine (not timed)..." >&2
for ((i = 0; i < n; i++)); do
  S tag bench/base "bench/t$i:latest"
  S create --network none bench/base true >/dev/null
  if [ $have_podman = 1 ]; then
    P tag bench/base "bench/t$i:latest"
    P create --network none bench/base true >/dev/null
  fi
done
python3 "$(dirname "$0")/make_many_images.py" "$n" "$work/many.tar"
"$strata" --root "$work/m" load -i "$work/many.tar" >/dev/null
if [ $have_podman = 1 ]; then
  podman --root "$work/podman/mroot" --runroot "$work/podman/mrun" --storage-driver overlay \
    --events-backend none load -q -i "$work/many.tar" >/dev/null
fi
[ "$("$strata" --root "$work/m" images -q | wc -l)" -ge "$n" ] || { echo "strata lists too few distinct images" >&2; exit 1; }
[ "$(S images -q --no-trunc | wc -l)" -ge "$n" ] || { echo "strata images lists too few" >&2; exit 1; }
[ "$(S ps -aq | wc -l)" -eq "$n" ] || { echo "strata ps -a lists too few" >&2; exit 1; }

cmds=("$strata --root $work/s images" "$strata --root $work/s ps -a" "$strata --root $work/m images")
names=("strata images" "strata ps -a" "strata images (distinct)")
if [ $have_podman = 1 ]; then
  cmds+=("podman ${podman_flags[*]} images" "podman ${podman_flags[*]} ps -a"
         "podman --root $work/podman/mroot --runroot $work/podman/mrun --storage-driver overlay --events-backend none images")
  names+=("podman images" "podman ps -a" "podman images (distinct)")
fi
if [ -n "${STRATA_BASELINE:-}" ]; then # an older build timed in the same rounds
  cmds+=("$STRATA_BASELINE --root $work/s images" "$STRATA_BASELINE --root $work/s ps -a" "$STRATA_BASELINE --root $work/m images")
  names+=("baseline images" "baseline ps -a" "baseline images (distinct)")
fi
declare -A per
for ((r = 0; r < rounds; r++)); do
  hyperfine -N --warmup 2 --runs 10 --export-json "$work/round$r.json" "${cmds[@]}" >/dev/null
  for ((i = 0; i < ${#names[@]}; i++)); do
    per[${names[$i]}]+="$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]['median'])" "$work/round$r.json" "$i") "
  done
done
echo "| command ($n entries) | median ms | user+sys CPU ms |"
echo "|---|---:|---:|"
for ((i = 0; i < ${#names[@]}; i++)); do
  nm=${names[$i]}
  cpu=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]; print((r['user']+r['system'])*1000)" "$work/round0.json" "$i")
  printf '| %s | %.1f | %.1f |\n' "$nm" "$(echo "$(printf '%s\n' ${per[$nm]} | median) * 1000" | bc -l)" "$cpu"
done
printf 'load average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
