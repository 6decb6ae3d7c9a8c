package crawler

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/modelwire/modelwire/internal/testsite"
)

// BenchmarkCrawl measures one pass of a fresh Crawler over a loopback site
// of 500 articles listed by its feed, with no politeness delay: the fetch
// path (colly, body decoding, robots, scheduling, seen store) without the
// downstream stages.
func BenchmarkCrawl(b *testing.B) {
	const articles = 500
	site := testsite.New(testsite.Options{Extra: articles - 5})
	defer site.Close()
	src := Source{Name: "bench", Feeds: []string{site.URL + "/feed.xml"}, Delay: time.Duration(0), Parallelism: 8, MaxPages: 100000}
	b.ReportAllocs()
	var fetched int64
	for b.Loop() {
		c := New(testConfig(Config{}), &pages{})
		st, err := c.Crawl(context.Background(), src)
		if err != nil {
			b.Fatal(err)
		}
		snap := st.Snapshot()
		if snap.Fetched < articles || snap.FailedTotal() != 0 {
			b.Fatalf("fetched %d, failed %v; want %d, none", snap.Fetched, snap.Failed, articles)
		}
		fetched += snap.Fetched
	}
	b.ReportMetric(float64(fetched)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkParseFeed parses a 10 MiB full-text RSS feed (see -benchmem for
// what it allocates).
func BenchmarkParseFeed(b *testing.B) {
	body := bigFeed(10 << 20)
	base, _ := url.Parse("https://x.example/")
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseFeed(body, base); err != nil {
			b.Fatal(err)
		}
	}
}
