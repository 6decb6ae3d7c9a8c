package crawler

import (
	"bytes"
	"compress/gzip"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/waittest"
)

const testUA = "modelwire-test/1.0"

// pages records what the crawler published.
type pages struct {
	mu sync.Mutex
	ps []event.Page
}

func (p *pages) Publish(_ context.Context, pg event.Page) error {
	p.mu.Lock()
	p.ps = append(p.ps, pg)
	p.mu.Unlock()
	return nil
}

func (p *pages) all() []event.Page {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]event.Page(nil), p.ps...)
}

// byURL returns the published pages by URL, failing on a URL published twice.
func (p *pages) byURL(t *testing.T) map[string]event.Page {
	t.Helper()
	m := map[string]event.Page{}
	for _, pg := range p.all() {
		if _, dup := m[pg.URL]; dup {
			t.Errorf("%s published twice", pg.URL)
		}
		m[pg.URL] = pg
	}
	return m
}

// body returns a published page's decompressed body.
func body(t *testing.T, pg event.Page) string {
	t.Helper()
	b, err := event.Decompress(pg.Body, 0)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// newTestCrawler returns a crawler for loopback test servers with fast
// retries, and its publisher and log.
func newTestCrawler(t *testing.T, cfg Config, opts ...Option) (*Crawler, *pages, *waittest.Buffer) {
	t.Helper()
	setDefault(&cfg.Timeout, 5*time.Second) // quicker than production where a test would only wait
	setDefault(&cfg.RetryBackoff, 10*time.Millisecond)
	cfg = testConfig(cfg)
	pub := &pages{}
	logs := &waittest.Buffer{}
	opts = append([]Option{WithLogger(slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))}, opts...)
	return New(cfg, pub, opts...), pub, logs
}

// testConfig returns cfg for the test User-Agent on loopback sites, the
// settings it leaves zero those of a production crawl: internal/config's
// defaults, which this package's tests cannot import (it imports crawler).
func testConfig(cfg Config) Config {
	cfg.UserAgent = testUA
	cfg.AllowPrivateNetworks = true
	setDefault(&cfg.Timeout, 30*time.Second)
	setDefault(&cfg.MaxBodyBytes, 10<<20)
	setDefault(&cfg.MaxRedirects, 10)
	setDefault(&cfg.RecrawlAfter, 24*time.Hour)
	setDefault(&cfg.MaxCrawlDelay, 10*time.Second)
	setDefault(&cfg.MaxRetries, 2)
	return cfg
}

// setDefault sets *v to d if it is zero.
func setDefault[T comparable](v *T, d T) {
	var zero T
	if *v == zero {
		*v = d
	}
}

// crawl runs one pass and fails the test on an error.
func crawl(t *testing.T, c *Crawler, src Source) Snapshot {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	st, err := c.Crawl(ctx, src)
	if err != nil {
		t.Fatalf("crawl %s: %v", src.Name, err)
	}
	return st.Snapshot()
}

// hit is one request a test server saw.
type hit struct {
	path   string
	ua     string
	at     time.Time
	status int
	cond   bool
}

// server is an httptest server with a request log and an in-flight gauge.
type server struct {
	*httptest.Server
	mu          sync.Mutex
	hits        []hit
	inFlight    int
	maxInFlight int
}

func newServer(t *testing.T, h http.Handler) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.inFlight++
		s.maxInFlight = max(s.maxInFlight, s.inFlight)
		i := len(s.hits)
		s.hits = append(s.hits, hit{path: r.URL.RequestURI(), ua: r.UserAgent(), at: time.Now(),
			cond: r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != ""})
		s.mu.Unlock()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(sw, r)
		s.mu.Lock()
		s.inFlight--
		s.hits[i].status = sw.status
		s.mu.Unlock()
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) log() []hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]hit(nil), s.hits...)
}

// count returns how often path was requested.
func (s *server) count(path string) int {
	n := 0
	for _, h := range s.log() {
		if h.path == path {
			n++
		}
	}
	return n
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func htmlPage(title, body string) string {
	return "<!doctype html><html><head><title>" + title + "</title></head><body>" + body + "</body></html>"
}

func hasLine(logs, want string) bool {
	for _, l := range strings.Split(logs, "\n") {
		if strings.Contains(l, want) {
			return true
		}
	}
	return false
}

func gzipBytes(s string) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.Bytes()
}
