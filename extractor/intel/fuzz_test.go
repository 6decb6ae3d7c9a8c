package intel_test

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/extractor"
)

// FuzzAnalyze feeds arbitrary titles and texts (and a table made of the
// text's words) to Analyze: it must not panic, and what it reports must be
// well formed.
func FuzzAnalyze(f *testing.F) {
	an := newAnalyzer(f)
	paths, _ := filepath.Glob("testdata/cases/*.yaml")
	for _, p := range paths {
		c, a := loadCase(f, p)
		_ = c
		f.Add(a.Title, a.Text, a.Language)
	}
	f.Add("deepseek-ai/DeepSeek-V3", "V3 V3.1 R1-0528 K2 M1 Z1-Rumination 671B 6710억 1.000 tỷ tham số 65,8%", "vi")
	f.Add("", "Qwen Qwen- Qwen2.5- -Qwen 2.5 B 8x7B A22B .5 ..5 1,,2 %", "")
	f.Add("x/", "发布了 发布 公開 출시 ra mắt released outperforms 超越 上回る 능가 vượt trội", "zh")
	f.Add("", "엑사원 딥을 엑사원 딥러닝 混元Large 千问1.66亿 FLUX.1 [dev] FLUX.1 [ Qwen2.5-7B-RL- 마음AI가 Kaname AIは 2025.13.01 Step 3", "ko")
	f.Fuzz(func(t *testing.T, title, text, lang string) {
		a := event.Article{Title: title, Text: text, Language: lang}
		var rows [][]string
		words := strings.Fields(text)
		for i := 0; i+2 < len(words) && i < 30; i += 3 {
			rows = append(rows, []string{words[i], words[i+1], words[i+2]})
		}
		table := extractor.TableOf(rows)
		for i, row := range table.Rows {
			for j := range row {
				// Odd rows are headers; every fifth cell spans the next.
				row[j].Header = i%2 == 1
				row[j].Spanned = (i+j)%5 == 0
			}
		}
		an.Analyze(&a, []extractor.Table{table})
		for _, v := range a.Vendors {
			if v.ID == "" || v.Count <= 0 || !utf8.ValidString(v.Name) {
				t.Fatalf("bad vendor %+v", v)
			}
		}
		for _, m := range a.Models {
			if m.Name == "" || m.Count <= 0 || m.ParamsTotalB < 0 || m.ParamsActiveB < 0 || !validID(m.ID) || m.Parent != "" && !validID(m.Parent) ||
				m.Resolution == nil || m.Resolution.Confidence <= 0 || m.Resolution.Confidence > 1 || m.Resolution.Reason == "" || len(m.Mentions) == 0 {
				t.Fatalf("bad model %+v", m)
			}
		}
		for _, r := range a.Releases {
			if r.Model == "" || r.Confidence <= 0 || r.Confidence > 1 {
				t.Fatalf("bad release %+v", r)
			}
		}
		for _, c := range a.Claims {
			if c.Model == "" || c.Relation == "" || !utf8.ValidString(c.Target) || !utf8.ValidString(c.Evidence) {
				t.Fatalf("bad claim %+v", c)
			}
		}
	})
}

// adversarialCase is a page built to make a careless analyzer quadratic
// or unbounded: unit repeated to 1 MiB (or gen's units, all different:
// caches do not help there), then tail.
type adversarialCase struct {
	name, unit, title, lang, tail string
	gen                           func(i int) string
	// rows: the page has a benchmark table of that many models, all
	// different.
	rows int
	// empty: the page may yield nothing (no names in it).
	empty bool
}

// aiTitle makes a page about AI models, so the mechanisms that run only
// on such pages (discovery, roles, claims) read the repeated units.
const aiTitle = "Acme AI releases Foo-7B, a new open-weight AI language model"

// adversarialCases are the inputs of TestAdversarial and
// BenchmarkAdversarial. Those marked "was" took that long before the
// change that made them linear (1 MiB, one core).
func adversarialCases() []adversarialCase {
	return []adversarialCase{
		{name: "names", unit: "Qwen2.5-72B-Instruct DeepSeek-V3 Kimi K2 "},
		{name: "short versions", unit: "DeepSeek V3 R1 V3.1 K2 M1 "},
		{name: "cues", unit: "released outperforms comparable to 发布 超越 ", empty: true},
		{name: "numbers", unit: "65,8% 1.000 tỷ 671B 32B active parameters ", empty: true},
		{name: "release sentences", unit: "Acme AI released Foo-7B, beating Bar-3B. "},
		{name: "cjk", unit: "阿里巴巴发布通义千问Qwen3，超越深度求索。"},
		{name: "no spaces", unit: "Qwen2-Qwen-Qwen-Qwen-"},
		// was about an hour: every version after native letters searched
		// the whole text for the letters and an organisation suffix
		{name: "maker word", unit: "栖云智能发布了栖云R2，超越DeepSeek-R1。", title: aiTitle, lang: "zh"},
		// was 4.3 s: each claim searched back to the line's start
		{name: "size subject", unit: "Acme AI released Foo in 7B and 32B sizes; the 32B scores 71.2 on GPQA. ", title: aiTitle},
		// was 2.6 s, as "size subject"
		{name: "korean comparison", unit: "GLM-4.6은 SWE-bench Verified에서 68.0%를 기록해 Qwen3-Max(65.3%)보다 높았다. ", title: aiTitle, lang: "ko"},
		// was about 15 s: every open bracket after the name searched the
		// rest of the text for its close, and copied what it held
		{name: "open gloss", unit: "株式会社カゲロウ（Kagerou は Kagerou-2 を公開しました。", tail: "）", title: aiTitle, lang: "ja"},
		// was 7 s: a sentence without end read whole for every name in it
		{name: "distinct makers", gen: func(i int) string {
			w := inventedWord(i)
			return w + " Labs released Zen" + w + "-2, "
		}, title: aiTitle},
		// was 5.2 s: every comparison read every model of the page
		{name: "distinct models", gen: func(i int) string {
			return "阿里巴巴发布了Qwen" + strconv.Itoa(i) + "-" + inventedWord(i) + "，超越DeepSeek-V" + strconv.Itoa(i) + "。"
		}, title: aiTitle, lang: "zh"},
		// was 1.6 s: each benchmark a page introduced was looked for among
		// all those before it
		{name: "distinct benchmarks", gen: func(i int) string {
			return "Foo-7B scores 71.2 on the " + inventedWord(i) + "Eval benchmark. "
		}, title: aiTitle},
		// was 4.4 s: each table model the prose did not name was searched
		// for through the whole text
		{name: "long table", gen: func(i int) string {
			return "Zed" + inventedWord(i) + "-7B beats Zed" + inventedWord(i+1) + "-7B on MMLU. "
		}, title: aiTitle, rows: 8000},
		{name: "korean gloss", unit: "모아랩스(Moa Labs)가 모아-7B를 공개했다. ", title: aiTitle, lang: "ko"},
		{name: "dated release", unit: "Acme AI released Foo-7B on October 30, beating Bar-3B. ", title: aiTitle},
		{name: "benchmark carry", unit: "On MMLU-Pro Foo-7B scores 71.2, versus 58.9 for Bar-3B. ", title: aiTitle},
		{name: "decimal commas", unit: "Foo-7B đạt 71,2% trên MMLU-Pro, cao hơn Bar-3B với 58,9%. ", title: aiTitle, lang: "vi"},
		{name: "table lines", unit: "| Foo-7B | 71.2 | 58.9 | Bar-3B |\n", title: aiTitle},
		{name: "distinct series", gen: func(i int) string {
			w := inventedWord(i)
			return "Acme AI released Foo" + w + "-7B, beating Bar" + w + "-3B. "
		}, title: aiTitle},
	}
}

// text returns the case's page: at most 1 MiB of units, then its tail.
func (tc adversarialCase) text() string {
	const size = 1 << 20
	if tc.gen == nil {
		return strings.Repeat(tc.unit, size/len(tc.unit)) + tc.tail
	}
	var b strings.Builder
	for i := 0; ; i++ {
		u := tc.gen(i)
		if b.Len()+len(u) > size {
			break
		}
		b.WriteString(u)
	}
	return b.String() + tc.tail
}

// tables returns the case's benchmark table, if it has one: a model and
// two scores a row.
func (tc adversarialCase) tables() []extractor.Table {
	if tc.rows == 0 {
		return nil
	}
	rows := [][]string{{"Model", "MMLU", "GPQA"}}
	for i := range tc.rows {
		rows = append(rows, []string{"Zed" + inventedWord(i) + "-7B", "71." + strconv.Itoa(i%10), "5" + strconv.Itoa(i%10)})
	}
	return []extractor.Table{extractor.TableOf(rows)}
}

// article returns the case's article with text: titled "t" and in
// English unless the case says otherwise.
func (tc adversarialCase) article(text string) event.Article {
	a := event.Article{Title: tc.title, Text: text, Language: tc.lang}
	if a.Title == "" {
		a.Title = "t"
	}
	if a.Language == "" {
		a.Language = "en"
	}
	return a
}

// inventedWord returns a capitalised word of letters, different for
// every i: "B", "C", …, "Ba", ….
func inventedWord(i int) string {
	var w []byte
	for i++; i > 0; i /= 26 {
		w = append([]byte{byte('a' + i%26)}, w...)
	}
	w[0] -= 'a' - 'A'
	return string(w)
}

// TestAdversarial runs inputs built to make a careless analyzer quadratic
// or unbounded: long runs of names, cues, numbers and short versions,
// glosses, claims and comparisons, and pages of all different names. The
// test has no timing assertion; a quadratic analyzer makes it time out
// (BenchmarkAdversarial shows the cost of each).
func TestAdversarial(t *testing.T) {
	an := newAnalyzer(t)
	for _, tc := range adversarialCases() {
		t.Run(tc.name, func(t *testing.T) {
			a := tc.article(tc.text())
			an.Analyze(&a, tc.tables())
			if len(a.Models)+len(a.Vendors)+len(a.Claims) == 0 && !tc.empty {
				t.Errorf("found nothing in %q repeated", tc.unit)
			}
		})
	}
}

// BenchmarkAdversarial measures Analyze on each adversarial page (one op
// is one 1 MiB page).
func BenchmarkAdversarial(b *testing.B) {
	an := newAnalyzer(b)
	for _, tc := range adversarialCases() {
		b.Run(strings.ReplaceAll(tc.name, " ", "_"), func(b *testing.B) {
			text, tables := tc.text(), tc.tables()
			b.SetBytes(int64(len(text)))
			for i := 0; i < b.N; i++ {
				a := tc.article(text)
				an.Analyze(&a, tables)
			}
		})
	}
}

// validID reports an id of two slugs: "<vendor>/<model>".
func validID(id string) bool {
	v, m, ok := strings.Cut(id, "/")
	return ok && v != "" && m != "" && event.Slug(v) == v && event.Slug(m) == m
}

// FuzzResolve feeds arbitrary names to Resolve: it must not panic, and
// every identity it returns must be well formed.
func FuzzResolve(f *testing.F) {
	an := newAnalyzer(f)
	for _, s := range []string{"qwen 3 coder", "Kwen3", "Zippu AI", "큐웬3", "Step 1X Edit", "", " ", "V3", "Deep Sik V3", "ｑｗｅｎ３", "gpt-4o mini", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		models, vendors := an.Resolve(name)
		for _, m := range models {
			if m.Name == "" || !validID(m.ID) || m.Resolution == nil {
				t.Fatalf("bad model %+v", m)
			}
		}
		for _, v := range vendors {
			if v.ID == "" || v.Resolution == nil {
				t.Fatalf("bad vendor %+v", v)
			}
		}
		_ = an.CanonicalModel(name)
		_ = an.CanonicalVendor(name)
	})
}
