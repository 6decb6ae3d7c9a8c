package crawler

import (
	"context"
	"fmt"
	"time"

	"golang.org/x/sync/errgroup"
)

// maxConcurrentSources bounds how many sources are crawled at once.
const maxConcurrentSources = 8

// Once crawls every source once, several at a time, and returns their
// stats in source order. It fails only if ctx ends.
func (c *Crawler) Once(ctx context.Context, sources []Source) ([]*Stats, error) {
	stats := make([]*Stats, len(sources))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(maxConcurrentSources)
	for i, src := range sources {
		g.Go(func() error {
			st, err := c.Crawl(ctx, src)
			stats[i] = st
			return err
		})
	}
	return stats, g.Wait()
}

// Run crawls each source at once and then whenever its schedule fires,
// until ctx ends. A pass that is still running when its next time comes is
// not overlapped: the next pass starts after it.
func (c *Crawler) Run(ctx context.Context, sources []Source) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, src := range sources {
		src = src.WithDefaults()
		sched, err := ParseSchedule(src.Schedule)
		if err != nil {
			return fmt.Errorf("source %s: schedule: %w", src.Name, err)
		}
		if err := src.Validate(); err != nil {
			return fmt.Errorf("source %s: %w", src.Name, err)
		}
		g.Go(func() error {
			for {
				if _, err := c.Crawl(ctx, src); ctx.Err() != nil {
					return nil
				} else if err != nil {
					return err
				}
				next := sched.Next(c.now())
				c.log.Info("next crawl scheduled", "source", src.Name, "at", next.Format(time.RFC3339))
				t := time.NewTimer(time.Until(next))
				select {
				case <-ctx.Done():
					t.Stop()
					return nil
				case <-t.C:
				}
			}
		})
	}
	return g.Wait()
}
