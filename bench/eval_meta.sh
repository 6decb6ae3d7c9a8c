#!/usr/bin/env bash
# eval_meta.sh — metadata quality on $EVAL/metadata (826 pages, many
# languages): title and date accuracy, author recall, and the share of
# "with" snippets kept and "without" snippets dropped, by score_meta.py, with
# docs/s on one core, for modelwire and, side by side, go-trafilatura
# (BASELINE=0 skips it). Output goes to .eval/metadata/.
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
