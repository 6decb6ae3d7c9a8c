package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/testsite"
)

// writeConfig writes a config crawling site's feed (plus broken inputs) with
// NATS and HTTP on in-process/disabled listeners.
func writeConfig(t testing.TB, dir string, sources string) string {
	t.Helper()
	cfg := fmt.Sprintf(`data_dir: %s
nats:
  listen: ""
http:
  addr: ""
crawler:
  user_agent: modelwire-test/1.0
  allow_private_networks: true
  timeout: 5s
sources:
%s`, filepath.Join(dir, "data"), sources)
	path := filepath.Join(dir, "modelwire.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func run(t testing.TB, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = execute(args, &out, &errb)
	return out.String(), errb.String(), code
}

func searchJSON(t testing.TB, cfg string, args ...string) indexer.Result {
	t.Helper()
	out, errOut, code := run(t, append([]string{"search", "--config", cfg, "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("search %v: exit %d: %s", args, code, errOut)
	}
	var res indexer.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search output is not JSON: %v\n%s", err, out)
	}
	return res
}

func TestRunOnceThenSearch(t *testing.T) {
	site := testsite.New(testsite.Options{Extra: 3})
	defer site.Close()
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml": // a feed that is not XML
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, "<html>this is not a feed")
		case "/items.xml": // a valid feed whose items are broken
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<rss version="2.0"><channel><title>x</title>
<item><title>gone</title><link>http://%[1]s/missing</link></item>
<item><title>pdf</title><link>http://%[1]s/paper.pdf</link></item>
<item><title>error</title><link>http://%[1]s/boom</link></item></channel></rss>`, r.Host)
		case "/paper.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Write([]byte("%PDF-1.4 binary"))
		case "/boom":
			http.Error(w, "internal error", http.StatusInternalServerError)
		default:
			http.NotFound(w, r)
		}
	}))
	defer bad.Close()

	dir := t.TempDir()
	cfg := writeConfig(t, dir, fmt.Sprintf(`  - name: aiwire
    feeds: [%s/feed.xml]
    delay: 1ms
    parallelism: 4
  - name: broken
    feeds: [%s/feed.xml, %s/items.xml]
    delay: 1ms
`, site.URL, bad.URL, bad.URL))

	_, errOut, code := run(t, "run", "--once", "--config", cfg)
	if code != 0 {
		t.Fatalf("run --once: exit %d\n%s", code, errOut)
	}
	for _, want := range []string{"invalid feed", "status=404", "status=500", "run complete"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("log lacks %q:\n%s", want, errOut)
		}
	}

	all := searchJSON(t, cfg, "--limit", "50")
	if all.Total != len(site.Articles) {
		t.Errorf("empty query: total = %d, want %d articles", all.Total, len(site.Articles))
	}
	for _, a := range site.Articles {
		t.Run(a.Lang+a.Path, func(t *testing.T) {
			res := searchJSON(t, cfg, a.Keyword)
			if res.Total != 1 || len(res.Hits) != 1 {
				t.Fatalf("search %q: total %d, want 1", a.Keyword, res.Total)
			}
			h := res.Hits[0]
			if h.URL != site.ArticleURL(a) {
				t.Errorf("hit URL = %s, want %s", h.URL, site.ArticleURL(a))
			}
			if h.Language != a.Lang {
				t.Errorf("language = %q, want %q", h.Language, a.Lang)
			}
			if !strings.Contains(h.Title, strings.Fields(a.Title)[0]) {
				t.Errorf("title = %q, want it to contain the article's title %q", h.Title, a.Title)
			}
			if !h.PublishedAt.Equal(a.Published) {
				t.Errorf("published_at = %v, want %v", h.PublishedAt, a.Published)
			}
		})
	}

	// Every release the handcrafted articles announce is listed once.
	out, errOut, code := run(t, "releases", "--config", cfg, "--json")
	if code != 0 {
		t.Fatalf("releases: exit %d: %s", code, errOut)
	}
	var recs []indexer.ReleaseRecord
	if err := json.Unmarshal([]byte(out), &recs); err != nil {
		t.Fatalf("releases --json: %v\n%s", err, out)
	}
	seen := map[string]int{}
	for _, r := range recs {
		seen[r.Vendor+"/"+r.Model]++
		if len(r.Sources) == 0 || r.FirstSeen.IsZero() {
			t.Errorf("release record without sources or first_seen: %+v", r)
		}
	}
	for _, want := range []string{"deepseek/DeepSeek-V3", "alibaba/Qwen2.5-Max", "moonshot/Kimi K2", "lg/EXAONE 4.0", "stepfun/Step-Audio 2", "zhipu/GLM-4.5"} {
		if seen[want] != 1 {
			t.Errorf("release %s listed %d times, want once; got %v", want, seen[want], seen)
		}
	}

	// A second run finds nothing new and keeps one document per article.
	if _, errOut, code := run(t, "run", "--once", "--config", cfg); code != 0 {
		t.Fatalf("second run --once: exit %d\n%s", code, errOut)
	}
	if again := searchJSON(t, cfg, "--limit", "50"); again.Total != len(site.Articles) {
		t.Errorf("after second run: total = %d, want %d", again.Total, len(site.Articles))
	}
	// Every request carried the configured User-Agent.
	for _, r := range site.Requests() {
		if r.UserAgent != "modelwire-test/1.0" {
			t.Fatalf("request %s with User-Agent %q", r.Path, r.UserAgent)
		}
	}
}

func TestSearchTable(t *testing.T) {
	site := testsite.New(testsite.Options{})
	defer site.Close()
	dir := t.TempDir()
	cfg := writeConfig(t, dir, fmt.Sprintf("  - name: aiwire\n    feeds: [%s/feed.xml]\n    delay: 1ms\n", site.URL))
	if _, errOut, code := run(t, "run", "--once", "--config", cfg); code != 0 {
		t.Fatalf("run --once: exit %d\n%s", code, errOut)
	}
	out, _, code := run(t, "search", "--config", cfg, "DeepSeek-V3")
	if code != 0 || !strings.Contains(out, "DeepSeek releases DeepSeek-V3") || !strings.Contains(out, "PUBLISHED") {
		t.Fatalf("table output (exit %d):\n%s", code, out)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown command", []string{"frobnicate"}, "unknown command"},
		{"bad config", []string{"run", "--config", "testdata/nope.yaml"}, "reading config"},
		{"bad date", []string{"search", "--since", "yesterday"}, "--since"},
		{"extract nothing", []string{"extract"}, "nothing to extract"},
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
