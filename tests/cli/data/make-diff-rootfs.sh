#!/bin/sh
# Writes the root file system tarball that tst_CliDockerParity imports into
# strata and record-docker-oracle.sh imports into a real Docker daemon, so
# both diff the same image: busybox (the host's busybox-static) and a few
# directories deep enough to show which parents `diff` lists.
# Usage: make-diff-rootfs.sh OUT.tar
set -eu
out=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
r=$work/rootfs
mkdir -p "$r/bin" "$r/etc/x" "$r/proc" "$r/sys" "$r/dev" "$r/tmp" "$r/usr/lib" "$r/srv/www" \
    "$r/var/empty" "$r/opt/a/b"
cp /bin/busybox "$r/bin/busybox"
for applet in sh rm echo touch mkdir mv chmod ln cat ls true; do
    ln -s busybox "$r/bin/$applet"
done
printf 'hi\n' >"$r/etc/motd"
printf '1\n' >"$r/etc/x/one"
printf '2\n' >"$r/etc/x/two"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$r/etc/passwd"
printf 'NAME=probe\n' >"$r/usr/lib/os-release"
printf '<p>hi</p>\n' >"$r/srv/www/index.html"
printf 'hard\n' >"$r/srv/www/hard.html"
printf 'deep\n' >"$r/opt/a/b/deep"
chmod -R u=rwX,go=rX "$r"
chmod 1777 "$r/tmp"
# Fixed times and owners: the same bytes on every machine.
tar -C "$r" --sort=name --mtime=@1700000000 --owner=0 --group=0 --numeric-owner -cf "$out" .
