package extractor

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Extraction paths, recorded in event.Article.Extraction.
const (
	// ExtractionPrimary is the extractor's own scorer.
	ExtractionPrimary = "primary"
	// ExtractionReadability is the second opinion, Readability, taken on
	// a weak page.
	ExtractionReadability = "readability"
	// ExtractionCaptions is a photo story's captions.
	ExtractionCaptions = "captions"
	// ExtractionJSONLD is the page's JSON-LD articleBody.
	ExtractionJSONLD = "jsonld"
	// ExtractionSlides is a slideshow's text, the slides hidden until
	// the reader clicks on read too.
	ExtractionSlides = "slides"
	// ExtractionNoscript is the text a page shows readers without
	// scripts, in a <noscript>, when the page itself shows almost none.
	ExtractionNoscript = "noscript"
)

// The primary text is checked against what the page says of itself, and
// a weak result gets a second opinion, as trafilatura does with its
// fallbacks. The rules and their thresholds:
//
//   - weak: shorter than weakChars; or covering less than weakDescCover
//     of the words of the page's description (og:description and the
//     like, at least minDescWords words), which news pages write from the
//     story's first lines; or agreeing less than weakLDAgree with a
//     JSON-LD articleBody of minLDChars or more.
//   - on a weak page, Readability's text is taken when it covers at least
//     strongDescCover of the description and descMargin more than the
//     primary text; or agrees with the JSON-LD articleBody by ldMargin
//     more; or when the primary text is near empty (below emptyChars) and
//     Readability's is not. Otherwise the primary text stays.
//   - a photo story (minCaptions captions or more on the page and a
//     primary text below captionPageChars) is read again with the
//     captions as text, and that is taken when it is twice as long.
//   - a text below minFallbackChars gives way to a longer JSON-LD
//     articleBody, and so does one truncated: truncatedCover of its
//     words in an articleBody truncatedRatio times as long (a paywall's
//     teaser).
//
// Measured on the shared eval sets (see bench/eval_extract.sh), the
// second opinion runs on about one page in six and is taken on about one
// in a hundred; Readability costs about as much as the primary extraction
// on the pages it runs on.
const (
	weakChars        = 500
	minDescWords     = 8
	weakDescCover    = 0.7
	strongDescCover  = 0.8
	descMargin       = 0.3
	minLDChars       = 500
	weakLDAgree      = 0.5
	ldMargin         = 0.3
	emptyChars       = 100
	minCaptions      = 3
	captionPageChars = 1000
	minHiddenChars   = 500
	truncatedRatio   = 2
	truncatedCover   = 0.9
)

// pageSignals are what a page says about its own story, against which the
// main text is checked.
type pageSignals struct {
	// description is the page's summary of the story.
	description string
	// ldBody is the story's text in JSON-LD, if the page gives it.
	ldBody string
	// captions counts the photo captions with text on the page.
	captions int
	// hidden is the text, in runes up to a bound, of the elements hidden
	// from sight on the page.
	hidden int
}

// articleText extracts the main text of the page doc, fetched from u, and
// returns it with the path that produced it (ExtractionPrimary and the
// like). It may run Readability on a copy of doc.
func articleText(doc *html.Node, u *url.URL, h textHints, sig pageSignals, cc classes) (string, string) {
	body := findBody(doc)
	text, path := mainText(body, h, cc), ExtractionPrimary
	n := utf8.RuneCountInString(text)
	if sig.captions >= minCaptions && n < captionPageChars {
		if c := withLines(scoredText(body, h, cc, readCaptions), text); utf8.RuneCountInString(c) >= 2*n {
			text, path, n = c, ExtractionCaptions, utf8.RuneCountInString(c)
		}
	}
	if path == ExtractionPrimary && weak(text, n, sig) && outdoable(text, n, sig) {
		if alt := readabilityText(doc, u, h, cc); better(alt, text, n, sig) {
			text, path, n = alt, ExtractionReadability, utf8.RuneCountInString(alt)
		}
	}
	if path == ExtractionPrimary && n < captionPageChars && sig.hidden >= minHiddenChars {
		// A slideshow that shows one slide at a time: its other slides
		// are hidden until the reader clicks on.
		if c := scoredText(body, h, cc, readHidden); utf8.RuneCountInString(c) >= 2*n && holdsLines(c, text) {
			text, path, n = c, ExtractionSlides, utf8.RuneCountInString(c)
		}
	}
	if n < minFallbackChars {
		// A page that writes its story with scripts may keep it for
		// readers without them in a <noscript> (Blogger does).
		if alt := noscriptText(doc, h, cc); utf8.RuneCountInString(alt) >= minFallbackChars {
			text, path, n = alt, ExtractionNoscript, utf8.RuneCountInString(alt)
		}
	}
	if n < minFallbackChars && utf8.RuneCountInString(sig.ldBody) > n || truncated(text, n, sig.ldBody) {
		// Pages that render their text with scripts often still ship it
		// as JSON-LD, and a paywall that shows a story's first lines
		// the whole story.
		text, path = strings.TrimSpace(sig.ldBody), ExtractionJSONLD
	}
	return text, path
}

// truncated reports whether text, of n runes, is the start of ldBody, the
// page's JSON-LD articleBody, cut short (a paywall's teaser): ldBody holds
// at least truncatedCover of its words and is truncatedRatio times as long.
// An articleBody written in HTML is not taken: its length is its markup's.
func truncated(text string, n int, ldBody string) bool {
	if n == 0 || utf8.RuneCountInString(ldBody) < max(minLDChars, truncatedRatio*n) || strings.Contains(ldBody, "</") {
		return false
	}
	return coverage(tokens(text), ldBody) >= truncatedCover
}

// minNoscriptBytes is the least markup a <noscript> holds to be read as
// the page's text.
const minNoscriptBytes = 500

// noscriptText returns the main text of the largest <noscript> of doc
// that holds paragraphs, parsed as HTML (the parser keeps a <noscript>'s
// content as raw text), or "".
func noscriptText(doc *html.Node, h textHints, cc classes) string {
	raw := ""
	var find func(n *html.Node, depth int)
	find = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil && depth < maxDepth; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.Noscript {
				if t := textOf(c); len(t) > len(raw) && len(t) >= minNoscriptBytes && strings.Contains(t, "<p") {
					raw = t
				}
				continue
			}
			find(c, depth+1)
		}
	}
	find(doc, 0)
	if raw == "" {
		return ""
	}
	root := &html.Node{Type: html.ElementNode, DataAtom: atom.Div, Data: "div"}
	nodes, err := html.ParseFragment(strings.NewReader(raw), root)
	if err != nil {
		return ""
	}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return mainText(root, h, cc)
}

// weak reports whether text, of n runes, is far from what the page says
// of its story.
func weak(text string, n int, sig pageSignals) bool {
	if n < weakChars {
		return true
	}
	if d := tokens(sig.description); len(d) >= minDescWords && coverage(d, text) < weakDescCover {
		return true
	}
	return utf8.RuneCountInString(sig.ldBody) >= minLDChars && agreement(text, sig.ldBody) < weakLDAgree
}

// better reports whether alt, Readability's text, is to be taken over the
// weak primary text (n runes).
func better(alt, text string, n int, sig pageSignals) bool {
	if alt == "" || alt == text {
		return false
	}
	if d := tokens(sig.description); len(d) >= minDescWords {
		if ca := coverage(d, alt); ca >= strongDescCover && ca-coverage(d, text) >= descMargin {
			return true
		}
	}
	if utf8.RuneCountInString(sig.ldBody) >= minLDChars && agreement(alt, sig.ldBody)-agreement(text, sig.ldBody) >= ldMargin {
		return true
	}
	return n < emptyChars && utf8.RuneCountInString(alt) >= minFallbackChars
}

// outdoable reports whether better could take any text over text (n
// runes): one that covers the whole description, or agrees wholly with the
// JSON-LD articleBody, would be taken only where text leaves the margin
// for it; one of any length, only where text is near empty. Readability is
// not run for a text nothing can outdo: a short page that says what its
// description says (18 of the 142 weak pages of the metadata eval set).
func outdoable(text string, n int, sig pageSignals) bool {
	if n < emptyChars {
		return true
	}
	if d := tokens(sig.description); len(d) >= minDescWords && 1-coverage(d, text) >= descMargin {
		return true
	}
	return utf8.RuneCountInString(sig.ldBody) >= minLDChars && 1-agreement(text, sig.ldBody) >= ldMargin
}

// holdsLines reports whether text holds most of the lines of first.
func holdsLines(text, first string) bool {
	lines := strings.Split(first, "\n")
	held := 0
	for _, l := range lines {
		if strings.Contains(text, l) {
			held++
		}
	}
	return held*2 > len(lines)
}

// withLines returns text with the lines of first it lacks put before it.
func withLines(text, first string) string {
	if first == "" || strings.Contains(text, first) {
		return text
	}
	var b strings.Builder
	for _, l := range strings.Split(first, "\n") {
		if !strings.Contains(text, l) {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String() + text
}

// tokens splits s into lower-case words: runs of letters and digits, and
// each character of the scripts written without spaces.
func tokens(s string) []string {
	var out []string
	eachToken(s, func(t string) { out = append(out, t) })
	return out
}

// eachToken calls f with each of the words tokens returns.
func eachToken(s string, f func(string)) {
	start := -1
	flush := func(i int) {
		if start >= 0 {
			f(strings.ToLower(s[start:i]))
			start = -1
		}
	}
	for i, r := range s {
		switch {
		case r < 0x80:
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
				if start < 0 {
					start = i
				}
			} else {
				flush(i)
			}
		case unspaced(r):
			flush(i)
			f(string(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
			}
		default:
			flush(i)
		}
	}
	flush(len(s))
}

// unspaced reports whether r belongs to a script written without spaces
// between words.
func unspaced(r rune) bool {
	return r >= 0x0E00 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

// coverage returns the share of the words want that occur in text.
func coverage(want []string, text string) float64 {
	if len(want) == 0 {
		return 0
	}
	missing := make(map[string]bool, len(want))
	for _, w := range want {
		missing[w] = true
	}
	left := len(missing)
	eachToken(text, func(t string) {
		if left > 0 && missing[t] {
			missing[t] = false
			left--
		}
	})
	found := 0
	for _, w := range want {
		if !missing[w] {
			found++
		}
	}
	return float64(found) / float64(len(want))
}

// agreement returns the F1 of the words of a and b, counted as bags.
func agreement(a, b string) float64 {
	ta, tb := tokens(a), tokens(b)
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	bag := make(map[string]int, len(tb))
	for _, t := range tb {
		bag[t]++
	}
	common := 0
	for _, t := range ta {
		if bag[t] > 0 {
			bag[t]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(ta)+len(tb))
}
