#!/usr/bin/env bash
# Benchmark: `commit`, `diff`, `image tree` and `images` on big images,
# strata beside podman's equivalent in one hyperfine run per verb:
#   - debian: a Debian 12 root file system of about 7,500 paths made from
#     this host's required/important packages (make_debian_rootfs.sh: no
#     network here, so not the registry's debian:12, but the same kind of tree);
#   - 100k: 100 directories of 1,000 small files (100,000 files) plus busybox.
# Each image is imported into both engines. A container of it gets one
# change (100 added files, one appended file, /etc/group deleted); podman's
# containers cannot run in this sandbox (crun may not set its rlimits), so
# podman's gets the same change through `podman mount`, and strata's through
# `strata run` (not timed). Then, timed:
#   commit     strata commit C        | podman commit C
#   diff       strata diff C          | podman diff C
#   image tree strata image tree IMG  | podman image mount IMG + find + unmount
#              (podman has no verb listing an image's files)
#   images     strata images          | podman images
# Needs root. Prints one Markdown table per image and the load average.
#
#   tests/bench/bench_big_images.sh [BUILD_DIR] [RUNS] [CASES]
# Defaults: build 10 "debian 100k".
set -euo pipefail
build=${1:-build}
runs=${2:-10}
cases=${3:-debian 100k}
here=$(dirname "$(realpath "$0")")
strata=$(realpath "$build/engine/cli/strata")
work=$(mktemp -d /var/tmp/strata-bench-big.XXXXXX)
podman_flags=(--root "$work/podman/root" --runroot "$work/podman/run" --storage-driver overlay
              --cgroup-manager cgroupfs --events-backend none)
S() { "$strata" --root "$work/s" "$@"; }
P() { podman "${podman_flags[@]}" "$@"; }
cleanup() {
  P rm -af >/dev/null 2>&1 || true
  P system reset -f >/dev/null 2>&1 || true
  S rm -f $(S ps -aq 2>/dev/null) >/dev/null 2>&1 || true
  umount -R "$work/podman" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

make_tar() { # case, out.tar
  case $1 in
    debian) "$here/make_debian_rootfs.sh" "$2" ;;
    100k)
      S create --name seed strata/busybox >/dev/null
      S export -o "$work/busybox.tar" seed
      S rm seed >/dev/null
      mkdir -p "$work/big"
      tar -C "$work/big" -xf "$work/busybox.tar"
      for d in $(seq 1 100); do
        mkdir "$work/big/d$d"
        (cd "$work/big/d$d" && for f in $(seq 1 1000); do echo "file $f of $d" >"f$f"; done)
      done
      tar -C "$work/big" -cf "$2" .
      rm -rf "$work/big" ;;
  esac
}

change='mkdir -p /added && i=0; while [ $i -lt 100 ]; do echo "file $i" > /added/f$i; i=$((i+1)); done; echo tail >> /etc/passwd; rm -f /etc/group'

for c in $cases; do
  make_tar "$c" "$work/$c.tar"
  S import "$work/$c.tar" "bench/$c:1" >/dev/null
  P import -q "$work/$c.tar" "localhost/bench/$c:1" >/dev/null
  rm -f "$work/$c.tar"
  S run --network none --name "s$c" "bench/$c:1" /bin/sh -c "$change"
  P create -q --name "p$c" "localhost/bench/$c:1" /bin/sh >/dev/null
  m=$(P mount "p$c")
  (cd "$m" && sh -c "$(echo "$change" | sed 's| /| ./|g; s|-p /|-p ./|')")
  P umount "p$c" >/dev/null
  paths=$(S image tree "bench/$c:1" | wc -l)
  echo "case $c: $paths lines of image tree, diff lists $(S diff "s$c" | wc -l) / podman $(P diff "p$c" | wc -l)" >&2
  sync
  pf="podman ${podman_flags[*]}"
  hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/$c.json" \
    -n "strata commit" "$strata --root $work/s commit s$c bench/out:$c" \
    -n "podman commit" "$pf commit -q p$c localhost/bench/out:$c" \
    -n "strata diff" "$strata --root $work/s diff s$c" \
    -n "podman diff" "$pf diff p$c" \
    -n "strata image tree" "$strata --root $work/s image tree bench/$c:1" \
    -n "podman image mount + find" "sh -c '$pf image mount localhost/bench/$c:1 | xargs find | wc -l; $pf image unmount localhost/bench/$c:1'" \
    -n "strata images" "$strata --root $work/s images" \
    -n "podman images" "$pf images" >/dev/null
  echo "| $c ($paths paths) | strata ms | podman ms | strata/podman |"
  echo "|---|---:|---:|---:|"
  python3 - "$work/$c.json" <<'PY'
import json, sys
r = {x['command']: x['median'] * 1000 for x in json.load(open(sys.argv[1]))['results']}
for verb, s, p in [('commit', 'strata commit', 'podman commit'), ('diff', 'strata diff', 'podman diff'),
                   ('image tree', 'strata image tree', 'podman image mount + find'),
                   ('images', 'strata images', 'podman images')]:
    print(f'| {verb} | {r[s]:.1f} | {r[p]:.1f} | {r[s] / r[p]:.2f} |')
PY
done
printf 'load average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
