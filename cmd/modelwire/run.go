package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/spf13/cobra"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/bus"
	"github.com/modelwire/modelwire/internal/config"
	"github.com/modelwire/modelwire/internal/console"
	"github.com/modelwire/modelwire/internal/crawlstate"
	"github.com/modelwire/modelwire/internal/pipeline"
	"github.com/modelwire/modelwire/internal/wait"
)

// maxPagesBacklog is how many fetched pages `modelwire run` lets wait for
// its extractor before the crawler waits: on a fast site the crawl would
// otherwise run far ahead, and every page would wait its turn longer (at
// ~500 pages/s, 128 pages are a quarter of a second).
const maxPagesBacklog = 128

// minReleaseConfidence is the confidence below which a release an article
// seems to report is not announced.
const minReleaseConfidence = 0.5

func newRunCmd(g *globals) *cobra.Command {
	var (
		once bool
		f    procFlags
	)
	cmd := &cobra.Command{
		Use:   "run [--config FILE] [--data DIR] [--once]",
		Short: "Run every stage — crawler, extractor, indexer — in one process",
		Long: `Run crawls every configured source on its schedule, extracts articles and
indexes them, all in one process connected through NATS JetStream. With no
nats.url (or MODELWIRE_NATS_URL) it starts an embedded NATS server with its
store in DATA/nats; with no Elasticsearch address it indexes into DATA/index.

--once crawls every source once, waits until every page fetched — in this run
or left by an interrupted one — is extracted and indexed, and exits. On a
terminal it shows progress bars (pages fetched, extracted, articles indexed,
rates, time left) with only warnings and errors logged above them, and ends
with a summary table; elsewhere (a pipe, a service) it logs as usual, info
and up. --quiet logs only warnings and errors and draws no bars; --verbose
logs everything. Without
it, run keeps going and serves the HTTP API, /healthz, /readyz and /metrics
on http.addr (or --http-addr) until SIGINT or SIGTERM, then finishes or Naks
in-flight work and exits within --shutdown-timeout. SIGHUP, or a change of
the config file, reloads the sources and the catalog.

The same stages run one per process, with any number of replicas, as
modelwire crawler, extractor, indexer and serve.`,
		Example: `  modelwire run --config configs/modelwire.yaml
  modelwire run --once --config my.yaml --data /tmp/mw`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := g.loadConfig()
			if err != nil {
				return err
			}
			if err := f.apply(cmd, &c); err != nil {
				return err
			}
			return runAll(cmd.Context(), g, c, f, once)
		},
	}
	cmd.Flags().BoolVar(&once, "once", false, "crawl every source once, wait until all is indexed, exit")
	f.add(cmd)
	return cmd
}

// natsNode is a connection to NATS, with the embedded server if one was started.
type natsNode struct {
	srv *server.Server
	nc  *nats.Conn
	js  jetstream.JetStream
	// urlFile holds the embedded server's client URL while it runs.
	urlFile string
}

// shutdown stops the embedded server, if any, before a connection was made.
func (n *natsNode) shutdown() {
	if n.srv != nil {
		n.srv.Shutdown()
	}
}

// natsErrorLog logs the errors NATS reports asynchronously — a permission
// violation, a slow consumer — rather than let nats.go print them.
func natsErrorLog(log *slog.Logger) nats.Option {
	return nats.ErrorHandler(func(_ *nats.Conn, sub *nats.Subscription, err error) {
		if sub != nil {
			log.Warn("nats error", "subject", sub.Subject, "err", err)
			return
		}
		log.Warn("nats error", "err", err)
	})
}

// natsAuth returns the credentials a process presents to NATS. The
// embedded server, when it listens on a port, requires its password,
// generated once into the data directory (owner-only). A client of an
// external server presents the configured credentials, or — with none
// configured — the embedded server's password when its data directory
// holds one, so stages, watch and serve beside a `modelwire run` log in.
func natsAuth(c config.Config) (bus.Auth, error) {
	if c.NATS.URL == "" {
		if *c.NATS.Listen == "" {
			return bus.Auth{}, nil // in-process clients only
		}
		return bus.EmbeddedAuth(c.DataDir, true)
	}
	a := c.NATS.Auth()
	if a.User != "" || a.Token != "" || a.NKeyFile != "" || a.CredsFile != "" {
		return a, nil
	}
	e, err := bus.EmbeddedAuth(c.DataDir, false)
	if errors.Is(err, fs.ErrNotExist) {
		return a, nil
	}
	if err != nil {
		return a, err
	}
	a.User, a.Password = e.User, e.Password
	return a, nil
}

func (n *natsNode) Close() {
	n.nc.Drain()
	if n.srv != nil {
		n.srv.Shutdown()
		n.srv.WaitForShutdown()
	}
	if n.urlFile != "" {
		os.Remove(n.urlFile)
	}
}

// natsStartupWait is how long a process waits at start for an external
// NATS server that does not answer yet.
const natsStartupWait = time.Minute

// connectNATS connects to the configured NATS, starting the embedded server
// when no URL is set, and makes sure streams and buckets exist: with
// setup, it creates or updates them (modelwire run and the extractor
// stage, whose NATS users may); otherwise it waits for them (bus.Ensure).
func connectNATS(ctx context.Context, c config.Config, log *slog.Logger, name string, setup bool) (*natsNode, error) {
	n := &natsNode{}
	auth, err := natsAuth(c)
	if err != nil {
		return nil, err
	}
	if c.NATS.URL == "" {
		srv, err := bus.StartEmbedded(bus.EmbeddedOptions{
			StoreDir: filepath.Join(c.DataDir, "nats"),
			Listen:   *c.NATS.Listen,
			Password: auth.Password,
			Logger:   log,
		})
		if err != nil {
			return nil, err
		}
		n.srv = srv
		if *c.NATS.Listen != "" {
			log.Info("embedded NATS server started", "url", srv.ClientURL(), "user", auth.User,
				"password_file", bus.PasswordFile(c.DataDir), "store", filepath.Join(c.DataDir, "nats"))
			// Tell `modelwire watch --data` where to connect.
			if err := os.WriteFile(natsURLFile(c.DataDir), []byte(srv.ClientURL()+"\n"), 0o644); err != nil {
				log.Warn("cannot write the NATS address for modelwire watch --data; pass it --nats", "file", natsURLFile(c.DataDir), "url", srv.ClientURL(), "err", err)
			} else {
				n.urlFile = natsURLFile(c.DataDir)
			}
		} else {
			log.Info("embedded NATS server started (in-process only)", "store", filepath.Join(c.DataDir, "nats"))
		}
	}
	connect := func() (*nats.Conn, error) {
		opts, err := auth.Options()
		if err != nil {
			return nil, err
		}
		return bus.Connect(c.NATS.URL, n.srv, name, append(opts, natsErrorLog(log))...)
	}
	nc, err := connect()
	// An external server may still be starting (services come up in any
	// order): wait for it rather than exit. The credentials are read again
	// each time: a `modelwire run` starting beside this process writes the
	// embedded server's password before its server listens.
	for pause, deadline := 250*time.Millisecond, time.Now().Add(natsStartupWait); err != nil && c.NATS.URL != "" &&
		errors.Is(err, nats.ErrNoServers) && time.Now().Before(deadline); pause = min(2*pause, 5*time.Second) {
		log.Warn("NATS not reachable yet, retrying", "url", c.NATS.URL, "in", pause, "err", err)
		if err := wait.Sleep(ctx, pause); err != nil {
			return nil, err
		}
		if auth, err = natsAuth(c); err == nil {
			nc, err = connect()
		}
	}
	if err != nil {
		n.shutdown()
		return nil, err
	}
	n.nc = nc
	if n.js, err = jetstream.New(nc); err == nil {
		if setup || n.srv != nil {
			setupCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
			err = bus.Setup(setupCtx, n.js, c.NATS.Replicas)
			cancel()
		} else {
			err = bus.Ensure(ctx, n.js, c.NATS.Replicas, log)
		}
	}
	if err != nil {
		n.Close()
		return nil, fmt.Errorf("setting up JetStream: %w", err)
	}
	if n.srv != nil {
		// This process is the embedded server's only client: what was in
		// flight belonged to a process that died (SIGKILL, power loss) and
		// need not wait out its ack wait.
		if k, err := bus.ReclaimInFlight(ctx, n.js,
			bus.ConsumerRef{Stream: event.StreamPages, Consumer: bus.ConsumerExtractor},
			bus.ConsumerRef{Stream: event.StreamArticles, Consumer: bus.ConsumerIndexer},
			bus.ConsumerRef{Stream: event.StreamReleases, Consumer: bus.ConsumerReleases}); err != nil {
			log.Warn("cannot reclaim the messages an earlier run left in flight; they come back after their ack wait", "err", err)
		} else if k > 0 {
			log.Info("reclaimed messages an earlier run left in flight", "messages", k)
		}
	}
	return n, nil
}

func runAll(ctx context.Context, g *globals, c config.Config, f procFlags, once bool) error {
	// With --once on a terminal, bars show the progress and the log keeps
	// to warnings (unless asked for more), printed above the bars.
	showProgress := once && !g.quiet && console.IsTerminal(g.stderr)
	logOut := &swapWriter{w: g.stderr}
	level := g.level()
	if showProgress && !g.levelSet && !g.verbose {
		level = max(level, slog.LevelWarn)
	}
	log := g.loggerTo(logOut, level)
	node, err := connectNATS(ctx, c, log, "modelwire-run", true)
	if err != nil {
		return err
	}
	defer node.Close()
	store, err := openStore(ctx, c, log)
	if err != nil {
		return err
	}
	defer closeStore(store, log)
	reg := newRegistry()
	reg.MustRegister(bus.NewCollector(node.js,
		bus.ConsumerRef{Stream: event.StreamPages, Consumer: bus.ConsumerExtractor},
		bus.ConsumerRef{Stream: event.StreamArticles, Consumer: bus.ConsumerIndexer},
		bus.ConsumerRef{Stream: event.StreamReleases, Consumer: bus.ConsumerReleases}))
	extract, reloadExtractor, err := newExtractStage(ctx, g, node, reg, f.grace(), log)
	if err != nil {
		return err
	}
	pub := pipeline.NewPagePublisher(node.js, node.nc.MaxPayload())
	pacer := crawlstate.NewBacklog(node.js, event.StreamPages, bus.ConsumerExtractor, maxPagesBacklog)
	render, stopBrowser := newRenderer(c, reg, log)
	defer stopBrowser()
	archived, closeArchive, err := openArchive(c, reg, log)
	if err != nil {
		return err
	}
	defer closeArchive()
	crawlMetrics := crawlstate.NewMetrics()
	cr, leases, err := newCrawler(ctx, c, node, pub, reg, crawlMetrics, log, append(append(render, archived...), crawler.WithPacer(pacer))...)
	if err != nil {
		return err
	}
	indexOpts := pipeline.IndexOptions{Registerer: reg, Grace: f.grace(), Logger: log}
	updates := make(chan []crawler.Source)
	all := &pipeline.All{
		JS:        node.js,
		Publisher: pub,
		Crawler:   cr,
		Updates:   updates,
		Extract:   extract,
		Index:     pipeline.NewIndexStage(node.js, store, indexOpts),
		Releases:  pipeline.NewReleaseIndexStage(node.js, store, indexOpts),
		Sources:   c.CrawlerSources(),
		Logger:    log,
	}
	users := c
	if once {
		users.HTTP.Addr = new(string) // --once serves no HTTP; webhooks still get their events
	}
	names := newNames(log)
	all.Extra = usersSide(users, node.js, store, names, reg, log)
	if leases != nil {
		all.Extra = append(all.Extra, leases)
	}
	if len(c.Sources) == 0 {
		log.Warn("no sources configured; nothing will be crawled (see configs/modelwire.yaml)")
	}
	if !once {
		all.Extra = append(all.Extra, g.reloader(log, []string{catalogPath()}, func(ctx context.Context, c config.Config) {
			reloadExtractor(ctx, c)
			if names != nil {
				names.reload(log)
			}
			sendSources(ctx, updates, c.CrawlerSources())
		}))
		log.Info("modelwire running; press Ctrl-C to stop", "sources", len(c.Sources), "data", c.DataDir)
		err := runProcess(ctx, log, f.shutdown, all.Run)
		log.Info("stopped")
		return err
	}
	var progress *console.Progress
	if showProgress {
		progress = console.StartProgress(g.stderr, func() console.Counts {
			extracted, skipped, failed := all.Extract.Counts()
			indexed, stale, indexFailed := all.Index.Counts()
			return console.Counts{Fetched: pub.Published(), Queued: crawlMetrics.Queued(),
				Extracted: extracted + skipped + failed, Articles: extracted, Indexed: indexed + stale + indexFailed}
		})
		logOut.swap(progress)
	}
	var sum pipeline.Summary
	err = runProcess(ctx, log, f.shutdown, func(ctx context.Context) error {
		var err error
		sum, err = all.RunOnce(ctx)
		return err
	})
	if progress != nil {
		progress.Stop()
		logOut.swap(g.stderr)
		printSummary(g.stdout, sum)
	}
	log.Info("run complete", "pages", sum.Pages, "extracted", sum.Extracted, "no_article", sum.Skipped,
		"indexed", sum.Indexed, "release_events", sum.Releases, "unchanged", sum.Stale, "failed", sum.Failed, "duration", sum.Duration.Round(time.Millisecond))
	return err
}

// printSummary prints what a run --once did, for a person.
func printSummary(w io.Writer, s pipeline.Summary) {
	rate := func(n int64) string {
		if s.Duration <= 0 || n == 0 {
			return ""
		}
		return strconv.FormatFloat(float64(n)/s.Duration.Seconds(), 'f', 1, 64) + "/s"
	}
	tb := console.NewTable("", "COUNT", "RATE").AlignRight(1, 2)
	tb.Row("pages fetched", strconv.FormatInt(s.Pages, 10), rate(s.Pages))
	tb.Row("articles extracted", strconv.FormatInt(s.Extracted, 10), rate(s.Extracted))
	tb.Row("pages without an article", strconv.FormatInt(s.Skipped, 10), "")
	tb.Row("articles indexed", strconv.FormatInt(s.Indexed, 10), rate(s.Indexed))
	tb.Row("articles unchanged", strconv.FormatInt(s.Stale, 10), "")
	tb.Row("release events indexed", strconv.FormatInt(s.Releases, 10), "")
	tb.Row("failed", strconv.FormatInt(s.Failed, 10), "")
	fmt.Fprintf(w, "\nRun complete in %s\n", s.Duration.Round(time.Millisecond))
	tb.WriteTo(w)
}

// swapWriter writes to a writer that can be changed while others write:
// the log goes above the progress bars while they are drawn.
type swapWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *swapWriter) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(b)
}

func (s *swapWriter) swap(w io.Writer) {
	s.mu.Lock()
	s.w = w
	s.mu.Unlock()
}
