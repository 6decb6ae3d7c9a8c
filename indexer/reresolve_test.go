package indexer_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/indexer"
)

// tableRenamer resolves names from a table, as the analyzer's resolver
// would: what Reresolve needs, without a catalog.
type tableRenamer struct{}

var renames = map[string][3]string{ // stored name → id, canonical name, vendor
	"Qwen 3": {"alibaba/qwen3", "Qwen3", "alibaba"}, "Qwen3": {"alibaba/qwen3", "Qwen3", "alibaba"},
	"Kimi-K2": {"moonshot/kimi-k2", "Kimi K2", "moonshot"}, "Kimi K2": {"moonshot/kimi-k2", "Kimi K2", "moonshot"},
	"GLM 4.5": {"zhipu/glm-4-5", "GLM-4.5", "zhipu"}, "GLM-4.5": {"zhipu/glm-4-5", "GLM-4.5", "zhipu"},
}

func (tableRenamer) Model(name string) (event.Model, bool) {
	r, ok := renames[name]
	return event.Model{ID: r[0], Name: r[1], Vendor: r[2]}, ok
}

func (tableRenamer) Vendor(id string) event.Vendor {
	switch id {
	case "zippu-ai", "zhipu":
		return event.Vendor{ID: "zhipu", Name: "Zhipu AI"}
	}
	return event.Vendor{ID: event.Slug(id), Name: id}
}

// reresolvable is the store side of `modelwire catalog migrate`.
type reresolvable interface {
	Index(ctx context.Context, docs []event.Article) []error
	IndexReleases(ctx context.Context, evs []event.ReleaseEvent) []error
	Reresolve(ctx context.Context, r indexer.Renamer, progress func(indexer.ReresolveStats)) (indexer.ReresolveStats, error)
	Search(ctx context.Context, q indexer.Query) (indexer.Result, error)
	Releases(ctx context.Context, q indexer.ReleaseQuery) ([]indexer.ReleaseRecord, error)
	Unknown(ctx context.Context, limit int) ([]indexer.UnknownName, error)
}

// testReresolve indexes articles and releases named as modelwire named them
// before entity resolution, re-resolves them, and checks that searches,
// facets and release records use the canonical identities and that
// release records split by spelling are merged.
func testReresolve(t *testing.T, s reresolvable, refresh func()) {
	ctx := context.Background()
	t0 := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	a := article("https://a.example/qwen", "Qwen 3 is out", "Alibaba released Qwen 3.", "en", t0)
	a.Vendors = []event.Vendor{{ID: "alibaba", Name: "Alibaba", Count: 1}}
	a.Models = []event.Model{{Name: "Qwen 3", Vendor: "alibaba", Count: 1}}
	b := article("https://b.example/glm", "Zippu AI ships GLM 4.5", "Zippu AI released GLM 4.5 and Nimbus-2.", "en", t0.Add(time.Hour))
	b.Vendors = []event.Vendor{{ID: "zippu-ai", Name: "Zippu AI", Count: 1}}
	b.Models = []event.Model{{Name: "GLM 4.5", Vendor: "zippu-ai", Count: 1}, {Name: "Nimbus-2", Count: 1}}
	for i, err := range s.Index(ctx, []event.Article{a, b}) {
		if err != nil {
			t.Fatalf("article %d: %v", i, err)
		}
	}
	evs := []event.ReleaseEvent{
		{Key: "alibaba.qwen-3", Vendor: "alibaba", Model: "Qwen 3", FirstSeen: t0, Confidence: 0.8, ArticleURL: a.URL, Sources: []string{a.URL}},
		{Key: "alibaba.qwen3", Vendor: "alibaba", Model: "Qwen3", FirstSeen: t0.Add(time.Hour), Confidence: 0.9, ArticleURL: "https://c.example/q", Sources: []string{"https://c.example/q"}},
		{Key: "zippu-ai.glm-4-5", Vendor: "zippu-ai", Model: "GLM 4.5", FirstSeen: t0, Confidence: 0.85, ArticleURL: b.URL, Sources: []string{b.URL}},
	}
	for i, err := range s.IndexReleases(ctx, evs) {
		if err != nil {
			t.Fatalf("release %d: %v", i, err)
		}
	}
	refresh()
	st, err := s.Reresolve(ctx, tableRenamer{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := indexer.ReresolveStats{Articles: 2, ArticlesChanged: 2, Releases: 3, ReleasesRenamed: 2, ReleasesMerged: 1}
	if st != want {
		t.Errorf("stats %+v, want %+v", st, want)
	}
	refresh()
	res, err := s.Search(ctx, indexer.Query{Models: []string{"zhipu/glm-4-5"}})
	if err != nil || res.Total != 1 || !slices.Equal(res.Hits[0].Vendors, []string{"zhipu"}) || !slices.Contains(res.Hits[0].Models, "GLM-4.5") {
		t.Errorf("search by the new id: %+v, %v", res, err)
	}
	if res, _ := s.Search(ctx, indexer.Query{Text: "Zhipu"}); res.Total != 1 {
		t.Errorf("the vendor's canonical name is searchable: %+v", res)
	}
	res, _ = s.Search(ctx, indexer.Query{Models: []string{"alibaba/qwen3"}})
	if res.Total != 1 || !slices.Equal(res.Facets.Models, []indexer.FacetCount{{Value: "Qwen3", Count: 1}}) {
		t.Errorf("search by qwen3: %+v", res)
	}
	recs, err := s.Releases(ctx, indexer.ReleaseQuery{})
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]indexer.ReleaseRecord{}
	for _, r := range recs {
		keys[r.Key] = r
	}
	q := keys["alibaba.qwen3"]
	if len(keys) != 2 || q.Model != "Qwen3" || q.ModelID != "alibaba/qwen3" || !q.FirstSeen.Equal(t0) || len(q.Sources) != 2 || q.Confidence != 0.9 {
		t.Errorf("releases after reresolving: %+v", recs)
	}
	if g := keys["zhipu.glm-4-5"]; g.Vendor != "zhipu" || g.Model != "GLM-4.5" {
		t.Errorf("GLM release: %+v", g)
	}
	unknown, err := s.Unknown(ctx, 10)
	if err != nil || len(unknown) != 1 || unknown[0].Name != "Nimbus-2" || unknown[0].Articles != 1 || !slices.Equal(unknown[0].Sources, []string{b.URL}) {
		t.Errorf("unknown: %+v, %v", unknown, err)
	}
	// Once canonical, nothing is written again.
	st, err = s.Reresolve(ctx, tableRenamer{}, nil)
	if err != nil || st.ArticlesChanged != 0 || st.ReleasesRenamed != 0 {
		t.Errorf("second run: %+v, %v", st, err)
	}
}

func TestEmbeddedReresolve(t *testing.T) {
	s := openTemp(t)
	testReresolve(t, s, func() {})
}

func TestElasticReresolve(t *testing.T) {
	t.Parallel()
	s := openElastic(t, indexer.ElasticConfig{})
	testReresolve(t, s, func() { refresh(t, s) })
}
