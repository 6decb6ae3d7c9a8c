package indexer_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/indexer"
)

func TestMergeRelease(t *testing.T) {
	t0 := time.Date(2025, 7, 11, 0, 0, 0, 0, time.UTC)
	v := 65.8
	first := event.ReleaseEvent{Kind: event.KindRelease, Key: "moonshot.kimi-k2", Vendor: "moonshot", Model: "Kimi K2",
		FirstSeen: t0, Confidence: 0.7, ArticleURL: "https://a/1", Sources: []string{"https://a/1"},
		Claims: []event.Claim{{Model: "Kimi K2", Benchmark: "SWE-bench Verified", Value: &v}}}
	later := event.ReleaseEvent{Kind: event.KindCorroboration, Key: "moonshot.kimi-k2", Vendor: "moonshot", Model: "Kimi K2",
		FirstSeen: t0, PublishedAt: t0.Add(-time.Hour), Confidence: 0.9, Evidence: "better", ArticleURL: "https://b/2",
		Sources: []string{"https://a/1", "https://b/2"}, Claims: first.Claims}

	rec := indexer.MergeRelease(indexer.ReleaseRecord{}, first)
	rec = indexer.MergeRelease(rec, later)
	again := indexer.MergeRelease(rec, later)
	if !reflect.DeepEqual(rec, again) {
		t.Errorf("merging the same event twice changed the record:\n%+v\n%+v", rec, again)
	}
	if len(rec.Sources) != 2 || len(rec.Claims) != 1 || rec.Confidence != 0.9 || rec.Evidence != "better" ||
		!rec.PublishedAt.Equal(t0.Add(-time.Hour)) || !rec.FirstSeen.Equal(t0) {
		t.Errorf("merged record = %+v", rec)
	}
}

// TestMergeReleaseFacts checks the model facts and the last sighting: the
// announcing event's figures win, gaps are filled from later events, and the
// latest event time is kept whatever the order of arrival.
func TestMergeReleaseFacts(t *testing.T) {
	t0 := time.Date(2025, 7, 11, 0, 0, 0, 0, time.UTC)
	ev := func(first, seen time.Time, total float64, license string, open bool) event.ReleaseEvent {
		return event.ReleaseEvent{Key: "deepseek.deepseek-v3", Vendor: "deepseek", Model: "DeepSeek-V3", FirstSeen: first,
			SeenAt: seen, ParamsTotalB: total, License: license, OpenWeights: open, ArticleURL: "https://a/" + seen.String()}
	}
	early := ev(t0, t0.Add(time.Hour), 671, "", false)
	early.Kind = event.KindRelease
	late := ev(t0, t0.Add(48*time.Hour), 670, "MIT", true)
	late.Kind = event.KindCorroboration
	old := ev(t0, time.Time{}, 0, "", false) // an event written before seen_at existed
	old.Kind = event.KindCorroboration
	for name, order := range map[string][]event.ReleaseEvent{
		"in order": {early, late, old}, "reversed": {old, late, early}, "late first": {late, early, old},
	} {
		t.Run(name, func(t *testing.T) {
			var rec indexer.ReleaseRecord
			for _, e := range order {
				rec = indexer.MergeRelease(rec, e)
			}
			if rec.ParamsTotalB != 671 || rec.License != "MIT" || !rec.OpenWeights {
				t.Errorf("facts = %v B, %q, open %v; want 671 B from the announcement, MIT and open from the later one",
					rec.ParamsTotalB, rec.License, rec.OpenWeights)
			}
			if !rec.FirstSeen.Equal(t0) || !rec.LastSeen.Equal(t0.Add(48*time.Hour)) {
				t.Errorf("first %s last %s", rec.FirstSeen, rec.LastSeen)
			}
			if !rec.AnnouncedAt().Equal(t0) {
				t.Errorf("announced %s, want the first sighting without a publication date", rec.AnnouncedAt())
			}
		})
	}
}

func TestEmbeddedReleaseKey(t *testing.T) {
	s, err := indexer.OpenEmbedded(t.TempDir(), indexer.EmbeddedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	t0 := time.Date(2025, 7, 11, 0, 0, 0, 0, time.UTC)
	var evs []event.ReleaseEvent
	for i, m := range []string{"Qwen3", "Qwen3-235B-A22B", "DeepSeek-V3"} {
		v := "alibaba"
		if i == 2 {
			v = "deepseek"
		}
		evs = append(evs, event.ReleaseEvent{Key: event.ReleaseKey(v, m), Vendor: v, Model: m, FirstSeen: t0.Add(time.Duration(i) * time.Hour), ArticleURL: "https://a/" + m})
	}
	for i, err := range s.IndexReleases(ctx, evs) {
		if err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
	}
	for key, want := range map[string]int{"alibaba.qwen3": 1, "alibaba.qwen": 0, "deepseek.deepseek-v3": 1} {
		recs, err := s.Releases(ctx, indexer.ReleaseQuery{Key: key})
		if err != nil || len(recs) != want || (want == 1 && recs[0].Key != key) {
			t.Errorf("key %s: %v %+v", key, err, recs)
		}
	}
}
