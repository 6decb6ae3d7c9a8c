package api_test

import (
	"strings"
	"testing"

	"github.com/modelwire/modelwire/internal/api"
)

func TestSnippet(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "DeepSeek released R1", "DeepSeek released R1"},
		{"marks survive", "a <mark>reasoning</mark> model", "a <mark>reasoning</mark> model"},
		{"store-escaped text is not escaped twice", "AIME &amp; MATH &lt;b&gt; <mark>R1</mark>", "AIME &amp; MATH &lt;b&gt; <mark>R1</mark>"},
		{"unescaped markup is escaped", `<script>alert(1)</script> <b>x</b>`, "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;x&lt;/b&gt;"},
		{"an unclosed mark is closed", "<mark>R1 is", "<mark>R1 is</mark>"},
		{"a stray close is dropped", "R1</mark> is", "R1 is"},
		{"nested marks collapse", "<mark><mark>R1</mark></mark>", "<mark>R1</mark>"},
		{"mark with attributes is text", `<mark onclick="x">R1</mark>`, "&lt;mark onclick=&#34;x&#34;&gt;R1"},
		{"quotes are escaped", `he said "it's open"`, "he said &#34;it&#39;s open&#34;"},
		{"an escaped mark stays text", "&lt;mark&gt;", "&lt;mark&gt;"},
		{"CJK", "月之暗面发布<mark>Kimi</mark> K2", "月之暗面发布<mark>Kimi</mark> K2"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(api.Snippet(tt.in)); got != tt.want {
				t.Errorf("Snippet(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzSnippet checks that whatever a store returns, only balanced <mark>
// tags come out as markup.
func FuzzSnippet(f *testing.F) {
	for _, s := range []string{"a <mark>b</mark> c", "<script>x</script>", "&lt;&amp;", "<mark>", "</mark><mark", "<<mark>>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := string(api.Snippet(in))
		depth := 0
		rest := out
		for rest != "" {
			switch {
			case strings.HasPrefix(rest, "<mark>"):
				depth++
				rest = rest[len("<mark>"):]
			case strings.HasPrefix(rest, "</mark>"):
				depth--
				rest = rest[len("</mark>"):]
			default:
				if strings.ContainsRune(`<>"'`, rune(rest[0])) {
					t.Fatalf("Snippet(%q) = %q: markup character %q outside a mark tag", in, out, rest[0])
				}
				rest = rest[1:]
			}
			if depth < 0 || depth > 1 {
				t.Fatalf("Snippet(%q) = %q: unbalanced marks", in, out)
			}
		}
		if depth != 0 {
			t.Fatalf("Snippet(%q) = %q: unclosed mark", in, out)
		}
	})
}
