package main

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/modelwire/modelwire/internal/bus"
	"github.com/modelwire/modelwire/internal/config"
)

// TestConnectWaitsForNATS starts a stage before its NATS server, as
// services on one host may start: the stage waits and then connects.
func TestConnectWaitsForNATS(t *testing.T) {
	addr := freeAddr(t)
	c := config.Config{DataDir: t.TempDir()}.WithDefaults()
	c.NATS.URL = "nats://" + addr
	c.NATS.User, c.NATS.Password = bus.EmbeddedUser, "wait-test"
	type answer struct {
		n   *natsNode
		err error
	}
	done := make(chan answer, 1)
	go func() {
		n, err := connectNATS(context.Background(), c, slog.New(slog.NewTextHandler(io.Discard, nil)), "test", true)
		done <- answer{n, err}
	}()
	time.Sleep(time.Second)
	select {
	case a := <-done:
		t.Fatalf("connectNATS returned before any server listened: %v", a.err)
	default:
	}
	srv, err := bus.StartEmbedded(bus.EmbeddedOptions{StoreDir: t.TempDir(), Listen: addr, Password: "wait-test"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	select {
	case a := <-done:
		if a.err != nil {
			t.Fatalf("connectNATS after the server came up: %v", a.err)
		}
		defer a.n.Close()
		if !a.n.nc.IsConnected() {
			t.Fatal("not connected")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("connectNATS did not connect within 30s of the server starting")
	}
}

// TestConnectGivesUpWhenCancelled: a stopped process does not wait on.
func TestConnectGivesUpWhenCancelled(t *testing.T) {
	c := config.Config{DataDir: t.TempDir()}.WithDefaults()
	c.NATS.URL = "nats://" + freeAddr(t)
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	if n, err := connectNATS(ctx, c, slog.New(slog.NewTextHandler(io.Discard, nil)), "test", true); err == nil {
		n.Close()
		t.Fatal("connected to a port nobody listens on")
	}
}
