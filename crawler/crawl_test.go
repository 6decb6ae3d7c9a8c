package crawler

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/modelwire/modelwire/internal/testsite"
	"github.com/modelwire/modelwire/internal/waittest"
)

// siteSource crawls the whole test site: its sitemap index, both feeds and
// its home page one link deep.
func siteSource(site *testsite.Site, name string) Source {
	return Source{
		Name:        name,
		Sitemaps:    []string{site.URL + "/sitemap.xml"},
		Feeds:       []string{site.URL + "/feed.xml", site.URL + "/zh/atom.xml"},
		StartURLs:   []string{site.URL + "/"},
		MaxDepth:    1,
		Delay:       time.Millisecond,
		Parallelism: 4,
	}
}

// TestCrawlSite reaches every article of the test site by sitemap (index,
// .gz, news), RSS, Atom and links, and checks it is fetched and published
// once, by its normalised URL, with hints, in UTF-8 — and that robots.txt
// was obeyed.
func TestCrawlSite(t *testing.T) {
	site := testsite.New(testsite.Options{Extra: 6, ExtraZH: 4})
	defer site.Close()
	c, pub, logs := newTestCrawler(t, Config{})
	snap := crawl(t, c, siteSource(site, "aiwire"))

	got := pub.byURL(t)
	for _, a := range site.Articles {
		pg, ok := got[site.ArticleURL(a)]
		if !ok {
			t.Errorf("%s not published", a.Path)
			continue
		}
		if b := body(t, pg); !strings.Contains(b, a.Keyword) {
			t.Errorf("%s: body lacks keyword %q (charset %q)", a.Path, a.Keyword, a.Charset)
		}
		if pg.Source != "aiwire" || pg.Status != 200 || pg.ContentHash == "" || pg.FetchedAt.IsZero() {
			t.Errorf("%s: page metadata %+v", a.Path, pg)
		}
	}
	if _, ok := got[site.URL+"/"]; !ok {
		t.Errorf("start page not published")
	}
	if len(got) != len(site.Articles)+1 {
		t.Errorf("published %d pages, want %d articles + the start page", len(got), len(site.Articles))
	}
	// Hints: the news sitemap gives title and publication date, feeds the
	// feed URL; every published page got at least one of them.
	last := site.Articles[len(site.Articles)-1]
	if h := got[site.ArticleURL(last)].Hint; h.Title != last.Title || !h.PublishedAt.Equal(last.Published) {
		t.Errorf("hint of %s = %+v, want the news sitemap's title and date", last.Path, h)
	}
	if h := got[site.ArticleURL(site.Articles[0])].Hint; h.Feed != site.URL+"/feed.xml" {
		t.Errorf("hint of %s = %+v, want feed %s", site.Articles[0].Path, h, site.URL+"/feed.xml")
	}

	reqs := site.Requests()
	seen := map[string]int{}
	for _, r := range reqs {
		seen[r.Path]++
		if r.UserAgent != testUA {
			t.Errorf("%s requested with User-Agent %q", r.Path, r.UserAgent)
		}
		for _, d := range site.Disallowed {
			if r.Path == d {
				t.Errorf("disallowed %s was requested", d)
			}
		}
	}
	for path, n := range seen {
		if n > 1 {
			t.Errorf("%s requested %d times", path, n)
		}
	}
	for _, want := range []string{"/robots.txt", "/sitemap.xml", "/sitemaps/posts.xml.gz", "/sitemaps/news.xml", "/feed.xml", "/zh/atom.xml"} {
		if seen[want] != 1 {
			t.Errorf("%s requested %d times, want once", want, seen[want])
		}
	}
	// The alias page is fetched (its canonical is only known then) but
	// published under the canonical article only.
	if seen[site.Alias] > 1 {
		t.Errorf("alias requested %d times", seen[site.Alias])
	}
	if snap.Fetched != int64(len(got)) || snap.Documents != 5 || snap.Skipped[SkipRobots] != int64(len(site.Disallowed)) {
		t.Errorf("stats = %+v", snap)
	}
	if snap.Skipped[SkipDuplicate] == 0 {
		t.Errorf("no duplicates counted though feeds, sitemaps and links overlap: %+v", snap)
	}
	if snap.FailedTotal() != 0 {
		t.Errorf("failures: %v\n%s", snap.Failed, logs)
	}
	if !hasLine(logs.String(), `msg="crawl pass done" source=aiwire fetched=`) {
		t.Errorf("no pass summary in the log:\n%s", logs)
	}
}

// TestPoliteness runs two sources against one host at once — robots,
// sitemaps, feeds and links all pointing there — and checks, by the
// server's own clock and gauge, that parallelism and delay held for the
// host as a whole.
func TestPoliteness(t *testing.T) {
	site := testsite.New(testsite.Options{Extra: 20, Delay: 2 * time.Millisecond})
	defer site.Close()
	const delay = 25 * time.Millisecond
	a := siteSource(site, "a")
	a.Delay, a.Parallelism = delay, 1
	b := Source{Name: "b", Feeds: []string{site.URL + "/feed.xml"}, Delay: delay, Parallelism: 1}
	c, pub, _ := newTestCrawler(t, Config{})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := c.Once(ctx, []Source{a, b}); err != nil {
		t.Fatal(err)
	}
	reqs := site.Requests()
	if len(reqs) < len(site.Articles) || len(pub.all()) < len(site.Articles) {
		t.Fatalf("only %d requests, %d pages", len(reqs), len(pub.all()))
	}
	if m := site.MaxInFlight(); m != 1 {
		t.Errorf("%d requests in flight at once, want 1", m)
	}
	times := make([]time.Time, len(reqs))
	for i, r := range reqs {
		times[i] = r.At
	}
	// In any window of 10 delays at most 10 requests may start (+2 for
	// arrival jitter on a loaded machine; with the delay ignored, all
	// would arrive within a few milliseconds).
	if n := waittest.MaxInWindow(times, 10*delay); n > 12 {
		t.Errorf("%d requests within %v, want ≤ 12", n, 10*delay)
	}
	span := times[len(times)-1].Sub(times[0])
	if want := time.Duration(len(times)-1)*delay - 20*time.Millisecond; span < want {
		t.Errorf("%d requests within %v, want them spread over ≥ %v", len(times), span, want)
	}
}

// TestCrawlDelay checks that a robots.txt Crawl-delay longer than the
// source's delay is honoured, and that a huge one is capped: with a cap the
// pass ends; without, it would not within the test's deadline.
func TestCrawlDelay(t *testing.T) {
	for _, tt := range []struct {
		name   string
		robots string
		cap    time.Duration
		gap    time.Duration
	}{
		{"honoured", "User-agent: *\nCrawl-delay: 0.04\n", time.Second, 40 * time.Millisecond},
		{"capped", "User-agent: modelwire-test\nCrawl-delay: 30\n", 30 * time.Millisecond, 30 * time.Millisecond},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				switch r.URL.Path {
				case "/robots.txt":
					fmt.Fprint(w, tt.robots)
				case "/":
					fmt.Fprint(w, htmlPage("home", `<a href="/1">1</a><a href="/2">2</a><a href="/3">3</a><a href="/4">4</a>`))
				default:
					fmt.Fprint(w, htmlPage("p", "page"))
				}
			}))
			c, pub, _ := newTestCrawler(t, Config{MaxCrawlDelay: tt.cap})
			crawl(t, c, Source{Name: "s", StartURLs: []string{srv.URL + "/"}, MaxDepth: 1, Delay: time.Millisecond, Parallelism: 2})
			if n := len(pub.all()); n != 5 {
				t.Fatalf("published %d pages, want 5", n)
			}
			// Robots.txt itself goes at the source's pace; the five pages
			// after it must be spread over at least four gaps. The span is
			// measured, not each gap: a loaded machine delays single
			// arrivals, which only shifts the ends by a little.
			hits := srv.log()[1:]
			span := hits[len(hits)-1].at.Sub(hits[0].at)
			if want := time.Duration(len(hits)-1)*tt.gap - 15*time.Millisecond; span < want {
				t.Errorf("%d requests within %v, want them spread over ≥ %v", len(hits), span, want)
			}
		})
	}
}

// TestFeedFormats reads RSS, Atom and JSON Feed items with their hints,
// drops tracking parameters, and reports an invalid feed.
func TestFeedFormats(t *testing.T) {
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		base := "http://" + r.Host
		switch r.URL.Path {
		case "/rss":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<rss version="2.0"><channel><title>t</title><item><title>From RSS</title><link>%s/a?utm_source=rss</link><pubDate>Tue, 01 Jul 2025 08:00:00 +0000</pubDate></item></channel></rss>`, base)
		case "/atom":
			w.Header().Set("Content-Type", "application/atom+xml")
			fmt.Fprintf(w, `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>From Atom</title><link href="%s/b"/><id>b</id><updated>2025-07-02T08:00:00Z</updated></entry></feed>`, base)
		case "/json":
			w.Header().Set("Content-Type", "application/feed+json")
			fmt.Fprintf(w, `{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"c","url":"%s/c#x","title":"From JSON","date_published":"2025-07-03T08:00:00Z"}]}`, base)
		case "/broken":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, "<html>this is not a feed")
		default:
			fmt.Fprint(w, htmlPage(r.URL.Path, "article "+r.URL.Path))
		}
	}))
	c, pub, logs := newTestCrawler(t, Config{})
	snap := crawl(t, c, Source{Name: "feeds", Feeds: []string{srv.URL + "/rss", srv.URL + "/atom", srv.URL + "/json", srv.URL + "/broken"}, Delay: time.Millisecond})
	got := pub.byURL(t)
	for path, want := range map[string]struct {
		title string
		day   int
	}{"/a": {"From RSS", 1}, "/b": {"From Atom", 2}, "/c": {"From JSON", 3}} {
		pg, ok := got[srv.URL+path]
		if !ok {
			t.Errorf("%s not published", path)
			continue
		}
		if pg.Hint.Title != want.title || pg.Hint.PublishedAt.Day() != want.day || !strings.HasPrefix(pg.Hint.Feed, srv.URL) {
			t.Errorf("%s hint = %+v, want title %q, day %d", path, pg.Hint, want.title, want.day)
		}
	}
	if len(got) != 3 || snap.Documents != 3 || snap.Failed["invalid_feed"] != 1 {
		t.Errorf("published %d, stats %+v", len(got), snap)
	}
	if !hasLine(logs.String(), "invalid feed") {
		t.Errorf("invalid feed not logged:\n%s", logs)
	}
}

// TestSitemapsFromRobots finds sitemaps by robots.txt only, follows an
// index into a gzip sitemap and a news sitemap, and reports an invalid one.
func TestSitemapsFromRobots(t *testing.T) {
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		base := "http://" + r.Host
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprintf(w, "User-agent: *\nDisallow: /private/\nSitemap: %s/index.xml\nSitemap: %s/broken.xml\n", base, base)
		case "/index.xml":
			fmt.Fprintf(w, `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>%s/a.xml.gz</loc></sitemap><sitemap><loc>%s/news.xml</loc></sitemap></sitemapindex>`, base, base)
		case "/a.xml.gz":
			w.Header().Set("Content-Type", "application/gzip")
			w.Write(gzipBytes(fmt.Sprintf(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>%s/one</loc></url><url><loc>%s/private/two</loc></url><url><loc>https://elsewhere.example/three</loc></url></urlset>`, base, base)))
		case "/news.xml":
			fmt.Fprintf(w, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>%s/four</loc><news:news><news:publication_date>2025-07-04</news:publication_date><news:title>Four</news:title></news:news></url></urlset>`, base)
		case "/broken.xml":
			fmt.Fprint(w, `<urlset><url><loc>`)
		default:
			fmt.Fprint(w, htmlPage(r.URL.Path, "text"))
		}
	}))
	c, pub, logs := newTestCrawler(t, Config{})
	snap := crawl(t, c, Source{Name: "maps", StartURLs: []string{srv.URL + "/start"}, Delay: time.Millisecond})
	got := pub.byURL(t)
	for _, p := range []string{"/start", "/one", "/four"} {
		if _, ok := got[srv.URL+p]; !ok {
			t.Errorf("%s not published", p)
		}
	}
	if len(got) != 3 {
		t.Errorf("published %v", keys(got))
	}
	if got[srv.URL+"/four"].Hint.Title != "Four" {
		t.Errorf("news hint = %+v", got[srv.URL+"/four"].Hint)
	}
	if srv.count("/private/two") != 0 {
		t.Error("disallowed sitemap entry requested")
	}
	if snap.Skipped[SkipScope] != 1 || snap.Skipped[SkipRobots] != 1 || snap.Failed["invalid_sitemap"] != 1 {
		t.Errorf("stats = %+v", snap)
	}
	if !hasLine(logs.String(), "invalid sitemap") {
		t.Errorf("invalid sitemap not logged:\n%s", logs)
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
