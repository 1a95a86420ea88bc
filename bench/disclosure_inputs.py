#!/usr/bin/env python3
"""Writes the disclosure benchmark inputs (deterministic):
  suppress.json    a 10x10 table with row, column and grand totals and exactly 20 small (primary) cells
  deidentify.json  500 rows with 4 quasi-identifiers and 2 outcomes
Usage: disclosure_inputs.py OUTDIR"""
import json
import random
import sys

out = sys.argv[1]
rng = random.Random(7)

cells, sums = {}, []
small = set(rng.sample(range(100), 20))
for i in range(10):
    for j in range(10):
        cells[f"r{i}c{j}"] = rng.randint(1, 9) if i * 10 + j in small else rng.randint(10, 60)
for i in range(10):
    cells[f"r{i}"] = sum(cells[f"r{i}c{j}"] for j in range(10))
    sums.append({"total": f"r{i}", "of": [f"r{i}c{j}" for j in range(10)]})
for j in range(10):
    cells[f"c{j}"] = sum(cells[f"r{i}c{j}"] for i in range(10))
    sums.append({"total": f"c{j}", "of": [f"r{i}c{j}" for i in range(10)]})
cells["t"] = sum(cells[f"r{i}"] for i in range(10))
sums.append({"total": "t", "of": [f"r{i}" for i in range(10)]})
sums.append({"total": "t", "of": [f"c{j}" for j in range(10)]})
with open(f"{out}/suppress.json", "w") as f:
    json.dump({"cells": cells, "sums": sums, "min_count": 10, "zeros": "publish",
               "protection": "exact", "attacker": "weak"}, f)

rows = []
for n in range(500):
    rows.append({
        "school": rng.choice(["101", "102", "103"]),
        "gender": rng.choice(["female", "male"]),
        "grade": rng.choice(["03", "04", "05", "06"]),
        "race": rng.choice(["asian", "black", "hispanic", "white", "two_or_more"]),
        "attendance": rng.choice(["chronic", "ok"]),
        "benchmark": rng.choice(["met", "not_met"]),
    })
with open(f"{out}/deidentify.json", "w") as f:
    json.dump({"k": 11, "l": 2, "quasi_identifiers": ["school", "gender", "grade", "race"],
               "outcomes": ["attendance", "benchmark"], "rows": rows}, f)
