package crawlstate_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/modelwire/modelwire/internal/bus"
	"github.com/modelwire/modelwire/internal/bus/bustest"
	"github.com/modelwire/modelwire/internal/crawlstate"
	"github.com/modelwire/modelwire/internal/probe/probetest"
	"github.com/modelwire/modelwire/internal/waittest"
)

// shortLeases gives the test's NATS a lease bucket with a short TTL and
// returns a HostLeases for owner on it.
func shortLeases(t *testing.T, js jetstream.JetStream, owner string, ttl time.Duration, reg prometheus.Registerer) *crawlstate.HostLeases {
	t.Helper()
	ctx := context.Background()
	cfg := bus.Buckets(1)[2]
	if cfg.Bucket != bus.BucketHosts {
		t.Fatalf("bucket %s, want %s", cfg.Bucket, bus.BucketHosts)
	}
	cfg.TTL = ttl
	if _, err := js.CreateOrUpdateKeyValue(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	l, err := crawlstate.NewHostLeases(ctx, js, crawlstate.LeaseOptions{Owner: owner, TTL: ttl, Poll: 20 * time.Millisecond,
		MinLinger: 50 * time.Millisecond, Registerer: reg})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// acquireWithin tries to acquire host within d.
func acquireWithin(l *crawlstate.HostLeases, host string, gap, d time.Duration) (func(), error) {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	return l.Acquire(ctx, host, gap)
}

func TestHostLeaseIsExclusiveAndHandedOver(t *testing.T) {
	js := bustest.Start(t)
	reg := prometheus.NewRegistry()
	a := shortLeases(t, js, "a", 2*time.Second, reg)
	b := shortLeases(t, js, "b", 2*time.Second, nil)
	waittest.Background(t, a.Run)
	waittest.Background(t, b.Run)
	const host, gap = "news.example:443", 150 * time.Millisecond

	done, err := acquireWithin(a, host, gap, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	// Held past the TTL while a request is in flight: a renews it.
	if _, err := acquireWithin(b, host, gap, 3*time.Second); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("b acquired a host a holds (err %v)", err)
	}
	if got := probetest.Value(t, reg, "modelwire_crawler_host_leases", nil); got != 1 {
		t.Errorf("a holds %v leases by its gauge, want 1", got)
	}
	// Another host is free.
	other, err := acquireWithin(b, "other.example:443", gap, time.Second)
	if err != nil {
		t.Fatalf("b cannot take a free host: %v", err)
	}
	other()

	done()
	ended := time.Now()
	doneB, err := acquireWithin(b, host, gap, 5*time.Second)
	if err != nil {
		t.Fatalf("b never got the host after a went idle: %v", err)
	}
	defer doneB()
	if waited := time.Since(ended); waited < gap {
		t.Errorf("b took the host %v after a's last request ended; the delay is %v", waited, gap)
	}
}

func TestHostLeaseOfDeadHolderLapses(t *testing.T) {
	js := bustest.Start(t)
	dead := shortLeases(t, js, "dead", time.Second, nil)
	live := shortLeases(t, js, "live", time.Second, nil)
	const host = "news.example:443"
	if _, err := acquireWithin(dead, host, 0, time.Second); err != nil { // never done, never renewed: killed
		t.Fatal(err)
	}
	start := time.Now()
	done, err := acquireWithin(live, host, 0, 10*time.Second)
	if err != nil {
		t.Fatalf("the dead holder's lease never lapsed: %v", err)
	}
	done()
	if waited := time.Since(start); waited < 500*time.Millisecond {
		t.Errorf("took a held host after %v, before its TTL", waited)
	}
}

func TestHostLeasesReleasedOnShutdown(t *testing.T) {
	js := bustest.Start(t)
	a := shortLeases(t, js, "a", 10*time.Second, nil)
	b := shortLeases(t, js, "b", 10*time.Second, nil)
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- a.Run(ctx) }()
	const host, gap = "news.example:443", 200 * time.Millisecond
	done, err := acquireWithin(a, host, gap, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	done()
	ended := time.Now()
	cancel() // SIGTERM: a gives its leases up once their delay has passed
	if err := <-stopped; err != nil {
		t.Fatal(err)
	}
	if d := time.Since(ended); d < gap {
		t.Errorf("a gave the lease up %v after its last request, before the delay %v", d, gap)
	}
	if _, err := acquireWithin(b, host, gap, 2*time.Second); err != nil {
		t.Fatalf("b cannot take the host a gave up (the TTL is 10s): %v", err)
	}
}

// TestIdleReplicaWinsNewHost: a replica holding hosts lets one holding
// none take a new host, so the hosts spread over the replicas.
func TestIdleReplicaWinsNewHost(t *testing.T) {
	js := bustest.Start(t)
	busy := shortLeases(t, js, "busy", 10*time.Second, nil)
	idle := shortLeases(t, js, "idle", 10*time.Second, nil)
	for i := range 3 {
		if _, err := acquireWithin(busy, fmt.Sprintf("held%d.example:443", i), 0, time.Second); err != nil {
			t.Fatal(err)
		}
	}
	const host = "new.example:443"
	won := make(chan string, 2)
	for name, l := range map[string]*crawlstate.HostLeases{"busy": busy, "idle": idle} {
		go func() {
			if _, err := acquireWithin(l, host, 0, 500*time.Millisecond); err == nil {
				won <- name
			} else {
				won <- ""
			}
		}()
	}
	winners := []string{<-won, <-won}
	if !slices.Contains(winners, "idle") || slices.Contains(winners, "busy") {
		t.Errorf("winners %q: the idle replica should take the new host", winners)
	}
}
