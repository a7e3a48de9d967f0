#!/usr/bin/env python3
"""Writes a large ModemKit trace for measuring `modemkit replay decode`.

Usage: scripts/make-big-trace.py OUT [MEGABYTES] [SOURCE]

Repeats the records of SOURCE (default Fixtures/traces/generic.trace), shifting their times by
30 s per repetition, until OUT holds at least MEGABYTES MiB (default 200).
"""
import os
import sys

out_path = sys.argv[1]
megabytes = int(sys.argv[2]) if len(sys.argv) > 2 else 200
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
source = sys.argv[3] if len(sys.argv) > 3 else os.path.join(root, "Fixtures/traces/generic.trace")

lines = open(source, encoding="utf-8").read().splitlines()
header = [line for line in lines if line.startswith("#")]
records = [line.split(" ", 1) for line in lines if line and not line.startswith("#") and " ev " not in line]

with open(out_path, "w", encoding="utf-8") as out:
    out.write("\n".join(header) + "\n")
    size, offset, repetitions = 0, 0.0, 0
    while size < megabytes * 1024 * 1024:
        block = "".join("%.6f %s\n" % (float(time) + offset, rest) for time, rest in records)
        out.write(block)
        size += len(block)
        offset += 30
        repetitions += 1
print("%s: %d repetitions, %d bytes" % (out_path, repetitions, size))
