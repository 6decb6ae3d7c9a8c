package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/spf13/cobra"
	"golang.org/x/sync/errgroup"

	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/api"
	"github.com/modelwire/modelwire/internal/config"
	"github.com/modelwire/modelwire/internal/pipeline"
)

func newServeCmd(g *globals) *cobra.Command {
	var addr string
	cmd := &cobra.Command{
		Use:   "serve [--config FILE] [--data DIR] [--addr HOST:PORT]",
		Short: "Serve the HTTP API, the live release stream, the search page and webhooks",
		Long: `Serve answers on http.addr (default 127.0.0.1:8080):

  GET /                        the search page, with a live "latest releases" panel
  GET /api/search?q=&vendor=&model=&lang=&since=&until=&limit=&offset=
  GET /api/releases?vendor=&model=&since=&limit=
  GET /api/releases/stream     Server-Sent Events, one per release event;
                               ?since=all|DURATION replays, Last-Event-ID resumes
  GET /healthz, /readyz, /metrics

and delivers release events to the configured notify.webhooks.

modelwire run already serves all of this in the same process, sharing its
store. serve on its own is for Elasticsearch, or for a data directory that no
running modelwire run holds: the embedded index has a single writer.`,
		Example: `  modelwire serve --config configs/modelwire.yaml
  modelwire serve --data /tmp/mw --addr 127.0.0.1:9090`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := g.loadConfig()
			if err != nil {
				return err
			}
			if cmd.Flags().Changed("addr") {
				c.HTTP.Addr = &addr
			}
			if *c.HTTP.Addr == "" {
				return errors.New("http.addr is empty: nothing to serve (set it, or pass --addr)")
			}
			return serve(cmd.Context(), g, c)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "", "listen address (overrides http.addr)")
	return cmd
}

func serve(ctx context.Context, g *globals, c config.Config) error {
	log := g.logger()
	// The index first: when a running modelwire holds it, say so before
	// touching NATS.
	store, err := openSearcher(ctx, c)
	if errors.Is(err, indexer.ErrInUse) {
		return fmt.Errorf("%w: a running modelwire run holds the index in %s and already serves http.addr; "+
			"serve on its own is for Elasticsearch or a data directory no run holds", err, c.DataDir)
	}
	if err != nil {
		return err
	}
	defer store.Close()
	node, err := connectNATS(ctx, c, log, "modelwire-serve")
	if err != nil {
		return err
	}
	defer node.Close()
	g2, gctx := errgroup.WithContext(ctx)
	for _, f := range usersSide(c, node.js, store, log) {
		g2.Go(func() error { return f(gctx) })
	}
	return g2.Wait()
}

// usersSide builds what faces users: the HTTP server on http.addr (unless
// empty) and one notifier per configured webhook, each a func that runs
// until ctx ends. They share one Prometheus registry, served on /metrics.
func usersSide(c config.Config, js jetstream.JetStream, store api.Store, log *slog.Logger) []func(context.Context) error {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	var out []func(context.Context) error
	if addr := *c.HTTP.Addr; addr != "" {
		srv := api.New(api.Options{
			Store:       store,
			JS:          js,
			CORSOrigins: c.HTTP.CORSOrigins,
			Registerer:  reg,
			Gatherer:    reg,
			Logger:      log,
		})
		out = append(out, func(ctx context.Context) error { return srv.ListenAndServe(ctx, addr) })
	}
	for _, w := range c.Notify.Webhooks {
		n := pipeline.NewWebhookNotifier(js, pipeline.Webhook{
			URL: w.URL, Vendors: w.Vendors, Models: w.Models, Secret: w.Secret,
			MaxAttempts: w.MaxAttempts, Timeout: w.Timeout,
		}, pipeline.WebhookOptions{Registerer: reg, Logger: log})
		log.Info("webhook configured", "webhook", n.Name(), "vendors", w.Vendors, "models", w.Models, "signed", w.Secret != "")
		out = append(out, n.Run)
	}
	return out
}
