package crawler

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"
)

// TestRun crawls a source on its schedule until ctx ends: the feed is read
// once per pass, passes never overlap, and Run returns nil on shutdown.
func TestRun(t *testing.T) {
	var feeds, inFeed, overlap atomic.Int32
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/feed" {
			fmt.Fprint(w, htmlPage("a", "article"))
			return
		}
		if inFeed.Add(1) > 1 {
			overlap.Add(1)
		}
		defer inFeed.Add(-1)
		if feeds.Add(1) == 2 {
			defer cancel() // stop after the second pass has started
		}
		feedOf(w, r, "/a")
	}))
	c, pub, _ := newTestCrawler(t, Config{})
	err := c.Run(ctx, []Source{{Name: "sched", Feeds: []string{srv.URL + "/feed"}, Schedule: "@every 1s", Delay: time.Millisecond}})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if n := feeds.Load(); n != 2 {
		t.Errorf("feed read %d times, want 2 passes", n)
	}
	if overlap.Load() != 0 {
		t.Error("passes overlapped")
	}
	if len(pub.all()) != 1 {
		t.Errorf("published %d pages, want the article once", len(pub.all()))
	}
}

func TestRunRejectsBadSource(t *testing.T) {
	c, _, _ := newTestCrawler(t, Config{})
	err := c.Run(context.Background(), []Source{{Name: "bad", Feeds: []string{"http://x.example/feed"}, Schedule: "every now and then"}})
	if err == nil {
		t.Fatal("Run accepted a bad schedule")
	}
}

// TestPartialListingIsRevisited: when the host of a feed's articles has
// robots.txt unavailable (5xx), they cannot be fetched; the feed is marked
// for a full revisit, so the next pass fetches them although the feed
// answers 304 to a conditional request.
func TestPartialListingIsRevisited(t *testing.T) {
	var robotsDown atomic.Bool
	robotsDown.Store(true)
	articles := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			if robotsDown.Load() {
				http.Error(w, "down", http.StatusBadGateway)
				return
			}
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
			return
		}
		fmt.Fprint(w, htmlPage(r.URL.Path, "article"))
	}))
	feed := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/feed":
			w.Header().Set("ETag", `"same"`)
			if r.Header.Get("If-None-Match") == `"same"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<rss version="2.0"><channel><title>t</title><item><link>%[1]s/a</link></item><item><link>%[1]s/b</link></item></channel></rss>`, articles.URL)
		}
	}))
	seen := newMemorySeen()
	src := Source{Name: "partial", Feeds: []string{feed.URL + "/feed"}, Delay: time.Millisecond}
	c1, pub1, _ := newTestCrawler(t, Config{MaxRetries: -1}, WithSeen(seen))
	snap := crawl(t, c1, src)
	if len(pub1.all()) != 0 || snap.Failed["robots_unavailable"] != 2 {
		t.Fatalf("first pass: published %d, stats %+v", len(pub1.all()), snap)
	}
	robotsDown.Store(false)
	c2, pub2, _ := newTestCrawler(t, Config{}, WithSeen(seen))
	crawl(t, c2, src)
	if len(pub2.all()) != 2 {
		t.Errorf("second pass published %d pages, want both articles", len(pub2.all()))
	}
	// Complete now: the third pass asks for the feed conditionally.
	c3, _, _ := newTestCrawler(t, Config{}, WithSeen(seen))
	if snap := crawl(t, c3, src); snap.NotModified != 1 {
		t.Errorf("third pass: %+v, want the feed not modified", snap)
	}
}
