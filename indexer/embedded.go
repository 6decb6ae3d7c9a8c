package indexer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	htmlfmt "github.com/blevesearch/bleve/v2/search/highlight/format/html"
	"github.com/blevesearch/bleve/v2/search/query"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/modelwire/modelwire/event"
)

// Embedded is the zero-install search store: Bleve indexes of articles and
// release records kept in DIR/index. Only one process may open it for writing; a
// second Open fails with ErrInUse. It is safe for concurrent use.
// The caller closes it.
type Embedded struct {
	articles  bleve.Index
	releases  bleve.Index
	releaseMu sync.Mutex
	closeOnce sync.Once
	closeErr  error
}

// EmbeddedOptions tunes OpenEmbedded. The zero value is the default.
type EmbeddedOptions struct {
	// ReadOnly opens an existing index for searching only.
	ReadOnly bool
	// LockTimeout bounds the wait for another process's lock (default 2s).
	LockTimeout time.Duration
}

// OpenEmbedded opens, or creates, the embedded index under dataDir.
func OpenEmbedded(dataDir string, opts EmbeddedOptions) (*Embedded, error) {
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = 2 * time.Second
	}
	articles, err := openBleve(filepath.Join(dataDir, "index", "articles.bleve"), articleMapping(), opts)
	if err != nil {
		return nil, err
	}
	releases, err := openBleve(filepath.Join(dataDir, "index", "releases.bleve"), releaseMapping(), opts)
	if err != nil {
		articles.Close()
		return nil, err
	}
	return &Embedded{articles: articles, releases: releases}, nil
}

func openBleve(path string, m mapping.IndexMapping, opts EmbeddedOptions) (bleve.Index, error) {
	cfg := map[string]any{"bolt_timeout": opts.LockTimeout.String()}
	var idx bleve.Index
	var err error
	if _, statErr := os.Stat(path); statErr == nil {
		cfg["read_only"] = opts.ReadOnly
		idx, err = bleve.OpenUsing(path, cfg)
	} else if opts.ReadOnly {
		return nil, fmt.Errorf("no index at %s: nothing has been indexed into this data directory yet", path)
	} else {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("creating index directory: %w", err)
		}
		idx, err = bleve.NewUsing(path, m, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, cfg)
	}
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("opening %s: %w", path, ErrInUse)
	}
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	return idx, nil
}

// Close flushes and closes the indexes. Closing twice is harmless.
func (e *Embedded) Close() error {
	e.closeOnce.Do(func() { e.closeErr = errors.Join(e.articles.Close(), e.releases.Close()) })
	return e.closeErr
}

func articleMapping() mapping.IndexMapping {
	text := bleve.NewTextFieldMapping()
	text.Analyzer = cjk.AnalyzerName // unicode words, CJK as bigrams, lower-cased
	text.Store = true
	text.IncludeTermVectors = true
	text.IncludeInAll = false // queries name title and text; a composite _all field would index them twice

	keyword := bleve.NewKeywordFieldMapping()
	keyword.IncludeInAll = false
	keyword.IncludeTermVectors = false

	hidden := bleve.NewKeywordFieldMapping() // filter-only, not returned
	hidden.Store = false
	hidden.IncludeInAll = false
	hidden.IncludeTermVectors = false

	stored := bleve.NewTextFieldMapping() // returned, not searched
	stored.Index = false
	stored.IncludeInAll = false

	date := bleve.NewDateTimeFieldMapping()
	date.IncludeInAll = false

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt("title", text)
	doc.AddFieldMappingsAt("text", text)
	names := bleve.NewTextFieldMapping() // searched, not returned
	names.Analyzer = cjk.AnalyzerName
	names.Store = false
	names.IncludeInAll = false
	names.IncludeTermVectors = false
	doc.AddFieldMappingsAt("names", names)
	for _, f := range []string{"url", "canonical_url", "site", "language", "vendors", "models", "model_ids", "unknown_models", "benchmarks", "source", "authors"} {
		doc.AddFieldMappingsAt(f, keyword)
	}
	doc.AddFieldMappingsAt("model_keys", hidden)
	doc.AddFieldMappingsAt("benchmark_keys", hidden)
	// Claims are searchable as claims.model, claims.benchmark and
	// claims.value, and kept whole in claims_json.
	claims := bleve.NewDocumentStaticMapping()
	for _, f := range []string{"model", "benchmark", "unit", "relation", "target"} {
		claims.AddFieldMappingsAt(f, hidden)
	}
	value := bleve.NewNumericFieldMapping()
	value.Store = false
	value.IncludeInAll = false
	claims.AddFieldMappingsAt("value", value)
	doc.AddSubDocumentMapping("claims", claims)
	doc.AddFieldMappingsAt("published_at", date)
	doc.AddFieldMappingsAt("fetched_at", date)
	doc.AddFieldMappingsAt("claims_json", stored)
	doc.AddFieldMappingsAt("fingerprint", stored)

	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = cjk.AnalyzerName
	return m
}

// Index stores articles, replacing an earlier version of the same document
// and skipping (with ErrStale) any that is older than the stored one. It
// returns one error per article, nil for success; the batch is written
// atomically, so on a store failure every item carries that error.
func (e *Embedded) Index(ctx context.Context, docs []event.Article) []error {
	errs := make([]error, len(docs))
	if len(docs) == 0 {
		return errs
	}
	if err := ctx.Err(); err != nil {
		return fill(errs, err)
	}
	stored, err := e.fetchedAt(docs)
	if err != nil {
		return fill(errs, err)
	}
	newest := make(map[string]int, len(docs)) // id → index of newest doc in this batch
	for i, d := range docs {
		if d.ID == "" {
			errs[i] = fmt.Errorf("%w: article %s has no id", ErrPermanent, d.URL)
			continue
		}
		if t, ok := stored[d.ID]; ok && d.FetchedAt.Before(t) {
			errs[i] = ErrStale
			continue
		}
		if j, ok := newest[d.ID]; ok {
			if d.FetchedAt.Before(docs[j].FetchedAt) {
				errs[i] = ErrStale
				continue
			}
			errs[j] = ErrStale
		}
		newest[d.ID] = i
	}
	batch := e.articles.NewBatch()
	for _, i := range newest {
		if err := batch.Index(docs[i].ID, articleDoc(docs[i])); err != nil {
			errs[i] = fmt.Errorf("%w: %v", ErrPermanent, err)
		}
	}
	if err := e.articles.Batch(batch); err != nil {
		for _, i := range newest {
			if errs[i] == nil {
				errs[i] = fmt.Errorf("writing batch: %w", err)
			}
		}
	}
	return errs
}

func fill(errs []error, err error) []error {
	for i := range errs {
		errs[i] = err
	}
	return errs
}

// fetchedAt returns the stored fetch time of those docs already indexed.
func (e *Embedded) fetchedAt(docs []event.Article) (map[string]time.Time, error) {
	ids := make([]string, 0, len(docs))
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = []string{"fetched_at"}
	res, err := e.articles.Search(req)
	if err != nil {
		return nil, fmt.Errorf("reading stored versions: %w", err)
	}
	out := make(map[string]time.Time, len(res.Hits))
	for _, h := range res.Hits {
		if s, ok := h.Fields["fetched_at"].(string); ok {
			if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
				out[h.ID] = t
			}
		}
	}
	return out, nil
}

func articleDoc(a event.Article) map[string]any {
	d := map[string]any{
		"url":            a.URL,
		"canonical_url":  a.CanonicalURL,
		"title":          a.Title,
		"text":           a.Text,
		"site":           a.SiteName,
		"language":       a.Language,
		"source":         a.Source,
		"authors":        a.Authors,
		"vendors":        vendorIDs(a.Vendors),
		"models":         modelNames(a.Models),
		"model_keys":     modelKeys(a.Models),
		"model_ids":      modelIDs(a.Models),
		"unknown_models": unknownModels(a.Models),
		"benchmarks":     benchmarks(a.Claims),
		"benchmark_keys": benchmarkKeys(a.Claims),
		"names":          nameTerms(a),
		"fetched_at":     a.FetchedAt,
		"fingerprint":    Fingerprint(a),
	}
	if !a.PublishedAt.IsZero() {
		d["published_at"] = a.PublishedAt
	}
	setClaims(d, a.Claims)
	return d
}

// setClaims puts claims in an embedded document: searchable fields and
// the whole claims as stored JSON.
func setClaims(d map[string]any, cs []event.Claim) {
	if len(cs) == 0 {
		return
	}
	fields := make([]map[string]any, 0, len(cs))
	for _, c := range cs {
		f := map[string]any{"model": c.Model, "benchmark": c.Benchmark, "unit": c.Unit, "relation": c.Relation, "target": c.Target}
		if c.Value != nil {
			f["value"] = *c.Value
		}
		fields = append(fields, f)
	}
	d["claims"] = fields
	if data, err := json.Marshal(cs); err == nil {
		d["claims_json"] = string(data)
	}
	d["benchmark_keys"] = benchmarkKeys(cs)
}

// Count returns the number of indexed articles.
func (e *Embedded) Count(ctx context.Context) (int, error) {
	n, err := e.articles.DocCount()
	return int(n), err
}

// Search answers q over the indexed articles.
func (e *Embedded) Search(ctx context.Context, q Query) (Result, error) {
	if err := q.Validate(); err != nil {
		return Result{}, err
	}
	q = q.Normalize()
	req := bleve.NewSearchRequestOptions(bleveQuery(q), q.Limit, q.Offset, false)
	req.Fields = []string{"url", "title", "published_at", "fetched_at", "site", "language", "vendors", "models", "text"}
	req.Highlight = bleve.NewHighlightWithStyle(htmlfmt.Name)
	req.Highlight.Fields = []string{"text"}
	req.AddFacet("vendors", bleve.NewFacetRequest("vendors", 20))
	req.AddFacet("models", bleve.NewFacetRequest("models", 20))
	req.AddFacet("languages", bleve.NewFacetRequest("language", 20))
	if q.Newest || !hasPositiveTerm(q.Text) {
		req.SortBy([]string{"-published_at", "-_score"})
	}
	res, err := e.articles.SearchInContext(ctx, req)
	if err != nil {
		return Result{}, fmt.Errorf("searching: %w", err)
	}
	out := Result{Total: int(res.Total), Hits: make([]Hit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, hitOf(h))
	}
	out.Facets = Facets{
		Vendors:   facetCounts(res.Facets["vendors"]),
		Models:    facetCounts(res.Facets["models"]),
		Languages: facetCounts(res.Facets["languages"]),
	}
	return out, nil
}

func bleveQuery(q Query) query.Query {
	var must []query.Query
	if t := strings.TrimSpace(q.Text); t != "" {
		must = append(must, textQuery(t))
	}
	if len(q.Vendors) > 0 {
		must = append(must, anyTerm("vendors", q.Vendors, event.Slug))
	}
	if len(q.Models) > 0 {
		must = append(must, modelQuery("model_ids", "model_keys", q.Models))
	}
	if len(q.Benchmarks) > 0 {
		must = append(must, anyTerm("benchmark_keys", q.Benchmarks, BenchmarkKey))
	}
	if q.Language != "" {
		must = append(must, anyTerm("language", []string{q.Language}, strings.ToLower))
	}
	if len(q.URLs) > 0 {
		must = append(must, anyTerm("url", q.URLs, func(s string) string { return s }))
	}
	if !q.Since.IsZero() || !q.Until.IsZero() {
		r := bleve.NewDateRangeQuery(q.Since, q.Until)
		r.SetField("published_at")
		must = append(must, r)
	}
	if len(must) == 0 {
		return bleve.NewMatchAllQuery()
	}
	return bleve.NewConjunctionQuery(must...)
}

// textQuery turns user text into a query with simple_query_string's
// essentials: every word must match (in title, text or the names the
// article mentions, see nameTerms), "quoted phrases"
// match as phrases, and a leading '-' excludes a word or phrase.
func textQuery(text string) query.Query {
	b := bleve.NewBooleanQuery()
	for _, t := range splitQuery(text) {
		q := fieldsQuery(t.text, t.phrase)
		if t.not {
			b.AddMustNot(q)
		} else {
			b.AddMust(q)
		}
	}
	if b.Must == nil {
		b.AddMust(bleve.NewMatchAllQuery())
	}
	return b
}

func fieldsQuery(text string, phrase bool) query.Query {
	var qs []query.Query
	for _, field := range []string{"title", "text", "names"} {
		var q query.FieldableQuery
		if phrase {
			q = bleve.NewMatchPhraseQuery(text)
		} else {
			m := bleve.NewMatchQuery(text)
			m.SetOperator(query.MatchQueryOperatorAnd)
			q = m
		}
		q.SetField(field)
		switch field {
		case "title":
			q.(query.BoostableQuery).SetBoost(2)
		case "names":
			q.(query.BoostableQuery).SetBoost(0.5)
		}
		qs = append(qs, q)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

func hasPositiveTerm(text string) bool {
	for _, t := range splitQuery(text) {
		if !t.not {
			return true
		}
	}
	return false
}

// modelQuery matches model filters: ids against idField, names folded
// against keyField.
func modelQuery(idField, keyField string, values []string) query.Query {
	ids, keys := splitModels(values)
	var qs []query.Query
	if len(ids) > 0 {
		qs = append(qs, anyTerm(idField, ids, strings.ToLower))
	}
	if len(keys) > 0 {
		qs = append(qs, anyTerm(keyField, keys, modelKey))
	}
	return bleve.NewDisjunctionQuery(qs...)
}

func anyTerm(field string, values []string, fold func(string) string) query.Query {
	qs := make([]query.Query, 0, len(values))
	for _, v := range values {
		t := bleve.NewTermQuery(fold(v))
		t.SetField(field)
		qs = append(qs, t)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

func hitOf(h *search.DocumentMatch) Hit {
	hit := Hit{
		ID:       h.ID,
		URL:      str(h.Fields["url"]),
		Title:    str(h.Fields["title"]),
		Site:     str(h.Fields["site"]),
		Language: str(h.Fields["language"]),
		Vendors:  strs(h.Fields["vendors"]),
		Models:   strs(h.Fields["models"]),
		Score:    h.Score,
	}
	if t, err := time.Parse(time.RFC3339Nano, str(h.Fields["published_at"])); err == nil {
		hit.PublishedAt = t
	}
	if t, err := time.Parse(time.RFC3339Nano, str(h.Fields["fetched_at"])); err == nil {
		hit.FetchedAt = t
	}
	if frags := h.Fragments["text"]; len(frags) > 0 {
		hit.Snippet = strings.TrimSpace(frags[0])
	} else {
		hit.Snippet = html.EscapeString(leading(str(h.Fields["text"]), 200))
	}
	return hit
}

func facetCounts(f *search.FacetResult) []FacetCount {
	out := []FacetCount{}
	if f == nil || f.Terms == nil {
		return out
	}
	for _, t := range f.Terms.Terms() {
		out = append(out, FacetCount{Value: t.Term, Count: t.Count})
	}
	return out
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func strs(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return []string{}
}

// leading returns about n bytes of s, cut at a rune boundary and a space.
func leading(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > n/2 {
		cut = sp
	}
	return s[:cut] + "…"
}
