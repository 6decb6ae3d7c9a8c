package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/testsite"
	"github.com/modelwire/modelwire/internal/waittest"
	"github.com/modelwire/modelwire/internal/webhook"
)

// freeAddr returns a loopback address with a port that was free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// background runs a long-running command until the test stops it.
type background struct {
	stdout, stderr waittest.Buffer
	cancel         context.CancelFunc
	done           chan int
}

func start(t *testing.T, args ...string) *background {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	b := &background{cancel: cancel, done: make(chan int, 1)}
	go func() { b.done <- executeContext(ctx, args, &b.stdout, &b.stderr) }()
	t.Cleanup(func() { b.stop(t) })
	return b
}

// stop cancels the command and returns its exit code.
func (b *background) stop(t *testing.T) int {
	t.Helper()
	b.cancel()
	select {
	case code, ok := <-b.done:
		if ok {
			close(b.done)
			return code
		}
		return 0
	case <-time.After(15 * time.Second):
		t.Fatalf("command did not stop within 15s\n%s", b.stderr.String())
		return -1
	}
}

func httpGet(t *testing.T, url string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		return 0, nil
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, body
}

// TestRunServesUsers is the "done when", as a new user would try
// it: a long-running `modelwire run` with nats.listen and http.addr set
// crawls a loopback news site; watch prints release events; the API, the
// SSE stream, the page and a webhook all answer.
func TestRunServesUsers(t *testing.T) {
	site := testsite.New(testsite.Options{})
	defer site.Close()
	var (
		hookMu   sync.Mutex
		hookGot  []string
		hookSigs []bool
	)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ev, err := event.DecodeReleaseEvent(body)
		hookMu.Lock()
		defer hookMu.Unlock()
		if err == nil {
			hookGot = append(hookGot, ev.Model)
			hookSigs = append(hookSigs, webhook.VerifySignature("hook-secret",
				r.Header.Get(webhook.HeaderSignature), r.Header.Get(webhook.HeaderDelivery), body, time.Now(), 0) == nil)
		}
	}))
	defer hook.Close()

	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	addr := freeAddr(t)
	base := "http://" + addr
	cfg := filepath.Join(dir, "modelwire.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`data_dir: %s
nats:
  listen: 127.0.0.1:0
http:
  addr: %s
crawler:
  allow_private_networks: true
  timeout: 5s
notify:
  webhooks:
    - url: %s/hook
      vendors: [deepseek]
      secret: hook-secret
sources:
  - name: aiwire
    feeds: [%s/feed.xml]
    delay: 1ms
    parallelism: 4
`, data, addr, hook.URL, site.URL)), 0o644)

	mw := start(t, "run", "--config", cfg)
	waittest.Eventually(t, 10*time.Second, "DATA/nats.url", func() bool { _, err := os.Stat(filepath.Join(data, "nats.url")); return err == nil })
	waittest.Eventually(t, 10*time.Second, "/readyz", func() bool { code, _ := httpGet(t, base+"/readyz"); return code == 200 })
	waittest.Eventually(t, 10*time.Second, "the crawl to be searchable", func() bool {
		code, body := httpGet(t, base+"/api/search?limit=50")
		var res indexer.Result
		return code == 200 && json.Unmarshal(body, &res) == nil && res.Total == len(site.Articles)
	})

	// Release events come from the extractor's analyzer, one per release
	// the site's handcrafted articles announce.
	b, _ := os.ReadFile(filepath.Join(data, "nats.url"))
	natsURL := strings.TrimSpace(string(b))
	wantReleases := []string{"DeepSeek-V3", "EXAONE 4.0", "GLM-4.5", "Kimi K2", "Qwen2.5-Max", "Step-Audio 2"}
	models := func(evs []string) []string {
		var out []string
		for _, l := range evs {
			ev, err := event.DecodeReleaseEvent([]byte(l))
			if err != nil || ev.Kind != event.KindRelease {
				t.Errorf("not a release event: %s (%v)", l, err)
				continue
			}
			out = append(out, ev.Model)
		}
		slices.Sort(out)
		return out
	}

	t.Run("watch --json --nats URL --since all", func(t *testing.T) {
		// The password is in the data directory (DATA/nats.password).
		out, errOut, code := run(t, "watch", "--json", "--nats", natsURL, "--data", data, "--since", "all", "--count", strconv.Itoa(len(wantReleases)))
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if got := models(strings.Split(strings.TrimSpace(out), "\n")); !slices.Equal(got, wantReleases) {
			t.Errorf("watch printed releases %q, want %q", got, wantReleases)
		}
	})
	t.Run("watch --data DIR --vendor alibaba, readable lines", func(t *testing.T) {
		out, errOut, code := run(t, "watch", "--data", data, "--vendor", "alibaba", "--since", "1h", "--count", "1")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if !strings.Contains(out, "release") || !strings.Contains(out, "alibaba/Qwen2.5-Max") || !strings.Contains(out, "阿里巴巴发布通义千问Qwen2.5-Max") || strings.Contains(out, "DeepSeek") {
			t.Errorf("output:\n%s", out)
		}
	})
	t.Run("/api/releases", func(t *testing.T) {
		var recs []indexer.ReleaseRecord
		waittest.Eventually(t, 10*time.Second, "a release record per release", func() bool {
			code, body := httpGet(t, base+"/api/releases")
			return code == 200 && json.Unmarshal(body, &recs) == nil && len(recs) == len(wantReleases)
		})
		code, body := httpGet(t, base+"/api/releases?vendor=deepseek")
		if code != 200 || !strings.Contains(string(body), `"model":"DeepSeek-V3"`) || strings.Contains(string(body), "Qwen") {
			t.Errorf("%d %s", code, body)
		}
	})
	t.Run("/api/search", func(t *testing.T) {
		code, body := httpGet(t, base+"/api/search?q=zebrafinch")
		var res indexer.Result
		if code != 200 || json.Unmarshal(body, &res) != nil || res.Total != 1 || !strings.Contains(res.Hits[0].Snippet, "<mark>") {
			t.Errorf("%d %s", code, body)
		}
	})
	t.Run("SSE stream", func(t *testing.T) {
		resp, err := http.Get(base + "/api/releases/stream?since=all")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var data []string
		for len(data) < len(wantReleases) && sc.Scan() {
			if line, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				data = append(data, line)
			}
		}
		if got := models(data); !slices.Equal(got, wantReleases) {
			t.Errorf("stream delivered releases %q, want %q", got, wantReleases)
		}
	})
	t.Run("bad limit", func(t *testing.T) {
		code, body := httpGet(t, base+"/api/search?limit=1000")
		var e struct{ Error, Param string }
		if code != 400 || json.Unmarshal(body, &e) != nil || e.Param != "limit" {
			t.Errorf("%d %s", code, body)
		}
	})
	t.Run("search page", func(t *testing.T) {
		code, body := httpGet(t, base+"/?q=DeepSeek")
		if code != 200 || !strings.Contains(string(body), `<form id="search"`) || !strings.Contains(string(body), "DeepSeek releases DeepSeek-V3") {
			t.Errorf("%d %s", code, body)
		}
	})
	t.Run("webhook got the deepseek release, signed", func(t *testing.T) {
		waittest.Eventually(t, 10*time.Second, "the webhook delivery", func() bool { hookMu.Lock(); defer hookMu.Unlock(); return len(hookGot) >= 1 })
		hookMu.Lock()
		defer hookMu.Unlock()
		if len(hookGot) != 1 || hookGot[0] != "DeepSeek-V3" || !hookSigs[0] {
			t.Errorf("webhook got %v, signatures valid %v", hookGot, hookSigs)
		}
		_, metrics := httpGet(t, base+"/metrics")
		if !strings.Contains(string(metrics), `modelwire_webhook_deliveries_total{outcome="ok"`) || !strings.Contains(string(metrics), "go_goroutines") {
			t.Errorf("metrics lack webhook deliveries or Go runtime metrics")
		}
	})
	t.Run("serve cannot open an index that run holds", func(t *testing.T) {
		_, errOut, code := run(t, "serve", "--data", data, "--addr", freeAddr(t))
		if code == 0 || !strings.Contains(errOut, "in use") || !strings.Contains(errOut, "serve on its own is for Elasticsearch") {
			t.Errorf("exit %d: %s", code, errOut)
		}
	})

	if code := mw.stop(t); code != 0 {
		t.Fatalf("run exited %d\n%s", code, mw.stderr.String())
	}
	if _, err := os.Stat(filepath.Join(data, "nats.url")); !os.IsNotExist(err) {
		t.Errorf("nats.url left behind after run stopped (%v)", err)
	}
	if !strings.Contains(mw.stderr.String(), "http server listening") {
		t.Errorf("run did not log the HTTP server:\n%s", mw.stderr.String())
	}
}

// TestServeAlone serves a data directory that no run holds.
func TestServeAlone(t *testing.T) {
	site := testsite.New(testsite.Options{})
	defer site.Close()
	dir := t.TempDir()
	cfg := writeConfig(t, dir, fmt.Sprintf("  - name: aiwire\n    feeds: [%s/feed.xml]\n    delay: 1ms\n", site.URL))
	if _, errOut, code := run(t, "run", "--once", "--config", cfg); code != 0 {
		t.Fatalf("run --once: exit %d\n%s", code, errOut)
	}
	addr := freeAddr(t)
	srv := start(t, "serve", "--config", cfg, "--addr", addr)
	waittest.Eventually(t, 10*time.Second, "/readyz", func() bool { code, _ := httpGet(t, "http://"+addr+"/readyz"); return code == 200 })
	code, body := httpGet(t, "http://"+addr+"/api/search?q=zebrafinch")
	var res indexer.Result
	if code != 200 || json.Unmarshal(body, &res) != nil || res.Total != 1 {
		t.Errorf("%d %s", code, body)
	}
	if code := srv.stop(t); code != 0 {
		t.Errorf("serve exited %d\n%s", code, srv.stderr.String())
	}
}

func TestWatchAndServeUsageErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"watch without a server", []string{"watch", "--data", dir}, "no NATS server to watch"},
		{"watch bad since", []string{"watch", "--nats", "nats://127.0.0.1:1", "--since", "forever"}, "--since"},
		{"watch negative count", []string{"watch", "--nats", "nats://127.0.0.1:1", "--count", "-1"}, "--count"},
		{"watch unreachable server", []string{"watch", "--nats", "nats://127.0.0.1:1"}, "connecting to nats"},
		{"serve without an address", []string{"serve", "--data", dir, "--addr", ""}, "http.addr is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := run(t, tt.args...)
			if code == 0 || !strings.Contains(errOut, tt.want) {
				t.Fatalf("exit %d, stderr %q, want failure mentioning %q", code, errOut, tt.want)
			}
		})
	}
}

func TestEventLine(t *testing.T) {
	ev := event.ReleaseEvent{Kind: event.KindCorroboration, Vendor: "moonshot", Model: "Kimi K2", Title: "Kimi K2 is out",
		FirstSeen: time.Date(2025, 7, 11, 9, 30, 0, 0, time.UTC), ArticleURL: "https://news.example/k2", Sources: []string{"a", "b"}}
	want := `2025-07-11 09:30Z  corroboration moonshot/Kimi K2 "Kimi K2 is out"  https://news.example/k2  (2 sources)`
	if got := eventLine(ev); got != want {
		t.Errorf("eventLine =\n%s\nwant\n%s", got, want)
	}
	ev.Kind, ev.Model, ev.Role = event.KindRelease, "Kimi-K2-Instruct", event.RoleAlongside
	want = `2025-07-11 09:30Z  release       moonshot/Kimi-K2-Instruct [alongside] "Kimi K2 is out"  https://news.example/k2  (2 sources)`
	if got := eventLine(ev); got != want {
		t.Errorf("eventLine =\n%s\nwant\n%s", got, want)
	}
}
