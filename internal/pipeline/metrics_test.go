package pipeline_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/extractor"
	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/bus"
	"github.com/modelwire/modelwire/internal/bus/bustest"
	"github.com/modelwire/modelwire/internal/crawlstate"
	"github.com/modelwire/modelwire/internal/pipeline"
	"github.com/modelwire/modelwire/internal/probe/probetest"
	"github.com/modelwire/modelwire/internal/testsite"
	"github.com/modelwire/modelwire/internal/waittest"
)

// TestStageMetrics runs a real site through the crawler, extract and index
// stages on NATS and reads the metrics the issue names from one registry:
// pages by source and status, bytes, robots denials, extraction latency,
// bulk latency and failures, consumer pending and redelivered, DLQ size.
func TestStageMetrics(t *testing.T) {
	js := bustest.Start(t)
	reg := prometheus.NewRegistry()
	site := testsite.New(testsite.Options{Extra: 4})
	defer site.Close()

	crawls := crawlstate.NewMetrics()
	reg.MustRegister(crawls, bus.NewCollector(js,
		bus.ConsumerRef{Stream: event.StreamPages, Consumer: bus.ConsumerExtractor},
		bus.ConsumerRef{Stream: event.StreamArticles, Consumer: bus.ConsumerIndexer}))
	pub := pipeline.NewPagePublisher(js, 1<<20)
	c := crawler.New(crawler.Config{AllowPrivateNetworks: true, UserAgent: "modelwire-test"}, pub, crawler.WithObserver(crawls))
	flaky := &failFirst{Embedded: openStore(t)}
	waittest.Background(t, pipeline.NewExtractStage(js, extractor.New(), pipeline.ExtractOptions{NoContent: extractor.ErrNoContent, Registerer: reg}).Run)
	waittest.Background(t, pipeline.NewIndexStage(js, flaky, pipeline.IndexOptions{MaxWait: 20 * time.Millisecond, Registerer: reg}).Run)
	// A page that can never be extracted.
	if _, err := js.Publish(context.Background(), event.SubjectPages, []byte("not a page")); err != nil {
		t.Fatal(err)
	}

	src := crawler.Source{Name: "aiwire", StartURLs: []string{site.URL + "/"}, Sitemaps: []string{site.URL + "/sitemap.xml"}, MaxDepth: 1}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := c.Crawl(ctx, src); err != nil {
		t.Fatal(err)
	}
	want := len(site.Articles)
	waittest.Eventually(t, 10*time.Second, "every article indexed", func() bool {
		v, _ := probetest.Find(t, reg, "modelwire_index_documents_total", map[string]string{"kind": "articles", "result": "indexed"})
		return int(v) >= want
	})
	src1 := map[string]string{"source": "aiwire"}
	checks := []struct {
		name   string
		labels map[string]string
		ok     func(float64) bool
		want   string
	}{
		{"modelwire_crawler_pages_total", map[string]string{"source": "aiwire", "status": "fetched"}, func(v float64) bool { return int(v) >= want }, fmt.Sprintf("≥ %d", want)},
		{"modelwire_crawler_requests_total", src1, func(v float64) bool { return int(v) > want }, fmt.Sprintf("> %d", want)},
		{"modelwire_crawler_bytes_total", src1, func(v float64) bool { return v > 1000 }, "> 1000"},
		{"modelwire_crawler_robots_denied_total", src1, func(v float64) bool { return v == float64(len(site.Disallowed)) }, fmt.Sprint(len(site.Disallowed))},
		{"modelwire_crawler_passes_total", src1, func(v float64) bool { return v == 1 }, "1"},
		{"modelwire_extract_duration_seconds", nil, func(v float64) bool { return int(v) >= want }, fmt.Sprintf("≥ %d observations", want)},
		{"modelwire_extract_pages_total", map[string]string{"result": "dead_lettered"}, func(v float64) bool { return v == 1 }, "1"},
		{"modelwire_index_bulk_duration_seconds", map[string]string{"kind": "articles"}, func(v float64) bool { return v >= 2 }, "≥ 2 batches"},
		{"modelwire_index_bulk_failures_total", map[string]string{"kind": "articles"}, func(v float64) bool { return v == 1 }, "1"},
		{"modelwire_index_documents_total", map[string]string{"kind": "articles", "result": "retried"}, func(v float64) bool { return v >= 1 }, "≥ 1"},
		{"modelwire_dlq_messages", nil, func(v float64) bool { return v == 1 }, "1"},
		{"modelwire_consumer_pending_messages", map[string]string{"consumer": "extractor"}, func(v float64) bool { return v == 0 }, "0"},
		{"modelwire_consumer_redelivered_messages", map[string]string{"consumer": "indexer"}, func(v float64) bool { return v >= 0 }, "present"},
		{"modelwire_stream_messages", map[string]string{"stream": event.StreamArticles}, func(v float64) bool { return int(v) >= want }, fmt.Sprintf("≥ %d", want)},
		{"modelwire_jetstream_up", nil, func(v float64) bool { return v == 1 }, "1"},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if v := probetest.Value(t, reg, c.name, c.labels); !c.ok(v) {
				t.Errorf("%s%v = %v, want %s", c.name, c.labels, v, c.want)
			}
		})
	}
	// The counters go on across passes: a second pass adds to the first.
	if _, err := c.Crawl(ctx, src); err != nil {
		t.Fatal(err)
	}
	if v := probetest.Value(t, reg, "modelwire_crawler_passes_total", src1); v != 2 {
		t.Errorf("passes after the second pass: %v", v)
	}
	if v := probetest.Value(t, reg, "modelwire_crawler_pages_total", map[string]string{"source": "aiwire", "status": "fetched"}); int(v) < want {
		t.Errorf("fetched pages went down after the second pass: %v", v)
	}
}

// failFirst is a store whose first write fails as a store outage does.
type failFirst struct {
	*indexer.Embedded
	calls atomic.Int64
}

func (f *failFirst) Index(ctx context.Context, docs []event.Article) []error {
	if f.calls.Add(1) == 1 {
		errs := make([]error, len(docs))
		for i := range errs {
			errs[i] = errors.New("connection refused")
		}
		return errs
	}
	return f.Embedded.Index(ctx, docs)
}
