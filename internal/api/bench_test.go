package api_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/api"
)

func BenchmarkSnippet(b *testing.B) {
	s := strings.Repeat("DeepSeek open-sourced <mark>DeepSeek-R1</mark>, a reasoning model &amp; more; ", 4)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		api.Snippet(s)
	}
}

// BenchmarkHandlers measures a request through the whole handler stack
// (parameters, store, JSON or template) on a small embedded index.
func BenchmarkHandlers(b *testing.B) {
	f := newFixture(b, api.Options{})
	h := f.api.Handler()
	for _, path := range []string{"/api/search?q=reasoning&limit=10", "/api/releases", "/?q=reasoning", "/api/search?limit=0"} {
		b.Run(path, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			b.ReportAllocs()
			for b.Loop() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK && w.Code != http.StatusBadRequest {
					b.Fatalf("status %d", w.Code)
				}
			}
		})
	}
}

// BenchmarkWithReleases measures the pages that read release records —
// the search page (panel and timeline), the releases feed, a model page —
// with 1,000 releases of 20 vendors over two years in the store, the most
// the timeline reads.
func BenchmarkWithReleases(b *testing.B) {
	f := newFixture(b, api.Options{})
	var evs []event.ReleaseEvent
	for i := range 1000 {
		vendor := fmt.Sprintf("vendor%02d", i%20)
		ev := releaseEvent(event.KindRelease, vendor, fmt.Sprintf("Model-%d", i), "https://news.example/deepseek-r1", fmt.Sprintf("https://other.example/%d", i))
		ev.PublishedAt = t0.Add(-time.Duration(i) * 17 * time.Hour)
		ev.Evidence = "The company released the model today, it said in a statement."
		evs = append(evs, ev)
	}
	f.indexReleases(b, evs...)
	h := f.api.Handler()
	for _, path := range []string{"/", "/?q=reasoning&every=week&from=2024-06", "/feeds/releases.atom", "/feeds/releases.json?limit=200", "/feeds/search.atom?q=reasoning", "/model/vendor07.model-7", "/api/models/vendor07.model-7"} {
		b.Run(path, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			b.ReportAllocs()
			for b.Loop() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("status %d: %s", w.Code, w.Body)
				}
			}
		})
	}
}
