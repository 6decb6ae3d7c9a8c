#!/usr/bin/env bash
# eval_extract.sh — extraction quality and speed, for modelwire and, side
# by side, go-trafilatura (BASELINE=0 skips it), with docs/s on one core,
# on two sets (SETS="articles" runs one):
#   articles  $EVAL/articles (88 news pages): main text F1, precision,
#             recall and exact matches (score_articles.py)
#   metadata  $EVAL/metadata (826 pages, many languages): title and date
#             accuracy, author recall, and the share of "with" snippets
#             kept and "without" snippets dropped (score_meta.py)
# then, per set, the pages where the two differ most (all pages in
# .eval/<set>/perpage.txt) and the share of pages whose text came from each
# extraction path. Output goes to .eval/<set>/.
# Last, an independent check (READABILITY=0 skips it): modelwire against
# Mozilla Readability's expected output on go-readability's test pages in
# the Go module cache (eval_readability_pages.py; skipped with a note when
# the module cache lacks them), totals only; per page in
# .eval/readability/perpage.txt.
# And a second one (MERCURY=0 skips it): modelwire and go-trafilatura
# against the per-site test cases of the Mercury parser, about a hundred
# pages of big English news and magazine sites (title, date, author, body
# start and body F1; eval_mercury_pages.py, which fetches its npm package
# once into .cache/mercury-pages and skips with a note when npm, node or
# the registry is missing), totals only; per page in .eval/mercury/.
# And a third (DATES=0 skips it): publication dates against htmldate's
# hand-checked evaluation pages (mediacloud news pages and htmldate's
# comparison set) in the go-htmldate module go-trafilatura brings into the
# Go module cache (eval_date_pages.py), beside go-trafilatura.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
for set in ${SETS:-articles metadata}; do
	case $set in
	articles)
		scorer=score_articles.py
		scores='F1 \(.f1)  P \(.precision)  R \(.recall)  exact \(.exact)'
		;;
	metadata)
		scorer=score_meta.py
		scores='title \(.title_acc)  date \(.date_acc)  authors \(.author_recall)  with \(.with_kept)  without \(.without_dropped)'
		;;
	*)
		echo "eval_extract.sh: unknown set $set (articles, metadata)" >&2
		exit 2
		;;
	esac
	SET=$EVAL/$set
	OUT=.eval/$set
	mkdir -p "$OUT"
	python3 "$HERE/manifest.py" "$SET/ground-truth.json" "$SET/html" >"$OUT/manifest.tsv"
	n=$(wc -l <"$OUT/manifest.tsv")
	for x in $(extractors "$OUT"); do
		ms=$(run_extractor "$x" "$OUT/manifest.tsv" "$OUT")
		python3 "$SET/../$scorer" "$SET/ground-truth.json" "$OUT/$x.pred.json" >"$OUT/$x.score.json"
		jq -r --arg set "$set" --arg x "$x" --argjson n "$n" --argjson ms "$ms" \
			'"\($set|.+"  "|.[:10])\($x|.+"               "|.[:15]) '"$scores"'  \($n*1000/$ms*10|floor/10) docs/s (\($n) pages, \($ms) ms, 1 core)"' \
			"$OUT/$x.score.json"
	done
	# The tail a mean hides: pages where modelwire and go-trafilatura
	# differ most (all pages, worst first, in $OUT/perpage.txt), and which
	# path gave modelwire's text on how many pages (primary, readability,
	# captions, jsonld).
	preds=("$OUT/modelwire.pred.json")
	[ -f "$OUT/go-trafilatura.pred.json" ] && [ "$BASELINE" != 0 ] && preds+=("$OUT/go-trafilatura.pred.json")
	python3 "$HERE/perpage.py" "$set" "$SET/ground-truth.json" "${preds[@]}" --all "$OUT/perpage.txt"
	jq -r '.article.extraction // empty' "$OUT/modelwire.jsonl" | sort | uniq -c | sort -rn |
		awk -v n="$n" '{printf "%s%s %d (%.1f%%)", (NR>1 ? ", " : "  modelwire text from: "), $2, $1, 100*$1/n} END {print ""}'
done
if [ "${READABILITY:-1}" != 0 ]; then
	python3 "$HERE/eval_readability_pages.py" --bin "$BIN" --out .eval/readability --summary || true
fi
if [ "${MERCURY:-1}" != 0 ]; then
	mflags=()
	[ "$BASELINE" != 0 ] || mflags+=(--no-baseline)
	python3 "$HERE/eval_mercury_pages.py" --bin "$BIN" --out .eval/mercury --summary "${mflags[@]}" || true
fi
if [ "${DATES:-1}" != 0 ]; then
	dflags=()
	[ "$BASELINE" != 0 ] || dflags+=(--no-baseline)
	python3 "$HERE/eval_date_pages.py" --bin "$BIN" --out .eval/dates --summary "${dflags[@]}" || true
fi
