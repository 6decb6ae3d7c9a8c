package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/modelwire/modelwire/configs"
	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/extractor"
	"github.com/modelwire/modelwire/extractor/catalog"
	"github.com/modelwire/modelwire/extractor/intel"
	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/api"
	"github.com/modelwire/modelwire/internal/config"
)

// loadConfig reads --config with the environment (config.Load validates
// the result), applies --data and the runtime settings.
func (g *globals) loadConfig() (config.Config, error) {
	c, err := config.Load(g.configFile, os.Getenv)
	if err != nil {
		return c, err
	}
	if g.dataDir != "" {
		c.DataDir = g.dataDir
	}
	applyRuntime(c.Runtime)
	return c, nil
}

// loadCatalog reads the embedded catalog or, when MODELWIRE_CATALOG names a
// directory, the catalog files there.
func loadCatalog() (*catalog.Catalog, error) {
	fsys := configs.CatalogFS()
	if dir := os.Getenv("MODELWIRE_CATALOG"); dir != "" {
		fsys = os.DirFS(dir)
	}
	cat, err := catalog.Load(fsys)
	if err != nil {
		return nil, fmt.Errorf("loading catalog: %w", err)
	}
	return cat, nil
}

// newAnalyzer compiles the catalog into the release-intelligence analyzer,
// which also resolves names given alone (filters, catalog resolve).
func newAnalyzer() (*intel.Analyzer, error) {
	cat, err := loadCatalog()
	if err != nil {
		return nil, err
	}
	return intel.New(cat), nil
}

// newExtractor builds the extractor with the release-intelligence analyzer
// (see loadCatalog).
func newExtractor(g *globals) (*extractor.Extractor, error) {
	an, err := newAnalyzer()
	if err != nil {
		return nil, err
	}
	return extractor.New(extractor.WithAnalyzer(an)), nil
}

// liveNames resolves the names users filter by (api.Names) with the
// newest catalog: a reload swaps a new analyzer in, so the API's and the
// search page's filters know the models a catalog change added. Safe for
// concurrent use.
type liveNames struct {
	an atomic.Pointer[intel.Analyzer]
}

// newNames returns the names of the current catalog, or nil (filters
// compare names as given) when it does not load.
func newNames(log *slog.Logger) *liveNames {
	an, err := newAnalyzer()
	if err != nil {
		log.Error("filters compare names as given", "err", err)
		return nil
	}
	n := &liveNames{}
	n.an.Store(an)
	return n
}

// reload compiles the catalog again; one that does not load is logged and
// the names stay as they were.
func (n *liveNames) reload(log *slog.Logger) {
	an, err := newAnalyzer()
	if err != nil {
		log.Error("catalog not reloaded for filters", "err", err)
		return
	}
	n.an.Store(an)
}

// CanonicalModel implements api.Names.
func (n *liveNames) CanonicalModel(name string) string { return n.an.Load().CanonicalModel(name) }

// CanonicalVendor implements api.Names.
func (n *liveNames) CanonicalVendor(name string) string { return n.an.Load().CanonicalVendor(name) }

// CanonicalBenchmark implements api.Names.
func (n *liveNames) CanonicalBenchmark(name string) string {
	return n.an.Load().CanonicalBenchmark(name)
}

// canonicalFilters resolves vendor and model filters to the catalog's
// identities (see canonicalNames).
func canonicalFilters(vendors, models []string) ([]string, []string, error) {
	if len(vendors) == 0 && len(models) == 0 {
		return vendors, models, nil
	}
	an, err := newAnalyzer()
	if err != nil {
		return nil, nil, err
	}
	vs, ms := canonicalNames(an, vendors, models)
	return vs, ms, nil
}

// canonicalBenchmarks resolves benchmark filters to the catalog's names
// ("aime 2025" → "AIME 2025", "swe bench verified" → "SWE-bench
// Verified").
func canonicalBenchmarks(names []string) ([]string, error) {
	if len(names) == 0 {
		return names, nil
	}
	an, err := newAnalyzer()
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(names))
	for _, b := range names {
		out = append(out, an.CanonicalBenchmark(b))
	}
	return out, nil
}

// canonicalNames resolves vendor and model filters with names, so every
// spelling of a name filters alike ("Qwen 3 Coder", "qwen3-coder",
// "큐웬3-Coder"); model ids ("alibaba/qwen3-coder") are kept.
func canonicalNames(names api.Names, vendors, models []string) ([]string, []string) {
	vs := make([]string, 0, len(vendors))
	for _, v := range vendors {
		vs = append(vs, names.CanonicalVendor(v))
	}
	ms := make([]string, 0, len(models))
	for _, m := range models {
		if !strings.Contains(m, "/") {
			m = names.CanonicalModel(m)
		}
		ms = append(ms, m)
	}
	return vs, ms
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

// openStore opens the configured search store for writing: Elasticsearch
// when elasticsearch.addresses (or MODELWIRE_ES_URL) is set, else the
// embedded index in the data directory. An unreachable Elasticsearch is not
// an error here: the store sets itself up once it answers, and until then
// the index stage retries.
func openStore(ctx context.Context, c config.Config, log *slog.Logger) (articleStore, error) {
	if len(c.Elasticsearch.Addresses) > 0 {
		cfg, err := c.ElasticConfig()
		if err != nil {
			return nil, err
		}
		setup, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		return indexer.OpenElastic(setup, cfg, indexer.WithLogger(log.With("component", "elasticsearch")))
	}
	return indexer.OpenEmbedded(c.DataDir, indexer.EmbeddedOptions{})
}

// closeStore closes store (flushing what it buffers), logging a failure:
// the messages of what it could not write were not acknowledged and come
// back.
func closeStore(store articleStore, log *slog.Logger) {
	if err := store.Close(); err != nil {
		log.Error("closing the search store", "err", err)
	}
}

// openSearcher opens the configured search store for reading.
func openSearcher(ctx context.Context, c config.Config) (searcher, error) {
	if len(c.Elasticsearch.Addresses) > 0 {
		cfg, err := c.ElasticConfig()
		if err != nil {
			return nil, err
		}
		cfg.SearchOnly = true
		return indexer.OpenElastic(ctx, cfg)
	}
	return indexer.OpenEmbedded(c.DataDir, indexer.EmbeddedOptions{ReadOnly: true})
}
