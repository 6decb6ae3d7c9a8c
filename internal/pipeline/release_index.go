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
	js    jetstream.JetStream
	store ReleaseStore
	log   *slog.Logger

	indexed atomic.Int64
}

// NewReleaseIndexStage returns a release index stage writing to store.
func NewReleaseIndexStage(js jetstream.JetStream, store ReleaseStore, log *slog.Logger) *ReleaseIndexStage {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &ReleaseIndexStage{js: js, store: store, log: log.With("stage", "release-indexer")}
}

// Indexed returns the number of release events stored.
func (s *ReleaseIndexStage) Indexed() int64 { return s.indexed.Load() }

// Run stores release events until ctx ends.
func (s *ReleaseIndexStage) Run(ctx context.Context) error {
	cons, err := ensureConsumer(ctx, s.js, event.StreamReleases, bus.ReleaseIndexerConsumer(), s.log)
	if err != nil || cons == nil {
		return err
	}
	fetchBatches(ctx, cons, 128, 200*time.Millisecond, s.log, s.write)
	return nil
}

func (s *ReleaseIndexStage) write(ctx context.Context, msgs []jetstream.Msg) {
	evs := make([]event.ReleaseEvent, 0, len(msgs))
	keep := make([]jetstream.Msg, 0, len(msgs))
	for _, m := range msgs {
		ev, err := event.DecodeReleaseEvent(m.Data())
		if err != nil {
			deadLetter(ctx, s.js, "release-indexer", m, s.log, err)
			continue
		}
		evs = append(evs, ev)
		keep = append(keep, m)
	}
	if len(evs) == 0 {
		return
	}
	errs := s.store.IndexReleases(ctx, evs)
	for i, m := range keep {
		err := errors.New("store returned too few results")
		if i < len(errs) {
			err = errs[i]
		}
		switch {
		case err == nil:
			s.indexed.Add(1)
			ackOrLog(m, s.log)
		case errors.Is(err, indexer.ErrPermanent):
			deadLetter(ctx, s.js, "release-indexer", m, s.log.With("key", evs[i].Key), err)
		default:
			retry(m, s.log.With("key", evs[i].Key), err)
		}
	}
}
