# lib.sh — shared steps of the bench/eval_*.sh scripts (sourced, not run).
# Needs EVAL (path to the shared eval data) and BIN (the modelwire binary).

EVAL=${EVAL:-../shared/eval}
BIN=${BIN:-bin/modelwire}
# BASELINE=0 skips the side-by-side go-trafilatura run.
BASELINE=${BASELINE:-1}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

now_ms() { date +%s%3N; }

# run_extractor NAME MANIFEST OUTDIR: runs one extractor on one goroutine
# (so docs/s is per core), writes OUTDIR/NAME.jsonl and OUTDIR/NAME.pred.json,
# and prints the wall time in ms.
run_extractor() {
	local name=$1 manifest=$2 out=$3 t0 t1
	t0=$(now_ms)
	case $name in
	modelwire) "$BIN" extract -j 1 --manifest "$manifest" >"$out/$name.jsonl" 2>"$out/$name.err" || true ;;
	go-trafilatura) "$out/gotrafilatura" "$manifest" >"$out/$name.jsonl" 2>"$out/$name.err" ;;
	esac
	t1=$(now_ms)
	python3 "$HERE/pred.py" "$out/$name.jsonl" >"$out/$name.pred.json"
	echo $((t1 - t0))
}

# extractors OUTDIR: the extractors to compare, building the baseline if asked.
extractors() {
	echo modelwire
	if [ "$BASELINE" != 0 ]; then
		# bench/ is a Go module of its own: go-trafilatura stays out of modelwire's.
		go -C "$HERE" build -o "$(cd "$1" && pwd)/gotrafilatura" ./gotrafilatura && echo go-trafilatura
	fi
}
