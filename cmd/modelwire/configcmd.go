package main

import (
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/crawler/chromium"
	"github.com/modelwire/modelwire/internal/bus"
	"github.com/modelwire/modelwire/internal/config"
	"github.com/modelwire/modelwire/internal/console"
	"github.com/modelwire/modelwire/internal/redact"
)

func newConfigCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Inspect the configuration",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "check [--config FILE]",
		Short: "Validate a configuration and print what it resolves to",
		Long: `Check decodes the configuration strictly, applies the environment
(MODELWIRE_*) and the defaults, checks the result — everything that would
fail later, an Elasticsearch address from MODELWIRE_ES_URL or an index prefix
Elasticsearch refuses included — and prints it: message bus, search store,
HTTP, the Go runtime's memory settings, webhooks, and every source with its
schedule and next run. It exits 1 and lists every problem when the
configuration is invalid, or when sources render their pages (render:
chromium or auto) and no Chromium is installed.`,
		Example: `  modelwire config check --config configs/modelwire.yaml`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := g.loadConfig()
			if err != nil {
				fmt.Fprintf(g.stderr, "modelwire: invalid configuration:\n  %s\n", strings.ReplaceAll(err.Error(), "\n", "\n  "))
				return errSilent
			}
			printConfig(g, c, time.Now())
			if names := renderingSources(c); len(names) > 0 {
				path, err := chromium.Find(c.Crawler.Chromium.Path)
				if err != nil {
					fmt.Fprintf(g.stderr, "modelwire: sources %s render their pages, and no browser is available:\n  %v\n", strings.Join(names, ", "), err)
					return errSilent
				}
				fmt.Fprintf(g.stdout, "\nchromium:      %s (renders %s)\n", path, strings.Join(names, ", "))
			}
			return nil
		},
	})
	return cmd
}

func printConfig(g *globals, c config.Config, now time.Time) {
	w := g.stdout
	file := g.configFile
	if file == "" {
		file = "(none: built-in defaults)"
	}
	fmt.Fprintf(w, "config:        %s\n", file)
	fmt.Fprintf(w, "data dir:      %s\n", c.DataDir)
	switch {
	case c.NATS.URL != "":
		auth := "no credentials"
		if a, err := natsAuth(c); err == nil && !a.IsZero() {
			auth = a.Kind()
		}
		fmt.Fprintf(w, "nats:          external %s (%s; stream replicas %d)\n", redact.Text(c.NATS.URL), auth, c.NATS.Replicas)
	case *c.NATS.Listen != "":
		fmt.Fprintf(w, "nats:          embedded, store %s/nats, listening on %s (user %s, password in %s)\n",
			c.DataDir, *c.NATS.Listen, bus.EmbeddedUser, bus.PasswordFile(c.DataDir))
	default:
		fmt.Fprintf(w, "nats:          embedded, store %s/nats, in-process only\n", c.DataDir)
	}
	if len(c.Elasticsearch.Addresses) > 0 {
		auth := "no auth"
		switch {
		case c.Elasticsearch.APIKey != "":
			auth = "api key"
		case c.Elasticsearch.Username != "":
			auth = "user " + c.Elasticsearch.Username
		}
		fmt.Fprintf(w, "search store:  elasticsearch %s (%s; aliases %s-articles, %s-releases)\n", redact.Text(strings.Join(c.Elasticsearch.Addresses, ", ")), auth,
			c.Elasticsearch.IndexPrefix, c.Elasticsearch.IndexPrefix)
	} else {
		fmt.Fprintf(w, "search store:  embedded index in %s/index\n", c.DataDir)
	}
	if *c.HTTP.Addr != "" {
		fmt.Fprintf(w, "http:          %s\n", *c.HTTP.Addr)
	} else {
		fmt.Fprintf(w, "http:          disabled\n")
	}
	fmt.Fprintf(w, "user agent:    %s\n", c.Crawler.UserAgent)
	fmt.Fprintf(w, "go runtime:    %s\n", runtimeSettings(c.Runtime))
	fmt.Fprintf(w, "webhooks:      %d\n", len(c.Notify.Webhooks))
	for _, h := range c.Notify.Webhooks {
		// The path of a webhook URL is often its secret (chat services
		// put the token there): only scheme and host are shown.
		fmt.Fprintf(w, "  - %s %s (format %s, vendors %v, models %v, signed %v)\n", bus.WebhookConsumerName(h.URL), redact.Endpoint(h.URL), h.Format, h.Vendors, h.Models, h.Secret != "")
	}
	fmt.Fprintf(w, "sources:       %d\n\n", len(c.Sources))
	if len(c.Sources) == 0 {
		return
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tFEEDS\tSITEMAPS\tSTART\tHUB ORGS\tDEPTH\tRENDER\tDELAY\tPARALLEL\tMAX PAGES\tSCHEDULE\tNEXT RUN")
	for _, s := range c.Sources {
		next := "-"
		if sched, err := crawler.ParseSchedule(s.Schedule); err == nil {
			next = sched.Next(now).Format("2006-01-02 15:04:05")
		}
		hub, render := 0, s.Render
		if s.HuggingFace != nil {
			hub = len(s.HuggingFace.Authors)
		}
		if render == "" {
			render = "-"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t%d\t%d\t%s\t%s\n", console.Printable(s.Name), len(s.Feeds), len(s.Sitemaps), len(s.StartURLs), hub,
			s.MaxDepth, render, *s.Delay, s.Parallelism, s.MaxPages, s.Schedule, next)
	}
	tw.Flush()
}
