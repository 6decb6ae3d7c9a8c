package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/extractor/intel"
	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/announce"
)

func newCatalogCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "catalog",
		Short: "See how names resolve, list names the catalog lacks, move stored data to canonical names",
		Long: `The catalog (configs/catalog/*.yaml, embedded; MODELWIRE_CATALOG=DIR reads a
directory instead, without a rebuild) is what modelwire knows of vendors,
model families and their names in every language. These commands show what
a name resolves to, list the model names found in indexed articles that the
catalog does not know yet, and re-resolve data stored under older names.`,
	}
	cmd.AddCommand(newCatalogResolveCmd(g), newCatalogUnknownCmd(g), newCatalogMigrateCmd(g))
	return cmd
}

func newCatalogResolveCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "resolve [--json] TEXT...",
		Short: "Print what each name (or phrase) resolves to, with confidence and reason",
		Long: `Resolve reads each TEXT as names given alone — the way search and watch
filters are read — and prints every model and vendor it names: canonical
name, id, parent model, confidence and the reason (a catalogued name, a
spelling of one, a garble that sounds like one, or nothing the catalog knows).
With --json it prints one {"input","models","vendors"} object per TEXT.`,
		Example: `  modelwire catalog resolve "qwen 3 coder" Kwen3 "Deep Seek V3" 큐웬3 "Zippu AI"
  MODELWIRE_CATALOG=./my-catalog modelwire catalog resolve "Nimbus-2"`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			an, err := newAnalyzer()
			if err != nil {
				return err
			}
			return printResolutions(g.stdout, an, args, asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, `print JSON Lines: {"input","models","vendors"}`)
	return cmd
}

// printResolutions prints what each input resolves to.
func printResolutions(w io.Writer, an *intel.Analyzer, inputs []string, asJSON bool) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, in := range inputs {
		models, vendors := an.Resolve(in)
		if asJSON {
			if err := enc.Encode(struct {
				Input   string         `json:"input"`
				Models  []event.Model  `json:"models"`
				Vendors []event.Vendor `json:"vendors"`
			}{in, models, vendors}); err != nil {
				return err
			}
			continue
		}
		fmt.Fprintf(w, "%q\n", in)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, m := range models {
			id, conf, reason := m.ID, m.Resolution.Confidence, m.Resolution.Reason
			if m.Resolution.Provisional {
				id = "(unknown)"
			}
			line := fmt.Sprintf("  model\t%s\t%s\t%.2f\t%s", m.Name, id, conf, reason)
			if m.Parent != "" {
				line += "; variant of " + m.Parent
			}
			fmt.Fprintln(tw, line)
		}
		for _, v := range vendors {
			fmt.Fprintf(tw, "  vendor\t%s\t%s\t%.2f\t%s\n", v.Name, v.ID, v.Resolution.Confidence, v.Resolution.Reason)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// unknownLister is what `catalog unknown` needs of a store.
type unknownLister interface {
	Unknown(ctx context.Context, limit int) ([]indexer.UnknownName, error)
}

func newCatalogUnknownCmd(g *globals) *cobra.Command {
	var (
		asJSON bool
		limit  int
	)
	cmd := &cobra.Command{
		Use:   "unknown [--data DIR] [--limit N] [--json]",
		Short: "List model names found in indexed articles that the catalog does not know",
		Long: `Unknown lists the model names that indexed articles introduce and no catalog
entry knows (discoveries with provisional ids), most frequent first, with the
number of articles and the latest sources. Add the real ones to a catalog
file — a family in families.yaml, its maker in vendors.yaml — and point
MODELWIRE_CATALOG at the directory; no rebuild is needed. Then run
"modelwire catalog migrate" to move stored data to the new names.`,
		Example: `  modelwire catalog unknown --data /tmp/mw
  modelwire catalog unknown --json --limit 100`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if limit < 1 || limit > 1000 {
				return errors.New("--limit must be between 1 and 1000")
			}
			c, err := g.loadConfig()
			if err != nil {
				return err
			}
			s, err := openSearcher(cmd.Context(), c)
			if errors.Is(err, indexer.ErrInUse) {
				return fmt.Errorf("%w: a running modelwire holds the index in %s; stop it first", err, c.DataDir)
			}
			if err != nil {
				return err
			}
			defer s.Close()
			names, err := s.(unknownLister).Unknown(cmd.Context(), limit)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(g.stdout)
				enc.SetEscapeHTML(false)
				return enc.Encode(names)
			}
			if len(names) == 0 {
				fmt.Fprintln(g.stdout, "every model named in the indexed articles is in the catalog")
				return nil
			}
			tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ARTICLES\tNAME\tLATEST SOURCES")
			for _, n := range names {
				fmt.Fprintf(tw, "%d\t%s\t%s\n", n.Articles, n.Name, strings.Join(n.Sources, " "))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, `print JSON: [{"name","articles","sources"}]`)
	cmd.Flags().IntVarP(&limit, "limit", "n", 50, "most names to list")
	return cmd
}

// reresolver is what `catalog migrate` needs of a store.
type reresolver interface {
	Reresolve(ctx context.Context, r indexer.Renamer, progress func(indexer.ReresolveStats)) (indexer.ReresolveStats, error)
}

// renamer resolves stored names with the analyzer.
type renamer struct{ an *intel.Analyzer }

func (r renamer) Model(name string) (event.Model, bool) { return r.an.ResolveModel(name) }

func (r renamer) Vendor(id string) event.Vendor {
	canonical := r.an.CanonicalVendor(id)
	name := r.an.VendorName(canonical)
	if name == "" {
		name = id
	}
	return event.Vendor{ID: canonical, Name: name}
}

// canonicalKey returns the canonical release key of an older one: the
// model and vendor its slugs name, resolved ("alibaba.qwen-3" →
// "alibaba.qwen3", "zippu-ai.glm-4-5" → "zhipu.glm-4-5").
func (r renamer) canonicalKey(old string) string {
	vendor, model, ok := strings.Cut(old, ".")
	if !ok {
		return ""
	}
	if m, known := r.Model(model); known {
		return event.ReleaseKey(m.Vendor, m.Name)
	}
	return event.ReleaseKey(r.Vendor(vendor).ID, model)
}

func newCatalogMigrateCmd(g *globals) *cobra.Command {
	var skipNATS bool
	cmd := &cobra.Command{
		Use:   "migrate [--data DIR] [--skip-nats]",
		Short: "Re-resolve indexed articles, release records and release keys with the current catalog",
		Long: `Migrate moves data stored under older names to the canonical identities of
the current catalog: articles stored before entity resolution (or before a
catalog change) get canonical vendor ids, model names and ids; release
records move to their canonical keys, records of one release split by
spelling are merged; and the release keys in the mw_releases bucket get
their canonical keys too, so a release announced under an older key is
corroborated, not announced again.

It works on the configured store (the embedded index in DATA, or
Elasticsearch) and NATS (nats.url, or the embedded server's store in DATA);
stop a modelwire run that uses the same data directory first. It is safe to
run twice, and to run again after changing the catalog.`,
		Example: `  modelwire catalog migrate --data /tmp/mw
  MODELWIRE_CATALOG=./catalog modelwire catalog migrate --config prod.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := g.loadConfig()
			if err != nil {
				return err
			}
			an, err := newAnalyzer()
			if err != nil {
				return err
			}
			ctx, log := cmd.Context(), g.logger()
			store, err := openStore(ctx, c, log)
			if errors.Is(err, indexer.ErrInUse) {
				return fmt.Errorf("%w: a running modelwire holds the index in %s; stop it first", err, c.DataDir)
			}
			if err != nil {
				return err
			}
			defer closeStore(store, log)
			r := renamer{an}
			st, err := store.(reresolver).Reresolve(ctx, r, func(st indexer.ReresolveStats) {
				fmt.Fprintf(g.stderr, "\r%d articles read, %d rewritten", st.Articles, st.ArticlesChanged)
			})
			fmt.Fprintln(g.stderr)
			if err != nil {
				return err
			}
			fmt.Fprintf(g.stdout, "articles: %d read, %d rewritten\nrelease records: %d read, %d moved to a canonical key (%d merged with one already there)\n",
				st.Articles, st.ArticlesChanged, st.Releases, st.ReleasesRenamed, st.ReleasesMerged)
			if skipNATS {
				return nil
			}
			noListen := ""
			c.NATS.Listen = &noListen
			node, err := connectNATS(ctx, c, log, "modelwire-migrate", true)
			if err != nil {
				return err
			}
			defer node.Close()
			moved, err := announce.MigrateReleaseKeys(ctx, node.js, r.canonicalKey)
			if err != nil {
				return err
			}
			fmt.Fprintf(g.stdout, "release keys: %d moved to a canonical key\n", moved)
			return nil
		},
	}
	cmd.Flags().BoolVar(&skipNATS, "skip-nats", false, "leave the mw_releases bucket alone (the store only)")
	return cmd
}
