package main

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/modelwire/modelwire/internal/testsite"
)

// TestCrawlStaticSite is the crawler's acceptance check, run as a new user
// would: `modelwire run --once` twice over a static site on loopback
// (English and Chinese posts, a sitemap index with a .gz and a news
// sitemap, RSS and Atom feeds, robots.txt with Disallow lines), then
// `modelwire search`. It measures, from the server's request log:
// coverage of the sitemap's posts, robots obedience, duplicate downloads,
// the busiest second, the User-Agent, and what the second run downloads.
func TestCrawlStaticSite(t *testing.T) {
	site := testsite.New(testsite.Options{Extra: 40, ExtraZH: 20})
	defer site.Close()
	dir := t.TempDir()
	cfg := writeConfig(t, dir, fmt.Sprintf(`  - name: aiwire
    sitemaps: [%[1]s/sitemap.xml]
    feeds: [%[1]s/feed.xml, %[1]s/zh/atom.xml]
    start_urls: [%[1]s/]
    max_depth: 0
    delay: 50ms
    parallelism: 1
`, site.URL))

	start := time.Now()
	if _, errOut, code := run(t, "run", "--once", "--config", cfg); code != 0 {
		t.Fatalf("run --once: exit %d\n%s", code, errOut)
	}
	firstDur := time.Since(start)
	first := site.Requests()

	posts := map[string]bool{}
	for _, a := range site.Articles {
		posts[a.Path] = true
	}
	downloads := map[string]int{} // full (200) answers per path, both runs
	fetched := 0
	for _, r := range first {
		p, _, _ := strings.Cut(r.Path, "?")
		if r.Status == http.StatusOK {
			downloads[p]++
			if posts[p] && downloads[p] == 1 {
				fetched++
			}
		}
	}
	coverage := float64(fetched) / float64(len(posts))
	if coverage < 0.9 {
		t.Errorf("fetched %d of the sitemap's %d posts (%.0f%%), want ≥ 90%%", fetched, len(posts), 100*coverage)
	}

	if _, errOut, code := run(t, "run", "--once", "--config", cfg); code != 0 {
		t.Fatalf("second run --once: exit %d\n%s", code, errOut)
	}
	all := site.Requests()
	second := all[len(first):]
	again := 0
	for _, r := range second {
		p, _, _ := strings.Cut(r.Path, "?")
		if r.Status == http.StatusOK {
			downloads[p]++
			if posts[p] {
				again++
				t.Errorf("second run downloaded unchanged post %s", p)
			}
		}
	}

	var twice []string
	for p, n := range downloads {
		// robots.txt and the sitemap index are read on every run by design.
		if p != "/robots.txt" && p != "/sitemap.xml" && n > 1 {
			twice = append(twice, fmt.Sprintf("%s×%d", p, n))
		}
	}
	sort.Strings(twice)
	if len(twice) > 0 {
		t.Errorf("downloaded more than once over both runs: %v", twice)
	}

	times := make([]time.Time, 0, len(all))
	for _, r := range all {
		times = append(times, r.At)
		if r.UserAgent != "modelwire-test/1.0" {
			t.Errorf("%s requested with User-Agent %q", r.Path, r.UserAgent)
		}
		if strings.HasPrefix(r.Path, "/private/") || strings.HasPrefix(r.Path, "/drafts/") {
			t.Errorf("disallowed %s was requested", r.Path)
		}
	}
	busiest := busiestSecond(times)
	if busiest > 21 {
		t.Errorf("%d requests within one second, want ≤ ~20 (delay 50ms)", busiest)
	}
	if m := site.MaxInFlight(); m != 1 {
		t.Errorf("%d requests in flight at once, want 1 (parallelism 1)", m)
	}

	for _, q := range []struct{ query, path string }{
		{"DeepSeek-V3", site.Articles[0].Path},
		{"Qwen2.5-Max", site.Articles[1].Path},
		{"EXAONE", site.Articles[3].Path},
	} {
		res := searchJSON(t, cfg, q.query)
		if len(res.Hits) == 0 || res.Hits[0].URL != site.URL+q.path {
			first := "none"
			if len(res.Hits) > 0 {
				first = res.Hits[0].URL
			}
			t.Errorf("search %q: first hit %s, want %s", q.query, first, site.URL+q.path)
		}
	}

	t.Logf("first run: %d requests in %v; posts fetched %d / %d in sitemap (%.0f%%); busiest second %d requests; max in flight %d",
		len(first), firstDur.Round(time.Millisecond), fetched, len(posts), 100*coverage, busiest, site.MaxInFlight())
	t.Logf("second run: %d requests, %d conditional, %d full downloads of posts; URLs downloaded twice: %d",
		len(second), countConditional(second), again, len(twice))
}

// busiestSecond returns the most requests that arrived within any one
// second.
func busiestSecond(times []time.Time) int {
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	best, j := 0, 0
	for i := range times {
		for times[i].Sub(times[j]) >= time.Second {
			j++
		}
		best = max(best, i-j+1)
	}
	return best
}

func countConditional(reqs []testsite.Request) int {
	n := 0
	for _, r := range reqs {
		if r.Conditional {
			n++
		}
	}
	return n
}
