package crawler

import (
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// TestGzipSitemapBound checks that a compressed sitemap is decompressed
// within Config.MaxBodyBytes whichever way it says it is gzip — the path,
// the Content-Type or the Content-Encoding — and never by colly, which
// would do it without a bound.
func TestGzipSitemapBound(t *testing.T) {
	const limit = 20_000
	var xml strings.Builder
	xml.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for i := range 2000 {
		fmt.Fprintf(&xml, "<url><loc>/p/%d</loc></url>", i)
	}
	xml.WriteString("</urlset>")
	gz := gzipBytes(xml.String())
	if len(gz) >= limit || xml.Len() <= limit {
		t.Fatalf("sitemap is %d bytes, %d compressed; want over and under %d", xml.Len(), len(gz), limit)
	}
	tests := []struct {
		name, path string
		header     map[string]string
	}{
		{"xml.gz path", "/sitemap.xml.gz", map[string]string{"Content-Type": "application/xml"}},
		{"gzip content type", "/sitemap", map[string]string{"Content-Type": "application/gzip"}},
		{"gzip content encoding", "/sitemap.xml", map[string]string{"Content-Type": "application/xml", "Content-Encoding": "gzip"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != tt.path {
					http.NotFound(w, r)
					return
				}
				for k, v := range tt.header {
					w.Header().Set(k, v)
				}
				w.Write(gz)
			}))
			c, _, _ := newTestCrawler(t, Config{MaxBodyBytes: limit})
			snap := crawl(t, c, Source{Name: "gz", Sitemaps: []string{srv.URL + tt.path}, Delay: time.Millisecond})
			if snap.Failed["too_large"] != 1 || snap.FailedTotal() != 1 {
				t.Errorf("failed = %v, want one too_large", snap.Failed)
			}
			if n := srv.count("/p/0"); n != 0 {
				t.Errorf("an entry of the oversize sitemap was requested %d times", n)
			}
		})
	}
}

// TestCollectorSettings sets every COLLY_* variable colly reads to a value
// that would break the crawl: none of them may change what it does. And
// colly's own robots.txt, cookies, charset detection, body limit and
// redirect following stay off.
func TestCollectorSettings(t *testing.T) {
	cache := t.TempDir()
	for k, v := range map[string]string{
		"COLLY_USER_AGENT":                "from-env",
		"COLLY_MAX_BODY_SIZE":             "10",
		"COLLY_DETECT_CHARSET":            "yes",
		"COLLY_IGNORE_ROBOTSTXT":          "no",
		"COLLY_ALLOWED_DOMAINS":           "elsewhere.example",
		"COLLY_DISALLOWED_DOMAINS":        "127.0.0.1",
		"COLLY_MAX_DEPTH":                 "1",
		"COLLY_MAX_REQUESTS":              "1",
		"COLLY_PARSE_HTTP_ERROR_RESPONSE": "no",
		"COLLY_FOLLOW_REDIRECTS":          "yes",
		"COLLY_TRACE_HTTP":                "yes",
		"COLLY_CACHE_DIR":                 cache,
	} {
		t.Setenv(k, v)
	}
	page := htmlPage("Modèle", "<p>"+strings.Repeat("texte accentué ", 50)+"</p>")
	latin1, _ := charmap.ISO8859_1.NewEncoder().String(page)
	var cookies atomic.Int32
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Cookie") != "" {
			cookies.Add(1)
		}
		http.SetCookie(w, &http.Cookie{Name: "session", Value: r.URL.Path})
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		case "/feed":
			w.Header().Set("ETag", `"feed-1"`)
			if r.Header.Get("If-None-Match") == `"feed-1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			feedOf(w, r, "/a", "/moved", "/private/b")
		case "/a":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, page)
		case "/b":
			w.Header().Set("Content-Type", "text/html; charset=ISO-8859-1")
			fmt.Fprint(w, latin1)
		case "/moved":
			http.Redirect(w, r, "/b", http.StatusMovedPermanently)
		default:
			http.NotFound(w, r)
		}
	}))
	c, pub, logs := newTestCrawler(t, Config{})
	src := Source{Name: "env", Feeds: []string{srv.URL + "/feed"}, Delay: time.Millisecond}
	crawl(t, c, src)
	snap := crawl(t, c, src)

	got := pub.byURL(t)
	if len(got) != 2 {
		t.Fatalf("published %v, want /a and /moved\n%s", keys(got), logs)
	}
	for _, u := range []string{srv.URL + "/a", srv.URL + "/moved"} {
		if b := body(t, got[u]); b != page {
			t.Errorf("%s body = %q, want the page unchanged", u, b)
		}
	}
	if n := srv.count("/private/b"); n != 0 {
		t.Errorf("robots.txt ignored: /private/b requested %d times", n)
	}
	if n := srv.count("/robots.txt"); n != 1 {
		t.Errorf("robots.txt requested %d times in two passes, want once (cached by the crawler only)", n)
	}
	for _, h := range srv.log() {
		if h.ua != testUA {
			t.Errorf("%s requested as %q, want %q", h.path, h.ua, testUA)
		}
	}
	if snap.NotModified != 1 {
		t.Errorf("second pass: %+v, want the feed not modified", snap)
	}
	if n := cookies.Load(); n != 0 {
		t.Errorf("%d requests sent cookies", n)
	}
	if entries, _ := os.ReadDir(cache); len(entries) != 0 {
		t.Errorf("colly cached %d entries in COLLY_CACHE_DIR", len(entries))
	}
}
