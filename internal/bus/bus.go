// Package bus is modelwire's NATS plumbing: the embedded JetStream server,
// connections, and the streams, consumers and key-value buckets that
// design.md lays out. Stream and consumer settings are plain structs here so
// they read as configuration. Stages consume with explicit acks through
// Consume, Ack, Retry and DeadLetter (consume.go, ack.go); readers of the
// release events follow MW_RELEASES with FollowReleases (follow.go).
package bus

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"golang.org/x/crypto/bcrypt"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/redact"
	"github.com/modelwire/modelwire/internal/wait"
)

// EmbeddedOptions configures the embedded NATS server.
type EmbeddedOptions struct {
	// StoreDir is where JetStream keeps its files.
	StoreDir string
	// Listen is "host:port" for clients; "" accepts in-process clients only.
	Listen string
	// Password, when set, is required of every client, which logs in as
	// EmbeddedUser (see EmbeddedAuth). A server that listens on a port
	// must have one: anyone who reaches the port could publish release
	// events otherwise.
	Password string
	// Logger receives the server's notices and errors (nil: discard).
	Logger *slog.Logger
}

// StartEmbedded starts a NATS server with JetStream in-process and waits
// until it accepts connections. The caller shuts it down.
func StartEmbedded(opts EmbeddedOptions) (*server.Server, error) {
	so := &server.Options{
		ServerName: "modelwire",
		JetStream:  true,
		StoreDir:   opts.StoreDir,
		NoSigs:     true,
		MaxPayload: 8 << 20,
	}
	if opts.Password != "" {
		// The server keeps a bcrypt hash, as it asks: the password is
		// 256 random bits, so the lowest cost loses nothing.
		hash, err := bcrypt.GenerateFromPassword([]byte(opts.Password), bcrypt.MinCost)
		if err != nil {
			return nil, fmt.Errorf("hashing the NATS password: %w", err)
		}
		so.Username, so.Password = EmbeddedUser, string(hash)
	}
	if opts.Listen == "" {
		so.DontListen = true
	} else {
		if opts.Password == "" {
			return nil, fmt.Errorf("nats.listen %s: the embedded server needs a password to listen on a port", opts.Listen)
		}
		host, port, err := net.SplitHostPort(opts.Listen)
		if err != nil {
			return nil, fmt.Errorf("nats.listen %q: %w", opts.Listen, err)
		}
		so.Host = host
		if so.Port, err = strconv.Atoi(port); err != nil {
			return nil, fmt.Errorf("nats.listen %q: bad port", opts.Listen)
		}
		if so.Port == 0 {
			so.Port = server.RANDOM_PORT
		}
		// Find a taken port now, with a clear message, rather than as a
		// server that never becomes ready.
		if so.Port > 0 {
			l, err := net.Listen("tcp", opts.Listen)
			if err != nil {
				return nil, fmt.Errorf("nats.listen %s is not free (is another modelwire running? set nats.listen or nats.url): %w", opts.Listen, err)
			}
			l.Close()
		}
	}
	ns, err := server.NewServer(so)
	if err != nil {
		return nil, fmt.Errorf("embedded nats: %w", err)
	}
	if opts.Logger != nil {
		ns.SetLoggerV2(&serverLog{opts.Logger.With("component", "nats")}, false, false, false)
	}
	go ns.Start()
	if !ns.ReadyForConnections(30 * time.Second) {
		ns.Shutdown()
		return nil, errors.New("embedded nats server did not become ready within 30s")
	}
	return ns, nil
}

// Connect connects to url, or in-process to srv when url is empty; extra
// options carry credentials (Auth.Options).
func Connect(url string, srv *server.Server, name string, extra ...nats.Option) (*nats.Conn, error) {
	opts := append([]nats.Option{
		nats.Name(name),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(time.Second),
		nats.RetryOnFailedConnect(false),
	}, extra...)
	if url == "" {
		if srv == nil {
			return nil, errors.New("no NATS url and no embedded server")
		}
		opts = append(opts, nats.InProcessServer(srv))
		url = srv.ClientURL()
	}
	nc, err := nats.Connect(url, opts...)
	if err != nil {
		return nil, fmt.Errorf("connecting to nats %s: %w", redact.Text(url), err)
	}
	return nc, nil
}

// Streams returns the configuration of modelwire's streams for the given
// replica count.
func Streams(replicas int) []jetstream.StreamConfig {
	if replicas < 1 {
		replicas = 1
	}
	return []jetstream.StreamConfig{
		{
			Name:        event.StreamPages,
			Description: "fetched pages (gzip body + fetch metadata)",
			Subjects:    []string{event.SubjectPagesAll},
			Storage:     jetstream.FileStorage,
			Retention:   jetstream.LimitsPolicy,
			MaxAge:      7 * 24 * time.Hour,
			MaxBytes:    4 << 30,
			Discard:     jetstream.DiscardOld,
			Duplicates:  10 * time.Minute,
			Replicas:    replicas,
		},
		{
			Name:        event.StreamArticles,
			Description: "extracted articles with mentions and claims",
			Subjects:    []string{event.SubjectArticlesAll},
			Storage:     jetstream.FileStorage,
			Retention:   jetstream.LimitsPolicy,
			MaxAge:      30 * 24 * time.Hour,
			MaxBytes:    4 << 30,
			Discard:     jetstream.DiscardOld,
			Duplicates:  10 * time.Minute,
			Replicas:    replicas,
		},
		{
			Name:        event.StreamReleases,
			Description: "release events: mw.releases.<vendor>.<model>",
			Subjects:    []string{event.SubjectReleasesAll},
			Storage:     jetstream.FileStorage,
			Retention:   jetstream.LimitsPolicy,
			Duplicates:  10 * time.Minute,
			Replicas:    replicas,
		},
		{
			Name:        event.StreamDLQ,
			Description: "messages that can never succeed, with the reason",
			Subjects:    []string{event.SubjectDLQAll},
			Storage:     jetstream.FileStorage,
			Retention:   jetstream.LimitsPolicy,
			MaxAge:      30 * 24 * time.Hour,
			Replicas:    replicas,
		},
	}
}

// BucketHosts is the key-value bucket of crawler host leases: host → the
// crawler process that may send it requests.
const BucketHosts = "mw_hosts"

// HostLeaseTTL is how long a host lease lasts unless its holder renews it:
// after a crawler dies, its hosts pass to another replica this much later.
const HostLeaseTTL = 30 * time.Second

// Buckets returns the configuration of modelwire's key-value buckets.
// Host leases live in memory: they are worth nothing after the whole
// cluster restarts, and a single embedded server forgets a killed
// process's leases when it starts again.
func Buckets(replicas int) []jetstream.KeyValueConfig {
	if replicas < 1 {
		replicas = 1
	}
	return []jetstream.KeyValueConfig{
		{Bucket: event.BucketSeen, Description: "url hash → validators, content hash, last fetch", Storage: jetstream.FileStorage, Replicas: replicas},
		{Bucket: event.BucketReleases, Description: "release key → first seen", Storage: jetstream.FileStorage, Replicas: replicas},
		{Bucket: BucketHosts, Description: "host → crawler holding its lease", Storage: jetstream.MemoryStorage, TTL: HostLeaseTTL, History: 1, Replicas: replicas},
	}
}

// Setup creates or updates every stream and bucket. It is idempotent and
// safe to run from several processes at once.
func Setup(ctx context.Context, js jetstream.JetStream, replicas int) error {
	for _, cfg := range Streams(replicas) {
		if _, err := js.CreateOrUpdateStream(ctx, cfg); err != nil {
			return fmt.Errorf("stream %s: %w", cfg.Name, err)
		}
	}
	for _, cfg := range Buckets(replicas) {
		if _, err := js.CreateOrUpdateKeyValue(ctx, cfg); err != nil {
			return fmt.Errorf("bucket %s: %w", cfg.Bucket, err)
		}
	}
	bodies := jetstream.ObjectStoreConfig{
		Bucket:      event.BucketBodies,
		Description: "page bodies too large for one message",
		Storage:     jetstream.FileStorage,
		TTL:         7 * 24 * time.Hour,
		Replicas:    max(replicas, 1),
	}
	if _, err := js.CreateOrUpdateObjectStore(ctx, bodies); err != nil {
		return fmt.Errorf("object store %s: %w", bodies.Bucket, err)
	}
	return nil
}

// Ensure makes sure every stream and bucket of Setup exists. When some are
// missing it runs Setup, and when this client may not create them — its
// NATS user lacks the permission, as the crawler, indexer and serve users
// of deploy/nats/auth.conf do — it waits, logging, until a client that may
// (an extractor, modelwire run) has, or ctx ends. It never updates what
// exists: that is the privileged clients' Setup.
func Ensure(ctx context.Context, js jetstream.JetStream, replicas int, log *slog.Logger) error {
	tried := false
	for pause := time.Second; ; pause = min(2*pause, 15*time.Second) {
		missing := Missing(ctx, js, replicas)
		if len(missing) == 0 {
			return nil
		}
		if !tried {
			tried = true
			try, cancel := context.WithTimeout(ctx, 5*time.Second)
			err := Setup(try, js, replicas)
			cancel()
			if err == nil {
				return nil
			}
			log.Debug("cannot set up the streams and buckets", "err", err)
		}
		log.Warn("waiting for streams and buckets to be set up (by an extractor or modelwire run)", "missing", missing, "retry_in", pause)
		if err := wait.Sleep(ctx, pause); err != nil {
			return err
		}
	}
}

// Missing returns the names of Setup's streams and buckets that do not
// exist, or cannot be looked up.
func Missing(ctx context.Context, js jetstream.JetStream, replicas int) []string {
	var out []string
	for _, cfg := range Streams(replicas) {
		if _, err := js.Stream(ctx, cfg.Name); err != nil {
			out = append(out, cfg.Name)
		}
	}
	for _, cfg := range Buckets(replicas) {
		if _, err := js.KeyValue(ctx, cfg.Bucket); err != nil {
			out = append(out, cfg.Bucket)
		}
	}
	if _, err := js.ObjectStore(ctx, event.BucketBodies); err != nil {
		out = append(out, event.BucketBodies)
	}
	return out
}

// Durable consumer names.
const (
	ConsumerExtractor = "extractor"
	ConsumerIndexer   = "indexer"
	ConsumerReleases  = "indexer-releases"
)

// ExtractorMaxDeliver bounds the deliveries of a page: on the last one the
// extractor dead-letters a page it still cannot handle rather than let
// JetStream drop it. With the growing retry delays it is about an hour.
const ExtractorMaxDeliver = 20

// ExtractorConsumer is the durable pull consumer of MW_PAGES.
func ExtractorConsumer() jetstream.ConsumerConfig {
	return jetstream.ConsumerConfig{
		Durable:       ConsumerExtractor,
		Description:   "extracts articles from fetched pages",
		FilterSubject: event.SubjectPagesAll,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       30 * time.Second, // a page takes milliseconds; a killed replica's pages return soon
		MaxDeliver:    ExtractorMaxDeliver,
		MaxAckPending: 512,
		DeliverPolicy: jetstream.DeliverAllPolicy,
	}
}

// IndexerConsumer is the durable pull consumer of MW_ARTICLES.
func IndexerConsumer() jetstream.ConsumerConfig {
	return jetstream.ConsumerConfig{
		Durable:       ConsumerIndexer,
		Description:   "writes articles into the search store",
		FilterSubject: event.SubjectArticlesAll,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       time.Minute, // the stage marks a slow batch in progress
		MaxDeliver:    -1,          // a store outage must not drop articles
		MaxAckPending: 4096,
		DeliverPolicy: jetstream.DeliverAllPolicy,
	}
}

// ReleaseIndexerConsumer is the durable pull consumer of MW_RELEASES that
// keeps the store's release records.
func ReleaseIndexerConsumer() jetstream.ConsumerConfig {
	return jetstream.ConsumerConfig{
		Durable:       ConsumerReleases,
		Description:   "folds release events into the store's release records",
		FilterSubject: event.SubjectReleasesAll,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       time.Minute,
		MaxDeliver:    -1,
		MaxAckPending: 1024,
		DeliverPolicy: jetstream.DeliverAllPolicy,
	}
}

// serverLog adapts slog to the nats-server logger.
type serverLog struct{ l *slog.Logger }

func (s *serverLog) Noticef(format string, v ...any) { s.l.Debug(fmt.Sprintf(format, v...)) }
func (s *serverLog) Warnf(format string, v ...any)   { s.l.Warn(fmt.Sprintf(format, v...)) }
func (s *serverLog) Fatalf(format string, v ...any)  { s.l.Error(fmt.Sprintf(format, v...)) }
func (s *serverLog) Errorf(format string, v ...any)  { s.l.Error(fmt.Sprintf(format, v...)) }
func (s *serverLog) Debugf(format string, v ...any)  { s.l.Debug(fmt.Sprintf(format, v...)) }
func (s *serverLog) Tracef(format string, v ...any)  {}

// ReclaimInFlight makes every message delivered to the given consumers and
// not acknowledged deliverable again at once, rather than after its ack
// wait: each consumer is reset to deliver from its ack floor. It is for a
// process that is the only client of its NATS server — the embedded one —
// starting after a crash: what was in flight then belonged to the dead
// process. Messages acknowledged out of order above the floor come again;
// every stage handles a message twice harmlessly. It returns how many
// messages were in flight; missing consumers are skipped.
func ReclaimInFlight(ctx context.Context, js jetstream.JetStream, refs ...ConsumerRef) (int, error) {
	n := 0
	for _, ref := range refs {
		cons, err := js.Consumer(ctx, ref.Stream, ref.Consumer)
		if errors.Is(err, jetstream.ErrConsumerNotFound) {
			continue
		}
		if err != nil {
			return n, fmt.Errorf("consumer %s: %w", ref.Consumer, err)
		}
		info := cons.CachedInfo()
		if info.NumAckPending == 0 && info.Delivered.Stream == info.AckFloor.Stream {
			continue
		}
		n += info.NumAckPending
		if _, err := js.ResetConsumer(ctx, ref.Stream, ref.Consumer); err != nil {
			return n, fmt.Errorf("resetting consumer %s: %w", ref.Consumer, err)
		}
	}
	return n, nil
}

// StartFromConfig starts a NATS server from a nats-server configuration
// file — a JetStream cluster node, say (deploy/nats/cluster.conf) — and
// waits until it accepts connections. The caller shuts it down.
func StartFromConfig(path string, log *slog.Logger) (*server.Server, error) {
	so, err := server.ProcessConfigFile(path)
	if err != nil {
		return nil, fmt.Errorf("nats config %s: %w", path, err)
	}
	so.NoSigs = true
	ns, err := server.NewServer(so)
	if err != nil {
		return nil, fmt.Errorf("nats server: %w", err)
	}
	if log != nil {
		ns.SetLoggerV2(&serverLog{log.With("component", "nats")}, false, false, false)
	}
	go ns.Start()
	if !ns.ReadyForConnections(60 * time.Second) {
		ns.Shutdown()
		return nil, errors.New("nats server did not become ready within 60s")
	}
	return ns, nil
}
