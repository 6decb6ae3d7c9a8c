package api_test

import (
	"bytes"
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/api"
	"github.com/modelwire/modelwire/internal/feedcheck"
)

func TestReleasesFeed(t *testing.T) {
	f := newFixture(t, api.Options{})
	f.indexReleases(t, fixtureReleases()...)
	resp, body := get(t, f.srv.URL+"/feeds/releases.atom")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/atom+xml; charset=utf-8" {
		t.Fatalf("status %d, type %q: %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	etag, lastMod := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	if etag == "" || lastMod == "" {
		t.Fatalf("validators: ETag %q, Last-Modified %q", etag, lastMod)
	}
	// The newest sighting is the Kimi K2 corroboration, at t0+96h.
	if lastMod != t0.Add(96*time.Hour).Format(http.TimeFormat) {
		t.Errorf("Last-Modified %s, want the newest sighting %s", lastMod, t0.Add(96*time.Hour).Format(http.TimeFormat))
	}

	feed := feedcheck.Parse(t, body)
	if feed.Bozo || feed.Version != "atom10" {
		t.Fatalf("feedparser: version %q, bozo %v: %s\n%s", feed.Version, feed.Bozo, feed.BozoException, body)
	}
	if feed.Updated != "2025-01-24T08:00:00Z" || feed.ID != f.srv.URL+"/feeds/releases.atom" || feed.Title != "modelwire: model releases" {
		t.Errorf("feed id %q, title %q, updated %q", feed.ID, feed.Title, feed.Updated)
	}
	if rels := linkRels(feed.Links); !slices.Equal(rels, []string{"self " + f.srv.URL + "/feeds/releases.atom", "alternate " + f.srv.URL + "/"}) {
		t.Errorf("feed links %v", rels)
	}
	want := map[string]struct{ published, related string }{
		"DeepSeek-R1 (deepseek)": {"2025-01-20T08:00:00Z", "https://news.example/deepseek-r1"},
		"Kimi K2 (moonshot)":     {"2025-01-21T08:00:00Z", "https://news.example/kimi-k2"},
		"Qwen3 (qwen)":           {"2025-01-22T08:00:00Z", "https://news.example/qwen3"},
		"Qwen3-235B-A22B (qwen)": {"2024-12-11T08:00:00Z", "https://other.example/qwen3-235b"},
		"DeepSeek-V3 (deepseek)": {"2024-12-26T08:00:00Z", "https://other.example/deepseek-v3"},
	}
	if len(feed.Entries) != len(want) {
		t.Fatalf("%d entries, want one per release (%d)", len(feed.Entries), len(want))
	}
	ids := map[string]string{}
	for _, e := range feed.Entries {
		w, ok := want[e.Title]
		if !ok {
			t.Errorf("unexpected entry %q", e.Title)
			continue
		}
		ids[e.Title] = e.ID
		if !strings.HasPrefix(e.ID, "urn:uuid:") || e.Published != w.published || e.Updated == "" {
			t.Errorf("%s: id %q, published %q (want %s), updated %q", e.Title, e.ID, e.Published, w.published, e.Updated)
		}
		if !strings.HasPrefix(e.Link, f.srv.URL+"/model/") {
			t.Errorf("%s: link %q is not its model page", e.Title, e.Link)
		}
		if !slices.Contains(linkRels(e.Links), "related "+w.related) {
			t.Errorf("%s: links %v lack the announcing article %s", e.Title, linkRels(e.Links), w.related)
		}
		if len(e.Content) != 1 || !strings.Contains(e.Content[0], "model page") {
			t.Errorf("%s: content %q", e.Title, e.Content)
		}
	}
	if e := entry(feed, "Kimi K2 (moonshot)"); e.Updated != "2025-01-24T08:00:00Z" {
		t.Errorf("Kimi K2 updated %q, want its last sighting", e.Updated)
	}
	if e := entry(feed, "DeepSeek-R1 (deepseek)"); !strings.Contains(e.Content[0], "671B parameters (37B active)") ||
		!strings.Contains(e.Content[0], "AIME 2024 79.8%") || !slices.Contains(e.Tags, "deepseek") {
		t.Errorf("DeepSeek-R1 content %q, tags %v", e.Content, e.Tags)
	}

	t.Run("conditional GET", func(t *testing.T) {
		for _, h := range [][2]string{{"If-None-Match", etag}, {"If-Modified-Since", lastMod}} {
			resp, body := get(t, f.srv.URL+"/feeds/releases.atom", h[0], h[1])
			if resp.StatusCode != http.StatusNotModified || len(body) != 0 {
				t.Errorf("%s: status %d with %d bytes, want 304 and nothing", h[0], resp.StatusCode, len(body))
			}
		}
		// A new release changes the feed: the old validators no longer match.
		ev := releaseEvent(event.KindRelease, "zhipu", "GLM-4.5", "https://news.example/glm")
		ev.FirstSeen, ev.SeenAt = t0.Add(200*time.Hour), t0.Add(200*time.Hour)
		f.indexReleases(t, ev)
		for _, h := range [][2]string{{"If-None-Match", etag}, {"If-Modified-Since", lastMod}} {
			resp, body := get(t, f.srv.URL+"/feeds/releases.atom", h[0], h[1])
			if resp.StatusCode != 200 || resp.Header.Get("ETag") == etag || !bytes.Contains(body, []byte("GLM-4.5")) {
				t.Errorf("%s after a new release: status %d, ETag %s", h[0], resp.StatusCode, resp.Header.Get("ETag"))
			}
		}
	})

	t.Run("filters", func(t *testing.T) {
		for query, titles := range map[string][]string{
			"vendor=deepseek":         {"DeepSeek-R1 (deepseek)", "DeepSeek-V3 (deepseek)"},
			"model=kimi-k2":           {"Kimi K2 (moonshot)"},
			"vendor=qwen&vendor=none": {"Qwen3 (qwen)", "Qwen3-235B-A22B (qwen)"},
			"limit=1":                 {"GLM-4.5 (zhipu)"},
		} {
			resp, body := get(t, f.srv.URL+"/feeds/releases.atom?"+query)
			if resp.StatusCode != 200 {
				t.Fatalf("%s: status %d: %s", query, resp.StatusCode, body)
			}
			feed := feedcheck.Parse(t, body)
			var got []string
			for _, e := range feed.Entries {
				got = append(got, e.Title)
				if id, ok := ids[e.Title]; ok && id != e.ID {
					t.Errorf("%s: %s has id %s, %s in the whole feed: ids must not depend on the filter", query, e.Title, e.ID, id)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, titles) {
				t.Errorf("%s: entries %v, want %v", query, got, titles)
			}
		}
	})

	t.Run("JSON Feed 1.1", func(t *testing.T) {
		resp, body := get(t, f.srv.URL+"/feeds/releases.json?vendor=deepseek")
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/feed+json; charset=utf-8" || resp.Header.Get("ETag") == "" {
			t.Fatalf("status %d, headers %v", resp.StatusCode, resp.Header)
		}
		jf, err := gofeed.NewParser().Parse(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("gofeed: %v\n%s", err, body)
		}
		if jf.FeedType != "json" || jf.FeedVersion != "https://jsonfeed.org/version/1.1" || len(jf.Items) != 2 || jf.FeedLink != f.srv.URL+"/feeds/releases.json?vendor=deepseek" {
			t.Fatalf("type %s %s, %d items, feed link %s", jf.FeedType, jf.FeedVersion, len(jf.Items), jf.FeedLink)
		}
		for _, it := range jf.Items {
			if it.PublishedParsed == nil || it.UpdatedParsed == nil || !strings.HasPrefix(it.Link, f.srv.URL+"/model/deepseek.") || ids[it.Title] != it.GUID {
				t.Errorf("item %q: link %s, guid %s, published %v", it.Title, it.Link, it.GUID, it.PublishedParsed)
			}
		}
		if !bytes.Contains(body, []byte(`"external_url": "https://news.example/deepseek-r1"`)) {
			t.Errorf("no external_url to the announcement:\n%s", body)
		}
	})

	t.Run("HEAD", func(t *testing.T) {
		resp, err := http.Head(f.srv.URL + "/feeds/releases.atom")
		if err != nil || resp.StatusCode != 200 || resp.Header.Get("ETag") == "" {
			t.Errorf("HEAD: %v %v", err, resp)
		}
	})

	t.Run("bad parameters", func(t *testing.T) {
		for _, q := range []string{"limit=0", "limit=201", "q=x", "vendor=" + strings.Repeat("v", 300)} {
			resp, body := get(t, f.srv.URL+"/feeds/releases.atom?"+q)
			if resp.StatusCode != http.StatusBadRequest || !bytes.Contains(body, []byte(`"error"`)) {
				t.Errorf("%s: status %d: %s", q, resp.StatusCode, body)
			}
		}
	})
}

func TestEmptyReleasesFeed(t *testing.T) {
	f := newFixture(t, api.Options{})
	resp, body := get(t, f.srv.URL+"/feeds/releases.atom")
	feed := feedcheck.Parse(t, body)
	if resp.StatusCode != 200 || feed.Bozo || len(feed.Entries) != 0 || resp.Header.Get("Last-Modified") != "" {
		t.Errorf("status %d, bozo %v (%s), %d entries, Last-Modified %q", resp.StatusCode, feed.Bozo, feed.BozoException, len(feed.Entries), resp.Header.Get("Last-Modified"))
	}
}

func TestSearchFeed(t *testing.T) {
	f := newFixture(t, api.Options{})
	resp, body := get(t, f.srv.URL+"/feeds/search.atom?q=reasoning")
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	feed := feedcheck.Parse(t, body)
	if feed.Bozo || feed.Version != "atom10" || feed.Title != "modelwire search: reasoning" {
		t.Fatalf("version %q bozo %v (%s) title %q", feed.Version, feed.Bozo, feed.BozoException, feed.Title)
	}
	// Newest first, whatever the relevance.
	var links []string
	for _, e := range feed.Entries {
		links = append(links, e.Link+" "+e.Published)
	}
	wantLinks := []string{"https://news.example/qwen3 2025-01-22T08:00:00Z", "https://news.example/deepseek-r1 2025-01-20T08:00:00Z"}
	if !slices.Equal(links, wantLinks) {
		t.Errorf("entries %v, want %v", links, wantLinks)
	}
	if e := feed.Entries[1]; !strings.Contains(e.Summary, "reasoning model") || strings.Contains(e.Summary, "<mark>") || !strings.HasPrefix(e.ID, "urn:uuid:") {
		t.Errorf("entry %+v", e)
	}
	if rels := linkRels(feed.Links); !slices.Contains(rels, "alternate "+f.srv.URL+"/?q=reasoning") {
		t.Errorf("feed links %v lack the search page", rels)
	}
	etag := resp.Header.Get("ETag")
	if resp, _ := get(t, f.srv.URL+"/feeds/search.atom?q=reasoning", "If-None-Match", etag); resp.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET: %d", resp.StatusCode)
	}
	// A newer matching article changes the feed.
	a := fixtureArticles()[0]
	a.URL, a.CanonicalURL, a.ID = "https://news.example/r2", "https://news.example/r2", event.DocID("https://news.example/r2")
	a.PublishedAt, a.FetchedAt = t0.Add(100*time.Hour), t0.Add(101*time.Hour)
	if errs := f.store.Index(context.Background(), []event.Article{a}); errs[0] != nil {
		t.Fatal(errs[0])
	}
	resp, body = get(t, f.srv.URL+"/feeds/search.atom?q=reasoning", "If-None-Match", etag)
	if feed := feedcheck.Parse(t, body); resp.StatusCode != 200 || len(feed.Entries) != 3 || feed.Entries[0].Link != a.URL {
		t.Errorf("after a new article: %d, %d entries", resp.StatusCode, len(feed.Entries))
	}
	if resp, body := get(t, f.srv.URL+"/feeds/search.json?q=reasoning&lang=en"); resp.StatusCode != 200 || !bytes.Contains(body, []byte(`"version": "https://jsonfeed.org/version/1.1"`)) {
		t.Errorf("JSON Feed: %d %s", resp.StatusCode, body)
	}
	if resp, _ := get(t, f.srv.URL+"/feeds/search.atom?offset=3"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("offset on a feed: %d, want 400", resp.StatusCode)
	}
}

// TestPageLinksFeeds checks the search page's <link rel="alternate">s.
func TestPageLinksFeeds(t *testing.T) {
	f := newFixture(t, api.Options{})
	_, body := get(t, f.srv.URL+"/?q=reasoning&vendor=deepseek")
	want := []string{
		"application/atom+xml /feeds/releases.atom?vendor=deepseek",
		"application/feed+json /feeds/releases.json?vendor=deepseek",
		"application/atom+xml /feeds/search.atom?q=reasoning&vendor=deepseek",
	}
	if got := alternates(t, body); !slices.Equal(got, want) {
		t.Errorf("alternate links %q, want %q", got, want)
	}
	_, body = get(t, f.srv.URL+"/")
	if got := alternates(t, body); !slices.Equal(got, []string{"application/atom+xml /feeds/releases.atom", "application/feed+json /feeds/releases.json"}) {
		t.Errorf("the plain page links %q", got)
	}
}

// alternates returns the type and href of a page's <link rel="alternate">s.
func alternates(t *testing.T, page []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode || n.Data != "link" {
			continue
		}
		attr := map[string]string{}
		for _, a := range n.Attr {
			attr[a.Key] = a.Val
		}
		if attr["rel"] == "alternate" {
			out = append(out, attr["type"]+" "+attr["href"])
		}
	}
	return out
}

func linkRels(ls []feedcheck.Link) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Rel+" "+l.Href)
	}
	return out
}

func entry(f feedcheck.Feed, title string) feedcheck.Entry {
	for _, e := range f.Entries {
		if e.Title == title {
			return e
		}
	}
	return feedcheck.Entry{Content: []string{""}}
}
