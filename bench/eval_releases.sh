#!/usr/bin/env bash
# Release intelligence quality on the hand-labelled pages of $EVAL/releases:
# vendors, models, releases (precision/recall), claims (recall) and the
# number of comparison-only models reported as releases.
#
#   EVAL=../shared/eval BIN=bin/modelwire bash bench/eval_releases.sh
#
# Outputs go to .eval/releases/ (git-ignored): the manifest, the JSON Lines of
# `modelwire extract`, one OUT/ID.json per page and the scorer's report.
set -euo pipefail

EVAL=${EVAL:?set EVAL to the shared eval directory}
BIN=${BIN:?set BIN to the modelwire binary}
EVAL=$(cd "$EVAL" && pwd)
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
OUT=.eval/releases
rm -rf "$OUT"
mkdir -p "$OUT/out"

# Manifest: PATH<TAB>URL for every labelled page.
while IFS=$'\t' read -r id url; do
	[ -n "$id" ] || continue
	printf '%s\t%s\n' "$EVAL/releases/docs/$id.html" "$url"
done <"$EVAL/releases/urls.tsv" >"$OUT/manifest.tsv"

"$BIN" extract --manifest "$OUT/manifest.tsv" >"$OUT/extract.jsonl" || true

# Split into OUT/ID.json, the shape score_releases.py reads.
python3 "$(dirname "$0")/split_extract.py" "$OUT/extract.jsonl" "$OUT/out"

python3 "$EVAL/score_releases.py" "$EVAL/releases/labels" "$OUT/out" --per-doc | tee "$OUT/report.txt"
python3 - "$OUT/report.txt" <<'PY'
import json, sys
res = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
print("releases eval:")
for k in ("vendors", "models", "releases"):
    print(f"  {k:9s} precision {res[k + '_precision']}  recall {res[k + '_recall']}")
print(f"  claims    recall {res['claims_recall']}")
print(f"  forbidden releases {res['forbidden_releases']}  missing outputs {res['missing_outputs']}")
PY
