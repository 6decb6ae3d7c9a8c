package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/console"
	"github.com/modelwire/modelwire/internal/modelpage"
)

func newModelCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "model [--json] NAME|ID",
		Short: "Show what modelwire knows about one model",
		Long: `Model prints one model's page: its name, vendor, parameters, licence and open
weights, its announcement (date, article, the sentence that announced it),
when it was first and last seen, every source in time order, the benchmark
claims made about it and its variants — what /model/<id> shows in a browser.

NAME is the model's name however it is written ("deepseek v3" finds
DeepSeek-V3) or its id as in "modelwire releases --json" (the "key").`,
		Example: `  modelwire model DeepSeek-V3
  modelwire model --json "kimi k2"
  modelwire model deepseek.deepseek-v3`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := g.loadConfig()
			if err != nil {
				return err
			}
			s, err := openSearcher(cmd.Context(), c)
			if errors.Is(err, indexer.ErrInUse) {
				return fmt.Errorf("%w: a running modelwire holds the index in %s; open /model/<id> on its HTTP API (http.addr) or stop it first", err, c.DataDir)
			}
			if err != nil {
				return err
			}
			defer s.Close()
			name := strings.Join(args, " ")
			recs, similar, err := modelpage.Find(cmd.Context(), s, name)
			if err != nil {
				return err
			}
			if len(recs) == 0 {
				// Another spelling of a catalogued model: "큐웬3", "qwen 3 coder".
				if _, ms, cerr := canonicalFilters(nil, []string{name}); cerr == nil && ms[0] != name {
					if r2, s2, err := modelpage.Find(cmd.Context(), s, ms[0]); err == nil && len(r2) > 0 {
						recs, similar = r2, s2
					}
				}
			}
			if len(recs) == 0 {
				msg := fmt.Sprintf("no release of a model named %q has been seen", name)
				if len(similar) > 0 {
					var names []string
					for _, r := range similar[:min(len(similar), 8)] {
						names = append(names, r.Model+" ("+r.Key+")")
					}
					msg += "; similar: " + strings.Join(names, ", ")
				}
				return errors.New(msg)
			}
			var pages []modelpage.Model
			for _, r := range recs {
				m, err := modelpage.Load(cmd.Context(), s, r.Key)
				if err != nil {
					return err
				}
				pages = append(pages, m)
			}
			if asJSON {
				enc := json.NewEncoder(console.JSONTerminal(g.stdout))
				enc.SetEscapeHTML(false)
				if len(pages) == 1 {
					return enc.Encode(pages[0])
				}
				return enc.Encode(pages)
			}
			for i, m := range pages {
				if i > 0 {
					fmt.Fprintln(g.stdout)
				}
				printModel(console.TextWriter(g.stdout), m)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the model as JSON (an array when the name fits models of several vendors), as /api/models/<id> does")
	return cmd
}

// printModel writes a model's page for a terminal.
func printModel(w io.Writer, m modelpage.Model) {
	fmt.Fprintf(w, "%s\n%s\n\n", m.Name, strings.Repeat("=", max(len([]rune(m.Name)), 3)))
	facts := console.NewTable()
	facts.Row("id", m.ID)
	facts.Row("vendor", m.Vendor)
	if m.VariantOf != nil {
		facts.Row("variant of", m.VariantOf.Name+" ("+m.VariantOf.ID+")")
	}
	params := "not stated"
	if m.ParamsTotalB > 0 {
		params = formatBillions(m.ParamsTotalB)
		if m.ParamsActiveB > 0 {
			params += " (" + formatBillions(m.ParamsActiveB) + " active)"
		}
	}
	facts.Row("parameters", params)
	facts.Row("licence", orNotStated(m.License))
	openWeights := "not stated"
	if m.OpenWeights {
		openWeights = "yes"
	}
	facts.Row("open weights", openWeights)
	facts.Row("announced", dateOr(m.Announcement.Date, "-")+"  "+strings.TrimSpace(m.Announcement.Title+" "+m.Announcement.URL))
	facts.Row("first seen", m.FirstSeen.UTC().Format("2006-01-02 15:04 UTC"))
	facts.Row("last seen", m.LastSeen.UTC().Format("2006-01-02 15:04 UTC"))
	facts.Row("confidence", strconv.Itoa(int(m.Confidence*100+0.5))+"%")
	facts.WriteTo(w)
	if m.Announcement.Evidence != "" {
		fmt.Fprintf(w, "\n  “%s”\n", m.Announcement.Evidence)
	}

	fmt.Fprintf(w, "\nSources (%d)\n", len(m.Sources))
	src := console.NewTable("PUBLISHED", "SITE", "LANG", "TITLE", "URL")
	for _, s := range m.Sources {
		title := console.Clip(s.Title, 60)
		if s.Announcing {
			title = "[announcement] " + title
		}
		src.Row(dateOr(s.PublishedAt, "-"), s.Site, s.Language, title, s.URL)
	}
	src.WriteTo(w)

	fmt.Fprintf(w, "\nBenchmark claims (%d)\n", len(m.Claims))
	if len(m.Claims) > 0 {
		cl := console.NewTable("BENCHMARK", "CLAIM", "COMPARED WITH", "EVIDENCE")
		for _, c := range m.Claims {
			cl.Row(orDash(c.Benchmark), claimText(c.Value, c.Unit, c.Relation), orDash(c.Target), console.Clip(c.Evidence, 70))
		}
		cl.WriteTo(w)
	}
	if len(m.Variants) > 0 {
		var names []string
		for _, v := range m.Variants {
			names = append(names, v.Name)
		}
		fmt.Fprintf(w, "\nVariants: %s\n", strings.Join(names, ", "))
	}
	fmt.Fprintf(w, "\nAll its articles: modelwire search --model %s\n", strconv.Quote(m.Name))
}

// claimText writes what a claim says: "88.5%", "outperforms", "matches (90)".
func claimText(value *float64, unit, relation string) string {
	s := ""
	if value != nil {
		s = strconv.FormatFloat(*value, 'f', -1, 64)
		if unit == "%" {
			s += "%"
		} else if unit != "" {
			s += " " + unit
		}
	}
	switch {
	case relation != "" && relation != "score" && s != "":
		return relation + " (" + s + ")"
	case relation != "" && relation != "score":
		return relation
	case s == "":
		return "-"
	}
	return s
}

// formatBillions writes a parameter count in billions: "671B", "1T".
func formatBillions(b float64) string {
	if b >= 1000 {
		return strconv.FormatFloat(b/1000, 'f', -1, 64) + "T"
	}
	return strconv.FormatFloat(b, 'f', -1, 64) + "B"
}

func orNotStated(s string) string {
	if s == "" {
		return "not stated"
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
