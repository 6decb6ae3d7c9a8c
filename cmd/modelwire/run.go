package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/spf13/cobra"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/bus"
	"github.com/modelwire/modelwire/internal/config"
	"github.com/modelwire/modelwire/internal/pipeline"
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
or left by an interrupted one — is extracted and indexed, and exits. Without
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
			f.apply(cmd, &c)
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
// when no URL is set, and makes sure streams and buckets exist.
func connectNATS(ctx context.Context, c config.Config, log *slog.Logger, name string) (*natsNode, error) {
	n := &natsNode{}
	if c.NATS.URL == "" {
		srv, err := bus.StartEmbedded(bus.EmbeddedOptions{
			StoreDir: filepath.Join(c.DataDir, "nats"),
			Listen:   *c.NATS.Listen,
			Logger:   log,
		})
		if err != nil {
			return nil, err
		}
		n.srv = srv
		if *c.NATS.Listen != "" {
			log.Info("embedded NATS server started", "url", srv.ClientURL(), "store", filepath.Join(c.DataDir, "nats"))
			// Tell `modelwire watch --data` where to connect.
			if err := os.WriteFile(natsURLFile(c.DataDir), []byte(srv.ClientURL()+"\n"), 0o644); err == nil {
				n.urlFile = natsURLFile(c.DataDir)
			}
		} else {
			log.Info("embedded NATS server started (in-process only)", "store", filepath.Join(c.DataDir, "nats"))
		}
	}
	nc, err := bus.Connect(c.NATS.URL, n.srv, name)
	// An external server may still be starting (services come up in any
	// order): wait for it rather than exit.
	for wait, deadline := 250*time.Millisecond, time.Now().Add(natsStartupWait); err != nil && c.NATS.URL != "" &&
		errors.Is(err, nats.ErrNoServers) && time.Now().Before(deadline); wait = min(2*wait, 5*time.Second) {
		log.Warn("NATS not reachable yet, retrying", "url", c.NATS.URL, "in", wait, "err", err)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
		nc, err = bus.Connect(c.NATS.URL, n.srv, name)
	}
	if err != nil {
		if n.srv != nil {
			n.srv.Shutdown()
		}
		return nil, err
	}
	n.nc = nc
	if n.js, err = jetstream.New(nc); err == nil {
		setupCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err = bus.Setup(setupCtx, n.js, c.NATS.Replicas)
		cancel()
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
	log := g.logger()
	node, err := connectNATS(ctx, c, log, "modelwire-run")
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
	pacer := pipeline.NewBacklog(node.js, event.StreamPages, bus.ConsumerExtractor, maxPagesBacklog)
	render, stopBrowser := newRenderer(c, reg, log)
	defer stopBrowser()
	cr, leases, err := newCrawler(ctx, c, node, pub, reg, log, append(render, crawler.WithPacer(pacer))...)
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
		Sources:   c.Sources,
		Logger:    log,
	}
	users := c
	if once {
		users.HTTP.Addr = new(string) // --once serves no HTTP; webhooks still get their events
	}
	all.Extra = usersSide(users, node.js, store, reg, log)
	if leases != nil {
		all.Extra = append(all.Extra, leases)
	}
	if len(c.Sources) == 0 {
		log.Warn("no sources configured; nothing will be crawled (see configs/modelwire.yaml)")
	}
	if !once {
		all.Extra = append(all.Extra, g.reloader(log, []string{catalogPath()}, func(ctx context.Context, c config.Config) {
			reloadExtractor(ctx, c)
			sendSources(ctx, updates, c.Sources)
		}))
		log.Info("modelwire running; press Ctrl-C to stop", "sources", len(c.Sources), "data", c.DataDir)
		err := runProcess(ctx, log, f.shutdown, all.Run)
		log.Info("stopped")
		return err
	}
	var sum pipeline.Summary
	err = runProcess(ctx, log, f.shutdown, func(ctx context.Context) error {
		var err error
		sum, err = all.RunOnce(ctx)
		return err
	})
	log.Info("run complete", "pages", sum.Pages, "extracted", sum.Extracted, "no_article", sum.Skipped,
		"indexed", sum.Indexed, "release_events", sum.Releases, "unchanged", sum.Stale, "failed", sum.Failed, "duration", sum.Duration.Round(time.Millisecond))
	return err
}
