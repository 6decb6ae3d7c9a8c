package crawlstate

import (
	"context"
	crand "crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/modelwire/modelwire/internal/bus"
	"github.com/modelwire/modelwire/internal/probe"
	"github.com/modelwire/modelwire/internal/wait"
)

// HostLeases hands out per-host leases from the mw_hosts bucket so that
// crawler replicas take turns on a host and its delay and parallelism hold
// cluster-wide (it implements crawler.HostLeases).
//
// A lease is a key created with Create, which succeeds for one replica
// only; the holder renews it with Update on the revision it holds, and the
// bucket's TTL (bus.HostLeaseTTL) ends it if the holder dies. A lease is
// kept while requests are in flight and for a while after the last one —
// at least the host's delay — so the next holder's first request keeps
// the delay too; then it is deleted, so another replica can take the host
// at once. Leases rather than hashing hosts onto replicas: NATS decides who
// holds a host, replicas may come and go at any time without knowing each
// other, and a host is never fetched by two replicas at once — not even
// while a replica joins or dies. A replica that holds hosts waits a little
// (a quarter poll per host held, at most 2s) before it tries for another,
// so an idle replica wins and the hosts spread over the replicas.
//
// Run renews and gives up leases; Acquire works without it, but leases
// are then renewed only when they are next used. Safe for concurrent use.
type HostLeases struct {
	kv        jetstream.KeyValue
	owner     string
	ttl       time.Duration
	poll      time.Duration
	minLinger time.Duration
	log       *slog.Logger

	mu    sync.Mutex
	hosts map[string]*lease

	held                prometheus.Gauge
	waits, lost, handed prometheus.Counter
}

// lease is this process's state of one host's lease.
type lease struct {
	key       string
	held      bool
	rev       uint64
	validTill time.Time // the lease may have lapsed after this (not renewed)
	inFlight  int
	lastEnd   time.Time
	gap       time.Duration // the largest politeness delay asked for
	linger    time.Duration // kept this long after the last request
	taking    chan struct{} // closed when the goroutine taking the lease is done
}

// LeaseOptions configures HostLeases. Zero values mean defaults.
type LeaseOptions struct {
	// Owner names this process in the bucket (default: random); it shows
	// who holds a host.
	Owner string
	// TTL must be the bucket's TTL (default bus.HostLeaseTTL).
	TTL time.Duration
	// Poll is how often a host held by another replica is asked for again
	// (default 500ms, with jitter).
	Poll time.Duration
	// MinLinger is the least time a lease is kept after its last request
	// (default 2s), so a replica crawling a host does not give it up
	// between two requests.
	MinLinger time.Duration
	// Registerer receives the lease metrics (nil: none).
	Registerer prometheus.Registerer
	Logger     *slog.Logger
}

// leaseValue is what a lease key holds.
type leaseValue struct {
	Owner string    `json:"owner"`
	Since time.Time `json:"since"`
}

// NewHostLeases opens the mw_hosts bucket, which bus.Setup creates.
func NewHostLeases(ctx context.Context, js jetstream.JetStream, opts LeaseOptions) (*HostLeases, error) {
	kv, err := js.KeyValue(ctx, bus.BucketHosts)
	if err != nil {
		return nil, fmt.Errorf("opening bucket %s: %w", bus.BucketHosts, err)
	}
	if opts.Owner == "" {
		b := make([]byte, 6)
		crand.Read(b)
		opts.Owner = "crawler-" + hex.EncodeToString(b)
	}
	if opts.TTL <= 0 {
		opts.TTL = bus.HostLeaseTTL
	}
	if opts.Poll <= 0 {
		opts.Poll = 500 * time.Millisecond
	}
	if opts.MinLinger <= 0 {
		opts.MinLinger = 2 * time.Second
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	h := &HostLeases{
		kv: kv, owner: opts.Owner, ttl: opts.TTL, poll: opts.Poll, minLinger: opts.MinLinger,
		log:   opts.Logger.With("component", "host-leases", "owner", opts.Owner),
		hosts: map[string]*lease{},
		held: probe.Register(opts.Registerer, prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "modelwire_crawler_host_leases", Help: "Hosts this crawler holds the lease of.",
		})),
		waits: probe.Register(opts.Registerer, prometheus.NewCounter(prometheus.CounterOpts{
			Name: "modelwire_crawler_host_lease_waits_total", Help: "Times a request waited because another crawler held its host.",
		})),
		lost: probe.Register(opts.Registerer, prometheus.NewCounter(prometheus.CounterOpts{
			Name: "modelwire_crawler_host_leases_lost_total", Help: "Leases that lapsed or were taken over before this crawler gave them up.",
		})),
		handed: probe.Register(opts.Registerer, prometheus.NewCounter(prometheus.CounterOpts{
			Name: "modelwire_crawler_host_leases_taken_total", Help: "Host leases this crawler took.",
		})),
	}
	return h, nil
}

// Owner returns the name this process holds leases under.
func (h *HostLeases) Owner() string { return h.owner }

// leaseKey turns host:port into a key: characters a key may not hold
// become "_" (two hosts sharing a key would only be crawled more politely).
func leaseKey(host string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '.':
			return r
		}
		return '_'
	}, strings.ToLower(host))
}

// Acquire blocks until this process holds the lease on host, or ctx ends.
// done must be called when the request is over.
func (h *HostLeases) Acquire(ctx context.Context, host string, gap time.Duration) (done func(), err error) {
	waited := false
	for {
		h.mu.Lock()
		l := h.hosts[host]
		if l == nil {
			l = &lease{key: leaseKey(host)}
			h.hosts[host] = l
		}
		if l.held && time.Now().Before(l.validTill) {
			l.inFlight++
			l.gap = max(l.gap, gap)
			l.linger = max(l.linger, 2*gap, h.minLinger)
			h.mu.Unlock()
			var once sync.Once
			return func() {
				once.Do(func() {
					h.mu.Lock()
					l.inFlight--
					l.lastEnd = time.Now()
					h.mu.Unlock()
				})
			}, nil
		}
		if ch := l.taking; ch != nil { // another request is taking it
			h.mu.Unlock()
			select {
			case <-ch:
				continue
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		ch := make(chan struct{})
		l.taking = ch
		wasHeld, rev := l.held, l.rev
		busy := h.busyLocked(l)
		h.mu.Unlock()

		// A crawler that already holds hosts lets one that holds fewer win
		// the race for a new one, so replicas split the hosts between them
		// rather than the quickest taking all.
		if !wasHeld && busy > 0 {
			if err := wait.Sleep(ctx, min(time.Duration(busy)*h.poll/4, 2*time.Second)); err != nil {
				h.mu.Lock()
				l.taking = nil
				close(ch)
				h.mu.Unlock()
				return nil, err
			}
		}
		newRev, ok, err := h.take(ctx, l.key, wasHeld, rev)
		h.mu.Lock()
		l.taking = nil
		close(ch)
		switch {
		case ok:
			if !wasHeld {
				h.held.Inc()
				h.handed.Inc()
			}
			l.held, l.rev, l.validTill = true, newRev, time.Now().Add(h.validity())
		case wasHeld:
			l.held = false
			h.held.Dec()
			h.lost.Inc()
		}
		h.mu.Unlock()
		if ok {
			continue
		}
		if err != nil && ctx.Err() == nil {
			h.log.Warn("cannot take host lease; retrying", "host", host, "err", err)
		}
		if !waited {
			waited = true
			h.waits.Inc()
		}
		d := h.poll/2 + rand.N(h.poll)
		if err := wait.Sleep(ctx, d); err != nil {
			return nil, err
		}
	}
}

// busyLocked counts the leases other than except that this process holds
// or is taking. h.mu must be held.
func (h *HostLeases) busyLocked(except *lease) int {
	n := 0
	for _, l := range h.hosts {
		if l != except && (l.held || l.taking != nil) {
			n++
		}
	}
	return n
}

// validity is how long after a renewal this process trusts its lease: the
// TTL less a margin for clock and delivery delays.
func (h *HostLeases) validity() time.Duration { return h.ttl * 3 / 4 }

// take tries to take — or, if this process held it, to take back — the
// lease under key. ok is false when another replica holds it.
func (h *HostLeases) take(ctx context.Context, key string, wasHeld bool, rev uint64) (newRev uint64, ok bool, err error) {
	val, _ := json.Marshal(leaseValue{Owner: h.owner, Since: time.Now().UTC()})
	if wasHeld {
		if newRev, err = h.kv.Update(ctx, key, val, rev); err == nil {
			return newRev, true, nil
		}
	}
	newRev, err = h.kv.Create(ctx, key, val)
	if err == nil {
		return newRev, true, nil
	}
	if !errors.Is(err, jetstream.ErrKeyExists) {
		return 0, false, err
	}
	// Held: by another replica, or still by us under a revision we lost
	// track of (a renewal whose answer never came).
	e, gerr := h.kv.Get(ctx, key)
	if gerr != nil {
		return 0, false, nil // gone meanwhile, or unreadable: ask again later
	}
	var cur leaseValue
	if json.Unmarshal(e.Value(), &cur) == nil && cur.Owner == h.owner {
		if newRev, err = h.kv.Update(ctx, key, val, e.Revision()); err == nil {
			return newRev, true, nil
		}
	}
	return 0, false, nil
}

// Run renews the leases in use and gives up those idle for their linger,
// until ctx ends; then it gives up every lease, each once its delay has
// passed since its last request.
func (h *HostLeases) Run(ctx context.Context) error {
	tick := time.NewTicker(min(h.ttl/8, 500*time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			h.releaseAll(context.WithoutCancel(ctx))
			return nil
		case <-tick.C:
			h.maintain(ctx)
		}
	}
}

// maintain renews leases due for it and releases idle ones.
func (h *HostLeases) maintain(ctx context.Context) {
	now := time.Now()
	type job struct {
		l       *lease
		release bool
		rev     uint64
	}
	var jobs []job
	h.mu.Lock()
	for _, l := range h.hosts {
		if !l.held || l.taking != nil {
			continue
		}
		switch {
		case l.inFlight == 0 && now.Sub(l.lastEnd) >= l.linger:
			jobs = append(jobs, job{l, true, l.rev})
		case l.validTill.Sub(now) < h.validity()*2/3: // renew every ~quarter TTL
			jobs = append(jobs, job{l, false, l.rev})
		}
	}
	h.mu.Unlock()
	for _, j := range jobs {
		if j.release {
			h.release(ctx, j.l, j.rev, j.l.linger)
			continue
		}
		val, _ := json.Marshal(leaseValue{Owner: h.owner, Since: time.Now().UTC()})
		newRev, err := h.kv.Update(ctx, j.l.key, val, j.rev)
		h.mu.Lock()
		switch {
		case err == nil:
			if j.l.held {
				j.l.rev, j.l.validTill = newRev, time.Now().Add(h.validity())
			}
		case errors.Is(err, jetstream.ErrKeyExists): // wrong revision: someone took it
			if j.l.held && j.l.rev == j.rev {
				j.l.held = false
				h.held.Dec()
				h.lost.Inc()
				h.log.Warn("host lease lost", "key", j.l.key)
			}
		case err != nil:
			h.log.Warn("renewing host lease failed; retrying", "key", j.l.key, "err", err)
		}
		h.mu.Unlock()
	}
}

// release deletes the lease if this process still holds it at rev and it
// is still idle: no request in flight, none ended within idle. That is
// checked again here, under the lock that requests take, because the
// lease was found idle a while ago — maintain renews other leases first,
// a NATS round trip each — and a request may have come and gone since:
// giving the lease up right after it would let the next holder start
// without the delay.
func (h *HostLeases) release(ctx context.Context, ls *lease, rev uint64, idle time.Duration) {
	h.mu.Lock()
	if !ls.held || ls.rev != rev || ls.inFlight > 0 || ls.taking != nil || time.Since(ls.lastEnd) < idle {
		h.mu.Unlock()
		return
	}
	ls.held = false // no new request may start on it
	h.held.Dec()
	h.mu.Unlock()
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := h.kv.Delete(ctx, ls.key, jetstream.LastRevision(rev)); err != nil {
		// It lapses with the TTL anyway.
		h.log.Debug("giving up host lease failed", "key", ls.key, "err", err)
	}
}

// releaseAll gives up every lease once its delay has passed since its last
// request, taking at most 10s (or a TTL, if shorter): with NATS out of
// reach the leases lapse by themselves.
func (h *HostLeases) releaseAll(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, min(h.ttl, 10*time.Second))
	defer cancel()
	for {
		h.mu.Lock()
		var next *lease
		var pause time.Duration
		for _, ls := range h.hosts {
			if !ls.held || ls.taking != nil {
				continue
			}
			if d := time.Until(ls.lastEnd.Add(ls.gap)); ls.inFlight > 0 || d > 0 {
				pause = max(pause, min(max(d, 10*time.Millisecond), time.Second))
				continue
			}
			next = ls
			break
		}
		rev, gap := uint64(0), time.Duration(0)
		if next != nil {
			rev, gap = next.rev, next.gap
		}
		h.mu.Unlock()
		switch {
		case next != nil:
			h.release(ctx, next, rev, gap)
		case pause > 0:
			if wait.Sleep(ctx, pause) != nil {
				return
			}
		default:
			return
		}
	}
}
