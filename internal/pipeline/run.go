package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"golang.org/x/sync/errgroup"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/bus"
)

// Crawler crawls sources: once, or on their schedules until ctx ends,
// taking new source lists from updates.
type Crawler interface {
	Once(ctx context.Context, sources []crawler.Source) ([]*crawler.Stats, error)
	RunUpdates(ctx context.Context, sources []crawler.Source, updates <-chan []crawler.Source) error
}

// All is every stage in one process, as `modelwire run` runs them.
type All struct {
	JS        jetstream.JetStream
	Publisher *PagePublisher
	Crawler   Crawler
	Extract   *ExtractStage
	Index     *IndexStage
	// Releases, if set, keeps the store's release records.
	Releases *ReleaseIndexStage
	Sources  []crawler.Source
	// Updates, if set, delivers reloaded source lists to Run.
	Updates <-chan []crawler.Source
	Logger  *slog.Logger
	// Extra runs beside the stages until ctx ends (the HTTP server, say).
	Extra []func(ctx context.Context) error
}

// Summary is what one `run --once` did.
type Summary struct {
	Pages     int64         `json:"pages"`
	Extracted int64         `json:"extracted"`
	Skipped   int64         `json:"skipped"`
	Indexed   int64         `json:"indexed"`
	Releases  int64         `json:"releases"`
	Stale     int64         `json:"stale"`
	Failed    int64         `json:"failed"`
	Duration  time.Duration `json:"duration"`
}

// Run runs every stage and crawls each source on its schedule until ctx
// ends, then drains the stages.
func (p *All) Run(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return p.Extract.Run(ctx) })
	g.Go(func() error { return p.Index.Run(ctx) })
	if p.Releases != nil {
		g.Go(func() error { return p.Releases.Run(ctx) })
	}
	g.Go(func() error { return p.Crawler.RunUpdates(ctx, p.Sources, p.Updates) })
	for _, f := range p.Extra {
		g.Go(func() error { return f(ctx) })
	}
	return g.Wait()
}

// RunOnce crawls every source once, waits until every page published in
// this run has been extracted and every resulting article indexed — read
// from the consumers' ack floors — and stops the stages.
func (p *All) RunOnce(ctx context.Context) (Summary, error) {
	start := time.Now()
	stages, stop := context.WithCancel(ctx)
	defer stop()
	g, gctx := errgroup.WithContext(stages)
	g.Go(func() error { return p.Extract.Run(gctx) })
	g.Go(func() error { return p.Index.Run(gctx) })
	if p.Releases != nil {
		g.Go(func() error { return p.Releases.Run(gctx) })
	}
	for _, f := range p.Extra {
		g.Go(func() error { return f(gctx) })
	}

	done := make(chan error, 1)
	go func() {
		if _, err := p.Crawler.Once(gctx, p.Sources); err != nil {
			done <- fmt.Errorf("crawling: %w", err)
			return
		}
		done <- p.waitDrained(gctx)
	}()
	var err error
	select {
	case err = <-done:
	case <-gctx.Done():
		err = gctx.Err()
	}
	stop()
	if gerr := g.Wait(); gerr != nil && err == nil {
		err = gerr
	}
	s := p.Counts()
	s.Duration = time.Since(start)
	return s, err
}

// Counts returns what the stages have done so far in this process (no
// Duration): RunOnce's summary, live, for a progress display.
func (p *All) Counts() Summary {
	s := Summary{Pages: p.Publisher.Published()}
	s.Extracted, s.Skipped, s.Failed = p.Extract.Counts()
	var failed int64
	s.Indexed, s.Stale, failed = p.Index.Counts()
	s.Failed += failed
	if p.Releases != nil {
		s.Releases = p.Releases.Indexed()
	}
	return s
}

// waitDrained waits until the extractor has acknowledged every page in
// MW_PAGES — those of this run and any an earlier, interrupted run left —
// and then the indexers every article and release event published until
// then.
func (p *All) waitDrained(ctx context.Context) error {
	if err := p.waitStream(ctx, event.StreamPages, bus.ConsumerExtractor); err != nil {
		return err
	}
	if err := p.waitStream(ctx, event.StreamArticles, bus.ConsumerIndexer); err != nil {
		return err
	}
	if p.Releases == nil {
		return nil
	}
	return p.waitStream(ctx, event.StreamReleases, bus.ConsumerReleases)
}

// waitStream waits until consumer has acknowledged every message in stream.
func (p *All) waitStream(ctx context.Context, stream, consumer string) error {
	st, err := p.JS.Stream(ctx, stream)
	if err != nil {
		return fmt.Errorf("reading %s: %w", stream, err)
	}
	info, err := st.Info(ctx)
	if err != nil {
		return fmt.Errorf("reading %s: %w", stream, err)
	}
	return p.waitAckFloor(ctx, stream, consumer, info.State.LastSeq)
}

// waitAckFloor polls a consumer until every message up to seq is acknowledged.
func (p *All) waitAckFloor(ctx context.Context, stream, consumer string, seq uint64) error {
	if seq == 0 {
		return nil
	}
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	lastLog := time.Now()
	for {
		cons, err := p.JS.Consumer(ctx, stream, consumer)
		if err == nil {
			var info *jetstream.ConsumerInfo
			if info, err = cons.Info(ctx); err == nil {
				if info.AckFloor.Stream >= seq {
					return nil
				}
				if time.Since(lastLog) > 5*time.Second {
					lastLog = time.Now()
					p.Logger.Info("waiting for stage", "consumer", consumer, "acked", info.AckFloor.Stream, "target", seq, "pending", info.NumPending, "in_flight", info.NumAckPending)
				}
			}
		}
		if err != nil && ctx.Err() == nil && !errors.Is(err, jetstream.ErrConsumerNotFound) {
			p.Logger.Warn("reading consumer state", "consumer", consumer, "err", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}
