package extractor

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
)

// plainlyEnglish reports whether sample is English beyond doubt: at least
// 40 words, of which at least an eighth are English function words that
// other Latin-script languages do not use as words ("the", "and", "with",
// "which" …; "a", "of", "to", "in", "on", "is", "was", "will", "also" are
// left out: Romance, German or Dutch text has them too), and at least
// five times as many as the function words of German, French, Spanish,
// Portuguese, Italian and Dutch. On the 929 pages of the evaluation sets it
// answers for 200 of the 208 that whatlanggo finds English, and for none
// of the others (a German essay quoting Steve Jobs at length has 16%
// English function words, and four times as many German ones). It saves
// the trigram comparison, the dearest step of extracting a short page,
// for the commonest language of news. Text whose letters are mostly of
// other scripts (a Chinese README quoting English) is not plainly English;
// that check counts letters rather than calling whatlanggo.DetectScript,
// which costs ten times the rest.
func plainlyEnglish(sample string) bool {
	latin, nonLatin := 0, 0
	for _, r := range sample {
		switch {
		case r < utf8.RuneSelf:
			if 'a' <= r|0x20 && r|0x20 <= 'z' {
				latin++
			}
		case !unicode.IsLetter(r):
		case r < 0x250: // Latin-1 Supplement, Latin Extended-A and -B
			latin++
		default:
			nonLatin++
		}
	}
	if nonLatin >= latin {
		return false
	}
	words, english, other := 0, 0, 0
	for w := range strings.FieldsFuncSeq(sample, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		words++
		switch w = strings.ToLower(w); {
		case englishFunctionWords[w]:
			english++
		case otherFunctionWords[w]:
			other++
		}
	}
	return words >= 40 && english*8 >= words && english >= 5*other
}

// englishFunctionWords are the English words plainlyEnglish counts.
var englishFunctionWords = wordSet(`the and that for with as by are be this from has
	have its it which their they said or not been were but can more than after who
	would about into he she his her we our you there when what`)

// otherFunctionWords are the commonest words of German, French, Spanish,
// Portuguese, Italian and Dutch that are no English words.
var otherFunctionWords = wordSet(`der und das ist nicht ein eine zu von mit sich des auf
	für im dem auch wird nach bei le la les et est une du que pour dans qui pas sur au
	sont el los las y del por con una para es lo como más os do da em não uma mais
	il di che è della sono het een en dat niet zijn voor ook wordt`)

// wordSet makes a set of the space-separated words of list.
func wordSet(list string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(list) {
		set[w] = true
	}
	return set
}

// detectLanguage is whatlanggo.Detect, at a fraction of the cost. Text in
// Latin script that is plainly English is English. For
// Latin-script text whatlanggo compares the text's trigrams with the
// profiles of 48 languages — 14,400 map lookups, ~0.7 ms whatever the
// text's length. The languages news is mostly written in are tried first;
// their winner stands when it is sure and no language left out is a close
// relative that could have won instead. Otherwise — a language left out, a
// close call, Norwegian or Indonesian — the text is compared with all 48.
func detectLanguage(sample string) whatlanggo.Info {
	if plainlyEnglish(sample) {
		return whatlanggo.Info{Lang: whatlanggo.Eng, Script: unicode.Latin, Confidence: 1}
	}
	// DetectWithOptions finds the script first and says which (Latin:
	// it compared the profiles of newsLatin), so it is not looked for
	// twice; that look costs two-fifths of the comparison.
	info := whatlanggo.DetectWithOptions(sample, whatlanggo.Options{Whitelist: newsLatin})
	if info.Script == unicode.Latin && info.IsReliable() && !hasLatinRelatives[info.Lang] {
		return info
	}
	return whatlanggo.Detect(sample)
}
