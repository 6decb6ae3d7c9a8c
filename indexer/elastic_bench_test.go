package indexer_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/elastic/go-elasticsearch/v8"
	"github.com/elastic/go-elasticsearch/v8/esutil"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/indexer"
)

// benchArticle is a news-sized article (about 2.5 kB of text) with
// vendors, models and a claim, like those the extractor produces.
func benchArticle(i int, fetched time.Time) event.Article {
	text := strings.Repeat(fmt.Sprintf("Vendor %d released model %d, which it says beats the previous generation on reasoning benchmarks. ", i%13, i), 25)
	a := article(fmt.Sprintf("https://bench.example/news/%d", i), fmt.Sprintf("Model %d released with open weights", i), text, "en", fetched)
	a.Vendors = []event.Vendor{{ID: fmt.Sprintf("vendor-%d", i%13), Name: "Vendor", Count: 3}}
	a.Models = []event.Model{{Name: fmt.Sprintf("Model-%d", i), Vendor: "vendor", Count: 4}}
	v := 71.5
	a.Claims = []event.Claim{{Model: fmt.Sprintf("Model-%d", i), Benchmark: "MMLU", Value: &v, Relation: "score"}}
	return a
}

// BenchmarkElasticIndex measures documents per second into the dev
// Elasticsearch node: through the store (versioned, per-item results, in
// the index stage's batches, one batch at a time as the stage writes) and
// through a bare esutil.BulkIndexer sending the same documents with the
// same workers at several flush sizes. Compare the docs/s metrics.
func BenchmarkElasticIndex(b *testing.B) {
	ctx := context.Background()
	t0 := time.Now().UTC()
	for _, batch := range []int{256, 1024} {
		b.Run(fmt.Sprintf("store/batch=%d", batch), func(b *testing.B) {
			s := openElastic(b, indexer.ElasticConfig{Workers: 2})
			docs := make([]event.Article, 0, batch)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				docs = append(docs, benchArticle(i, t0))
				if len(docs) == batch || i == b.N-1 {
					for _, err := range s.Index(ctx, docs) {
						if err != nil {
							b.Fatal(err)
						}
					}
					docs = docs[:0]
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
	// The bare indexer at several flush sizes: the best of them is the
	// node's own limit the store is held against.
	for _, flush := range []int{512 << 10, 1 << 20, 5 << 20} {
		b.Run(fmt.Sprintf("bare/flush=%dKB", flush>>10), func(b *testing.B) {
			s := openElastic(b, indexer.ElasticConfig{Workers: 2}) // the same mapping
			client, err := elasticsearch.NewClient(elasticsearch.Config{Addresses: []string{esURL()}})
			if err != nil {
				b.Fatal(err)
			}
			bi, err := esutil.NewBulkIndexer(esutil.BulkIndexerConfig{Client: client, Index: s.Prefix() + "-articles", NumWorkers: 2, FlushBytes: flush})
			if err != nil {
				b.Fatal(err)
			}
			var failed atomic.Pointer[error]
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				a := benchArticle(i, t0)
				body, err := indexer.EncodeArticle(a)
				if err != nil {
					b.Fatal(err)
				}
				err = bi.Add(ctx, esutil.BulkIndexerItem{Action: "index", DocumentID: a.ID, Body: bytes.NewReader(body),
					OnFailure: func(_ context.Context, _ esutil.BulkIndexerItem, r esutil.BulkIndexerResponseItem, err error) {
						err = fmt.Errorf("%v %s", err, r.Error.Reason)
						failed.Store(&err)
					}})
				if err != nil {
					b.Fatal(err)
				}
			}
			if err := bi.Close(ctx); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
			if err := failed.Load(); err != nil {
				b.Fatal(*err)
			}
		})
	}
}
