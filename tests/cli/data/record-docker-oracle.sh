#!/bin/sh
# Re-records what a real Docker 20.10 prints, for tst_CliDockerParity and
# tst_CliInspectKeys. Not run by CI: Docker is an oracle, not a dependency.
# Start dockerd as the design notes' "Set-up facts" say (overlay2, no
# bridge, no iptables), point DOCKER_HOST at it, then:
#   tests/cli/data/record-docker-oracle.sh
# Writes tests/cli/data/docker/*.txt:
#   diff-changes.txt, diff-mounts.txt    `docker diff` after diff-changes.sh /
#                                        diff-mounts.sh (lines in Docker's
#                                        order, which varies from call to call)
#   inspect-*.keys                       key paths of each inspect JSON
#                                        (flatten-keys.py)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$here/docker
docker=${DOCKER:-/usr/bin/docker}
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$here/make-diff-rootfs.sh" "$tmp/rootfs.tar"
"$docker" import "$tmp/rootfs.tar" strata-parity:1 >/dev/null
for c in parity-changes parity-mounts parity-plain parity-volume; do
    "$docker" rm -f "$c" >/dev/null 2>&1 || true
done
"$docker" volume rm -f parity-vol parity-vol2 >/dev/null 2>&1 || true
"$docker" network rm parity-net >/dev/null 2>&1 || true

"$docker" run --network none --name parity-changes strata-parity:1 sh -c "$(cat "$here/diff-changes.sh")"
"$docker" diff parity-changes >"$out/diff-changes.txt"
mkdir -p "$tmp/host"
"$docker" run --network none --name parity-mounts -v parity-vol:/data -v parity-vol2:/srv/www \
    -v "$tmp/host:/mnt/h/x" --tmpfs /run/t strata-parity:1 sh -c "$(cat "$here/diff-mounts.sh")"
"$docker" diff parity-mounts >"$out/diff-mounts.txt"

"$docker" run --network none --name parity-plain strata-parity:1 true
"$docker" run --network none --name parity-volume -v parity-vol:/data strata-parity:1 true
"$docker" network create parity-net >/dev/null
"$docker" inspect --type container parity-plain | "$here/flatten-keys.py" >"$out/inspect-container.keys"
"$docker" inspect --type container parity-volume | "$here/flatten-keys.py" >"$out/inspect-container-volume.keys"
"$docker" image inspect strata-parity:1 | "$here/flatten-keys.py" >"$out/inspect-image.keys"
"$docker" volume inspect parity-vol | "$here/flatten-keys.py" >"$out/inspect-volume.keys"
"$docker" network inspect parity-net | "$here/flatten-keys.py" >"$out/inspect-network.keys"

"$docker" rm -f parity-changes parity-mounts parity-plain parity-volume >/dev/null
"$docker" volume rm parity-vol parity-vol2 >/dev/null
"$docker" network rm parity-net >/dev/null
"$docker" rmi strata-parity:1 >/dev/null
"$docker" version --format 'recorded with Docker {{.Server.Version}}' >"$out/VERSION"
