package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/spf13/cobra"
	"golang.org/x/sync/errgroup"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/config"
	"github.com/modelwire/modelwire/internal/crawlstate"
	"github.com/modelwire/modelwire/internal/probe"
	"github.com/modelwire/modelwire/internal/reload"
)

// defaultShutdownTimeout bounds a stopping process.
const defaultShutdownTimeout = 30 * time.Second

// procFlags are the flags every long-running command has.
type procFlags struct {
	httpAddr string
	shutdown time.Duration
}

func (f *procFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.httpAddr, "http-addr", "", `listen address of /healthz, /readyz and /metrics (overrides http.addr; "" disables)`)
	cmd.Flags().DurationVar(&f.shutdown, "shutdown-timeout", defaultShutdownTimeout,
		"on SIGTERM, how long in-flight work may take before the process exits anyway (unfinished messages are redelivered)")
}

// apply puts the flags into c and checks the result.
func (f *procFlags) apply(cmd *cobra.Command, c *config.Config) error {
	if !cmd.Flags().Changed("http-addr") {
		return nil
	}
	c.HTTP.Addr = &f.httpAddr
	if err := c.Validate(); err != nil {
		return fmt.Errorf("--http-addr: %w", err)
	}
	return nil
}

// grace is how long a stage's in-flight work may go on after the stop:
// most of the shutdown timeout, leaving time to flush and close.
func (f *procFlags) grace() time.Duration {
	return max(f.shutdown*2/3, time.Second)
}

// newRegistry returns a Prometheus registry with the Go and process
// collectors.
func newRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return reg
}

// runProcess runs every f until ctx ends or one fails, then waits for the
// rest at most timeout: past it, it returns an error and the process exits
// with the work still in flight, which JetStream redelivers.
func runProcess(ctx context.Context, log *slog.Logger, timeout time.Duration, fs ...func(context.Context) error) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, f := range fs {
		g.Go(func() error { return f(gctx) })
	}
	done := make(chan error, 1)
	go func() { done <- g.Wait() }()
	select {
	case err := <-done:
		return err
	case <-gctx.Done():
	}
	if ctx.Err() != nil {
		log.Info("stopping: finishing in-flight work", "deadline", timeout)
	}
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case err := <-done:
		return err
	case <-t.C:
		return fmt.Errorf("stopping took longer than %s; exiting with work in flight (JetStream redelivers it)", timeout)
	}
}

// probes returns the probe server on http.addr as a func to run, or nil
// when http.addr is empty.
func probes(c config.Config, reg *prometheus.Registry, checks map[string]probe.Check, log *slog.Logger) func(context.Context) error {
	addr := *c.HTTP.Addr
	if addr == "" {
		return nil
	}
	srv := probe.New(probe.Options{Checks: checks, Gatherer: reg, AllowedHosts: allowedHosts(c, addr), Logger: log})
	return func(ctx context.Context) error { return srv.ListenAndServe(ctx, addr) }
}

// allowedHosts returns the host names the HTTP side on addr answers:
// http.allowed_hosts, else the listen address's name and localhost.
func allowedHosts(c config.Config, addr string) []string {
	if len(c.HTTP.AllowedHosts) > 0 {
		return c.HTTP.AllowedHosts
	}
	return probe.DefaultAllowedHosts(addr)
}

// natsCheck is ready while the connection is up and JetStream answers.
func natsCheck(node *natsNode) probe.Check {
	return func(ctx context.Context) error {
		if !node.nc.IsConnected() {
			return fmt.Errorf("nats: %s", node.nc.Status())
		}
		if _, err := node.js.Stream(ctx, event.StreamPages); err != nil {
			return fmt.Errorf("jetstream: %w", err)
		}
		return nil
	}
}

// storeCheck is ready while the search store answers a query.
func storeCheck(s searcher) probe.Check {
	return func(ctx context.Context) error {
		_, err := s.Search(ctx, indexer.Query{Limit: 1})
		return err
	}
}

// reloader runs until ctx ends, calling apply with a freshly loaded
// configuration on SIGHUP or when the config file or one of extra (files
// or directories) changes. A configuration that does not load is logged
// and the running one kept.
func (g *globals) reloader(log *slog.Logger, extra []string, apply func(ctx context.Context, c config.Config)) func(context.Context) error {
	var paths []string
	if g.configFile != "" {
		paths = append(paths, g.configFile)
	}
	for _, p := range extra {
		if p != "" {
			paths = append(paths, p)
		}
	}
	return func(ctx context.Context) error {
		hup := make(chan os.Signal, 1)
		signal.Notify(hup, syscall.SIGHUP)
		defer signal.Stop(hup)
		return reload.Run(ctx, reload.Options{Paths: paths, Signals: hup, Logger: log}, func(ctx context.Context, why string) {
			c, err := g.loadConfig()
			if err != nil {
				log.Error("reload refused: the configuration does not load; keeping the running one", "why", why, "err", err)
				return
			}
			log.Info("reloading", "why", why)
			apply(ctx, c)
		})
	}
}

// catalogPath is the catalog directory the extractor reads when
// MODELWIRE_CATALOG names one: a change there reloads it.
func catalogPath() string { return os.Getenv("MODELWIRE_CATALOG") }

// sendSources hands a reloaded source list to a running crawler.
func sendSources(ctx context.Context, updates chan<- []crawler.Source, sources []crawler.Source) {
	select {
	case updates <- sources:
	case <-ctx.Done():
	}
}

// leaseOwner names this crawler in the host lease bucket: host name and
// pid say who it is, the random part keeps two crawlers apart that share
// both (containers all run as pid 1).
func leaseOwner() string {
	host, err := os.Hostname()
	if err != nil {
		host = "crawler"
	}
	b := make([]byte, 3)
	rand.Read(b)
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
}

// newCrawler builds the crawler of a process: publishing to MW_PAGES,
// remembering fetches in mw_seen, exporting pass metrics on reg, and —
// when several processes may crawl (an external NATS) — taking turns on
// hosts through leases in mw_hosts. The returned func, if not nil, keeps
// the leases and must run beside the crawler.
// newCrawler builds the crawler, observed by metrics (registered on reg),
// and the func keeping its host leases when NATS is external.
func newCrawler(ctx context.Context, c config.Config, node *natsNode, pub crawler.Publisher, reg prometheus.Registerer, metrics *crawlstate.Metrics, log *slog.Logger, extra ...crawler.Option) (*crawler.Crawler, func(context.Context) error, error) {
	seen, err := crawlstate.NewSeenStore(ctx, node.js)
	if err != nil {
		return nil, nil, err
	}
	if reg != nil {
		reg.MustRegister(metrics)
	}
	opts := []crawler.Option{crawler.WithLogger(log.With("stage", "crawler")), crawler.WithSeen(seen), crawler.WithObserver(metrics)}
	var keep func(context.Context) error
	if c.NATS.URL != "" {
		leases, err := crawlstate.NewHostLeases(ctx, node.js, crawlstate.LeaseOptions{Owner: leaseOwner(), Registerer: reg, Logger: log})
		if err != nil {
			return nil, nil, err
		}
		opts = append(opts, crawler.WithHostLeases(leases))
		keep = leases.Run
	}
	return crawler.New(c.CrawlerConfig(), pub, append(opts, extra...)...), keep, nil
}

// stageRunE runs a stage command: the configuration with f's flags
// applied, an external NATS required, then run.
func stageRunE(g *globals, f *procFlags, stage string, run func(context.Context, config.Config) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, _ []string) error {
		c, err := g.loadConfig()
		if err != nil {
			return err
		}
		if err := f.apply(cmd, &c); err != nil {
			return err
		}
		if err := needExternalNATS(c, stage); err != nil {
			return err
		}
		return run(cmd.Context(), c)
	}
}

// needExternalNATS refuses to run a single stage on an embedded NATS
// server nobody else can reach.
func needExternalNATS(c config.Config, stage string) error {
	if c.NATS.URL != "" {
		return nil
	}
	return errors.New(stage + " runs one stage and needs a NATS server with JetStream shared with the other stages: " +
		"set nats.url or MODELWIRE_NATS_URL (or use `modelwire run` for every stage in one process)")
}
