package indexer_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/indexer"
)

func article(url, title, text, lang string, fetched time.Time) event.Article {
	return event.Article{
		ID: event.DocID(url), URL: url, CanonicalURL: url, Title: title, Text: text,
		Language: lang, SiteName: "example", FetchedAt: fetched,
		PublishedAt: fetched.Add(-time.Hour),
	}
}

func openTemp(t *testing.T) *indexer.Embedded {
	t.Helper()
	s, err := indexer.OpenEmbedded(t.TempDir(), indexer.EmbeddedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func mustIndex(t *testing.T, s *indexer.Embedded, docs ...event.Article) []error {
	t.Helper()
	return s.Index(context.Background(), docs)
}

func TestEmbeddedSearch(t *testing.T) {
	s := openTemp(t)
	t0 := time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC)
	ds := article("https://a.example/r1", "DeepSeek-R1 released", "DeepSeek open-sourced DeepSeek-R1, a reasoning model.", "en", t0)
	ds.Vendors = []event.Vendor{{ID: "deepseek", Name: "DeepSeek", Count: 2}}
	ds.Models = []event.Model{{Name: "DeepSeek-R1", Vendor: "deepseek", Count: 2}}
	zh := article("https://b.example/kimi", "月之暗面发布Kimi K2", "月之暗面今天发布了Kimi K2模型，并开源了权重。", "zh", t0.Add(24*time.Hour))
	zh.Vendors = []event.Vendor{{ID: "moonshot", Name: "Moonshot", Count: 1}}
	zh.Models = []event.Model{{Name: "Kimi K2", Vendor: "moonshot", Count: 1}}
	vi := article("https://c.example/qwen", "Alibaba ra mắt Qwen3", "Alibaba vừa ra mắt Qwen3 với 235 tỷ tham số.", "vi", t0.Add(48*time.Hour))
	for i, err := range mustIndex(t, s, ds, zh, vi) {
		if err != nil {
			t.Fatalf("doc %d: %v", i, err)
		}
	}
	tests := []struct {
		name  string
		q     indexer.Query
		want  []string // URLs, in order for the first ones given
		total int
	}{
		{"empty query matches all, newest first", indexer.Query{}, []string{vi.URL, zh.URL, ds.URL}, 3},
		{"english word", indexer.Query{Text: "reasoning"}, []string{ds.URL}, 1},
		{"model name", indexer.Query{Text: "DeepSeek-R1"}, []string{ds.URL}, 1},
		{"chinese words", indexer.Query{Text: "月之暗面"}, []string{zh.URL}, 1},
		{"vietnamese", indexer.Query{Text: "tham số"}, []string{vi.URL}, 1},
		{"all words required", indexer.Query{Text: "DeepSeek Qwen3"}, nil, 0},
		{"phrase", indexer.Query{Text: `"reasoning model"`}, []string{ds.URL}, 1},
		{"negation", indexer.Query{Text: "-DeepSeek"}, []string{vi.URL, zh.URL}, 2},
		{"vendor filter", indexer.Query{Vendors: []string{"moonshot"}}, []string{zh.URL}, 1},
		{"model filter folds case and punctuation", indexer.Query{Models: []string{"kimi-k2"}}, []string{zh.URL}, 1},
		{"language filter", indexer.Query{Language: "vi"}, []string{vi.URL}, 1},
		{"since", indexer.Query{Since: t0.Add(12 * time.Hour)}, []string{vi.URL, zh.URL}, 2},
		{"until", indexer.Query{Until: t0.Add(12 * time.Hour)}, []string{ds.URL}, 1},
		{"syntax characters are just text", indexer.Query{Text: `(( "DeepSeek ] *`}, []string{ds.URL}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := s.Search(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != tt.total {
				t.Errorf("total = %d, want %d", res.Total, tt.total)
			}
			for i, url := range tt.want {
				if i >= len(res.Hits) || res.Hits[i].URL != url {
					t.Errorf("hit %d: got %v, want %s", i, hitURLs(res), url)
					break
				}
			}
		})
	}
	res, err := s.Search(context.Background(), indexer.Query{Text: "reasoning"})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("search: %v %v", err, res)
	}
	h := res.Hits[0]
	if !strings.Contains(h.Snippet, "<mark>reasoning</mark>") {
		t.Errorf("snippet %q lacks highlight", h.Snippet)
	}
	if h.Title != ds.Title || h.Language != "en" || len(h.Vendors) != 1 || h.Vendors[0] != "deepseek" || !h.PublishedAt.Equal(ds.PublishedAt) {
		t.Errorf("hit fields wrong: %+v", h)
	}
	all, _ := s.Search(context.Background(), indexer.Query{})
	if len(all.Facets.Languages) != 3 || len(all.Facets.Vendors) != 2 {
		t.Errorf("facets = %+v", all.Facets)
	}
}

func TestEmbeddedVersions(t *testing.T) {
	s := openTemp(t)
	t0 := time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC)
	v2 := article("https://a.example/x", "new title", "new text", "en", t0.Add(time.Hour))
	v1 := article("https://a.example/x", "old title", "old text", "en", t0)
	if errs := mustIndex(t, s, v2); errs[0] != nil {
		t.Fatal(errs[0])
	}
	if errs := mustIndex(t, s, v1); !errors.Is(errs[0], indexer.ErrStale) {
		t.Fatalf("older version: err = %v, want ErrStale", errs[0])
	}
	if errs := mustIndex(t, s, v2); errs[0] != nil { // same version again: idempotent
		t.Fatal(errs[0])
	}
	// Within one batch the newest wins too.
	v3 := article("https://a.example/x", "newest title", "newest text", "en", t0.Add(2*time.Hour))
	errs := mustIndex(t, s, v3, v1)
	if errs[0] != nil || !errors.Is(errs[1], indexer.ErrStale) {
		t.Fatalf("batch errs = %v", errs)
	}
	if n, _ := s.Count(context.Background()); n != 1 {
		t.Fatalf("count = %d, want 1", n)
	}
	res, _ := s.Search(context.Background(), indexer.Query{})
	if res.Hits[0].Title != "newest title" {
		t.Fatalf("stored title = %q", res.Hits[0].Title)
	}
	if errs := mustIndex(t, s, event.Article{URL: "https://a.example/noid"}); !errors.Is(errs[0], indexer.ErrPermanent) {
		t.Fatalf("doc without id: %v", errs[0])
	}
}

func TestEmbeddedLock(t *testing.T) {
	dir := t.TempDir()
	s, err := indexer.OpenEmbedded(dir, indexer.EmbeddedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = indexer.OpenEmbedded(dir, indexer.EmbeddedOptions{ReadOnly: true, LockTimeout: 100 * time.Millisecond})
	if !errors.Is(err, indexer.ErrInUse) {
		t.Fatalf("second open: err = %v, want ErrInUse", err)
	}
}

func hitURLs(r indexer.Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.URL)
	}
	return out
}

func TestEmbeddedCloseTwice(t *testing.T) {
	s, err := indexer.OpenEmbedded(t.TempDir(), indexer.EmbeddedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second close: %v", err)
	}
}

// TestEmbeddedSharedCases runs the cases TestElasticSearch checks on
// Elasticsearch against the embedded store, with the same expectations.
func TestEmbeddedSharedCases(t *testing.T) {
	s := openTemp(t)
	t0 := time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC)
	for i, err := range mustIndex(t, s, corpus(t0)...) {
		if err != nil {
			t.Fatalf("doc %d: %v", i, err)
		}
	}
	for _, tt := range searchCases(t0) {
		t.Run(tt.name, func(t *testing.T) {
			res, err := s.Search(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			checkHits(t, res, tt.want, tt.total)
		})
	}
	res, _ := s.Search(context.Background(), indexer.Query{Text: "reasoning"})
	if len(res.Hits) != 1 || !res.Hits[0].FetchedAt.Equal(t0) {
		t.Errorf("fetched_at of the hit: %+v, want %s", res.Hits, t0)
	}
	// Claims are indexed with the article: model, benchmark and value.
	for _, tc := range []struct {
		model, bench string
		min          float64
		want         int
	}{
		{"Qwen3", "LiveCodeBench v6", 70, 1},
		{"Qwen3", "LiveCodeBench v6", 71, 0},
		{"DeepSeek-R1", "AIME 2024", 0, 1},
		{"", "", 40, 2},
		{"Kimi K2", "", 0, 0},
	} {
		if n, err := s.ClaimDocs(tc.model, tc.bench, tc.min); err != nil || n != tc.want {
			t.Errorf("claims %q on %q >= %v: %d articles (%v), want %d", tc.model, tc.bench, tc.min, n, err, tc.want)
		}
	}
}
