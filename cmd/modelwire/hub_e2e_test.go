package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/modelwire/modelwire/crawler/chromium"
	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/hubtest"
)

// scriptWord is written by the page's script only: it is in no HTML or
// script the server sends.
const scriptWord = "bladderwrack"

// TestHubAndRenderedSources is issue 18's acceptance check, run as a user
// would: a loopback Hub lists two new repositories of deepseek-ai and one
// of kestrel-ai, an organisation no catalog knows; `modelwire run --once`
// records their releases with the repositories' creation dates and Hub
// URLs, attributed to DeepSeek and to the discovered vendor; a second run
// fetches no card; and a source with render: chromium indexes a page whose
// text only its script writes, found by a word nowhere in its HTML.
func TestHubAndRenderedSources(t *testing.T) {
	if _, err := chromium.Find(""); err != nil {
		t.Fatalf("%v: install it with apt-get install -y chromium", err)
	}
	hub := hubtest.New()
	defer hub.Close()
	var served atomic.Int64
	spa := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/news/kestrel":
			served.Add(1)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<!doctype html><html><head><title>News</title><script src="/app.js"></script></head><body><main id="app"></main></body></html>`)
		case "/app.js":
			w.Header().Set("Content-Type", "text/javascript")
			fmt.Fprint(w, `document.addEventListener("DOMContentLoaded", () => {
  document.title = "Kestrel AI opens its lab notes";
  document.getElementById("app").innerHTML = "<article><h1>Kestrel AI opens its lab notes</h1>" +
    "<p>Kestrel AI published the notes of its training runs today, covering data mixtures, " +
    "learning-rate schedules and the evaluation harness it uses for every model it trains. " +
    "The team says the notes will be updated with each run. Code name: " + ["bladder", "wrack"].join("") + ".</p></article>";
});`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer spa.Close()

	dir := t.TempDir()
	cfg := writeConfig(t, dir, fmt.Sprintf(`  - name: hf-labs
    huggingface:
      authors: [deepseek-ai, kestrel-ai]
      endpoint: %s
    delay: 1ms
  - name: spa-news
    start_urls: [%s/news/kestrel]
    render: chromium
    delay: 1ms
`, hub.URL, spa.URL))
	if _, errOut, code := run(t, "run", "--once", "--config", cfg); code != 0 {
		t.Fatalf("run --once: exit %d\n%s", code, errOut)
	}

	created := map[string]string{}
	for _, m := range hub.Models() {
		created[m.ID] = m.CreatedAt.UTC().Format("2006-01-02T15:04:05Z")
	}
	want := map[string]string{ // vendor/model → repository
		"deepseek/DeepSeek-V4":            "deepseek-ai/DeepSeek-V4",
		"deepseek/DeepSeek-V4-Base":       "deepseek-ai/DeepSeek-V4-Base",
		"kestrel-ai/Kestrel-13B-Instruct": "kestrel-ai/Kestrel-13B-Instruct",
	}
	recs := releases(t, cfg)
	got := map[string]indexer.ReleaseRecord{}
	for _, r := range recs {
		got[r.Vendor+"/"+r.Model] = r
	}
	for key, repo := range want {
		r, ok := got[key]
		if !ok {
			t.Errorf("release %s not recorded; releases: %v", key, keysOf(got))
			continue
		}
		if at := r.PublishedAt.UTC().Format("2006-01-02T15:04:05Z"); at != created[repo] {
			t.Errorf("%s published %s, want the repository's creation %s", key, at, created[repo])
		}
		if len(r.Sources) == 0 || r.Sources[0] != hub.URL+"/"+repo {
			t.Errorf("%s sources %v, want the Hub URL %s", key, r.Sources, hub.URL+"/"+repo)
		}
		if r.Confidence < 0.95 {
			t.Errorf("%s confidence %.2f, want first-hand", key, r.Confidence)
		}
	}
	if len(recs) != len(want) {
		t.Errorf("%d releases recorded, want %d: %v", len(recs), len(want), keysOf(got))
	}

	res := searchJSON(t, cfg, scriptWord)
	if res.Total != 1 || res.Hits[0].URL != spa.URL+"/news/kestrel" {
		t.Errorf("search %q: %+v, want the rendered page", scriptWord, res.Hits)
	}
	if hubHits := searchJSON(t, cfg, "MMLU-Pro"); hubHits.Total != 1 || hubHits.Hits[0].URL != hub.URL+"/deepseek-ai/DeepSeek-V4" {
		t.Errorf("search MMLU-Pro: %+v, want DeepSeek-V4's card", hubHits.Hits)
	}

	cards := hub.CardRequests()
	if _, errOut, code := run(t, "run", "--once", "--config", cfg); code != 0 {
		t.Fatalf("second run --once: exit %d\n%s", code, errOut)
	}
	if n := hub.CardRequests() - cards; n != 0 {
		t.Errorf("second run downloaded %d model cards, want none", n)
	}
	if again := releases(t, cfg); len(again) != len(recs) {
		t.Errorf("second run: %d releases, want %d", len(again), len(recs))
	}
	t.Logf("hub: %d requests over two runs, %d cards downloaded; rendered page served %d times", len(hub.Requests()), hub.CardRequests(), served.Load())
}

func releases(t *testing.T, cfg string) []indexer.ReleaseRecord {
	t.Helper()
	out, errOut, code := run(t, "releases", "--config", cfg, "--json")
	if code != 0 {
		t.Fatalf("releases: exit %d: %s", code, errOut)
	}
	var recs []indexer.ReleaseRecord
	if err := json.Unmarshal([]byte(out), &recs); err != nil {
		t.Fatalf("releases --json: %v\n%s", err, out)
	}
	return recs
}

func keysOf[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
