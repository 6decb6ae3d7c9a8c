package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/spf13/cobra"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/bus"
	"github.com/modelwire/modelwire/internal/config"
	"github.com/modelwire/modelwire/internal/console"
)

// natsURLFile is where `modelwire run` writes its embedded NATS server's
// client URL, for `modelwire watch --data DIR` to find.
func natsURLFile(dataDir string) string { return filepath.Join(dataDir, "nats.url") }

func newWatchCmd(g *globals) *cobra.Command {
	var (
		natsURL         string
		vendors, models []string
		since           string
		asJSON          bool
		count           int
	)
	cmd := &cobra.Command{
		Use:   "watch [--nats URL | --data DIR] [--vendor V]... [--model M]... [--since all|DURATION|DATE] [--json]",
		Short: "Print release events as they are published",
		Long: `Watch subscribes to the release events on mw.releases.<vendor>.<model> and
prints one line per event (a new release, or a later article corroborating
it), or JSON Lines with --json. By default only new events are shown; --since
all replays the whole stream first, --since 2h the last two hours.

It connects to --nats, else nats.url (MODELWIRE_NATS_URL), else the embedded
server of a modelwire run using DATA (which writes its address to DATA/nats.url
when nats.listen is set). Plain NATS works too:

  nats sub 'mw.releases.deepseek.>'`,
		Example: `  modelwire watch --data /tmp/mw --since all
  modelwire watch --nats nats://127.0.0.1:4222 --vendor deepseek --vendor qwen --json
  modelwire watch --model Kimi-K2 --since 24h`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := g.loadConfig()
			if err != nil {
				return err
			}
			start, err := bus.ParseReleaseStart(since, time.Now())
			if err != nil {
				return fmt.Errorf("--since: %w", err)
			}
			if count < 0 {
				return errors.New("--count must not be negative")
			}
			url, err := watchURL(natsURL, c.NATS.URL, c.DataDir)
			if err != nil {
				return err
			}
			auth, err := natsAuth(withURL(c, url))
			if err != nil {
				return err
			}
			opts, err := auth.Options()
			if err != nil {
				return err
			}
			nc, err := bus.Connect(url, nil, "modelwire-watch", opts...)
			if err != nil {
				return err
			}
			defer nc.Close()
			js, err := jetstream.New(nc)
			if err != nil {
				return fmt.Errorf("jetstream: %w", err)
			}
			vendors, models, err := canonicalFilters(vendors, models)
			if err != nil {
				return err
			}
			return watch(cmd.Context(), js, bus.ReleaseFilter(vendors, models), start, g.stdout, asJSON, count)
		},
	}
	f := cmd.Flags()
	f.StringVar(&natsURL, "nats", "", "NATS server URL (default: nats.url, else DATA/nats.url of a running modelwire run)")
	f.StringSliceVar(&vendors, "vendor", nil, "only this vendor id (repeatable)")
	f.StringSliceVar(&models, "model", nil, "only this model (repeatable)")
	f.StringVar(&since, "since", "", `replay from: "all", a duration back (2h) or a date; default: new events only`)
	f.BoolVar(&asJSON, "json", false, "print JSON Lines: one release event per line")
	f.IntVarP(&count, "count", "n", 0, "exit after this many events (0: run until interrupted)")
	return cmd
}

// watchURL picks the NATS server to watch: the flag, the configuration,
// or the URL a running `modelwire run` left in the data directory.
func watchURL(flag, configured, dataDir string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if configured != "" {
		return configured, nil
	}
	b, err := os.ReadFile(natsURLFile(dataDir))
	if errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("no NATS server to watch: pass --nats URL, set nats.url (MODELWIRE_NATS_URL), "+
			"or start `modelwire run` with nats.listen set on data directory %s (it writes %s)", dataDir, natsURLFile(dataDir))
	}
	if err != nil {
		return "", fmt.Errorf("reading the NATS address: %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}

// watch prints release events until ctx ends or count events were printed.
func watch(ctx context.Context, js jetstream.JetStream, filter []string, start bus.ReleaseStart, out io.Writer, asJSON bool, count int) error {
	n := 0
	_, err := bus.FollowReleases(ctx, js, filter, start, func(seq uint64, ev event.ReleaseEvent) error {
		var line []byte
		if asJSON {
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			enc.Encode(ev) // a decoded event always encodes
			line = b.Bytes()
		} else {
			line = []byte(eventLine(ev) + "\n")
		}
		if _, err := console.JSONTerminal(out).Write(line); err != nil {
			return fmt.Errorf("writing: %w", err)
		}
		if n++; count > 0 && n >= count {
			return bus.ErrStopFollowing
		}
		return nil
	})
	return err
}

// eventLine is the readable form of a release event: when, kind, vendor
// and model, the article's title and URL, how many sources report it.
func eventLine(ev event.ReleaseEvent) string {
	when := ev.FirstSeen
	if when.IsZero() {
		when = ev.PublishedAt
	}
	sources := fmt.Sprintf("%d sources", len(ev.Sources))
	if len(ev.Sources) == 1 {
		sources = "1 source"
	}
	title := ""
	if ev.Title != "" {
		title = fmt.Sprintf(" %q", console.Clip(ev.Title, 80))
	}
	role := ""
	if ev.Role != "" {
		role = " [" + ev.Role + "]" // announced, or released alongside the announced model
	}
	return console.Printable(fmt.Sprintf("%s  %-13s %s/%s%s%s  %s  (%s)", when.UTC().Format("2006-01-02 15:04Z"), ev.Kind, ev.Vendor, ev.Model, role, title, ev.ArticleURL, sources))
}

// withURL returns c connecting to url.
func withURL(c config.Config, url string) config.Config {
	c.NATS.URL = url
	return c
}
