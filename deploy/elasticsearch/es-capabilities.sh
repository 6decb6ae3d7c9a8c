#!/usr/bin/env bash
# Probe what the running node on $ES_PORT actually supports (the integ-test
# distribution lacks most modules) and print one "yes/no feature" line each.
# Creates and deletes a scratch index "mw-capcheck-<pid>" and template of the
# same name. Exit status 0 even when features are missing.
set -euo pipefail

# shellcheck source=SCRIPTDIR/es-common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/es-common.sh"

IDX="mw-capcheck-$$"
HDR="$(mktemp)"
BODY="$(mktemp)"
cleanup() {
  curl -s -o /dev/null -X DELETE "$ES_URL/$IDX,$IDX-copy?ignore_unavailable=true" || true
  curl -s -o /dev/null -X DELETE "$ES_URL/_index_template/$IDX" || true
  curl -s -o /dev/null -X DELETE "$ES_URL/_ingest/pipeline/$IDX" || true
  rm -f "$HDR" "$BODY"
}
trap cleanup EXIT

# req METHOD PATH [JSON|@file] [content-type] -> prints HTTP code; body in $BODY
req() {
  local args=(-s -m 30 -o "$BODY" -D "$HDR" -w '%{http_code}' -X "$1" "$ES_URL$2")
  if [[ $# -ge 3 ]]; then
    args+=(-H "Content-Type: ${4:-application/json}" --data-binary "$3")
  fi
  curl "${args[@]}" || true
}
reason() { grep -o '"reason":"[^"]*"\|"error":"[^"]*"' "$BODY" | head -n1 | cut -d'"' -f4 | cut -c1-90; }
report() { # report yes|no feature [detail]
  printf '%-3s  %-44s %s\n' "$1" "$2" "${3:-}"
}
# check FEATURE EXPECT_REGEX METHOD PATH [BODY] [CT]: yes when 2xx and body matches
check() {
  local feature="$1" want="$2" code
  shift 2
  code="$(req "$@")"
  if [[ "$code" == 2* ]] && grep -Eq "$want" "$BODY"; then
    report yes "$feature"
  else
    report no "$feature" "HTTP $code $(reason)"
  fi
}

code="$(req GET /_cluster/health)"
[[ "$code" == 200 ]] || es_die "no healthy node on $ES_URL (HTTP $code); run es-up.sh first"

echo "# node $ES_URL"
req GET '/_nodes/_local?filter_path=nodes.*.version,nodes.*.modules.name,nodes.*.plugins.name' >/dev/null
echo "# version: $(grep -o '"version":"[^"]*"' "$BODY" | head -n1 | cut -d'"' -f4)"
echo "# modules: $(grep -o '"name":"[^"]*"' "$BODY" | cut -d'"' -f4 | paste -sd' ' -)"
req GET '/_cat/plugins?h=component' >/dev/null
echo "# _cat/plugins: $(paste -sd' ' "$BODY")"

code="$(req GET /)"
if [[ "$code" == 200 ]]; then report yes "GET / (info)"; else report no "GET / (info)" "HTTP $code"; fi
if grep -qi '^x-elastic-product: *Elasticsearch' "$HDR"; then
  report yes "X-Elastic-Product: Elasticsearch header"
else
  report no "X-Elastic-Product: Elasticsearch header"
fi

for a in standard simple whitespace stop keyword pattern fingerprint english french german cjk icu_analyzer smartcn kuromoji; do
  check "analyzer $a" '"tokens"' POST /_analyze "{\"analyzer\":\"$a\",\"text\":\"The Running Models\"}"
done
for t in standard whitespace keyword letter classic ngram edge_ngram pattern uax_url_email icu_tokenizer; do
  check "tokenizer $t" '"tokens"' POST /_analyze "{\"tokenizer\":\"$t\",\"text\":\"Running models\"}"
done
for f in lowercase stop shingle asciifolding stemmer porter_stem kstem snowball synonym word_delimiter_graph edge_ngram cjk_bigram icu_folding; do
  check "token filter $f" '"tokens"' POST /_analyze "{\"tokenizer\":\"standard\",\"filter\":[\"$f\"],\"text\":\"The Running Café\"}"
done
for c in html_strip mapping pattern_replace; do
  check "char filter $c" '"tokens"' POST /_analyze "{\"tokenizer\":\"standard\",\"char_filter\":[\"$c\"],\"text\":\"<b>x</b>\"}"
done

check "index template (+ alias, custom analyzer)" '"acknowledged":true' PUT "/_index_template/$IDX" \
  "{\"index_patterns\":[\"$IDX\"],\"template\":{\"aliases\":{\"$IDX-alias\":{}},
   \"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0,
     \"analysis\":{\"analyzer\":{\"en\":{\"type\":\"custom\",\"tokenizer\":\"standard\",\"filter\":[\"lowercase\",\"en_stop\"]}},
       \"filter\":{\"en_stop\":{\"type\":\"stop\",\"stopwords\":\"_english_\"}},
       \"normalizer\":{\"lc\":{\"type\":\"custom\",\"filter\":[\"lowercase\"]}}}},
   \"mappings\":{\"properties\":{\"title\":{\"type\":\"text\",\"analyzer\":\"en\"},\"body\":{\"type\":\"text\"},
     \"source\":{\"type\":\"keyword\",\"normalizer\":\"lc\"},\"tags\":{\"type\":\"keyword\"},
     \"published\":{\"type\":\"date\"},\"vec\":{\"type\":\"dense_vector\",\"dims\":3,\"similarity\":\"cosine\"}}}}}"
check "create index from template" '"acknowledged":true' PUT "/$IDX"
check "custom analyzer (standard+lowercase+stop _english_)" '"token":"models"' POST "/$IDX/_analyze" \
  '{"analyzer":"en","text":"The Models are running"}'
check "alias from template" "$IDX-alias" GET "/_alias/$IDX-alias"
check "_aliases add/remove" '"acknowledged":true' POST /_aliases \
  "{\"actions\":[{\"add\":{\"index\":\"$IDX\",\"alias\":\"$IDX-read\"}}]}"

bulk="$(printf '%s\n' \
  "{\"index\":{\"_index\":\"$IDX\",\"_id\":\"1\",\"version\":5,\"version_type\":\"external\"}}" \
  '{"title":"The OpenAI models are running","body":"GPT news about language models","source":"OpenAI","tags":["llm","openai"],"published":"2025-01-02","vec":[1,0,0]}' \
  "{\"index\":{\"_index\":\"$IDX\",\"_id\":\"2\",\"version\":3,\"version_type\":\"external\"}}" \
  '{"title":"Anthropic releases Claude","body":"Claude model news","source":"Anthropic","tags":["llm"],"published":"2025-02-03","vec":[0,1,0]}' \
  "{\"index\":{\"_index\":\"$IDX\",\"_id\":\"1\",\"version\":4,\"version_type\":\"external\"}}" \
  '{"title":"stale"}')"
check "_bulk version_type=external (stale -> 409)" '"status":201.*"status":201.*"status":409' \
  POST '/_bulk?refresh=true' "$bulk"$'\n' application/x-ndjson
check "_update doc_as_upsert (create)" '"result":"created"' POST "/$IDX/_update/3?refresh=true" \
  '{"doc":{"title":"DeepMind Gemini paper","source":"DeepMind","tags":["research"],"published":"2025-03-01"},"doc_as_upsert":true}'
check "_update doc_as_upsert (update)" '"result":"updated"' POST "/$IDX/_update/3?refresh=true" \
  '{"doc":{"body":"updated body"},"doc_as_upsert":true}'
check "terms aggregation" '"key":"llm","doc_count":2' POST "/$IDX-alias/_search" \
  '{"size":0,"aggs":{"t":{"terms":{"field":"tags"}}}}'
check "date_histogram + cardinality aggs" '"card":\{"value":3' POST "/$IDX/_search" \
  '{"size":0,"aggs":{"h":{"date_histogram":{"field":"published","calendar_interval":"month"}},"card":{"cardinality":{"field":"tags"}}}}'
check "simple_query_string" '"total":\{"value":2' POST "/$IDX/_search" \
  '{"query":{"simple_query_string":{"query":"model* + (openai | claude) -stale","fields":["title^2","body"],"default_operator":"and"}}}'
check "highlighting" '<em>' POST "/$IDX/_search" \
  '{"query":{"match":{"body":"models"}},"highlight":{"fields":{"body":{}}}}'
check "multi_match + bool filter + sort" '"hits":\[\{' POST "/$IDX/_search" \
  '{"query":{"bool":{"must":{"multi_match":{"query":"claude model","fields":["title","body"]}},"filter":{"range":{"published":{"gte":"2025-01-01"}}}}},"sort":[{"published":"desc"}]}'
check "knn on dense_vector" '"_id":"1"' POST "/$IDX/_search" \
  '{"knn":{"field":"vec","query_vector":[1,0.1,0],"k":1,"num_candidates":10}}'
check "painless script_fields" '"x":\[2\]' POST "/$IDX/_search" \
  '{"size":1,"script_fields":{"x":{"script":{"source":"1+1"}}}}'
check "painless _update script" '"result":"updated"' POST "/$IDX/_update/3" \
  '{"script":{"source":"ctx._source.n = 1","lang":"painless"}}'
check "_delete_by_query (reindex module)" '"deleted"' POST "/$IDX/_delete_by_query" '{"query":{"match_none":{}}}'
check "_update_by_query (reindex module)" '"updated"' POST "/$IDX/_update_by_query" '{"query":{"match_none":{}}}'
check "_reindex (reindex module)" '"created"' POST '/_reindex?refresh=true' \
  "{\"source\":{\"index\":\"$IDX\"},\"dest\":{\"index\":\"$IDX-copy\"}}"
check "search template (lang-mustache)" '"hits"' POST "/$IDX/_search/template" '{"source":{"query":{"match_all":{}}}}'
check "ingest pipeline with set processor" '"acknowledged":true' PUT "/_ingest/pipeline/$IDX" \
  '{"processors":[{"set":{"field":"a","value":"b"}}]}'
check "point in time" '"id"' POST "/$IDX/_pit?keep_alive=1m"
check "scroll" '"_scroll_id"' POST "/$IDX/_search?scroll=1m" '{"size":1}'
for t in scaled_float rank_feature search_as_you_type match_only_text token_count wildcard; do
  extra=""
  [[ "$t" == scaled_float ]] && extra=',"scaling_factor":100'
  [[ "$t" == token_count ]] && extra=',"analyzer":"standard"'
  check "field type $t" '"acknowledged":true' PUT "/$IDX/_mapping" \
    "{\"properties\":{\"f_$t\":{\"type\":\"$t\"$extra}}}"
done
