#!/usr/bin/env bash
# eval_articles.sh — main-text quality and speed on $EVAL/articles (88 news
# pages): F1, precision, recall of score_articles.py and docs/s on one core,
# for modelwire and, side by side, go-trafilatura (BASELINE=0 skips it).
# Per-page output: the pages where the two differ most, all pages in
# .eval/articles/perpage.txt, and the share of pages whose text came from
# each extraction path. Output goes to .eval/articles/.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
SET=$EVAL/articles
OUT=.eval/articles
mkdir -p "$OUT"
python3 "$HERE/manifest.py" "$SET/ground-truth.json" "$SET/html" >"$OUT/manifest.tsv"
n=$(wc -l <"$OUT/manifest.tsv")
for x in $(extractors "$OUT"); do
	ms=$(run_extractor "$x" "$OUT/manifest.tsv" "$OUT")
	python3 "$SET/../score_articles.py" "$SET/ground-truth.json" "$OUT/$x.pred.json" >"$OUT/$x.score.json"
	jq -r --arg x "$x" --argjson n "$n" --argjson ms "$ms" \
		'"articles  \($x|.+"               "|.[:15]) F1 \(.f1)  P \(.precision)  R \(.recall)  exact \(.exact)  \($n*1000/$ms*10|floor/10) docs/s (\($n) pages, \($ms) ms, 1 core)"' \
		"$OUT/$x.score.json"
done
# The tail a mean hides: pages where modelwire and go-trafilatura differ
# most (all pages, worst first, in $OUT/perpage.txt), and which path gave
# modelwire's text on how many pages (primary, readability, captions, jsonld).
preds=("$OUT/modelwire.pred.json")
[ -f "$OUT/go-trafilatura.pred.json" ] && [ "$BASELINE" != 0 ] && preds+=("$OUT/go-trafilatura.pred.json")
python3 "$HERE/perpage.py" articles "$SET/ground-truth.json" "${preds[@]}" --all "$OUT/perpage.txt"
jq -r '.article.extraction // empty' "$OUT/modelwire.jsonl" | sort | uniq -c | sort -rn |
	awk -v n="$n" '{printf "%s%s %d (%.1f%%)", (NR>1 ? ", " : "  modelwire text from: "), $2, $1, 100*$1/n} END {print ""}'

