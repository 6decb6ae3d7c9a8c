#!/usr/bin/env bash
# eval_noise.sh — false release intelligence on ordinary news: runs the
# analyzer over the pages of $EVAL/articles (88) and $EVAL/metadata (826),
# which announce no AI model, and counts the pages with releases, models
# and vendors reported, listing what was reported. Every release there is
# false; models and vendors are false unless the page really names an AI
# model or model maker (a few pages do), so the lists are for reading.
#
#   EVAL=../shared/eval BIN=bin/modelwire bash bench/eval_noise.sh
#
# Output goes to .eval/noise/ (git-ignored): manifests, extract output and
# SET.report.txt with one line per page that reported anything.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
OUT=.eval/noise
mkdir -p "$OUT"
for set in articles metadata; do
	python3 "$HERE/manifest.py" "$EVAL/$set/ground-truth.json" "$EVAL/$set/html" >"$OUT/$set.tsv"
	"$BIN" extract --manifest "$OUT/$set.tsv" >"$OUT/$set.jsonl" 2>"$OUT/$set.err" || true
	python3 - "$OUT/$set.jsonl" "$set" >"$OUT/$set.report.txt" <<'PY'
import json, os, sys
path, name = sys.argv[1], sys.argv[2]
pages = rel = mod = ven = 0
nrel = nmod = nven = 0
lines = []
for line in open(path, encoding="utf-8"):
    r = json.loads(line)
    pages += 1
    rs = [x["model"] for x in r.get("releases") or []]
    ms = [x["name"] for x in r.get("models") or []]
    vs = [x["id"] for x in r.get("vendors") or []]
    rel += bool(rs); mod += bool(ms); ven += bool(vs)
    nrel += len(rs); nmod += len(ms); nven += len(vs)
    if rs or ms or vs:
        doc = os.path.basename(r["source"]).split(".html")[0]
        lines.append(f"{doc}\treleases={rs} models={ms} vendors={vs}")
print(f"noise {name:9s} {pages} pages: releases on {rel} ({nrel}), models on {mod} ({nmod}), vendors on {ven} ({nven})")
for l in lines:
    print("  " + l)
PY
	head -1 "$OUT/$set.report.txt"
done
