package pipeline

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/indexer"
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
	js      jetstream.JetStream
	store   Store
	log     *slog.Logger
	batch   int
	maxWait time.Duration
	grace   time.Duration
	metrics indexMetrics
	outage  outage

	indexed, stale, failed atomic.Int64
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
	// (default DefaultGrace).
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
	return &IndexStage{js: js, store: store, log: opts.Logger.With("stage", "indexer"), batch: opts.Batch, maxWait: opts.MaxWait,
		grace: opts.Grace, metrics: newIndexMetrics(opts.Registerer, "articles")}
}

// Counts returns articles indexed, skipped as stale, and failed so far.
func (s *IndexStage) Counts() (indexed, stale, failed int64) {
	return s.indexed.Load(), s.stale.Load(), s.failed.Load()
}

// Run writes articles until ctx ends; a batch in flight is finished first.
func (s *IndexStage) Run(ctx context.Context) error {
	cons, err := ensureConsumer(ctx, s.js, event.StreamArticles, bus.IndexerConsumer(), s.log)
	if err != nil || cons == nil {
		return err
	}
	fetchBatches(ctx, cons, s.batch, s.maxWait, keepAliveOf(bus.IndexerConsumer()), s.grace, s.log, s.write)
	return nil
}

func (s *IndexStage) write(ctx context.Context, msgs []jetstream.Msg) time.Duration {
	docs := make([]event.Article, 0, len(msgs))
	keep := make([]jetstream.Msg, 0, len(msgs))
	for _, m := range msgs {
		a, err := event.DecodeArticle(m.Data())
		if err != nil {
			s.failed.Add(1)
			s.metrics.docs.WithLabelValues(resultDeadLettered).Inc()
			deadLetter(ctx, s.js, "indexer", m, s.log, err)
			continue
		}
		docs = append(docs, a)
		keep = append(keep, m)
	}
	if len(docs) == 0 {
		return 0
	}
	start := time.Now()
	errs := s.store.Index(ctx, docs)
	s.metrics.bulk.Observe(time.Since(start).Seconds())
	results := make([]error, len(keep))
	stored, temporary := 0, 0
	for i := range keep {
		err := errors.New("store returned too few results")
		if i < len(errs) {
			err = errs[i]
		}
		results[i] = err
		switch {
		case err == nil || errors.Is(err, indexer.ErrStale):
			stored++
		case !errors.Is(err, indexer.ErrPermanent):
			temporary++
		}
	}
	pause := s.outage.next(stored == 0 && temporary > 0)
	if temporary > 0 {
		s.metrics.failures.Inc()
	}
	if pause > 0 {
		s.log.Warn("search store unavailable; pausing", "pause", pause, "batch", len(keep), "err", firstTemporary(results))
	}
	for i, m := range keep {
		err := results[i]
		switch {
		case err == nil:
			s.indexed.Add(1)
			s.metrics.docs.WithLabelValues(resultIndexed).Inc()
			if !docs[i].FetchedAt.IsZero() {
				s.metrics.latency.Observe(time.Since(docs[i].FetchedAt).Seconds())
			}
			ackOrLog(m, s.log)
		case errors.Is(err, indexer.ErrStale):
			s.stale.Add(1)
			s.metrics.docs.WithLabelValues(resultStale).Inc()
			ackOrLog(m, s.log)
		case errors.Is(err, indexer.ErrPermanent):
			s.failed.Add(1)
			s.metrics.docs.WithLabelValues(resultDeadLettered).Inc()
			deadLetter(ctx, s.js, "indexer", m, s.log.With("url", docs[i].URL, "doc_id", docs[i].ID), err)
		case pause > 0:
			s.metrics.docs.WithLabelValues(resultRetried).Inc()
			m.NakWithDelay(pause)
		default:
			s.metrics.docs.WithLabelValues(resultRetried).Inc()
			retry(m, s.log.With("url", docs[i].URL, "doc_id", docs[i].ID), err)
		}
	}
	return pause
}

// firstTemporary returns the first error that is neither nil, stale nor
// permanent.
func firstTemporary(errs []error) error {
	for _, err := range errs {
		if err != nil && !errors.Is(err, indexer.ErrStale) && !errors.Is(err, indexer.ErrPermanent) {
			return err
		}
	}
	return nil
}

// keepAliveOf returns how often a batch in flight is marked in progress:
// three times per ack wait.
func keepAliveOf(cfg jetstream.ConsumerConfig) time.Duration { return cfg.AckWait / 3 }

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
