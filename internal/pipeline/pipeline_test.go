package pipeline_test

import (
	"context"
	"errors"
	"fmt"

	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/extractor"
	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/bus/bustest"
	"github.com/modelwire/modelwire/internal/pipeline"
	"github.com/modelwire/modelwire/internal/testsite"
	"github.com/modelwire/modelwire/internal/waittest"
)

func openStore(t *testing.T) *indexer.Embedded {
	t.Helper()
	s, err := indexer.OpenEmbedded(t.TempDir(), indexer.EmbeddedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func page(t *testing.T, url, html string) event.Page {
	t.Helper()
	return event.Page{URL: url, Source: "test", Status: 200, ContentType: "text/html",
		FetchedAt: time.Now().UTC(), ContentHash: event.Hash([]byte(html)), Body: event.Compress([]byte(html))}
}

func TestGarbageGoesToDLQ(t *testing.T) {
	js := bustest.Start(t)
	ex := pipeline.NewExtractStage(js, extractor.New(), pipeline.ExtractOptions{NoContent: extractor.ErrNoContent})
	waittest.Background(t, ex.Run)
	ctx := context.Background()
	if _, err := js.Publish(ctx, event.SubjectPages, []byte("not json at all")); err != nil {
		t.Fatal(err)
	}
	bad := page(t, "https://a.example/x", "")
	bad.Body = []byte("not gzip")
	data, _ := event.Encode(bad)
	if _, err := js.Publish(ctx, event.SubjectPages, data); err != nil {
		t.Fatal(err)
	}
	waittest.Eventually(t, 10*time.Second, "two dead letters", func() bool { return bustest.Msgs(t, js, event.StreamDLQ) == 2 })
	st, _ := js.Stream(ctx, event.StreamDLQ)
	msg, err := st.GetLastMsgForSubject(ctx, event.DLQSubject("extractor"))
	if err != nil {
		t.Fatal(err)
	}
	dl, err := event.DecodeDeadLetter(msg.Data)
	if err != nil || dl.Reason == "" || dl.Stream != event.StreamPages || (dl.Seq != 1 && dl.Seq != 2) || len(dl.Data) == 0 {
		t.Fatalf("dead letter = %+v, err %v", dl, err)
	}
	_, _, failed := ex.Counts()
	if failed != 2 {
		t.Errorf("failed = %d, want 2", failed)
	}
}

func TestPageToIndex(t *testing.T) {
	js := bustest.Start(t)
	store := openStore(t)
	ex := pipeline.NewExtractStage(js, extractor.New(), pipeline.ExtractOptions{NoContent: extractor.ErrNoContent})
	ix := pipeline.NewIndexStage(js, store, pipeline.IndexOptions{MaxWait: 20 * time.Millisecond})
	waittest.Background(t, ex.Run)
	waittest.Background(t, ix.Run)
	pub := pipeline.NewPagePublisher(js, 1<<20)
	a := testsite.Article{Path: "/a", Title: "DeepSeek-V3 released", Lang: "en", Published: time.Now(),
		Body: []string{"DeepSeek released DeepSeek-V3 today, an open-weight mixture-of-experts model with 671B parameters that the company says rivals the best closed models on coding and mathematics benchmarks."}}
	p := page(t, "https://news.example/a", testsite.Render(a, "https://news.example"))
	if err := pub.Publish(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	// A duplicate publish is dropped by the stream (same Nats-Msg-Id).
	if err := pub.Publish(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	// A page without an article is acknowledged and skipped, not dead-lettered.
	if err := pub.Publish(context.Background(), page(t, "https://news.example/empty", "<html><body></body></html>")); err != nil {
		t.Fatal(err)
	}
	waittest.Eventually(t, 10*time.Second, "one indexed article", func() bool { n, _, _ := ix.Counts(); return n == 1 })
	waittest.Eventually(t, 10*time.Second, "one skipped page", func() bool { _, s, _ := ex.Counts(); return s == 1 })
	if n, _ := store.Count(context.Background()); n != 1 {
		t.Fatalf("store count = %d, want 1", n)
	}
	if d := bustest.Msgs(t, js, event.StreamDLQ); d != 0 {
		t.Fatalf("dlq = %d, want 0", d)
	}
}

// flakyStore fails every write until healthy is set, like a store that is down.
type flakyStore struct {
	*indexer.Embedded
	healthy atomic.Bool
	calls   atomic.Int64
}

func (f *flakyStore) Index(ctx context.Context, docs []event.Article) []error {
	f.calls.Add(1)
	if !f.healthy.Load() {
		errs := make([]error, len(docs))
		for i := range errs {
			errs[i] = errors.New("connection refused")
		}
		return errs
	}
	return f.Embedded.Index(ctx, docs)
}

func publishArticle(t *testing.T, js jetstream.JetStream, a event.Article) {
	t.Helper()
	data, err := event.Encode(a)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := js.Publish(context.Background(), event.SubjectArticles, data); err != nil {
		t.Fatal(err)
	}
}

func TestIndexRetriesUntilStoreIsBack(t *testing.T) {
	js := bustest.Start(t)
	store := &flakyStore{Embedded: openStore(t)}
	ix := pipeline.NewIndexStage(js, store, pipeline.IndexOptions{MaxWait: 20 * time.Millisecond})
	waittest.Background(t, ix.Run)
	for i := range 5 {
		url := fmt.Sprintf("https://a.example/%d", i)
		publishArticle(t, js, event.Article{ID: event.DocID(url), URL: url, CanonicalURL: url, Title: "t", Text: "x", FetchedAt: time.Now()})
	}
	waittest.Eventually(t, 10*time.Second, "a failed write", func() bool { return store.calls.Load() >= 1 })
	if n, _, _ := ix.Counts(); n != 0 {
		t.Fatalf("indexed %d while the store was down", n)
	}
	store.healthy.Store(true)
	waittest.Eventually(t, 10*time.Second, "all five indexed after the store came back", func() bool { n, _, _ := ix.Counts(); return n == 5 })
	if n, _ := store.Count(context.Background()); n != 5 {
		t.Fatalf("store count = %d, want 5", n)
	}
	if d := bustest.Msgs(t, js, event.StreamDLQ); d != 0 {
		t.Fatalf("dlq = %d, want 0: temporary failures must not dead-letter", d)
	}
}

// permanentStore rejects documents titled "bad" permanently.
type permanentStore struct {
	*indexer.Embedded
}

func (p *permanentStore) Index(ctx context.Context, docs []event.Article) []error {
	errs := p.Embedded.Index(ctx, docs)
	for i, d := range docs {
		if d.Title == "bad" {
			errs[i] = fmt.Errorf("%w: mapper_parsing_exception", indexer.ErrPermanent)
		}
	}
	return errs
}

func TestPermanentIndexFailureGoesToDLQ(t *testing.T) {
	js := bustest.Start(t)
	ix := pipeline.NewIndexStage(js, &permanentStore{Embedded: openStore(t)}, pipeline.IndexOptions{MaxWait: 20 * time.Millisecond})
	waittest.Background(t, ix.Run)
	good, bad := "https://a.example/good", "https://a.example/bad"
	publishArticle(t, js, event.Article{ID: event.DocID(good), URL: good, CanonicalURL: good, Title: "good", Text: "x", FetchedAt: time.Now()})
	publishArticle(t, js, event.Article{ID: event.DocID(bad), URL: bad, CanonicalURL: bad, Title: "bad", Text: "x", FetchedAt: time.Now()})
	if _, err := js.Publish(context.Background(), event.SubjectArticles, []byte(`{"v":1}`)); err != nil {
		t.Fatal(err)
	}
	waittest.Eventually(t, 10*time.Second, "two dead letters", func() bool { return bustest.Msgs(t, js, event.StreamDLQ) == 2 })
	waittest.Eventually(t, 10*time.Second, "the good one indexed", func() bool { n, _, _ := ix.Counts(); return n == 1 })
}
