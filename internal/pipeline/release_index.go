package pipeline

import (
	"context"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/event"
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
	bulkWriter
	store ReleaseStore
	grace time.Duration
}

// NewReleaseIndexStage returns a release index stage writing to store;
// opts.Batch and opts.MaxWait are not used (batches are of up to 128).
func NewReleaseIndexStage(js jetstream.JetStream, store ReleaseStore, opts IndexOptions) *ReleaseIndexStage {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &ReleaseIndexStage{
		bulkWriter: bulkWriter{js: js, log: opts.Logger.With("stage", "release-indexer"), stage: "release-indexer",
			metrics: newIndexMetrics(opts.Registerer, "releases")},
		store: store, grace: opts.Grace,
	}
}

// Indexed returns the number of release events stored.
func (s *ReleaseIndexStage) Indexed() int64 { return s.indexed.Load() }

// Run stores release events until ctx ends.
func (s *ReleaseIndexStage) Run(ctx context.Context) error {
	cons, err := bus.EnsureConsumer(ctx, s.js, event.StreamReleases, bus.ReleaseIndexerConsumer(), s.log)
	if err != nil || cons == nil {
		return err
	}
	fetchBatches(ctx, cons, 128, 200*time.Millisecond, keepAliveOf(bus.ReleaseIndexerConsumer()), s.grace, s.log, s.write)
	return nil
}

func (s *ReleaseIndexStage) write(ctx context.Context, msgs []jetstream.Msg) time.Duration {
	return writeBatch(ctx, &s.bulkWriter, bulk[event.ReleaseEvent]{
		decode: event.DecodeReleaseEvent,
		store:  s.store.IndexReleases,
		about:  func(ev event.ReleaseEvent) []any { return []any{"key", ev.Key} },
	}, msgs)
}
