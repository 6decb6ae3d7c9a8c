// Package bustest starts real embedded NATS servers with modelwire's
// streams and buckets for tests — never a fake: the same server the
// binary embeds, on a temporary store that the test cleans up.
package bustest

import (
	"context"
	"testing"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/internal/bus"
)

// Start starts an in-process NATS server with JetStream, sets up every
// stream and bucket, and returns a JetStream client. Server and connection
// are closed when the test ends.
func Start(t testing.TB) jetstream.JetStream {
	t.Helper()
	js, _ := StartServer(t, "")
	return js
}

// Password is what TCP clients of a server StartServer started listening
// log in with, as bus.EmbeddedUser.
const Password = "bustest-password"

// StartServer is Start that also returns the server; listen "" accepts
// in-process clients only, "127.0.0.1:0" TCP clients on a free port too
// (see the server's ClientURL), which log in with Password.
func StartServer(t testing.TB, listen string) (jetstream.JetStream, *server.Server) {
	t.Helper()
	pw := ""
	if listen != "" {
		pw = Password
	}
	srv, err := bus.StartEmbedded(bus.EmbeddedOptions{StoreDir: t.TempDir(), Listen: listen, Password: pw})
	if err != nil {
		t.Fatal(err)
	}
	nc, err := bus.Connect("", srv, t.Name(), nats.UserInfo(bus.EmbeddedUser, pw))
	if err != nil {
		srv.Shutdown()
		t.Fatal(err)
	}
	t.Cleanup(func() { nc.Close(); srv.Shutdown(); srv.WaitForShutdown() })
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	if err := bus.Setup(context.Background(), js, 1); err != nil {
		t.Fatal(err)
	}
	return js, srv
}
