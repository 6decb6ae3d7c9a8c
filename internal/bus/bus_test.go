package bus_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nkeys"
	"go.yaml.in/yaml/v3"

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
	_, err = bus.StartEmbedded(bus.EmbeddedOptions{StoreDir: t.TempDir(), Listen: l.Addr().String(), Password: "pw"})
	if err == nil || !strings.Contains(err.Error(), "is not free") {
		t.Fatalf("err = %v, want a clear 'not free' error", err)
	}
}

// TestHostileListenNeedsPassword: the embedded server refuses to listen on a
// port without a password, refuses clients without it, and serves those
// that have it.
func TestHostileListenNeedsPassword(t *testing.T) {
	if _, err := bus.StartEmbedded(bus.EmbeddedOptions{StoreDir: t.TempDir(), Listen: "127.0.0.1:0"}); err == nil {
		t.Fatal("the embedded server listened on a port without a password")
	}
	dir := t.TempDir()
	auth, err := bus.EmbeddedAuth(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := bus.StartEmbedded(bus.EmbeddedOptions{StoreDir: t.TempDir(), Listen: "127.0.0.1:0", Password: auth.Password})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	for name, opts := range map[string][]nats.Option{
		"no credentials": nil,
		"wrong password": {nats.UserInfo(bus.EmbeddedUser, "guess")},
		"token":          {nats.Token(auth.Password)},
	} {
		if nc, err := bus.Connect(srv.ClientURL(), nil, "intruder", append(opts, nats.MaxReconnects(0))...); err == nil {
			nc.Close()
			t.Errorf("%s: connected", name)
		} else if !errors.Is(err, nats.ErrAuthorization) {
			t.Errorf("%s: err = %v, want an authorization error", name, err)
		}
	}
	opts, err := auth.Options()
	if err != nil {
		t.Fatal(err)
	}
	nc, err := bus.Connect(srv.ClientURL(), nil, "tcp-client", opts...)
	if err != nil {
		t.Fatal(err)
	}
	nc.Close()
}

// TestEmbeddedAuth: the password is generated once, owner-only, kept
// across restarts; a file others can read is made private.
func TestEmbeddedAuth(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if _, err := bus.EmbeddedAuth(dir, false); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("without create: err = %v, want fs.ErrNotExist", err)
	}
	a, err := bus.EmbeddedAuth(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	if a.User != bus.EmbeddedUser || len(a.Password) < 40 {
		t.Fatalf("auth = %+v, want user %s and a long password", a, bus.EmbeddedUser)
	}
	st, err := os.Stat(bus.PasswordFile(dir))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("password file mode %v (%v), want 0600", st.Mode(), err)
	}
	again, err := bus.EmbeddedAuth(dir, true)
	if err != nil || again != a {
		t.Fatalf("second call = %+v, %v; want the same password", again, err)
	}
	os.Chmod(bus.PasswordFile(dir), 0o644)
	if _, err := bus.EmbeddedAuth(dir, false); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(bus.PasswordFile(dir)); st.Mode().Perm() != 0o600 {
		t.Errorf("a readable password file stayed %v", st.Mode().Perm())
	}
}

// The deployment's NATS cluster config must parse with the real server's parser.
func TestClusterConfigParses(t *testing.T) {
	t.Setenv("NATS_NAME", "nats1")
	for _, u := range []string{"CRAWLER", "EXTRACTOR", "INDEXER", "SERVE", "READER", "RUN"} {
		t.Setenv("MODELWIRE_NATS_"+u+"_PASSWORD", "pw-"+u)
	}
	opts, err := server.ProcessConfigFile(filepath.Join("..", "..", "deploy", "nats", "cluster.conf"))
	if err != nil {
		t.Fatal(err)
	}
	if opts.ServerName != "nats1" || !opts.JetStream || opts.Cluster.Name != "modelwire" || len(opts.Routes) != 3 {
		t.Errorf("parsed options: name=%q js=%v cluster=%q routes=%d", opts.ServerName, opts.JetStream, opts.Cluster.Name, len(opts.Routes))
	}
	if len(opts.Users) != 6 || opts.NoAuthUser != "" {
		t.Errorf("users %d, no-auth user %q: want the six users of auth.conf and no anonymous access", len(opts.Users), opts.NoAuthUser)
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
			// The first is done (acknowledged and confirmed by the server, so
			// the count below cannot see it pending); the other two die
			// with the process.
			if err := m.DoubleAck(ctx); err != nil {
				t.Fatal(err)
			}
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

// TestHelmValuesMatchAuthConf: the NATS Helm values give the users the
// same permissions as deploy/nats/auth.conf, which the e2e tests run.
func TestHelmValuesMatchAuthConf(t *testing.T) {
	for _, u := range []string{"CRAWLER", "EXTRACTOR", "INDEXER", "SERVE", "READER", "RUN"} {
		t.Setenv("MODELWIRE_NATS_"+u+"_PASSWORD", "pw")
	}
	opts, err := server.ProcessConfigFile(filepath.Join("..", "..", "deploy", "nats", "auth.conf"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join("..", "..", "deploy", "k8s", "values-nats.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	type perms struct {
		Publish, Subscribe struct{ Allow []string }
	}
	var values struct {
		Config struct {
			Merge struct {
				Accounts map[string]struct {
					Users []struct {
						User, Password string
						Permissions    perms
					}
				}
			}
		}
	}
	if err := yaml.Unmarshal(raw, &values); err != nil {
		t.Fatal(err)
	}
	helm := map[string]perms{}
	for _, u := range values.Config.Merge.Accounts["MODELWIRE"].Users {
		helm[u.User] = u.Permissions
		if !strings.Contains(u.Password, "$MODELWIRE_NATS_") {
			t.Errorf("helm user %s: password %q is not taken from the environment", u.User, u.Password)
		}
	}
	if len(helm) != len(opts.Users) {
		t.Fatalf("helm values have %d users, auth.conf %d", len(helm), len(opts.Users))
	}
	for _, u := range opts.Users {
		h, ok := helm[u.Username]
		if !ok {
			t.Errorf("user %s missing from the helm values", u.Username)
			continue
		}
		if !slices.Equal(h.Publish.Allow, u.Permissions.Publish.Allow) || !slices.Equal(h.Subscribe.Allow, u.Permissions.Subscribe.Allow) {
			t.Errorf("user %s: helm permissions %+v differ from auth.conf's publish %v subscribe %v", u.Username, h,
				u.Permissions.Publish.Allow, u.Permissions.Subscribe.Allow)
		}
	}
}

// TestExternalCredentials: the kinds of credentials an external server
// may ask for — an nkey seed file, a token — are presented as configured,
// and a server that wants them refuses a client without.
func TestExternalCredentials(t *testing.T) {
	kp, err := nkeys.CreateUser()
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := kp.PublicKey()
	seed, _ := kp.Seed()
	dir := t.TempDir()
	seedFile := filepath.Join(dir, "user.nk")
	os.WriteFile(seedFile, seed, 0o600)
	for name, tt := range map[string]struct {
		authz string
		auth  bus.Auth
	}{
		"nkey":  {fmt.Sprintf("authorization { users: [{nkey: %s}] }", pub), bus.Auth{NKeyFile: seedFile}},
		"token": {"authorization { token: s3cret-token }", bus.Auth{Token: "s3cret-token"}},
	} {
		t.Run(name, func(t *testing.T) {
			conf := filepath.Join(dir, name+".conf")
			os.WriteFile(conf, []byte("host: 127.0.0.1\nport: -1\n"+tt.authz+"\n"), 0o600)
			srv, err := bus.StartFromConfig(conf, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer srv.Shutdown()
			if nc, err := bus.Connect(srv.ClientURL(), nil, "anonymous", nats.MaxReconnects(0)); err == nil {
				nc.Close()
				t.Fatal("connected without credentials")
			}
			opts, err := tt.auth.Options()
			if err != nil {
				t.Fatal(err)
			}
			nc, err := bus.Connect(srv.ClientURL(), nil, name, opts...)
			if err != nil {
				t.Fatalf("with %s: %v", tt.auth.Kind(), err)
			}
			nc.Close()
		})
	}
	if _, err := (bus.Auth{NKeyFile: filepath.Join(dir, "missing.nk")}).Options(); err == nil {
		t.Error("a missing nkey file gave no error")
	}
}
