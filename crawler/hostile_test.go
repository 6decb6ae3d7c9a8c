package crawler

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"
)

// The hostile suite: each test plays one attack a crawled site can make
// and asserts the safe outcome. Run them all with -run Hostile.

// onAddr starts s on a listener at addr ("127.0.0.2:0"): a second
// loopback host, so two test sites are two sites, not two ports of one.
func onAddr(t *testing.T, addr string, s *server) {
	t.Helper()
	s.Server.Close()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("listening on %s: %v", addr, err)
	}
	h := s.Server.Config.Handler
	s.Server = httptest.NewUnstartedServer(h)
	s.Server.Listener.Close()
	s.Server.Listener = ln
	s.Server.Start()
}

// TestHostileCanonicalHijack: a page on another site names a victim
// article as its canonical URL. The page is published under its own URL
// with the canonical recorded as rejected, and the victim's URL is not
// marked as fetched: the victim's own source still fetches it.
func TestHostileCanonicalHijack(t *testing.T) {
	victim := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed":
			feedOf(w, r, "/article")
		case "/article":
			fmt.Fprint(w, htmlPage("Victim", "<p>the genuine victim article</p>"))
		default:
			http.NotFound(w, r)
		}
	}))
	var victimArticle string
	attacker := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed":
			feedOf(w, r, "/evil")
		case "/evil":
			fmt.Fprintf(w, `<html><head><link rel="canonical" href=%q><title>x</title></head><body><p>HIJACK</p></body></html>`, victimArticle)
		default:
			http.NotFound(w, r)
		}
	}))
	onAddr(t, "127.0.0.2:0", attacker)
	victimArticle = victim.URL + "/article"

	c, pub, logs := newTestCrawler(t, Config{})
	crawl(t, c, Source{Name: "attacker", Feeds: []string{attacker.URL + "/feed"}, Delay: time.Millisecond})
	got := pub.byURL(t)
	evil := got[attacker.URL+"/evil"]
	if evil.URL == "" || evil.Canonical != "" || evil.RejectedCanonical != victimArticle {
		t.Fatalf("attacker page published as %+v, want its own URL with canonical %s rejected", evil, victimArticle)
	}
	if !strings.Contains(logs.String(), "rel=canonical names another site") {
		t.Errorf("the rejected canonical is not logged:\n%s", logs)
	}
	if rec, ok, _ := c.seen.Get(context.Background(), SeenKey(victimArticle)); ok {
		t.Fatalf("the victim article is recorded as fetched (%+v) though only the attacker's page was", rec)
	}

	snap := crawl(t, c, Source{Name: "victim", Feeds: []string{victim.URL + "/feed"}, Delay: time.Millisecond})
	if victim.count("/article") != 2 { // once to check the attacker's claim, once in its own right
		t.Errorf("victim article requested %d times, want 2", victim.count("/article"))
	}
	if p := pub.byURL(t)[victimArticle]; p.URL == "" || !strings.Contains(body(t, p), "genuine victim") {
		t.Errorf("victim article not published in its own right (skipped: %v)", snap.Skipped)
	}
}

// TestHostileCanonicalConfirmed: a mirror on another site that serves the
// very same page keeps its canonical — fetching the canonical URL confirms
// it — and then the canonical URL was fetched, so it is recorded.
func TestHostileCanonicalConfirmed(t *testing.T) {
	var page string
	origin := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, page)
	}))
	mirror := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed" {
			feedOf(w, r, "/copy")
			return
		}
		fmt.Fprint(w, page)
	}))
	onAddr(t, "127.0.0.2:0", mirror)
	page = fmt.Sprintf(`<html><head><link rel="canonical" href="%s/story"></head><body><p>same bytes</p></body></html>`, origin.URL)

	c, pub, _ := newTestCrawler(t, Config{})
	crawl(t, c, Source{Name: "mirror", Feeds: []string{mirror.URL + "/feed"}, Delay: time.Millisecond})
	p := pub.byURL(t)[mirror.URL+"/copy"]
	if p.Canonical != origin.URL+"/story" || p.RejectedCanonical != "" {
		t.Fatalf("mirror page published as %+v, want canonical %s/story confirmed", p, origin.URL)
	}
	if _, ok, _ := c.seen.Get(context.Background(), SeenKey(origin.URL+"/story")); !ok {
		t.Error("the confirmed canonical was fetched but not recorded")
	}
}

func TestSameSite(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"https://www.example.com/a", "https://news.example.com/b", true},
		{"http://example.com/a", "https://example.com:8443/b", true},
		{"https://example.co.uk/a", "https://other.co.uk/a", false},
		{"https://a.github.io/x", "https://b.github.io/x", false}, // a public suffix: one site per user
		{"https://victim.example/a", "https://attacker.example/a", false},
		{"http://127.0.0.1:8080/a", "http://127.0.0.1:9090/b", true},
		{"http://127.0.0.1/a", "http://127.0.0.2/a", false},
		{"http://2130706433/a", "http://127.0.0.1/b", true},
		{"http://[::1]/a", "http://[::1]:81/b", true},
		{"https://localhost/a", "https://localhost/b", true},
		{"not a url", "https://example.com/", false},
	}
	for _, tt := range tests {
		if got := SameSite(tt.a, tt.b); got != tt.want {
			t.Errorf("SameSite(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestHostileNumericHosts: a feed spells one host four ways (one number,
// hex, shortened, dotted quad). They are one host: fetched one at a time
// under the source's parallelism, and published under one spelling.
func TestHostileNumericHosts(t *testing.T) {
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed" {
			_, port, _ := net.SplitHostPort(r.Host)
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, `<rss version="2.0"><channel><title>t</title>`)
			for i, h := range []string{"2130706433", "127.1", "0x7f000001", "127.0.0.1"} {
				fmt.Fprintf(w, "<item><title>%d</title><link>http://%s:%s/p%d</link></item>", i, h, port, i)
			}
			fmt.Fprint(w, "</channel></rss>")
			return
		}
		time.Sleep(30 * time.Millisecond)
		fmt.Fprint(w, htmlPage("p", "<p>page "+r.URL.Path+"</p>"))
	}))
	c, pub, _ := newTestCrawler(t, Config{})
	crawl(t, c, Source{Name: "numeric", Feeds: []string{srv.URL + "/feed"}, Delay: time.Millisecond, Parallelism: 1})
	got := pub.byURL(t)
	if len(got) != 4 {
		t.Fatalf("published %v, want 4 pages", keys(got))
	}
	for u := range got {
		if !strings.HasPrefix(u, srv.URL+"/") {
			t.Errorf("published as %s, want the dotted-quad host %s", u, srv.URL)
		}
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if srv.maxInFlight != 1 {
		t.Errorf("%d requests in flight at once on one host with parallelism 1", srv.maxInFlight)
	}
}

// bigFeed returns an RSS feed of about size bytes whose items carry long
// descriptions and HTML content, as full-text feeds do.
func bigFeed(size int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t</title>`)
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "<item><title>Item %d</title><link>https://x.example/%d</link><pubDate>Mon, 02 Jan 2006 15:04:05 GMT</pubDate>"+
			"<description>%s</description><content:encoded><![CDATA[%s]]></content:encoded></item>",
			i, i, strings.Repeat("desc words ", 50), strings.Repeat(`<p>content <img src="/i.png"> words</p>`, 60))
	}
	b.WriteString("</channel></rss>")
	return []byte(b.String())
}

// TestHostileFeedMemory: a 10 MiB feed is parsed allocating less than
// sixteen times its size (gofeed's default translation, which parses every
// description as HTML, allocated 26 times), and feeds are parsed one at a
// time however many arrive together.
func TestHostileFeedMemory(t *testing.T) {
	body := bigFeed(10 << 20)
	base, _ := url.Parse("https://x.example/")
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	items, err := parseFeed(body, base)
	runtime.ReadMemStats(&after)
	if err != nil || len(items) < 1000 {
		t.Fatalf("%d items, %v", len(items), err)
	}
	if ratio := float64(after.TotalAlloc-before.TotalAlloc) / float64(len(body)); ratio > 16 {
		t.Errorf("parsing a %d-byte feed allocated %.1f times its size", len(body), ratio)
	}

	c, _, _ := newTestCrawler(t, Config{})
	c.feedSlot <- struct{}{} // a feed is being parsed
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := c.parseFeed(ctx, []byte(`<rss version="2.0"><channel></channel></rss>`), base); err == nil {
		t.Error("a second feed was parsed while the first was")
	}
	<-c.feedSlot
	if _, err := c.parseFeed(context.Background(), []byte(`<rss version="2.0"><channel></channel></rss>`), base); err != nil {
		t.Errorf("parsing after the first: %v", err)
	}
}

// TestHostileRetryAfter: a host answering 503 with a Retry-After too large
// for a time.Duration (which wrapped to a negative wait, retried at once)
// is paused, not hammered.
func TestHostileRetryAfter(t *testing.T) {
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed":
			feedOf(w, r, "/busy")
			return
		case "/robots.txt":
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Retry-After", "99999999999")
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	c, pub, _ := newTestCrawler(t, Config{MaxRetries: 5})
	snap := crawl(t, c, Source{Name: "busy", Feeds: []string{srv.URL + "/feed"}, Delay: time.Millisecond})
	if n := srv.count("/busy"); n != 1 || len(pub.all()) != 0 || snap.Failed["host_paused"] != 1 {
		t.Errorf("/busy requested %d times, failures %v; want once, then the host paused", n, snap.Failed)
	}
}

// TestHostileAddresses: IPv6 spellings that reach private IPv4 addresses
// and the special-purpose ranges are refused by the dial-time guard;
// public addresses in every form pass.
func TestHostileAddresses(t *testing.T) {
	tests := []struct {
		addr string
		ok   bool
	}{
		{"[::127.0.0.1]:80", false},            // IPv4-compatible
		{"[::10.0.0.1]:80", false},             // IPv4-compatible
		{"[::ffff:169.254.169.254]:80", false}, // IPv4-mapped metadata service
		{"[::ffff:0:10.0.0.1]:80", false},      // IPv4-translated
		{"[64:ff9b::7f00:1]:80", false},        // NAT64 of 127.0.0.1
		{"[64:ff9b:1::a00:1]:80", false},       // local-use NAT64
		{"[2002:a00:1::1]:80", false},          // 6to4 wrapping 10.0.0.1
		{"[2002:7f00:1::]:80", false},          // 6to4 wrapping 127.0.0.1
		{"[2002:a9fe:a9fe::1]:80", false},      // 6to4 wrapping 169.254.169.254
		{"[2002:5db8:d822::1]:80", true},       // 6to4 wrapping 93.184.216.34
		{"[fec0::1]:80", false},                // site-local
		{"[2001::1]:80", false},                // Teredo
		{"[2001:db8::1]:80", false},            // documentation
		{"[3fff::1]:80", false},                // documentation
		{"[100::1]:80", false},                 // discard-only
		{"192.0.2.1:80", false},                // documentation
		{"198.51.100.7:80", false},             // documentation
		{"203.0.113.9:80", false},              // documentation
		{"192.88.99.1:80", false},              // 6to4 relay anycast
		{"255.255.255.255:80", false},          // broadcast
		{"8.8.8.8:443", true},
		{"[2a00:1450:4001:81c::200e]:443", true},
	}
	for _, tt := range tests {
		if err := checkPublic(tt.addr); (err == nil) != tt.ok {
			t.Errorf("checkPublic(%s) = %v, want ok=%v", tt.addr, err, tt.ok)
		}
	}
}

// laughs declares the "billion laughs" entity: nine levels of ten, a
// gigabyte when expanded.
const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>`

// TestHostileXMLEntities: a feed and a sitemap declaring the billion
// laughs are read without expanding it (it passes today; it must keep
// passing): whatever comes out is small.
func TestHostileXMLEntities(t *testing.T) {
	base, _ := url.Parse("https://x.example/")
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	items, _ := parseFeed([]byte(laughs+`<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><link>https://x.example/a</link></item></channel></rss>`), base)
	sm, _ := parseSitemap([]byte(laughs+`<urlset><url><loc>https://x.example/&lol9;</loc></url></urlset>`), base, 1<<20)
	runtime.ReadMemStats(&after)
	for _, it := range items {
		if len(it.Title) > 100 {
			t.Errorf("feed item title of %d bytes: the entity was expanded", len(it.Title))
		}
	}
	for _, p := range sm.Pages {
		if len(p.Loc) > 200 {
			t.Errorf("sitemap location of %d bytes: the entity was expanded", len(p.Loc))
		}
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 10<<20 {
		t.Errorf("reading the billion laughs allocated %d MiB", n>>20)
	}
}
