#!/usr/bin/env bash
# run.sh — `make bench`: every speed figure of modelwire in one run, each
# beside what a user would otherwise pick, then one summary table.
#
#  1. extraction: docs/s on one core (GOMAXPROCS=1) and allocations per doc
#     on $EVAL/articles (88 pages) — modelwire's full extractor, its text and
#     metadata part alone, go-trafilatura with and without its fallbacks —
#     and, when PyPI is reachable, Python trafilatura and news-please
#     (installed into bench/.venv);
#  2. indexing: docs/s into Elasticsearch through the store vs a bare
#     esutil.BulkIndexer at several flush sizes (the best is the node's limit);
#  3. end to end: `modelwire run` (the built binary) on a generated loopback
#     site of $ARTICLES articles, embedded store and Elasticsearch: pages/s,
#     fetch→indexed and fetch→release-event p50/p99, CPU per page, peak RSS;
#  4. scaling: 1 and 2 extractor replicas; 1,000 vs $ARTICLES pages;
#  5. the new-user check: `modelwire run --once` on 2,000 articles;
#  6. rendering: pages/s, ms/page and the browser's peak memory rendering a
#     script-built page in headless Chromium with 1, 2 and 4 tabs
#     (BenchmarkRender in crawler/chromium; needs Debian's chromium).
#  7. import: `modelwire import` of a generated WARC file of $IMPORT_PAGES
#     article pages of ~60 KiB (plus a quarter as many on another domain,
#     filtered out) and of one a tenth that size: records/s, MB/s of the
#     compressed file, peak RSS (flat memory: the same for both).
#
# Raw output goes to .bench/ (git-ignored); the table is .bench/summary.txt.
# The machine may be shared: Go benchmarks run COUNT times (medians), the
# end-to-end runs RUNS times (medians).
#
# Environment: EVAL (../shared/eval), COUNT (5), RUNS (3), ARTICLES (10000),
# IMPORT_PAGES (20000), ONLY=import runs section 7 alone,
# MODELWIRE_TEST_ES_URL (http://127.0.0.1:9200), PYTHON=0 skips Python,
# ES=0 skips everything that needs Elasticsearch, RENDER=0 skips rendering,
# RENDER_PAGES (20 per run), ONLY=render runs the rendering section alone
# (into .bench/render-only),
# BENCHSTAT (the command).
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL=$(cd "${EVAL:-../shared/eval}" && pwd)
COUNT=${COUNT:-5}
RUNS=${RUNS:-3}
ARTICLES=${ARTICLES:-10000}
ES_URL=${MODELWIRE_TEST_ES_URL:-http://127.0.0.1:9200}
OUT=.bench
BENCHSTAT=${BENCHSTAT:-go run golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da}
mkdir -p "$OUT"
log() { printf '== %s\n' "$*" >&2; }
# benchbuild OUTPUT PACKAGE builds a program of bench/'s own Go module (it
# carries the benchmark-only dependencies, go-trafilatura among them).
benchbuild() { go -C bench build -o "$(pwd)/$1" "./$2"; }
IMPORT_PAGES=${IMPORT_PAGES:-20000}

# 7. Import of a large generated WARC file (the file is generated once
# into .bench/import and kept).
import_bench() {
	benchbuild "$OUT/warcimport" warcimport
	rm -f "$OUT"/import.jsonl
	for run in $(seq "$RUNS"); do
		log "import, run $run of $RUNS: $IMPORT_PAGES pages and $((IMPORT_PAGES / 10))"
		"$OUT/warcimport" -bin bin/modelwire -pages "$IMPORT_PAGES" -offsite $((IMPORT_PAGES / 4)) -dir "$OUT/import" >>"$OUT/import.jsonl"
		"$OUT/warcimport" -bin bin/modelwire -pages $((IMPORT_PAGES / 10)) -offsite $((IMPORT_PAGES / 40)) -dir "$OUT/import" >>"$OUT/import.jsonl"
	done
}
if [ "${ONLY:-}" = import ]; then
	make -s build
	OUT=$OUT/import-only
	mkdir -p "$OUT"
	import_bench
	python3 bench/summary.py "$OUT" | tee "$OUT/summary.txt"
	exit 0
fi

render() {
	log "rendering: $COUNT runs of ${RENDER_PAGES:-20} script-built pages in headless Chromium, 1, 2 and 4 tabs"
	go test -run '^$' -bench 'BenchmarkRender' -benchtime "${RENDER_PAGES:-20}x" -count "$COUNT" ./crawler/chromium >"$OUT/render.txt"
}
if [ "${ONLY:-}" = render ]; then
	OUT=$OUT/render-only
	mkdir -p "$OUT"
	render
	python3 bench/summary.py "$OUT" | tee "$OUT/summary.txt"
	exit 0
fi
rm -f "$OUT"/e2e.jsonl "$OUT"/python.jsonl

log "building bin/modelwire and the bench programs"
make -s build
benchbuild "$OUT/e2e" e2e

log "extraction: $COUNT × 88 pages per extractor, one core"
go test -run '^$' -bench 'BenchmarkExtract$|BenchmarkExtractArticle$' -benchmem -cpu 1 \
	-count "$COUNT" ./extractor -args -eval "$EVAL" >"$OUT/extract.txt"
go -C bench test -run '^$' -bench 'BenchmarkGoTrafilatura' -benchmem -cpu 1 \
	-count "$COUNT" ./gotrafilatura -args -eval "$EVAL" >>"$OUT/extract.txt"

if [ "${ES:-1}" != 0 ]; then
	log "indexing: Elasticsearch at $ES_URL, $COUNT runs of 20,000 documents each"
	MODELWIRE_TEST_ES_URL=$ES_URL go test -run '^$' -bench 'BenchmarkElasticIndex' -benchmem -benchtime 20000x \
		-count "$COUNT" ./indexer >"$OUT/index.txt"
fi

e2e() { "$OUT/e2e" -bin bin/modelwire -es "$ES_URL" "$@" >>"$OUT/e2e.jsonl"; }
for run in $(seq "$RUNS"); do
	log "end to end, run $run of $RUNS"
	e2e -articles "$ARTICLES" -store embedded
	[ "${ES:-1}" != 0 ] && e2e -articles "$ARTICLES" -store elastic
	e2e -articles 1000 -store embedded
	e2e -articles "$ARTICLES" -store embedded -extractors 2
	e2e -articles 2000 -mode once -name new-user
done

if [ "${PYTHON:-1}" != 0 ]; then
	log "Python trafilatura and news-please (bench/.venv)"
	if { [ -x bench/.venv/bin/python ] || python3 -m venv bench/.venv; } &&
		bench/.venv/bin/pip install -q -U pip >"$OUT/pip.log" 2>&1 &&
		bench/.venv/bin/pip install -q trafilatura news-please >>"$OUT/pip.log" 2>&1; then
		bench/.venv/bin/python -W ignore bench/pybench.py "$EVAL" 1 >"$OUT/python.jsonl" 2>"$OUT/python.err" || true
	else
		echo "{\"name\": \"python\", \"error\": \"could not install trafilatura and news-please: $(tail -1 "$OUT/pip.log" | tr -d '"\\')\"}" >"$OUT/python.jsonl"
	fi
fi

if [ "${RENDER:-1}" != 0 ]; then render; fi
import_bench

$BENCHSTAT "$OUT/extract.txt" >"$OUT/extract.benchstat" 2>&1 || true
if [ -f "$OUT/index.txt" ]; then $BENCHSTAT "$OUT/index.txt" >"$OUT/index.benchstat" 2>&1 || true; fi
python3 bench/summary.py "$OUT" | tee "$OUT/summary.txt"
