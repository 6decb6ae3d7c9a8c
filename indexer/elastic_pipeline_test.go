package indexer_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/bus"
	"github.com/modelwire/modelwire/internal/bus/bustest"
	"github.com/modelwire/modelwire/internal/pipeline"
	"github.com/modelwire/modelwire/internal/waittest"
)

// startNATS starts a real embedded NATS server with modelwire's streams.
func startNATS(t *testing.T) jetstream.JetStream { return bustest.Start(t) }

// runIndexStage runs the real index stage on store until the test ends.
func runIndexStage(t *testing.T, js jetstream.JetStream, store pipeline.Store) *pipeline.IndexStage {
	t.Helper()
	st := pipeline.NewIndexStage(js, store, pipeline.IndexOptions{Batch: 64, MaxWait: 50 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- st.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("index stage: %v", err)
		}
	})
	waittest.Eventually(t, 60*time.Second, "the indexer consumer", func() bool {
		_, err := js.Consumer(context.Background(), event.StreamArticles, bus.ConsumerIndexer)
		return err == nil
	})
	return st
}

func publishArticles(t *testing.T, js jetstream.JetStream, docs ...event.Article) {
	t.Helper()
	for _, d := range docs {
		data, err := event.Encode(d)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := js.Publish(context.Background(), event.SubjectArticles, data); err != nil {
			t.Fatal(err)
		}
	}
}

func consumerInfo(t *testing.T, js jetstream.JetStream) *jetstream.ConsumerInfo {
	t.Helper()
	c, err := js.Consumer(context.Background(), event.StreamArticles, bus.ConsumerIndexer)
	if err != nil {
		t.Fatal(err)
	}
	info, err := c.Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return info
}

func generated(n, from int, fetched time.Time) []event.Article {
	var out []event.Article
	for i := from; i < from+n; i++ {
		a := article(fmt.Sprintf("https://gen.example/%d", i), fmt.Sprintf("Model %d released", i),
			fmt.Sprintf("Vendor %d released model number %d today.", i%7, i), "en", fetched)
		a.Vendors = []event.Vendor{{ID: fmt.Sprintf("vendor-%d", i%7), Name: "V", Count: 1}}
		out = append(out, a)
	}
	return out
}

// TestElasticPermanentFailureToDLQ sends a document Elasticsearch refuses
// (a 40 kB vendor id is an immense keyword term) through the real index
// stage: it must be terminated and dead-lettered with Elasticsearch's
// reason, while its batch-mate is indexed.
func TestElasticPermanentFailureToDLQ(t *testing.T) {
	t.Parallel()
	store := openElastic(t, indexer.ElasticConfig{})
	js := startNATS(t)
	stage := runIndexStage(t, js, store)
	t0 := time.Now().UTC()
	good := article("https://a.example/good", "good", "a good article", "en", t0)
	bad := article("https://a.example/bad", "bad", "an article with a broken vendor", "en", t0)
	bad.Vendors = []event.Vendor{{ID: strings.Repeat("x", 40000), Name: "broken"}}
	publishArticles(t, js, good, bad)

	waittest.Eventually(t, 60*time.Second, "one indexed and one failed", func() bool {
		indexed, _, failed := stage.Counts()
		return indexed == 1 && failed == 1
	})
	if n := bustest.Msgs(t, js, event.StreamDLQ); n != 1 {
		t.Fatalf("dead letters = %d, want 1", n)
	}
	st, _ := js.Stream(context.Background(), event.StreamDLQ)
	msg, err := st.GetLastMsgForSubject(context.Background(), event.DLQSubject("indexer"))
	if err != nil {
		t.Fatal(err)
	}
	dl, err := event.DecodeDeadLetter(msg.Data)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(dl.Reason, "permanent") || !strings.Contains(dl.Reason, "vendors") || dl.Stream != event.StreamArticles {
		t.Errorf("dead letter reason %q (stream %s)", dl.Reason, dl.Stream)
	}
	if a, err := event.DecodeArticle(dl.Data); err != nil || a.URL != bad.URL {
		t.Errorf("dead letter carries %v, %v; want the bad article", a.URL, err)
	}
	waittest.Eventually(t, 60*time.Second, "the stream acked", func() bool { return consumerInfo(t, js).NumAckPending == 0 })
	refresh(t, store)
	if n, _ := store.Count(context.Background()); n != 1 {
		t.Errorf("count = %d, want the good article only", n)
	}
}

// TestElasticOutage opens the store while Elasticsearch cannot be reached,
// then cuts it off again mid-run: writes fail as temporary (never
// permanent, never stale), and once it is back the same writes succeed,
// the templates are installed, and nothing is lost or duplicated.
func TestElasticOutage(t *testing.T) {
	t.Parallel()
	requireES(t)
	p := newProxy(t, esURL())
	prefix := uniquePrefix(t)
	s, err := indexer.OpenElastic(context.Background(), indexer.ElasticConfig{Addresses: []string{p.url()}, IndexPrefix: prefix})
	if err != nil {
		t.Fatalf("opening with Elasticsearch down: %v", err)
	}
	defer s.Close()
	ctx := context.Background()
	t0 := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	first, second := generated(50, 0, t0), generated(50, 50, t0)

	temporary := func(t *testing.T, errs []error) {
		t.Helper()
		for i, err := range errs {
			if err == nil || errors.Is(err, indexer.ErrPermanent) || errors.Is(err, indexer.ErrStale) {
				t.Fatalf("doc %d with Elasticsearch down: err = %v, want a temporary error", i, err)
			}
		}
	}
	stored := func(t *testing.T, errs []error) {
		t.Helper()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("doc %d with Elasticsearch up: %v", i, err)
			}
		}
	}
	t.Run("down at start", func(t *testing.T) {
		temporary(t, s.Index(ctx, first))
		temporary(t, s.IndexReleases(ctx, []event.ReleaseEvent{releaseEvent("a.b", "a", "b", "https://x.example", t0)}))
		if _, err := s.Search(ctx, indexer.Query{}); err == nil {
			t.Error("search with Elasticsearch down: no error")
		}
	})
	t.Run("back", func(t *testing.T) {
		p.up(t)
		stored(t, s.Index(ctx, first))
		if status, _ := esDo(t, "GET", "/_index_template/"+prefix+"-articles", nil, nil); status != 200 {
			t.Errorf("template not installed after Elasticsearch came back: %d", status)
		}
	})
	t.Run("down mid-run", func(t *testing.T) {
		p.down()
		temporary(t, s.Index(ctx, second))
	})
	t.Run("back again", func(t *testing.T) {
		p.up(t)
		stored(t, s.Index(ctx, second))
		stored(t, s.Index(ctx, first[:10])) // a replay
	})
	refresh(t, s)
	if n, err := s.Count(ctx); err != nil || n != len(first)+len(second) {
		t.Fatalf("count = %d, %v; want %d", n, err, len(first)+len(second))
	}
}

// TestElasticOutageThroughStage runs the real index stage against an
// Elasticsearch that is unreachable when the stage starts and again later:
// the stage Naks and retries, and when Elasticsearch is back every article
// is indexed exactly once and none is dead-lettered.
func TestElasticOutageThroughStage(t *testing.T) {
	t.Parallel()
	requireES(t)
	p := newProxy(t, esURL())
	store, err := indexer.OpenElastic(context.Background(), indexer.ElasticConfig{Addresses: []string{p.url()}, IndexPrefix: uniquePrefix(t)})
	if err != nil {
		t.Fatalf("opening with Elasticsearch down: %v", err)
	}
	defer store.Close()
	js := startNATS(t)
	stage := runIndexStage(t, js, store)
	t0 := time.Now().UTC()

	rounds := []struct {
		name string
		docs []event.Article
	}{
		{"down at start", generated(40, 0, t0)},
		{"down mid-run", append(generated(40, 40, t0), generated(5, 0, t0)...)}, // with 5 replays
	}
	want := int64(0)
	for _, r := range rounds {
		t.Run(r.name, func(t *testing.T) {
			p.down()
			before := consumerInfo(t, js)
			publishArticles(t, js, r.docs...)
			waittest.Eventually(t, 60*time.Second, "a failed delivery being redelivered", func() bool {
				return consumerInfo(t, js).NumRedelivered > 0 || consumerInfo(t, js).Delivered.Consumer > before.Delivered.Consumer+uint64(len(r.docs))
			})
			if indexed, _, _ := stage.Counts(); indexed != want {
				t.Fatalf("indexed %d with Elasticsearch down, want %d", indexed, want)
			}
			p.up(t)
			want += int64(len(r.docs))
			waittest.Eventually(t, 60*time.Second, "every article indexed", func() bool {
				indexed, _, _ := stage.Counts()
				return indexed == want
			})
		})
	}
	if _, _, failed := stage.Counts(); failed != 0 {
		t.Errorf("%d articles failed", failed)
	}
	if n := bustest.Msgs(t, js, event.StreamDLQ); n != 0 {
		t.Errorf("%d dead letters, want none", n)
	}
	refresh(t, store)
	if n, err := store.Count(context.Background()); err != nil || n != 80 {
		t.Errorf("count = %d, %v; want 80 distinct articles", n, err)
	}
}
