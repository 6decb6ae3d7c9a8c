package pipeline

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/modelwire/modelwire/event"
)

func TestEncodeArticle(t *testing.T) {
	const budget = 64 << 10
	tests := []struct {
		name     string
		text     string
		title    string
		wantCut  bool
		wantFail bool
	}{
		{name: "fits", text: "short text"},
		{name: "angle brackets escape six-fold", text: strings.Repeat("<", 3*budget), wantCut: true},
		{name: "multibyte text cut at a rune", text: strings.Repeat("月之暗面发布", budget/4), wantCut: true},
		{name: "escapes only at the end", text: strings.Repeat("a", budget/2) + strings.Repeat("<", budget), wantCut: true},
		{name: "too large without text", text: "x", title: strings.Repeat("t", 2*budget), wantFail: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := event.Article{ID: "id", URL: "https://news.example/a", Title: tt.title, Text: tt.text}
			data, got, err := encodeArticle(a, budget)
			if tt.wantFail {
				if !errors.Is(err, errTooLarge) {
					t.Fatalf("err = %v, want errTooLarge", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(data) > budget {
				t.Fatalf("encoded %d bytes, budget %d", len(data), budget)
			}
			if got.TextTruncated != tt.wantCut || !strings.HasPrefix(tt.text, got.Text) || !utf8.ValidString(got.Text) {
				t.Fatalf("truncated %v, kept %d of %d bytes (a valid prefix: %v)", got.TextTruncated, len(got.Text), len(tt.text), strings.HasPrefix(tt.text, got.Text))
			}
			if tt.wantCut && len(data) < budget*9/10 {
				t.Errorf("kept only %d of %d bytes of budget", len(data), budget)
			}
			back, err := event.DecodeArticle(data)
			if err != nil || back.Text != got.Text || back.TextTruncated != tt.wantCut {
				t.Errorf("round trip: %v, truncated %v", err, back.TextTruncated)
			}
		})
	}
}

func TestCanonicalOf(t *testing.T) {
	const page = "https://attacker.example/evil"
	tests := []struct {
		name, declared, confirmed string
		want, wantRejected        string
	}{
		{"none", "", "", page, ""},
		{"itself", page, "", page, ""},
		{"same site", "https://www.attacker.example/evil", "", "https://www.attacker.example/evil", ""},
		{"other site", "https://victim.example/article", "", page, "https://victim.example/article"},
		{"other site confirmed by the crawler", "https://victim.example/article?utm_source=x", "https://victim.example/article", "https://victim.example/article?utm_source=x", ""},
		{"confirmed another one", "https://victim.example/article", "https://victim.example/other", page, "https://victim.example/article"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, rejected := CanonicalOf(tt.declared, page, tt.confirmed)
			if got != tt.want || rejected != tt.wantRejected {
				t.Errorf("CanonicalOf(%q) = %q, %q; want %q, %q", tt.declared, got, rejected, tt.want, tt.wantRejected)
			}
		})
	}
}
