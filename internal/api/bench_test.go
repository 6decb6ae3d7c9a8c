package api_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

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
