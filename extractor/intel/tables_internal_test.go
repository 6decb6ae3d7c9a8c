package intel

import (
	"testing"

	"github.com/modelwire/modelwire/event"
)

// TestCellNumber reads score cells, a unit written after the number
// among them; a number followed by other words is no score.
func TestCellNumber(t *testing.T) {
	for _, tc := range []struct {
		in   string
		v    float64
		unit string
		ok   bool
	}{
		{"85.0", 85, "", true},
		{"**72.7**", 72.7, "", true},
		{"65,8%", 65.8, "%", true},
		{"72.3 ± 0.4", 72.3, "", true},
		{"253 ms", 253, "ms", true},
		{"227.85 tokens/s", 227.85, "tokens/s", true},
		{"87.58 tokens/s (8-way concurrency)", 87.58, "tokens/s", true},
		{"1.8¹", 1.8, "", true},
		{"72.4ᵃ", 72.4, "", true},
		{"65.2%²", 65.2, "%", true},
		{"3×10⁴", 0, "", false},   // a power of ten, no footnote
		{"1.2×10³", 0, "", false}, // likewise
		{"65.2⁻", 0, "", false},   // a superscript sign is no footnote mark
		{"41.5₂", 0, "", false},   // nor is a subscript
		{"2 GPUs", 0, "", false},
		{"8×L20 GPU", 0, "", false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			v, unit, ok := cellNumber(tc.in)
			if ok != tc.ok || ok && (v != tc.v || unit != tc.unit) {
				t.Errorf("cellNumber(%q) = %v, %q, %v; want %v, %q, %v", tc.in, v, unit, ok, tc.v, tc.unit, tc.ok)
			}
		})
	}
}

// TestCellDate reads dates a cell writes alone, month or day first or
// the year first; scores a slash joins are no dates and stay scores.
func TestCellDate(t *testing.T) {
	for _, tc := range []struct {
		in    string
		date  int
		score bool
	}{
		{"7/18/2023", 20230718, false},
		{"18/7/2023", 20230718, false},
		{"2025-04-05", 20250405, false},
		{"2023/7/18", 20230718, false},
		{"54.3/52.1", 0, true},
		{"54/52/60", 0, true},
		{"13/14/2023", 0, true},
		{"2025-04", 0, false},
	} {
		if got := cellDate(tc.in); got != tc.date {
			t.Errorf("cellDate(%q) = %d, want %d", tc.in, got, tc.date)
		}
		if _, _, ok := cellNumber(tc.in); ok != tc.score {
			t.Errorf("cellNumber(%q) ok = %v, want %v", tc.in, ok, tc.score)
		}
	}
}

// TestOwnName reads the label beside an own-model mark: a name of its own
// is a model; a size, plain words or a vendor's name are not.
func TestOwnName(t *testing.T) {
	an := testAnalyzer(t)
	for _, tc := range []struct {
		in, want string
	}{
		{"Zyla-VC", "Zyla-VC"},
		{"Quill 3B", "Quill 3B"},
		{"7B", ""},
		{"Full model", ""},
		{"Base", ""},
		{"NVIDIA", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			s := an.newState(&event.Article{Text: "Evaluation of the voice models."}, nil)
			got := ""
			if m := s.ownName(tc.in); m >= 0 {
				got = s.models[m].name
			}
			if got != tc.want {
				t.Errorf("ownName(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestBenchTitle reads the innermost heading over a table as a
// benchmark's name only when it is built like one.
func TestBenchTitle(t *testing.T) {
	an := testAnalyzer(t)
	for _, tc := range []struct {
		in, want string
	}{
		{"Quill 2 / Audio reasoning / Grand Bench Audio", "Grand Bench Audio"},
		{"Results / ZQBench", "ZQBench"},
		{"Results / Tale-Eval", "Tale-Eval"},
		{"Quill 2 / Benchmark", ""},
		{"Benchmarks", ""},
		{"Evaluation", ""},
		{"Audio reasoning", ""},
		{"Results / our bench suite", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			s := an.newState(&event.Article{Text: "Evaluation of the models."}, nil)
			if got := s.benchTitle(tc.in); got != tc.want {
				t.Errorf("benchTitle(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestOverallWord reads summary labels with or without the point that
// abbreviates them.
func TestOverallWord(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"Avg.", true},
		{"Avg", true},
		{" Overall ", true},
		{"U.", false},
		{"Sound", false},
	} {
		if got := overallWord(tc.in); got != tc.want {
			t.Errorf("overallWord(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// TestBenchLabel names a column or row by its label: the acronym in
// brackets after a plain description of the measure, the text before
// brackets that hold a setting or a gloss.
func TestBenchLabel(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"Naturalness (UTMOS) ↑", "UTMOS"},
		{"Voice similarity (SSIM) ↑", "SSIM"},
		{"Word error rate (WER)", "WER"},
		{"Dead air (excess silence) ↓", "Dead air"},
		{"ZQBench (5-shot)", "ZQBench"},
		{"ZQBench (ZQB)", "ZQBench"},
		{"Accuracy (Tale Eval)", "Tale Eval"},
		{"Speed (ms)", "Speed"},
	} {
		if got := benchLabel(tc.in); got != tc.want {
			t.Errorf("benchLabel(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
