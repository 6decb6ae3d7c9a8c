package crawler

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/hubtest"
)

func hubSource(hub *hubtest.Hub) Source {
	return Source{Name: "hf", HuggingFace: &HuggingFace{
		Authors: []string{"deepseek-ai", "kestrel-ai"}, Endpoint: hub.URL, Limit: 20}}
}

// TestHuggingFaceSource crawls a fake Hub: every public repository of the
// organisations becomes one page, its model card, dated by the
// repository's creation and carrying it; the second pass downloads
// nothing; a new repository, and a changed one, are fetched on the next.
func TestHuggingFaceSource(t *testing.T) {
	hub := hubtest.New()
	defer hub.Close()
	c, pub, logs := newTestCrawler(t, Config{})
	src := hubSource(hub)

	snap := crawl(t, c, src)
	got := pub.byURL(t)
	created := map[string]time.Time{}
	for _, m := range hub.Models() {
		created[m.ID] = m.CreatedAt
	}
	want := map[string]struct{ license, base, text string }{
		"deepseek-ai/DeepSeek-V4":         {"mit", "", "<td>MMLU-Pro (EM)</td>"},
		"deepseek-ai/DeepSeek-V4-Base":    {"mit", "", "pre-trained base model"},
		"kestrel-ai/Kestrel-13B-Instruct": {"apache-2.0", "kestrel-ai/Kestrel-13B", "<td>GSM8K</td>"},
	}
	if len(got) != len(want) || snap.Fetched != int64(len(want)) {
		t.Errorf("published %d pages (fetched %d), want %d: %v\n%s", len(got), snap.Fetched, len(want), keys(got), logs)
	}
	for id, w := range want {
		pg, ok := got[hub.URL+"/"+id]
		if !ok {
			t.Errorf("%s not published", id)
			continue
		}
		r := pg.Repository
		if r == nil || r.Hub != event.HubHuggingFace || r.ID != id || r.URL != pg.URL || !r.CreatedAt.Equal(created[id]) {
			t.Errorf("%s: repository %+v", id, r)
			continue
		}
		if r.License != w.license || strings.Join(r.BaseModels, ",") != w.base || r.PipelineTag != "text-generation" {
			t.Errorf("%s: licence %q, base %v, task %q; want %q, %q", id, r.License, r.BaseModels, r.PipelineTag, w.license, w.base)
		}
		if pg.Hint.Title != id || !pg.Hint.PublishedAt.Equal(created[id]) || pg.ContentType != "text/html; charset=utf-8" {
			t.Errorf("%s: hint %+v, content type %q", id, pg.Hint, pg.ContentType)
		}
		b := body(t, pg)
		for _, s := range []string{"<title>" + id + "</title>", `content="` + created[id].Format(time.RFC3339) + `"`, w.text} {
			if !strings.Contains(b, s) {
				t.Errorf("%s: page lacks %q:\n%s", id, s, b)
			}
		}
	}
	for _, r := range hub.Requests() {
		if strings.Contains(r.Path, "private") {
			t.Errorf("private repository requested: %s", r.Path)
		}
	}
	if snap.Documents != 2 {
		t.Errorf("documents %d, want the 2 organisations' lists", snap.Documents)
	}

	cards := hub.CardRequests()
	before := len(pub.all())
	snap = crawl(t, c, src)
	if n := hub.CardRequests() - cards; n != 0 || len(pub.all()) != before {
		t.Errorf("second pass downloaded %d cards and published %d pages, want none", n, len(pub.all())-before)
	}
	if snap.NotModified != 2 {
		t.Errorf("second pass: %d lists not modified, want 2 (conditional requests)", snap.NotModified)
	}

	// A new repository, and a changed card.
	now := time.Date(2025, 9, 3, 10, 0, 0, 0, time.UTC)
	hub.Add(hubtest.Model{ID: "deepseek-ai/DeepSeek-V4-Lite", CreatedAt: now, LastModified: now,
		Tags: []string{"text-generation"}, PipelineTag: "text-generation"}, "")
	hub.Touch("kestrel-ai/Kestrel-13B-Instruct", now, "# Kestrel-13B-Instruct\n\nNow with a 128K context window.\n")
	cards = hub.CardRequests()
	crawl(t, c, src)
	fresh := pub.all()[before:]
	if len(fresh) != 2 {
		t.Fatalf("third pass published %d pages, want the new and the changed repository", len(fresh))
	}
	for _, pg := range fresh {
		switch pg.URL {
		case hub.URL + "/deepseek-ai/DeepSeek-V4-Lite":
			// No card: the page holds the repository's facts.
			if b := body(t, pg); !strings.Contains(b, "Model repository deepseek-ai/DeepSeek-V4-Lite on Hugging Face") {
				t.Errorf("card-less page:\n%s", b)
			}
		case hub.URL + "/kestrel-ai/Kestrel-13B-Instruct":
			if !strings.Contains(body(t, pg), "128K context") {
				t.Errorf("changed card not read")
			}
		default:
			t.Errorf("third pass published %s", pg.URL)
		}
	}
	if n := hub.CardRequests() - cards; n != 1 {
		t.Errorf("third pass downloaded %d cards, want 1 (the new repository has none)", n)
	}
}

// TestHuggingFaceRateLimitAndToken: a 429 with the Hub's RateLimit header
// is waited out and retried; the token goes to the Hub's host only.
func TestHuggingFaceRateLimitAndToken(t *testing.T) {
	hub := hubtest.New()
	defer hub.Close()
	hub.RateLimit(1)
	c, pub, logs := newTestCrawler(t, Config{})
	src := hubSource(hub)
	src.HuggingFace.Token = "hf_test_token"
	start := time.Now()
	snap := crawl(t, c, src)
	if len(pub.all()) != 3 || snap.FailedTotal() != 0 {
		t.Fatalf("published %d pages, failed %v, want 3 and none:\n%s", len(pub.all()), snap.Failed, logs)
	}
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Errorf("pass took %v: the 429's RateLimit t=1 was not waited out", d)
	}
	limited := 0
	for _, r := range hub.Requests() {
		if r.Status == http.StatusTooManyRequests {
			limited++
		}
		wantAuth := "Bearer hf_test_token"
		if r.Path == "/robots.txt" {
			wantAuth = "" // robots.txt is read as any crawler reads it
		}
		if r.Auth != wantAuth {
			t.Errorf("%s sent Authorization %q, want %q", r.Path, r.Auth, wantAuth)
		}
	}
	if limited != 1 {
		t.Errorf("%d answers were 429, want 1", limited)
	}
}

// TestHuggingFaceBadAnswers: a list that is not the API's JSON and a
// server error fail their organisation's list, are counted and logged,
// and the pass goes on.
func TestHuggingFaceBadAnswers(t *testing.T) {
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("author") {
		case "broken":
			w.Write([]byte(`<html>maintenance</html>`))
		case "down":
			http.Error(w, "bad gateway", http.StatusBadGateway)
		default:
			http.NotFound(w, r)
		}
	}))
	c, pub, logs := newTestCrawler(t, Config{MaxRetries: 1})
	snap := crawl(t, c, Source{Name: "hf", HuggingFace: &HuggingFace{Authors: []string{"broken", "down"}, Endpoint: srv.URL, Limit: 50}})
	if len(pub.all()) != 0 {
		t.Errorf("published %d pages", len(pub.all()))
	}
	if snap.Failed["invalid_hub_listing"] != 1 || snap.Failed["http_502"] != 1 {
		t.Errorf("failed %v, want one invalid_hub_listing and one http_502", snap.Failed)
	}
	if !hasLine(logs.String(), "invalid Hugging Face model list") {
		t.Errorf("log lacks the invalid list:\n%s", logs)
	}
	if n := srv.count("/api/models?author=down&direction=-1&full=true&limit=50&sort=createdAt"); n != 2 {
		t.Errorf("the 502 was asked %d times, want 2 (one retry)", n)
	}
}
