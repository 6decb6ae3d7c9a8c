package pipeline

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/bus"
)

// ReleaseStore keeps release records: one error per event, like Store.
type ReleaseStore interface {
	IndexReleases(ctx context.Context, evs []event.ReleaseEvent) []error
}

// ReleaseIndexStage consumes MW_RELEASES with the durable
// "indexer-releases" consumer and folds each event into its release record
// in the store.
type ReleaseIndexStage struct {
	js      jetstream.JetStream
	store   ReleaseStore
	log     *slog.Logger
	grace   time.Duration
	metrics indexMetrics
	outage  outage

	indexed atomic.Int64
}

// NewReleaseIndexStage returns a release index stage writing to store;
// opts.Batch and opts.MaxWait are not used (batches are of up to 128).
func NewReleaseIndexStage(js jetstream.JetStream, store ReleaseStore, opts IndexOptions) *ReleaseIndexStage {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &ReleaseIndexStage{js: js, store: store, log: opts.Logger.With("stage", "release-indexer"),
		grace: opts.Grace, metrics: newIndexMetrics(opts.Registerer, "releases")}
}

// Indexed returns the number of release events stored.
func (s *ReleaseIndexStage) Indexed() int64 { return s.indexed.Load() }

// Run stores release events until ctx ends.
func (s *ReleaseIndexStage) Run(ctx context.Context) error {
	cons, err := ensureConsumer(ctx, s.js, event.StreamReleases, bus.ReleaseIndexerConsumer(), s.log)
	if err != nil || cons == nil {
		return err
	}
	fetchBatches(ctx, cons, 128, 200*time.Millisecond, keepAliveOf(bus.ReleaseIndexerConsumer()), s.grace, s.log, s.write)
	return nil
}

func (s *ReleaseIndexStage) write(ctx context.Context, msgs []jetstream.Msg) time.Duration {
	evs := make([]event.ReleaseEvent, 0, len(msgs))
	keep := make([]jetstream.Msg, 0, len(msgs))
	for _, m := range msgs {
		ev, err := event.DecodeReleaseEvent(m.Data())
		if err != nil {
			s.metrics.docs.WithLabelValues(resultDeadLettered).Inc()
			deadLetter(ctx, s.js, "release-indexer", m, s.log, err)
			continue
		}
		evs = append(evs, ev)
		keep = append(keep, m)
	}
	if len(evs) == 0 {
		return 0
	}
	start := time.Now()
	errs := s.store.IndexReleases(ctx, evs)
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
		case err == nil:
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
			ackOrLog(m, s.log)
		case errors.Is(err, indexer.ErrPermanent):
			s.metrics.docs.WithLabelValues(resultDeadLettered).Inc()
			deadLetter(ctx, s.js, "release-indexer", m, s.log.With("key", evs[i].Key), err)
		case pause > 0:
			s.metrics.docs.WithLabelValues(resultRetried).Inc()
			m.NakWithDelay(pause)
		default:
			s.metrics.docs.WithLabelValues(resultRetried).Inc()
			retry(m, s.log.With("key", evs[i].Key), err)
		}
	}
	return pause
}
