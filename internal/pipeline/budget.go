package pipeline

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/bus"
)

// maxArticleBytes bounds an article message: a megabyte of JSON holds the
// longest real article many times over (some 150,000 words), and it is
// NATS's default max payload. A server with a smaller max payload bounds
// it further (less bus.PayloadHeadroom).
const maxArticleBytes = 1 << 20

// errTooLarge reports a record that cannot fit in one message whatever is
// cut from it: it is dead-lettered, never retried.
var errTooLarge = errors.New("too large for one message")

// articleBudget returns the most bytes an article message may take on a
// connection whose max payload is maxPayload.
func articleBudget(maxPayload int64) int {
	return int(min(maxArticleBytes, max(maxPayload-bus.PayloadHeadroom, 0)))
}

// encodeArticle encodes a within budget bytes. When the encoding is
// larger, the text is cut — at a rune boundary, keeping its beginning —
// until it fits, and the article is marked TextTruncated; the analysis
// (vendors, models, claims, releases) has already read the whole text.
// An article that does not fit even without its text fails with
// errTooLarge. JSON escaping makes the encoding of some text (a page of
// "<", each written as \u003c) six times its size, so the cut is measured
// on the encoding, not on the text.
func encodeArticle(a event.Article, budget int) ([]byte, event.Article, error) {
	data, err := event.Encode(a)
	if err != nil || len(data) <= budget {
		return data, a, err
	}
	full := a.Text
	a.Text, a.TextTruncated = "", true
	bare, err := event.Encode(a)
	if err != nil {
		return nil, a, err
	}
	if len(bare) > budget {
		return nil, a, fmt.Errorf("%w: article %s takes %d bytes without its text, the budget is %d", errTooLarge, a.URL, len(bare), budget)
	}
	// Search the longest prefix that fits: a text byte takes at least one
	// byte of encoding, so no more than room bytes can; the first guess
	// assumes the escapes are spread evenly, then bisect.
	room := budget - len(bare)
	lo, hi := 0, min(len(full), room+1) // a prefix of lo bytes fits, of hi does not
	best, bestText := bare, ""
	guess := int(float64(room) * float64(len(full)) / float64(len(data)-len(bare)))
	for range 24 {
		if hi-lo <= 1 || len(best) >= budget-budget/50 {
			break
		}
		mid := min(max(guess, lo+1), hi-1)
		guess = lo + (hi-lo)/2
		a.Text = cutRunes(full, mid)
		enc, err := event.Encode(a)
		if err != nil {
			return nil, a, err
		}
		if len(enc) <= budget {
			lo, best, bestText = mid, enc, a.Text
		} else {
			hi = mid
		}
	}
	a.Text = bestText
	return best, a, nil
}

// cutRunes returns the longest prefix of s of at most n bytes that ends at
// a rune boundary.
func cutRunes(s string, n int) string {
	if n >= len(s) {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
