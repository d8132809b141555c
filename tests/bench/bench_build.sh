#!/usr/bin/env bash
# Benchmark: `strata build` against `podman build` of the same 12-instruction
# Dockerfile and context on the same base, cold (--no-cache) and fully
# cached. Rounds are interleaved (strata, podman, strata, podman ...) and
# medians reported: this machine's disk is noisy. Needs root; no network:
# the base is strata's busybox rootfs plus a 5 MiB file, imported into both.
# podman runs its RUN steps with runc (crun refuses this host's hybrid
# cgroups) and --network=none.
#
#   tests/bench/bench_build.sh [BUILD_DIR] [ROUNDS] [DRIVER]
# Defaults: build 5 overlay. Prints a Markdown table and the ratios.
set -euo pipefail
build=${1:-build}
rounds=${2:-5}
driver=${3:-overlay}
strata=$(realpath "$build/engine/cli/strata")
work=$(mktemp -d /var/tmp/strata-bench-build.XXXXXX)
podman_flags=(--root "$work/podman/root" --runroot "$work/podman/run" --storage-driver overlay
              --cgroup-manager cgroupfs --events-backend none --runtime runc)
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

S create --name seed strata/busybox >/dev/null
S export -o "$work/busybox.tar" seed
mkdir -p "$work/rootfs"
tar -C "$work/rootfs" -xf "$work/busybox.tar"
head -c $((5 * 1024 * 1024)) /dev/urandom >"$work/rootfs/big.bin"
tar -C "$work/rootfs" -cf "$work/base.tar" .
S import "$work/base.tar" localhost/bench/base:1 >/dev/null
P import -q "$work/base.tar" localhost/bench/base:1 >/dev/null

ctx="$work/context"
mkdir -p "$ctx/site"
for i in $(seq 1 50); do echo "page $i" >"$ctx/site/page$i.html"; done
echo 'server { listen 80; }' >"$ctx/app.conf"
cat >"$ctx/Dockerfile" <<'DF'
FROM localhost/bench/base:1
ARG VERSION=1.0
ENV APP_HOME=/srv/app VERSION=$VERSION
LABEL org.example.version=$VERSION
WORKDIR /srv/app
COPY site/ ./site/
COPY app.conf /etc/app.conf
RUN mkdir -p /var/log/app && i=0 && while [ $i -lt 100 ]; do echo "line $i" > /var/log/app/$i.log; i=$((i+1)); done
RUN echo tail >> /big.bin && rm -f /var/log/app/0.log
EXPOSE 80
USER nobody
CMD ["httpd", "-f", "-p", "80"]
DF

declare -a sc pc sw pw
for ((r = 0; r < rounds; r++)); do
  t0=$(now); S build -q --no-cache -t bench/out:1 "$ctx" >/dev/null; sc+=("$(echo "$(now) - $t0" | bc)")
  t0=$(now); P build -q --no-cache --network=none -t localhost/bench/out:1 "$ctx" >/dev/null; pc+=("$(echo "$(now) - $t0" | bc)")
  t0=$(now); S build -q -t bench/out:1 "$ctx" >/dev/null; sw+=("$(echo "$(now) - $t0" | bc)")
  t0=$(now); P build -q --network=none -t localhost/bench/out:1 "$ctx" >/dev/null; pw+=("$(echo "$(now) - $t0" | bc)")
done
m() { printf '%s\n' "$@" | median; }
msc=$(m "${sc[@]}"); mpc=$(m "${pc[@]}"); msw=$(m "${sw[@]}"); mpw=$(m "${pw[@]}")
echo "| build ($rounds rounds, medians, $driver) | strata | podman | podman / strata |"
echo "|---|---|---|---|"
printf '| cold (--no-cache) | %.2f s | %.2f s | %.2f |\n' "$msc" "$mpc" "$(echo "$mpc / $msc" | bc -l)"
printf '| fully cached | %.2f s | %.2f s | %.2f |\n' "$msw" "$mpw" "$(echo "$mpw / $msw" | bc -l)"
