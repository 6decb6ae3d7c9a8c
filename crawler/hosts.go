package crawler

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// hosts is the crawler's per-host politeness: one scheduler per host
// (host:port), shared by every source and pass of a Crawler, so delay and
// parallelism hold whatever mix of robots.txt, feeds, sitemaps and links
// points at a host.
//
// It is a small scheduler of our own rather than golang.org/x/time/rate:
// besides a minimum gap between request starts it must bound requests in
// flight, take each request's delay from its source and the host's
// Crawl-delay, and let a 429/503 answer push every later request back —
// which would mean wrapping a rate.Limiter in all of this anyway.
type hosts struct {
	mu sync.Mutex
	m  map[string]*host
}

// host schedules the requests to one host.
type host struct {
	mu       sync.Mutex
	inFlight int
	next     time.Time     // earliest start of the next request
	freed    chan struct{} // closed (and replaced) when a request ends
}

func newHosts() *hosts { return &hosts{m: map[string]*host{}} }

func (h *hosts) get(key string) *host {
	h.mu.Lock()
	defer h.mu.Unlock()
	s := h.m[key]
	if s == nil {
		s = &host{freed: make(chan struct{})}
		h.m[key] = s
	}
	return s
}

// acquire waits until a request may start: fewer than parallel requests in
// flight and at least delay since the previous start. It fails with
// ErrHostPaused, without waiting, if the host is paused for longer than
// maxWait, and with ctx's error if ctx ends first. The caller calls release
// when the response has been read.
func (s *host) acquire(ctx context.Context, parallel int, delay, maxWait time.Duration) (release func(), err error) {
	parallel = max(parallel, 1)
	for {
		s.mu.Lock()
		if s.inFlight < parallel {
			now := time.Now()
			start := now
			if s.next.After(now) {
				start = s.next
			}
			if wait := start.Sub(now); wait > maxWait {
				s.mu.Unlock()
				return nil, fmt.Errorf("%w for another %s", ErrHostPaused, wait.Round(time.Second))
			}
			s.inFlight++
			s.next = start.Add(delay)
			s.mu.Unlock()
			if err := sleep(ctx, time.Until(start)); err != nil {
				s.release()
				return nil, err
			}
			return s.release, nil
		}
		freed := s.freed
		s.mu.Unlock()
		select {
		case <-freed:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

func (s *host) release() {
	s.mu.Lock()
	s.inFlight--
	close(s.freed)
	s.freed = make(chan struct{})
	s.mu.Unlock()
}

// pause makes every request that has not started yet wait until at least
// until (Retry-After, back-off after a server error).
func (s *host) pause(until time.Time) {
	s.mu.Lock()
	if until.After(s.next) {
		s.next = until
	}
	s.mu.Unlock()
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
