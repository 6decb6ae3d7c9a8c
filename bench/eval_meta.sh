#!/usr/bin/env bash
# eval_meta.sh — metadata quality on $EVAL/metadata (826 pages, many
# languages): title and date accuracy, author recall, and the share of
# "with" snippets kept and "without" snippets dropped, by score_meta.py, with
# docs/s on one core, for modelwire and, side by side, go-trafilatura
# (BASELINE=0 skips it), then the pages where the two differ most (all in
# .eval/metadata/perpage.txt) and the share of pages whose text came from
# each extraction path. Output goes to .eval/metadata/.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
SET=$EVAL/metadata
OUT=.eval/metadata
mkdir -p "$OUT"
python3 "$HERE/manifest.py" "$SET/ground-truth.json" "$SET/html" >"$OUT/manifest.tsv"
n=$(wc -l <"$OUT/manifest.tsv")
for x in $(extractors "$OUT"); do
	ms=$(run_extractor "$x" "$OUT/manifest.tsv" "$OUT")
	python3 "$SET/../score_meta.py" "$SET/ground-truth.json" "$OUT/$x.pred.json" >"$OUT/$x.score.json"
	jq -r --arg x "$x" --argjson n "$n" --argjson ms "$ms" \
		'"metadata  \($x|.+"               "|.[:15]) title \(.title_acc)  date \(.date_acc)  authors \(.author_recall)  with \(.with_kept)  without \(.without_dropped)  \($n*1000/$ms*10|floor/10) docs/s (\($n) pages, \($ms) ms, 1 core)"' \
		"$OUT/$x.score.json"
done
# The tail a mean hides: pages where modelwire and go-trafilatura differ
# most (all pages, worst first, in $OUT/perpage.txt), and which path gave
# modelwire's text on how many pages (primary, readability, captions, jsonld).
preds=("$OUT/modelwire.pred.json")
[ -f "$OUT/go-trafilatura.pred.json" ] && [ "$BASELINE" != 0 ] && preds+=("$OUT/go-trafilatura.pred.json")
python3 "$HERE/perpage.py" metadata "$SET/ground-truth.json" "${preds[@]}" --all "$OUT/perpage.txt"
jq -r '.article.extraction // empty' "$OUT/modelwire.jsonl" | sort | uniq -c | sort -rn |
	awk -v n="$n" '{printf "%s%s %d (%.1f%%)", (NR>1 ? ", " : "  modelwire text from: "), $2, $1, 100*$1/n} END {print ""}'

