package indexer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/elastic/go-elasticsearch/v8/esapi"

	"github.com/modelwire/modelwire/event"
)

// snippetChars is the length of a snippet, as on the embedded store.
const snippetChars = 200

// Search answers q over the articles alias with the same semantics as the
// embedded store: every word is required (in the title, the text or the names the article mentions),
// "quoted phrases" match as phrases, a leading '-' excludes, and an empty
// query matches everything, newest first. Filters are exact: vendor ids,
// folded model names, language, and published_at in [Since, Until).
func (e *Elastic) Search(ctx context.Context, q Query) (Result, error) {
	if err := q.Validate(); err != nil {
		return Result{}, err
	}
	q = q.Normalize()
	body, err := searchBody(q)
	if err != nil {
		return Result{}, err
	}
	var res searchResponse
	err = e.call(ctx, esapi.SearchRequest{Index: []string{e.articles}, Body: bytes.NewReader(body)}, &res)
	var re *responseError
	if errors.As(err, &re) && re.Status == http.StatusNotFound && re.Type == "index_not_found_exception" {
		return Result{}, fmt.Errorf("no index %s on Elasticsearch: nothing has been indexed with this index prefix yet", e.articles)
	}
	if err != nil {
		return Result{}, fmt.Errorf("searching %s: %w", e.articles, err)
	}
	out := Result{Total: res.Hits.Total.Value, Hits: make([]Hit, 0, len(res.Hits.Hits))}
	for _, h := range res.Hits.Hits {
		hit := Hit{
			ID:          h.ID,
			URL:         h.Source.URL,
			Title:       h.Source.Title,
			PublishedAt: h.Source.PublishedAt,
			FetchedAt:   h.Source.FetchedAt,
			Site:        h.Source.Site,
			Language:    h.Source.Language,
			Vendors:     nonNil(h.Source.Vendors),
			Models:      nonNil(h.Source.Models),
			Snippet:     snippet(h.Highlight),
		}
		if h.Score != nil {
			hit.Score = *h.Score
		}
		out.Hits = append(out.Hits, hit)
	}
	out.Facets = Facets{
		Vendors:   res.Aggregations.facet("vendors"),
		Models:    res.Aggregations.facet("models"),
		Languages: res.Aggregations.facet("languages"),
	}
	return out, nil
}

// searchBody builds the request body of q. User text never becomes query
// DSL: it is split as on the embedded store and written back as plain words
// and quoted phrases for simple_query_string, whose flags allow nothing
// else (no wildcards, fuzziness, regexps or nesting).
func searchBody(q Query) ([]byte, error) {
	text, positive, err := queryText(q.Text)
	if err != nil {
		return nil, err
	}
	var must any = map[string]any{"match_all": map[string]any{}}
	if text != "" {
		must = map[string]any{"simple_query_string": map[string]any{
			"query":            text,
			"fields":           []string{"title^2", "title.*^2", "text", "text.*", "names^0.5"},
			"default_operator": "and",
			"flags":            "NOT|PHRASE|WHITESPACE",
		}}
	}
	filter := []any{}
	if len(q.Vendors) > 0 {
		filter = append(filter, terms("vendors", q.Vendors, event.Slug))
	}
	if len(q.Models) > 0 {
		filter = append(filter, modelFilter("model_ids", "model_keys", q.Models))
	}
	if len(q.Benchmarks) > 0 {
		filter = append(filter, terms("benchmark_keys", q.Benchmarks, BenchmarkKey))
	}
	if q.Language != "" {
		filter = append(filter, terms("language", []string{q.Language}, strings.ToLower))
	}
	if len(q.URLs) > 0 {
		filter = append(filter, terms("url", q.URLs, func(s string) string { return s }))
	}
	if !q.Since.IsZero() || !q.Until.IsZero() {
		r := map[string]any{}
		if !q.Since.IsZero() {
			r["gte"] = q.Since.Format(time.RFC3339Nano)
		}
		if !q.Until.IsZero() {
			r["lt"] = q.Until.Format(time.RFC3339Nano)
		}
		filter = append(filter, map[string]any{"range": map[string]any{"published_at": r}})
	}
	facet := func(field string) map[string]any {
		return map[string]any{"terms": map[string]any{"field": field, "size": 20}}
	}
	body := map[string]any{
		"query":            map[string]any{"bool": map[string]any{"must": must, "filter": filter}},
		"from":             q.Offset,
		"size":             q.Limit,
		"track_total_hits": true,
		"track_scores":     true,
		"_source":          []string{"url", "title", "published_at", "fetched_at", "site", "language", "vendors", "models"},
		"highlight": map[string]any{
			"pre_tags":            []string{"<mark>"},
			"post_tags":           []string{"</mark>"},
			"encoder":             "html",
			"fragment_size":       snippetChars,
			"number_of_fragments": 1,
			"no_match_size":       snippetChars,
			"max_analyzed_offset": 500000,
			"fields":              map[string]any{"text": map[string]any{}, "text.*": map[string]any{}},
		},
		"aggs": map[string]any{
			"vendors":   facet("vendors"),
			"models":    facet("models"),
			"languages": facet("language"),
		},
	}
	if q.Newest || !positive {
		body["sort"] = []any{
			map[string]any{"published_at": map[string]any{"order": "desc", "missing": "_last"}},
			"_score",
		}
	}
	return json.Marshal(body)
}

// queryText rewrites user text as simple_query_string text made only of
// words, "phrases" and leading '-'; positive tells whether any term is not
// negated. Quotes inside words are dropped, since they would open a phrase.
func queryText(s string) (text string, positive bool, err error) {
	if err := checkText(s); err != nil {
		return "", false, err
	}
	terms := splitQuery(s)
	var b strings.Builder
	for _, t := range terms {
		w := strings.ReplaceAll(t.text, `"`, " ")
		if strings.TrimSpace(w) == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		if t.not {
			b.WriteByte('-')
		} else {
			positive = true
		}
		if t.phrase {
			b.WriteString(`"` + w + `"`)
		} else if strings.ContainsAny(w, " \t\r\n") { // a quote split the word: keep its parts together
			b.WriteString(`"` + w + `"`)
		} else {
			b.WriteString(w)
		}
	}
	return b.String(), positive, nil
}

// modelFilter matches model filters: ids against idField, names folded
// against keyField.
func modelFilter(idField, keyField string, values []string) map[string]any {
	ids, keys := splitModels(values)
	var should []any
	if len(ids) > 0 {
		should = append(should, terms(idField, ids, strings.ToLower))
	}
	if len(keys) > 0 {
		should = append(should, terms(keyField, keys, modelKey))
	}
	return map[string]any{"bool": map[string]any{"should": should, "minimum_should_match": 1}}
}

func terms(field string, values []string, fold func(string) string) map[string]any {
	folded := make([]string, 0, len(values))
	for _, v := range values {
		folded = append(folded, fold(v))
	}
	return map[string]any{"terms": map[string]any{field: folded}}
}

type searchResponse struct {
	Hits struct {
		Total struct {
			Value int `json:"value"`
		} `json:"total"`
		Hits []struct {
			ID        string              `json:"_id"`
			Score     *float64            `json:"_score"`
			Source    articleSource       `json:"_source"`
			Highlight map[string][]string `json:"highlight"`
		} `json:"hits"`
	} `json:"hits"`
	Aggregations aggregations `json:"aggregations"`
}

type aggregations map[string]struct {
	Buckets []struct {
		Key      string `json:"key"`
		DocCount int    `json:"doc_count"`
	} `json:"buckets"`
}

func (a aggregations) facet(name string) []FacetCount {
	out := []FacetCount{}
	for _, b := range a[name].Buckets {
		out = append(out, FacetCount{Value: b.Key, Count: b.DocCount})
	}
	return out
}

// snippet picks the passage to show: the first highlighted fragment of the
// text field or one of its language subfields, else the text's opening
// (no_match_size) that Elasticsearch returns when nothing matched. Both
// are HTML-escaped by the highlighter, apart from the <mark> tags.
func snippet(hl map[string][]string) string {
	fields := make([]string, 0, len(hl))
	for f := range hl {
		fields = append(fields, f)
	}
	sort.Slice(fields, func(i, j int) bool { // "text" first, then subfields by name
		if (fields[i] == "text") != (fields[j] == "text") {
			return fields[i] == "text"
		}
		return fields[i] < fields[j]
	})
	for _, f := range fields {
		for _, frag := range hl[f] {
			if strings.Contains(frag, "<mark>") {
				return strings.TrimSpace(frag)
			}
		}
	}
	if frags := hl["text"]; len(frags) > 0 {
		return strings.TrimSpace(frags[0])
	}
	return ""
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
