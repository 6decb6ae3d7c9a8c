package bus_test

import (
	"context"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/bus"
)

func TestSetupIsIdempotent(t *testing.T) {
	srv, err := bus.StartEmbedded(bus.EmbeddedOptions{StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	nc, err := bus.Connect("", srv, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	ctx := context.Background()
	for range 2 {
		if err := bus.Setup(ctx, js, 1); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{event.StreamPages, event.StreamArticles, event.StreamReleases, event.StreamDLQ} {
		if _, err := js.Stream(ctx, name); err != nil {
			t.Errorf("stream %s: %v", name, err)
		}
	}
	for _, b := range []string{event.BucketSeen, event.BucketReleases} {
		if _, err := js.KeyValue(ctx, b); err != nil {
			t.Errorf("bucket %s: %v", b, err)
		}
	}
	if _, err := js.ObjectStore(ctx, event.BucketBodies); err != nil {
		t.Errorf("object store: %v", err)
	}
}

func TestListenPortTaken(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, err = bus.StartEmbedded(bus.EmbeddedOptions{StoreDir: t.TempDir(), Listen: l.Addr().String()})
	if err == nil || !strings.Contains(err.Error(), "is not free") {
		t.Fatalf("err = %v, want a clear 'not free' error", err)
	}
}

func TestListenServesClients(t *testing.T) {
	srv, err := bus.StartEmbedded(bus.EmbeddedOptions{StoreDir: t.TempDir(), Listen: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	nc, err := bus.Connect(srv.ClientURL(), nil, "tcp-client")
	if err != nil {
		t.Fatal(err)
	}
	nc.Close()
}

// The deployment's NATS cluster config must parse with the real server's parser.
func TestClusterConfigParses(t *testing.T) {
	t.Setenv("NATS_NAME", "nats1")
	opts, err := server.ProcessConfigFile(filepath.Join("..", "..", "deploy", "nats", "cluster.conf"))
	if err != nil {
		t.Fatal(err)
	}
	if opts.ServerName != "nats1" || !opts.JetStream || opts.Cluster.Name != "modelwire" || len(opts.Routes) != 3 {
		t.Errorf("parsed options: name=%q js=%v cluster=%q routes=%d", opts.ServerName, opts.JetStream, opts.Cluster.Name, len(opts.Routes))
	}
}

// TestReclaimInFlight: messages a dead process was delivered come back at
// once, not after the ack wait.
func TestReclaimInFlight(t *testing.T) {
	srv, err := bus.StartEmbedded(bus.EmbeddedOptions{StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	ctx := context.Background()
	connect := func() jetstream.JetStream {
		nc, err := bus.Connect("", srv, "test")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(nc.Close)
		js, _ := jetstream.New(nc)
		return js
	}
	js := connect()
	if err := bus.Setup(ctx, js, 1); err != nil {
		t.Fatal(err)
	}
	cons, err := js.CreateOrUpdateConsumer(ctx, event.StreamPages, bus.ExtractorConsumer())
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if _, err := js.Publish(ctx, event.SubjectPages, []byte{byte(i)}); err != nil {
			t.Fatal(err)
		}
	}
	// Fetch waits for all three: the consumer may not have seen the last
	// publish yet on a busy machine (FetchNoWait would return fewer).
	batch, err := cons.Fetch(3, jetstream.FetchMaxWait(10*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	got := 0
	for m := range batch.Messages() {
		if got == 0 {
			m.Ack() // the first is done; the other two die with the process
		}
		got++
	}
	if got != 3 {
		t.Fatalf("fetched %d", got)
	}
	ref := bus.ConsumerRef{Stream: event.StreamPages, Consumer: bus.ConsumerExtractor}
	n, err := bus.ReclaimInFlight(ctx, connect(), ref, bus.ConsumerRef{Stream: event.StreamDLQ, Consumer: "none"})
	if err != nil || n != 2 {
		t.Fatalf("ReclaimInFlight = %d, %v; want 2 in flight", n, err)
	}
	batch, err = cons.Fetch(3, jetstream.FetchMaxWait(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	var again []byte
	for m := range batch.Messages() {
		again = append(again, m.Data()...)
		m.Ack()
	}
	if string(again) != "\x01\x02" {
		t.Errorf("redelivered %v at once, want the two unacknowledged messages [1 2]", again)
	}
	if n, err := bus.ReclaimInFlight(ctx, js, ref); err != nil || n != 0 {
		t.Errorf("nothing in flight: ReclaimInFlight = %d, %v", n, err)
	}
}
