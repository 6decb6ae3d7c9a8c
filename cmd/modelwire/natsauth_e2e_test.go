package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/bus"
	"github.com/modelwire/modelwire/internal/testsite"
	"github.com/modelwire/modelwire/internal/waittest"
)

// natsUsers are the users of deploy/nats/auth.conf and the passwords the
// test gives them.
var natsUsers = map[string]string{
	"crawler": "crawler-pw", "extractor": "extractor-pw", "indexer": "indexer-pw", "serve": "serve-pw", "reader": "reader-pw", "run": "run-pw",
}

// startDeployNATS starts a NATS server with the accounts, users and
// permissions of deploy/nats/auth.conf — the deployments' own file — and
// returns its client URL.
func startDeployNATS(t *testing.T) string {
	t.Helper()
	for u, pw := range natsUsers {
		t.Setenv("MODELWIRE_NATS_"+strings.ToUpper(u)+"_PASSWORD", pw)
	}
	dir := t.TempDir()
	auth, err := os.ReadFile(filepath.Join("..", "..", "deploy", "nats", "auth.conf"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "auth.conf"), auth, 0o600)
	conf := filepath.Join(dir, "nats.conf")
	// A 1 MB max payload, so a large page goes through the object store.
	os.WriteFile(conf, []byte(fmt.Sprintf("host: 127.0.0.1\nport: -1\nmax_payload: 1MB\njetstream { store_dir: %q }\ninclude ./auth.conf\n",
		filepath.Join(dir, "js"))), 0o600)
	srv, err := bus.StartFromConfig(conf, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Shutdown(); srv.WaitForShutdown() })
	return srv.ClientURL()
}

// connectAs connects to url as user; violations of its permissions are
// collected.
func connectAs(t *testing.T, url, user string) (jetstream.JetStream, func() []string) {
	t.Helper()
	var mu sync.Mutex
	var violations []string
	nc, err := nats.Connect(url, nats.UserInfo(user, natsUsers[user]), nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) {
		if errors.Is(err, nats.ErrPermissionViolation) {
			mu.Lock()
			violations = append(violations, err.Error())
			mu.Unlock()
		}
	}))
	if err != nil {
		t.Fatalf("connecting as %s: %v", user, err)
	}
	t.Cleanup(nc.Close)
	js, _ := jetstream.New(nc)
	return js, func() []string { mu.Lock(); defer mu.Unlock(); return append([]string(nil), violations...) }
}

// TestHostileNATSPermissions runs every stage — crawler, extractor, indexer,
// serve with a webhook, watch — each logged in as its own user of
// deploy/nats/auth.conf, over a site with release announcements: the
// pipeline works end to end within those permissions. Then it plays a
// compromised crawler and a subscriber trying to forge a release: each
// attempt is refused and no forged event reaches MW_RELEASES.
func TestHostileNATSPermissions(t *testing.T) {
	url := startDeployNATS(t)
	site := testsite.New(testsite.Options{Extra: 2})
	defer site.Close()
	// A page whose compressed body is over the max payload: the crawler
	// stores it in mw_bodies, the extractor reads it from there.
	noise := make([]byte, 1<<20)
	rand.Read(noise)
	big := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<rss version="2.0"><channel><title>big</title><item><title>big</title><link>http://%s/big</link></item></channel></rss>`, r.Host)
			return
		case "/robots.txt":
			http.NotFound(w, r)
			return
		}
		fmt.Fprintf(w, "<html><head><title>A big page</title></head><body><p>%s</p></body></html>", base64.StdEncoding.EncodeToString(noise))
	}))
	defer big.Close()
	var hookMu sync.Mutex
	var hookModels []string
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if ev, err := event.DecodeReleaseEvent(body); err == nil {
			hookMu.Lock()
			hookModels = append(hookModels, ev.Model)
			hookMu.Unlock()
		}
	}))
	defer hook.Close()

	dir := t.TempDir()
	config := func(user, extra string) string {
		path := filepath.Join(dir, user+".yaml")
		os.WriteFile(path, []byte(fmt.Sprintf(`data_dir: %s
nats:
  url: %s
  user: %s
  password: %s
crawler:
  user_agent: modelwire-test/1.0
  allow_private_networks: true
%ssources:
  - name: aiwire
    feeds: [%s/feed.xml]
    delay: 1ms
    parallelism: 4
  - name: big
    feeds: [%s/feed.xml]
`, filepath.Join(dir, user), url, user, natsUsers[user], extra, site.URL, big.URL)), 0o600)
		return path
	}
	// serve answers from an index of its own (the indexer holds its own).
	empty, err := indexer.OpenEmbedded(filepath.Join(dir, "serve"), indexer.EmbeddedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	empty.Close()
	indexerAddr, serveAddr := freeAddr(t), freeAddr(t)
	// The extractor sets up the streams; the others wait for them. The
	// crawl starts once serve's webhook consumer exists: it delivers the
	// events published after it was made.
	procs := map[string]*background{
		"indexer":   start(t, "indexer", "--config", config("indexer", ""), "--http-addr", indexerAddr),
		"serve":     start(t, "serve", "--config", config("serve", "notify:\n  webhooks:\n    - url: "+hook.URL+"\n"), "--http-addr", serveAddr),
		"extractor": start(t, "extractor", "--config", config("extractor", ""), "--http-addr", ""),
	}
	extractorJS, _ := connectAs(t, url, "extractor")
	waitLong(t, "serve's webhook consumer", procs, func() bool {
		_, err := extractorJS.Consumer(context.Background(), event.StreamReleases, bus.WebhookConsumerName(hook.URL))
		return err == nil
	})
	procs["crawler"] = start(t, "crawler", "--config", config("crawler", ""), "--http-addr", "")
	waitLong(t, "the site and the big page indexed", procs, func() bool {
		return int(metric(t, indexerAddr, "modelwire_index_documents_total", `kind="articles"`, `result="indexed"`)) >= len(site.Articles)+1
	})
	obs, err := extractorJS.ObjectStore(context.Background(), event.BucketBodies)
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := obs.Status(context.Background()); st.Size() == 0 {
		t.Error("the big page did not go through the object store")
	}
	waitLong(t, "webhook deliveries by serve", procs, func() bool { hookMu.Lock(); defer hookMu.Unlock(); return len(hookModels) > 0 })
	out, errOut, code := run(t, "watch", "--config", config("reader", ""), "--since", "all", "--count", "1", "--json")
	if code != 0 || !strings.Contains(out, `"kind":"release"`) {
		t.Errorf("watch as reader: exit %d %s %s", code, out, errOut)
	}
	// A stage that may not set up streams tries once, when they are
	// missing (bus.Ensure); nothing else may run into a permission.
	for name, p := range procs {
		for _, l := range strings.Split(p.stderr.String(), "\n") {
			if strings.Contains(strings.ToLower(l), "permissions violation") && !strings.Contains(l, "$JS.API.STREAM.CREATE.") && !strings.Contains(l, "$JS.API.STREAM.UPDATE.") {
				t.Errorf("%s ran into its permissions: %s", name, l)
			}
		}
	}

	// The attacks.
	ctx := context.Background()
	short := func() (context.Context, context.CancelFunc) { return context.WithTimeout(ctx, time.Second) }
	forged, _ := json.Marshal(event.ReleaseEvent{Version: 1, Kind: event.KindRelease, Key: "evil.forged", Vendor: "evil", Model: "forged",
		ArticleURL: "https://evil.example/", Sources: []string{"https://evil.example/"}})
	crawlerJS, crawlerViolations := connectAs(t, url, "crawler")
	c1, cancel := short()
	if _, err := crawlerJS.Publish(c1, "mw.releases.evil.forged", forged); err == nil {
		t.Error("the crawler published a release event")
	}
	cancel()
	c2, cancel := short()
	if _, err := crawlerJS.CreateOrUpdateConsumer(c2, event.StreamPages, jetstream.ConsumerConfig{Durable: "evil"}); err == nil {
		t.Error("the crawler created a consumer (a push consumer can deliver pages onto mw.releases)")
	}
	cancel()
	c3, cancel := short()
	if _, err := crawlerJS.UpdateStream(c3, jetstream.StreamConfig{Name: event.StreamReleases, Subjects: []string{event.SubjectReleasesAll, event.SubjectPagesAll}}); err == nil {
		t.Error("the crawler changed MW_RELEASES")
	}
	cancel()
	c4, cancel := short()
	if _, err := crawlerJS.Publish(c4, event.SubjectArticles, []byte(`{}`)); err == nil {
		t.Error("the crawler published an article")
	}
	cancel()
	if len(crawlerViolations()) < 4 {
		t.Errorf("permission violations reported: %q", crawlerViolations())
	}
	readerJS, _ := connectAs(t, url, "reader")
	c5, cancel := short()
	if _, err := readerJS.Publish(c5, "mw.releases.evil.forged", forged); err == nil {
		t.Error("a reader published a release event")
	}
	cancel()
	if nc, err := nats.Connect(url, nats.MaxReconnects(0)); err == nil {
		nc.Close()
		t.Error("connected without credentials")
	}

	st, err := extractorJS.Stream(ctx, event.StreamReleases)
	if err != nil {
		t.Fatal(err)
	}
	if m, err := st.GetLastMsgForSubject(ctx, "mw.releases.evil.>"); err == nil {
		t.Errorf("a forged event reached MW_RELEASES: %s", m.Data)
	}
	if info, _ := st.Info(ctx); len(info.Config.Subjects) != 1 {
		t.Errorf("MW_RELEASES subjects became %v", info.Config.Subjects)
	}
}

// waitLong polls cond for up to a minute, printing the processes' logs if
// it never holds.
func waitLong(t *testing.T, what string, procs map[string]*background, cond func() bool) {
	t.Helper()
	waittest.Eventually(t, time.Minute, what, cond, func() string {
		var logs strings.Builder
		for name, p := range procs {
			fmt.Fprintf(&logs, "%s:\n%s\n", name, p.stderr.String())
		}
		return logs.String()
	})
}
