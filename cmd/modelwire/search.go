package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/modelwire/modelwire/indexer"
)

func newSearchCmd(g *globals) *cobra.Command {
	var (
		asJSON       bool
		q            indexer.Query
		since, until string
	)
	cmd := &cobra.Command{
		Use:   "search [flags] [QUERY...]",
		Short: "Search indexed articles",
		Long: `Search the indexed articles with full text. Words are all required, "quoted
phrases" match as phrases and a leading - excludes a word; an empty query
matches every article, newest first.`,
		Example: `  modelwire search DeepSeek-R1
  modelwire search --json --limit 5 "open weights" Qwen
  modelwire search --vendor moonshot --since 2025-07-01
  modelwire search --model "qwen 3 coder"   # every spelling of Qwen3-Coder`,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := g.loadConfig()
			if err != nil {
				return err
			}
			q.Text = strings.Join(args, " ")
			if q.Since, err = parseDateFlag("since", since); err != nil {
				return err
			}
			if q.Until, err = parseDateFlag("until", until); err != nil {
				return err
			}
			if q.Limit < 0 || q.Limit > indexer.MaxLimit {
				return fmt.Errorf("--limit must be between 1 and %d", indexer.MaxLimit)
			}
			if q.Vendors, q.Models, err = canonicalFilters(q.Vendors, q.Models); err != nil {
				return err
			}
			s, err := openSearcher(cmd.Context(), c)
			if errors.Is(err, indexer.ErrInUse) {
				return fmt.Errorf("%w: a running modelwire holds the index in %s; search it through its HTTP API (http.addr) or stop it first", err, c.DataDir)
			}
			if err != nil {
				return err
			}
			defer s.Close()
			res, err := s.Search(cmd.Context(), q)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(g.stdout)
				enc.SetEscapeHTML(false)
				return enc.Encode(res)
			}
			printHits(g, res)
			return nil
		},
	}
	f := cmd.Flags()
	f.BoolVar(&asJSON, "json", false, "print JSON: {total, hits, facets}")
	f.IntVarP(&q.Limit, "limit", "n", indexer.DefaultLimit, "number of hits to print")
	f.IntVar(&q.Offset, "offset", 0, "hits to skip")
	f.StringSliceVar(&q.Vendors, "vendor", nil, "only articles mentioning this vendor: id or any name the catalog knows (repeatable)")
	f.StringSliceVar(&q.Models, "model", nil, "only articles mentioning this model: id or any spelling, \"Qwen3 Coder\" = qwen3-coder (repeatable)")
	f.StringVar(&q.Language, "lang", "", "only articles in this language (ISO 639-1)")
	f.StringVar(&since, "since", "", "only articles published on or after this date (YYYY-MM-DD or RFC 3339)")
	f.StringVar(&until, "until", "", "only articles published before this date")
	return cmd
}

// parseDateFlag accepts YYYY-MM-DD or RFC 3339; empty is the zero time.
func parseDateFlag(name, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("--%s: %q is not a date (YYYY-MM-DD or RFC 3339)", name, v)
}

func printHits(g *globals, res indexer.Result) {
	fmt.Fprintf(g.stdout, "%d matching articles\n\n", res.Total)
	tw := tabwriter.NewWriter(g.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tPUBLISHED\tLANG\tTITLE\tURL")
	for i, h := range res.Hits {
		date := "-"
		if !h.PublishedAt.IsZero() {
			date = h.PublishedAt.Format("2006-01-02")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", i+1, date, h.Language, clip(h.Title, 70), h.URL)
	}
	tw.Flush()
}

// clip shortens s to at most n runes.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
