package catalog_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/modelwire/modelwire/configs"
	"github.com/modelwire/modelwire/extractor/catalog"
)

func TestShippedCatalog(t *testing.T) {
	c, err := configs.Catalog()
	if err != nil {
		t.Fatalf("embedded catalog: %v", err)
	}
	if len(c.Vendors) < 50 || len(c.Families) < 80 || len(c.Benchmarks) < 80 {
		t.Errorf("catalog too small: %d vendors, %d families, %d benchmarks", len(c.Vendors), len(c.Families), len(c.Benchmarks))
	}
	// The evaluation's canonical vendor ids must be the catalog's.
	for _, id := range []string{"deepseek", "alibaba", "bytedance", "baidu", "zhipu", "moonshot", "minimax",
		"stepfun", "tencent", "01ai", "baichuan", "shanghai-ai-lab", "meta", "openai", "anthropic", "google",
		"microsoft", "mistral", "xai", "nvidia", "amazon", "lg", "vinai"} {
		if _, ok := c.Vendor(id); !ok {
			t.Errorf("vendor %q missing", id)
		}
	}
	for _, lang := range []string{"en", "zh", "ja", "ko", "vi"} {
		if len(c.Cues[catalog.CueRelease][lang]) == 0 {
			t.Errorf("no release cues in %s", lang)
		}
	}
}

func TestLoadGood(t *testing.T) {
	data, err := os.ReadFile("testdata/good.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Load(fstest.MapFS{"good.yaml": {Data: data}})
	if err != nil {
		t.Fatal(err)
	}
	f := c.Families[0]
	if f.Style != catalog.StyleAttached || len(c.Models) != 1 || c.Models[0].Aliases[0] != "Rocket-1" || c.Vendors[0].Hints[0] != "Acme Park" || c.NotGarbles[0] != "Rockit" {
		t.Errorf("decoded %+v", c)
	}
	if f.Vendor != "acme" || !f.Bare || !f.OpenWeights || f.Short[0] != "R" || c.Benchmarks[0].Subsets[0] != "Pro" {
		t.Errorf("decoded %+v", c)
	}
	if r := c.Families[1].Renamed; len(r) != 1 || r[0].From != "2" || r[0].Family != "rocket" || r[0].Name != "Rocket-Jet" {
		t.Errorf("decoded renames %+v", r)
	}
}

func TestVersionAtLeast(t *testing.T) {
	for _, tc := range []struct {
		v, from string
		want    bool
	}{
		{"1.6", "1.6", true},
		{"1.5", "1.6", false},
		{"2.0", "1.6", true},
		{"2", "1.6", true},
		{"1.10", "1.9", true},
		{"1", "1.6", false},
		{"2", "2.1", false},
		{"v1.8", "1.6", true},
		{"V1.5", "1.6", false},
		{"OSS", "1.6", false},
		{"", "1", false},
		{"1.6", "2", false},
	} {
		if got := catalog.VersionAtLeast(tc.v, tc.from); got != tc.want {
			t.Errorf("VersionAtLeast(%q, %q) = %v, want %v", tc.v, tc.from, got, tc.want)
		}
	}
}

// TestLoadBad loads each testdata/*.bad.yaml alone and expects ErrInvalid
// with a message naming the problem.
func TestLoadBad(t *testing.T) {
	want := map[string]string{
		"unknown-key":         "field homepage not found",
		"duplicate-vendor":    "duplicate id",
		"duplicate-hub-org":   `Hugging Face organisation "Acme-AI" is acme's already`,
		"bad-id":              "lowercase slug",
		"unknown-vendor":      `unknown vendor "nobody"`,
		"short-stem":          "shorter than two characters",
		"bad-short":           "one capital letter",
		"bad-modality":        `unknown modality "smell"`,
		"unknown-cue":         `unknown kind "rumours"`,
		"bad-language":        "not a language code",
		"no-release-cues":     "no release phrases",
		"empty-alias":         "empty or padded",
		"duplicate-benchmark": "duplicate name",
		"not-yaml":            "yaml",
		"bad-spelling":        `"딥" spells "Deep", which is no variant word`,
		"bad-style":           `style "camel" is not hyphen, attached or spaced`,
		"unknown-family":      `unknown family "jet"`,
		"duplicate-model":     `"rocket-one" is also a spelling of Rocket One`,
		"bad-rename":          `rename from "v2": not a version`,
		"rename-chain":        `family "jet" renames into another family itself`,
		"rename-order":        `rename from "2": renames must run oldest first`,
		"short-months":        "months: 11 names, want 12",
		"empty-spaced-word":   "team_after: word 2 is empty",
	}
	paths, err := filepath.Glob("testdata/*.bad.yaml")
	if err != nil || len(paths) != len(want) {
		t.Fatalf("%d bad files for %d expectations (%v)", len(paths), len(want), err)
	}
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".bad.yaml")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			_, err = catalog.Load(fstest.MapFS{name + ".yaml": {Data: data}})
			if !errors.Is(err, catalog.ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), want[name]) {
				t.Errorf("err = %v, want it to mention %q", err, want[name])
			}
			if !strings.Contains(err.Error(), name+".yaml") && want[name] == "yaml" {
				t.Errorf("err = %v does not name the file", err)
			}
		})
	}
}

func TestLoadEmpty(t *testing.T) {
	if _, err := catalog.Load(fstest.MapFS{}); !errors.Is(err, catalog.ErrInvalid) {
		t.Errorf("empty catalog: err = %v, want ErrInvalid", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, p := range []string{"testdata/good.yaml", "testdata/unknown-key.bad.yaml"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := catalog.Parse(data)
		if err == nil {
			_ = c.Validate() // must not panic
		} else if !errors.Is(err, catalog.ErrInvalid) {
			t.Fatalf("error %v is not ErrInvalid", err)
		}
	})
}

// TestLoadMergesWeekdays: a second file's names of the days of the week
// join the first's day by day, not as more days.
func TestLoadMergesWeekdays(t *testing.T) {
	good, err := os.ReadFile("testdata/good.yaml")
	if err != nil {
		t.Fatal(err)
	}
	en := "weekdays: [[Sunday], [Monday], [Tuesday], [Wednesday], [Thursday], [Friday], [Saturday]]\n"
	ja := "weekdays: [[日曜], [月曜], [火曜], [水曜], [木曜], [金曜], [土曜]]\n"
	c, err := catalog.Load(fstest.MapFS{
		"good.yaml": {Data: good},
		"x-en.yaml": {Data: []byte(en)},
		"y-ja.yaml": {Data: []byte(ja)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Weekdays) != 7 {
		t.Fatalf("%d days, want 7", len(c.Weekdays))
	}
	if want := []string{"Monday", "月曜"}; !reflect.DeepEqual(c.Weekdays[1], want) {
		t.Errorf("Monday's names %v, want %v", c.Weekdays[1], want)
	}
}
