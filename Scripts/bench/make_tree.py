#!/usr/bin/env python3
"""Build a benchmark tree of N files: nested folders holding copies of the fixtures (every
format, weak and strong, broken ones included), text files and binary junk.

usage: make_tree.py N DIR    (DIR must not exist)
"""
import os
import pathlib
import random
import sys

count, root = int(sys.argv[1]), pathlib.Path(sys.argv[2])
fixtures = pathlib.Path(__file__).resolve().parents[2] / "Fixtures" / "files"
sources = sorted(p for p in fixtures.rglob("*") if p.is_file() and p.name != "MANIFEST.tsv")
blobs = [(p.name, p.read_bytes()) for p in sources]
rng = random.Random(20261130)
root.mkdir(parents=True)
for index in range(count):
    folder = root / f"d{index % 50:02d}" / f"e{(index // 50) % 40:02d}" / f"f{(index // 2000) % 10}"
    folder.mkdir(parents=True, exist_ok=True)
    kind = index % 10
    if kind < 6:  # 60%: cryptographic material (and the broken fixtures among it)
        name, data = blobs[index % len(blobs)]
        (folder / f"{index}-{name}").write_bytes(data)
    elif kind < 9:  # 30%: text that is not crypto material
        (folder / f"{index}.txt").write_text("config line %d\n" % index * rng.randint(1, 40))
    else:  # 10%: binary junk
        (folder / f"{index}.bin").write_bytes(b"JUNK" + os.urandom(rng.randint(16, 4096)))
print(f"made {count} files under {root}")
