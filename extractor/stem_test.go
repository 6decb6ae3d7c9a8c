package extractor

import "testing"

func TestMustStem(t *testing.T) {
	tests := []struct {
		name    string
		pattern string
		stems   []string
		ok      bool
	}{
		{"a stem in every branch", `(?i)^\W*read more|\bsign up for (?:our|the) newsletter`, []string{"read more", "newsletter"}, true},
		{"a stem in each branch of a group", `(?i)this (?:post|page) (?:contains|includes) links`, []string{"contain", "include"}, true},
		{"a stem in a repeated group", `(?i)(?:follow us ){1,2}`, []string{"follow"}, true},
		{"stems the parser splits", `(?i)commission|compensation|trending|top stories`, []string{"commission", "compensation", "trending", "top stories"}, true},
		{"a branch without a stem", `(?i)read more|see also`, []string{"read more"}, false},
		{"a stem only in an optional group", `(?i)(?:affiliate )?links`, []string{"affiliate"}, false},
		{"a stem broken by an optional part", `(?i)news(?:paper)?letter`, []string{"newsletter"}, false},
		{"a stem split by a class", `(?i)news[- ]letter`, []string{"newsletter"}, false},
		{"stems in a small class", `\d{4}\s*[年년]`, []string{"年", "년"}, true},
		{"a class larger than its stems", `\d{4}\s*[年년月]`, []string{"年", "년"}, false},
		{"digits as stems", `\d+`, []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}, true},
		{"a class too large to read", `\w+`, []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}, false},
		{"an upper-case stem of a pattern ignoring case", `(?i)related`, []string{"Related"}, false},
		{"a stem foldCase cannot read", `(?i)σύνδεση`, []string{"σύνδεση"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if r := recover(); (r == nil) != tt.ok {
					t.Errorf("mustStem(%q, %q) panicked: %v, want a panic: %v", tt.pattern, tt.stems, r, !tt.ok)
				}
			}()
			mustStem(tt.pattern, tt.stems...)
		})
	}
}

// TestStemmedPatternMatches checks that the stems of the patterns that
// have them hide none of their matches, whatever the case of the text.
func TestStemmedPatternMatches(t *testing.T) {
	tests := []struct {
		name    string
		pattern stemmedPattern
		lines   []string
	}{
		{"noticeLine", noticeLine, []string{
			"We may earn a small affiliate commission.",
			"WE WANT TO HEAR WHAT YOU THINK about this article.",
			"Advertiſing diſcloſure: we are paid for some links.",
			"Follow him on Twitter",
			"12 issues for £1",
			"The museum reopened on Monday.",
			"Follow the river to the sea.",
			"",
		}},
		{"endMarker", endMarker, []string{
			"Related Stories",
			"MORE FROM THE HARBOUR DESK",
			"Dont miss",
			"12 Comments",
			"Sign up for our morning briefing",
			"Das könnte Sie auch interessieren:",
			"Moſt popular",
			"The harbour reopens",
			"",
		}},
		{"boilerLine", boilerLine, []string{"ADVERTISEMENT", "(AP)", "© 2023 Example Media", "Photo: Ann Lee", "Share on Faceboo", "Harbour"}},
		{"todayTextRe", todayTextRe, []string{"Today is Monday, 5 May 2025", "Heute ist Montag", "Published today"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, s := range tt.lines {
				if got, want := tt.pattern.MatchString(s), tt.pattern.re.MatchString(s); got != want {
					t.Errorf("MatchString(%q) = %v, its expression says %v", s, got, want)
				}
			}
		})
	}
}
