package crawler

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/modelwire/modelwire/internal/testsite"
)

// TestHostSchedule checks the scheduler's own promises on its own clock:
// starts at least delay apart, never more than parallel in flight.
func TestHostSchedule(t *testing.T) {
	tests := []struct {
		name     string
		parallel int
		delay    time.Duration
		work     time.Duration
	}{
		{"serial with delay", 1, 15 * time.Millisecond, 0},
		{"parallel with delay", 3, 10 * time.Millisecond, 25 * time.Millisecond},
		{"parallel without delay", 2, 0, 5 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHosts().get("site.example:443")
			var (
				mu       sync.Mutex
				starts   []time.Time
				inFlight atomic.Int32
				maxSeen  atomic.Int32
				wg       sync.WaitGroup
			)
			for range 12 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					start, release, err := h.acquire(context.Background(), tt.parallel, tt.delay, time.Minute)
					if err != nil {
						t.Error(err)
						return
					}
					n := inFlight.Add(1)
					for m := maxSeen.Load(); n > m && !maxSeen.CompareAndSwap(m, n); m = maxSeen.Load() {
					}
					mu.Lock()
					starts = append(starts, start)
					mu.Unlock()
					time.Sleep(tt.work)
					inFlight.Add(-1)
					release()
				}()
			}
			wg.Wait()
			if m := int(maxSeen.Load()); m > tt.parallel {
				t.Errorf("%d in flight, want at most %d", m, tt.parallel)
			}
			slices.SortFunc(starts, func(a, b time.Time) int { return a.Compare(b) })
			for i := 1; i < len(starts); i++ {
				if gap := starts[i].Sub(starts[i-1]); gap < tt.delay {
					t.Errorf("start %d came %v after the previous one, want ≥ %v", i, gap, tt.delay)
				}
			}
		})
	}
}

func TestHostPause(t *testing.T) {
	h := newHosts().get("site.example:443")
	h.pause(time.Now().Add(time.Hour))
	if _, _, err := h.acquire(context.Background(), 1, 0, time.Minute); !errors.Is(err, ErrHostPaused) {
		t.Fatalf("err = %v, want ErrHostPaused without waiting", err)
	}
	h2 := newHosts().get("b.example:443")
	until := time.Now().Add(30 * time.Millisecond)
	h2.pause(until)
	start, release, err := h2.acquire(context.Background(), 1, 0, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	release()
	if start.Before(until) {
		t.Errorf("started %v before the pause ended", until.Sub(start))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	h2.pause(time.Now().Add(time.Second))
	if _, _, err := h2.acquire(ctx, 1, 0, time.Minute); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		hdr  http.Header
		want time.Duration
		ok   bool
	}{
		{"seconds", http.Header{"Retry-After": {"120"}}, 2 * time.Minute, true},
		{"zero", http.Header{"Retry-After": {"0"}}, 0, true},
		{"date", http.Header{"Retry-After": {"Tue, 01 Jul 2025 12:00:30 GMT"}}, 30 * time.Second, true},
		{"past date", http.Header{"Retry-After": {"Tue, 01 Jul 2025 11:00:00 GMT"}}, 0, true},
		{"none", http.Header{}, 0, false},
		{"words", http.Header{"Retry-After": {"soon"}}, 0, false},
		{"negative", http.Header{"Retry-After": {"-5"}}, 0, false},
		{"RateLimit t", http.Header{"Ratelimit": {`"api";r=0;t=42`}}, 42 * time.Second, true},
		{"RateLimit-Reset", http.Header{"Ratelimit-Reset": {"7"}}, 7 * time.Second, true},
		{"Retry-After wins", http.Header{"Retry-After": {"3"}, "Ratelimit": {`"api";r=0;t=42`}}, 3 * time.Second, true},
		{"RateLimit without t", http.Header{"Ratelimit": {`"api";r=10`}}, 0, false},
		{"huge seconds", http.Header{"Retry-After": {"99999999999"}}, 24 * time.Hour, true}, // wrapped time.Duration to a negative wait
		{"more than a uint64", http.Header{"Retry-After": {"18446744073709551616"}}, 24 * time.Hour, true},
		{"far date", http.Header{"Retry-After": {"Fri, 31 Dec 9999 23:59:59 GMT"}}, 24 * time.Hour, true},
		{"huge RateLimit t", http.Header{"Ratelimit": {`"api";r=0;t=9223372036854775807`}}, 24 * time.Hour, true},
		{"huge RateLimit-Reset", http.Header{"Ratelimit-Reset": {"99999999999999"}}, 24 * time.Hour, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := retryAfter(tt.hdr, now)
			if got != tt.want || ok != tt.ok {
				t.Errorf("retryAfter(%v) = %v, %v; want %v, %v", tt.hdr, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestReasonAndTemporary(t *testing.T) {
	tests := []struct {
		err       error
		reason    string
		temporary bool
	}{
		{&StatusError{Code: http.StatusNotFound}, "http_404", false},
		{&StatusError{Code: http.StatusServiceUnavailable}, "http_503", true},
		{&StatusError{Code: http.StatusTooManyRequests}, "http_429", true},
		{ErrTooLarge, "too_large", false},
		{ErrPrivateAddress, "private_address", false},
		{ErrRedirectLoop, "redirect_loop", false},
		{ErrTooManyRedirects, "too_many_redirects", false},
		{ErrHostPaused, "host_paused", true},
		{ErrInvalidFeed, "invalid_feed", false},
		{ErrInvalidSitemap, "invalid_sitemap", false},
		{ErrInvalidHubListing, "invalid_hub_listing", false},
		{fmt.Errorf("%w: chromium not found", ErrNoBrowser), "no_browser", true},
		{fmt.Errorf("%w: not rendered within 30s: %w", ErrRender, context.DeadlineExceeded), "render", false},
		{errRobotsUnavailable, "robots_unavailable", true},
		{fmt.Errorf("%w: %w", errSeenStore, errors.New("nats: timeout")), "seen_store", true},
		{context.DeadlineExceeded, "timeout", true},
		{errors.New("connection refused"), "network", true},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			if got := reason(tt.err); got != tt.reason {
				t.Errorf("reason = %q, want %q", got, tt.reason)
			}
			if got := temporary(tt.err); got != tt.temporary {
				t.Errorf("temporary = %v, want %v", got, tt.temporary)
			}
		})
	}
}

// TestDelayCountsFromTheSend: a request slow to leave — its connection
// set up slowly — keeps the delay to the next request on the wire: the
// next one is let through a delay after the slow one was sent, not after
// it was let through. Measured on the crawler's own clock (the sends the
// archive records), as a site behind a loaded network would see them.
func TestDelayCountsFromTheSend(t *testing.T) {
	site := testsite.New(testsite.Options{Extra: 2})
	defer site.Close()
	const dialTime, delay = 150 * time.Millisecond, 60 * time.Millisecond
	slow := &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			time.Sleep(dialTime)
			return (&net.Dialer{}).DialContext(ctx, network, addr)
		},
		MaxIdleConnsPerHost: 1,
	}
	defer slow.CloseIdleConnections()
	arch := &archived{}
	c, _, _ := newTestCrawler(t, Config{}, WithTransport(slow), WithArchive(arch))
	crawl(t, c, Source{Name: "slow", Feeds: []string{site.URL + "/feed.xml"}, Delay: delay, Parallelism: 1})
	arch.mu.Lock()
	defer arch.mu.Unlock()
	if len(arch.xs) < 4 {
		t.Fatalf("%d requests archived", len(arch.xs))
	}
	sends := make([]time.Time, len(arch.xs))
	for i, x := range arch.xs {
		if x.Sent.IsZero() || x.Sent.After(x.At) {
			t.Fatalf("%s: sent %v, answered %v", x.URL, x.Sent, x.At)
		}
		sends[i] = x.Sent
	}
	slices.SortFunc(sends, func(a, b time.Time) int { return a.Compare(b) })
	for i := 1; i < len(sends); i++ {
		// Sent is kept to the millisecond.
		if gap := sends[i].Sub(sends[i-1]); gap < delay-time.Millisecond {
			t.Errorf("request %d sent %v after the previous one; the delay is %v", i, gap, delay)
		}
	}
}
