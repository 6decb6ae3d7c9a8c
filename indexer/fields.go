package indexer

import (
	"slices"
	"strings"
	"unicode"

	"github.com/modelwire/modelwire/event"
)

// modelKey folds a model name for exact filtering: lower case, letters and
// digits only, so "Qwen2.5-72B", "qwen 2.5 72b" and "QWEN2.5_72B" agree.
func modelKey(name string) string {
	var b strings.Builder
	for _, r := range name {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func vendorIDs(vs []event.Vendor) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		out = append(out, v.ID)
	}
	return out
}

func modelNames(ms []event.Model) []string {
	out := make([]string, 0, len(ms))
	for _, m := range ms {
		out = append(out, m.Name)
	}
	return out
}

func modelKeys(ms []event.Model) []string {
	out := make([]string, 0, len(ms))
	for _, m := range ms {
		out = append(out, modelKey(m.Name))
	}
	return out
}

// modelIDs are the canonical ids of the models ("alibaba/qwen3-coder").
func modelIDs(ms []event.Model) []string {
	out := make([]string, 0, len(ms))
	for _, m := range ms {
		if m.ID != "" {
			out = append(out, m.ID)
		}
	}
	return out
}

// unknownModels are the names of the models no catalog knows (provisional
// identities), which `modelwire catalog unknown` lists.
func unknownModels(ms []event.Model) []string {
	out := []string{}
	for _, m := range ms {
		if m.Resolution != nil && m.Resolution.Provisional {
			out = append(out, m.Name)
		}
	}
	return out
}

// splitModels splits model filters into model ids ("alibaba/qwen3-coder")
// and folded names ("qwen3coder"): a filter matches either.
func splitModels(values []string) (ids, keys []string) {
	for _, v := range values {
		if strings.Contains(v, "/") {
			ids = append(ids, strings.ToLower(strings.TrimSpace(v)))
		} else {
			keys = append(keys, modelKey(v))
		}
	}
	return ids, keys
}

func benchmarks(cs []event.Claim) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, c := range cs {
		if c.Benchmark != "" && !seen[c.Benchmark] {
			seen[c.Benchmark] = true
			out = append(out, c.Benchmark)
		}
	}
	return out
}

// BenchmarkKey folds a benchmark name for filters: lowercase letters and
// digits only ("SWE-bench Verified" → "swebenchverified").
func BenchmarkKey(name string) string { return modelKey(name) }

// benchmarkKeys returns the filter keys of the benchmarks an article's
// claims name: each name folded, and the names its leading words make
// ("AIME 2025" also gives "aime", "LiveCodeBench v6" "livecodebench",
// "SWE-bench Verified" "swebench"), so a filter on a benchmark finds its
// years, versions and subsets.
func benchmarkKeys(cs []event.Claim) []string {
	seen := map[string]bool{}
	out := []string{}
	add := func(k string) {
		if k != "" && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	for _, c := range cs {
		words := strings.Fields(c.Benchmark)
		for i := 1; i <= len(words); i++ {
			add(BenchmarkKey(strings.Join(words[:i], " ")))
		}
	}
	return out
}

// nameTerms returns the vendor and model names an article mentions, each
// followed by its parts cut where letters and digits meet and at
// punctuation ("Qwen2.5-Max" gives "Qwen2.5-Max" and "Qwen 2.5 Max"). The
// tokenizers of both stores keep "qwen2.5" whole, as Unicode word rules
// say, so without these parts a query for the family ("Qwen") would miss
// every article about one of its versions.
func nameTerms(a event.Article) []string {
	var out []string
	add := func(name string) {
		if name == "" || slices.Contains(out, name) {
			return
		}
		out = append(out, name)
		if parts := nameParts(name); parts != name && !slices.Contains(out, parts) {
			out = append(out, parts)
		}
	}
	for _, v := range a.Vendors {
		add(v.Name)
	}
	for _, m := range a.Models {
		add(m.Name)
		add(m.Family)
	}
	return out
}

// nameParts writes name with a space wherever a letter meets a digit and
// in place of punctuation, keeping a '.' or ',' between digits ("2.5").
func nameParts(name string) string {
	rs := []rune(name)
	var b strings.Builder
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if i > 0 && (unicode.IsLetter(rs[i-1]) && unicode.IsDigit(r) || unicode.IsDigit(rs[i-1]) && unicode.IsLetter(r)) {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
		case (r == '.' || r == ',') && i > 0 && i+1 < len(rs) && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1]):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
