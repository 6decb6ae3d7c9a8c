#!/usr/bin/env bash
# Entity resolution quality: the surface-form table of
# extractor/intel/testdata/resolve.tsv (names in five languages, variant,
# transliterated and garbled spellings with their context, ordinary words
# that must stay ordinary) and the short hand-written news articles of
# extractor/intel/testdata/news (extracted from HTML and analysed end to
# end). The figures are what TestResolution and TestNews measure and assert.
#
#   bash bench/eval_resolve.sh
set -euo pipefail

out=$(go test -count=1 -run '^(TestResolution|TestNews)$' -v ./extractor/intel 2>&1) || {
	echo "$out" | grep -v '^=== RUN' >&2
	echo "resolution eval: tests failed" >&2
	exit 1
}
rows=$(grep -cv '^\(#\|$\)' extractor/intel/testdata/resolve.tsv)
echo "resolution eval ($rows surface forms of testdata/resolve.tsv; news: testdata/news):"
pick() { echo "$out" | grep -o "$1.*" | head -1 | sed "s/$1//"; }
echo "  names in text   $(pick 'resolution accuracy in text: ')"
echo "  names alone     $(pick 'resolution accuracy alone: *')"
echo "  short news      $(pick 'news resolved: ')"
