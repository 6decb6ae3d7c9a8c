package announce_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/announce"
	"github.com/modelwire/modelwire/internal/bus/bustest"
)

// TestRecordNeverReannounces replays articles as reprocess and import do:
// a release already announced is not announced again, a new one is only
// recorded unless announce is set, and neither is announced later when a
// live article reports it (that corroborates it).
func TestRecordNeverReannounces(t *testing.T) {
	js := bustest.Start(t)
	ctx := context.Background()
	r, err := announce.NewReleaseAnnouncer(ctx, js, 0.5, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Announce(ctx, releaseArticle("https://a.example/kimi")); err != nil {
		t.Fatal(err)
	}

	// Reprocessing the announcing article: the event for the store, no
	// new event on the stream.
	evs, err := r.Record(ctx, releaseArticle("https://a.example/kimi"), false)
	if err != nil || len(evs) != 1 || evs[0].Kind != event.KindRelease || evs[0].Key != "moonshot.kimi-k2" {
		t.Fatalf("Record of the announcer = %+v, %v", evs, err)
	}
	// Another archived article about it: a corroboration, recorded only.
	evs, err = r.Record(ctx, releaseArticle("https://b.example/kimi"), true)
	if err != nil || len(evs) != 1 || evs[0].Kind != event.KindCorroboration || !slices.Contains(evs[0].Sources, "https://b.example/kimi") {
		t.Fatalf("Record of a corroborating article = %+v, %v", evs, err)
	}

	// A release nobody reported: recorded quietly, first seen when fetched.
	old := event.Article{ID: "x", URL: "https://c.example/glm", FetchedAt: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC),
		Releases: []event.Release{{Model: "GLM-4", Vendor: "zhipu", Confidence: 0.9}}}
	evs, err = r.Record(ctx, old, false)
	if err != nil || len(evs) != 1 || evs[0].Kind != event.KindRelease || !evs[0].FirstSeen.Equal(old.FetchedAt) {
		t.Fatalf("Record of a new release = %+v, %v", evs, err)
	}
	// A live article reporting it later corroborates, never announces.
	live := event.Article{ID: "y", URL: "https://d.example/glm", Releases: old.Releases}
	if err := r.Announce(ctx, live); err != nil {
		t.Fatal(err)
	}
	// With announce, a release found for the first time is announced.
	fresh := event.Article{ID: "z", URL: "https://e.example/step", FetchedAt: time.Now().Add(-time.Hour),
		Releases: []event.Release{{Model: "Step-3", Vendor: "stepfun", Confidence: 0.9}}}
	if _, err := r.Record(ctx, fresh, true); err != nil {
		t.Fatal(err)
	}

	var got []string
	for _, ev := range releaseEvents(t, js) {
		got = append(got, ev.Kind+" "+ev.Key+" "+ev.ArticleURL)
	}
	want := []string{
		"release moonshot.kimi-k2 https://a.example/kimi",
		"corroboration zhipu.glm-4 https://d.example/glm",
		"release stepfun.step-3 https://e.example/step",
	}
	if !slices.Equal(got, want) {
		t.Errorf("events on MW_RELEASES:\n%v\nwant\n%v", got, want)
	}

	// Withdrawing: the article is no source any more.
	by, err := r.SourcesByArticle(ctx)
	if err != nil || !slices.Equal(by["https://c.example/glm"], []string{"zhipu.glm-4"}) {
		t.Fatalf("SourcesByArticle = %v, %v", by, err)
	}
	if err := r.Withdraw(ctx, "https://c.example/glm", []string{"zhipu.glm-4"}); err != nil {
		t.Fatal(err)
	}
	by, _ = r.SourcesByArticle(ctx)
	if _, ok := by["https://c.example/glm"]; ok {
		t.Errorf("withdrawn article still a source: %v", by)
	}
	// Found again by a later reprocess: recorded, still not announced.
	if _, err := r.Record(ctx, old, true); err != nil {
		t.Fatal(err)
	}
	if n := len(releaseEvents(t, js)); n != len(want) {
		t.Errorf("%d events after re-recording a settled release, want %d", n, len(want))
	}
}
