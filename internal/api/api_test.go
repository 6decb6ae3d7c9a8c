package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/modelwire/modelwire/configs"
	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/extractor/intel"
	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/api"
)

func get(t *testing.T, url string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// cliJSON is what `modelwire search --json` and `releases --json` print for v.
func cliJSON(t *testing.T, v any) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestSearchAnswersLikeTheCLI(t *testing.T) {
	f := newFixture(t, api.Options{})
	tests := []struct {
		name  string
		query string
		q     indexer.Query
		total int
	}{
		{"empty query: every article", "", indexer.Query{}, 4},
		{"full text", "q=reasoning", indexer.Query{Text: "reasoning"}, 2},
		{"vendor filter", "q=reasoning&vendor=deepseek", indexer.Query{Text: "reasoning", Vendors: []string{"deepseek"}}, 1},
		{"repeated and comma-separated vendors", "vendor=deepseek&vendor=moonshot,qwen", indexer.Query{Vendors: []string{"deepseek", "moonshot", "qwen"}}, 3},
		{"model filter", "model=Kimi+K2", indexer.Query{Models: []string{"Kimi K2"}}, 1},
		{"benchmark filter", "benchmark=AIME", indexer.Query{Benchmarks: []string{"AIME"}}, 1},
		{"benchmark filter no article claims", "benchmark=MMLU", indexer.Query{Benchmarks: []string{"MMLU"}}, 0},
		{"language", "lang=zh", indexer.Query{Language: "zh"}, 1},
		{"date range", "since=2025-01-20&until=2025-01-21T12:00:00Z", indexer.Query{Since: t0.Truncate(24 * time.Hour), Until: time.Date(2025, 1, 21, 12, 0, 0, 0, time.UTC)}, 2},
		{"paging", "limit=1&offset=1", indexer.Query{Limit: 1, Offset: 1}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := get(t, f.srv.URL+"/api/search?"+tt.query)
			if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
				t.Fatalf("status %d, type %q: %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
			}
			want, err := f.store.Search(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if want.Total != tt.total {
				t.Fatalf("store found %d, the table expects %d", want.Total, tt.total)
			}
			if string(body) != cliJSON(t, want) {
				t.Errorf("API answered\n%s\nthe CLI prints\n%s", body, cliJSON(t, want))
			}
			if resp.Header.Get("Access-Control-Allow-Origin") != "" {
				t.Errorf("CORS header sent without configuration")
			}
		})
	}
	// Facets come along.
	var res indexer.Result
	_, body := get(t, f.srv.URL+"/api/search?q=reasoning")
	if err := json.Unmarshal(body, &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Facets.Vendors) != 2 || len(res.Facets.Languages) != 2 {
		t.Errorf("facets %+v", res.Facets)
	}
}

func TestReleasesAnswersLikeTheCLI(t *testing.T) {
	f := newFixture(t, api.Options{})
	_, body := get(t, f.srv.URL+"/api/releases")
	if strings.TrimSpace(string(body)) != "[]" {
		t.Errorf("no releases: %s, want []", body)
	}
	evs := []event.ReleaseEvent{
		releaseEvent(event.KindRelease, "deepseek", "DeepSeek-R1"),
		releaseEvent(event.KindRelease, "moonshot", "Kimi K2"),
		releaseEvent(event.KindCorroboration, "deepseek", "DeepSeek-R1", "https://news.example/deepseek-r1", "https://other.example/r1"),
	}
	for i, err := range f.store.IndexReleases(context.Background(), evs) {
		if err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
	}
	tests := []struct {
		name  string
		query string
		q     indexer.ReleaseQuery
		n     int
	}{
		{"all", "", indexer.ReleaseQuery{}, 2},
		{"vendor", "vendor=deepseek", indexer.ReleaseQuery{Vendors: []string{"deepseek"}}, 1},
		{"model", "model=Kimi+K2", indexer.ReleaseQuery{Model: "Kimi K2"}, 1},
		{"since the future", "since=2030-01-01", indexer.ReleaseQuery{Since: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}, 0},
		{"limit", "limit=1", indexer.ReleaseQuery{Limit: 1}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := get(t, f.srv.URL+"/api/releases?"+tt.query)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			want, err := f.store.Releases(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if len(want) != tt.n {
				t.Fatalf("store listed %d, the table expects %d", len(want), tt.n)
			}
			if string(body) != cliJSON(t, want) {
				t.Errorf("API answered\n%s\nthe CLI prints\n%s", body, cliJSON(t, want))
			}
		})
	}
}

func TestBadParametersGet400(t *testing.T) {
	f := newFixture(t, api.Options{})
	long := strings.Repeat("a", api.MaxQueryBytes+1)
	tests := []struct {
		name, path, param string
		header            []string
	}{
		{"limit zero", "/api/search?limit=0", "limit", nil},
		{"limit not a number", "/api/search?limit=ten", "limit", nil},
		{"limit too large", "/api/search?limit=101", "limit", nil},
		{"negative offset", "/api/search?offset=-1", "offset", nil},
		{"offset past the window", "/api/search?offset=9995", "offset", nil},
		{"bad date", "/api/search?since=yesterday", "since", nil},
		{"until before since", "/api/search?since=2025-02-01&until=2025-01-01", "until", nil},
		{"bad language", "/api/search?lang=english", "lang", nil},
		{"unknown parameter", "/api/search?vendors=deepseek", "vendors", nil},
		{"query too long", "/api/search?q=" + long, "q", nil},
		{"limit twice", "/api/search?limit=1&limit=2", "limit", nil},
		{"too many vendors", "/api/search?" + strings.Repeat("vendor=x&", api.MaxValues+1), "vendor", nil},
		{"invalid UTF-8", "/api/search?q=%ff%fe", "q", nil},
		{"releases limit too large", "/api/releases?limit=5000", "limit", nil},
		{"releases bad since", "/api/releases?since=last+week", "since", nil},
		{"releases unknown parameter", "/api/releases?q=x", "q", nil},
		{"stream since", "/api/releases/stream?since=forever", "since", nil},
		{"stream negative duration", "/api/releases/stream?since=-2h", "since", nil},
		{"stream bad last_event_id", "/api/releases/stream?last_event_id=x", "last_event_id", nil},
		{"stream bad Last-Event-ID header", "/api/releases/stream", "Last-Event-ID", []string{"Last-Event-ID", "seven"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := get(t, f.srv.URL+tt.path, tt.header...)
			if resp.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d, want 400: %s", resp.StatusCode, body)
			}
			var e struct{ Error, Param string }
			if err := json.Unmarshal(body, &e); err != nil {
				t.Fatalf("error body is not JSON: %s", body)
			}
			if e.Param != tt.param || !strings.HasPrefix(e.Error, tt.param+":") {
				t.Errorf("error %q on param %q, want it to name %q", e.Error, e.Param, tt.param)
			}
		})
	}
	t.Run("unknown endpoint", func(t *testing.T) {
		resp, body := get(t, f.srv.URL+"/api/nope")
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(string(body), `"error"`) {
			t.Errorf("status %d: %s", resp.StatusCode, body)
		}
	})
}

func TestHealthAndReadiness(t *testing.T) {
	f := newFixture(t, api.Options{})
	if resp, body := get(t, f.srv.URL+"/healthz"); resp.StatusCode != http.StatusOK {
		t.Errorf("healthz: %d %s", resp.StatusCode, body)
	}
	resp, body := get(t, f.srv.URL+"/readyz")
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"ready":true`) {
		t.Fatalf("readyz: %d %s", resp.StatusCode, body)
	}
	// Without the releases stream, NATS does not answer for it: not ready.
	if err := f.js.DeleteStream(context.Background(), event.StreamReleases); err != nil {
		t.Fatal(err)
	}
	resp, body = get(t, f.srv.URL+"/readyz")
	var r struct {
		Ready  bool
		Checks map[string]string
	}
	json.Unmarshal(body, &r)
	if resp.StatusCode != http.StatusServiceUnavailable || r.Ready || r.Checks["nats"] == "ok" || r.Checks["store"] != "ok" {
		t.Errorf("readyz without the stream: %d %s", resp.StatusCode, body)
	}
	// A closed store does not answer either.
	f.closeStore()
	_, body = get(t, f.srv.URL+"/readyz")
	json.Unmarshal(body, &r)
	if r.Checks["store"] == "ok" {
		t.Errorf("readyz with a closed store: %s", body)
	}
}

func TestMetrics(t *testing.T) {
	f := newFixture(t, api.Options{})
	get(t, f.srv.URL+"/api/search?q=reasoning")
	get(t, f.srv.URL+"/api/search?limit=0")
	get(t, f.srv.URL+"/api/search?limit=0")
	resp, body := get(t, f.srv.URL+"/metrics")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("metrics: %d", resp.StatusCode)
	}
	for _, want := range []string{
		`modelwire_http_requests_total{code="200",handler="search",method="get"} 1`,
		`modelwire_http_requests_total{code="400",handler="search",method="get"} 2`,
		`modelwire_http_request_duration_seconds_count{handler="search",method="get"} 3`,
		`modelwire_http_streams_open 0`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

func TestNoMetricsWithoutGatherer(t *testing.T) {
	f := newFixture(t, api.Options{Registerer: prometheus.NewRegistry()})
	if resp, _ := get(t, f.srv.URL+"/metrics"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("/metrics without a gatherer: %d, want 404", resp.StatusCode)
	}
}

func TestCORS(t *testing.T) {
	f := newFixture(t, api.Options{CORSOrigins: []string{"https://app.example"}})
	tests := []struct {
		origin, want string
	}{
		{"https://app.example", "https://app.example"},
		{"https://evil.example", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run("origin "+tt.origin, func(t *testing.T) {
			var h []string
			if tt.origin != "" {
				h = []string{"Origin", tt.origin}
			}
			resp, _ := get(t, f.srv.URL+"/api/search", h...)
			if got := resp.Header.Get("Access-Control-Allow-Origin"); got != tt.want {
				t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, tt.want)
			}
		})
	}
	req, _ := http.NewRequest(http.MethodOptions, f.srv.URL+"/api/releases/stream", nil)
	req.Header.Set("Origin", "https://app.example")
	req.Header.Set("Access-Control-Request-Method", "GET")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Access-Control-Allow-Headers") != "Last-Event-ID" {
		t.Errorf("preflight: %d %v", resp.StatusCode, resp.Header)
	}
}

func TestPage(t *testing.T) {
	f := newFixture(t, api.Options{})
	if errs := f.store.IndexReleases(context.Background(), []event.ReleaseEvent{releaseEvent(event.KindRelease, "deepseek", "DeepSeek-R1")}); errs[0] != nil {
		t.Fatal(errs[0])
	}
	seq := f.publish(t, releaseEvent(event.KindRelease, "deepseek", "DeepSeek-R1"))
	tests := []struct {
		name, query string
		status      int
		want, not   []string
	}{
		{"landing page lists the newest articles and releases", "", 200,
			[]string{`<form id="search" action="/" method="get"`, `name="q"`, "Alibaba ra mắt Qwen3", "4 matching articles",
				`<li class="release" data-key="deepseek.deepseek-r1">`, `data-last-seq="` + strconv.FormatUint(seq, 10) + `"`, `<script src="/static/app.js"`},
			nil},
		{"query with highlighted snippets and facets", "q=reasoning", 200,
			[]string{"1–2 of 2 matching articles", "<mark>reasoning</mark>", `href="?q=reasoning&amp;vendor=deepseek"`, "2025-01-20", "news.example", "&lt;benchmarks&gt;", "AIME &amp; MATH-500"},
			[]string{"月之暗面发布"}},
		{"active filter can be removed and is kept by the form", "q=reasoning&vendor=deepseek", 200,
			[]string{`Filtered by <a class="filter" href="?q=reasoning"`, `<input type="hidden" name="vendor" value="deepseek">`, "1–1 of 1"},
			[]string{"Alibaba ra mắt Qwen3"}},
		{"markup from pages is escaped", "q=zebrafinch", 200,
			[]string{"&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; Evil title", "&lt;img src=x onerror=alert(1)&gt;"},
			[]string{"<script>alert", "<img src=x"}},
		{"paging links", "limit=2", 200, []string{`<a rel="next" href="?limit=2&amp;offset=2">`}, []string{`rel="prev"`}},
		{"bad parameter shows an error", "limit=1000", 400, []string{`class="error"`, "limit: &#34;1000&#34; is not an integer between 1 and 100"}, nil},
		{"no matches", "q=nonexistentword", 200, []string{"No matching articles."}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := get(t, f.srv.URL+"/?"+tt.query)
			if resp.StatusCode != tt.status || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
				t.Fatalf("status %d (want %d), type %q", resp.StatusCode, tt.status, resp.Header.Get("Content-Type"))
			}
			if !strings.Contains(resp.Header.Get("Content-Security-Policy"), "script-src 'self'") {
				t.Errorf("no content security policy")
			}
			for _, w := range tt.want {
				if !strings.Contains(string(body), w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(string(body), n) {
					t.Errorf("page contains %q", n)
				}
			}
		})
	}
	for _, asset := range []string{"/static/app.js", "/static/style.css"} {
		if resp, body := get(t, f.srv.URL+asset); resp.StatusCode != 200 || len(body) < 100 {
			t.Errorf("%s: %d, %d bytes", asset, resp.StatusCode, len(body))
		}
	}
	if resp, _ := get(t, f.srv.URL+"/nope"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("/nope: %d", resp.StatusCode)
	}
}

// TestFiltersAreResolved gives the API the catalog's resolver: every
// spelling of a model or vendor filters alike, on searches, releases and
// the release stream.
func TestFiltersAreResolved(t *testing.T) {
	cat, err := configs.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, api.Options{Names: intel.New(cat)})
	// Model and vendor filters resolve every spelling through the catalog;
	// benchmark filters too, and a benchmark finds its years.
	want := map[string]string{}
	for _, q := range []string{"model=Kimi+K2", "model=kimi-k2", "model=KIMI+K+2", "model=%ED%82%A4%EB%AF%B8+K2", "model=moonshot/kimi-k2", "vendor=Moonshot+AI", "vendor=%E6%9C%88%E4%B9%8B%E6%9A%97%E9%9D%A2"} {
		want[q] = "https://news.example/kimi-k2"
	}
	for _, q := range []string{"benchmark=AIME+2024", "benchmark=aime-2024", "benchmark=AIME", "benchmark=math500", "benchmark=MATH-500&benchmark=GPQA"} {
		want[q] = "https://news.example/deepseek-r1"
	}
	for query, url := range want {
		var res indexer.Result
		resp, body := get(t, f.srv.URL+"/api/search?"+query)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d: %s", query, resp.StatusCode, body)
		}
		if err := json.Unmarshal(body, &res); err != nil {
			t.Fatal(err)
		}
		if res.Total != 1 || res.Hits[0].URL != url {
			t.Errorf("%s: %d hits %+v, want %s", query, res.Total, res.Hits, url)
		}
	}
	if resp, body := get(t, f.srv.URL+"/api/search?benchmark=GPQA"); resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"total":0`) {
		t.Errorf("benchmark=GPQA: %d %s, want no hits", resp.StatusCode, body)
	}
}
