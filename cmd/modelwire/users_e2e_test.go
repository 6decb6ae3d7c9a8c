package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/feedcheck"
	"github.com/modelwire/modelwire/internal/modelpage"
	"github.com/modelwire/modelwire/internal/testsite"
	"github.com/modelwire/modelwire/internal/waittest"
)

// TestUsersSecondRound is issue 17's "done when", on a loopback news site
// crawled by `modelwire run`: the releases feed parses in feedparser with
// one entry per release, announcement dates and links, and answers a
// conditional GET with 304; a Slack-format webhook receives text and
// blocks; the search page shows an SVG timeline, and a model page lists
// the model's sources and claims; `modelwire search --json DeepSeek -Qwen`
// excludes the Qwen articles without "--".
func TestUsersSecondRound(t *testing.T) {
	site := testsite.New(testsite.Options{})
	defer site.Close()
	var (
		slackMu  sync.Mutex
		slackGot []map[string]any
	)
	slack := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var msg map[string]any
		body, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(body, &msg); err != nil {
			http.Error(w, "invalid_payload", http.StatusBadRequest) // as Slack answers
			return
		}
		slackMu.Lock()
		slackGot = append(slackGot, msg)
		slackMu.Unlock()
		io.WriteString(w, "ok")
	}))
	defer slack.Close()

	dir := t.TempDir()
	addr := freeAddr(t)
	base := "http://" + addr
	cfg := filepath.Join(dir, "modelwire.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`data_dir: %s
nats:
  listen: ""
http:
  addr: %s
crawler:
  allow_private_networks: true
  timeout: 5s
notify:
  webhooks:
    - url: %s/services/T000/B000/XXXX
      format: slack
      vendors: [deepseek]
sources:
  - name: aiwire
    feeds: [%s/feed.xml]
    delay: 1ms
    parallelism: 4
`, filepath.Join(dir, "data"), addr, slack.URL, site.URL)), 0o644)

	mw := start(t, "run", "--config", cfg)
	const releases = 6 // the site's handcrafted articles each announce one
	var recs []indexer.ReleaseRecord
	waittest.Eventually(t, 10*time.Second, "every article indexed and every release recorded", func() bool {
		code, body := httpGet(t, base+"/api/search?limit=50")
		var res indexer.Result
		if code != 200 || json.Unmarshal(body, &res) != nil || res.Total != len(site.Articles) {
			return false
		}
		code, body = httpGet(t, base+"/api/releases")
		return code == 200 && json.Unmarshal(body, &recs) == nil && len(recs) == releases
	})

	t.Run("releases feed", func(t *testing.T) {
		resp, body := get(t, base+"/feeds/releases.atom")
		feed := feedcheck.Parse(t, body)
		if resp.StatusCode != 200 || feed.Bozo || feed.Version != "atom10" {
			t.Fatalf("status %d, feedparser version %q, bozo %v (%s)", resp.StatusCode, feed.Version, feed.Bozo, feed.BozoException)
		}
		if len(feed.Entries) != releases {
			t.Fatalf("%d entries, want one per release (%d)", len(feed.Entries), releases)
		}
		for _, r := range recs {
			i := slices.IndexFunc(feed.Entries, func(e feedcheck.Entry) bool { return e.Title == r.Model+" ("+r.Vendor+")" })
			if i < 0 {
				t.Errorf("no entry for %s", r.Key)
				continue
			}
			e := feed.Entries[i]
			if want := r.AnnouncedAt().UTC().Format(time.RFC3339); e.Published != want {
				t.Errorf("%s: published %q, want the announcement date %s", r.Key, e.Published, want)
			}
			if e.Link != base+"/model/"+r.Key || !slices.ContainsFunc(e.Links, func(l feedcheck.Link) bool { return l.Rel == "related" && l.Href == r.Sources[0] }) {
				t.Errorf("%s: link %s, links %+v", r.Key, e.Link, e.Links)
			}
		}
		// The announcement dates are the articles' (2025-07-01), not today's.
		if !strings.HasPrefix(feed.Entries[0].Published, "2025-07-01") {
			t.Errorf("announced %s", feed.Entries[0].Published)
		}
		for _, h := range [][2]string{{"If-None-Match", resp.Header.Get("ETag")}, {"If-Modified-Since", resp.Header.Get("Last-Modified")}} {
			if resp, _ := get(t, base+"/feeds/releases.atom", h[0], h[1]); resp.StatusCode != http.StatusNotModified {
				t.Errorf("conditional GET with %s %q: status %d, want 304", h[0], h[1], resp.StatusCode)
			}
		}
	})

	t.Run("slack webhook", func(t *testing.T) {
		waittest.Eventually(t, 10*time.Second, "the Slack delivery", func() bool { slackMu.Lock(); defer slackMu.Unlock(); return len(slackGot) > 0 })
		slackMu.Lock()
		defer slackMu.Unlock()
		msg := slackGot[0]
		text, _ := msg["text"].(string)
		blocks, _ := msg["blocks"].([]any)
		if !strings.Contains(text, "DeepSeek-V3") || len(blocks) < 2 {
			t.Fatalf("Slack message %v", msg)
		}
		if b, _ := blocks[0].(map[string]any); b["type"] != "header" {
			t.Errorf("first block %v", blocks[0])
		}
		raw, _ := json.Marshal(msg)
		for _, want := range []string{"Announced", "2025-07-01", "Confidence", site.URL + "/news/1-en.html"} {
			if !strings.Contains(string(raw), want) {
				t.Errorf("Slack message lacks %q: %s", want, raw)
			}
		}
	})

	t.Run("search page timeline", func(t *testing.T) {
		code, body := httpGet(t, base+"/")
		page := string(body)
		if code != 200 || !strings.Contains(page, `<svg id="timeline-chart"`) || strings.Count(page, `<a class="bar`) == 0 {
			t.Fatalf("status %d, no SVG timeline with bars", code)
		}
		if !strings.Contains(page, `<a class="bar" href="?since=2025-06-30&amp;until=2025-07-07&amp;vendor=deepseek"`) {
			t.Errorf("no bar filtering to DeepSeek's week of 2025-06-30")
		}
	})

	t.Run("model page", func(t *testing.T) {
		code, body := httpGet(t, base+"/model/deepseek.deepseek-v3")
		page := string(body)
		if code != 200 || !strings.Contains(page, `<h1 id="model-name">DeepSeek-V3</h1>`) {
			t.Fatalf("status %d", code)
		}
		for _, want := range []string{
			`DeepSeek releases DeepSeek-V3, a 671B open-weight model</a>`, // its source
			`<td>MMLU</td><td>88.5</td>`,                                  // its claim
			`<dd id="params">671B (37B active)</dd>`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("model page lacks %s", want)
			}
		}
		code, body = httpGet(t, base+"/api/models/deepseek.deepseek-v3")
		var m modelpage.Model
		if code != 200 || json.Unmarshal(body, &m) != nil || len(m.Sources) == 0 || len(m.Claims) == 0 || m.Sources[0].URL != site.ArticleURL(site.Articles[0]) {
			t.Errorf("/api/models: %d %s", code, body)
		}
	})

	if code := mw.stop(t); code != 0 {
		t.Fatalf("run exited %d\n%s", code, mw.stderr.String())
	}

	t.Run("search DeepSeek -Qwen", func(t *testing.T) {
		all := searchJSON(t, cfg, "DeepSeek")
		excluded := searchJSON(t, cfg, "DeepSeek", "-Qwen")
		qwen := func(h indexer.Hit) bool {
			return strings.Contains(h.Title, "Qwen") || slices.ContainsFunc(h.Models, func(m string) bool { return strings.Contains(m, "Qwen") })
		}
		if !slices.ContainsFunc(all.Hits, qwen) {
			t.Fatalf("DeepSeek alone finds no Qwen article: %+v", all.Hits)
		}
		if excluded.Total == 0 || slices.ContainsFunc(excluded.Hits, qwen) || excluded.Total >= all.Total {
			t.Errorf("-Qwen kept Qwen articles or removed everything: %d of %d, %+v", excluded.Total, all.Total, excluded.Hits)
		}
	})
	t.Run("modelwire model", func(t *testing.T) {
		out, errOut, code := run(t, "model", "--config", cfg, "deepseek v3")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		for _, want := range []string{"DeepSeek-V3\n===", "671B (37B active)", "[announcement] DeepSeek releases DeepSeek-V3", "Benchmark claims", "MMLU"} {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		}
		if _, errOut, code := run(t, "model", "--config", cfg, "GPT-9"); code == 0 || !strings.Contains(errOut, `no release of a model named "GPT-9"`) {
			t.Errorf("unknown model: exit %d %s", code, errOut)
		}
	})
}

// get is an HTTP GET with headers given as name, value pairs.
func get(t *testing.T, url string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, body
}

// ansi matches terminal control sequences.
var ansi = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)

// TestRunOnceProgressInATerminal runs `modelwire run --once` with its
// stderr on a pseudo-terminal, as a person at a terminal does: progress
// bars, no info lines, a summary table at the end; and with stderr on a
// file: no bars, the usual log.
func TestRunOnceProgressInATerminal(t *testing.T) {
	site := testsite.New(testsite.Options{Extra: 60})
	defer site.Close()
	dir := t.TempDir()
	cfg := writeConfig(t, dir, fmt.Sprintf(`  - name: aiwire
    feeds: [%s/feed.xml, %s/missing.xml]
    delay: 1ms
    parallelism: 4
`, site.URL, site.URL))

	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer ptmx.Close()
	pty.Setsize(ptmx, &pty.Winsize{Rows: 30, Cols: 120})
	var screen bytes.Buffer
	copied := make(chan struct{})
	go func() { io.Copy(&screen, ptmx); close(copied) }()
	var stdout bytes.Buffer
	code := execute([]string{"run", "--once", "--config", cfg}, &stdout, tty)
	tty.Close()
	<-copied
	out := ansi.ReplaceAllString(screen.String(), "")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	n := len(site.Articles)
	for _, want := range []string{
		fmt.Sprintf("fetched   %d / %d pages", n, n), fmt.Sprintf("extracted %d / %d pages", n, n),
		fmt.Sprintf("indexed   %d / %d articles", n, n), "/s", "ETA",
		"level=WARN", "missing.xml", // a warning is printed above the bars
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the terminal lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "level=INFO") {
		t.Errorf("info lines on the terminal beside the bars:\n%s", out)
	}
	for _, want := range []string{"Run complete in", `pages fetched\s+` + fmt.Sprint(n) + `\s+[0-9.]+/s`, `articles indexed\s+` + fmt.Sprint(n) + `\s`, `release events indexed\s+\d`} {
		if !regexp.MustCompile(want).MatchString(stdout.String()) {
			t.Errorf("the summary lacks %q:\n%s", want, stdout.String())
		}
	}

	t.Run("not a terminal", func(t *testing.T) {
		log, err := os.Create(filepath.Join(t.TempDir(), "log"))
		if err != nil {
			t.Fatal(err)
		}
		defer log.Close()
		var stdout bytes.Buffer
		if code := execute([]string{"run", "--once", "--config", cfg}, &stdout, log); code != 0 {
			t.Fatalf("exit %d", code)
		}
		b, _ := os.ReadFile(log.Name())
		if strings.Contains(string(b), "ETA") || !strings.Contains(string(b), "level=INFO msg=\"run complete\"") || stdout.Len() != 0 {
			t.Errorf("log:\n%s\nstdout:\n%s", b, stdout.String())
		}
	})
	t.Run("quiet", func(t *testing.T) {
		_, errOut, code := run(t, "run", "--once", "--quiet", "--config", cfg)
		if code != 0 || strings.Contains(errOut, "level=INFO") || !strings.Contains(errOut, "level=WARN") {
			t.Errorf("exit %d:\n%s", code, errOut)
		}
		_, errOut, code = run(t, "run", "--once", "-q", "-v", "--config", cfg)
		if code == 0 || !strings.Contains(errOut, "--quiet and --verbose") {
			t.Errorf("-q -v: exit %d: %s", code, errOut)
		}
	})
}
