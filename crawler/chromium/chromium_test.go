package chromium_test

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/crawler/chromium"
)

// needChromium fails, never skips, without Debian's chromium: the renderer
// is tested in the real browser.
func needChromium(t testing.TB) {
	t.Helper()
	if _, err := chromium.Find(""); err != nil {
		t.Fatalf("%v: the renderer is tested in a real headless browser; install it with apt-get install -y chromium", err)
	}
}

// secretWord appears only in what the page's script writes, never in any
// HTML or script the server sends.
const secretWord = "quillwort"

// site serves a page whose article only its script writes: the HTML is a
// shell, /app.js fetches /story.json and writes it into the page.
type site struct {
	*httptest.Server
	mu       sync.Mutex
	hits     map[string]int
	inFlight atomic.Int64
	maxPages atomic.Int64
}

func newSite(t testing.TB) *site {
	s := &site{hits: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		n := s.inFlight.Add(1)
		defer s.inFlight.Add(-1)
		for {
			m := s.maxPages.Load()
			if n <= m || s.maxPages.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(50 * time.Millisecond)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("ETag", `"shell-1"`)
		fmt.Fprint(w, `<!doctype html><html lang="en"><head><title>Loading…</title>
<script src="/app.js" defer></script></head>
<body><div id="app"></div><img src="/logo.png"></body></html>`)
	})
	mux.HandleFunc("/app.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		// The word is assembled from pieces so it is in no response.
		fmt.Fprint(w, `fetch("/story.json").then(r => r.json()).then(s => {
  document.title = s.title;
  const a = document.createElement("article");
  a.innerHTML = "<h1>" + s.title + "</h1><p>" + s.text + " " + ["quill", "wort"].join("") + ".</p>";
  document.getElementById("app").appendChild(a);
});`)
	})
	mux.HandleFunc("/story.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"title":"Kestrel AI releases Kestrel-13B","text":"Kestrel AI released Kestrel-13B, an open-weight language model, today. The word of the day is"}`)
	})
	mux.HandleFunc("/leave", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><html><body><p>Staying here.</p>
<script>setTimeout(() => { location.href = "/elsewhere"; }, 10); window.open("/popup");</script></body></html>`)
	})
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/article", http.StatusFound) })
	mux.HandleFunc("/data.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"a":1}`)
	})
	mux.HandleFunc("/spin", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><html><body><p>Forever.</p><script>for(;;){}</script></body></html>`)
	})
	mux.HandleFunc("/hog", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><html><body><p>Hungry.</p><script>
const keep = []; for (;;) { keep.push(new Array(1 << 20).fill(Math.random())); }</script></body></html>`)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func newBrowser(t testing.TB, opts chromium.Options) *chromium.Browser {
	t.Helper()
	needChromium(t)
	// A test's zero settings are those of a production browser
	// (internal/config's defaults), with shorter waits.
	if opts.Tabs == 0 {
		opts.Tabs = 2
	}
	if opts.PageTimeout == 0 {
		opts.PageTimeout = 15 * time.Second
	}
	if opts.IdleWait == 0 {
		opts.IdleWait = 3 * time.Second
	}
	if opts.MaxHeapMB == 0 {
		opts.MaxHeapMB = 512
	}
	b := chromium.New(opts)
	t.Cleanup(func() { b.Close() })
	return b
}

func render(t *testing.T, b *chromium.Browser, req crawler.RenderRequest) (*crawler.Rendered, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if req.UserAgent == "" {
		req.UserAgent = "modelwire-test/1.0"
	}
	return b.Render(ctx, req)
}

// TestRenderScriptBuiltPage: the article a script writes is in the
// rendered DOM, images are not loaded, every request is shown to Allow.
func TestRenderScriptBuiltPage(t *testing.T) {
	s := newSite(t)
	b := newBrowser(t, chromium.Options{})
	var mu sync.Mutex
	var asked []string
	res, err := render(t, b, crawler.RenderRequest{URL: s.URL + "/article", Allow: func(u *url.URL, nav bool) error {
		mu.Lock()
		asked = append(asked, fmt.Sprintf("%s nav=%v", u.Path, nav))
		mu.Unlock()
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	html := string(res.HTML)
	if !strings.Contains(html, secretWord) || !strings.Contains(html, "<h1>Kestrel AI releases Kestrel-13B</h1>") {
		t.Errorf("rendered DOM lacks the script's article:\n%s", html)
	}
	if res.Status != 200 || res.URL != s.URL+"/article" || res.Header.Get("ETag") != `"shell-1"` {
		t.Errorf("status %d, URL %s, header %v", res.Status, res.URL, res.Header)
	}
	if n := s.count("/logo.png"); n != 0 {
		t.Errorf("image requested %d times", n)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, want := range []string{"/article nav=true", "/app.js nav=false", "/story.json nav=false"} {
		found := false
		for _, a := range asked {
			found = found || a == want
		}
		if !found {
			t.Errorf("Allow not asked %q; asked %v", want, asked)
		}
	}
}

// TestRenderAllowBlocks: what Allow refuses is not fetched — a script's
// data, or the page itself.
func TestRenderAllowBlocks(t *testing.T) {
	s := newSite(t)
	b := newBrowser(t, chromium.Options{})
	res, err := render(t, b, crawler.RenderRequest{URL: s.URL + "/article", Allow: func(u *url.URL, nav bool) error {
		if u.Path == "/story.json" {
			return crawler.ErrDisallowed
		}
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(res.HTML), secretWord) || s.count("/story.json") != 0 {
		t.Errorf("refused data was fetched")
	}
	_, err = render(t, b, crawler.RenderRequest{URL: s.URL + "/article", Allow: func(u *url.URL, nav bool) error {
		if nav {
			return fmt.Errorf("%s: %w", u, crawler.ErrDisallowed)
		}
		return nil
	}})
	if !errors.Is(err, crawler.ErrDisallowed) {
		t.Errorf("refused page: err = %v, want ErrDisallowed", err)
	}
}

// TestRenderStaysOnThePage: redirects of the document are followed; a
// script navigating away or opening a window gets nowhere.
func TestRenderStaysOnThePage(t *testing.T) {
	s := newSite(t)
	b := newBrowser(t, chromium.Options{IdleWait: 1500 * time.Millisecond})
	res, err := render(t, b, crawler.RenderRequest{URL: s.URL + "/leave"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(res.HTML), "Staying here.") || res.URL != s.URL+"/leave" {
		t.Errorf("URL %s, DOM:\n%s", res.URL, res.HTML)
	}
	if n := s.count("/elsewhere") + s.count("/popup"); n != 0 {
		t.Errorf("the page navigated away or opened a window: %d requests", n)
	}
	res, err = render(t, b, crawler.RenderRequest{URL: s.URL + "/old"})
	if err != nil {
		t.Fatal(err)
	}
	if res.URL != s.URL+"/article" || !strings.Contains(string(res.HTML), secretWord) {
		t.Errorf("redirect: URL %s", res.URL)
	}
}

// TestRenderAddressGuard: the browser connects only where its dialer lets
// it: the page on a refused address fails with ErrPrivateAddress, and a
// script of an allowed page reaches no refused address.
func TestRenderAddressGuard(t *testing.T) {
	needChromium(t)
	s := newSite(t)
	var evilHits atomic.Int64
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		evilHits.Add(1)
		w.Header().Set("Access-Control-Allow-Origin", "*")
		fmt.Fprint(w, "metadata: secret")
	}))
	defer evil.Close()
	_, evilPort, _ := net.SplitHostPort(evil.Listener.Addr().String())
	plain := &net.Dialer{}
	dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		if _, port, _ := net.SplitHostPort(addr); port == evilPort {
			return nil, fmt.Errorf("%w: %s", crawler.ErrPrivateAddress, addr)
		}
		return plain.DialContext(ctx, network, addr)
	}
	page := http.NewServeMux()
	page.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!doctype html><html><body><p id="out">waiting</p><script>
fetch(%q).then(r => r.text()).then(t => { document.getElementById("out").textContent = t; })
  .catch(e => { document.getElementById("out").textContent = "blocked"; });</script></body></html>`, evil.URL+"/latest/meta-data")
	})
	host := httptest.NewServer(page)
	defer host.Close()

	b := newBrowser(t, chromium.Options{Dial: dial, IdleWait: 1500 * time.Millisecond})
	res, err := render(t, b, crawler.RenderRequest{URL: host.URL + "/"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(res.HTML), "secret") || evilHits.Load() != 0 {
		t.Errorf("the script reached the refused address (%d requests):\n%s", evilHits.Load(), res.HTML)
	}
	_, err = render(t, b, crawler.RenderRequest{URL: evil.URL + "/"})
	if !errors.Is(err, crawler.ErrPrivateAddress) {
		t.Errorf("page on a refused address: err = %v, want ErrPrivateAddress", err)
	}

	// The crawler's own guard refuses loopback.
	guarded := newBrowser(t, chromium.Options{Dial: crawler.GuardedDialer(crawler.Config{}).DialContext})
	if _, err := render(t, guarded, crawler.RenderRequest{URL: s.URL + "/article"}); !errors.Is(err, crawler.ErrPrivateAddress) {
		t.Errorf("loopback page through the crawler's guard: err = %v, want ErrPrivateAddress", err)
	}
	if n := s.count("/article"); n != 0 {
		t.Errorf("loopback page requested %d times", n)
	}
}

// TestRenderLimits: a page that never finishes loading runs out of time, a
// page that eats memory crashes its tab; the browser goes on.
func TestRenderLimits(t *testing.T) {
	s := newSite(t)
	b := newBrowser(t, chromium.Options{PageTimeout: 3 * time.Second, MaxHeapMB: 64})
	start := time.Now()
	_, err := render(t, b, crawler.RenderRequest{URL: s.URL + "/spin"})
	if !errors.Is(err, crawler.ErrRender) {
		t.Errorf("endless script: err = %v, want ErrRender", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("endless script took %v, limit 3s", d)
	}
	_, err = render(t, b, crawler.RenderRequest{URL: s.URL + "/hog"})
	if !errors.Is(err, crawler.ErrRender) {
		t.Errorf("memory hog: err = %v, want ErrRender", err)
	}
	res, err := render(t, b, crawler.RenderRequest{URL: s.URL + "/article"})
	if err != nil || !strings.Contains(string(res.HTML), secretWord) {
		t.Errorf("after the failures: err = %v", err)
	}
	_, err = render(t, b, crawler.RenderRequest{URL: s.URL + "/article", MaxBytes: 100})
	if !errors.Is(err, crawler.ErrTooLarge) {
		t.Errorf("document over MaxBytes: err = %v, want ErrTooLarge", err)
	}
	_, err = render(t, b, crawler.RenderRequest{URL: s.URL + "/data.json"})
	if !errors.Is(err, crawler.ErrNotHTML) {
		t.Errorf("JSON document: err = %v, want ErrNotHTML", err)
	}
}

// TestRenderTabsAndRestart: no more pages render at once than Tabs; a
// browser that dies is started again.
func TestRenderTabsAndRestart(t *testing.T) {
	s := newSite(t)
	b := newBrowser(t, chromium.Options{Tabs: 2, IdleWait: time.Second})
	var wg sync.WaitGroup
	errs := make(chan error, 5)
	for range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			_, err := b.Render(ctx, crawler.RenderRequest{URL: s.URL + "/article"})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if m := s.maxPages.Load(); m > 2 {
		t.Errorf("%d pages loading at once, want ≤ 2 tabs", m)
	}
	mem, err := b.Memory()
	if err != nil || mem < 10<<20 {
		t.Errorf("browser memory %d, %v", mem, err)
	}
	if err := chromium.KillBrowser(b); err != nil {
		t.Fatal(err)
	}
	if res, err := render(t, b, crawler.RenderRequest{URL: s.URL + "/article"}); err != nil || !strings.Contains(string(res.HTML), secretWord) {
		t.Errorf("after the browser died: %v", err)
	}
}

func TestRenderWithoutChromium(t *testing.T) {
	b := chromium.New(chromium.Options{Path: "/nonexistent/chromium"})
	defer b.Close()
	_, err := b.Render(context.Background(), crawler.RenderRequest{URL: "http://127.0.0.1:1/"})
	if !errors.Is(err, crawler.ErrNoBrowser) || !strings.Contains(err.Error(), "/nonexistent/chromium") {
		t.Errorf("err = %v, want ErrNoBrowser naming the path", err)
	}
	if _, err := chromium.Find("/nonexistent/chromium"); !errors.Is(err, crawler.ErrNoBrowser) {
		t.Errorf("Find: %v", err)
	}
	if _, err := exec.LookPath("chromium"); err == nil {
		if p, err := chromium.Find(""); err != nil || p == "" {
			t.Errorf("Find(\"\") = %q, %v with chromium on PATH", p, err)
		}
	}
}

// TestRenderCapturesTheDocument: what the server sent for the document is
// returned with the DOM, for the archive — each redirect, then the answer
// with its body (decoded, the headers saying so) — and a document handed
// over by the crawler is rendered without being fetched again.
func TestRenderCapturesTheDocument(t *testing.T) {
	s := newSite(t)
	b := newBrowser(t, chromium.Options{})
	res, err := render(t, b, crawler.RenderRequest{URL: s.URL + "/old"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Exchanges) != 2 {
		t.Fatalf("%d exchanges captured, want the redirect and the answer: %+v", len(res.Exchanges), res.Exchanges)
	}
	hop, doc := res.Exchanges[0], res.Exchanges[1]
	if hop.Method != "GET" || hop.URL != s.URL+"/old" || hop.Status != http.StatusFound || hop.ResponseHeader.Get("Location") != "/article" || !hop.Truncated {
		t.Errorf("redirect: %s %s → %d %v truncated %v", hop.Method, hop.URL, hop.Status, hop.ResponseHeader, hop.Truncated)
	}
	if doc.URL != s.URL+"/article" || doc.Status != 200 || doc.StatusText != "200 OK" || doc.Truncated ||
		doc.ResponseHeader.Get("ETag") != `"shell-1"` || doc.RequestHeader.Get("User-Agent") != "modelwire-test/1.0" {
		t.Errorf("answer: %s %d %q truncated %v, response %v, request %v", doc.URL, doc.Status, doc.StatusText, doc.Truncated, doc.ResponseHeader, doc.RequestHeader)
	}
	if body := string(doc.Body); !strings.Contains(body, `<div id="app"></div>`) || strings.Contains(body, secretWord) {
		t.Errorf("captured body is not what the server sent:\n%s", body)
	}
	if cl := doc.ResponseHeader.Get("Content-Length"); cl != strconv.Itoa(len(doc.Body)) || doc.At.IsZero() {
		t.Errorf("Content-Length %s for %d bytes, at %v", cl, len(doc.Body), doc.At)
	}
	if !strings.Contains(string(res.HTML), secretWord) {
		t.Errorf("DOM lacks the script's article:\n%s", res.HTML)
	}

	// A gzip-encoded answer is captured decoded, the header saying so.
	gz := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		fmt.Fprint(zw, `<!doctype html><html><body><p id="p">compressed</p><script>document.getElementById("p").textContent += " and " + ["quill", "wort"].join("")</script></body></html>`)
		zw.Close()
	}))
	defer gz.Close()
	res, err = render(t, b, crawler.RenderRequest{URL: gz.URL + "/"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Exchanges) != 1 || res.Exchanges[0].ResponseHeader.Get("Content-Encoding") != "" ||
		!strings.Contains(string(res.Exchanges[0].Body), "<p id=\"p\">compressed</p>") || !strings.Contains(string(res.HTML), "compressed and "+secretWord) {
		t.Errorf("gzip answer: %+v\nDOM %s", res.Exchanges, res.HTML)
	}

	before := s.count("/article")
	shell := `<!doctype html><html><head><title>Loading…</title><script src="/app.js" defer></script></head><body><div id="app"></div></body></html>`
	res, err = render(t, b, crawler.RenderRequest{URL: s.URL + "/article", Document: &crawler.Document{Status: 200,
		Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}, "Content-Encoding": {"gzip"}, "Etag": {`"given"`}}, Body: []byte(shell)}})
	if err != nil {
		t.Fatal(err)
	}
	if n := s.count("/article") - before; n != 0 {
		t.Errorf("the handed-over document was fetched %d times", n)
	}
	if !strings.Contains(string(res.HTML), secretWord) || res.Header.Get("ETag") != `"given"` || res.Status != 200 || len(res.Exchanges) != 0 {
		t.Errorf("handed-over document: status %d, header %v, %d exchanges, DOM:\n%s", res.Status, res.Header, len(res.Exchanges), res.HTML)
	}
}
