package config

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/crawler/chromium"
	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/archive"
	"github.com/modelwire/modelwire/internal/bus"
	"github.com/modelwire/modelwire/internal/webhook"
)

// The mapping of a configuration, defaulted and validated, onto the
// packages' own types: one method per type, named after it. The code-level
// hooks of those types (loggers, registries, dialers) are the caller's.

// CrawlerConfig returns the crawler's settings (crawler.*).
func (c Config) CrawlerConfig() crawler.Config {
	cr := c.Crawler
	return crawler.Config{
		UserAgent:            cr.UserAgent,
		AllowPrivateNetworks: cr.AllowPrivateNetworks,
		Timeout:              cr.Timeout,
		MaxBodyBytes:         cr.MaxBodyBytes,
		RecrawlAfter:         cr.RecrawlAfter,
		MaxCrawlDelay:        cr.MaxCrawlDelay,
		MaxRetries:           max(cr.MaxRetries, 0), // negative: never
		MaxRedirects:         cr.MaxRedirects,
	}
}

// CrawlerSources returns the sources as the crawler takes them.
func (c Config) CrawlerSources() []crawler.Source {
	out := make([]crawler.Source, len(c.Sources))
	for i, s := range c.Sources {
		out[i] = s.CrawlerSource()
	}
	return out
}

// CrawlerSource returns s as the crawler takes it.
func (s Source) CrawlerSource() crawler.Source {
	out := crawler.Source{
		Name:           s.Name,
		Feeds:          s.Feeds,
		Sitemaps:       s.Sitemaps,
		StartURLs:      s.StartURLs,
		AllowedDomains: s.AllowedDomains,
		MaxDepth:       s.MaxDepth,
		Include:        s.Include,
		Exclude:        s.Exclude,
		Parallelism:    s.Parallelism,
		Schedule:       s.Schedule,
		MaxPages:       s.MaxPages,
		Render:         s.Render,
	}
	if s.Delay != nil {
		out.Delay = *s.Delay
	}
	if hf := s.HuggingFace; hf != nil {
		out.HuggingFace = &crawler.HuggingFace{Authors: hf.Authors, Endpoint: hf.Endpoint, Limit: hf.Limit, Token: hf.Token}
	}
	return out
}

// ChromiumOptions returns the browser's settings (crawler.chromium.*).
func (c Config) ChromiumOptions() chromium.Options {
	ch := c.Crawler.Chromium
	return chromium.Options{Path: ch.Path, Tabs: ch.Tabs, PageTimeout: ch.PageTimeout, IdleWait: ch.IdleWait, MaxHeapMB: ch.MaxHeapMB}
}

// ArchiveDir returns where WARC files are written: archive.dir, or
// DATA/warc.
func (c Config) ArchiveDir() string {
	if c.Archive.Dir != "" {
		return c.Archive.Dir
	}
	return filepath.Join(c.DataDir, "warc")
}

// ArchiveConfig returns the archive writer's settings (archive.*).
func (c Config) ArchiveConfig() archive.Config {
	keep, _ := archive.ParseKeep(c.Archive.Keep) // checked by Validate
	return archive.Config{Dir: c.ArchiveDir(), MaxFileSize: c.Archive.MaxFileSize, MaxFileAge: c.Archive.MaxFileAge, Keep: keep}
}

// ElasticConfig returns the Elasticsearch store's settings
// (elasticsearch.*), reading the CA bundle ca_cert names.
func (c Config) ElasticConfig() (indexer.ElasticConfig, error) {
	es := c.Elasticsearch
	cfg := indexer.ElasticConfig{
		Addresses:          es.Addresses,
		Username:           es.Username,
		Password:           es.Password,
		APIKey:             es.APIKey,
		InsecureSkipVerify: es.InsecureSkipVerify,
		IndexPrefix:        es.IndexPrefix,
	}
	if es.CACert != "" {
		pem, err := os.ReadFile(es.CACert)
		if err != nil {
			return cfg, fmt.Errorf("elasticsearch.ca_cert: %w", err)
		}
		cfg.CACert = pem
	}
	return cfg, cfg.Validate()
}

// WebhookConfig returns the webhook's settings (notify.webhooks[]).
func (w Webhook) WebhookConfig() webhook.Config {
	return webhook.Config{URL: w.URL, Vendors: w.Vendors, Models: w.Models, Secret: w.Secret,
		MaxAttempts: w.MaxAttempts, Timeout: w.Timeout, Format: w.Format, Kinds: w.Kinds}
}

// Auth returns the credentials configured for an external NATS server
// (nats.user, password, token, nkey_file, creds_file, tls).
func (n NATS) Auth() bus.Auth {
	return bus.Auth{User: n.User, Password: n.Password, Token: n.Token, NKeyFile: n.NKeyFile, CredsFile: n.CredsFile,
		CAFile: n.TLS.CAFile, CertFile: n.TLS.CertFile, KeyFile: n.TLS.KeyFile}
}
