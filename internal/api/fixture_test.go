package api_test

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/api"
	"github.com/modelwire/modelwire/internal/bus/bustest"
)

// fixture is a real embedded NATS server with JetStream, a real embedded
// store holding a few articles, and the API on an httptest server.
type fixture struct {
	js    jetstream.JetStream
	nats  *server.Server
	store *indexer.Embedded
	// closeStore closes the store once.
	closeStore func()
	reg        *prometheus.Registry
	api        *api.Server
	srv        *httptest.Server
}

// t0 is when the fixture's articles were published.
var t0 = time.Date(2025, 1, 20, 8, 0, 0, 0, time.UTC)

// fixtureArticles are indexed into every fixture's store.
func fixtureArticles() []event.Article {
	mk := func(url, title, text, lang string, published time.Time, vendor, model string) event.Article {
		a := event.Article{ID: event.DocID(url), URL: url, CanonicalURL: url, Title: title, Text: text, Language: lang,
			SiteName: "news.example", PublishedAt: published, FetchedAt: published.Add(time.Hour)}
		if vendor != "" {
			a.Vendors = []event.Vendor{{ID: vendor, Name: vendor, Count: 1}}
			a.Models = []event.Model{{ID: vendor + "/" + event.Slug(model), Name: model, Vendor: vendor, Count: 1}}
		}
		return a
	}
	ds := mk("https://news.example/deepseek-r1", "DeepSeek releases DeepSeek-R1, an open reasoning model",
		"DeepSeek open-sourced DeepSeek-R1, a reasoning model it says matches OpenAI o1 on AIME & MATH-500 <benchmarks>.", "en", t0, "deepseek", "DeepSeek-R1")
	aime, math := 79.8, 97.3
	ds.Claims = []event.Claim{{Model: "DeepSeek-R1", Benchmark: "AIME 2024", Value: &aime, Unit: "%", Relation: "score"},
		{Model: "DeepSeek-R1", Benchmark: "MATH-500", Value: &math, Unit: "%", Relation: "score"}}
	return []event.Article{
		ds,
		mk("https://news.example/kimi-k2", "月之暗面发布Kimi K2",
			"月之暗面今天发布了Kimi K2模型，并开源了权重。", "zh", t0.Add(24*time.Hour), "moonshot", "Kimi K2"),
		mk("https://news.example/qwen3", "Alibaba ra mắt Qwen3",
			"Alibaba vừa ra mắt Qwen3 với 235 tỷ tham số, a reasoning model too.", "vi", t0.Add(48*time.Hour), "qwen", "Qwen3"),
		mk("https://news.example/xss", `<script>alert("title")</script> Evil title`,
			`A page whose text carries <img src=x onerror=alert(1)> markup and the word zebrafinch.`, "en", t0.Add(-24*time.Hour), "", ""),
	}
}

func newFixture(t testing.TB, opts api.Options) *fixture {
	t.Helper()
	js, srv := bustest.StartServer(t, "")
	store, err := indexer.OpenEmbedded(t.TempDir(), indexer.EmbeddedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	closeStore := func() { store.Close() }
	t.Cleanup(closeStore)
	for i, err := range store.Index(context.Background(), fixtureArticles()) {
		if err != nil {
			t.Fatalf("indexing article %d: %v", i, err)
		}
	}
	reg := prometheus.NewRegistry()
	opts.Store, opts.JS = store, js
	if opts.Registerer == nil {
		opts.Registerer, opts.Gatherer = reg, reg
	}
	a := api.New(opts)
	hs := httptest.NewServer(a.Handler())
	t.Cleanup(hs.Close)
	return &fixture{js: js, nats: srv, store: store, closeStore: closeStore, reg: reg, api: a, srv: hs}
}

// releaseEvent returns a release event of a vendor's model.
func releaseEvent(kind, vendor, model string, sources ...string) event.ReleaseEvent {
	if len(sources) == 0 {
		sources = []string{"https://news.example/" + event.Slug(model)}
	}
	return event.ReleaseEvent{Kind: kind, Key: event.ReleaseKey(vendor, model), Vendor: event.Slug(vendor), Model: model,
		FirstSeen: t0, Confidence: 0.9, ArticleURL: sources[len(sources)-1], Title: model + " released", Sources: sources}
}

// publish stores ev on MW_RELEASES and returns its stream sequence.
func (f *fixture) publish(t testing.TB, ev event.ReleaseEvent) uint64 {
	t.Helper()
	data, err := event.Encode(ev)
	if err != nil {
		t.Fatal(err)
	}
	ack, err := f.js.Publish(context.Background(), event.ReleaseSubject(ev.Vendor, ev.Model), data)
	if err != nil {
		t.Fatal(err)
	}
	return ack.Sequence
}

// fixtureReleases are release events about the fixture's articles (and
// two more models), spread over two months, for the feeds, the timeline
// and the model pages.
func fixtureReleases() []event.ReleaseEvent {
	aime := 79.8
	mk := func(kind, vendor, model string, published time.Time, sources ...string) event.ReleaseEvent {
		ev := releaseEvent(kind, vendor, model, sources...)
		ev.PublishedAt = published
		ev.FirstSeen = t0.Add(72 * time.Hour)
		ev.SeenAt = ev.FirstSeen
		ev.Evidence = model + " is released today."
		return ev
	}
	r1 := mk(event.KindRelease, "deepseek", "DeepSeek-R1", t0, "https://news.example/deepseek-r1")
	r1.ParamsTotalB, r1.ParamsActiveB, r1.License, r1.OpenWeights = 671, 37, "MIT", true
	r1.Claims = []event.Claim{{Model: "DeepSeek-R1", Benchmark: "AIME 2024", Value: &aime, Unit: "%", Relation: "score", Evidence: "79.8% on AIME 2024"},
		{Model: "DeepSeek-R1", Benchmark: "MATH-500", Relation: "matches", Target: "OpenAI o1"}}
	kimi := mk(event.KindRelease, "moonshot", "Kimi K2", t0.Add(24*time.Hour), "https://news.example/kimi-k2")
	kimi2 := mk(event.KindCorroboration, "moonshot", "Kimi K2", t0.Add(30*time.Hour), "https://news.example/kimi-k2", "https://other.example/kimi")
	kimi2.SeenAt = t0.Add(96 * time.Hour)
	return []event.ReleaseEvent{
		r1, kimi, kimi2,
		mk(event.KindRelease, "qwen", "Qwen3", t0.Add(48*time.Hour), "https://news.example/qwen3"),
		mk(event.KindRelease, "qwen", "Qwen3-235B-A22B", t0.Add(-40*24*time.Hour), "https://other.example/qwen3-235b"),
		mk(event.KindRelease, "deepseek", "DeepSeek-V3", t0.Add(-25*24*time.Hour), "https://other.example/deepseek-v3"),
	}
}

// indexReleases stores release events in the fixture's store.
func (f *fixture) indexReleases(t testing.TB, evs ...event.ReleaseEvent) {
	t.Helper()
	for i, err := range f.store.IndexReleases(context.Background(), evs) {
		if err != nil {
			t.Fatalf("release %d: %v", i, err)
		}
	}
}
