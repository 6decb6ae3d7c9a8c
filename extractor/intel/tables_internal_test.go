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
