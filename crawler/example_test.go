package crawler_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/event"
)

// printer is a Publisher that prints what it gets.
type printer struct{}

func (printer) Publish(_ context.Context, p event.Page) error {
	fmt.Printf("page %s (hint %q)\n", p.URL[len(p.URL)-len("/news/1.html"):], p.Hint.Title)
	return nil
}

// ExampleCrawler_Crawl crawls a feed once. A second pass publishes nothing:
// the article is remembered as fetched and the feed answers 304.
func ExampleCrawler_Crawl() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			w.Header().Set("ETag", `"v1"`)
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			fmt.Fprintf(w, `<rss version="2.0"><channel><title>AI Wire</title>
<item><title>DeepSeek releases DeepSeek-V3</title><link>http://%s/news/1.html?utm_source=rss</link></item>
</channel></rss>`, r.Host)
		case "/news/1.html":
			fmt.Fprint(w, "<!doctype html><title>DeepSeek-V3</title><p>DeepSeek released DeepSeek-V3 today.")
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	// A fetched article is left alone for a day unless its feed says it
	// changed (modelwire's default, crawler.recrawl_after).
	c := crawler.New(crawler.Config{UserAgent: "example/1.0", AllowPrivateNetworks: true, RecrawlAfter: 24 * time.Hour}, printer{})
	src := crawler.Source{Name: "aiwire", Feeds: []string{srv.URL + "/feed.xml"}, Delay: time.Millisecond}
	for range 2 {
		st, err := c.Crawl(context.Background(), src)
		if err != nil {
			fmt.Println(err)
			return
		}
		s := st.Snapshot()
		fmt.Printf("fetched %d, not modified %d\n", s.Fetched, s.NotModified)
	}
	// Output:
	// page /news/1.html (hint "DeepSeek releases DeepSeek-V3")
	// fetched 1, not modified 0
	// fetched 0, not modified 1
}
