package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestExtractCanonicalSameSite: `extract --url` takes a page's canonical
// URL as its identity only on the page's own site, as the pipeline does;
// another site's is reported as rejected.
func TestExtractCanonicalSameSite(t *testing.T) {
	page := func(canonical string) string {
		p := filepath.Join(t.TempDir(), "page.html")
		html := `<html><head><title>Kimi K2</title><link rel="canonical" href="` + canonical + `"></head>
<body><article><h1>Kimi K2</h1><p>Moonshot AI released Kimi K2, an open-weight model, today.</p></article></body></html>`
		if err := os.WriteFile(p, []byte(html), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct{ canonical, wantCanonical, wantRejected string }{
		{"https://www.news.example/kimi-k2", "https://www.news.example/kimi-k2", ""},
		{"https://victim.example/kimi-k2", "https://news.example/story?id=1", "https://victim.example/kimi-k2"},
	}
	for _, tt := range tests {
		out, errOut, code := run(t, "extract", "--url", "https://news.example/story?id=1", page(tt.canonical))
		if code != 0 {
			t.Fatalf("extract: exit %d: %s", code, errOut)
		}
		var got struct {
			Article struct {
				CanonicalURL      string `json:"canonical_url"`
				RejectedCanonical string `json:"rejected_canonical"`
			} `json:"article"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("extract output %q: %v", out, err)
		}
		if got.Article.CanonicalURL != tt.wantCanonical || got.Article.RejectedCanonical != tt.wantRejected {
			t.Errorf("canonical %s: got canonical_url %q, rejected %q; want %q, %q", tt.canonical,
				got.Article.CanonicalURL, got.Article.RejectedCanonical, tt.wantCanonical, tt.wantRejected)
		}
	}
}

// TestExtractNoContentKeepsMetadata: a page with no article text fails,
// and its record still says what the page says of itself (title, date).
func TestExtractNoContentKeepsMetadata(t *testing.T) {
	p := filepath.Join(t.TempDir(), "page.html")
	html := `<html><head><title>Bakery closes its doors | Town Paper</title>
<meta property="article:published_time" content="2023-03-11T14:07:04-05:00">
</head><body><div class="paywall">Subscribe to continue.</div></body></html>`
	if err := os.WriteFile(p, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code := run(t, "extract", "--url", "https://townpaper.example/2023/03/11/bakery-closes", p)
	if code == 0 {
		t.Fatalf("extract: exit 0 for a page with no text: %s", out)
	}
	var got struct {
		Error   string `json:"error"`
		Article struct {
			Title       string `json:"title"`
			PublishedAt string `json:"published_at"`
			Text        string `json:"text"`
		} `json:"article"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("extract output %q: %v", out, err)
	}
	if got.Error == "" || got.Article.Text != "" || got.Article.PublishedAt[:min(10, len(got.Article.PublishedAt))] != "2023-03-11" {
		t.Errorf("no-content record %q: want an error, no text and published_at 2023-03-11", out)
	}
}
