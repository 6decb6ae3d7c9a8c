package crawlstate

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/internal/bus"
	"github.com/modelwire/modelwire/internal/bus/bustest"
)

// TestLeaseReleaseRechecksIdle: a lease found idle is given up only if it
// still is when it is given up. maintain finds the leases to give up,
// then renews others (a NATS round trip each) before it gets to them; a
// request that came and went meanwhile keeps its lease for the linger, so
// the next replica's first request still keeps the delay after it.
func TestLeaseReleaseRechecksIdle(t *testing.T) {
	js := bustest.Start(t)
	ctx := context.Background()
	h, err := NewHostLeases(ctx, js, LeaseOptions{Owner: "a"})
	if err != nil {
		t.Fatal(err)
	}
	const host, gap = "news.example:443", 100 * time.Millisecond
	done, err := h.Acquire(ctx, host, gap)
	if err != nil {
		t.Fatal(err)
	}
	h.mu.Lock()
	l := h.hosts[host]
	rev, linger := l.rev, l.linger
	h.mu.Unlock()
	// maintain found the lease idle; then, before it gave the lease up, a
	// request ended.
	done()
	h.release(ctx, l, rev, linger)
	kv, err := js.KeyValue(ctx, bus.BucketHosts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kv.Get(ctx, l.key); err != nil {
		t.Fatalf("the lease was given up right after a request ended: %v", err)
	}
	h.mu.Lock()
	l.lastEnd = time.Now().Add(-linger)
	h.mu.Unlock()
	h.release(ctx, l, rev, linger)
	if _, err := kv.Get(ctx, l.key); !errors.Is(err, jetstream.ErrKeyNotFound) {
		t.Errorf("an idle lease was not given up: %v", err)
	}
}
