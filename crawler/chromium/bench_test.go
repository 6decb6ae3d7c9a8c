package chromium_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/crawler/chromium"
)

// BenchmarkRender renders a page whose article its script writes (a shell,
// a script, a JSON request) with 1, 2 and 4 tabs, the browser already
// started. It reports rendered pages per second, the mean time of one page
// (tab opened to DOM read, network idle included) and the browser's peak
// memory (proportional set size of all its processes, sampled every 100
// ms). `make bench` runs it (bench/run.sh).
func BenchmarkRender(b *testing.B) {
	s := newSite(b)
	for _, tabs := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("tabs=%d", tabs), func(b *testing.B) {
			br := newBrowser(b, chromium.Options{Tabs: tabs})
			req := crawler.RenderRequest{URL: s.URL + "/article", UserAgent: "modelwire-bench/1.0"}
			if _, err := br.Render(context.Background(), req); err != nil { // start the browser
				b.Fatal(err)
			}
			var peak atomic.Int64
			stop := make(chan struct{})
			sampled := make(chan struct{})
			go func() {
				defer close(sampled)
				t := time.NewTicker(100 * time.Millisecond)
				defer t.Stop()
				for {
					if m, err := br.Memory(); err == nil && m > peak.Load() {
						peak.Store(m)
					}
					select {
					case <-stop:
						return
					case <-t.C:
					}
				}
			}()
			var next atomic.Int64
			var busy atomic.Int64 // ns spent in Render, summed over pages
			var wg sync.WaitGroup
			b.ResetTimer()
			start := time.Now()
			for range tabs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for next.Add(1) <= int64(b.N) {
						t0 := time.Now()
						res, err := br.Render(context.Background(), req)
						busy.Add(int64(time.Since(t0)))
						if err != nil || !strings.Contains(string(res.HTML), secretWord) {
							b.Errorf("render: %v", err)
							return
						}
					}
				}()
			}
			wg.Wait()
			elapsed := time.Since(start)
			b.StopTimer()
			close(stop)
			<-sampled
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "pages/s")
			b.ReportMetric(float64(busy.Load())/float64(b.N)/1e6, "ms/page")
			b.ReportMetric(float64(peak.Load())/(1<<20), "browser-MB")
		})
	}
}
