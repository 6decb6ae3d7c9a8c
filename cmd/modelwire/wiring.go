package main

import (
	"context"
	"os"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/extractor"
	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/config"
)

// loadConfig reads --config, applies the environment and --data.
func (g *globals) loadConfig() (config.Config, error) {
	c, err := config.Load(g.configFile)
	if err != nil {
		return c, err
	}
	c = c.Env(os.Getenv)
	if g.dataDir != "" {
		c.DataDir = g.dataDir
	}
	return c, nil
}

// newExtractor builds the extractor with the release-intelligence analyzer.
func newExtractor(g *globals) (*extractor.Extractor, error) {
	return extractor.New(), nil
}

// searcher is what the search and releases commands need of a store.
type searcher interface {
	Search(ctx context.Context, q indexer.Query) (indexer.Result, error)
	Releases(ctx context.Context, q indexer.ReleaseQuery) ([]indexer.ReleaseRecord, error)
	Close() error
}

// articleStore is what the pipeline's index stages need of a store, and
// what the HTTP API in the same process reads.
type articleStore interface {
	searcher
	Index(ctx context.Context, docs []event.Article) []error
	IndexReleases(ctx context.Context, evs []event.ReleaseEvent) []error
}

// openStore opens the configured search store for writing.
func openStore(ctx context.Context, c config.Config) (articleStore, error) {
	return indexer.OpenEmbedded(c.DataDir, indexer.EmbeddedOptions{})
}

// openSearcher opens the configured search store for reading.
func openSearcher(ctx context.Context, c config.Config) (searcher, error) {
	return indexer.OpenEmbedded(c.DataDir, indexer.EmbeddedOptions{ReadOnly: true})
}
