package extractor

import (
	"strings"
	"testing"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"Lake levels fall, again!", "lake levels fall again"},
		{"GPT-5 beats o3", "gpt 5 beats o3"},
		{"月之暗面发布Kimi", "月 之 暗 面 发 布 kimi"},
		{"Thứ ba, 2/5/2023", "thứ ba 2 5 2023"},
	}
	for _, tc := range tests {
		if got := strings.Join(tokens(tc.in), " "); got != tc.want {
			t.Errorf("tokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestSecondOpinionRules pins down when a primary text is weak and when
// Readability's text is taken instead.
func TestSecondOpinionRules(t *testing.T) {
	story := strings.Repeat("The state's largest reservoir dropped to its lowest level since it was filled, forcing towns to limit watering. ", 8)
	other := strings.Repeat("The newspaper has covered the towns of the plains for a century, and its reporters live where they write. ", 8)
	desc := "The state's largest reservoir dropped to its lowest level since it was filled, forcing towns to limit watering."
	tests := []struct {
		name          string
		primary, alt  string
		sig           pageSignals
		weak, readAlt bool
	}{
		{"a long text that covers the description", story, other, pageSignals{description: desc}, false, false},
		{"a long text with no signals", other, story, pageSignals{}, false, false},
		{"a short text is weak, and stays when the other is no better", story[:300], other, pageSignals{}, true, false},
		{"a text far from the description, the other near it", other, story, pageSignals{description: desc}, true, true},
		{"a text far from the description, the other as far", other, other + " More.", pageSignals{description: desc}, true, false},
		{"a short description says nothing", other, story, pageSignals{description: "Lake levels"}, false, false},
		{"a text far from the JSON-LD body, the other near it", other, story, pageSignals{ldBody: story}, true, true},
		{"a near-empty text gives way to a real one", "Loading…", other, pageSignals{}, true, true},
		{"the same text is no second opinion", story[:300], story[:300], pageSignals{}, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := len([]rune(tc.primary))
			if got := weak(tc.primary, n, tc.sig); got != tc.weak {
				t.Fatalf("weak = %v, want %v", got, tc.weak)
			}
			if got := better(tc.alt, tc.primary, n, tc.sig); got != tc.readAlt {
				t.Errorf("better = %v, want %v", got, tc.readAlt)
			}
		})
	}
}

// TestOutdoable checks that Readability is left out only where better
// would take no text at all, not even one that says just what the page's
// description or JSON-LD body says.
func TestOutdoable(t *testing.T) {
	story := strings.Repeat("The state's largest reservoir dropped to its lowest level since it was filled, forcing towns to limit watering. ", 8)
	other := strings.Repeat("The newspaper has covered the towns of the plains for a century, and its reporters live where they write. ", 8)
	desc := "The state's largest reservoir dropped to its lowest level since it was filled, forcing towns to limit watering."
	tests := []struct {
		name      string
		primary   string
		sig       pageSignals
		outdoable bool
	}{
		{"a short text that says what the description says", story[:300], pageSignals{description: desc}, false},
		{"a short text and no signals", story[:300], pageSignals{}, false},
		{"a short text that agrees with the JSON-LD body", story[:450], pageSignals{ldBody: story[:520]}, false},
		{"a short text far from the description", other[:300], pageSignals{description: desc}, true},
		{"a short text far from the JSON-LD body", other[:300], pageSignals{ldBody: story}, true},
		{"a near-empty text", "Loading…", pageSignals{description: desc}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := len([]rune(tc.primary))
			if got := outdoable(tc.primary, n, tc.sig); got != tc.outdoable {
				t.Fatalf("outdoable = %v, want %v", got, tc.outdoable)
			}
			if tc.outdoable {
				return
			}
			for _, alt := range []string{story, story + " " + desc, tc.sig.ldBody, other} {
				if better(alt, tc.primary, n, tc.sig) {
					t.Errorf("better takes %.40q over a text outdoable says nothing outdoes", alt)
				}
			}
		})
	}
}

func TestWithLines(t *testing.T) {
	if got := withLines("caption one\ncaption two", "intro\ncaption one"); got != "intro\ncaption one\ncaption two" {
		t.Errorf("withLines = %q", got)
	}
	if got := withLines("intro\ncaption", "intro"); got != "intro\ncaption" {
		t.Errorf("withLines = %q", got)
	}
}
