package crawler

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"time"

	"github.com/robfig/cron/v3"
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
	return c.RunUpdates(ctx, sources, nil)
}

// RunUpdates is Run with sources that change while it runs: every list
// received on updates replaces the current one (a configuration reload). A
// source whose settings did not change keeps its schedule and any pass in
// progress; a changed source is stopped — its pass is cut short and its
// listings are revisited next time — and started again with the new
// settings; a removed one is stopped; an added one is crawled at once. A
// list with an invalid source is refused whole: it is logged and the
// current sources keep running. Sources are told apart by name.
func (c *Crawler) RunUpdates(ctx context.Context, sources []Source, updates <-chan []Source) error {
	sources, scheds, err := prepare(sources)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type loop struct {
		src    Source
		cancel context.CancelFunc
		done   chan struct{}
	}
	loops := map[string]*loop{}
	failed := make(chan error, 1)
	start := func(src Source, sched cron.Schedule) {
		lctx, lcancel := context.WithCancel(ctx)
		l := &loop{src: src, cancel: lcancel, done: make(chan struct{})}
		loops[src.Name] = l
		go func() {
			defer close(l.done)
			if err := c.runSource(lctx, src, sched); err != nil {
				select {
				case failed <- err:
				default:
				}
			}
		}()
	}
	stop := func(l *loop) {
		l.cancel()
		<-l.done
	}
	defer func() {
		for _, l := range loops {
			stop(l)
		}
	}()
	for i, src := range sources {
		start(src, scheds[i])
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-failed:
			return err
		case next, ok := <-updates:
			if !ok {
				updates = nil
				continue
			}
			next, nextScheds, err := prepare(next)
			if err != nil {
				c.log.Error("new sources refused; the current ones keep running", "err", err)
				continue
			}
			var added, changed, removed int
			keep := map[string]bool{}
			for i, src := range next {
				keep[src.Name] = true
				switch l := loops[src.Name]; {
				case l == nil:
					added++
				case reflect.DeepEqual(l.src, src):
					continue
				default:
					changed++
					stop(l)
				}
				start(src, nextScheds[i])
			}
			for name, l := range loops {
				if !keep[name] {
					removed++
					stop(l)
					delete(loops, name)
				}
			}
			c.log.Info("sources reloaded", "sources", len(next), "added", added, "changed", changed, "removed", removed)
		}
	}
}

// prepare returns a copy of sources and their parsed schedules, refusing
// two sources of one name.
func prepare(sources []Source) ([]Source, []cron.Schedule, error) {
	sources = slices.Clone(sources)
	scheds := make([]cron.Schedule, len(sources))
	names := map[string]bool{}
	for i, src := range sources {
		sched, err := ParseSchedule(src.Schedule)
		if err != nil {
			return nil, nil, fmt.Errorf("source %s: schedule: %w", src.Name, err)
		}
		if names[src.Name] {
			return nil, nil, fmt.Errorf("source %s: %w", src.Name, errDuplicateSource)
		}
		names[src.Name] = true
		scheds[i] = sched
	}
	return sources, scheds, nil
}

// errDuplicateSource refuses two sources of one name.
var errDuplicateSource = errors.New("another source has the same name")

// runSource crawls src at once and then whenever sched fires, until ctx
// ends; it fails only if a pass fails for a reason other than ctx.
func (c *Crawler) runSource(ctx context.Context, src Source, sched cron.Schedule) error {
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
}
