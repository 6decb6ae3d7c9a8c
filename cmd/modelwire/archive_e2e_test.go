package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/crawler/chromium"
	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/archive/warciotest"
	"github.com/modelwire/modelwire/internal/bus"
	"github.com/modelwire/modelwire/internal/testsite"
)

// releasesJSON returns the release records, sources sorted, by key.
func releasesJSON(t *testing.T, cfg string) map[string]indexer.ReleaseRecord {
	t.Helper()
	out, errOut, code := run(t, "releases", "--config", cfg, "--json", "--limit", "1000")
	if code != 0 {
		t.Fatalf("releases: exit %d: %s", code, errOut)
	}
	var recs []indexer.ReleaseRecord
	if err := json.Unmarshal([]byte(out), &recs); err != nil {
		t.Fatalf("releases --json: %v\n%s", err, out)
	}
	m := map[string]indexer.ReleaseRecord{}
	for _, r := range recs {
		if _, dup := m[r.Key]; dup {
			t.Errorf("release %s listed twice", r.Key)
		}
		slices.Sort(r.Sources)
		if len(slices.Compact(slices.Clone(r.Sources))) != len(r.Sources) {
			t.Errorf("release %s lists a source twice: %v", r.Key, r.Sources)
		}
		m[r.Key] = r
	}
	return m
}

// searchSnapshot is what the search results of a data directory look
// like: every hit of the empty query and of each article's keyword.
func searchSnapshot(t *testing.T, cfg string, site *testsite.Site) string {
	t.Helper()
	var b strings.Builder
	all := searchJSON(t, cfg, "--limit", "100")
	fmt.Fprintf(&b, "total %d facets %v\n", all.Total, all.Facets)
	for _, h := range all.Hits {
		fmt.Fprintf(&b, "%s %s %q %s %s %v %v\n", h.ID, h.URL, h.Title, h.PublishedAt, h.Language, h.Vendors, h.Models)
	}
	for _, a := range site.Articles {
		res := searchJSON(t, cfg, a.Keyword)
		for _, h := range res.Hits {
			fmt.Fprintf(&b, "%s: %s %q\n", a.Keyword, h.URL, h.Snippet)
		}
	}
	return b.String()
}

func warcFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	if len(files) == 0 {
		all, _ := filepath.Glob(filepath.Join(dir, "*"))
		t.Fatalf("no closed WARC files in %s: %v", dir, all)
	}
	return files
}

// TestArchiveThenReprocessRestoresSearch is the first two "Done when"
// points of the archive: `run --once` on a loopback site leaves WARC files
// that warcio accepts, with one response per fetched page; deleting the
// index and running `reprocess` restores the same search results and
// release records, announcing nothing again.
func TestArchiveThenReprocessRestoresSearch(t *testing.T) {
	site := testsite.New(testsite.Options{Extra: 4, ExtraZH: 2})
	defer site.Close()
	dir := t.TempDir()
	// Feeds and a start page whose links lead to an alias page (same
	// canonical URL as an article): the archive holds both captures.
	cfg := writeConfig(t, dir, fmt.Sprintf("  - name: aiwire\n    feeds: [%s/feed.xml, %s/zh/atom.xml]\n    start_urls: [%s/]\n    max_depth: 1\n    delay: 1ms\n    parallelism: 4\n", site.URL, site.URL, site.URL))
	if _, errOut, code := run(t, "run", "--once", "--config", cfg); code != 0 {
		t.Fatalf("run --once: exit %d\n%s", code, errOut)
	}

	files := warcFiles(t, filepath.Join(dir, "data", "warc"))
	warciotest.Check(t, files...)
	responses := map[string]int{}
	for _, f := range files {
		for _, r := range warciotest.Index(t, f, "warc-type,warc-target-uri,http:status") {
			if r["warc-type"] == "response" {
				responses[r["warc-target-uri"]]++
			}
		}
	}
	for _, a := range site.Articles {
		if n := responses[site.ArticleURL(a)]; n != 1 {
			t.Errorf("%s: %d response records, want 1", a.Path, n)
		}
	}
	if responses[site.URL+site.Alias] != 1 {
		t.Errorf("the alias page %s was not archived: %v", site.Alias, responses)
	}
	if responses[site.URL+"/feed.xml"] != 1 || responses[site.URL+"/robots.txt"] != 0 && responses[site.URL+"/robots.txt"] != 1 {
		t.Errorf("feed and robots.txt responses: %v", responses)
	}

	before := searchSnapshot(t, cfg, site)
	releases := releasesJSON(t, cfg)
	if len(releases) < 6 {
		t.Fatalf("only %d releases recorded by the crawl", len(releases))
	}
	if err := os.RemoveAll(filepath.Join(dir, "data", "index")); err != nil {
		t.Fatal(err)
	}

	out, errOut, code := run(t, "reprocess", "--config", cfg)
	if code != 0 {
		t.Fatalf("reprocess: exit %d\n%s\n%s", code, out, errOut)
	}
	t.Logf("reprocess printed:\n%s", out)
	for _, want := range []string{fmt.Sprintf("articles added     %d", len(site.Articles)), "releases added     0", "corrupt records    0"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if after := searchSnapshot(t, cfg, site); after != before {
		t.Errorf("search results after reprocess differ:\n--- before\n%s\n--- after\n%s", before, after)
	}
	again := releasesJSON(t, cfg)
	for key, r := range releases {
		a, ok := again[key]
		if !ok || !slices.Equal(a.Sources, r.Sources) || !a.FirstSeen.Equal(r.FirstSeen) {
			t.Errorf("release %s after reprocess: %+v, want sources %v first seen %v", key, a, r.Sources, r.FirstSeen)
		}
	}
	if len(again) != len(releases) {
		t.Errorf("%d releases after reprocess, %d before", len(again), len(releases))
	}

	// Reprocessing again changes nothing; and the event stream still has
	// one release event per release (none announced again).
	out, _, code = run(t, "reprocess", "--config", cfg, "--json")
	var sum struct {
		Added, Changed, Unchanged int64
		ReleasesAdded             int64 `json:"releases_added"`
	}
	json.Unmarshal([]byte(strings.ReplaceAll(strings.ReplaceAll(out, "articles_", ""), `"releases_added"`, `"releases_added"`)), &sum)
	if code != 0 || sum.Added != 0 || sum.Changed != 0 || sum.Unchanged != int64(len(site.Articles)) {
		t.Errorf("second reprocess: exit %d, %+v\n%s", code, sum, out)
	}
	events := watchAll(t, cfg)
	kinds := map[string]int{}
	for _, ev := range events {
		if ev.Kind == "release" {
			kinds[ev.Key]++
		}
	}
	for key, n := range kinds {
		if n != 1 {
			t.Errorf("release %s announced %d times", key, n)
		}
	}
}

// releaseEventLine is the part of a `watch --json` line this test reads.
type releaseEventLine struct {
	Kind string `json:"kind"`
	Key  string `json:"key"`
}

// watchAll returns every event on MW_RELEASES of the data directory,
// read from its embedded NATS store.
func watchAll(t *testing.T, cfg string) []releaseEventLine {
	t.Helper()
	dataDir := filepath.Join(filepath.Dir(cfg), "data")
	srv, err := bus.StartEmbedded(bus.EmbeddedOptions{StoreDir: filepath.Join(dataDir, "nats")})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { srv.Shutdown(); srv.WaitForShutdown() }()
	nc, err := bus.Connect("", srv, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	ctx := context.Background()
	st, err := js.Stream(ctx, event.StreamReleases)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := st.Info(ctx)
	cons, err := js.OrderedConsumer(ctx, event.StreamReleases, jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	var evs []releaseEventLine
	for range info.State.Msgs {
		m, err := cons.Next(jetstream.FetchMaxWait(2 * time.Second))
		if err != nil {
			t.Fatal(err)
		}
		var ev releaseEventLine
		if err := json.Unmarshal(m.Data(), &ev); err != nil {
			t.Fatal(err)
		}
		evs = append(evs, ev)
	}
	return evs
}

// wgetCrawl mirrors site with Debian's wget --warc-file and returns the
// WARC file.
func wgetCrawl(t *testing.T, site *testsite.Site) string {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command("wget", "--quiet", "--recursive", "--level=2", "--tries=1", "--timeout=5",
		"--directory-prefix", filepath.Join(dir, "mirror"), "--warc-file", filepath.Join(dir, "crawl"), site.URL+"/")
	if out, err := cmd.CombinedOutput(); err != nil {
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 8 { // 8: some page answered an error
			t.Fatalf("wget: %v\n%s", err, out)
		}
	}
	return filepath.Join(dir, "crawl.warc.gz")
}

// TestImportWgetCrawl is the other two "Done when" points: importing a
// wget --warc-file crawl of another loopback site makes its articles
// searchable with their releases recorded, once each on a second import;
// a corrupted record in the middle of the file is skipped with an error
// naming its offset, and the records after it are imported.
func TestImportWgetCrawl(t *testing.T) {
	site := testsite.New(testsite.Options{Extra: 3, ExtraZH: 2})
	defer site.Close()
	file := wgetCrawl(t, site)
	warciotest.Check(t, file)

	dir := t.TempDir()
	cfg := writeConfig(t, dir, "")
	host := strings.Split(strings.TrimPrefix(site.URL, "http://"), ":")[0]
	out, errOut, code := run(t, "import", "--config", cfg, "--domain", host, file)
	if code != 0 {
		t.Fatalf("import: exit %d\n%s\n%s", code, out, errOut)
	}
	t.Logf("import printed:\n%s", out)
	for _, a := range site.Articles {
		res := searchJSON(t, cfg, a.Keyword)
		if res.Total != 1 || res.Hits[0].URL != site.ArticleURL(a) {
			t.Errorf("search %q after import: %+v", a.Keyword, res.Hits)
		}
	}
	releases := releasesJSON(t, cfg)
	for _, want := range []string{"deepseek.deepseek-v3", "alibaba.qwen2-5-max", "moonshot.kimi-k2", "zhipu.glm-4-5"} {
		if _, ok := releases[want]; !ok {
			t.Errorf("release %s not recorded; have %v", want, slices.Sorted(mapsKeys(releases)))
		}
	}
	if evs := watchAll(t, cfg); len(evs) != 0 {
		t.Errorf("import without --announce published %d release events", len(evs))
	}

	out, _, code = run(t, "import", "--config", cfg, "--domain", host, file)
	if code != 0 || !strings.Contains(out, "articles added     0") || !strings.Contains(out, "releases added     0") {
		t.Errorf("second import: exit %d\n%s", code, out)
	}
	if again := releasesJSON(t, cfg); !equalReleases(again, releases) {
		t.Errorf("second import changed the release records:\n%v\nwant\n%v", again, releases)
	}
	if all := searchJSON(t, cfg, "--limit", "100"); all.Total != len(site.Articles) {
		t.Errorf("%d documents after two imports, want %d", all.Total, len(site.Articles))
	}

	// A corrupted record in the middle of the file.
	recs := warciotest.Index(t, file, "warc-type,warc-target-uri,offset,length")
	var bad warciotest.Record
	var after []string
	for _, r := range recs {
		if r["warc-type"] != "response" || !strings.Contains(r["warc-target-uri"], ".html") {
			continue
		}
		if bad == nil && strings.Contains(r["warc-target-uri"], "/news/4-") { // captured once
			bad = r
		} else if bad != nil {
			after = append(after, r["warc-target-uri"])
		}
	}
	if bad == nil || len(after) < 3 {
		t.Fatalf("no article response with three after it in %v", recs)
	}
	data, _ := os.ReadFile(file)
	off, _ := strconv.ParseInt(bad["offset"], 10, 64)
	length, _ := strconv.ParseInt(bad["length"], 10, 64)
	for i := off + length/2; i < off+length/2+32; i++ {
		data[i] ^= 0xa5
	}
	corrupt := filepath.Join(t.TempDir(), "corrupt.warc.gz")
	os.WriteFile(corrupt, data, 0o644)
	dir2 := t.TempDir()
	cfg2 := writeConfig(t, dir2, "")
	out, errOut, code = run(t, "import", "--config", cfg2, "--domain", host, corrupt)
	if code != 0 {
		t.Fatalf("import of a corrupt file: exit %d\n%s", code, errOut)
	}
	if !strings.Contains(errOut, "corrupt WARC record skipped") || !strings.Contains(errOut, "offset="+bad["offset"]) {
		t.Errorf("the error does not name offset %s:\n%s", bad["offset"], errOut)
	}
	if !strings.Contains(out, "corrupt records    1") {
		t.Errorf("summary does not count the corrupt record:\n%s", out)
	}
	for _, a := range site.Articles {
		res := searchJSON(t, cfg2, a.Keyword)
		want := 1
		if strings.Contains(bad["warc-target-uri"], a.Path) {
			want = 0
		}
		if res.Total != want {
			t.Errorf("search %q after importing the corrupt file: %d hits, want %d: %+v", a.Keyword, res.Total, want, res.Hits)
		}
	}
}

func mapsKeys(m map[string]indexer.ReleaseRecord) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func equalReleases(a, b map[string]indexer.ReleaseRecord) bool {
	if len(a) != len(b) {
		return false
	}
	for k, r := range a {
		o, ok := b[k]
		if !ok || !slices.Equal(r.Sources, o.Sources) || !r.FirstSeen.Equal(o.FirstSeen) {
			return false
		}
	}
	return true
}

// TestReprocessElasticsearch runs the reprocess walk-through on
// Elasticsearch: the indices deleted after a crawl, reprocess brings back
// the same search results and release records.
func TestReprocessElasticsearch(t *testing.T) {
	es := testESURL(t)
	prefix := fmt.Sprintf("mwtest-reprocess-%d", time.Now().UnixNano())
	drop := func() {
		for _, kind := range []string{"articles", "releases"} {
			esJSON(t, "DELETE", es+"/"+prefix+"-"+kind+"-v1", nil, nil)
		}
	}
	t.Cleanup(func() {
		drop()
		for _, kind := range []string{"articles", "releases"} {
			esJSON(t, "DELETE", es+"/_index_template/"+prefix+"-"+kind, nil, nil)
		}
	})
	site := testsite.New(testsite.Options{Extra: 3})
	defer site.Close()
	dir := t.TempDir()
	cfg := writeConfig(t, dir, fmt.Sprintf("  - name: aiwire\n    feeds: [%s/feed.xml]\n    delay: 1ms\n    parallelism: 4\n", site.URL))
	data, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, append(data, []byte("elasticsearch:\n  index_prefix: "+prefix+"\n")...), 0o644)
	t.Setenv("MODELWIRE_ES_URL", es)

	if _, errOut, code := run(t, "run", "--once", "--config", cfg); code != 0 {
		t.Fatalf("run --once: exit %d\n%s", code, errOut)
	}
	before := searchSnapshot(t, cfg, site)
	releases := releasesJSON(t, cfg)
	drop()
	out, errOut, code := run(t, "reprocess", "--config", cfg)
	if code != 0 {
		t.Fatalf("reprocess: exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, fmt.Sprintf("articles added     %d", len(site.Articles))) {
		t.Errorf("summary:\n%s", out)
	}
	esJSON(t, "POST", es+"/"+prefix+"-articles,"+prefix+"-releases/_refresh", nil, nil)
	if after := searchSnapshot(t, cfg, site); after != before {
		t.Errorf("search results after reprocess differ:\n--- before\n%s\n--- after\n%s", before, after)
	}
	if again := releasesJSON(t, cfg); !equalReleases(again, releases) {
		t.Errorf("releases after reprocess:\n%v\nwant\n%v", again, releases)
	}
}

// TestArchiveRenderedThenReprocess: a `render: chromium` crawl leaves WARC
// files warcio accepts, holding for each rendered page what the server
// sent and a conversion record with the DOM its scripts built; after the
// index is deleted, `reprocess` finds the page again by a word only its
// script writes.
func TestArchiveRenderedThenReprocess(t *testing.T) {
	if _, err := chromium.Find(""); err != nil {
		t.Fatalf("%v: install it with apt-get install -y chromium", err)
	}
	spa := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/news/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<!doctype html><html><head><title>News</title></head><body><ul id="list"></ul>
<script>document.getElementById("list").innerHTML = '<li><a href="/news/kestrel">Kestrel</a></li>';</script></body></html>`)
		case "/news/kestrel":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<!doctype html><html><head><title>News</title><script src="/app.js"></script></head><body><main id="app"></main></body></html>`)
		case "/app.js":
			w.Header().Set("Content-Type", "text/javascript")
			fmt.Fprint(w, `document.addEventListener("DOMContentLoaded", () => {
  document.title = "Kestrel AI releases Kestrel-13B";
  document.getElementById("app").innerHTML = "<article><h1>Kestrel AI releases Kestrel-13B</h1>" +
    "<p>Kestrel AI released Kestrel-13B, an open-weight language model trained on six trillion tokens, " +
    "under the Apache 2.0 licence. The lab says it beats models twice its size on reasoning benchmarks " +
    "and will publish the training notes next month. Code name: " + ["bladder", "wrack"].join("") + ".</p></article>";
});`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer spa.Close()
	dir := t.TempDir()
	cfg := writeConfig(t, dir, fmt.Sprintf("  - name: spa-news\n    start_urls: [%s/news/]\n    max_depth: 1\n    render: chromium\n    delay: 1ms\n", spa.URL))
	if _, errOut, code := run(t, "run", "--once", "--config", cfg); code != 0 {
		t.Fatalf("run --once: exit %d\n%s", code, errOut)
	}
	page := spa.URL + "/news/kestrel"
	if res := searchJSON(t, cfg, scriptWord); res.Total != 1 || res.Hits[0].URL != page {
		t.Fatalf("search %q after the crawl: %+v", scriptWord, res.Hits)
	}

	files := warcFiles(t, filepath.Join(dir, "data", "warc"))
	warciotest.Check(t, files...)
	kinds := map[string]int{}
	for _, f := range files {
		recs := warciotest.Index(t, f, "warc-type,warc-target-uri,warc-record-id,warc-refers-to,content-type")
		ids := map[string]warciotest.Record{}
		for _, r := range recs {
			ids[r["warc-record-id"]] = r
		}
		for _, r := range recs {
			if r["warc-target-uri"] != page {
				continue
			}
			kinds[r["warc-type"]]++
			if r["warc-type"] == "conversion" {
				if ref := ids[r["warc-refers-to"]]; ref["warc-type"] != "response" || ref["warc-target-uri"] != page || !strings.HasPrefix(r["content-type"], "text/html") {
					t.Errorf("conversion record %v refers to %v", r, ref)
				}
			}
		}
	}
	if kinds["request"] != 1 || kinds["response"] != 1 || kinds["metadata"] != 1 || kinds["conversion"] != 1 {
		t.Errorf("records of the rendered page: %v, want a request, a response, a metadata and a conversion record", kinds)
	}
	before := searchSnapshot(t, cfg, &testsite.Site{})

	if err := os.RemoveAll(filepath.Join(dir, "data", "index")); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := run(t, "reprocess", "--config", cfg)
	if code != 0 {
		t.Fatalf("reprocess: exit %d\n%s\n%s", code, out, errOut)
	}
	t.Logf("reprocess printed:\n%s", out)
	if res := searchJSON(t, cfg, scriptWord); res.Total != 1 || res.Hits[0].URL != page {
		t.Errorf("search %q after reprocess: %+v, want the rendered page", scriptWord, res.Hits)
	}
	if after := searchSnapshot(t, cfg, &testsite.Site{}); after != before {
		t.Errorf("search results after reprocess differ:\n--- before\n%s\n--- after\n%s", before, after)
	}
	// The archived page is the page as published: reprocessing again with
	// the index in place changes nothing.
	out, _, code = run(t, "reprocess", "--config", cfg)
	if code != 0 || !strings.Contains(out, "articles changed   0") || !strings.Contains(out, "articles added     0") {
		t.Errorf("second reprocess: exit %d\n%s", code, out)
	}
}
