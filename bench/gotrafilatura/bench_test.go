package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	trafilatura "github.com/markusmobius/go-trafilatura"
)

// evalDir is the shared evaluation data; the default is ../shared/eval
// relative to the repository root, as for the extractor's benchmarks.
var evalDir = flag.String("eval", filepath.Join("..", "..", "..", "shared", "eval"), "path to the shared eval data (articles/)")

// BenchmarkGoTrafilatura measures go-trafilatura alone, the baseline a
// user would otherwise pick, on the 88 pages of the articles eval set that
// modelwire's BenchmarkExtract reads (one op is all of them, on one
// goroutine): with its fallback extractors (go-readability,
// go-domdistiller), as it runs for its best quality and as this command
// runs it, and without them, its fastest. It reports docs/s and ns/doc
// beside the per-op figures, as BenchmarkExtract does.
func BenchmarkGoTrafilatura(b *testing.B) {
	pages := loadArticlePages(b)
	for _, mode := range []struct {
		name     string
		fallback bool
	}{{"fallback", true}, {"fast", false}} {
		b.Run(mode.name, func(b *testing.B) {
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				for _, p := range pages {
					opts := trafilatura.Options{EnableFallback: mode.fallback, ExcludeComments: true}
					if u, err := url.Parse(p.url); err == nil && u.Host != "" {
						opts.OriginalURL = u
					}
					if _, err := trafilatura.Extract(bytes.NewReader(p.html), opts); err != nil {
						b.Logf("%s: %v", p.name, err)
					}
				}
			}
			b.StopTimer()
			docs := float64(b.N * len(pages))
			b.ReportMetric(docs/b.Elapsed().Seconds(), "docs/s")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/docs, "ns/doc")
		})
	}
}

type benchPage struct {
	name, url string
	html      []byte
}

// loadArticlePages reads the pages of the articles eval set, failing the
// benchmark when they are missing: the figures mean nothing without them.
func loadArticlePages(b *testing.B) []benchPage {
	b.Helper()
	dir := filepath.Join(*evalDir, "articles")
	data, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		b.Fatalf("eval set missing (pass -eval DIR): %v", err)
	}
	var gt map[string]struct {
		URL string `json:"url"`
	}
	if err := json.Unmarshal(data, &gt); err != nil {
		b.Fatalf("decoding ground truth: %v", err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "html", "*.html.gz"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no pages in %s/html (pass -eval DIR): %v", dir, err)
	}
	pages := make([]benchPage, 0, len(files))
	for _, f := range files {
		html, err := readPage(f)
		if err != nil {
			b.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".html.gz")
		pages = append(pages, benchPage{name: name, url: gt[name].URL, html: html})
	}
	return pages
}
