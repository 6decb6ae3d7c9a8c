package extractor

import (
	"strings"
	"testing"
)

func TestAppendCollapsed(t *testing.T) {
	tests := []struct {
		name, before, s, want string
	}{
		{"runs of white space", "", "Lake  levels\n\tfall", "Lake levels fall"},
		{"no space at the start", "", "  \u00a0Lake", "Lake"},
		{"one space after text", "Lake", " \u200b levels", "Lake levels"},
		{"no space after a line's end", "Lake\n", " levels", "Lake\nlevels"},
		{"a space already there", "Lake ", "\u3000levels ", "Lake levels "},
		{"bytes that are no UTF-8", "", "caf\xe9 \xff", "caf\uFFFD \uFFFD"},
		{"text of other scripts", "", "月之暗面 发布", "月之暗面 发布"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			b.WriteString(tt.before)
			appendCollapsed(&b, tt.s)
			if got := b.String(); got != tt.want {
				t.Errorf("appendCollapsed(%q, %q) = %q, want %q", tt.before, tt.s, got, tt.want)
			}
		})
	}
}
