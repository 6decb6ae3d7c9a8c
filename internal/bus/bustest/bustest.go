// Package bustest starts real embedded NATS servers with modelwire's
// streams and buckets for tests — never a fake: the same server the
// binary embeds, on a temporary store that the test cleans up.
package bustest

import (
	"context"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/event"
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

// Msgs returns how many messages stream holds (MW_DLQ: the dead letters).
func Msgs(t testing.TB, js jetstream.JetStream, stream string) uint64 {
	t.Helper()
	st, err := js.Stream(context.Background(), stream)
	if err != nil {
		t.Fatal(err)
	}
	info, err := st.Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return info.State.Msgs
}

// PublishRelease publishes a release event of model by vendor on
// MW_RELEASES, as the announcer would, reported by one article at
// https://news.example/<model slug>.
func PublishRelease(t testing.TB, js jetstream.JetStream, vendor, model string) {
	t.Helper()
	ev := event.ReleaseEvent{Kind: event.KindRelease, Key: event.ReleaseKey(vendor, model), Vendor: event.Slug(vendor), Model: model,
		FirstSeen: time.Now().UTC(), Confidence: 0.9, ArticleURL: "https://news.example/" + event.Slug(model), Title: model + " released",
		Sources: []string{"https://news.example/" + event.Slug(model)}}
	data, err := event.Encode(ev)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := js.Publish(context.Background(), event.ReleaseSubject(vendor, model), data); err != nil {
		t.Fatal(err)
	}
}
