package crawler

import (
	"context"
	"time"
)

// HostLeases lets crawlers in several processes take turns on a host, so
// that a source's delay and parallelism hold across all of them: a Crawler
// with leases sends a request to a host only while its process holds the
// host's lease, and a lease is kept for at least the politeness delay after
// the last request ends, so whoever takes the host next starts no sooner
// than the delay allows. Implementations must be safe for concurrent use.
type HostLeases interface {
	// Acquire blocks until this process holds the lease on host (host:port)
	// or ctx ends. gap is the least time between two request starts at the
	// host. done must be called once the request's answer has been read.
	Acquire(ctx context.Context, host string, gap time.Duration) (done func(), err error)
}

// WithHostLeases makes every request wait for its host's lease (default:
// none, for a crawler that is the only one fetching its hosts).
func WithHostLeases(l HostLeases) Option { return func(c *Crawler) { c.leases = l } }

// Observer is told when a pass over a source starts and when it ends. It
// gets the pass's Stats, which it may read with Snapshot at any time; a
// metrics exporter adds the live counters of running passes to the totals
// of finished ones. Implementations must be safe for concurrent use.
type Observer interface {
	PassStarted(st *Stats)
	PassEnded(st *Stats)
}

// WithObserver sets the observer of passes (default: none).
func WithObserver(o Observer) Option { return func(c *Crawler) { c.observer = o } }
