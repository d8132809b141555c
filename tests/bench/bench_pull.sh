#!/usr/bin/env bash
# Benchmark: `strata pull` of a multi-layer image from a local registry
# (Debian's docker-registry on a loopback port), side by side with
# `podman pull` (vfs store) and `skopeo copy` (to an OCI layout: download
# only, no unpacking). Two cases: an empty store, and a store that already
# holds the image's base layers (a second image sharing them was pulled
# first), where only the top layer travels.
#
#   tests/bench/bench_pull.sh [BUILD_DIR] [ROUNDS]      defaults: build 5
#
# The image: 4 gzip layers, a base of 4000 small files, two of 20 MiB of
# random bytes each, a small top layer. Rounds are interleaved (strata,
# podman, skopeo, strata, ...) so machine noise hits every tool alike;
# figures are medians (min in parentheses), and the ratio podman/strata.
set -euo pipefail
build=${1:-build}
rounds=${2:-5}
strata=$(realpath "$build/engine/cli/strata")
work=$(mktemp -d /var/tmp/strata-bench-pull.XXXXXX)
podrun=$(mktemp -d /tmp/strata-bpr.XXXXXX)
registry_pid=
cleanup() {
  [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null || true
  rm -rf "$work" "$podrun"
}
trap cleanup EXIT
pod() {
  local name=$1
  shift
  podman --root "$work/$name" --runroot "$podrun/$name" --storage-driver vfs \
    --cgroup-manager cgroupfs --events-backend file "$@"
}
ns() { date +%s%N; }
stats() { sort -n | awk '{a[NR]=$1} END {m=(NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2); printf "%.3f %.3f\n", m/1e9, a[1]/1e9}'; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/registry"
cat >"$work/registry/config.yml" <<YAML
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $work/registry/storage
http:
  addr: 127.0.0.1:$port
YAML
docker-registry serve "$work/registry/config.yml" >"$work/registry/log" 2>&1 &
registry_pid=$!
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
host=127.0.0.1:$port

# Two OCI layouts: "full" (4 layers) and "base" (the first 3 + its own top).
python3 - "$work/layout" <<'PY'
import gzip, hashlib, io, json, os, platform, sys, tarfile
arch = {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())
out = sys.argv[1]
os.makedirs(f"{out}/blobs/sha256", exist_ok=True)
def blob(data):
    d = hashlib.sha256(data).hexdigest()
    open(f"{out}/blobs/sha256/{d}", "wb").write(data)
    return "sha256:" + d
def layer(files):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as t:
        for name, data in files:
            info = tarfile.TarInfo(name); info.size = len(data); info.mtime = 1700000000
            t.addfile(info, io.BytesIO(data))
    tar = raw.getvalue()
    gz = gzip.compress(tar, compresslevel=6, mtime=0)
    return {"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": blob(gz), "size": len(gz)}, "sha256:" + hashlib.sha256(tar).hexdigest()
small = layer([(f"base/d{i%50:02}/f{i:05}.txt", (f"file {i}\n" * (1 + i % 7)).encode()) for i in range(4000)])
big1 = layer([("data/one.bin", os.urandom(20 << 20))])
big2 = layer([("data/two.bin", os.urandom(20 << 20))])
def image(layers, tag):
    config = json.dumps({"architecture": arch, "os": "linux", "config": {"Cmd": ["sh"]},
                         "rootfs": {"type": "layers", "diff_ids": [d for _, d in layers]},
                         "history": [{"created_by": f"layer {i}"} for i in range(len(layers))]}).encode()
    manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                           "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": blob(config), "size": len(config)},
                           "layers": [l for l, _ in layers]}).encode()
    return {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": blob(manifest), "size": len(manifest),
            "annotations": {"org.opencontainers.image.ref.name": tag}}
full = image([small, big1, big2, layer([("etc/top", b"full\n")])], "full")
base = image([small, big1, big2, layer([("etc/top", b"base\n")])], "base")
json.dump({"schemaVersion": 2, "manifests": [full, base]}, open(f"{out}/index.json", "w"))
open(f"{out}/oci-layout", "w").write('{"imageLayoutVersion":"1.0.0"}')
PY
for tag in full base; do
  skopeo copy -q --dest-tls-verify=false "oci:$work/layout:$tag" "docker://$host/bench/img:$tag"
done

echo "## strata pull vs podman pull vs skopeo copy ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $rounds rounds)"
run_case() {
  local label=$1 prime=$2
  local s=() p=() k=()
  for r in $(seq "$rounds"); do
    rm -rf "$work/s" "$work/pod" "$work/sk"; mkdir -p "$work/s"
    "$strata" --root "$work/s" images -q >/dev/null # built-in images, outside the timing
    if [ "$prime" = 1 ]; then
      "$strata" --root "$work/s" pull -q "$host/bench/img:base" >/dev/null
      pod pod pull -q --tls-verify=false "$host/bench/img:base" >/dev/null
    fi
    sync; t0=$(ns); "$strata" --root "$work/s" pull -q "$host/bench/img:full" >/dev/null; s+=($(($(ns) - t0)))
    sync; t0=$(ns); pod pod pull -q --tls-verify=false "$host/bench/img:full" >/dev/null; p+=($(($(ns) - t0)))
    sync; t0=$(ns); skopeo copy -q --src-tls-verify=false "docker://$host/bench/img:full" "oci:$work/sk:full"; k+=($(($(ns) - t0)))
  done
  read -r sm smin < <(printf '%s\n' "${s[@]}" | stats)
  read -r pm pmin < <(printf '%s\n' "${p[@]}" | stats)
  read -r km kmin < <(printf '%s\n' "${k[@]}" | stats)
  echo "| $label | strata ${sm}s ($smin) | podman ${pm}s ($pmin) | skopeo copy ${km}s ($kmin) | podman/strata $(echo "scale=2; $pm / $sm" | bc) |"
}
echo "| case | strata pull | podman pull | skopeo copy (no unpack) | ratio |"
echo "|---|---|---|---|---|"
run_case "empty store" 0
run_case "base layers present" 1
