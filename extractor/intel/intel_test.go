package intel_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/modelwire/modelwire/configs"
	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/extractor"
	"github.com/modelwire/modelwire/extractor/intel"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

var (
	analyzerOnce sync.Once
	analyzer     *intel.Analyzer
)

// newAnalyzerUncached loads and compiles the shipped catalog.
func newAnalyzerUncached(tb testing.TB) *intel.Analyzer {
	tb.Helper()
	cat, err := configs.Catalog()
	if err != nil {
		tb.Fatalf("loading catalog: %v", err)
	}
	return intel.New(cat)
}

// newAnalyzer compiles the shipped catalog once for all tests.
func newAnalyzer(tb testing.TB) *intel.Analyzer {
	tb.Helper()
	analyzerOnce.Do(func() {
		cat, err := configs.Catalog()
		if err != nil {
			tb.Fatalf("loading catalog: %v", err)
		}
		analyzer = intel.New(cat)
	})
	if analyzer == nil {
		tb.Fatal("no analyzer")
	}
	return analyzer
}

// testCase is one hand-written article with what a correct analysis must
// and must not report.
type testCase struct {
	Title     string            `yaml:"title"`
	URL       string            `yaml:"url"`
	Language  string            `yaml:"language"`
	Published string            `yaml:"published"`
	Text      string            `yaml:"text"`
	Tables    []extractor.Table `yaml:"-"`
	// Grids are tables written as rows of cells (a cell: a string, or
	// {text, header, strong, spanned}); HTML holds tables as a page
	// writes them, read by extractor.Tables.
	Grids [][][]extractor.Cell `yaml:"tables"`
	HTML  string               `yaml:"html"`
	Want  expectations         `yaml:"want"`
}

type expectations struct {
	Vendors     []string `yaml:"vendors"`
	Models      []string `yaml:"models"`
	Releases    []string `yaml:"releases"`
	NotReleases []string `yaml:"not_releases"`
	NotModels   []string `yaml:"not_models"`
	NotVendors  []string `yaml:"not_vendors"`
	// Roles are models' roles (event.RoleAnnounced, …) by name.
	Roles  map[string]string `yaml:"roles"`
	Claims []wantClaim       `yaml:"claims"`
	// NotClaims are claims no correct analysis makes (a margin read as
	// a rival's score); their fields match as Claims' do.
	NotClaims []wantClaim `yaml:"not_claims"`
	Params    []struct {
		Model  string  `yaml:"model"`
		Total  float64 `yaml:"total"`
		Active float64 `yaml:"active"`
	} `yaml:"params"`
}

// wantClaim is a claim a case expects, or forbids: its empty fields
// match any.
type wantClaim struct {
	Model     string   `yaml:"model"`
	Benchmark string   `yaml:"benchmark"`
	Target    string   `yaml:"target"`
	Value     *float64 `yaml:"value"`
}

// matches reports a claim that has every field w gives.
func (w wantClaim) matches(c event.Claim) bool {
	if fold(c.Model) != fold(w.Model) ||
		w.Benchmark != "" && fold(c.Benchmark) != fold(w.Benchmark) ||
		w.Target != "" && !strings.Contains(fold(c.Target), fold(w.Target)) {
		return false
	}
	return w.Value == nil || c.Value != nil && math.Abs(*c.Value-*w.Value) <= 0.051
}

// fold compares names as the evaluation does: lowercase letters and digits.
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func loadCase(t testing.TB, path string) (testCase, event.Article) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var c testCase
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for _, g := range c.Grids {
		c.Tables = append(c.Tables, extractor.Table{Rows: g})
	}
	if c.HTML != "" {
		doc, err := extractor.Parse([]byte(c.HTML))
		if err != nil {
			t.Fatalf("%s: html: %v", path, err)
		}
		c.Tables = append(c.Tables, extractor.Tables(doc)...)
	}
	a := event.Article{Title: c.Title, URL: c.URL, Text: c.Text, Language: c.Language}
	if c.Published != "" {
		p, err := time.Parse("2006-01-02", c.Published)
		if err != nil {
			t.Fatalf("%s: published: %v", path, err)
		}
		a.PublishedAt = p
	}
	return c, a
}

func TestAnalyze(t *testing.T) {
	an := newAnalyzer(t)
	paths, err := filepath.Glob("testdata/cases/*.yaml")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no test cases: %v", err)
	}
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".yaml")
		t.Run(name, func(t *testing.T) {
			c, a := loadCase(t, path)
			an.Analyze(&a, c.Tables)
			check(t, c.Want, a)
			golden(t, name, a)
		})
	}
}

func check(t *testing.T, w expectations, a event.Article) {
	t.Helper()
	vendors := map[string]bool{}
	for _, v := range a.Vendors {
		vendors[fold(v.ID)] = true
		vendors[fold(v.Name)] = true
	}
	for _, v := range w.Vendors {
		if !vendors[fold(v)] {
			t.Errorf("vendor %q not found in %v", v, a.Vendors)
		}
	}
	for _, v := range w.NotVendors {
		if vendors[fold(v)] {
			t.Errorf("%q reported as a vendor", v)
		}
	}
	models := map[string]event.Model{}
	for _, m := range a.Models {
		models[fold(m.Name)] = m
	}
	for _, m := range w.Models {
		if _, ok := models[fold(m)]; !ok {
			t.Errorf("model %q not found in %v", m, names(a.Models))
		}
	}
	for _, m := range w.NotModels {
		if _, ok := models[fold(m)]; ok {
			t.Errorf("%q reported as a model", m)
		}
	}
	released := map[string]bool{}
	for _, r := range a.Releases {
		released[fold(r.Model)] = true
		if r.Confidence <= 0 || r.Confidence > 1 || r.Evidence == "" {
			t.Errorf("release %q: confidence %v, evidence %q", r.Model, r.Confidence, r.Evidence)
		}
	}
	for _, m := range w.Releases {
		if !released[fold(m)] {
			t.Errorf("release %q not found in %+v", m, a.Releases)
		}
	}
	for _, m := range w.NotReleases {
		if released[fold(m)] {
			t.Errorf("%q reported as released", m)
		}
	}
	for _, want := range w.Claims {
		if !slices.ContainsFunc(a.Claims, want.matches) {
			t.Errorf("claim %+v (value %v) not found in %s", want, deref(want.Value), claimsString(a.Claims))
		}
	}
	for _, not := range w.NotClaims {
		if slices.ContainsFunc(a.Claims, not.matches) {
			t.Errorf("claim %+v (value %v) reported in %s", not, deref(not.Value), claimsString(a.Claims))
		}
	}
	for name, role := range w.Roles {
		m, ok := models[fold(name)]
		switch {
		case !ok:
			t.Errorf("role of %q: model not found", name)
		case m.Role != role:
			t.Errorf("role of %q = %q (%q), want %q", name, m.Role, m.Evidence, role)
		case m.Evidence == "":
			t.Errorf("role of %q: no evidence", name)
		}
	}
	for _, r := range a.Releases {
		if !event.Releasing(r.Role) || r.Role == "" {
			t.Errorf("release %q has role %q", r.Model, r.Role)
		}
	}
	for _, p := range w.Params {
		m, ok := models[fold(p.Model)]
		if !ok {
			t.Errorf("params: model %q not found", p.Model)
			continue
		}
		if p.Total != 0 && m.ParamsTotalB != p.Total || p.Active != 0 && m.ParamsActiveB != p.Active {
			t.Errorf("params of %q = %v total, %v active; want %v, %v", p.Model, m.ParamsTotalB, m.ParamsActiveB, p.Total, p.Active)
		}
	}
}

func deref(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

func names(ms []event.Model) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Name)
	}
	return out
}

func claimsString(cs []event.Claim) string {
	var b strings.Builder
	for _, c := range cs {
		v := ""
		if c.Value != nil {
			v = "=" + strings.TrimRight(strings.TrimRight(jsonString(*c.Value), "0"), ".")
		}
		b.WriteString("\n  " + c.Model + " | " + c.Benchmark + v + " | " + c.Relation + " " + c.Target)
	}
	return b.String()
}

func jsonString(v any) string {
	out, _ := json.Marshal(v)
	return string(out)
}

// golden compares the whole analysis with testdata/golden/NAME.json; run
// with -update to rewrite it after a deliberate change.
func golden(t *testing.T, name string, a event.Article) {
	t.Helper()
	got, err := json.MarshalIndent(struct {
		Vendors  []event.Vendor  `json:"vendors"`
		Models   []event.Model   `json:"models"`
		Claims   []event.Claim   `json:"claims"`
		Releases []event.Release `json:"releases"`
	}{a.Vendors, a.Models, a.Claims, a.Releases}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "golden", name+".json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("analysis differs from %s (run go test -update after a deliberate change):\n%s", path, got)
	}
}

// TestNames checks the name grammar on the spellings news and READMEs use.
func TestNames(t *testing.T) {
	an := newAnalyzer(t)
	for _, tc := range []struct {
		name, text string
		want, not  []string
	}{
		{"hyphenated", "We tested Qwen2.5-72B-Instruct and DeepSeek-V3-0324 today.", []string{"Qwen2.5-72B-Instruct", "DeepSeek-V3-0324"}, nil},
		{"spaced", "Llama 3.1 405B and Claude 3.5 Sonnet and Claude Sonnet 4 and Gemini 2.5 Flash-Lite.", []string{"Llama 3.1 405B", "Claude 3.5 Sonnet", "Claude Sonnet 4", "Gemini 2.5 Flash-Lite"}, nil},
		{"openai", "GPT-4o, GPT-4.1 mini, o3-mini, o1 and gpt-oss-120b were compared.", []string{"GPT-4o", "GPT-4.1 mini", "o3-mini", "o1", "gpt-oss-120B"}, nil},
		{"moe sizes", "Qwen3-235B-A22B, Hunyuan-A13B and Mixtral 8x22B use experts.", []string{"Qwen3-235B-A22B", "Hunyuan-A13B", "Mixtral 8x22B"}, nil},
		{"distill", "DeepSeek-R1-Distill-Qwen-32B is small; so is R1-Distill-Qwen-14B beside DeepSeek-V3.", []string{"DeepSeek-R1-Distill-Qwen-32B", "DeepSeek-R1-Distill-Qwen-14B"}, []string{"Qwen-32B", "Qwen-14B"}},
		{"derivatives", "Llama-3-ELYZA-JP-8B, Llama-3.1-Swallow-8B and Llama-3.1-Nemotron-70B-Instruct are fine-tuned from Meta-Llama-3-70B-Instruct.", []string{"Llama-3-ELYZA-JP-8B", "Llama-3.1-Swallow-8B", "Llama-3.1-Nemotron-70B-Instruct", "Llama-3-70B-Instruct"}, nil},
		{"training stages", "MiMo-7B-RL, MiMo-7B-SFT and MiMo-7B-RL-0530 beat Qwen2.5-7B-AWQ.", []string{"MiMo-7B-RL", "MiMo-7B-SFT", "MiMo-7B-RL-0530", "Qwen2.5-7B"}, []string{"Qwen2.5-7B-AWQ"}},
		{"packaging dropped", "Download QwQ-32B-GGUF or Yi-34B-Chat-4bits or PhoGPT-4B-Chat-Q4_K_M.", []string{"QwQ-32B", "Yi-34B-Chat", "PhoGPT-4B-Chat"}, []string{"QwQ-32B-GGUF"}},
		{"transliterated", "딥시크-V3.1과 큐웬3, 엑사원 4.0, 通义千问2.5, 混元T1", []string{"DeepSeek-V3.1", "Qwen3", "EXAONE 4.0", "Qwen2.5", "Hunyuan-T1"}, nil},
		{"table row is no name", "GLM-4-9B-0414 Chat 32K PhoGPT-4B Base 3.7B", []string{"GLM-4-9B-0414", "PhoGPT-4B"}, []string{"GLM-4-9B-0414 Chat", "PhoGPT-4B Base 3.7B"}},
		{"code is no name", "KeyError: 'qwen2' and --reasoning-parser qwen3 and llama.cpp and LLaMA-Factory", nil, []string{"Qwen2", "Qwen3", "Llama"}},
		{"ordinary words", "Step 1: install. The Falcon 9 rocket. Claude Monet. A phi coefficient. Meta-learning. Apple pie.", nil, []string{"Step 1", "Falcon 9", "Claude", "Phi"}},
		{"documents", "See the Step-Audio-Report and the Yi-34B-Chat-Playground.", nil, []string{"Step-Audio-Report", "Yi-34B-Chat-Playground"}},
		{"short forms", "DeepSeek released V3.1, which beats R1-0528; a V100 GPU is no model.", []string{"DeepSeek-V3.1", "DeepSeek-R1-0528"}, []string{"DeepSeek-V100"}},
		{"fullwidth", "米メタは「Ｌｌａｍａ　４」を公開した。", []string{"Llama 4"}, nil},
		{"sub-brands", "HunyuanVideo, MedGemma 27B, Hunyuan-MT-7B, OLMoE-1B-7B and DeepSeek-OCR.", []string{"HunyuanVideo", "MedGemma 27B", "Hunyuan-MT-7B", "OLMoE-1B-7B", "DeepSeek-OCR"}, []string{"Hunyuan", "Gemma"}},
		{"spaced variants", "Gen-3 Alpha, Gen-4 Turbo, FLUX.1 Kontext, Hailuo 02 and Aya Expanse.", []string{"Gen-3 Alpha", "Gen-4 Turbo", "FLUX.1 Kontext", "Hailuo 02", "Aya Expanse"}, nil},
		{"native variants", "LG가 엑사원 딥을 공개했다. 엑사원 딥-32B, 솔라 프로 2, 딥러닝 엑사원 딥러닝.", []string{"EXAONE Deep", "EXAONE Deep-32B", "Solar Pro 2"}, []string{"EXAONE Deep Learning"}},
		{"brackets", "FLUX.1 [dev], FLUX.1 Kontext [pro] and Granite-4.0-H-Small; see [1].", []string{"FLUX.1 dev", "FLUX.1 Kontext pro", "Granite-4.0-H-Small"}, nil},
		{"glued code", "Support DeepseekV2, KimiK2 and DeepSeekV2.5-Lite; see the DeepseekV3Config class.", []string{"DeepSeek-V2", "Kimi K2", "DeepSeek-V2.5-Lite"}, []string{"DeepSeek-2", "DeepSeek", "Kimi", "DeepSeek-V3"}},
		{"experts times size", "Support mixtral 8*7B, Mixtral 8×22B and Mixtral 8 * 7B; Gemini 3 Pro is 2× faster.", []string{"Mixtral 8x7B", "Mixtral 8x22B", "Gemini 3 Pro"}, []string{"Mixtral 8", "Gemini 3 Pro 2"}},
		{"acronym inside", "Support LlaVA-Next and Lama 3 from Meta.", []string{"Llama 3"}, []string{"Llama Next", "Llama"}},
		{"acronym inside the stem too", "OpenAI released ChatGBT 5. Zhipu released ChatGML-4.", []string{"ChatGPT-5", "ChatGLM4"}, nil},
		{"stem spelt in full", "Lightricks released a new detailer model LTX-Video-ICLoRA-detailer-13B-0.9.8; Meta released Lama 3.", []string{"Llama 3"}, []string{"LTXV-Video"}},
		{"spaced joined", "StepFun released Step 3, a new language model. Step 2 of the guide: install.", []string{"Step 3"}, []string{"Step 2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := event.Article{Title: "t", Text: tc.text, Language: "en"}
			an.Analyze(&a, nil)
			got := map[string]bool{}
			for _, m := range a.Models {
				got[fold(m.Name)] = true
			}
			for _, w := range tc.want {
				if !got[fold(w)] {
					t.Errorf("%q not found in %v", w, names(a.Models))
				}
			}
			for _, n := range tc.not {
				if got[fold(n)] {
					t.Errorf("%q reported in %v", n, names(a.Models))
				}
			}
		})
	}
}

// TestDisplayNames checks the exact name a model is reported under where
// the folded comparison of TestNames cannot tell spellings apart.
func TestDisplayNames(t *testing.T) {
	an := newAnalyzer(t)
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		// A number and capitals written onto a stem name a line of
		// models, not a version to hyphenate.
		{"line on the stem", "Tencent released Hunyuan7X-2.0 and Hunyuan7X-Lite; GPT4o is older.", []string{"Hunyuan7X-2.0", "Hunyuan7X-Lite", "GPT-4o"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := event.Article{Title: "t", Text: tc.text, Language: "en"}
			an.Analyze(&a, nil)
			for _, w := range tc.want {
				if !slices.Contains(names(a.Models), w) {
					t.Errorf("%q not found in %v", w, names(a.Models))
				}
			}
		})
	}
}

// TestDocuments checks that a model named past a released document is not
// released, and that one whose weights come with the document is.
func TestDocuments(t *testing.T) {
	an := newAnalyzer(t)
	for _, tc := range []struct {
		name, text string
		released   bool
	}{
		{"report", "Meta released a report on Tuesday that compares Llama 4 Maverick with GPT-4.5.", false},
		{"report and weights", "Moonshot AI released the technical report and the model weights of Kimi K2 on Tuesday.", true},
		{"Japanese report", "米メタは「Llama 4 Maverick」を比較したレポートを公開した。", false},
		{"model", "Meta released Llama 4 Maverick, a language model, on Tuesday.", true},
		{"phones", "Samsung released new Galaxy S25 smartphones on Thursday, adding to the AI craze spurred by ChatGPT's expansion.", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := event.Article{Title: "Language model news", Text: tc.text, Language: "en"}
			an.Analyze(&a, nil)
			if got := len(a.Releases) > 0; got != tc.released {
				t.Errorf("released = %v (%+v), want %v", got, a.Releases, tc.released)
			}
		})
	}
}

// TestThinArticles checks that short announcements with little AI talk
// still count as about AI: a parameter count in the title, or a versioned
// catalogued model.
func TestThinArticles(t *testing.T) {
	an := newAnalyzer(t)
	for _, tc := range []struct{ title, text, release string }{
		{"Nimbus Labs releases Zephyr-9B", "Download it from our site today.", "Zephyr-9B"},
		{"米メタ、「Llama 4」を公開", "米メタは「Llama 4」を公開した。", "Llama 4"},
		{"Alibaba launches Qwen3-Max", "It is available in the Qwen app.", "Qwen3-Max"},
	} {
		t.Run(tc.release, func(t *testing.T) {
			a := event.Article{Title: tc.title, Text: tc.text}
			an.Analyze(&a, nil)
			for _, r := range a.Releases {
				if fold(r.Model) == fold(tc.release) {
					return
				}
			}
			t.Errorf("%q not released: %+v", tc.release, a.Releases)
		})
	}
}

// TestPlainNames checks that plain names no catalog knows are read where
// a release verb introduces them and an apposition calls them a model.
func TestPlainNames(t *testing.T) {
	an := newAnalyzer(t)
	for _, tc := range []struct{ text, model string }{
		{"Acme Labs released Mercury, a diffusion language model, on Tuesday.", "Mercury"},
		{"Meet Orion: a bilingual language model for Malay and Indonesian.", "Orion"},
		{"Today we introduce Zephyr — our new family of open models.", "Zephyr"},
	} {
		t.Run(tc.model, func(t *testing.T) {
			a := event.Article{Title: "AI news", Text: tc.text}
			an.Analyze(&a, nil)
			for _, r := range a.Releases {
				if fold(r.Model) == fold(tc.model) {
					return
				}
			}
			t.Errorf("%q not released: %+v", tc.model, a.Releases)
		})
	}
}

// TestConcurrent analyses the test pages from several goroutines at once
// (the Analyzer recycles its working memory) and expects the results of a
// sequential run. Run it with -race.
func TestConcurrent(t *testing.T) {
	an := newAnalyzer(t)
	paths, _ := filepath.Glob("testdata/cases/*.yaml")
	type job struct {
		a      event.Article
		tables []extractor.Table
		want   string
	}
	var jobs []job
	for _, p := range paths {
		c, a := loadCase(t, p)
		b := a
		an.Analyze(&b, c.Tables)
		jobs = append(jobs, job{a, c.Tables, jsonString(b)})
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(jobs))
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := range jobs {
				j := jobs[(i+w)%len(jobs)]
				a := j.a
				an.Analyze(&a, j.tables)
				if got := jsonString(a); got != j.want {
					errs <- got
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent result differs: %.200s", e)
	}
}
