package extractor

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// joinWrappedNames removes the line breaks a table cell puts inside one
// hyphenated name to keep its column narrow ("GPT-4o<br>-Transcribe",
// "Qwen3-ASR<br>-1.7B", "Gemini-2.5-<br>Pro"): the break sits between a
// letter or digit and a hyphen written onto the next word (or a hyphen
// that ends the line and the word that goes on), where a list of items would start
// its line with "- " instead. The name is then one word in the cell's
// text and in the article's.
func joinWrappedNames(n *html.Node) {
	joinIn(n, false, 0)
}

func joinIn(n *html.Node, inCell bool, depth int) {
	if depth > maxDepth {
		return
	}
	if n.Type == html.ElementNode && (n.DataAtom == atom.Td || n.DataAtom == atom.Th) {
		inCell = true
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if inCell && wrapsName(c) {
			prev, after := c.PrevSibling, c.NextSibling
			prev.Data += after.Data
			n.RemoveChild(c)
			n.RemoveChild(after)
			c = prev // the joined text may wrap on at a next <br>
			continue
		}
		joinIn(c, inCell, depth+1)
		c = next
	}
}

// wrapsName reports a <br> between a word of letters (and digits) that
// ends the text before it and text that goes on with a hyphen and a
// letter or digit; a number before it ("74.3<br>-2.1") is a stack of
// values.
func wrapsName(br *html.Node) bool {
	if br.Type != html.ElementNode || br.DataAtom != atom.Br {
		return false
	}
	prev, next := br.PrevSibling, br.NextSibling
	if prev == nil || next == nil || prev.Type != html.TextNode || next.Type != html.TextNode {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(prev.Data)
	rest := strings.TrimLeft(next.Data, "\n\r\t ")
	if last == '-' {
		return hyphenEnds(prev.Data, next, rest)
	}
	if !unicode.IsLetter(last) && !unicode.IsDigit(last) || !strings.HasPrefix(rest, "-") {
		return false
	}
	second, _ := utf8.DecodeRuneInString(rest[1:])
	if !unicode.IsLetter(second) && !unicode.IsDigit(second) || !strings.ContainsFunc(lastWord(prev.Data), unicode.IsLetter) {
		return false
	}
	next.Data = rest
	return true
}

// hyphenEnds reports the other way to wrap a name: the text before the
// <br> ends in a hyphen written onto a letter or digit ("Gemini-2.5-"),
// the text after it goes on with a letter or digit ("Pro"). It trims the
// next text's leading space, as wrapsName does.
func hyphenEnds(before string, next *html.Node, rest string) bool {
	head, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(before, "-"))
	first, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsLetter(head) && !unicode.IsDigit(head) || !unicode.IsLetter(first) && !unicode.IsDigit(first) {
		return false
	}
	next.Data = rest
	return true
}

// lastWord returns the text after the last white space of s.
func lastWord(s string) string {
	return s[strings.LastIndexFunc(s, unicode.IsSpace)+1:]
}
