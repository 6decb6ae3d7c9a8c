package intel_test

import (
	"os"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/modelwire/modelwire/event"
)

// noiseCase is a piece of ordinary news that announces no AI model.
type noiseCase struct {
	Name     string `yaml:"name"`
	Language string `yaml:"language"`
	Title    string `yaml:"title"`
	Text     string `yaml:"text"`
	// Vendors are the vendor ids the text may be said to name.
	Vendors []string `yaml:"vendors"`
}

// TestNoise analyses the texts of testdata/noise.yaml, written after the
// ways ordinary news fooled the analyzer, and wants no release, no model
// and no vendor beyond those listed: every release here would be sent to
// subscribers as news of a model.
func TestNoise(t *testing.T) {
	data, err := os.ReadFile("testdata/noise.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cases []noiseCase
	if err := yaml.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 10 {
		t.Fatalf("only %d noise cases", len(cases))
	}
	an := newAnalyzer(t)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			a := event.Article{Title: c.Title, Text: c.Text, Language: c.Language}
			an.Analyze(&a, nil)
			for _, r := range a.Releases {
				t.Errorf("release %q (%s): %q", r.Model, r.Vendor, r.Evidence)
			}
			for _, m := range a.Models {
				t.Errorf("model %q (%s)", m.Name, m.Vendor)
			}
			allowed := map[string]bool{}
			for _, v := range c.Vendors {
				allowed[v] = true
			}
			for _, v := range a.Vendors {
				if !allowed[v.ID] {
					t.Errorf("vendor %q", v.ID)
				}
			}
		})
	}
}
