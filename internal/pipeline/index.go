package pipeline

import (
	"context"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/bus"
)

// Store is the search store as the index stage needs it: one error per
// document, nil (or indexer.ErrStale) for stored, indexer.ErrPermanent for
// never, anything else for "try again".
type Store interface {
	Index(ctx context.Context, docs []event.Article) []error
}

// IndexStage consumes MW_ARTICLES with the durable "indexer" consumer and
// writes articles to the store in batches, acknowledging each message by
// its own result.
type IndexStage struct {
	bulkWriter
	store   Store
	batch   int
	maxWait time.Duration
	grace   time.Duration
}

// IndexOptions configures an IndexStage. Zero values mean defaults.
type IndexOptions struct {
	// Batch is the most articles written at once (default 1024).
	Batch int
	// MaxWait is how long to wait to fill a batch (default 500ms). Each
	// batch is one segment of the embedded index, merged later, and one
	// round of bulk requests to Elasticsearch: fewer, larger batches cost
	// less per article, at the price of up to MaxWait more latency.
	MaxWait time.Duration
	// Grace bounds the batch in flight after Run is told to stop
	// (default bus.DefaultGrace).
	Grace time.Duration
	// Registerer receives the stage's metrics (nil: none).
	Registerer prometheus.Registerer
	Logger     *slog.Logger
}

// NewIndexStage returns an index stage writing to store.
func NewIndexStage(js jetstream.JetStream, store Store, opts IndexOptions) *IndexStage {
	if opts.Batch <= 0 {
		opts.Batch = 1024
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = 500 * time.Millisecond
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &IndexStage{
		bulkWriter: bulkWriter{js: js, log: opts.Logger.With("stage", "indexer"), stage: "indexer",
			metrics: newIndexMetrics(opts.Registerer, "articles")},
		store: store, batch: opts.Batch, maxWait: opts.MaxWait, grace: opts.Grace,
	}
}

// Counts returns articles indexed, skipped as stale, and failed so far.
func (s *IndexStage) Counts() (indexed, stale, failed int64) {
	return s.indexed.Load(), s.stale.Load(), s.failed.Load()
}

// Run writes articles until ctx ends; a batch in flight is finished first.
func (s *IndexStage) Run(ctx context.Context) error {
	cons, err := bus.EnsureConsumer(ctx, s.js, event.StreamArticles, bus.IndexerConsumer(), s.log)
	if err != nil || cons == nil {
		return err
	}
	fetchBatches(ctx, cons, s.batch, s.maxWait, keepAliveOf(bus.IndexerConsumer()), s.grace, s.log, s.write)
	return nil
}

func (s *IndexStage) write(ctx context.Context, msgs []jetstream.Msg) time.Duration {
	return writeBatch(ctx, &s.bulkWriter, bulk[event.Article]{
		decode: event.DecodeArticle,
		store:  s.store.Index,
		about:  func(a event.Article) []any { return []any{"url", a.URL, "doc_id", a.ID} },
		stored: func(a event.Article) {
			if !a.FetchedAt.IsZero() {
				s.metrics.latency.Observe(time.Since(a.FetchedAt).Seconds())
			}
		},
	}, msgs)
}

// keepAliveOf returns how often a batch in flight is marked in progress:
// three times per ack wait.
func keepAliveOf(cfg jetstream.ConsumerConfig) time.Duration { return cfg.AckWait / 3 }
