package extractor_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/modelwire/modelwire/configs"
	"github.com/modelwire/modelwire/extractor"
	"github.com/modelwire/modelwire/extractor/intel"
)

// evalDir is the shared evaluation data; the default is ../shared/eval
// relative to the repository root.
var evalDir = flag.String("eval", filepath.Join("..", "..", "shared", "eval"), "path to the shared eval data (articles/, metadata/)")

type benchPage struct {
	name, url string
	html      []byte
}

// loadArticlePages reads the 88 pages of the articles eval set. It fails the
// benchmark when they are missing: the figures are meaningless without them.
func loadArticlePages(b *testing.B) []benchPage {
	return loadPages(b, "articles")
}

// loadPages reads the pages of the eval set named set (articles, metadata).
func loadPages(b *testing.B, set string) []benchPage {
	b.Helper()
	dir := filepath.Join(*evalDir, set)
	gt, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		b.Fatalf("eval set missing (pass -eval DIR): %v", err)
	}
	urls := groundTruthURLs(b, gt)
	files, err := filepath.Glob(filepath.Join(dir, "html", "*.html.gz"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no pages in %s/html (pass -eval DIR): %v", dir, err)
	}
	pages := make([]benchPage, 0, len(files))
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			b.Fatalf("%s: %v", f, err)
		}
		page, err := io.ReadAll(zr)
		if err != nil {
			b.Fatalf("%s: %v", f, err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".html.gz")
		pages = append(pages, benchPage{name: name, url: urls[name], html: page})
	}
	return pages
}

// groundTruthURLs maps page ids of an eval ground-truth file to their URLs.
func groundTruthURLs(tb testing.TB, data []byte) map[string]string {
	tb.Helper()
	var gt map[string]struct {
		URL string `json:"url"`
	}
	if err := json.Unmarshal(data, &gt); err != nil {
		tb.Fatalf("decoding ground truth: %v", err)
	}
	urls := make(map[string]string, len(gt))
	for id, v := range gt {
		urls[id] = v.URL
	}
	return urls
}

// benchPages runs extract over every page once per op, on one goroutine, so
// docs/s is per core. Besides the per-op figures it reports the per-doc
// ones: ns/doc, B/doc and allocs/doc.
func benchPages(b *testing.B, extract func(p benchPage)) {
	pages := loadArticlePages(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, p := range pages {
			extract(p)
		}
	}
	b.StopTimer()
	docs := float64(b.N * len(pages))
	b.ReportMetric(docs/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/docs, "ns/doc")
}

// BenchmarkExtract measures modelwire's full extractor, as the extract
// stage runs it — text, metadata, tables, then vendors, models, claims and
// releases from the shipped catalog — over the 88 pages of the articles
// eval set; one op is all 88 pages.
func BenchmarkExtract(b *testing.B) {
	cat, err := configs.Catalog()
	if err != nil {
		b.Fatal(err)
	}
	x := extractor.New(extractor.WithAnalyzer(intel.New(cat)))
	benchPages(b, func(p benchPage) {
		if _, err := x.Extract(p.html, p.url); err != nil {
			b.Logf("%s: %v", p.name, err)
		}
	})
}

// BenchmarkExtractArticle measures ExtractArticle (text, metadata, tables)
// without the analyzer, on the same pages, with one Extractor.
func BenchmarkExtractArticle(b *testing.B) {
	x := extractor.New()
	benchPages(b, func(p benchPage) {
		if _, _, err := x.ExtractArticle(p.html, p.url); err != nil {
			b.Logf("%s: %v", p.name, err)
		}
	})
}

// secondOpinionSet is the eval set BenchmarkSecondOpinion reads.
var secondOpinionSet = flag.String("second-opinion-set", "articles", "eval set of BenchmarkSecondOpinion (articles, metadata)")

// BenchmarkSecondOpinion measures the second opinion alone — Readability
// on a copy of the parsed page, rendered as the primary text is — on the
// pages of an eval
// set (-second-opinion-set, articles by default) whose primary text
// ExtractArticle finds weak, and reports their share of the set (weak-%)
// and the cost per page of the whole set (ns/set-doc), which is what the
// second opinion adds to BenchmarkExtractArticle's ns/doc there.
func BenchmarkSecondOpinion(b *testing.B) {
	pages := loadPages(b, *secondOpinionSet)
	var weak []func() string
	for _, p := range pages {
		if extractor.WeakPage(p.html, p.url) {
			weak = append(weak, extractor.SecondOpinion(p.html, p.url))
		}
	}
	if len(weak) == 0 {
		b.Fatal("no weak page in the set")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, second := range weak {
			second()
		}
	}
	b.StopTimer()
	b.ReportMetric(100*float64(len(weak))/float64(len(pages)), "weak-%")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(weak)), "ns/weak-doc")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages)), "ns/set-doc")
}

// BenchmarkEmptySiblings measures ExtractArticle on a page whose story
// follows a long run of empty wrappers of one paragraph each (spacers a
// page builder leaves): each is checked for being the first block with
// text in its parent.
func BenchmarkEmptySiblings(b *testing.B) {
	var h strings.Builder
	h.WriteString("<html><head><title>Wren-7B released</title></head><body><div id=main>")
	for range 1500 {
		h.WriteString("<div><p> </p></div>")
	}
	h.WriteString("<div class=story>")
	for i := range 12 {
		h.WriteString("<p>Wren Labs released Wren-7B, an open language model, and published its weights and a report on the tests it ran this week, paragraph ")
		h.WriteString(strings.Repeat("x", i+1))
		h.WriteString(".</p>")
	}
	h.WriteString("</div></div></body></html>")
	page := []byte(h.String())
	x := extractor.New()
	b.SetBytes(int64(len(page)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := x.ExtractArticle(page, "https://example.com/wren"); err != nil {
			b.Fatal(err)
		}
	}
}
