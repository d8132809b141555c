#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Extraction speed of applyLayer against bsdtar and GNU tar on one layer.
# The VM's disk is noisy (DESIGN.md): runs are paired A B C A B C ... and the
# report is the ratio of medians.
#   bench_extract.sh BENCH_BINARY LAYER [ROUNDS]
set -eu
bench=$1 layer=$2 rounds=${3:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/strata-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
run() { # name command...
    name=$1; shift
    rm -rf "$work/out"; mkdir "$work/out"; sync
    t0=$(now); "$@" >/dev/null; t1=$(now)
    echo "$t1 - $t0" | bc >> "$work/$name"
}
for i in $(seq "$rounds"); do
    run strata "$bench" "$layer" "$work/out"
    run bsdtar bsdtar -xf "$layer" -C "$work/out"
    run gnutar tar -xf "$layer" -C "$work/out"
done
median() { sort -n "$work/$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
s=$(median strata) b=$(median bsdtar) g=$(median gnutar)
echo "median seconds: strata $s  bsdtar $b  gnu tar $g"
echo "ratio strata/bsdtar: $(echo "scale=2; $s / $b" | bc)  strata/gnutar: $(echo "scale=2; $s / $g" | bc)"
