#!/usr/bin/env bash
# Installs, from Debian 12's packages, whatever Strata needs that is missing.
# Idempotent: when everything is present it only checks.
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ pkg-config ccache git
  # engine
  libarchive-dev nlohmann-json3-dev libcap-dev libssl-dev libcurl4-openssl-dev libcli11-dev libzstd-dev zlib1g-dev
  # isolation: seccomp filters
  libseccomp-dev
  # scripts/sanitize.sh: clang's ASan/UBSan runtimes and libFuzzer
  clang libclang-rt-14-dev
  # Qt 6 (tests use Qt Test; the desktop app the rest)
  qt6-base-dev qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-l10n-tools qt6-translations-l10n qt6-scxml-dev libgl-dev libqt6opengl6-dev
  # the built-in base image, fonts for Chinese, a virtual display
  busybox-static fonts-noto-cjk xvfb xauth
  # peers for the interoperability tests and benchmarks
  podman skopeo umoci crun runc uidmap libarchive-tools hyperfine bc
  # a real registry (and htpasswd, openssl for its basic and token auth) for the registry tests
  docker-registry apache2-utils openssl
  # real hosts: socat is the TLS proxy in front of podman's socket and the fake ssh's dial-stdio
  socat
  # the docker-labelled suite (tst_DockerHost) starts its own dockerd on a temporary socket
  docker.io
  # networks: the standard CNI plugins the engine drives (bridge, host-local,
  # portmap, firewall), the iptables they call, ip for the network tests
  containernetworking-plugins iptables iproute2
  # rootless networking: user-mode TCP/IP for containers started without root
  slirp4netns
  # the app console's terminal emulator (run -it / exec -it / attach)
  libvterm-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing: ${missing[*]}" >&2
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
