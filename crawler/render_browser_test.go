package crawler_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/crawler/chromium"
	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/archive"
	"github.com/modelwire/modelwire/internal/archive/warciotest"
)

// collect is a Publisher keeping the pages.
type collect struct {
	mu sync.Mutex
	ps map[string]event.Page
}

func (c *collect) Publish(_ context.Context, p event.Page) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ps == nil {
		c.ps = map[string]event.Page{}
	}
	c.ps[p.URL] = p
	return nil
}

func (c *collect) page(u string) event.Page {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ps[u]
}

func (c *collect) body(t *testing.T, u string) string {
	t.Helper()
	c.mu.Lock()
	p, ok := c.ps[u]
	c.mu.Unlock()
	if !ok {
		return ""
	}
	b, err := event.Decompress(p.Body, 0)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// spa is a site whose every page is a shell its script fills: the index's
// links and the posts' text exist only after the script runs. Each post
// carries a word assembled by the script, in no HTML or script served.
type spa struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

// postWord is the word only post n's script writes.
func postWord(n int) string { return fmt.Sprintf("quillwort%d", n) }

func newSPA(t *testing.T) *spa {
	s := &spa{hits: map[string]int{}}
	shell := func(w http.ResponseWriter, script string) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html><head><title>News</title></head><body><div id="root"></div>
<script src="/bundle.js"></script><script>%s</script></body></html>`, script)
	}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		switch {
		case r.URL.Path == "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		case r.URL.Path == "/bundle.js":
			w.Header().Set("Content-Type", "text/javascript")
			fmt.Fprint(w, `window.write = (html) => { document.getElementById("root").innerHTML = html; };`)
		case r.URL.Path == "/":
			shell(w, `write('<ul><li><a href="/post/1">One</a></li><li><a href="/post/2">Two</a></li><li><a href="/private/3">Three</a></li></ul>');`)
		case strings.HasPrefix(r.URL.Path, "/post/"), strings.HasPrefix(r.URL.Path, "/private/"):
			n := strings.TrimPrefix(strings.TrimPrefix(r.URL.Path, "/post/"), "/private/")
			shell(w, fmt.Sprintf(`write("<article><h1>Kestrel-13B, part %[1]s</h1><p>" +
  "Kestrel AI released Kestrel-13B, an open-weight language model trained on six trillion tokens. " +
  "It outperforms models twice its size on reasoning benchmarks, the lab says. Keyword: " + ["quill", "wort", "%[1]s"].join("") + ".</p></article>");`, n))
		case r.URL.Path == "/ssr":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<!doctype html><html><body><article><h1>Server-rendered</h1><p>%s</p></article><script src="/bundle.js"></script></body></html>`,
				strings.Repeat("This article is in the HTML the server sends, no script needed. ", 8))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *spa) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func renderingCrawler(t *testing.T) (*crawler.Crawler, *collect) {
	t.Helper()
	if _, err := chromium.Find(""); err != nil {
		t.Fatalf("%v: install it with apt-get install -y chromium", err)
	}
	b := chromium.New(chromium.Options{Tabs: 2, IdleWait: 2 * time.Second, PageTimeout: 20 * time.Second, MaxHeapMB: 512})
	t.Cleanup(func() { b.Close() })
	pub := &collect{}
	cfg := crawler.Config{UserAgent: "modelwire-test/1.0", AllowPrivateNetworks: true, Timeout: 5 * time.Second,
		MaxBodyBytes: 10 << 20, RecrawlAfter: 24 * time.Hour}
	return crawler.New(cfg, pub, crawler.WithRenderer(b)), pub
}

func crawlOnce(t *testing.T, c *crawler.Crawler, src crawler.Source) crawler.Snapshot {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	st, err := c.Crawl(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	return st.Snapshot()
}

// TestCrawlRendered crawls a site built by scripts with render: chromium:
// links the script writes are followed, robots.txt holds for them, each
// post's script-written word is in its published page; the second pass
// renders the start page only.
func TestCrawlRendered(t *testing.T) {
	s := newSPA(t)
	c, pub := renderingCrawler(t)
	src := crawler.Source{Name: "spa", StartURLs: []string{s.URL + "/"}, MaxDepth: 1, Render: crawler.RenderChromium}
	snap := crawlOnce(t, c, src)
	for _, n := range []int{1, 2} {
		if b := pub.body(t, fmt.Sprintf("%s/post/%d", s.URL, n)); !strings.Contains(b, postWord(n)) {
			t.Errorf("post %d: published page lacks %q:\n%s", n, postWord(n), b)
		}
	}
	if s.count("/private/3") != 0 {
		t.Errorf("a page robots.txt disallows was rendered")
	}
	if snap.Rendered != 3 || snap.Fetched != 3 || snap.Skipped[crawler.SkipRobots] != 1 {
		t.Errorf("rendered %d, fetched %d, skipped %v; want 3, 3 and one robots", snap.Rendered, snap.Fetched, snap.Skipped)
	}
	snap = crawlOnce(t, c, src)
	if snap.Rendered != 1 || snap.Unchanged != 1 || snap.Fetched != 0 {
		t.Errorf("second pass rendered %d, unchanged %d, published %d; want the start page only, unchanged", snap.Rendered, snap.Unchanged, snap.Fetched)
	}
}

// TestCrawlRenderAuto: render: auto renders the shell and leaves the
// server-rendered page to the plain fetch.
func TestCrawlRenderAuto(t *testing.T) {
	s := newSPA(t)
	c, pub := renderingCrawler(t)
	snap := crawlOnce(t, c, crawler.Source{Name: "auto", StartURLs: []string{s.URL + "/ssr", s.URL + "/post/7"}, Render: crawler.RenderAuto})
	if snap.Rendered != 1 || snap.Fetched != 2 {
		t.Errorf("rendered %d, published %d; want 1 and 2", snap.Rendered, snap.Fetched)
	}
	if b := pub.body(t, s.URL+"/post/7"); !strings.Contains(b, postWord(7)) {
		t.Errorf("the shell was not rendered:\n%s", b)
	}
	if b := pub.body(t, s.URL+"/ssr"); !strings.Contains(b, "Server-rendered") {
		t.Errorf("the server-rendered page:\n%s", b)
	}
	if n := s.count("/ssr"); n != 1 {
		t.Errorf("the server-rendered page was requested %d times, want 1 (not rendered)", n)
	}
}

// refusing is an archive that cannot hold rendered pages.
type refusing struct{}

func (refusing) Archive(_ context.Context, x crawler.Exchange) error {
	if x.Rendered != nil {
		return errors.New("disk full")
	}
	return nil
}

// TestArchiveRenderedPages: a rendered page is archived as what the server
// sent for its document — the browser's answer (render: chromium), or the
// crawler's own fetch, which the browser is then given rather than asked
// to fetch again (render: auto) — with the DOM its scripts built as a
// conversion record referring to that response; warcio accepts the
// files, and the Reader returns the DOM as the page, dated as published.
// An archive that fails keeps the page from being published.
func TestArchiveRenderedPages(t *testing.T) {
	s := newSPA(t)
	if _, err := chromium.Find(""); err != nil {
		t.Fatalf("%v: install it with apt-get install -y chromium", err)
	}
	b := chromium.New(chromium.Options{Tabs: 2, IdleWait: 2 * time.Second, PageTimeout: 20 * time.Second, MaxHeapMB: 512})
	t.Cleanup(func() { b.Close() })
	dir := t.TempDir()
	w, err := archive.Open(archive.Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	pub := &collect{}
	cfg := crawler.Config{UserAgent: "modelwire-test/1.0", AllowPrivateNetworks: true, Timeout: 5 * time.Second,
		MaxBodyBytes: 10 << 20, RecrawlAfter: 24 * time.Hour}
	c := crawler.New(cfg, pub, crawler.WithRenderer(b), crawler.WithArchive(w))
	crawlOnce(t, c, crawler.Source{Name: "spa", StartURLs: []string{s.URL + "/"}, MaxDepth: 1, Render: crawler.RenderChromium})
	crawlOnce(t, c, crawler.Source{Name: "auto", StartURLs: []string{s.URL + "/ssr", s.URL + "/post/7"}, Render: crawler.RenderAuto})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	if len(files) != 1 {
		t.Fatalf("WARC files: %v", files)
	}
	warciotest.Check(t, files...)

	ids := map[string]warciotest.Record{}
	recs := warciotest.Index(t, files[0], "warc-type,warc-target-uri,warc-record-id,warc-refers-to,content-type")
	for _, r := range recs {
		ids[r["warc-record-id"]] = r
	}
	count := map[string]int{}
	for _, r := range recs {
		count[r["warc-type"]+" "+strings.TrimPrefix(r["warc-target-uri"], s.URL)]++
		if r["warc-type"] == "conversion" {
			if ref := ids[r["warc-refers-to"]]; ref["warc-type"] != "response" || ref["warc-target-uri"] != r["warc-target-uri"] || r["content-type"] != "text/html; charset=utf-8" {
				t.Errorf("conversion of %s refers to %v, content type %q", r["warc-target-uri"], ref, r["content-type"])
			}
		}
	}
	for _, path := range []string{"/", "/post/1", "/post/2", "/post/7"} {
		if count["response "+path] != 1 || count["conversion "+path] != 1 || count["metadata "+path] != 1 {
			t.Errorf("%s: %d responses, %d conversions, %d metadata records; want one each", path, count["response "+path], count["conversion "+path], count["metadata "+path])
		}
	}
	if count["response /ssr"] != 1 || count["conversion /ssr"] != 0 {
		t.Errorf("the server-rendered page: %d responses, %d conversions; want one response, no conversion", count["response /ssr"], count["conversion /ssr"])
	}
	if n := s.count("/post/7"); n != 1 {
		t.Errorf("the auto-rendered shell was requested %d times, want once (the browser is given the crawler's answer)", n)
	}

	rd, err := archive.OpenReader(files[0], archive.ReaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	pages := 0
	for {
		resp, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n := strings.TrimPrefix(resp.URL, s.URL+"/post/")
		if n == resp.URL {
			continue
		}
		pages++
		word := "quillwort" + n
		body, ct, at, err := resp.Page(1 << 20)
		published := pub.page(resp.URL)
		if err != nil || !strings.Contains(string(body), word) || ct != "text/html; charset=utf-8" || !at.Equal(published.FetchedAt) {
			t.Errorf("%s read back: %q %v %v (published at %v), want the DOM with %q", resp.URL, ct, at, err, published.FetchedAt, word)
		}
		if raw, _ := resp.Body(1 << 20); strings.Contains(string(raw), word) || !strings.Contains(string(raw), `<div id="root"></div>`) {
			t.Errorf("%s: the response holds something other than the shell the server sent:\n%s", resp.URL, raw)
		}
	}
	if pages != 3 {
		t.Errorf("%d post pages read back, want 3", pages)
	}

	// An archive that fails to keep the DOM: the page is not published.
	pub2 := &collect{}
	c2 := crawler.New(cfg, pub2, crawler.WithRenderer(b), crawler.WithArchive(refusing{}))
	snap := crawlOnce(t, c2, crawler.Source{Name: "spa", StartURLs: []string{s.URL + "/post/5"}, Render: crawler.RenderChromium})
	if snap.Fetched != 0 || snap.Failed["archive"] != 1 || pub2.page(s.URL+"/post/5").URL != "" {
		t.Errorf("with the archive failing: fetched %d, failed %v", snap.Fetched, snap.Failed)
	}
}
