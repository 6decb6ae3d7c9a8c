#!/usr/bin/env python3
"""Show what one page's extraction missed and added, line by line.

usage: pagediff.py GROUND_TRUTH.json PRED.json ID_PREFIX
Lines of the truth mostly absent from the prediction are marked "-", lines
of the prediction mostly absent from the truth "+".
"""
import json
import re
import sys

W = re.compile(r"\w+")


def sh(t):
    w = W.findall(t)
    return {tuple(w[i:i + 4]) for i in range(max(1, len(w) - 3))} if w else set()


truth = json.load(open(sys.argv[1], encoding="utf-8"))
pred = json.load(open(sys.argv[2], encoding="utf-8"))
k = next(k for k in truth if k.startswith(sys.argv[3]))
gt, pr = truth[k].get("articleBody") or "", (pred.get(k) or {}).get("articleBody") or ""
print(truth[k].get("url"))
gs, ps = sh(gt), sh(pr)
for sign, text, other in (("-", gt, ps), ("+", pr, gs)):
    for line in text.split("\n"):
        s = sh(line)
        if line.strip() and s and len(s - other) > len(s) / 2:
            print(sign, line[:160])
