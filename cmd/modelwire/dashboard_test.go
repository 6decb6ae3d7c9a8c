package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/modelwire/modelwire/internal/bus"
	"github.com/modelwire/modelwire/internal/testsite"
	"github.com/modelwire/modelwire/internal/waittest"
)

// dashboard is the part of a Grafana dashboard the test reads.
type dashboard struct {
	UID    string `json:"uid"`
	Panels []struct {
		ID          int    `json:"id"`
		Type        string `json:"type"`
		Title       string `json:"title"`
		Description string `json:"description"`
		Targets     []struct {
			Expr string `json:"expr"`
		} `json:"targets"`
	} `json:"panels"`
}

var metricName = regexp.MustCompile(`\bmodelwire_[a-z0-9_]+`)

// TestDashboardMetricsExist reads deploy/grafana/modelwire.json and checks
// that every modelwire metric its panels query is one a running modelwire
// exports: a `modelwire run` on a cluster-style NATS URL (so host leases
// are on) with a webhook, after crawling a site.
func TestDashboardMetricsExist(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "deploy", "grafana", "modelwire.json"))
	if err != nil {
		t.Fatal(err)
	}
	var d dashboard
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatalf("dashboard is not JSON: %v", err)
	}
	used := map[string][]string{} // metric → panels
	ids := map[int]bool{}
	for _, p := range d.Panels {
		if ids[p.ID] {
			t.Errorf("panel id %d used twice", p.ID)
		}
		ids[p.ID] = true
		if p.Type == "row" {
			continue
		}
		if p.Description == "" || len(p.Targets) == 0 {
			t.Errorf("panel %q has no description or no query", p.Title)
		}
		for _, tg := range p.Targets {
			for _, m := range metricName.FindAllString(tg.Expr, -1) {
				used[m] = append(used[m], p.Title)
			}
		}
	}
	if len(used) < 15 {
		t.Fatalf("the dashboard queries only %d modelwire metrics", len(used))
	}

	srv, err := bus.StartEmbedded(bus.EmbeddedOptions{StoreDir: t.TempDir(), Listen: "127.0.0.1:0", Password: "dash-test"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	site := testsite.New(testsite.Options{Extra: 2})
	defer site.Close()
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer hook.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "modelwire.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`data_dir: %s
nats:
  url: %s
  user: modelwire
  password: dash-test
notify:
  webhooks:
    - url: %s
crawler:
  user_agent: modelwire-test/1.0
  allow_private_networks: true
sources:
  - name: aiwire
    feeds: [%[4]s/feed.xml, %[4]s/missing.xml]
    delay: 1ms
`, filepath.Join(dir, "data"), srv.ClientURL(), hook.URL, site.URL)), 0o644)
	addr := freeAddr(t)
	b := start(t, "run", "--config", cfg, "--http-addr", addr)
	waittest.Eventually(t, 30*time.Second, "the site indexed", func() bool {
		status, body := httpGet(t, "http://"+addr+"/api/search?limit=1")
		var res struct {
			Total int `json:"total"`
		}
		return status == http.StatusOK && json.Unmarshal(body, &res) == nil && res.Total >= len(site.Articles)
	}, b.stderr.String)
	httpGet(t, "http://"+addr+"/readyz")
	_, body := httpGet(t, "http://"+addr+"/metrics")
	exported := map[string]bool{}
	for _, line := range strings.Split(string(body), "\n") {
		if name, ok := strings.CutPrefix(line, "# TYPE "); ok {
			name, kind, _ := strings.Cut(name, " ")
			exported[name] = true
			if kind == "histogram" {
				for _, suffix := range []string{"_bucket", "_count", "_sum"} {
					exported[name+suffix] = true
				}
			}
		}
	}
	if code := b.stop(t); code != 0 {
		t.Errorf("run exited %d\n%s", code, b.stderr.String())
	}
	names := make([]string, 0, len(used))
	for m := range used {
		names = append(names, m)
	}
	slices.Sort(names)
	for _, m := range names {
		if !exported[m] {
			t.Errorf("panels %q query %s, which modelwire does not export", used[m], m)
		}
	}
}
