package crawler

import (
	"bytes"
	"cmp"
	"compress/flate"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// feedOf serves an RSS feed at /feed listing paths on the same server.
func feedOf(w http.ResponseWriter, r *http.Request, paths ...string) {
	w.Header().Set("Content-Type", "application/rss+xml")
	var b strings.Builder
	b.WriteString(`<rss version="2.0"><channel><title>t</title>`)
	for _, p := range paths {
		fmt.Fprintf(&b, "<item><title>%s</title><link>http://%s%s</link></item>", p, r.Host, p)
	}
	b.WriteString("</channel></rss>")
	fmt.Fprint(w, b.String())
}

// TestLimits feeds the crawler oversize, non-HTML, looping, slow and
// undecodable answers: each is refused with its own reason, nothing is
// published for it, and the good page still is.
func TestLimits(t *testing.T) {
	big := strings.Repeat("<p>paragraph of text</p>", 200) // ~4.8 KB
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed":
			feedOf(w, r, "/good", "/big-length", "/big-chunked", "/big-gzip", "/pdf", "/json", "/loop-a", "/chain/0", "/slow-head", "/slow-body", "/bad-gzip", "/brotli", "/gone", "/big-error")
		case "/good":
			fmt.Fprint(w, htmlPage("good", "fine"))
		case "/big-length":
			w.Header().Set("Content-Length", strconv.Itoa(len(big)))
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, big)
		case "/big-chunked":
			w.Header().Set("Content-Type", "text/html")
			for i := 0; i < len(big); i += 500 {
				fmt.Fprint(w, big[i:min(i+500, len(big))])
				w.(http.Flusher).Flush()
			}
		case "/big-gzip": // small on the wire, big once decoded
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gzipBytes(strings.Repeat(" ", 100_000)))
		case "/pdf":
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprint(w, "%PDF-1.4 binary")
		case "/json":
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"html": false}`)
		case "/loop-a":
			http.Redirect(w, r, "/loop-b", http.StatusFound)
		case "/loop-b":
			http.Redirect(w, r, "/loop-a", http.StatusMovedPermanently)
		case "/slow-head":
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		case "/slow-body":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<html><body>")
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		case "/bad-gzip":
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Encoding", "gzip")
			fmt.Fprint(w, "this is not gzip")
		case "/brotli":
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Encoding", "br")
			fmt.Fprint(w, "\x0b\x02\x80")
		case "/gone":
			http.Error(w, "gone", http.StatusGone)
		case "/big-error": // an error page over the limit is still an HTTP error
			http.Error(w, big, http.StatusNotFound)
		default:
			if n, ok := strings.CutPrefix(r.URL.Path, "/chain/"); ok {
				i, _ := strconv.Atoi(n)
				http.Redirect(w, r, fmt.Sprintf("/chain/%d", i+1), http.StatusFound)
				return
			}
			http.NotFound(w, r)
		}
	}))
	c, pub, logs := newTestCrawler(t, Config{MaxBodyBytes: 2000, Timeout: 300 * time.Millisecond, MaxRedirects: 5})
	snap := crawl(t, c, Source{Name: "limits", Feeds: []string{srv.URL + "/feed"}, Delay: time.Millisecond, Parallelism: 4})

	got := pub.byURL(t)
	if len(got) != 1 || got[srv.URL+"/good"].URL == "" {
		t.Errorf("published %v, want only /good", keys(got))
	}
	wantFailed := map[string]int64{
		"too_large": 3, "redirect_loop": 1, "too_many_redirects": 1, "timeout": 2, "encoding": 2, "http_410": 1, "http_404": 1,
	}
	for r, n := range wantFailed {
		if snap.Failed[r] != n {
			t.Errorf("failed[%s] = %d, want %d", r, snap.Failed[r], n)
		}
	}
	if snap.FailedTotal() != 11 {
		t.Errorf("failed = %v, want exactly %v", snap.Failed, wantFailed)
	}
	if snap.Skipped[SkipContentType] != 2 {
		t.Errorf("skipped = %v, want 2 content_type", snap.Skipped)
	}
	if n := srv.count("/chain/5"); n != 1 {
		t.Errorf("/chain/5 requested %d times, want once (5 redirects followed)", n)
	}
	if n := srv.count("/chain/6"); n != 0 {
		t.Errorf("/chain/6 requested %d times, want never", n)
	}
	if srv.count("/loop-a") != 1 || srv.count("/loop-b") != 1 {
		t.Errorf("redirect loop requests: a=%d b=%d, want 1 each", srv.count("/loop-a"), srv.count("/loop-b"))
	}
	if !hasLine(logs.String(), "status=410") {
		t.Errorf("410 not logged with its status:\n%s", logs)
	}

	// A second pass leaves the final failures alone (recrawl interval) and
	// retries the temporary ones (timeouts).
	before := len(srv.log())
	snap2 := crawl(t, c, Source{Name: "limits", Feeds: []string{srv.URL + "/feed"}, Delay: time.Millisecond, Parallelism: 4})
	var again []string
	for _, h := range srv.log()[before:] {
		again = append(again, h.path)
	}
	want := []string{"/feed", "/slow-head", "/slow-body"}
	if len(again) != len(want) || snap2.Failed["timeout"] != 2 {
		t.Errorf("second pass requested %v, want %v (stats %+v)", again, want, snap2)
	}
}

// TestRetries checks 503 + Retry-After, 5xx back-off with bounded
// retries, and a host that asks for a wait too long to honour.
func TestRetries(t *testing.T) {
	var flaky, busy atomic.Int32
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed":
			feedOf(w, r, "/flaky", "/broken")
		case "/flaky": // busy once, then fine
			if flaky.Add(1) == 1 {
				w.Header().Set("Retry-After", "1")
				http.Error(w, "busy", http.StatusServiceUnavailable)
				return
			}
			fmt.Fprint(w, htmlPage("flaky", "worked on the second try"))
		case "/broken":
			http.Error(w, "boom", http.StatusInternalServerError)
		}
	}))
	c, pub, _ := newTestCrawler(t, Config{RetryBackoff: 20 * time.Millisecond, MaxRetries: 2})
	snap := crawl(t, c, Source{Name: "retry", Feeds: []string{srv.URL + "/feed"}, Delay: time.Millisecond, Parallelism: 1})
	if got := pub.byURL(t); len(got) != 1 || got[srv.URL+"/flaky"].URL == "" {
		t.Errorf("published %v, want /flaky", keys(got))
	}
	var flakyAt, brokenAt []time.Time
	for _, h := range srv.log() {
		switch h.path {
		case "/flaky":
			flakyAt = append(flakyAt, h.at)
		case "/broken":
			brokenAt = append(brokenAt, h.at)
		}
	}
	if len(flakyAt) != 2 || flakyAt[1].Sub(flakyAt[0]) < 900*time.Millisecond {
		t.Errorf("/flaky requested at %v, want twice, ≥1s apart (Retry-After: 1)", flakyAt)
	}
	if len(brokenAt) != 3 {
		t.Fatalf("/broken requested %d times, want 1 + 2 retries", len(brokenAt))
	}
	if g1, g2 := brokenAt[1].Sub(brokenAt[0]), brokenAt[2].Sub(brokenAt[1]); g1 < 15*time.Millisecond || g2 < 35*time.Millisecond {
		t.Errorf("back-off gaps %v, %v; want ≈20ms then ≈40ms", g1, g2)
	}
	if snap.Failed["http_500"] != 1 {
		t.Errorf("failed = %v", snap.Failed)
	}

	// A host asking for an hour is paused: one request, then its other
	// URLs fail at once without being requested.
	srv2 := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed":
			feedOf(w, r, "/a", "/b", "/c")
		case "/robots.txt":
			http.NotFound(w, r)
		default:
			busy.Add(1)
			w.Header().Set("Retry-After", "3600")
			http.Error(w, "slow down", http.StatusTooManyRequests)
		}
	}))
	snap = crawl(t, c, Source{Name: "paused", Feeds: []string{srv2.URL + "/feed"}, Delay: time.Millisecond, Parallelism: 1})
	if n := busy.Load(); n != 1 {
		t.Errorf("paused host got %d page requests, want 1", n)
	}
	if snap.Failed["host_paused"] != 3 {
		t.Errorf("failed = %v, want 3 host_paused", snap.Failed)
	}
}

// TestEncodings decodes gzip, zlib and raw deflate bodies and non-UTF-8
// charsets into UTF-8.
func TestEncodings(t *testing.T) {
	page := htmlPage("Modèle", "<p>Le modèle est publié à Paris — 通义千问</p>")
	latin := htmlPage("Modèle", "<p>Le modèle est publié à Paris</p>")
	latin1, _ := charmap.ISO8859_1.NewEncoder().String(latin)
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/feed":
			feedOf(w, r, "/gzip", "/zlib", "/raw-deflate", "/latin1")
		case "/gzip":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gzipBytes(page))
		case "/zlib":
			w.Header().Set("Content-Encoding", "deflate")
			var b bytes.Buffer
			zw := zlib.NewWriter(&b)
			zw.Write([]byte(page))
			zw.Close()
			w.Write(b.Bytes())
		case "/raw-deflate":
			w.Header().Set("Content-Encoding", "deflate")
			var b bytes.Buffer
			fw, _ := flate.NewWriter(&b, flate.BestSpeed)
			fw.Write([]byte(page))
			fw.Close()
			w.Write(b.Bytes())
		case "/latin1":
			w.Header().Set("Content-Type", "text/html; charset=ISO-8859-1")
			fmt.Fprint(w, latin1)
		}
	}))
	c, pub, logs := newTestCrawler(t, Config{})
	crawl(t, c, Source{Name: "enc", Feeds: []string{srv.URL + "/feed"}, Delay: time.Millisecond, Parallelism: 4})
	got := pub.byURL(t)
	for path, want := range map[string]string{"/gzip": page, "/zlib": page, "/raw-deflate": page, "/latin1": latin} {
		pg, ok := got[srv.URL+path]
		if !ok {
			t.Errorf("%s not published\n%s", path, logs)
			continue
		}
		if b := body(t, pg); b != want {
			t.Errorf("%s body = %q, want %q", path, b, want)
		}
	}
}

// TestScope checks max_depth, allowed_domains, include/exclude and
// max_pages.
func TestScope(t *testing.T) {
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/":
			fmt.Fprint(w, htmlPage("home", `<a href="/news/1">1</a><a href="/news/2">2</a><a href="/tag/x">tag</a><a href="https://elsewhere.example/x">out</a><a href="/news/3">3</a><a href="/news/4">4</a>`))
		case strings.HasPrefix(r.URL.Path, "/news/"):
			fmt.Fprint(w, htmlPage("news", `<a href="/deeper`+r.URL.Path+`">deeper</a>`))
		default:
			fmt.Fprint(w, htmlPage("other", "x"))
		}
	}))
	tests := []struct {
		name  string
		src   Source
		want  []string
		scope int64
		cut   int64
	}{
		{"depth 0", Source{MaxDepth: 0}, []string{"/"}, 0, 0},
		{"depth 1, own domain", Source{MaxDepth: 1}, []string{"/", "/news/1", "/news/2", "/tag/x", "/news/3", "/news/4"}, 1, 0},
		{"depth 2 with include", Source{MaxDepth: 2, Include: []string{`^https?://[^/]+/news/\d+$`}}, []string{"/", "/news/1", "/news/2", "/news/3", "/news/4"}, 6, 0},
		{"exclude", Source{MaxDepth: 1, Exclude: []string{`/tag/`, `/news/[34]`}}, []string{"/", "/news/1", "/news/2"}, 4, 0},
		{"max pages", Source{MaxDepth: 1, MaxPages: 3, Include: []string{`/news/`}}, []string{"/", "/news/1", "/news/2"}, 2, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, pub, _ := newTestCrawler(t, Config{})
			tt.src.Name, tt.src.StartURLs, tt.src.Delay, tt.src.Parallelism = "scope", []string{srv.URL + "/"}, time.Millisecond, 1
			snap := crawl(t, c, tt.src)
			got := pub.byURL(t)
			for _, p := range tt.want {
				if _, ok := got[srv.URL+p]; !ok {
					t.Errorf("%s not published", p)
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("published %v, want %v", keys(got), tt.want)
			}
			if snap.Skipped[SkipScope] != tt.scope || snap.Skipped[SkipMaxPages] != tt.cut {
				t.Errorf("skipped = %v, want out_of_scope %d, max_pages %d", snap.Skipped, tt.scope, tt.cut)
			}
		})
	}
}

// TestGuard refuses loopback and private addresses — by IP, by a name that
// resolves to one, and on a redirect — unless allowed.
func TestGuard(t *testing.T) {
	var target atomic.Int32
	inner := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		target.Add(1)
		fmt.Fprint(w, htmlPage("internal", "secret"))
	}))
	outer := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/feed":
			feedOf(w, r, "/redirect")
		case "/redirect":
			http.Redirect(w, r, inner.URL+"/admin", http.StatusFound)
		}
	}))
	_, innerPort, _ := net.SplitHostPort(strings.TrimPrefix(inner.URL, "http://"))
	_, outerPort, _ := net.SplitHostPort(strings.TrimPrefix(outer.URL, "http://"))

	t.Run("refused by default", func(t *testing.T) {
		c := New(Config{UserAgent: testUA}, &pages{})
		snap := crawl(t, c, Source{Name: "g", Feeds: []string{inner.URL + "/feed", "http://localhost:" + innerPort + "/feed"}, Delay: time.Millisecond})
		if snap.Failed["private_address"] != 2 {
			t.Errorf("failed = %v, want 2 private_address", snap.Failed)
		}
	})
	t.Run("refused after a redirect", func(t *testing.T) {
		// Pretend the outer server is public: the guard lets its port
		// through and checks everything else as usual.
		check := func(address string) error {
			if ap, err := netip.ParseAddrPort(address); err == nil && strconv.Itoa(int(ap.Port())) == outerPort {
				return nil
			}
			return checkPublic(address)
		}
		c := New(Config{UserAgent: testUA, MaxRedirects: 10}, &pages{}, WithTransport(newTransport(Config{Timeout: time.Second}.tuned(), check)))
		snap := crawl(t, c, Source{Name: "g", Feeds: []string{outer.URL + "/feed"}, Delay: time.Millisecond})
		if snap.Failed["private_address"] != 1 || outer.count("/redirect") != 1 {
			t.Errorf("failed = %v, /redirect requested %d times", snap.Failed, outer.count("/redirect"))
		}
		if n := target.Load(); n != 0 {
			t.Errorf("the private server got %d requests", n)
		}
	})
	t.Run("allowed when configured", func(t *testing.T) {
		c, pub, _ := newTestCrawler(t, Config{})
		crawl(t, c, Source{Name: "g", StartURLs: []string{inner.URL + "/"}, Delay: time.Millisecond})
		if len(pub.all()) != 1 {
			t.Errorf("published %d pages, want 1", len(pub.all()))
		}
	})
}

func TestCheckPublic(t *testing.T) {
	tests := []struct {
		addr string
		ok   bool
	}{
		{"93.184.216.34:443", true},
		{"[2606:2800:220:1:248:1893:25c8:1946]:443", true},
		{"127.0.0.1:80", false},
		{"127.5.6.7:80", false},
		{"[::1]:80", false},
		{"10.1.2.3:80", false},
		{"172.16.0.1:80", false},
		{"192.168.1.1:80", false},
		{"169.254.169.254:80", false}, // cloud metadata
		{"[fe80::1]:80", false},
		{"[fc00::1]:80", false},
		{"0.0.0.0:80", false},
		{"100.64.0.1:80", false},
		{"[::ffff:127.0.0.1]:80", false},
		{"[64:ff9b::a00:1]:80", false},
		{"224.0.0.1:80", false},
		{"localhost:80", false}, // not an address: the dialer always passes one
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			err := checkPublic(tt.addr)
			if (err == nil) != tt.ok {
				t.Errorf("checkPublic(%s) = %v, want ok=%v", tt.addr, err, tt.ok)
			}
			if err != nil && !errors.Is(err, ErrPrivateAddress) && tt.addr != "localhost:80" {
				t.Errorf("error %v does not wrap ErrPrivateAddress", err)
			}
		})
	}
}

// TestCancel stops a pass when ctx ends and reports it.
func TestCancel(t *testing.T) {
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, htmlPage("p", `<a href="/a">a</a><a href="/b">b</a>`))
	}))
	c, _, _ := newTestCrawler(t, Config{})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.Crawl(ctx, Source{Name: "slow", StartURLs: []string{srv.URL + "/"}, MaxDepth: 1, Delay: time.Second, Parallelism: 1})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the context's", err)
	}
}

// TestRedirectDedup fetches a moved article once: the redirect target,
// also listed by the feed, is not fetched a second time.
func TestRedirectDedup(t *testing.T) {
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed":
			feedOf(w, r, "/old", "/new")
		case "/old":
			http.Redirect(w, r, "/new?utm_source=redirect", http.StatusMovedPermanently)
		case "/new":
			fmt.Fprint(w, htmlPage("moved", "the article"))
		default:
			http.NotFound(w, r)
		}
	}))
	c, pub, _ := newTestCrawler(t, Config{})
	snap := crawl(t, c, Source{Name: "moved", Feeds: []string{srv.URL + "/feed"}, Delay: time.Millisecond, Parallelism: 1})
	// Whichever of /old and /new a worker takes first wins; the other is
	// the duplicate.
	all := pub.all()
	if len(all) != 1 {
		t.Fatalf("published %d pages, want 1", len(all))
	}
	if final := cmp.Or(all[0].FinalURL, all[0].URL); final != srv.URL+"/new" {
		t.Errorf("published %s (final %s), want final URL /new", all[0].URL, final)
	}
	if n := srv.count("/new?utm_source=redirect") + srv.count("/new"); n != 1 {
		t.Errorf("/new requested %d times, want once", n)
	}
	if snap.Skipped[SkipDuplicate] != 1 {
		t.Errorf("skipped = %v, want one duplicate", snap.Skipped)
	}
}
