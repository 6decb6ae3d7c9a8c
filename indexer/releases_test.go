package indexer_test

import (
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
