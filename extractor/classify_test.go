package extractor

import "testing"

func TestWordMatcher(t *testing.T) {
	m := newWordMatcher(map[classFlags][]string{
		cfBoiler:  {"share", "sharing", "sidebar", "ad-slot"},
		cfContent: {"story", "body"},
		cfDate:    {"日期", "date"},
	})
	tests := []struct {
		s    string
		want classFlags
	}{
		{"", 0},
		{"s", 0},
		{"story-body", cfContent},
		{"social-sharing", cfBoiler},
		{"top-story sidebar", cfBoiler | cfContent},
		{"post ad-slot", cfBoiler},
		{"shar", 0},
		{"updated", cfDate},
		{"发布日期", cfDate},
		{"bod\xff", 0},
	}
	for _, tt := range tests {
		if got := m.flags(tt.s); got != tt.want {
			t.Errorf("flags(%q) = %b, want %b", tt.s, got, tt.want)
		}
	}
}
