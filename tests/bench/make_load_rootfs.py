#!/usr/bin/env python3
# The rootfs of the load benchmarks (bench_load.sh, profile_load.sh):
#   make_load_rootfs.py DIR N
# N small files (1..7 short lines each) in 100 dirs, plus 20 files of 5 MiB
# of random bytes.
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for d in range(100):
    os.makedirs(f"{root}/d{d:03}", exist_ok=True)
for i in range(n):
    with open(f"{root}/d{i % 100:03}/f{i:06}.txt", "w") as f:
        f.write(f"file {i}\n" * (1 + i % 7))
os.makedirs(f"{root}/big", exist_ok=True)
for i in range(20):
    with open(f"{root}/big/blob{i:02}.bin", "wb") as f:
        f.write(os.urandom(5 * 1024 * 1024))
