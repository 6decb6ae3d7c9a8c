package intel_test

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/extractor"
)

// newsArticle is one short article of testdata/news/news.yaml.
type newsArticle struct {
	Lang    string   `yaml:"lang"`
	Title   string   `yaml:"title"`
	Text    string   `yaml:"text"`
	Vendor  string   `yaml:"vendor"`
	Models  []string `yaml:"models"`
	Others  []string `yaml:"others"`
	Garbles []string `yaml:"garbles"`
}

func loadNews(t testing.TB) []newsArticle {
	t.Helper()
	data, err := os.ReadFile("testdata/news/news.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Articles []newsArticle `yaml:"articles"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	return doc.Articles
}

// newsPage renders an article as the HTML page a news site would serve.
func newsPage(n newsArticle) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html><html lang=%q><head><meta charset=\"utf-8\"><title>%s</title></head><body>", n.Lang, html.EscapeString(n.Title))
	fmt.Fprintf(&b, "<article><h1>%s</h1>", html.EscapeString(n.Title))
	for _, p := range strings.Split(strings.TrimSpace(n.Text), "\n") {
		fmt.Fprintf(&b, "<p>%s</p>", html.EscapeString(p))
	}
	b.WriteString("</article></body></html>")
	return []byte(b.String())
}

// newsResult is what went right and wrong with one article.
type newsResult struct {
	resolved bool
	strays   []string
}

// judgeNews checks an analysed article: the vendor and every model
// resolved to their catalog identities, and nothing reported that is a
// garble taken for an entity of its own (a provisional model or vendor,
// or a model or vendor read from a garbled spelling under another id).
func judgeNews(n newsArticle, a event.Article) newsResult {
	var r newsResult
	vendors := map[string]bool{}
	for _, v := range a.Vendors {
		vendors[v.ID] = true
		if v.Resolution != nil && v.Resolution.Provisional {
			r.strays = append(r.strays, "vendor "+v.Name)
		}
		if v.ID != n.Vendor && overlapsAny(v.Mentions, n.Garbles) {
			r.strays = append(r.strays, "vendor "+v.ID+" from a garble")
		}
	}
	models := map[string]bool{}
	allowed := append(slices.Clone(n.Models), n.Others...)
	for _, m := range a.Models {
		models[m.ID] = true
		if m.Resolution != nil && m.Resolution.Provisional {
			r.strays = append(r.strays, "model "+m.Name)
		}
		if !slices.Contains(allowed, m.ID) && overlapsAny(m.Mentions, n.Garbles) {
			r.strays = append(r.strays, "model "+m.ID+" from a garble")
		}
	}
	r.resolved = vendors[n.Vendor]
	for _, id := range n.Models {
		r.resolved = r.resolved && models[id]
	}
	return r
}

func overlapsAny(mentions, forms []string) bool {
	for _, f := range forms {
		if overlaps(mentions, f) {
			return true
		}
	}
	return false
}

// TestNews runs the short articles of testdata/news through extraction and
// analysis and measures what the acceptance asks: at least 90% of
// articles resolve to the catalog vendor and canonical model, no garbled
// spelling becomes a vendor or model of its own, and each model has one
// display name across its spellings. go test -v prints the figures make
// eval shows.
func TestNews(t *testing.T) {
	an := newAnalyzer(t)
	news := loadNews(t)
	if len(news) < 50 {
		t.Fatalf("only %d articles", len(news))
	}
	byLang := tally{}
	resolved, strays := 0, 0
	names := map[string]map[string]bool{}
	x := extractor.New()
	for i, n := range news {
		url := fmt.Sprintf("https://news.example/%s/%d", n.Lang, i)
		a, tables, err := x.ExtractArticle(newsPage(n), url)
		if err != nil {
			t.Errorf("%s: %v", n.Title, err)
			byLang.add(n.Lang, false)
			continue
		}
		an.Analyze(&a, tables)
		r := judgeNews(n, a)
		byLang.add(n.Lang, r.resolved)
		if r.resolved {
			resolved++
		} else {
			t.Logf("not resolved: %q (%s): vendors %s, models %s", n.Title, a.Language, vendorList(a.Vendors), modelIDs(a.Models))
		}
		if len(r.strays) > 0 {
			strays++
			t.Logf("stray in %q: %v", n.Title, r.strays)
		}
		for _, m := range a.Models {
			if names[m.ID] == nil {
				names[m.ID] = map[string]bool{}
			}
			names[m.ID][m.Name] = true
		}
	}
	split := 0
	for id, ns := range names {
		if len(ns) > 1 {
			split++
			t.Logf("model %s has %d display names: %v", id, len(ns), ns)
		}
	}
	acc := float64(resolved) / float64(len(news))
	t.Logf("news resolved: %d/%d = %.3f (%s); articles with a garble as an entity of its own: %d; models with more than one display name: %d",
		resolved, len(news), acc, strings.TrimSpace(byLang.String()), strays, split)
	if acc < 0.9 || strays > 0 || split > 0 {
		t.Errorf("resolved %.3f (want ≥ 0.90), %d articles with stray entities, %d split names", acc, strays, split)
	}
}
