package main

import (
	"context"
	"fmt"
	"os"

	"github.com/modelwire/modelwire/configs"
	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/extractor"
	"github.com/modelwire/modelwire/extractor/catalog"
	"github.com/modelwire/modelwire/extractor/intel"
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

// newExtractor builds the extractor with the release-intelligence analyzer,
// driven by the embedded catalog or, when MODELWIRE_CATALOG names a
// directory, by the catalog files there.
func newExtractor(g *globals) (*extractor.Extractor, error) {
	fsys := configs.CatalogFS()
	if dir := os.Getenv("MODELWIRE_CATALOG"); dir != "" {
		fsys = os.DirFS(dir)
	}
	cat, err := catalog.Load(fsys)
	if err != nil {
		return nil, fmt.Errorf("loading catalog: %w", err)
	}
	return extractor.New(extractor.WithAnalyzer(intel.New(cat))), nil
}

// searcher is what the search command needs of a store.
type searcher interface {
	Search(ctx context.Context, q indexer.Query) (indexer.Result, error)
	Close() error
}

// articleStore is what the pipeline's index stage needs of a store.
type articleStore interface {
	Index(ctx context.Context, docs []event.Article) []error
	Search(ctx context.Context, q indexer.Query) (indexer.Result, error)
	Close() error
}

// openStore opens the configured search store for writing.
func openStore(ctx context.Context, c config.Config) (articleStore, error) {
	return indexer.OpenEmbedded(c.DataDir, indexer.EmbeddedOptions{})
}

// openSearcher opens the configured search store for reading.
func openSearcher(ctx context.Context, c config.Config) (searcher, error) {
	return indexer.OpenEmbedded(c.DataDir, indexer.EmbeddedOptions{ReadOnly: true})
}
