package intel_test

import (
	"path/filepath"
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

// TestAdversarial runs inputs built to make a careless analyzer quadratic
// or unbounded: long runs of names, cues, numbers and short versions. The
// test has no timing assertion; a quadratic analyzer makes it time out.
func TestAdversarial(t *testing.T) {
	an := newAnalyzer(t)
	for _, tc := range []struct{ name, unit string }{
		{"names", "Qwen2.5-72B-Instruct DeepSeek-V3 Kimi K2 "},
		{"short versions", "DeepSeek V3 R1 V3.1 K2 M1 "},
		{"cues", "released outperforms comparable to 发布 超越 "},
		{"numbers", "65,8% 1.000 tỷ 671B 32B active parameters "},
		{"release sentences", "Acme AI released Foo-7B, beating Bar-3B. "},
		{"cjk", "阿里巴巴发布通义千问Qwen3，超越深度求索。"},
		{"no spaces", "Qwen2-Qwen-Qwen-Qwen-"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := strings.Repeat(tc.unit, (1<<20)/len(tc.unit))
			a := event.Article{Title: "t", Text: text, Language: "en"}
			an.Analyze(&a, nil)
			if len(a.Models)+len(a.Vendors)+len(a.Claims) == 0 && tc.name != "cues" && tc.name != "numbers" {
				t.Errorf("found nothing in %q repeated", tc.unit)
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
