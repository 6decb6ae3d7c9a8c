package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/modelwire/modelwire/indexer"
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
vendor, model, when it was first seen, the publication date the first article
gave, every source that reported it, and the benchmark claims made about it.`,
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
				enc := json.NewEncoder(g.stdout)
				enc.SetEscapeHTML(false)
				return enc.Encode(recs)
			}
			tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "FIRST SEEN\tVENDOR\tMODEL\tSOURCES\tFIRST SOURCE")
			for _, r := range recs {
				first := ""
				if len(r.Sources) > 0 {
					first = r.Sources[0]
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", r.FirstSeen.Format("2006-01-02 15:04"), r.Vendor, r.Model, len(r.Sources), first)
			}
			return tw.Flush()
		},
	}
	f := cmd.Flags()
	f.BoolVar(&asJSON, "json", false, `print JSON: [{"vendor","model","first_seen","published_at","sources","claims"}]`)
	f.StringSliceVar(&q.Vendors, "vendor", nil, "only this vendor: id or any name the catalog knows (repeatable)")
	f.StringVar(&q.Model, "model", "", "only this model: id or any spelling")
	f.StringVar(&since, "since", "", "only releases first seen on or after this date (YYYY-MM-DD or RFC 3339)")
	f.IntVarP(&q.Limit, "limit", "n", 50, "most releases to list")
	return cmd
}
