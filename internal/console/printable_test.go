package console

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"
)

func TestPrintable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"DeepSeek-V3 发布", "DeepSeek-V3 发布"},
		{"a\x1b]0;title\x07b", "a]0;titleb"},
		{"clear\x1b[2J", "clear[2J"},
		{"c1\u009b31m", "c131m"},
		{"tab\tand\nnewline", "tab and newline"},
		{"bidi \u202eevil\u202c", "bidi evil"},
		{"del\x7f", "del"},
	}
	for _, tt := range tests {
		if got := Printable(tt.in); got != tt.want {
			t.Errorf("Printable(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestJSONTerminal(t *testing.T) {
	var b bytes.Buffer
	json.NewEncoder(JSONTerminal(&b)).Encode(map[string]string{"title": "x\u009b31m\x1b[2J é"})
	if bytes.Contains(b.Bytes(), []byte{0xc2, 0x9b}) || bytes.Contains(b.Bytes(), []byte{0x1b}) {
		t.Fatalf("control bytes in %q", b.String())
	}
	var back map[string]string
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || back["title"] != "x\u009b31m\x1b[2J é" {
		t.Errorf("decoded %q, %v; want the same string", back["title"], err)
	}
}

func TestTextWriter(t *testing.T) {
	var b bytes.Buffer
	w := TextWriter(&b)
	io.WriteString(w, "Kimi K2\x1b]0;pwned\x07\n")
	io.WriteString(w, "  \u201cevidence\u009b2J\u201d\n")
	if got, want := b.String(), "Kimi K2]0;pwned\n  \u201cevidence2J\u201d\n"; got != want {
		t.Errorf("TextWriter wrote %q, want %q", got, want)
	}
}
