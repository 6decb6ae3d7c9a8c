package modelpage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/modelpage"
)

func TestFindAndLoad(t *testing.T) {
	s, err := indexer.OpenEmbedded(t.TempDir(), indexer.EmbeddedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	t0 := time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)
	var evs []event.ReleaseEvent
	for _, vm := range [][2]string{{"deepseek", "DeepSeek-V3"}, {"deepseek", "DeepSeek-V3.1"}, {"qwen", "Qwen3"}, {"qwen", "Qwen3-235B-A22B"}, {"qwen", "Qwen3-Coder-480B"}} {
		evs = append(evs, event.ReleaseEvent{Kind: event.KindRelease, Key: event.ReleaseKey(vm[0], vm[1]), Vendor: vm[0], Model: vm[1],
			FirstSeen: t0, ArticleURL: "https://news.example/" + event.Slug(vm[1]), Sources: []string{"https://news.example/" + event.Slug(vm[1])}})
	}
	for i, err := range s.IndexReleases(ctx, evs) {
		if err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
	}
	tests := []struct {
		name, query string
		matches     []string
		suggestions int
	}{
		{"id", "qwen.qwen3", []string{"qwen.qwen3"}, 0},
		{"name folded", "deepseek v3", []string{"deepseek.deepseek-v3"}, 0},
		{"unknown with suggestions", "qwen3-coder", nil, 2}, // Qwen3-Coder-480B and Qwen3
		{"unknown", "GPT-9", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, similar, err := modelpage.Find(ctx, s, tt.query)
			if err != nil {
				t.Fatal(err)
			}
			var keys []string
			for _, r := range recs {
				keys = append(keys, r.Key)
			}
			if len(keys) != len(tt.matches) || (len(keys) > 0 && keys[0] != tt.matches[0]) || len(similar) != tt.suggestions {
				t.Errorf("matches %v, %d suggestions; want %v, %d", keys, len(similar), tt.matches, tt.suggestions)
			}
		})
	}
	if _, _, err := modelpage.Find(ctx, s, "  "); !errors.Is(err, modelpage.ErrNotFound) {
		t.Errorf("empty name: %v", err)
	}

	m, err := modelpage.Load(ctx, s, "qwen.qwen3")
	if err != nil {
		t.Fatal(err)
	}
	// Names extending "qwen3" with a dash are its variants; Qwen3 has no parent.
	if len(m.Variants) != 2 || m.Variants[0].Name != "Qwen3-235B-A22B" || m.Variants[1].Name != "Qwen3-Coder-480B" || m.VariantOf != nil {
		t.Errorf("variants %+v, variant of %+v", m.Variants, m.VariantOf)
	}
	// The source is not in the article index: listed with its URL only.
	if len(m.Sources) != 1 || m.Sources[0].URL != "https://news.example/qwen3" || m.Sources[0].Title != "" || !m.Sources[0].Announcing {
		t.Errorf("sources %+v", m.Sources)
	}
	if m.Claims == nil || !m.LastSeen.Equal(t0) {
		t.Errorf("claims %v (want an empty list, not null), last seen %s", m.Claims, m.LastSeen)
	}
	if _, err := modelpage.Load(ctx, s, "qwen.qwen4"); !errors.Is(err, modelpage.ErrNotFound) {
		t.Errorf("unknown id: %v", err)
	}
}
