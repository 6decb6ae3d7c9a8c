package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/spf13/cobra"

	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/api"
	"github.com/modelwire/modelwire/internal/config"
	"github.com/modelwire/modelwire/internal/webhook"
)

func newServeCmd(g *globals) *cobra.Command {
	var (
		addr string
		f    procFlags
	)
	cmd := &cobra.Command{
		Use:   "serve [--config FILE] [--data DIR] [--http-addr HOST:PORT]",
		Short: "Serve the HTTP API, the live release stream, the search page and webhooks",
		Long: `Serve answers on http.addr (default 127.0.0.1:8080):

  GET /                        the search page: a release timeline (?every=week|month
                               &from=&to= zoom it), results, a live "latest releases" panel
  GET /model/<id>              a model's page: announcement, sources, claims, variants
  GET /api/search?q=&vendor=&model=&lang=&since=&until=&limit=&offset=
  GET /api/releases?vendor=&model=&since=&limit=
  GET /api/models/<id>         a model's page as JSON
  GET /api/releases/stream     Server-Sent Events, one per release event;
                               ?since=all|DURATION replays, Last-Event-ID resumes
  GET /feeds/releases.atom     Atom feed of releases (.json: JSON Feed); ?vendor=&model=&limit=
  GET /feeds/search.atom       Atom feed of a search (.json: JSON Feed); ?q=&vendor=&model=&lang=&limit=
  GET /healthz, /readyz, /metrics

and delivers release events to the configured notify.webhooks (as JSON, or
as Slack, Discord, Teams or Mattermost messages).

modelwire run already serves all of this in the same process, sharing its
store. serve on its own is for Elasticsearch, or for a data directory that no
running modelwire run holds: the embedded index has a single writer. Any
number of serve replicas may answer for one Elasticsearch cluster.`,
		Example: `  modelwire serve --config configs/modelwire.yaml
  modelwire serve --data /tmp/mw --http-addr 127.0.0.1:9090`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := g.loadConfig()
			if err != nil {
				return err
			}
			if cmd.Flags().Changed("addr") {
				c.HTTP.Addr = &addr
			}
			if err := f.apply(cmd, &c); err != nil {
				return err
			}
			if *c.HTTP.Addr == "" {
				return errors.New("http.addr is empty: nothing to serve (set it, or pass --http-addr)")
			}
			return serve(cmd.Context(), g, c, f)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "", "listen address (overrides http.addr; same as --http-addr)")
	f.add(cmd)
	return cmd
}

func serve(ctx context.Context, g *globals, c config.Config, f procFlags) error {
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
	node, err := connectNATS(ctx, c, log, "modelwire-serve", false)
	if err != nil {
		return err
	}
	defer node.Close()
	return runProcess(ctx, log, f.shutdown, usersSide(c, node.js, store, newNames(log), newRegistry(), log)...)
}

// usersSide builds what faces users: the HTTP server on http.addr (unless
// empty) and one notifier per configured webhook, each a func that runs
// until ctx ends; live (nil: none) resolves their filters. Their metrics
// go to reg, which /metrics serves.
func usersSide(c config.Config, js jetstream.JetStream, store api.Store, live *liveNames, reg *prometheus.Registry, log *slog.Logger) []func(context.Context) error {
	var out []func(context.Context) error
	var names api.Names // a nil *liveNames must not become a non-nil interface
	if live != nil {
		names = live
	}
	if addr := *c.HTTP.Addr; addr != "" {
		srv := api.New(api.Options{
			Store:        store,
			Names:        names,
			JS:           js,
			CORSOrigins:  c.HTTP.CORSOrigins,
			AllowedHosts: allowedHosts(c, addr),
			Registerer:   reg,
			Gatherer:     reg,
			Logger:       log,
		})
		out = append(out, func(ctx context.Context) error { return srv.ListenAndServe(ctx, addr) })
	}
	for _, w := range c.Notify.Webhooks {
		vendors, models := w.Vendors, w.Models
		if names != nil {
			vendors, models = canonicalNames(names, vendors, models)
		}
		hook := w.WebhookConfig()
		hook.Vendors, hook.Models = vendors, models
		n := webhook.New(js, hook, webhook.Options{Registerer: reg, Logger: log})
		log.Info("webhook configured", "webhook", n.Name(), "format", w.Format, "vendors", vendors, "models", models, "signed", w.Secret != "")
		out = append(out, n.Run)
	}
	return out
}
