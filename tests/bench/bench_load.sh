#!/usr/bin/env bash
# Benchmark: `strata load` of a docker-save archive holding a one-layer image
# of N small files (in 100 dirs, plus 20 files of 5 MiB of random bytes),
# against `bsdtar -xf` of the very same layer tar into a fresh directory and
# `podman load` of the same archive (vfs storage), with hyperfine.
#
#   [STRATA_BASELINE=/older/strata] tests/bench/bench_load.sh [BUILD_DIR] [ROUNDS] [RUNS] [FILE_COUNTS...]
#   defaults: build 3 3 1000 10000 100000
#
# Each round runs hyperfine once over every command (RUNS runs each, one
# warm-up), the order rotated per round (A B C, B C A, ...): this machine is
# shared and noisy, so rounds interleave the tools and we report the median
# of the per-round medians, with the ratios to bsdtar and podman.
# Every run writes into a fresh target that hyperfine's --prepare made (an
# empty store with its built-in images, an empty directory, an empty podman
# store) and then `sync`ed, so no run pays for another's writeback.
# Targets are only deleted between rounds, followed by a pause
# (BENCH_SETTLE seconds, default 65): on ext4 without a journal (this
# machine) creating a file right after a big `rm -rf` skips the recently
# deleted inodes one inode-table read each, whichever tool runs next.
# STRATA_BASELINE adds an older strata binary to the same rounds, on its own
# stores. BENCH_PODMAN=0 leaves podman out. BENCH_SYNC=1 adds "+ sync" variants (until the data is on disk:
# strata and podman sync what they store, bsdtar does not).
set -euo pipefail
build=${1:-build}
rounds=${2:-3}
runs=${3:-3}
shift $(($# > 3 ? 3 : $#)) || true
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1000 10000 100000)
strata=$(realpath "$build/engine/cli/strata")
baseline=${STRATA_BASELINE:-}
settle=${BENCH_SETTLE:-65}
# /var/tmp: on disk (tmpfs /tmp would hide the filesystem costs we measure).
work=$(mktemp -d /var/tmp/strata-bench.XXXXXX)
# podman refuses runroots longer than 50 characters.
podrun=$(mktemp -d /tmp/strata-bench-run.XXXXXX)
trap 'rm -rf "$work" "$podrun"' EXIT
have_podman=$(command -v podman >/dev/null && [ "${BENCH_PODMAN:-1}" = 1 ] && echo 1 || echo 0)

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "- date: $(date -u +%Y-%m-%dT%H:%MZ); load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores online; RAM $(free -g | awk '/^Mem:/ {print $2}') GiB"
echo "- kernel $(uname -r); work dir on $(df -T "$work" | awk 'NR==2 {print $2 " (" $1 ")"}')"
echo "- strata $(git -C "$(dirname "$0")" rev-parse --short HEAD 2>/dev/null || echo '?'), $(grep -m1 CMAKE_BUILD_TYPE: "$build/CMakeCache.txt" | cut -d= -f2) build"
echo "- $(bsdtar --version | head -1)$([ "$have_podman" = 1 ] && echo "; $(podman --version), vfs")"
echo "- hyperfine: $rounds rounds x $runs runs (+1 warm-up) per command; figures: median of the round medians"
echo

# N small files (1..7 short lines each) in 100 dirs, plus 20 files of 5 MiB.
make_rootfs() {
  python3 "$(dirname "$0")/make_load_rootfs.py" "$1" "$2"
}

# The fresh-target helper hyperfine's --prepare calls: fresh KIND prints
# nothing, makes target number N+1 of KIND under $dir/t and records its
# path in $dir/cur-KIND for the timed command to read.
write_helper() {
  local dir=$1
  cat >"$dir/fresh" <<SH
#!/usr/bin/env bash
set -e
kind=\$1
n=\$(cat "$dir/count" 2>/dev/null || echo 0); n=\$((n + 1)); echo \$n >"$dir/count"
t="$dir/t/\$kind-\$n"
case \$kind in
  strata) "$strata" --root "\$t" images -q >/dev/null ;;
  baseline) "$baseline" --root "\$t" images -q >/dev/null ;;
  bsdtar) mkdir -p "\$t" ;;
  podman) t="$dir/t/podman-\$n"; podman --root "\$t" --runroot "$podrun/\$n" --storage-driver vfs \
            --cgroup-manager cgroupfs --events-backend file images -q >/dev/null ;;
esac
echo "\$t" >"$dir/cur-\$kind"
sync
SH
  chmod +x "$dir/fresh"
}

run_case() {
  local n=$1 dir="$work/n$n"
  mkdir -p "$dir/t"
  make_rootfs "$dir/rootfs" "$n"
  # A one-layer docker-save archive; bsdtar extracts the layer tar taken out
  # of it, so every tool reads exactly the same bytes.
  tar -C "$dir/rootfs" --sort=name -cf "$dir/rootfs.tar" .
  "$strata" --root "$dir/seed" import "$dir/rootfs.tar" bench/load:"$n" >/dev/null
  "$strata" --root "$dir/seed" save -o "$dir/image.tar" bench/load:"$n"
  rm -rf "$dir/seed" "$dir/rootfs" "$dir/rootfs.tar"
  local layer
  layer=$(tar -xOf "$dir/image.tar" manifest.json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Layers"][0])')
  tar -xOf "$dir/image.tar" "$layer" >"$dir/layer.tar"
  write_helper "$dir"
  # The seed store and the rootfs were just deleted: let ext4 forget those
  # inodes too, or the first command timed pays for them (at 100,000 files
  # the first command of round 0 took 73 s instead of 7).
  sync
  sleep "$settle"

  local -a names=(strata bsdtar) cmds preps
  cmds=("\"$strata\" --root \"\$(cat $dir/cur-strata)\" load -q -i $dir/image.tar"
    "bsdtar -xf $dir/layer.tar -C \"\$(cat $dir/cur-bsdtar)\"")
  if [ "$have_podman" = 1 ]; then
    names+=(podman)
    cmds+=("t=\$(cat $dir/cur-podman); podman --root \"\$t\" --runroot $podrun/\${t##*-} --storage-driver vfs --cgroup-manager cgroupfs --events-backend file load -q -i $dir/image.tar")
  fi
  if [ -n "$baseline" ]; then
    names+=(baseline)
    cmds+=("\"$baseline\" --root \"\$(cat $dir/cur-baseline)\" load -q -i $dir/image.tar")
  fi
  local count=${#names[@]}
  if [ "${BENCH_SYNC:-0}" = 1 ]; then
    for ((i = 0; i < count; i++)); do
      names+=("${names[$i]}+sync")
      cmds+=("${cmds[$i]} && sync")
    done
  fi
  declare -A per=()
  for ((r = 0; r < rounds; r++)); do
    local -a order=() rcmds=() rpreps=()
    for ((i = 0; i < ${#names[@]}; i++)); do order+=($(((i + r) % ${#names[@]}))); done
    for i in "${order[@]}"; do
      rcmds+=("${cmds[$i]}")
      rpreps+=(--prepare "$dir/fresh ${names[$i]%+sync}")
    done
    hyperfine -S bash --warmup 1 --runs "$runs" "${rpreps[@]}" --export-json "$dir/round$r.json" "${rcmds[@]}" >/dev/null
    for ((k = 0; k < ${#order[@]}; k++)); do
      m=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]['median'])" \
        "$dir/round$r.json" "$k")
      per[${names[${order[$k]}]}]+="$m "
    done
    # Free the disk between rounds, then let ext4 forget the deleted inodes:
    # it skips an inode deleted less than 60 s ago, or 360 s while its inode
    # table block is still dirty (fs/ext4/ialloc.c, recently_deleted), so
    # sync first and settle for over 60 s.
    rm -rf "$dir/t" "$podrun"/* && mkdir -p "$dir/t" && sync
    [ $((r + 1)) -lt "$rounds" ] && sleep "$settle"
  done
  declare -A med=()
  for name in "${names[@]}"; do med[$name]=$(printf '%s\n' ${per[$name]} | median); done
  local mib=$(($(stat -c %s "$dir/layer.tar") / 1048576))
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "n/a" }'; }
  for name in "${names[@]}"; do
    local suffix=${name#"${name%+sync}"} vs_pod=n/a
    [ "$have_podman" = 1 ] && vs_pod=$(ratio "${med[$name]}" "${med[podman$suffix]}")
    printf '| %s | %s | %s | %.3f | %s | %s | %s |\n' "$n" "$mib" "$name" "${med[$name]}" \
      "$(printf '%s\n' ${per[$name]} | awk '{printf "%s%.3f", (NR>1?" ":""), $1}')" \
      "$(ratio "${med[$name]}" "${med[bsdtar$suffix]}")" "$vs_pod"
  done
  rm -rf "$dir" "$podrun"/* && sync
}

echo "| files | layer MiB | command | median s | round medians s | × bsdtar | × podman |"
echo "|---:|---:|---|---:|---|---:|---:|"
first=1
for n in "${counts[@]}"; do
  [ "$first" = 1 ] || sleep "$settle"
  first=0
  run_case "$n"
done
echo
echo "- load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
