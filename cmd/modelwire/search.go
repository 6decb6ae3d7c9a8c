package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/console"
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
phrases" match as phrases and a leading - excludes a word (-Qwen: no "--"
needed; only this command's flags are read as flags); an empty query
matches every article, newest first. A family's name finds its versions:
Qwen finds Qwen2.5-Max.`,
		Example: `  modelwire search DeepSeek-R1
  modelwire search --json --limit 5 "open weights" Qwen
  modelwire search DeepSeek -Qwen -rumour
  modelwire search --vendor moonshot --since 2025-07-01
  modelwire search --model "qwen 3 coder"   # every spelling of Qwen3-Coder
  modelwire search --benchmark AIME --since 2025-03-01   # articles claiming a score on AIME (any year)`,
		Annotations: map[string]string{queryArgs: "true"},
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
			if q.Benchmarks, err = canonicalBenchmarks(q.Benchmarks); err != nil {
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
				enc := json.NewEncoder(console.JSONTerminal(g.stdout))
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
	f.StringSliceVar(&q.Benchmarks, "benchmark", nil, "only articles claiming a score on this benchmark: any name the catalog knows; a benchmark finds its years and versions, AIME finds AIME 2025 (repeatable)")
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
	tb := console.NewTable("#", "PUBLISHED", "LANG", "TITLE", "URL").AlignRight(0)
	for i, h := range res.Hits {
		tb.Row(strconv.Itoa(i+1), dateOr(h.PublishedAt, "-"), h.Language, console.Clip(console.Printable(h.Title), 70), h.URL)
	}
	tb.WriteTo(g.stdout)
}

// dateOr writes t as YYYY-MM-DD, or none when it is zero.
func dateOr(t time.Time, none string) string {
	if t.IsZero() {
		return none
	}
	return t.UTC().Format(time.DateOnly)
}
