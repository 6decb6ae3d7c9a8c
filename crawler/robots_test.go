package crawler

import (
	"context"
	"errors"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestParseRobots(t *testing.T) {
	const ua = "modelwire-test/1.0 (+https://example.com)"
	const file = `# comment
User-agent: *
Disallow: /private/
Allow: /private/open.html
Disallow: /*?session=
Crawl-delay: 2

User-agent: modelwire-test
Disallow: /not-for-us/
Crawl-delay: 0.25

Sitemap: https://site.example/sitemap.xml
Sitemap: https://site.example/news.xml
`
	tests := []struct {
		name      string
		status    int
		body      string
		ua        string
		allowed   []string
		forbidden []string
		delay     time.Duration
		sitemaps  int
	}{
		{
			name: "our group wins over *", status: 200, body: file, ua: ua,
			allowed:   []string{"/", "/private/x.html", "/news/1.html"},
			forbidden: []string{"/not-for-us/", "/not-for-us/a.html"},
			delay:     250 * time.Millisecond, sitemaps: 2,
		},
		{
			name: "other agents get *", status: 200, body: file, ua: "otherbot/2.0",
			allowed:   []string{"/", "/private/open.html", "/a?x=1"},
			forbidden: []string{"/private/x.html", "/a?session=1"},
			delay:     2 * time.Second, sitemaps: 2,
		},
		{name: "404 allows all", status: 404, body: "", ua: ua, allowed: []string{"/", "/private/"}},
		{name: "403 allows all", status: 403, body: "Disallow: /", ua: ua, allowed: []string{"/"}},
		{name: "5xx forbids all", status: 503, body: "", ua: ua, forbidden: []string{"/", "/news/1.html"}},
		{name: "empty file allows all", status: 200, body: "\n", ua: ua, allowed: []string{"/x"}},
		{
			name: "rules before any group are dropped, not fatal", status: 200, ua: ua,
			body:      "Disallow: /everything\nUser-agent: *\nDisallow: /private/\nCrawl-delay: soon\n",
			allowed:   []string{"/everything", "/news/"},
			forbidden: []string{"/private/a"},
		},
		{
			name: "disallow all", status: 200, ua: ua, body: "User-agent: *\nDisallow: /\n",
			forbidden: []string{"/", "/a/b"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := parseRobots(tt.status, []byte(tt.body), tt.ua)
			for _, p := range tt.allowed {
				if !r.allowed(mustURL(t, "https://site.example"+p)) {
					t.Errorf("%s forbidden, want allowed", p)
				}
			}
			for _, p := range tt.forbidden {
				if r.allowed(mustURL(t, "https://site.example"+p)) {
					t.Errorf("%s allowed, want forbidden", p)
				}
			}
			if r.crawlDelay != tt.delay {
				t.Errorf("crawl delay = %v, want %v", r.crawlDelay, tt.delay)
			}
			if len(r.sitemaps) != tt.sitemaps {
				t.Errorf("sitemaps = %q, want %d", r.sitemaps, tt.sitemaps)
			}
		})
	}
}

func TestAgentToken(t *testing.T) {
	for in, want := range map[string]string{
		"modelwire/0.1 (+https://github.com/modelwire/modelwire)": "modelwire",
		"ModelWire":            "modelwire",
		"modelwire-test/1.0":   "modelwire-test",
		"  Mozilla/5.0 (X11) ": "mozilla",
	} {
		if got := agentToken(in); got != want {
			t.Errorf("agentToken(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRobotsCacheFetchesOnce(t *testing.T) {
	c := newRobotsCache(time.Hour)
	var calls atomic.Int32
	fetch := func(context.Context) (*robots, error) {
		calls.Add(1)
		time.Sleep(10 * time.Millisecond)
		return parseRobots(200, []byte("User-agent: *\nDisallow: /x\n"), "a"), nil
	}
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := c.get(context.Background(), "https://site.example", fetch)
			if err != nil || r.allowed(mustURL(t, "https://site.example/x")) {
				t.Errorf("get = %v, %v", r, err)
			}
		}()
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("fetched %d times, want once", n)
	}
	// A failure is kept only briefly; a cancelled fetch not at all.
	boom := errors.New("boom")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.get(ctx, "https://other.example", func(ctx context.Context) (*robots, error) { return nil, ctx.Err() }); err == nil {
		t.Fatal("cancelled fetch returned no error")
	}
	if _, err := c.get(context.Background(), "https://other.example", func(context.Context) (*robots, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom (the cancelled fetch must not be cached)", err)
	}
}

func FuzzParseRobots(f *testing.F) {
	f.Add(200, []byte("User-agent: *\nDisallow: /private/\nCrawl-delay: 1.5\nSitemap: /s.xml\n"))
	f.Add(200, []byte("Disallow: /\nuser-agent modelwire\nallow:\n"))
	f.Add(503, []byte{})
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 100 || status > 599 {
			return
		}
		r := parseRobots(status, body, "modelwire/1.0")
		if r == nil || r.data == nil {
			t.Fatal("nil rules")
		}
		r.allowed(&url.URL{Scheme: "https", Host: "site.example", Path: "/a"})
		if status >= 500 && r.allowed(&url.URL{Scheme: "https", Host: "site.example", Path: "/"}) {
			t.Fatal("a 5xx robots.txt must forbid everything")
		}
	})
}

func mustURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
