#!/usr/bin/env bash
# Writes a tar of a Debian 12 root file system made from THIS host's
# installed packages of priority required and important (and the Essential
# ones, and what they depend on): every path `dpkg -L` lists for them that exists here, their
# /var/lib/dpkg/info files, dpkg's status and the account files. No network
# is needed. It is not the debian:12 image from a registry (that one is
# built by debootstrap from the same priorities), but it is a real Debian
# tree of about 8,000 paths: the same programs, libraries, docs and locales.
#
#   tests/bench/make_debian_rootfs.sh OUT.tar
set -euo pipefail
out=$1
list=$(mktemp)
trap 'rm -f "$list"' EXIT
# The required/important/Essential packages and everything they depend on
# (libc6 itself is "optional": only depended upon).
pkgs=$(dpkg-query -W -f='${Package}\t${Priority}\t${Essential}\t${Pre-Depends}, ${Depends}\n' | python3 -c '
import re, sys
deps, todo = {}, []
for line in sys.stdin:
    name, prio, ess, dep = line.rstrip("\n").split("\t")
    deps[name] = [re.split(r"[ :(]", alt.strip())[0] for d in dep.split(",") for alt in d.split("|")[:1] if alt.strip()]
    if prio in ("required", "important") or ess == "yes":
        todo.append(name)
seen = set()
while todo:
    p = todo.pop()
    if p in deps and p not in seen:
        seen.add(p)
        todo.extend(deps[p])
print("\n".join(sorted(seen)))
')
{
  for p in $pkgs; do
    dpkg -L "$p" 2>/dev/null || true
    ls -d /var/lib/dpkg/info/"${p%%:*}".* /var/lib/dpkg/info/"$p".* 2>/dev/null || true
  done
  printf '%s\n' /var/lib/dpkg /var/lib/dpkg/info /var/lib/dpkg/status /etc/passwd /etc/group /etc/shadow \
    /etc/hostname /etc/os-release /tmp /root /home /var/tmp /var/log /proc /sys /dev /run
} | python3 -c '
# Debian 12 is merged-/usr: dpkg lists /bin/bash, which is /usr/bin/bash
# here. Each path is stored under its real parent (and the /bin -> usr/bin
# links themselves), so no entry sits below a symlink in the tar.
import os, sys
out = set()
for line in sys.stdin:
    p = line.rstrip("\n")
    if not p.startswith("/") or not os.path.lexists(p):
        continue
    real = os.path.join(os.path.realpath(os.path.dirname(p)), os.path.basename(p))
    out.add(real.lstrip("/"))
    d = os.path.dirname(real)
    while d != "/":
        out.add(d.lstrip("/"))
        d = os.path.dirname(d)
for link in ("bin", "sbin", "lib", "lib64"):
    if os.path.islink("/" + link):
        out.add(link)
print("\n".join(sorted(p for p in out if p)))
' >"$list"
tar -C / --no-recursion -cf "$out" -T "$list"
echo "$(wc -l <"$list") paths" >&2
