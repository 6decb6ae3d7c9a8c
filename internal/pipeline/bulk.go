package pipeline

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/bus"
)

// bulkWriter is what the index stages share: each batch of messages is
// decoded, written to the store in one call and settled message by message
// on its own result.
type bulkWriter struct {
	js      jetstream.JetStream
	log     *slog.Logger
	stage   string // names the stage in dead letters
	metrics indexMetrics
	outage  outage

	indexed, stale, failed atomic.Int64
}

// bulk says how a bulkWriter handles records of type T.
type bulk[T any] struct {
	decode func([]byte) (T, error)
	// store writes records and returns one error per record: nil (or
	// indexer.ErrStale) for stored, indexer.ErrPermanent for never,
	// anything else for "try again".
	store func(context.Context, []T) []error
	// about returns the log attributes naming a record.
	about func(T) []any
	// stored, if set, is called for each record stored.
	stored func(T)
}

// writeBatch writes msgs through b and settles each message: ack when
// stored or stale, dead-letter when undecodable or refused for good, nak
// otherwise — after the returned pause for the whole batch when the store
// stored none of it (it is down).
func writeBatch[T any](ctx context.Context, w *bulkWriter, b bulk[T], msgs []jetstream.Msg) time.Duration {
	recs := make([]T, 0, len(msgs))
	keep := make([]jetstream.Msg, 0, len(msgs))
	for _, m := range msgs {
		rec, err := b.decode(m.Data())
		if err != nil {
			w.failed.Add(1)
			w.metrics.docs.WithLabelValues(resultDeadLettered).Inc()
			bus.DeadLetter(ctx, w.js, w.stage, m, w.log, err)
			continue
		}
		recs = append(recs, rec)
		keep = append(keep, m)
	}
	if len(recs) == 0 {
		return 0
	}
	start := time.Now()
	errs := b.store(ctx, recs)
	w.metrics.bulk.Observe(time.Since(start).Seconds())
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
	pause := w.outage.next(stored == 0 && temporary > 0)
	if temporary > 0 {
		w.metrics.failures.Inc()
	}
	if pause > 0 {
		w.log.Warn("search store unavailable; pausing", "pause", pause, "batch", len(keep), "err", firstTemporary(results))
	}
	for i, m := range keep {
		err := results[i]
		switch {
		case err == nil:
			w.indexed.Add(1)
			w.metrics.docs.WithLabelValues(resultIndexed).Inc()
			if b.stored != nil {
				b.stored(recs[i])
			}
			bus.Ack(m, w.log)
		case errors.Is(err, indexer.ErrStale):
			w.stale.Add(1)
			w.metrics.docs.WithLabelValues(resultStale).Inc()
			bus.Ack(m, w.log)
		case errors.Is(err, indexer.ErrPermanent):
			w.failed.Add(1)
			w.metrics.docs.WithLabelValues(resultDeadLettered).Inc()
			bus.DeadLetter(ctx, w.js, w.stage, m, w.log.With(b.about(recs[i])...), err)
		case pause > 0:
			w.metrics.docs.WithLabelValues(resultRetried).Inc()
			m.NakWithDelay(pause)
		default:
			w.metrics.docs.WithLabelValues(resultRetried).Inc()
			bus.Retry(m, w.log.With(b.about(recs[i])...), err)
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
