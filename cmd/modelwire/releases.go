package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/console"
)

func newReleasesCmd(g *globals) *cobra.Command {
	var (
		asJSON bool
		q      indexer.ReleaseQuery
		since  string
	)
	cmd := &cobra.Command{
		Use:   "releases [--json] [--vendor V] [--model M] [--since DATE]",
		Short: "List model releases seen so far",
		Long: `List the model releases modelwire has seen, most recently first seen first:
when each was announced (the earliest publication date its sources give) and
first seen, vendor, model, confidence, how many sources reported it and the
announcing article. --json prints every field: sources, claims, model facts.
modelwire model NAME shows one model in full.`,
		Example: `  modelwire releases --since 2025-07-01
  modelwire releases --json --vendor moonshot --vendor deepseek`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := g.loadConfig()
			if err != nil {
				return err
			}
			if q.Since, err = parseDateFlag("since", since); err != nil {
				return err
			}
			var models []string
			if q.Model != "" {
				models = []string{q.Model}
			}
			if q.Vendors, models, err = canonicalFilters(q.Vendors, models); err != nil {
				return err
			}
			if len(models) > 0 {
				q.Model = models[0]
			}
			s, err := openSearcher(cmd.Context(), c)
			if errors.Is(err, indexer.ErrInUse) {
				return fmt.Errorf("%w: a running modelwire holds the index in %s; query its HTTP API (http.addr) or stop it first", err, c.DataDir)
			}
			if err != nil {
				return err
			}
			defer s.Close()
			recs, err := s.Releases(cmd.Context(), q)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(console.JSONTerminal(g.stdout))
				enc.SetEscapeHTML(false)
				return enc.Encode(recs)
			}
			printReleases(g, recs)
			return nil
		},
	}
	f := cmd.Flags()
	f.BoolVar(&asJSON, "json", false, `print JSON: [{"key","vendor","model","model_id","first_seen","last_seen","published_at","confidence","sources","claims",…}]`)
	f.StringSliceVar(&q.Vendors, "vendor", nil, "only this vendor: id or any name the catalog knows (repeatable)")
	f.StringVar(&q.Model, "model", "", "only this model: id or any spelling")
	f.StringVar(&since, "since", "", "only releases first seen on or after this date (YYYY-MM-DD or RFC 3339)")
	f.IntVarP(&q.Limit, "limit", "n", 50, "most releases to list")
	return cmd
}

// printReleases prints release records as an aligned table.
func printReleases(g *globals, recs []indexer.ReleaseRecord) {
	if len(recs) == 0 {
		fmt.Fprintln(g.stdout, "No releases seen yet.")
		return
	}
	tb := console.NewTable("ANNOUNCED", "FIRST SEEN", "VENDOR", "MODEL", "CONF", "SOURCES", "ANNOUNCEMENT").AlignRight(4, 5)
	for _, r := range recs {
		announcement := r.Title
		if len(r.Sources) > 0 {
			announcement = console.Clip(r.Title, 50) + " " + r.Sources[0]
		}
		tb.Row(dateOr(r.AnnouncedAt(), "-"), r.FirstSeen.UTC().Format("2006-01-02 15:04"), r.Vendor, r.Model,
			strconv.Itoa(int(r.Confidence*100+0.5))+"%", strconv.Itoa(len(r.Sources)), strings.TrimSpace(announcement))
	}
	tb.WriteTo(g.stdout)
}
