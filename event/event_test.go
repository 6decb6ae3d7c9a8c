package event_test

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/modelwire/modelwire/event"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden file (run with -update to create): %v", err)
	}
	if !bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want)) {
		t.Errorf("%s differs from golden:\n got: %s\nwant: %s", name, got, want)
	}
}

var fetched = time.Date(2025, 3, 6, 8, 30, 0, 0, time.UTC)

func samplePage() event.Page {
	return event.Page{
		URL:          "https://qwenlm.github.io/blog/qwq-32b/",
		Source:       "qwen-blog",
		Status:       200,
		ContentType:  "text/html; charset=utf-8",
		ETag:         `"abc"`,
		LastModified: "Thu, 06 Mar 2025 08:00:00 GMT",
		FetchedAt:    fetched,
		Hint:         event.Hint{Title: "QwQ-32B", PublishedAt: fetched.Add(-time.Hour), Feed: "https://qwenlm.github.io/blog/index.xml"},
		ContentHash:  event.Hash([]byte("<html>QwQ</html>")),
		Body:         []byte("gzip bytes"),
	}
}

func sampleArticle() event.Article {
	score := 79.5
	return event.Article{
		ID:           event.DocID("https://qwenlm.github.io/blog/qwq-32b/"),
		URL:          "https://qwenlm.github.io/blog/qwq-32b/",
		CanonicalURL: "https://qwenlm.github.io/blog/qwq-32b/",
		Source:       "qwen-blog",
		Title:        "QwQ-32B: Embracing the Power of Reinforcement Learning",
		PublishedAt:  time.Date(2025, 3, 6, 0, 0, 0, 0, time.FixedZone("", 8*3600)),
		Authors:      []string{"Qwen Team"},
		Language:     "en",
		SiteName:     "Qwen",
		Text:         "We are excited to introduce QwQ-32B.",
		Extraction:   "primary",
		FetchedAt:    fetched,
		Vendors:      []event.Vendor{{ID: "alibaba", Name: "Alibaba", Count: 2}},
		Models: []event.Model{{Name: "QwQ-32B", Vendor: "alibaba", Family: "QwQ", Count: 5, ParamsTotalB: 32, OpenWeights: true,
			Role: event.RoleAnnounced, Evidence: "We are excited to introduce QwQ-32B."},
			{Name: "DeepSeek-R1", Vendor: "deepseek", Family: "DeepSeek", Count: 1, Role: event.RoleCompared, Evidence: "QwQ-32B rivals DeepSeek-R1."}},
		Claims: []event.Claim{{Model: "QwQ-32B", Benchmark: "AIME 2024", Value: &score, Relation: "score"},
			{Model: "QwQ-32B", Relation: "matches", Target: "DeepSeek-R1"}},
		Releases: []event.Release{{Model: "QwQ-32B", Vendor: "alibaba", Confidence: 0.9, Evidence: "We are excited to introduce QwQ-32B.", Role: event.RoleAnnounced}},
	}
}

func TestPageRoundTrip(t *testing.T) {
	p := samplePage()
	data, err := event.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "page.json", data)
	got, err := event.DecodePage(data)
	if err != nil {
		t.Fatal(err)
	}
	p.Version = event.SchemaVersion
	if !reflect.DeepEqual(got, p) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, p)
	}
}

func TestArticleRoundTrip(t *testing.T) {
	a := sampleArticle()
	data, err := event.Encode(a)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "article.json", data)
	got, err := event.DecodeArticle(data)
	if err != nil {
		t.Fatal(err)
	}
	a.Version = event.SchemaVersion
	if !got.PublishedAt.Equal(a.PublishedAt) {
		t.Errorf("published_at = %v, want %v", got.PublishedAt, a.PublishedAt)
	}
	got.PublishedAt = a.PublishedAt
	if !reflect.DeepEqual(got, a) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, a)
	}
}

func TestReleaseEventRoundTrip(t *testing.T) {
	e := event.ReleaseEvent{
		Kind: event.KindRelease, Key: event.ReleaseKey("alibaba", "QwQ-32B"),
		Vendor: "alibaba", Model: "QwQ-32B", FirstSeen: fetched, Confidence: 0.9,
		PublishedAt: time.Date(2025, 3, 6, 0, 0, 0, 0, time.UTC), Role: event.RoleAnnounced,
		Evidence:   "We are excited to introduce QwQ-32B.",
		ArticleURL: "https://qwenlm.github.io/blog/qwq-32b/", Sources: []string{"https://qwenlm.github.io/blog/qwq-32b/"},
	}
	data, err := event.Encode(e)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "release.json", data)
	got, err := event.DecodeReleaseEvent(data)
	if err != nil {
		t.Fatal(err)
	}
	e.Version = event.SchemaVersion
	if !reflect.DeepEqual(got, e) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, e)
	}
}

func TestDecodeRejects(t *testing.T) {
	tests := []struct {
		name string
		data string
		dec  func([]byte) error
	}{
		{"not json", `<html>`, func(b []byte) error { _, err := event.DecodePage(b); return err }},
		{"page without url", `{"v":1,"body":"eA=="}`, func(b []byte) error { _, err := event.DecodePage(b); return err }},
		{"page without body", `{"v":1,"url":"https://a.example/"}`, func(b []byte) error { _, err := event.DecodePage(b); return err }},
		{"future version", `{"v":99,"url":"https://a.example/","id":"x"}`, func(b []byte) error { _, err := event.DecodeArticle(b); return err }},
		{"article without id", `{"v":1,"url":"https://a.example/"}`, func(b []byte) error { _, err := event.DecodeArticle(b); return err }},
		{"release without model", `{"v":1,"key":"a.b","vendor":"a"}`, func(b []byte) error { _, err := event.DecodeReleaseEvent(b); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.dec([]byte(tt.data))
			if !errors.Is(err, event.ErrSchema) {
				t.Fatalf("err = %v, want ErrSchema", err)
			}
		})
	}
}

func TestCompressRoundTrip(t *testing.T) {
	in := bytes.Repeat([]byte("<p>DeepSeek-V3 深度求索</p>"), 1000)
	out, err := event.Decompress(event.Compress(in), 0)
	if err != nil || !bytes.Equal(in, out) {
		t.Fatalf("round trip failed: err=%v equal=%v", err, bytes.Equal(in, out))
	}
	if _, err := event.Decompress(event.Compress(in), 100); !errors.Is(err, event.ErrSchema) {
		t.Errorf("limit not enforced: err=%v", err)
	}
	if _, err := event.Decompress([]byte("not gzip"), 0); !errors.Is(err, event.ErrSchema) {
		t.Errorf("garbage accepted: err=%v", err)
	}
}

func TestSlug(t *testing.T) {
	tests := map[string]string{
		"Qwen2.5-72B":        "qwen2-5-72b",
		"DeepSeek V3":        "deepseek-v3",
		"  GPT-4o  ":         "gpt-4o",
		"深度求索":               "深度求索",
		"a.b*c>d":            "a-b-c-d",
		"...":                "unknown",
		"Kimi K2 (Instruct)": "kimi-k2-instruct",
	}
	for in, want := range tests {
		if got := event.Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
	if got := event.ReleaseSubject("DeepSeek", "DeepSeek-V3.2-Exp"); got != "mw.releases.deepseek.deepseek-v3-2-exp" {
		t.Errorf("ReleaseSubject = %q", got)
	}
}

func TestDocIDStable(t *testing.T) {
	a, b := event.DocID("https://a.example/x"), event.DocID("https://a.example/x")
	if a != b || len(a) != 32 || a == event.DocID("https://a.example/y") {
		t.Fatalf("DocID not a stable 32-hex hash: %q %q", a, b)
	}
}

func BenchmarkCompress(b *testing.B) {
	page := bytes.Repeat([]byte("<p>DeepSeek-V3 outperforms Llama 3.1 405B on MMLU. 深度求索</p>\n"), 600)
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		event.Compress(page)
	}
}

func TestRepositoryRoundTrip(t *testing.T) {
	p := samplePage()
	p.Repository = &event.Repository{Hub: event.HubHuggingFace, ID: "deepseek-ai/DeepSeek-V3", Author: "deepseek-ai",
		URL: "https://huggingface.co/deepseek-ai/DeepSeek-V3", CreatedAt: fetched.Add(-72 * time.Hour), LastModified: fetched,
		License: "mit", BaseModels: []string{"deepseek-ai/DeepSeek-V3-Base"}, Tags: []string{"text-generation"}, PipelineTag: "text-generation"}
	data, err := event.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	got, err := event.DecodePage(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Repository, p.Repository) {
		t.Errorf("repository round trip:\n got %+v\nwant %+v", got.Repository, p.Repository)
	}
	if !bytes.Contains(data, []byte(`"repository":{"hub":"huggingface","id":"deepseek-ai/DeepSeek-V3"`)) {
		t.Errorf("encoding: %s", data)
	}
}
