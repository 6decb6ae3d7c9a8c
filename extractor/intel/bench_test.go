package intel_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/extractor"
)

var evalDir = flag.String("eval", "", "the shared eval directory (default: ../shared/eval beside the repository)")

// benchDoc is an extracted article ready for analysis.
type benchDoc struct {
	name   string
	a      event.Article
	tables []extractor.Table
}

// releaseDocs extracts the labelled release pages of the shared eval set,
// found with -eval or beside the repository, plus the test cases here.
func releaseDocs(tb testing.TB) []benchDoc {
	tb.Helper()
	var docs []benchDoc
	x := extractor.New()
	dirs := []string{*evalDir, "../../../shared/eval", "../../../../shared/eval"}
	for _, d := range dirs {
		if d == "" {
			continue
		}
		paths, _ := filepath.Glob(filepath.Join(d, "releases", "docs", "*.html"))
		for _, p := range paths {
			page, err := os.ReadFile(p)
			if err != nil {
				tb.Fatal(err)
			}
			a, tables, err := x.ExtractArticle(page, "https://example.com/"+filepath.Base(p))
			if err != nil {
				tb.Fatalf("%s: %v", p, err)
			}
			docs = append(docs, benchDoc{strings.TrimSuffix(filepath.Base(p), ".html"), a, tables})
		}
		if len(paths) > 0 {
			break
		}
	}
	cases, _ := filepath.Glob("testdata/cases/*.yaml")
	for _, p := range cases {
		c, a := loadCase(tb, p)
		docs = append(docs, benchDoc{filepath.Base(p), a, c.Tables})
	}
	return docs
}

// BenchmarkAnalyze measures Analyze alone on the release pages (one op is
// one article); text extraction is done before the timer starts.
func BenchmarkAnalyze(b *testing.B) {
	an := newAnalyzer(b)
	docs := releaseDocs(b)
	bytes := 0
	for _, d := range docs {
		bytes += len(d.a.Text)
	}
	b.SetBytes(int64(bytes / len(docs)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		d := docs[i%len(docs)]
		a := d.a
		an.Analyze(&a, d.tables)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64((cpuTime()-cpu).Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// cpuTime is the process's user and system CPU time: on a shared machine
// it measures the work done where wall time also counts waiting.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkAnalyzeDoc measures each release page on its own.
func BenchmarkAnalyzeDoc(b *testing.B) {
	an := newAnalyzer(b)
	for _, d := range releaseDocs(b) {
		b.Run(d.name, func(b *testing.B) {
			b.SetBytes(int64(len(d.a.Text)))
			b.ReportAllocs()
			cpu := cpuTime()
			for i := 0; i < b.N; i++ {
				a := d.a
				an.Analyze(&a, d.tables)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
			b.ReportMetric(float64((cpuTime()-cpu).Nanoseconds())/float64(b.N), "cpu-ns/op")
		})
	}
}

// BenchmarkNew measures compiling the catalog.
func BenchmarkNew(b *testing.B) {
	newAnalyzer(b) // loads the catalog once
	for i := 0; i < b.N; i++ {
		newAnalyzerUncached(b)
	}
}
