package intel

import "testing"

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
