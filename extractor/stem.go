package extractor

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"
)

// stemmedPattern is a regular expression together with its stems: strings
// one of which every text the expression matches holds. Go's regexp tries
// an expression at every position of a text, at a cost of microseconds
// even on a short one; a look for the stems rules out most texts first.
// noticeLine, run on every line of a page's text, took a tenth of the
// extraction time before it had stems, and the date forms, run on every
// date-like text, a sixth on the metadata eval set.
type stemmedPattern struct {
	re    *regexp.Regexp
	stems []string
	// fold: the expression ignores case, and the stems, lower-cased, are
	// looked for in the text lower-cased by foldCase.
	fold bool
}

// mustStem compiles pattern with its stems. It panics when the pattern
// may match a text without any of them, where the stems would hide a
// match: every branch of the pattern must spell one out in its literal
// text or in a small character class whose characters are all stems.
func mustStem(pattern string, stems ...string) stemmedPattern {
	tree, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		panic(err)
	}
	p := stemmedPattern{re: regexp.MustCompile(pattern), stems: stems, fold: ignoresCase(tree)}
	if p.fold {
		for _, s := range stems {
			if !folded(s) {
				panic("extractor: stem " + s + " is not as foldCase writes every case of it")
			}
		}
	}
	if !p.holdsStem(tree, "") {
		panic("extractor: a branch of " + pattern + " holds none of its stems")
	}
	return p
}

// MatchString reports whether s matches the pattern.
func (p stemmedPattern) MatchString(s string) bool {
	return p.mayMatch(s) && p.re.MatchString(s)
}

// FindStringSubmatchIndex is regexp's method of that name.
func (p stemmedPattern) FindStringSubmatchIndex(s string) []int {
	if !p.mayMatch(s) {
		return nil
	}
	return p.re.FindStringSubmatchIndex(s)
}

// FindAllStringSubmatchIndex is regexp's method of that name.
func (p stemmedPattern) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if !p.mayMatch(s) {
		return nil
	}
	return p.re.FindAllStringSubmatchIndex(s, n)
}

// matchFolded is MatchString for a caller that tries several patterns on
// s: folded is foldCase(s), computed once.
func (p stemmedPattern) matchFolded(s, folded string) bool {
	if p.fold {
		return p.holdsAStem(folded) && p.re.MatchString(s)
	}
	return p.MatchString(s)
}

// mayMatch reports whether s holds one of the stems.
func (p stemmedPattern) mayMatch(s string) bool {
	if p.fold {
		s = foldCase(s)
	}
	return p.holdsAStem(s)
}

// holdsAStem reports whether s, folded when p is, holds one of the stems.
func (p stemmedPattern) holdsAStem(s string) bool {
	for _, stem := range p.stems {
		if strings.Contains(s, stem) {
			return true
		}
	}
	return false
}

// foldCase lower-cases s as a case-insensitive pattern reads it: with the
// long s (ſ), which (?i)s matches, as an s.
func foldCase(s string) string {
	s = strings.ToLower(s)
	if strings.ContainsRune(s, 'ſ') {
		s = strings.ReplaceAll(s, "ſ", "s")
	}
	return s
}

// folded reports whether foldCase turns every case of every letter of
// stem, as (?i) matches them, into stem's own: whether stem is lower-case
// and holds no letter whose cases foldCase keeps apart (the Greek final
// sigma, the micro sign).
func folded(stem string) bool {
	for _, r := range stem {
		for c := unicode.SimpleFold(r); c != r; c = unicode.SimpleFold(c) {
			if foldCase(string(c)) != string(r) {
				return false
			}
		}
	}
	return true
}

// ignoresCase reports whether some part of re ignores case.
func ignoresCase(re *syntax.Regexp) bool {
	if re.Flags&syntax.FoldCase != 0 {
		return true
	}
	for _, sub := range re.Sub {
		if ignoresCase(sub) {
			return true
		}
	}
	return false
}

// maxStemClass bounds the characters of a class read as stems.
const maxStemClass = 16

// holdsStem reports whether every text re matches holds one of the stems,
// taking lead — the literal text just before re — as part of it (the
// parser moves the prefix that branches share out of them:
// "commission|compensation" is "com(?:mission|pensation)").
func (p stemmedPattern) holdsStem(re *syntax.Regexp, lead string) bool {
	switch re.Op {
	case syntax.OpLiteral:
		return p.mayMatch(lead + string(re.Rune))
	case syntax.OpCharClass:
		n := 0
		for i := 0; i < len(re.Rune); i += 2 {
			n += int(re.Rune[i+1]-re.Rune[i]) + 1
		}
		if n > maxStemClass {
			return false
		}
		for i := 0; i < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if !p.mayMatch(lead + string(r)) {
					return false
				}
			}
		}
		return true
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !p.holdsStem(sub, lead) {
				return false
			}
		}
		return true
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if p.holdsStem(sub, lead) {
				return true
			}
			if sub.Op == syntax.OpLiteral {
				lead += string(sub.Rune)
			} else {
				lead = ""
			}
		}
		return false
	case syntax.OpCapture, syntax.OpPlus:
		return p.holdsStem(re.Sub[0], lead)
	case syntax.OpRepeat:
		return re.Min > 0 && p.holdsStem(re.Sub[0], lead)
	}
	return false
}
