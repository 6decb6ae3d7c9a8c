package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/modelwire/modelwire/internal/testsite"
)

// testESURL is the dev Elasticsearch node (make es-up).
func testESURL(t *testing.T) string {
	t.Helper()
	u := strings.TrimRight(os.Getenv("MODELWIRE_TEST_ES_URL"), "/")
	if u == "" {
		u = "http://127.0.0.1:9200"
	}
	c := http.Client{Timeout: 5 * time.Second}
	res, err := c.Get(u + "/_cluster/health")
	if err == nil {
		res.Body.Close()
	}
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("Elasticsearch is not reachable at %s (%v): start the dev node with `make es-up` (or set MODELWIRE_TEST_ES_URL)", u, err)
	}
	return u
}

// esJSON sends a raw request to Elasticsearch and decodes the answer.
func esJSON(t *testing.T, method, url string, body any, out any) int {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, url, r)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	if out != nil && res.StatusCode < 300 {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s %s: %v", method, url, err)
		}
	}
	return res.StatusCode
}

// TestRunOnceElasticsearch is the Elasticsearch walk-through as a new user
// does it: MODELWIRE_ES_URL set, `run --once` on a news site writes every
// article through the alias, a second run changes nothing, and a raw
// _search and `modelwire search` find the same articles.
func TestRunOnceElasticsearch(t *testing.T) {
	es := testESURL(t)
	b := make([]byte, 4)
	rand.Read(b)
	prefix := "mwtest-e2e-" + hex.EncodeToString(b)
	t.Cleanup(func() {
		for _, kind := range []string{"articles", "releases"} {
			esJSON(t, "DELETE", es+"/"+prefix+"-"+kind+"-v1", nil, nil)
			esJSON(t, "DELETE", es+"/_index_template/"+prefix+"-"+kind, nil, nil)
		}
	})
	site := testsite.New(testsite.Options{Extra: 3})
	defer site.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "modelwire.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`data_dir: %s
nats:
  listen: ""
http:
  addr: ""
elasticsearch:
  index_prefix: %s
crawler:
  user_agent: modelwire-test/1.0
  allow_private_networks: true
  timeout: 5s
sources:
  - name: aiwire
    feeds: [%s/feed.xml]
    delay: 1ms
    parallelism: 4
`, filepath.Join(dir, "data"), prefix, site.URL)), 0o644)
	t.Setenv("MODELWIRE_ES_URL", es)

	count := func() int {
		var c struct {
			Count int `json:"count"`
		}
		if status := esJSON(t, "GET", es+"/"+prefix+"-articles/_count", nil, &c); status != http.StatusOK {
			t.Fatalf("_count through the alias: %d", status)
		}
		return c.Count
	}
	if _, errOut, code := run(t, "run", "--once", "--config", cfg); code != 0 {
		t.Fatalf("run --once: exit %d\n%s", code, errOut)
	}
	if n := count(); n != len(site.Articles) {
		t.Fatalf("after run --once: %d documents, want %d articles", n, len(site.Articles))
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "index")); err == nil {
		t.Errorf("the embedded index was created although Elasticsearch is configured")
	}
	if _, errOut, code := run(t, "run", "--once", "--config", cfg); code != 0 {
		t.Fatalf("second run --once: exit %d\n%s", code, errOut)
	}
	if n := count(); n != len(site.Articles) {
		t.Fatalf("after the second run: %d documents, want still %d", n, len(site.Articles))
	}

	var raw struct {
		Hits struct {
			Hits []struct {
				ID string `json:"_id"`
			} `json:"hits"`
		} `json:"hits"`
	}
	esJSON(t, "POST", es+"/"+prefix+"-articles/_search", map[string]any{"size": 100, "_source": false}, &raw)
	var rawIDs []string
	for _, h := range raw.Hits.Hits {
		rawIDs = append(rawIDs, h.ID)
	}
	all := searchJSON(t, cfg, "--limit", "100")
	var ids []string
	for _, h := range all.Hits {
		ids = append(ids, h.ID)
	}
	slices.Sort(rawIDs)
	slices.Sort(ids)
	if all.Total != len(site.Articles) || !slices.Equal(ids, rawIDs) {
		t.Errorf("modelwire search found %d %v; raw _search found %v", all.Total, ids, rawIDs)
	}
	for _, a := range site.Articles {
		t.Run(a.Lang+a.Path, func(t *testing.T) {
			res := searchJSON(t, cfg, a.Keyword)
			if res.Total != 1 || len(res.Hits) != 1 || res.Hits[0].URL != site.ArticleURL(a) {
				t.Fatalf("search %q: %+v, want %s only", a.Keyword, res.Hits, site.ArticleURL(a))
			}
			if h := res.Hits[0]; h.Language != a.Lang || !strings.Contains(h.Snippet, "<mark>") {
				t.Errorf("hit %+v: want language %s and a highlighted snippet", h, a.Lang)
			}
			byLang := searchJSON(t, cfg, "--lang", a.Lang, "--since", a.Published.Format(time.DateOnly), a.Keyword)
			if byLang.Total != 1 {
				t.Errorf("search --lang %s --since %s %q: total %d", a.Lang, a.Published.Format(time.DateOnly), a.Keyword, byLang.Total)
			}
		})
	}
	if none := searchJSON(t, cfg, "--until", "2000-01-01"); none.Total != 0 {
		t.Errorf("--until 2000-01-01: total %d", none.Total)
	}
	if facets := searchJSON(t, cfg).Facets; len(facets.Languages) == 0 {
		t.Errorf("no language facets: %+v", facets)
	}

	var mapping map[string]struct {
		Mappings struct {
			Properties map[string]struct {
				Type string `json:"type"`
			} `json:"properties"`
		} `json:"mappings"`
	}
	esJSON(t, "GET", es+"/"+prefix+"-articles/_mapping", nil, &mapping)
	props := mapping[prefix+"-articles-v1"].Mappings.Properties
	for _, f := range []string{"vendors", "models", "model_keys", "benchmarks", "language", "site", "url"} {
		if props[f].Type != "keyword" {
			t.Errorf("mapping of %s: %q, want keyword", f, props[f].Type)
		}
	}
}
