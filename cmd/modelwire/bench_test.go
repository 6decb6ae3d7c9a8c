package main

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/modelwire/modelwire/internal/testsite"
)

// BenchmarkRunOnce measures `modelwire run --once` end to end on the
// embedded stores: a generated loopback site of 500 articles, crawled from
// its feed with no politeness delay, until every article is searchable.
func BenchmarkRunOnce(b *testing.B) {
	const pages = 500
	site := testsite.New(testsite.Options{Extra: pages - 5})
	defer site.Close()
	b.ReportAllocs()
	var total time.Duration
	for i := 0; b.Loop(); i++ {
		dir := b.TempDir()
		cfg := writeConfig(b, dir, fmt.Sprintf("  - name: bench\n    feeds: [%s/feed.xml]\n    delay: 0s\n    parallelism: 8\n    max_pages: 100000\n", site.URL))
		start := time.Now()
		if _, errOut, code := run(b, "run", "--once", "--config", cfg, "--log-level", "warn"); code != 0 {
			b.Fatalf("run --once: exit %d\n%s", code, errOut)
		}
		total += time.Since(start)
		b.StopTimer()
		if res := searchJSON(b, filepath.Join(dir, "modelwire.yaml")); res.Total != len(site.Articles) {
			b.Fatalf("searchable articles = %d, want %d", res.Total, len(site.Articles))
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(pages*b.N)/total.Seconds(), "pages/s")
}
