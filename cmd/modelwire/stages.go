package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/spf13/cobra"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/extractor"
	"github.com/modelwire/modelwire/internal/announce"
	"github.com/modelwire/modelwire/internal/bus"
	"github.com/modelwire/modelwire/internal/config"
	"github.com/modelwire/modelwire/internal/crawlstate"
	"github.com/modelwire/modelwire/internal/pipeline"
	"github.com/modelwire/modelwire/internal/probe"
)

// stageLong is the part of every stage command's help about scaling.
const stageLong = `
It needs a NATS server with JetStream shared with the other stages (nats.url
or MODELWIRE_NATS_URL; a cluster with nats.replicas: 3 in production). Run any
number of replicas: they share the work through JetStream, and the KV buckets
keep deduplication and release events right across them.

It serves /healthz, /readyz and /metrics (Prometheus) on http.addr, or on
--http-addr; give each process on one host its own. SIGTERM stops it cleanly
within --shutdown-timeout. SIGHUP, or a change of the config file, reloads.`

func newCrawlerCmd(g *globals) *cobra.Command {
	var (
		f    procFlags
		once bool
	)
	cmd := &cobra.Command{
		Use:   "crawler [--config FILE] [--http-addr HOST:PORT] [--once]",
		Short: "Run the crawler stage: fetch sources on their schedules into MW_PAGES",
		Long: `Crawler crawls every configured source on its schedule and publishes new and
changed pages to the MW_PAGES stream. Replicas share what was fetched (the
mw_seen bucket) and take turns on each host through leases in the mw_hosts
bucket, so a source's delay and parallelism hold for the whole cluster; a
killed replica's hosts pass to another within 30s. A reload picks up added,
changed and removed sources without stopping the others.
` + stageLong,
		Example: `  MODELWIRE_NATS_URL=nats://nats1:4222,nats://nats2:4222 modelwire crawler --config modelwire.yaml --http-addr :9101
  modelwire crawler --once --config modelwire.yaml   # one pass over every source, then exit`,
		Args: cobra.NoArgs,
		RunE: stageRunE(g, &f, "crawler", func(ctx context.Context, c config.Config) error {
			return runCrawler(ctx, g, c, f, once)
		}),
	}
	f.add(cmd)
	cmd.Flags().BoolVar(&once, "once", false, "crawl every source once and exit")
	return cmd
}

func runCrawler(ctx context.Context, g *globals, c config.Config, f procFlags, once bool) error {
	log := g.logger().With("process", "crawler")
	node, err := connectNATS(ctx, c, log, "modelwire-crawler", false)
	if err != nil {
		return err
	}
	defer node.Close()
	reg := newRegistry()
	reg.MustRegister(bus.NewCollector(node.js))
	pub := pipeline.NewPagePublisher(node.js, node.nc.MaxPayload())
	render, stopBrowser := newRenderer(c, reg, log)
	defer stopBrowser()
	archived, closeArchive, err := openArchive(c, reg, log)
	if err != nil {
		return err
	}
	defer closeArchive()
	cr, leases, err := newCrawler(ctx, c, node, pub, reg, crawlstate.NewMetrics(), log, append(render, archived...)...)
	if err != nil {
		return err
	}
	if len(c.Sources) == 0 {
		log.Warn("no sources configured; nothing will be crawled until a reload adds some")
	}
	runs := []func(context.Context) error{leases}
	if serve := probes(c, reg, map[string]probe.Check{"nats": natsCheck(node)}, log); serve != nil {
		runs = append(runs, serve)
	}
	if once {
		stop, cancel := context.WithCancel(ctx)
		defer cancel()
		var crawlErr error
		runs = append(runs, func(context.Context) error {
			defer cancel() // the crawl is over: stop the leases and probes
			_, crawlErr = cr.Once(ctx, c.CrawlerSources())
			return nil
		})
		if err := runProcess(stop, log, f.shutdown, compact(runs)...); err != nil {
			return err
		}
		return crawlErr
	}
	updates := make(chan []crawler.Source)
	runs = append(runs,
		func(ctx context.Context) error { return cr.RunUpdates(ctx, c.CrawlerSources(), updates) },
		g.reloader(log, nil, func(ctx context.Context, c config.Config) { sendSources(ctx, updates, c.CrawlerSources()) }),
	)
	log.Info("crawler running", "sources", len(c.Sources), "nats", c.NATS.URL)
	err = runProcess(ctx, log, f.shutdown, compact(runs)...)
	log.Info("stopped")
	return err
}

func newExtractorCmd(g *globals) *cobra.Command {
	var f procFlags
	cmd := &cobra.Command{
		Use:   "extractor [--config FILE] [--http-addr HOST:PORT]",
		Short: "Run the extractor stage: pages from MW_PAGES into articles and release events",
		Long: `Extractor consumes MW_PAGES with the durable pull consumer "extractor", turns each
page into an article on MW_ARTICLES and announces the releases it reports on
MW_RELEASES — once across all replicas (the mw_releases bucket). Pages that
can never be extracted go to MW_DLQ with the reason. A reload rebuilds the
extractor with the current catalog (MODELWIRE_CATALOG, if set, is watched).
` + stageLong,
		Example: `  modelwire extractor --config modelwire.yaml --http-addr :9102`,
		Args:    cobra.NoArgs,
		RunE: stageRunE(g, &f, "extractor", func(ctx context.Context, c config.Config) error {
			return runExtractor(ctx, g, c, f)
		}),
	}
	f.add(cmd)
	return cmd
}

// newExtractStage builds the extract stage with its announcer, metrics on
// reg, and a reload that rebuilds the extractor.
func newExtractStage(ctx context.Context, g *globals, node *natsNode, reg prometheus.Registerer, grace time.Duration, log *slog.Logger) (*pipeline.ExtractStage, func(context.Context, config.Config), error) {
	x, err := newExtractor(g)
	if err != nil {
		return nil, nil, err
	}
	announcer, err := announce.NewReleaseAnnouncer(ctx, node.js, minReleaseConfidence, log)
	if err != nil {
		return nil, nil, err
	}
	announcer.RegisterMetrics(reg)
	stage := pipeline.NewExtractStage(node.js, x, pipeline.ExtractOptions{
		NoContent: extractor.ErrNoContent, Announcer: announcer, Registerer: reg, Grace: grace, Logger: log,
	})
	reload := func(context.Context, config.Config) {
		x, err := newExtractor(g)
		if err != nil {
			log.Error("reloading the extractor failed; keeping the running one", "err", err)
			return
		}
		stage.SetExtractor(x)
		log.Info("extractor reloaded")
	}
	return stage, reload, nil
}

func runExtractor(ctx context.Context, g *globals, c config.Config, f procFlags) error {
	log := g.logger().With("process", "extractor")
	node, err := connectNATS(ctx, c, log, "modelwire-extractor", true)
	if err != nil {
		return err
	}
	defer node.Close()
	reg := newRegistry()
	reg.MustRegister(bus.NewCollector(node.js, bus.ConsumerRef{Stream: event.StreamPages, Consumer: bus.ConsumerExtractor}))
	stage, reloadExtractor, err := newExtractStage(ctx, g, node, reg, f.grace(), log)
	if err != nil {
		return err
	}
	runs := []func(context.Context) error{
		stage.Run,
		probes(c, reg, map[string]probe.Check{"nats": natsCheck(node)}, log),
		g.reloader(log, []string{catalogPath()}, reloadExtractor),
	}
	log.Info("extractor running", "nats", c.NATS.URL)
	err = runProcess(ctx, log, f.shutdown, compact(runs)...)
	extracted, skipped, failed := stage.Counts()
	log.Info("stopped", "extracted", extracted, "no_article", skipped, "failed", failed)
	return err
}

func newIndexerCmd(g *globals) *cobra.Command {
	var f procFlags
	cmd := &cobra.Command{
		Use:   "indexer [--config FILE] [--http-addr HOST:PORT]",
		Short: "Run the indexer stage: articles and release events into the search store",
		Long: `Indexer consumes MW_ARTICLES (durable consumer "indexer") and MW_RELEASES
("indexer-releases") and writes them into Elasticsearch in bulk — each
message acknowledged only once its own item is stored, so an outage loses
nothing — or into the embedded index, which has a single writer: run one
indexer then. On SIGTERM the batch in flight is finished and the bulk
indexer flushed before the process exits.
` + stageLong,
		Example: `  MODELWIRE_ES_URL=http://es1:9200,http://es2:9200 modelwire indexer --config modelwire.yaml --http-addr :9103`,
		Args:    cobra.NoArgs,
		RunE: stageRunE(g, &f, "indexer", func(ctx context.Context, c config.Config) error {
			return runIndexer(ctx, g, c, f)
		}),
	}
	f.add(cmd)
	return cmd
}

func runIndexer(ctx context.Context, g *globals, c config.Config, f procFlags) error {
	log := g.logger().With("process", "indexer")
	node, err := connectNATS(ctx, c, log, "modelwire-indexer", false)
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
		bus.ConsumerRef{Stream: event.StreamArticles, Consumer: bus.ConsumerIndexer},
		bus.ConsumerRef{Stream: event.StreamReleases, Consumer: bus.ConsumerReleases}))
	opts := pipeline.IndexOptions{Registerer: reg, Grace: f.grace(), Logger: log}
	articles := pipeline.NewIndexStage(node.js, store, opts)
	releases := pipeline.NewReleaseIndexStage(node.js, store, opts)
	runs := []func(context.Context) error{
		articles.Run,
		releases.Run,
		probes(c, reg, map[string]probe.Check{"nats": natsCheck(node), "store": storeCheck(store)}, log),
	}
	log.Info("indexer running", "nats", c.NATS.URL, "store", storeName(c))
	err = runProcess(ctx, log, f.shutdown, compact(runs)...)
	indexed, stale, failed := articles.Counts()
	log.Info("stopped", "indexed", indexed, "stale", stale, "failed", failed, "releases", releases.Indexed())
	return err
}

// storeName says which search store c selects.
func storeName(c config.Config) string {
	if len(c.Elasticsearch.Addresses) > 0 {
		return "elasticsearch"
	}
	return "embedded"
}

// compact drops the nil funcs.
func compact(fs []func(context.Context) error) []func(context.Context) error {
	out := fs[:0:0]
	for _, f := range fs {
		if f != nil {
			out = append(out, f)
		}
	}
	return out
}
