package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/modelwire/modelwire/internal/bus"
	"github.com/modelwire/modelwire/internal/testsite"
	"github.com/modelwire/modelwire/internal/waittest"
)

// The hostile suite, end to end through the binary's commands: each test
// plays one attack of the list on loopback and asserts the safe
// outcome (run them all with -run Hostile in every package).

// serveOn starts an httptest server listening on addr ("127.0.0.2:0": a
// second loopback host, so two test sites are two sites).
func serveOn(t *testing.T, addr string, h http.Handler) *httptest.Server {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("listening on %s: %v", addr, err)
	}
	s := httptest.NewUnstartedServer(h)
	s.Listener.Close()
	s.Listener = ln
	s.Start()
	t.Cleanup(s.Close)
	return s
}

// feedHandler serves /feed.xml listing paths and answers the paths from
// pages; robots.txt is absent.
func feedHandler(pages map[string]func(host string) string, hits *atomic.Int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed.xml" {
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, `<rss version="2.0"><channel><title>t</title>`)
			for p := range pages {
				fmt.Fprintf(w, "<item><title>%s</title><link>http://%s%s</link></item>", p, r.Host, p)
			}
			fmt.Fprint(w, "</channel></rss>")
			return
		}
		page, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if hits != nil {
			hits.Add(1)
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page(r.Host))
	})
}

func articleOf(title, body string) testsite.Article {
	return testsite.Article{Path: "/article", Title: title, Lang: "en", Published: time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC),
		Body: []string{body, "It is the second paragraph of the article, long enough for the extractor to take the page for an article."}}
}

// TestHostileCanonicalHijackE2E: a page on another host declares a victim
// article as its canonical URL. The victim stays indexed and fetched under
// its own URL, with its own text; the hijacker's text is found under the
// hijacker's URL only.
func TestHostileCanonicalHijackE2E(t *testing.T) {
	var victimHits atomic.Int64
	victim := serveOn(t, "127.0.0.1:0", feedHandler(map[string]func(string) string{
		"/article": func(host string) string {
			return testsite.Render(articleOf("Genuine report", "The genuine report names the keyword victimword in its text."), "http://"+host)
		},
	}, &victimHits))
	attacker := serveOn(t, "127.0.0.2:0", feedHandler(map[string]func(string) string{
		"/evil": func(string) string {
			// Rendered for the victim's address: its canonical is the victim article.
			return testsite.Render(articleOf("Hijacked report", "The forged report names the keyword hijackword in its text."), victim.URL)
		},
	}, nil))
	dir := t.TempDir()
	attackerOnly := writeConfig(t, dir, fmt.Sprintf("  - name: attacker\n    feeds: [%s/feed.xml]\n    delay: 1ms\n", attacker.URL))
	if _, errOut, code := run(t, "run", "--once", "--config", attackerOnly); code != 0 {
		t.Fatalf("run --once: exit %d\n%s", code, errOut)
	}
	both := writeConfig(t, dir, fmt.Sprintf("  - name: attacker\n    feeds: [%s/feed.xml]\n    delay: 1ms\n  - name: victim\n    feeds: [%s/feed.xml]\n    delay: 1ms\n",
		attacker.URL, victim.URL))
	if _, errOut, code := run(t, "run", "--once", "--config", both); code != 0 {
		t.Fatalf("run --once: exit %d\n%s", code, errOut)
	}

	res := searchJSON(t, both, "victimword")
	if res.Total != 1 || res.Hits[0].URL != victim.URL+"/article" || res.Hits[0].Title != "Genuine report" {
		t.Errorf("victim search: %+v; want the genuine article at %s/article", res.Hits, victim.URL)
	}
	res = searchJSON(t, both, "hijackword")
	if res.Total != 1 || res.Hits[0].URL != attacker.URL+"/evil" {
		t.Errorf("hijacker search: %+v; want it under its own URL only", res.Hits)
	}
	if n := victimHits.Load(); n < 2 { // the hijacker's claim checked, then the victim fetched in its own right
		t.Errorf("victim article requested %d times, want it fetched in its own right", n)
	}
}

// TestHostilePageTooLargeForNATS: a page whose text is 3 MB of "<" —
// an article over the max payload once JSON escapes it six-fold. run
// --once ends, with the page indexed with its text cut.
func TestHostilePageTooLargeForNATS(t *testing.T) {
	site := serveOn(t, "127.0.0.1:0", feedHandler(map[string]func(string) string{
		"/lt": func(string) string {
			return "<html><head><title>Angle brackets</title></head><body><p>" + strings.Repeat("<", 3<<20) + "</p></body></html>"
		},
	}, nil))
	cfg := writeConfig(t, t.TempDir(), fmt.Sprintf("  - name: lt\n    feeds: [%s/feed.xml]\n    delay: 1ms\n", site.URL))
	ctx := context.Background()
	if d, ok := t.Deadline(); ok { // the test's own deadline: it must end, however long it takes
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, d.Add(-5*time.Second))
		defer cancel()
	}
	var out, errOut bytes.Buffer
	code := executeContext(ctx, []string{"run", "--once", "--config", cfg}, &out, &errOut)
	if ctx.Err() != nil {
		t.Fatalf("run --once did not end:\n%s", errOut.String())
	}
	if code != 0 || !strings.Contains(errOut.String(), "article text cut to fit one message") {
		t.Fatalf("run --once: exit %d\n%s", code, errOut.String())
	}
	res := searchJSON(t, cfg)
	if res.Total != 1 || res.Hits[0].URL != site.URL+"/lt" {
		t.Errorf("indexed %+v, want the page", res.Hits)
	}
}

// TestHostileTerminalEscapes: a page title carrying terminal escape
// sequences (OSC to retitle the window, CSI to clear the screen, an 8-bit
// CSI) is indexed; `search` prints no escape byte, neither as a table nor
// as JSON.
func TestHostileTerminalEscapes(t *testing.T) {
	const evil = "Model \x1b]0;pwned\x07released\x1b[2J\u009b31m now"
	site := serveOn(t, "127.0.0.1:0", feedHandler(map[string]func(string) string{
		"/article": func(string) string {
			return "<html><head><title>" + evil + "</title></head><body><article><h1>" + evil + "</h1>" +
				"<p>An article with the keyword escapeword, and a first paragraph long enough to read as one.</p>" +
				"<p>It is the second paragraph of the article, long enough for the extractor to take the page for an article.</p></article></body></html>"
		},
	}, nil))
	cfg := writeConfig(t, t.TempDir(), fmt.Sprintf("  - name: esc\n    feeds: [%s/feed.xml]\n    delay: 1ms\n", site.URL))
	if _, errOut, code := run(t, "run", "--once", "--config", cfg); code != 0 {
		t.Fatalf("run --once: exit %d\n%s", code, errOut)
	}
	res := searchJSON(t, cfg, "escapeword")
	if res.Total != 1 || !strings.Contains(res.Hits[0].Title, "\x1b") {
		t.Fatalf("the hostile title was not stored as it came (%+v): the test would prove nothing", res.Hits)
	}
	for _, args := range [][]string{{"search", "--config", cfg, "escapeword"}, {"search", "--json", "--config", cfg, "escapeword"}} {
		out, errOut, code := run(t, args...)
		if code != 0 || !strings.Contains(out, "pwned") {
			t.Fatalf("%v: exit %d %s %s", args, code, out, errOut)
		}
		if i := strings.IndexAny(out, "\x1b\x07\u009b"); i >= 0 {
			t.Errorf("%v printed a control character at %d: %q", args, i, out)
		}
	}
	if _, errOut, code := run(t, "search", "--config", cfg, "--since", "1600-01-01"); code != 1 || !strings.Contains(errOut, "outside") {
		t.Errorf("search --since 1600-01-01: exit %d %q; want a clear refusal", code, errOut)
	}
}

// TestHostileEmbeddedNATS: the embedded server listens on a port only with
// a password, generated into the data directory for its owner alone; a
// client without it cannot connect, let alone publish a release event.
func TestHostileEmbeddedNATS(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	cfg := filepath.Join(dir, "modelwire.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("data_dir: %s\nnats:\n  listen: 127.0.0.1:0\nhttp:\n  addr: \"\"\n", data)), 0o644)
	mw := start(t, "run", "--config", cfg)
	waittest.Eventually(t, 10*time.Second, "modelwire running", func() bool { return strings.Contains(mw.stderr.String(), "modelwire running") })
	b, _ := os.ReadFile(filepath.Join(data, "nats.url"))
	url := strings.TrimSpace(string(b))
	pw, _ := os.ReadFile(bus.PasswordFile(data))
	if st, err := os.Stat(bus.PasswordFile(data)); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("password file: %v %v; want mode 0600", st, err)
	}
	if strings.Contains(url, strings.TrimSpace(string(pw))) {
		t.Errorf("DATA/nats.url carries the password: %s", url)
	}

	for name, opts := range map[string][]nats.Option{
		"anonymous":      nil,
		"wrong password": {nats.UserInfo(bus.EmbeddedUser, "guess")},
	} {
		nc, err := nats.Connect(url, append(opts, nats.MaxReconnects(0))...)
		if err == nil {
			err = nc.Publish("mw.releases.evil.forged", []byte(`{"kind":"release","key":"evil.forged","vendor":"evil","model":"forged"}`))
			nc.Close()
			t.Errorf("%s: connected (publish: %v)", name, err)
		} else if !errors.Is(err, nats.ErrAuthorization) {
			t.Errorf("%s: %v, want an authorization error", name, err)
		}
	}
	if _, errOut, code := run(t, "watch", "--nats", url, "--data", t.TempDir(), "--count", "1"); code == 0 || !strings.Contains(errOut, "Authorization") {
		t.Errorf("watch without the password: exit %d %s", code, errOut)
	}
	nc, err := nats.Connect(url, nats.UserInfo(bus.EmbeddedUser, strings.TrimSpace(string(pw))))
	if err != nil {
		t.Fatalf("with the data directory's password: %v", err)
	}
	nc.Close()
	if code := mw.stop(t); code != 0 {
		t.Errorf("run exited %d:\n%s", code, mw.stderr.String())
	}
}

// TestHostileWebhookSecrets: a webhook whose URL carries its secret in
// the user info, path and query fails to deliver; neither the log nor
// `config check` shows any part of the secret.
func TestHostileWebhookSecrets(t *testing.T) {
	site := testsite.New(testsite.Options{})
	defer site.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	hook := "http://hook:SECRET-PW@" + closed + "/services/SECRET-PATH?token=SECRET-QUERY"
	dir := t.TempDir()
	cfg := filepath.Join(dir, "modelwire.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`data_dir: %s
nats:
  listen: ""
  url: ""
http:
  addr: ""
crawler:
  allow_private_networks: true
notify:
  webhooks:
    - url: %s
      timeout: 1s
sources:
  - name: aiwire
    feeds: [%s/feed.xml]
    delay: 1ms
`, filepath.Join(dir, "data"), hook, site.URL)), 0o644)
	out, errOut, code := run(t, "config", "check", "--config", cfg)
	if code != 0 {
		t.Fatalf("config check: exit %d %s", code, errOut)
	}
	mw := start(t, "run", "--config", cfg)
	waittest.Eventually(t, 10*time.Second, "a failed webhook delivery", func() bool { return strings.Contains(mw.stderr.String(), "webhook delivery failed") })
	mw.stop(t)
	for _, s := range []string{"SECRET-PW", "SECRET-PATH", "SECRET-QUERY"} {
		if strings.Contains(out, s) {
			t.Errorf("config check shows %s:\n%s", s, out)
		}
		if strings.Contains(mw.stderr.String(), s) {
			t.Errorf("the log shows %s:\n%s", s, mw.stderr.String())
		}
	}
}
