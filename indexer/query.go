package indexer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// queryTerm is one word or "quoted phrase" of a user query.
type queryTerm struct {
	text   string
	phrase bool
	not    bool
}

// splitQuery splits user text into words and quoted phrases; a leading '-'
// negates a term, a leading '+' is accepted and ignored (every term is
// required). An unbalanced quote is ignored. It never fails:
// any input is a valid query.
func splitQuery(s string) []queryTerm {
	var out []queryTerm
	for i := 0; i < len(s); {
		for i < len(s) { // skip any Unicode space, such as U+3000 in CJK text
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += n
		}
		if i >= len(s) {
			break
		}
		t := queryTerm{}
		for i < len(s) && (s[i] == '-' || s[i] == '+') {
			t.not = s[i] == '-'
			i++
		}
		if i < len(s) && s[i] == '"' && strings.IndexByte(s[i+1:], '"') >= 0 {
			end := strings.IndexByte(s[i+1:], '"')
			t.text, t.phrase = s[i+1:i+1+end], true
			i += end + 2
		} else {
			for i < len(s) && s[i] == '"' { // an unbalanced quote is ignored
				i++
			}
			end := strings.IndexFunc(s[i:], unicode.IsSpace)
			if end < 0 {
				end = len(s) - i
			}
			t.text = s[i : i+end]
			i += end
		}
		if strings.TrimFunc(t.text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) != "" {
			out = append(out, t)
		}
	}
	return out
}
