package crawler

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/modelwire/modelwire/internal/wait"
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
	last     time.Time     // when the latest request was let through, or sent
	paused   time.Time     // no request starts before this
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
// flight, at least delay since the previous start and the host not paused.
// The start, returned, is taken under the lock at the moment it is
// granted, so the gap holds on the clock whatever the timers' jitter. It fails with
// ErrHostPaused, without waiting, if the wait would exceed maxWait, and
// with ctx's error if ctx ends first. The caller calls release once the
// answer has been read.
func (s *host) acquire(ctx context.Context, parallel int, delay, maxWait time.Duration) (start time.Time, release func(), err error) {
	parallel = max(parallel, 1)
	for {
		s.mu.Lock()
		if s.inFlight >= parallel {
			freed := s.freed
			s.mu.Unlock()
			select {
			case <-freed:
				continue
			case <-ctx.Done():
				return time.Time{}, nil, ctx.Err()
			}
		}
		now := time.Now()
		earliest := s.last.Add(delay)
		if s.paused.After(earliest) {
			earliest = s.paused
		}
		if !earliest.After(now) {
			s.inFlight++
			s.last = now
			s.mu.Unlock()
			var once sync.Once
			return now, func() { once.Do(s.release) }, nil
		}
		s.mu.Unlock()
		d := earliest.Sub(now)
		if d > maxWait {
			return time.Time{}, nil, fmt.Errorf("%w for another %s", ErrHostPaused, d.Round(time.Second))
		}
		if err := wait.Sleep(ctx, d); err != nil {
			return time.Time{}, nil, err
		}
	}
}

// sent notes that a request let through left at at — written to its
// connection. The delay to the next request counts from then, when that
// is later than the grant: a request slow to leave (a connection being
// set up, a write held up) would otherwise come closer to the next one on
// the wire than the delay.
func (s *host) sent(at time.Time) {
	s.mu.Lock()
	if at.After(s.last) {
		s.last = at
	}
	s.mu.Unlock()
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
	if until.After(s.paused) {
		s.paused = until
	}
	s.mu.Unlock()
}
