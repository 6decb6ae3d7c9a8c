package intel_test

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/modelwire/modelwire/event"
)

// resolveRow is one line of testdata/resolve.tsv.
type resolveRow struct {
	line        int
	lang, text  string
	wantModels  []string
	wantVendors []string
	none        bool
}

func loadResolveRows(t testing.TB) []resolveRow {
	t.Helper()
	f, err := os.Open("testdata/resolve.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []resolveRow
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			t.Fatalf("resolve.tsv:%d: %d columns, want 3", n, len(cols))
		}
		r := resolveRow{line: n, lang: cols[0], text: cols[2]}
		for _, w := range strings.Fields(cols[1]) {
			switch {
			case w == "none":
				r.none = true
			case strings.HasPrefix(w, "model:"):
				r.wantModels = append(r.wantModels, strings.TrimPrefix(w, "model:"))
			case strings.HasPrefix(w, "vendor:"):
				r.wantVendors = append(r.wantVendors, strings.TrimPrefix(w, "vendor:"))
			default:
				t.Fatalf("resolve.tsv:%d: bad want %q", n, w)
			}
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// frames put a name given alone into a short sentence of its language.
var frames = map[string]string{
	"en": "The new language model is %s.",
	"zh": "新的大模型是%s。",
	"ja": "新しい言語モデルは%sです。",
	"ko": "새 언어 모델은 %s이다.",
	"vi": "Mô hình ngôn ngữ mới là %s.",
}

// titles make each row a short article about AI models.
var titles = map[string]string{
	"en": "AI model news", "zh": "AI 大模型新闻", "ja": "AIモデルのニュース", "ko": "AI 모델 뉴스", "vi": "Tin mô hình AI",
}

// halfwidth folds fullwidth letters and digits as the analyzer reads them.
func halfwidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '！' && r <= '～':
			return r - 0xFEE0
		case r == '　':
			return ' '
		}
		return r
	}, s)
}

// overlaps reports whether a spelling the analyzer kept covers the form.
func overlaps(mentions []string, form string) bool {
	f := fold(halfwidth(form))
	for _, m := range mentions {
		g := fold(halfwidth(m))
		if f != "" && g != "" && (strings.Contains(g, f) || strings.Contains(f, g)) {
			return true
		}
	}
	return false
}

// checkRow reads one row as a short article and returns what is wrong,
// "" when nothing.
func checkRow(r resolveRow, a event.Article) string {
	form := r.text
	if i, j := strings.Index(r.text, "{"), strings.Index(r.text, "}"); i >= 0 && j > i {
		form = r.text[i+1 : j]
	}
	var bad []string
	for _, m := range a.Models {
		if m.Resolution != nil && m.Resolution.Provisional {
			bad = append(bad, fmt.Sprintf("provisional model %q (%v)", m.Name, m.Mentions))
		}
		if r.none && overlaps(m.Mentions, form) {
			bad = append(bad, fmt.Sprintf("model %s from %v", m.ID, m.Mentions))
		}
	}
	vendors := map[string]event.Vendor{}
	for _, v := range a.Vendors {
		vendors[v.ID] = v
		if v.Resolution != nil && v.Resolution.Provisional {
			bad = append(bad, fmt.Sprintf("provisional vendor %q", v.Name))
		}
		if r.none && overlaps(v.Mentions, form) {
			bad = append(bad, fmt.Sprintf("vendor %s from %v", v.ID, v.Mentions))
		}
	}
	for _, id := range r.wantModels {
		found := false
		for _, m := range a.Models {
			if m.ID == id && overlaps(m.Mentions, form) {
				found = true
			}
		}
		if !found {
			bad = append(bad, fmt.Sprintf("no model %s (got %s)", id, modelIDs(a.Models)))
		}
		if v, _, _ := strings.Cut(id, "/"); vendors[v].ID == "" {
			bad = append(bad, "no vendor "+v)
		}
	}
	for _, id := range r.wantVendors {
		if v, ok := vendors[id]; !ok || !overlaps(v.Mentions, form) && len(r.wantModels) == 0 {
			bad = append(bad, fmt.Sprintf("no vendor %s from the form (got %v)", id, vendorList(a.Vendors)))
		}
	}
	return strings.Join(bad, "; ")
}

func modelIDs(ms []event.Model) string {
	var out []string
	for _, m := range ms {
		out = append(out, m.ID+" "+fmt.Sprint(m.Mentions))
	}
	return "[" + strings.Join(out, ", ") + "]"
}

func vendorList(vs []event.Vendor) string {
	var out []string
	for _, v := range vs {
		out = append(out, v.ID+" "+fmt.Sprint(v.Mentions))
	}
	return "[" + strings.Join(out, ", ") + "]"
}

// tally counts rows passed and read, by group.
type tally map[string][2]int

func (t tally) add(group string, ok bool) {
	c := t[group]
	c[1]++
	if ok {
		c[0]++
	}
	t[group] = c
}

func (t tally) String() string {
	var keys []string
	for k := range t {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		c := t[k]
		fmt.Fprintf(&b, " %s %d/%d", k, c[0], c[1])
	}
	return b.String()
}

// Minimum resolution accuracy the table must keep: names in text, names
// given alone, and ordinary words (all of which must stay ordinary).
const (
	minInText = 0.95
	minAlone  = 0.95
)

// TestResolution reads every row of testdata/resolve.tsv — catalogued
// names spelt with other spacing, hyphens, case and script, garbled and
// transliterated names beside their context, vendor spellings, and
// ordinary words — and wants the canonical identity of each; it fails
// below minInText and minAlone, or if any ordinary word becomes a name.
// go test -v prints the accuracy line make eval shows.
func TestResolution(t *testing.T) {
	an := newAnalyzer(t)
	rows := loadResolveRows(t)
	if len(rows) < 300 {
		t.Fatalf("only %d rows", len(rows))
	}
	inText, alone := tally{}, tally{}
	passed, aloneOK, aloneN, ordinaryBad := 0, 0, 0, 0
	for _, r := range rows {
		text := r.text
		braced := strings.Contains(text, "{")
		if braced {
			text = strings.NewReplacer("{", "", "}", "").Replace(text)
		} else {
			text = fmt.Sprintf(frames[r.lang], text)
		}
		a := event.Article{Title: titles[r.lang], Text: text, Language: r.lang}
		an.Analyze(&a, nil)
		problem := checkRow(r, a)
		group := r.lang
		if r.none {
			group = "ordinary"
			if problem != "" {
				ordinaryBad++
			}
		}
		inText.add(group, problem == "")
		if problem == "" {
			passed++
		} else {
			t.Logf("resolve.tsv:%d %q: %s", r.line, r.text, problem)
		}
		if braced || r.none {
			continue
		}
		// The same name given alone, as a filter or an operator types it.
		models, _ := an.Resolve(r.text)
		ok := false
		for _, m := range models {
			for _, id := range r.wantModels {
				ok = ok || m.ID == id
			}
		}
		aloneN++
		alone.add(r.lang, ok)
		if ok {
			aloneOK++
		} else {
			t.Logf("resolve.tsv:%d %q alone: got %s", r.line, r.text, modelIDs(models))
		}
	}
	acc := float64(passed) / float64(len(rows))
	accAlone := float64(aloneOK) / float64(aloneN)
	t.Logf("resolution accuracy in text: %d/%d = %.3f (%s)", passed, len(rows), acc, strings.TrimSpace(inText.String()))
	t.Logf("resolution accuracy alone:   %d/%d = %.3f (%s)", aloneOK, aloneN, accAlone, strings.TrimSpace(alone.String()))
	if acc < minInText || accAlone < minAlone {
		t.Errorf("resolution accuracy %.3f in text, %.3f alone; want at least %.2f and %.2f", acc, accAlone, minInText, minAlone)
	}
	if ordinaryBad > 0 {
		t.Errorf("%d ordinary words read as names", ordinaryBad)
	}
}

// TestCanonical checks the names filters compare: every spelling of a
// model gives its canonical name, every name of a vendor its id, and
// names no catalog knows come back as given.
func TestCanonical(t *testing.T) {
	an := newAnalyzer(t)
	for in, want := range map[string]string{
		"Qwen3 Coder": "Qwen3-Coder", "qwen3-coder": "Qwen3-Coder", "qwen 3 coder": "Qwen3-Coder", "큐웬3": "Qwen3",
		"Kimi-K2": "Kimi K2", "kimi k2": "Kimi K2", "Claude 4 Opus": "Claude Opus 4", "Kwen3": "Qwen3",
		"Step 3": "Step-3", "Zephyr-9B": "Zephyr-9B", "  Acme Model  ": "Acme Model",
		"Command R+": "Command R+", "command-r-plus": "Command R+", "Command R": "Command R",
	} {
		if got := an.CanonicalModel(in); got != want {
			t.Errorf("CanonicalModel(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"Zhipu AI": "zhipu", "智谱": "zhipu", "Zippu AI": "zhipu", "deepseek": "deepseek", "Moonshot": "moonshot",
		"Acme Labs": "acme-labs",
	} {
		if got := an.CanonicalVendor(in); got != want {
			t.Errorf("CanonicalVendor(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCanonicalBenchmark resolves benchmark filters to the catalog's
// names, keeping the year or version a name gives.
func TestCanonicalBenchmark(t *testing.T) {
	an := newAnalyzer(t)
	for in, want := range map[string]string{
		"AIME":               "AIME",
		"aime 2025":          "AIME 2025",
		"swe bench verified": "SWE-bench Verified",
		"LiveCodeBench v5":   "LiveCodeBench v5",
		"arena hard v2":      "Arena-Hard v2",
		"math500":            "MATH-500",
		" NoSuchBench ":      "NoSuchBench",
	} {
		if got := an.CanonicalBenchmark(in); got != want {
			t.Errorf("CanonicalBenchmark(%q) = %q, want %q", in, got, want)
		}
	}
}
