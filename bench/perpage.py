#!/usr/bin/env python3
"""Per-page precision and recall on the articles set, worst F1 first.

usage: perpage.py GROUND_TRUTH.json PRED.json [N]
"""
import importlib.util
import json
import os
import sys

spec = importlib.util.spec_from_file_location(
    "sa", os.path.join(os.path.dirname(os.path.abspath(sys.argv[1])), "..", "score_articles.py"))
sa = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sa)

truth = json.load(open(sys.argv[1], encoding="utf-8"))
pred = json.load(open(sys.argv[2], encoding="utf-8"))
rows = []
for k, gt in truth.items():
    tp, fp, fn = sa.page_counts(gt.get("articleBody") or "", (pred.get(k) or {}).get("articleBody") or "")
    p, r = sa.precision(tp, fp, fn), sa.recall(tp, fp, fn)
    rows.append((2 * p * r / (p + r) if p + r else 0, p, r, k, gt.get("url", "")))
rows.sort()
for f, p, r, k, u in rows[: int(sys.argv[3]) if len(sys.argv) > 3 else 20]:
    print(f"{f:.3f} P {p:.3f} R {r:.3f} {k[:12]} {u[:90]}")
