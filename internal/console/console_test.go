package console_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/modelwire/modelwire/internal/console"
)

func TestTableAlignsWideCharacters(t *testing.T) {
	tb := console.NewTable("MODEL", "VENDOR", "SOURCES", "TITLE").AlignRight(2)
	tb.Row("DeepSeek-V3", "deepseek", "12", "DeepSeek releases DeepSeek-V3")
	tb.Row("通义千问Qwen2.5-Max", "alibaba", "3", "阿里巴巴发布通义千问")
	tb.Row("Kimi K2", "moonshot\tai", "1", "line\nbreak")
	var b bytes.Buffer
	if _, err := tb.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	want := "" +
		"MODEL                VENDOR       SOURCES  TITLE\n" +
		"DeepSeek-V3          deepseek          12  DeepSeek releases DeepSeek-V3\n" +
		"通义千问Qwen2.5-Max  alibaba            3  阿里巴巴发布通义千问\n" +
		"Kimi K2              moonshot ai        1  line break\n"
	if b.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestClip(t *testing.T) {
	for in, want := range map[string]string{"short": "short", "阿里巴巴发布通义千问": "阿里巴…", "abcdefghij": "abcdefg…"} {
		if got := console.Clip(in, 8); got != want {
			t.Errorf("Clip(%q) = %q, want %q", in, got, want)
		}
	}
	if strings.Contains(console.Clip("x", 8), "…") {
		t.Error("clipped a short string")
	}
}

func TestIsTerminal(t *testing.T) {
	if console.IsTerminal(&bytes.Buffer{}) {
		t.Error("a buffer is a terminal")
	}
}
