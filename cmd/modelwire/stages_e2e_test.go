package main

import (
	"bufio"
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/modelwire/modelwire/internal/archive/warciotest"
	"github.com/modelwire/modelwire/internal/bus"
	"github.com/modelwire/modelwire/internal/testsite"
	"github.com/modelwire/modelwire/internal/waittest"
)

// metric returns the sum of the samples of name whose label text contains
// every one of labels, read from a /metrics page.
func metric(t *testing.T, addr, name string, labels ...string) float64 {
	t.Helper()
	status, body := httpGet(t, "http://"+addr+"/metrics")
	if status != http.StatusOK {
		return -1
	}
	var sum float64
	sc := bufio.NewScanner(bytes.NewReader(body))
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, name+"{") && !strings.HasPrefix(line, name+" ") {
			continue
		}
		ok := true
		for _, l := range labels {
			ok = ok && strings.Contains(line, l)
		}
		if !ok {
			continue
		}
		if v, err := strconv.ParseFloat(line[strings.LastIndexByte(line, ' ')+1:], 64); err == nil {
			sum += v
		}
	}
	return sum
}

// TestStageProcesses runs the stages as separate commands against one NATS
// server, as a deployment does: two crawlers, two extractors, one indexer
// (the embedded store has one writer). Every article is indexed once, the
// crawlers keep the site's politeness together, each process answers its
// probes, a config change adds a source without a restart, and every
// process stops cleanly.
func TestStageProcesses(t *testing.T) {
	srv, err := bus.StartEmbedded(bus.EmbeddedOptions{StoreDir: t.TempDir(), Listen: "127.0.0.1:0", Password: "stage-test"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	site := testsite.New(testsite.Options{Extra: 20})
	defer site.Close()
	site2 := testsite.New(testsite.Options{Extra: 3})
	defer site2.Close()
	dir := t.TempDir()
	const delay = 40 * time.Millisecond
	source := func(name, url string) string {
		return fmt.Sprintf("  - name: %s\n    feeds: [%s/feed.xml]\n    delay: %s\n    parallelism: 1\n", name, url, delay)
	}
	header := fmt.Sprintf(`data_dir: %s
nats:
  url: %s
  user: modelwire
  password: stage-test
crawler:
  user_agent: modelwire-test/1.0
  allow_private_networks: true
  timeout: 5s
sources:
`, filepath.Join(dir, "data"), srv.ClientURL())
	cfg := filepath.Join(dir, "modelwire.yaml")
	if err := os.WriteFile(cfg, []byte(header+source("aiwire", site.URL)), 0o644); err != nil {
		t.Fatal(err)
	}

	type proc struct {
		name, addr string
		b          *background
	}
	var procs []proc
	for _, stage := range []string{"indexer", "extractor", "extractor", "crawler", "crawler"} {
		addr := freeAddr(t)
		procs = append(procs, proc{stage, addr, start(t, stage, "--config", cfg, "--http-addr", addr, "--shutdown-timeout", "10s")})
	}
	indexer := procs[0]
	indexed := func() float64 {
		return metric(t, indexer.addr, "modelwire_index_documents_total", `kind="articles"`, `result="indexed"`)
	}
	waitLong := func(what string, cond func() bool) {
		t.Helper()
		waittest.Eventually(t, time.Minute, what, cond, func() string {
			var logs strings.Builder
			for _, p := range procs {
				fmt.Fprintf(&logs, "%s:\n%s\n", p.name, p.b.stderr.String())
			}
			return logs.String()
		})
	}
	waitLong("the first site indexed", func() bool { return int(indexed()) >= len(site.Articles) })

	for _, p := range procs {
		if status, body := httpGet(t, "http://"+p.addr+"/readyz"); status != http.StatusOK {
			t.Errorf("%s /readyz: %d %s", p.name, status, body)
		}
		if out, errOut, code := run(t, "healthcheck", "--url", "http://"+p.addr+"/readyz"); code != 0 || out != "ready\n" {
			t.Errorf("healthcheck of %s: exit %d %q %q", p.name, code, out, errOut)
		}
	}
	if _, errOut, code := run(t, "healthcheck", "--url", "http://"+freeAddr(t)+"/readyz", "--timeout", "1s"); code != 1 || !strings.Contains(errOut, "not ready") {
		t.Errorf("healthcheck of nothing: exit %d %q", code, errOut)
	}
	perStage := map[string]string{
		"crawler":   "modelwire_crawler_pages_total",
		"extractor": "modelwire_extract_duration_seconds_count",
		"indexer":   "modelwire_index_bulk_duration_seconds_count",
	}
	var fetched, extracted float64
	for _, p := range procs {
		v := metric(t, p.addr, perStage[p.name])
		switch p.name {
		case "crawler":
			fetched += metric(t, p.addr, "modelwire_crawler_pages_total", `status="fetched"`)
		case "extractor":
			extracted += v
		}
		if v <= 0 && p.name != "crawler" {
			t.Errorf("%s /metrics: %s = %v", p.name, perStage[p.name], v)
		}
	}
	if int(fetched) != len(site.Articles) {
		t.Errorf("the crawlers fetched %v pages between them, want each of the %d articles once", fetched, len(site.Articles))
	}
	if int(extracted) < len(site.Articles) {
		t.Errorf("the extractors extracted %v pages between them, want ≥ %d", extracted, len(site.Articles))
	}
	if m := site.MaxInFlight(); m != 1 {
		t.Errorf("%d requests in flight at once across both crawlers, want 1 (parallelism 1)", m)
	}

	// A new source by editing the file: the crawlers reload it.
	if err := os.WriteFile(cfg, []byte(header+source("aiwire", site.URL)+source("second", site2.URL)), 0o644); err != nil {
		t.Fatal(err)
	}
	waitLong("the added source indexed", func() bool { return int(indexed()) >= len(site.Articles)+len(site2.Articles) })

	for _, p := range procs {
		if code := p.b.stop(t); code != 0 {
			t.Errorf("%s exited %d\n%s", p.name, code, p.b.stderr.String())
		}
		if !strings.Contains(p.b.stderr.String(), "stopped") {
			t.Errorf("%s did not log its stop:\n%s", p.name, p.b.stderr.String())
		}
	}
	res := searchJSON(t, cfg, "--limit", "1")
	if want := len(site.Articles) + len(site2.Articles); res.Total != want {
		t.Errorf("%d documents in the store, want %d", res.Total, want)
	}

	// The delay across both crawlers, per host, measured when each
	// request left its crawler: the request records of the two crawlers'
	// archives are dated when the request was written to its connection
	// (to the millisecond). Not when it reached the site: on a loaded
	// machine the loopback site's handler starts up to tens of
	// milliseconds after the request was written, more for one request
	// than the next, which brought two arrivals within the delay although
	// their sends were not.
	sent := map[string][]time.Time{}
	for _, f := range warcFiles(t, filepath.Join(dir, "data", "warc")) {
		for _, r := range warciotest.Index(t, f, "warc-type,warc-target-uri,warc-date") {
			if r["warc-type"] != "request" {
				continue
			}
			at, err := time.Parse(time.RFC3339Nano, r["warc-date"])
			if err != nil {
				t.Fatalf("request record of %s: WARC-Date %q: %v", r["warc-target-uri"], r["warc-date"], err)
			}
			for _, s := range []*testsite.Site{site, site2} {
				if strings.HasPrefix(r["warc-target-uri"], s.URL+"/") {
					sent[s.URL] = append(sent[s.URL], at)
				}
			}
		}
	}
	for _, s := range []*testsite.Site{site, site2} {
		if n := len(s.Requests()); len(sent[s.URL]) != n {
			t.Errorf("%s: %d requests archived by the crawlers, the site saw %d", s.URL, len(sent[s.URL]), n)
		}
		times := sent[s.URL]
		slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
		for i := 1; i < len(times); i++ {
			// Each date lost under a millisecond.
			if gap := times[i].Sub(times[i-1]); gap < delay-time.Millisecond {
				t.Errorf("%s: request sent %v after the previous one across both crawlers; the delay is %v", s.URL, gap, delay)
			}
		}
	}
}

// TestStageNeedsNATS: a single stage on an embedded server nobody else can
// reach is refused with a clear message.
func TestStageNeedsNATS(t *testing.T) {
	for _, stage := range []string{"crawler", "extractor", "indexer"} {
		t.Run(stage, func(t *testing.T) {
			_, errOut, code := run(t, stage, "--data", t.TempDir())
			if code != 1 || !strings.Contains(errOut, "needs a NATS server") {
				t.Errorf("exit %d: %s", code, errOut)
			}
		})
	}
}
