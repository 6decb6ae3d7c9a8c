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

// TestVariantsByParent follows the parent links of the models' identities:
// a size whose parent has no release of its own still belongs to the
// series, and a new version is no variant of the old one however its name
// reads ("DeepSeek-V3.1" is no "DeepSeek-V3" variant).
func TestVariantsByParent(t *testing.T) {
	s, err := indexer.OpenEmbedded(t.TempDir(), indexer.EmbeddedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	t0 := time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)
	score := 86.1
	var evs []event.ReleaseEvent
	for _, r := range []struct{ vendor, model, id, parent, role string }{
		{"deepseek", "DeepSeek-V3", "deepseek/deepseek-v3", "", event.RoleAnnounced},
		{"deepseek", "DeepSeek-V3-Base", "deepseek/deepseek-v3-base", "deepseek/deepseek-v3", event.RoleAlongside},
		{"deepseek", "DeepSeek-V3.1", "deepseek/deepseek-v3-1", "", event.RoleAnnounced},
		{"alibaba", "Qwen2.5", "alibaba/qwen2-5", "", event.RoleAnnounced},
		{"alibaba", "Qwen2.5-72B-Instruct", "alibaba/qwen2-5-72b-instruct", "alibaba/qwen2-5-72b", event.RoleAlongside},
	} {
		url := "https://news.example/" + event.Slug(r.model)
		evs = append(evs, event.ReleaseEvent{Kind: event.KindRelease, Key: event.ReleaseKey(r.vendor, r.model), Vendor: r.vendor,
			Model: r.model, ModelID: r.id, Parent: r.parent, Role: r.role, FirstSeen: t0, ArticleURL: url, Sources: []string{url},
			Claims: []event.Claim{{Model: r.model, Benchmark: "MMLU", Value: &score, Relation: "score"},
				{Model: "GPT-4o", Benchmark: "MMLU", Value: &score, Relation: "score"}}})
	}
	for i, err := range s.IndexReleases(ctx, evs) {
		if err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
	}
	for _, tc := range []struct {
		key       string
		variants  []string
		variantOf string
	}{
		{"deepseek.deepseek-v3", []string{"DeepSeek-V3-Base"}, ""},
		{"deepseek.deepseek-v3-1", nil, ""},
		{"deepseek.deepseek-v3-base", nil, "DeepSeek-V3"},
		{"alibaba.qwen2-5", []string{"Qwen2.5-72B-Instruct"}, ""},
		{"alibaba.qwen2-5-72b-instruct", nil, "Qwen2.5"},
	} {
		m, err := modelpage.Load(ctx, s, tc.key)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, v := range m.Variants {
			names = append(names, v.Name)
		}
		of := ""
		if m.VariantOf != nil {
			of = m.VariantOf.Name
		}
		if len(names) != len(tc.variants) || len(names) > 0 && names[0] != tc.variants[0] || of != tc.variantOf {
			t.Errorf("%s: variants %v, variant of %q; want %v, %q", tc.key, names, of, tc.variants, tc.variantOf)
		}
		// The page shows the claims credited to the model, not those of
		// the models it is compared with.
		if len(m.Claims) != 1 || m.Claims[0].Model != m.Name {
			t.Errorf("%s: claims %+v", tc.key, m.Claims)
		}
	}
}
