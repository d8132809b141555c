#!/usr/bin/env bash
# Benchmark: start-to-exit of `true` in the busybox image.
#   strata run --rm            (this engine: create + union mount + shim + namespaces + rm)
#   crun run / runc run        (OCI runtimes alone, on the same rootfs as a bundle)
#   podman run --rm            (a full daemonless engine)
#   unshare ... chroot true    (the floor: namespaces + chroot, nothing else)
# hyperfine measures each; the whole set is repeated ROUNDS times (A B C D E,
# B C D E A, ...; each round starts one further) because this machine is noisy, and we report the median of
# the per-round medians and the ratios to crun. Needs root.
#
#   [STRATA_BASELINE=/older/strata] tests/bench/bench_run.sh [BUILD_DIR] [ROUNDS] [RUNS_PER_ROUND]
# Defaults: build 3 10. Prints a Markdown table (paste into docs/PERFORMANCE.md).
# STRATA_BASELINE (an older build's strata, its strata-shim beside it) adds a
# "baseline" row timed in the same rounds, on its own store.
# Run it at least 65 s after `sync` following any big deletion on the same
# file system: no-journal ext4 makes each new inode skip recently freed
# ones, which strata's store pays and crun's tmpfs state does not
# (bench_issue19.sh waits for you).
set -euo pipefail
# crun refuses this host's hybrid cgroup layout (cgroup2 at
# /sys/fs/cgroup/unified owns hugetlb): run the whole benchmark, every
# contender alike, in a private mount namespace without that mount.
if [ -z "${STRATA_BENCH_INNER:-}" ]; then
  export STRATA_BENCH_INNER=1
  exec unshare -m --propagation slave bash -c 'umount /sys/fs/cgroup/unified 2>/dev/null || true; exec "$0" "$@"' "$0" "$@"
fi
build=${1:-build}
rounds=${2:-3}
runs=${3:-10}
strata=$(realpath "$build/engine/cli/strata")
work=$(mktemp -d /var/tmp/strata-bench-run.XXXXXX)
cleanup() {
  "$strata" --root "$work/s" rm -f $("$strata" --root "$work/s" ps -aq 2>/dev/null) >/dev/null 2>&1 || true
  [ -z "${STRATA_BASELINE:-}" ] || "$STRATA_BASELINE" --root "$work/b" rm -f $("$STRATA_BASELINE" --root "$work/b" ps -aq 2>/dev/null) >/dev/null 2>&1 || true
  podman "${podman_flags[@]}" rm -af >/dev/null 2>&1 || true
  podman "${podman_flags[@]}" system reset -f >/dev/null 2>&1 || true
  rm -rf "$work"
}
podman_flags=()
trap cleanup EXIT
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# 1. The busybox rootfs, exactly the builtin image's layers (bottom first).
"$strata" --root "$work/s" images >/dev/null
cid=$("$strata" --root "$work/s" create strata/busybox true)
lowers=$("$strata" --root "$work/s" inspect -f '{{.GraphDriver.Data.LowerDir}}' "$cid")
"$strata" --root "$work/s" rm "$cid" >/dev/null
mkdir -p "$work/bundle/rootfs"
IFS=: read -ra dirs <<<"$lowers"
for ((i = ${#dirs[@]} - 1; i >= 0; i--)); do
  case "${dirs[$i]}" in */init/diff) continue ;; esac # the container's own init layer is gone
  cp -a "${dirs[$i]}/." "$work/bundle/rootfs/"
done
[ -x "$work/bundle/rootfs/bin/true" ] || { echo "no /bin/true in the rootfs" >&2; exit 1; }

# 2. The OCI bundle for crun and runc: args ["true"], no terminal, a cgroup
#    under the v1 hierarchy (this host's layout is hybrid).
(cd "$work/bundle" && crun spec)
python3 - "$work/bundle/config.json" <<'PY'
import json, sys
p = sys.argv[1]
c = json.load(open(p))
c["process"]["args"] = ["true"]
c["process"]["terminal"] = False
c["root"]["readonly"] = False
c["linux"]["cgroupsPath"] = "/strata-bench"
json.dump(c, open(p, "w"), indent=2)
PY

# 3. podman with its own store and rlimits pinned to the hard limits (the
#    sandbox lacks CAP_SYS_RESOURCE).
have_podman=0
if command -v podman >/dev/null; then
  cat >"$work/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=$(ulimit -Hn):$(ulimit -Hn)", "nproc=$(( $(ulimit -Hu) > 32768 ? 32768 : $(ulimit -Hu) )):$(( $(ulimit -Hu) > 32768 ? 32768 : $(ulimit -Hu) ))"]
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
  export CONTAINERS_CONF="$work/containers.conf"
  podman_flags=(--root "$work/podman/root" --runroot "$work/podman/run" --storage-driver overlay)
  tar -C "$work/bundle/rootfs" -cf "$work/rootfs.tar" .
  if podman "${podman_flags[@]}" import -q "$work/rootfs.tar" bench/busybox:latest >/dev/null 2>&1 &&
     podman "${podman_flags[@]}" run --rm --network none bench/busybox true >/dev/null 2>&1; then
    have_podman=1
  else
    echo "podman run does not work here; its column is n/a" >&2
  fi
fi

cmds=(
  "$strata --root $work/s run --rm --network none strata/busybox true"
  "crun run -b $work/bundle c\$RANDOM\$RANDOM"
  "runc run -b $work/bundle r\$RANDOM\$RANDOM"
  "unshare -m -p -u -i -n -f chroot $work/bundle/rootfs /bin/true"
)
names=(strata crun runc floor)
if [ -n "${STRATA_BASELINE:-}" ]; then
  "$STRATA_BASELINE" --root "$work/b" images >/dev/null
  cmds+=("$STRATA_BASELINE --root $work/b run --rm --network none strata/busybox true")
  names+=(baseline)
fi
if [ $have_podman = 1 ]; then
  cmds+=("podman ${podman_flags[*]} run --rm --network none bench/busybox true")
  names+=(podman)
fi

# Each command must work once before it is timed.
for c in "${cmds[@]}"; do bash -c "$c" >/dev/null || { echo "fails: $c" >&2; exit 1; }; done

declare -A per
for ((r = 0; r < rounds; r++)); do
  # -i: podman now and then exits 125 on this host (storage lock contention
  # with its own cleanup); a failed run still took its time.
  # Each round starts with a different command: hyperfine's first command
  # ran measurably slower here, whichever it was.
  order=()
  for ((i = 0; i < ${#names[@]}; i++)); do order+=($(((i + r) % ${#names[@]}))); done
  rcmds=()
  for i in "${order[@]}"; do rcmds+=("${cmds[$i]}"); done
  hyperfine -i -S bash --warmup 2 --runs "$runs" --export-json "$work/round$r.json" "${rcmds[@]}" >/dev/null
  for ((k = 0; k < ${#order[@]}; k++)); do
    m=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]['median'])" \
      "$work/round$r.json" "$k")
    per[${names[${order[$k]}]}]+="$m "
  done
done

declare -A med
for n in "${names[@]}"; do med[$n]=$(printf '%s\n' ${per[$n]} | median); done
echo "| command | median ms | × crun | × runc | × floor |"
echo "|---|---:|---:|---:|---:|"
for n in "${names[@]}"; do
  printf '| %s | %.1f | %.2f | %.2f | %.2f |\n' "$n" "$(echo "${med[$n]} * 1000" | bc -l)" \
    "$(echo "${med[$n]} / ${med[crun]}" | bc -l)" "$(echo "${med[$n]} / ${med[runc]}" | bc -l)" \
    "$(echo "${med[$n]} / ${med[floor]}" | bc -l)"
done
[ $have_podman = 1 ] && printf '\nstrata is %.1f× faster than podman run --rm.\n' "$(echo "${med[podman]} / ${med[strata]}" | bc -l)"
[ -z "${STRATA_BASELINE:-}" ] || printf 'strata takes %.2f× the baseline'"'"'s time.\n' "$(echo "${med[strata]} / ${med[baseline]}" | bc -l)"
printf 'load average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
