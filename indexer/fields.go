package indexer

import (
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
