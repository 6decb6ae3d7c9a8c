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
