package indexer_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/indexer"
)

// reprocessStore is what reprocessing needs of either store.
type reprocessStore interface {
	Index(ctx context.Context, docs []event.Article) []error
	IndexReleases(ctx context.Context, evs []event.ReleaseEvent) []error
	Releases(ctx context.Context, q indexer.ReleaseQuery) ([]indexer.ReleaseRecord, error)
	Stored(ctx context.Context, ids []string) (map[string]indexer.StoredArticle, error)
	RemoveReleaseSources(ctx context.Context, key string, urls []string) (bool, error)
}

func TestStoredAndRemoveReleaseSources(t *testing.T) {
	stores := map[string]func(t *testing.T) reprocessStore{
		"embedded":      func(t *testing.T) reprocessStore { return openTemp(t) },
		"elasticsearch": func(t *testing.T) reprocessStore { return openElastic(t, indexer.ElasticConfig{}) },
	}
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := open(t)
			t0 := time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC)
			a := article("https://a.example/r1", "DeepSeek-R1 released", "DeepSeek open-sourced DeepSeek-R1.", "en", t0)
			a.Releases = []event.Release{{Model: "DeepSeek-R1", Vendor: "deepseek", Confidence: 0.9}}
			b := article("https://b.example/r1", "R1 again", "More on DeepSeek-R1.", "en", t0)
			if errs := s.Index(ctx, []event.Article{a, b}); errs[0] != nil || errs[1] != nil {
				t.Fatal(errs)
			}
			got, err := s.Stored(ctx, []string{a.ID, b.ID, event.DocID("https://nowhere.example/")})
			if err != nil {
				t.Fatal(err)
			}
			want := indexer.StoredArticle{Fingerprint: indexer.Fingerprint(a), URL: a.URL, CanonicalURL: a.CanonicalURL}
			if len(got) != 2 || got[a.ID] != want || got[b.ID].Fingerprint != indexer.Fingerprint(b) {
				t.Errorf("Stored = %v, want the two fingerprints %s %s", got, indexer.Fingerprint(a), indexer.Fingerprint(b))
			}
			// A fetch time alone changes no fingerprint; the text or the
			// releases do.
			later := a
			later.FetchedAt = t0.Add(time.Hour)
			edited := a
			edited.Text += " Weights on Hugging Face."
			fewer := a
			fewer.Releases = nil
			if indexer.Fingerprint(later) != indexer.Fingerprint(a) || indexer.Fingerprint(edited) == indexer.Fingerprint(a) ||
				indexer.Fingerprint(fewer) == indexer.Fingerprint(a) {
				t.Error("fingerprints do not follow what is stored")
			}

			ev := event.ReleaseEvent{Kind: event.KindRelease, Key: "deepseek.deepseek-r1", Vendor: "deepseek", Model: "DeepSeek-R1",
				FirstSeen: t0, ArticleURL: a.URL, Sources: []string{a.URL, b.URL}}
			if errs := s.IndexReleases(ctx, []event.ReleaseEvent{ev}); errs[0] != nil {
				t.Fatal(errs[0])
			}
			deleted, err := s.RemoveReleaseSources(ctx, ev.Key, []string{a.URL})
			if err != nil || deleted {
				t.Fatalf("removing one of two sources: deleted %v, %v", deleted, err)
			}
			recs, err := s.Releases(ctx, indexer.ReleaseQuery{})
			if err != nil || len(recs) != 1 || !slices.Equal(recs[0].Sources, []string{b.URL}) {
				t.Fatalf("after removing a source: %+v, %v", recs, err)
			}
			deleted, err = s.RemoveReleaseSources(ctx, ev.Key, []string{b.URL})
			if err != nil || !deleted {
				t.Fatalf("removing the last source: deleted %v, %v", deleted, err)
			}
			if recs, err := s.Releases(ctx, indexer.ReleaseQuery{}); err != nil || len(recs) != 0 {
				t.Fatalf("a release without sources is still listed: %+v, %v", recs, err)
			}
			if deleted, err := s.RemoveReleaseSources(ctx, "nobody.nothing", []string{a.URL}); err != nil || deleted {
				t.Errorf("unknown release: deleted %v, %v", deleted, err)
			}
		})
	}
}
