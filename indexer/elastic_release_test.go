package indexer_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/indexer"
)

func releaseEvent(key, vendor, model, url string, first time.Time, claims ...event.Claim) event.ReleaseEvent {
	return event.ReleaseEvent{Kind: event.KindRelease, Key: key, Vendor: vendor, Model: model, FirstSeen: first,
		PublishedAt: first.Add(-time.Hour), Confidence: 0.5, Evidence: "released " + model + " at " + url,
		ArticleURL: url, Title: model + " released", Sources: []string{url}, Claims: claims}
}

func TestElasticReleases(t *testing.T) {
	t.Parallel()
	s := openElastic(t, indexer.ElasticConfig{})
	ctx := context.Background()
	t0 := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	score := 88.5
	c1 := event.Claim{Model: "DeepSeek-V3", Benchmark: "MMLU", Value: &score, Relation: "score"}
	c2 := event.Claim{Model: "DeepSeek-V3", Relation: "outperforms", Target: "Llama 3.1 405B"}
	late := releaseEvent("deepseek.deepseek-v3", "deepseek", "DeepSeek-V3", "https://b.example/v3", t0.Add(2*time.Hour), c1)
	late.Confidence = 0.9
	early := releaseEvent("deepseek.deepseek-v3", "deepseek", "DeepSeek-V3", "https://a.example/v3", t0, c2)
	early.Kind = event.KindCorroboration
	qwen := releaseEvent("alibaba.qwen3", "alibaba", "Qwen3", "https://c.example/qwen3", t0.Add(24*time.Hour))

	steps := []struct {
		name string
		evs  []event.ReleaseEvent
	}{
		{"first sighting", []event.ReleaseEvent{late}},
		{"an earlier corroboration and another release", []event.ReleaseEvent{early, qwen}},
		{"replays change nothing", []event.ReleaseEvent{late, early, qwen, late}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			for i, err := range s.IndexReleases(ctx, st.evs) {
				if err != nil {
					t.Fatalf("event %d: %v", i, err)
				}
			}
		})
	}
	refresh(t, s)
	recs, err := s.Releases(ctx, indexer.ReleaseQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].Key != "alibaba.qwen3" || recs[1].Key != "deepseek.deepseek-v3" {
		t.Fatalf("releases = %+v, want qwen3 then deepseek-v3 (newest first)", recs)
	}
	ds := recs[1]
	if !ds.FirstSeen.Equal(t0) || !ds.PublishedAt.Equal(t0.Add(-time.Hour)) || ds.Confidence != 0.9 ||
		ds.Evidence != early.Evidence || ds.Title != early.Title || ds.Vendor != "deepseek" || ds.Model != "DeepSeek-V3" {
		t.Errorf("merged record = %+v", ds)
	}
	if !slices.Equal(ds.Sources, []string{"https://b.example/v3", "https://a.example/v3"}) {
		t.Errorf("sources = %v", ds.Sources)
	}
	if len(ds.Claims) != 2 || ds.Claims[0].Benchmark != "MMLU" || *ds.Claims[0].Value != 88.5 || ds.Claims[1].Relation != "outperforms" {
		t.Errorf("claims = %+v", ds.Claims)
	}
	var raw struct {
		Version int `json:"_version"`
		Source  struct {
			Count int `json:"count"`
		} `json:"_source"`
	}
	esDo(t, "GET", "/"+s.Prefix()+"-releases/_doc/deepseek.deepseek-v3", nil, &raw)
	if raw.Source.Count != 2 || raw.Version != 2 {
		t.Errorf("stored count %d version %d, want 2 sources written twice (the replays wrote nothing)", raw.Source.Count, raw.Version)
	}

	filters := []struct {
		name string
		q    indexer.ReleaseQuery
		want []string
	}{
		{"vendor", indexer.ReleaseQuery{Vendors: []string{"DeepSeek"}}, []string{"deepseek.deepseek-v3"}},
		{"key", indexer.ReleaseQuery{Key: "alibaba.qwen3"}, []string{"alibaba.qwen3"}},
		{"unknown key", indexer.ReleaseQuery{Key: "alibaba.qwen"}, nil},
		{"model folded", indexer.ReleaseQuery{Model: "qwen 3"}, []string{"alibaba.qwen3"}},
		{"since", indexer.ReleaseQuery{Since: t0.Add(time.Hour)}, []string{"alibaba.qwen3"}},
		{"limit", indexer.ReleaseQuery{Limit: 1}, []string{"alibaba.qwen3"}},
		{"nothing", indexer.ReleaseQuery{Vendors: []string{"openai"}}, nil},
	}
	for _, f := range filters {
		t.Run(f.name, func(t *testing.T) {
			recs, err := s.Releases(ctx, f.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range recs {
				got = append(got, r.Key)
			}
			if !slices.Equal(got, f.want) {
				t.Errorf("keys = %v, want %v", got, f.want)
			}
		})
	}
	t.Run("event without key", func(t *testing.T) {
		errs := s.IndexReleases(ctx, []event.ReleaseEvent{{Model: "x"}})
		if !errors.Is(errs[0], indexer.ErrPermanent) {
			t.Errorf("err = %v, want ErrPermanent", errs[0])
		}
	})
}

// TestElasticReleasesConcurrent has several writers corroborate one release
// at once, as index replicas do: optimistic concurrency must keep every
// source.
func TestElasticReleasesConcurrent(t *testing.T) {
	t.Parallel()
	s := openElastic(t, indexer.ElasticConfig{})
	other := openElastic(t, indexer.ElasticConfig{IndexPrefix: s.Prefix()}) // a second replica
	ctx := context.Background()
	t0 := time.Date(2025, 7, 11, 0, 0, 0, 0, time.UTC)
	const writers = 6
	var wg sync.WaitGroup
	errs := make([]error, writers)
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			store := s
			if i%2 == 1 {
				store = other
			}
			ev := releaseEvent("moonshot.kimi-k2", "moonshot", "Kimi K2", fmt.Sprintf("https://site%d.example/k2", i), t0.Add(time.Duration(i)*time.Minute))
			errs[i] = store.IndexReleases(ctx, []event.ReleaseEvent{ev})[0]
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("writer %d: %v", i, err)
		}
	}
	refresh(t, s)
	recs, err := s.Releases(ctx, indexer.ReleaseQuery{Model: "Kimi K2"})
	if err != nil || len(recs) != 1 {
		t.Fatalf("releases = %+v, %v", recs, err)
	}
	if len(recs[0].Sources) != writers || !recs[0].FirstSeen.Equal(t0) {
		t.Errorf("sources = %v (want %d), first_seen %v", recs[0].Sources, writers, recs[0].FirstSeen)
	}
}
