package crawler

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/modelwire/modelwire/internal/testsite"
)

// archived records what the crawler archived; failing makes it refuse.
type archived struct {
	mu      sync.Mutex
	xs      []Exchange
	failing bool
}

func (a *archived) Archive(_ context.Context, x Exchange) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.failing {
		return errors.New("disk full")
	}
	x.Body = bytes.Clone(x.Body)
	a.xs = append(a.xs, x)
	return nil
}

func (a *archived) byURL() map[string][]Exchange {
	a.mu.Lock()
	defer a.mu.Unlock()
	m := map[string][]Exchange{}
	for _, x := range a.xs {
		m[x.URL] = append(m[x.URL], x)
	}
	return m
}

// TestArchiveGetsEveryAnswerAsReceived crawls the test site (which gzips
// what it serves) and checks that every request made is archived once
// before its page is published, with the body as sent on the wire, the
// fetch time of the published page, and how the page was found; that a
// second pass archives its 304s; and that a failing archive fails the
// fetch instead of publishing a page it does not hold.
func TestArchiveGetsEveryAnswerAsReceived(t *testing.T) {
	site := testsite.New(testsite.Options{Extra: 2})
	defer site.Close()
	arch := &archived{}
	c, pub, _ := newTestCrawler(t, Config{RecrawlAfter: 1}, WithArchive(arch))
	src := Source{Name: "aiwire", Feeds: []string{site.URL + "/feed.xml"}, Delay: time.Millisecond, Parallelism: 4}
	crawl(t, c, src)

	got := arch.byURL()
	if n := len(arch.xs); n != len(site.Requests()) {
		t.Errorf("archived %d answers for %d requests", n, len(site.Requests()))
	}
	for _, pg := range pub.all() {
		xs := got[pg.URL]
		if len(xs) != 1 {
			t.Errorf("%s published, archived %d times", pg.URL, len(xs))
			continue
		}
		x := xs[0]
		if !x.At.Equal(pg.FetchedAt) || x.Status != 200 || x.Source != "aiwire" || x.Method != "GET" ||
			x.RequestHeader.Get("User-Agent") != testUA || x.RequestHeader.Get("Host") == "" || x.IP == "" {
			t.Errorf("%s archived as %+v", pg.URL, x)
		}
		if x.ResponseHeader.Get("Content-Encoding") == "gzip" {
			zr, err := gzip.NewReader(bytes.NewReader(x.Body))
			if err != nil {
				t.Fatalf("%s: archived body is not the gzip sent: %v", pg.URL, err)
			}
			raw, _ := io.ReadAll(zr)
			if page, err := DecodeHTML(raw, x.ResponseHeader.Get("Content-Type")); err != nil || string(page) != body(t, pg) {
				t.Errorf("%s: archived body differs from the page", pg.URL)
			}
		}
	}
	first := got[site.ArticleURL(site.Articles[0])]
	if len(first) == 1 && (first[0].Via == "" || first[0].Hint.Feed == "" && first[0].Hint.Title == "") {
		t.Errorf("article archived without how it was found: via %q hint %+v", first[0].Via, first[0].Hint)
	}

	// Second pass: validators bring 304s, archived with the previous
	// fetch time.
	crawl(t, c, src)
	var revisits int
	for _, x := range arch.byURL()[site.ArticleURL(site.Articles[1])] {
		if x.Status == http.StatusNotModified {
			revisits++
			if x.Previous.IsZero() {
				t.Errorf("304 archived without the previous fetch time")
			}
		}
	}
	if revisits != 1 {
		t.Errorf("second pass archived %d 304s of the article, want 1", revisits)
	}

	// A failing archive: nothing is published, the failure is counted,
	// and the next pass tries again.
	site.Touch(2, "A new paragraph.")
	arch.failing = true
	before := len(pub.all())
	snap := crawl(t, c, src)
	if len(pub.all()) != before {
		t.Errorf("published %d pages the archive refused", len(pub.all())-before)
	}
	if snap.Failed["archive"] == 0 {
		t.Errorf("archive failures not counted: %+v", snap.Failed)
	}
	arch.failing = false
	crawl(t, c, src)
	if len(pub.all()) != before+1 {
		t.Errorf("after the archive recovered: %d new pages, want the changed article", len(pub.all())-before)
	}
}
