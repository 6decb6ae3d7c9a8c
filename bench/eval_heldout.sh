#!/usr/bin/env bash
# Release intelligence on a held-out set written by hand (default
# bench/heldout; bench/heldout2 to bench/heldout8 are later, fresh ones, each
# written before any run on it; each set's README gives its first look, and
# says whether fixes have been tuned on it since): READMEs with benchmark tables, vendor blogs,
# news in en, zh, ja, ko, vi; labels in SET/labels, format of
# $EVAL/releases/LABELING.md; and news pages on other subjects (SET/noise:
# phones, chips, cars, games, films, launches, software releases, sports,
# finance) that must yield no release. Scores with the shared scorer,
# $EVAL/score_releases.py.
#
#   EVAL=../shared/eval BIN=bin/modelwire bash bench/eval_heldout.sh [SET]
#
# Outputs go to .eval/NAME/ (git-ignored; NAME is the set's directory name):
# manifests, `modelwire extract` output, one OUT/ID.json per page and the
# scorer's report.
set -euo pipefail

EVAL=${EVAL:?set EVAL to the shared eval directory}
BIN=${BIN:?set BIN to the modelwire binary}
EVAL=$(cd "$EVAL" && pwd)
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
SET=${1:-$(dirname "$0")/heldout}
SET=$(cd "$SET" && pwd)
NAME=$(basename "$SET")
OUT=.eval/$NAME
rm -rf "$OUT"
mkdir -p "$OUT/out" "$OUT/noise"

# manifest DIR: PATH<TAB>URL for every page of DIR/urls.tsv.
manifest() {
	while IFS=$'\t' read -r id url; do
		[ -n "$id" ] || continue
		printf '%s\t%s\n' "$1/docs/$id.html" "$url"
	done <"$1/urls.tsv"
}
manifest "$SET" >"$OUT/manifest.tsv"
manifest "$SET/noise" >"$OUT/noise.tsv"

"$BIN" extract --manifest "$OUT/manifest.tsv" >"$OUT/extract.jsonl" 2>"$OUT/extract.err" || true
"$BIN" extract --manifest "$OUT/noise.tsv" >"$OUT/noise.jsonl" 2>"$OUT/noise.err" || true

# Split into DIR/ID.json, the shape score_releases.py reads.
split() { python3 "$(dirname "$0")/split_extract.py" "$1" "$2"; }
split "$OUT/extract.jsonl" "$OUT/out"
split "$OUT/noise.jsonl" "$OUT/noise"

python3 "$EVAL/score_releases.py" "$SET/labels" "$OUT/out" --per-doc >"$OUT/report.txt"
python3 - "$OUT/report.txt" "$OUT/noise" "bench/$NAME" <<'PY'
import json, os, sys
lines = open(sys.argv[1]).read().strip().splitlines()
res = json.loads(lines[-1])
print("held-out releases eval (%s, %d documents):" % (sys.argv[3], len(lines) - 1))
for k in ("vendors", "models", "releases"):
    print(f"  {k:9s} precision {res[k + '_precision']}  recall {res[k + '_recall']}")
print(f"  claims    recall {res['claims_recall']}")
print(f"  forbidden releases {res['forbidden_releases']}  missing outputs {res['missing_outputs']}")
bad = []
for l in lines[:-1]:
    name, rest = l.split(" ", 1)
    for m in json.loads(rest)["forbidden_releases"]:
        bad.append(f"{name[:-5]}:{m}")
if bad:
    print("  forbidden: " + ", ".join(bad))
pages = rel = 0
found = []
for name in sorted(os.listdir(sys.argv[2])):
    r = json.load(open(os.path.join(sys.argv[2], name), encoding="utf-8"))
    pages += 1
    rs = [x["model"] for x in r.get("releases") or []]
    ms = [x["name"] for x in r.get("models") or []]
    vs = [x["id"] for x in r.get("vendors") or []]
    rel += bool(rs)
    if rs or ms or vs:
        found.append(f"    {name[:-5]}: releases={rs} models={ms} vendors={vs}")
print(f"  non-AI pages ({sys.argv[3]}/noise) {pages}: releases on {rel}")
for f in found:
    print(f)
PY
