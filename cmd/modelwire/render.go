package main

import (
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/crawler/chromium"
	"github.com/modelwire/modelwire/internal/config"
)

// newRenderer returns the crawler option of the headless browser that
// renders the pages of sources with render: chromium or auto, and the func
// that stops it. The browser starts with the first page to render, so it
// costs nothing while no source renders. Without Chromium there is no
// renderer: sources that render fail each pass with a clear error (and the
// error is logged now if any source renders), the others are not affected.
func newRenderer(c config.Config, reg prometheus.Registerer, log *slog.Logger) ([]crawler.Option, func()) {
	path, err := chromium.Find(c.Crawler.Chromium.Path)
	if err != nil {
		if names := renderingSources(c); len(names) > 0 {
			log.Error("sources that render their pages will fail: no browser", "sources", names, "err", err)
		}
		return nil, func() {}
	}
	opts := c.ChromiumOptions()
	opts.Path = path
	opts.Dial = crawler.GuardedDialer(c.CrawlerConfig()).DialContext
	opts.Logger, opts.Registerer = log, reg
	b := chromium.New(opts)
	return []crawler.Option{crawler.WithRenderer(b)}, func() { b.Close() }
}

// renderingSources names the sources with render set.
func renderingSources(c config.Config) []string {
	var names []string
	for _, s := range c.Sources {
		if s.Render != "" {
			names = append(names, s.Name)
		}
	}
	return names
}
