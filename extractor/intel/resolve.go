package intel

import (
	"strings"
	"unicode/utf8"

	"github.com/modelwire/modelwire/event"
)

// maxResolveText bounds the text Resolve reads: names, not articles.
const maxResolveText = 4096

// Resolve reads text as names given alone — a search or subscription
// filter, an operator's query, an old record's model — and returns the
// models and vendors it names, each with its canonical identity and how
// it was resolved. Unlike Analyze it needs no talk of AI and no maker
// beside a name: lowercase names ("qwen3-coder"), spaced forms ("Step 3")
// and garbled names ("Kwen3", "Zippu AI") are read as the catalogued names
// they sound like, with the lower confidence of a name without context.
// Text that names no catalogued model or vendor resolves to one
// provisional model of that name. Resolve is safe for concurrent use.
func (an *Analyzer) Resolve(text string) ([]event.Model, []event.Vendor) {
	text = strings.TrimSpace(text)
	if len(text) > maxResolveText {
		text = text[:maxResolveText]
	}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	a := &event.Article{Text: text}
	s := an.newState(a, nil)
	defer an.states.Put(s)
	s.lenient = true
	s.scan()
	s.sortMentions()
	s.segment()
	s.shortForms()
	s.spacedForms()
	s.garbledVendors()
	s.garbledModels()
	s.finishMentions()
	s.output()
	if len(a.Models) == 0 && len(a.Vendors) == 0 && text != "" {
		name := strings.Join(strings.Fields(text), " ")
		a.Models = []event.Model{{ID: modelID("", name), Name: name, Mentions: []string{text},
			Resolution: &event.Resolution{Reason: "not in the catalog", Provisional: true}}}
	}
	return a.Models, a.Vendors
}

// CanonicalModel returns the canonical name of the model name names
// ("qwen 3 coder" → "Qwen3-Coder", "큐웬3" → "Qwen3"), or name itself,
// trimmed, when it names none the catalog knows. It is what search and
// subscription filters compare. Safe for concurrent use.
func (an *Analyzer) CanonicalModel(name string) string {
	if m, ok := an.ResolveModel(name); ok {
		return m.Name
	}
	return strings.TrimSpace(name)
}

// ResolveModel returns the catalogued model a name given alone names (see
// Resolve), and false when it names none: no catalogued model accounts for
// most of the name. Safe for concurrent use.
func (an *Analyzer) ResolveModel(name string) (event.Model, bool) {
	models, _ := an.Resolve(name)
	if m, ok := covering(models, name); ok && !m.Resolution.Provisional {
		return m, true
	}
	return event.Model{}, false
}

// CanonicalBenchmark returns the catalog's name of the benchmark name
// names, with the year, version or subset it gives ("aime 2025" → "AIME
// 2025", "swe bench verified" → "SWE-bench Verified", "lcb v6" →
// "LiveCodeBench v6" when the catalog knows the alias), or name itself,
// trimmed, when it names none the catalog knows. It is what benchmark
// filters compare. Safe for concurrent use.
func (an *Analyzer) CanonicalBenchmark(name string) string {
	name = strings.TrimSpace(name)
	s := &state{an: an, byKey: map[string]int{}, cellMode: true, primary: -1, topic: -1}
	s.buf = append(s.buf, name...)
	s.scan()
	whole := len(s.benches) > 0 && s.benches[0].start == 0
	if whole && s.benches[0].end == len(s.buf) {
		return s.benches[0].name // "aime 2025", "LiveCodeBench v5"
	}
	if i, ok := an.c.benchByFold[fold(name)]; ok {
		return an.cat.Benchmarks[i].Name // "math500", "swe bench verified"
	}
	if whole {
		return s.benches[0].name
	}
	return name
}

// CanonicalVendor returns the catalog id of the vendor name names ("Zhipu
// AI", "智谱", "zippu ai" → "zhipu"), or event.Slug(name) when it names none
// the catalog knows. Safe for concurrent use.
func (an *Analyzer) CanonicalVendor(name string) string {
	if v, ok := an.c.vendorOfAlias[fold(name)]; ok {
		return an.cat.Vendors[v].ID
	}
	models, vendors := an.Resolve(name)
	if len(vendors) > 0 && (len(models) == 0 || vendors[0].Resolution.Reason != vendorReason(howDiscovered+1)) {
		return vendors[0].ID
	}
	return event.Slug(name)
}

// VendorName returns the display name of the catalog vendor with id, or ""
// when the catalog has none.
func (an *Analyzer) VendorName(id string) string {
	if v, ok := an.cat.Vendor(id); ok {
		return v.Name
	}
	return ""
}

// covering returns the model whose mentions cover most of text — at least
// coverShare of its letters and digits: the model a filter names, rather
// than one inside it ("Kimi" in "KIMI K 2").
func covering(models []event.Model, text string) (event.Model, bool) {
	best, n := -1, 0
	for i, m := range models {
		for _, s := range m.Mentions {
			if l := len(fold(s)); l > n {
				best, n = i, l
			}
		}
	}
	if best < 0 || float64(n) < coverShare*float64(len(fold(text))) {
		return event.Model{}, false
	}
	return models[best], true
}

// coverShare is the share of a filter's letters and digits the name it
// resolves to must account for.
const coverShare = 0.8
