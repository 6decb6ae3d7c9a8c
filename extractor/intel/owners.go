package intel

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// owners returns the vendors the article names only as the owners of
// another organisation, as someone's former employer ("元グーグルの研究者")
// or in trademark notices ("ソフトバンク株式会社の子会社
// であるSB Intuitions", a press release's "Về Zalo … thuộc Công ty Cổ phần
// VNG", "SoftBankおよびソフトバンクの名称、ロゴは…商標です"): every hit of
// theirs is such a one (ownerHit), and no model of theirs is named. They
// are no model makers of the article.
func (s *state) owners() map[int]bool {
	var out map[int]bool
	for _, h := range s.vendorHits {
		if !out[h.idx] && s.ownerHit(h) {
			if out == nil {
				out = map[int]bool{}
			}
			out[h.idx] = true
		}
	}
	if out == nil {
		return nil // no owner named: the common case
	}
	for _, h := range s.vendorHits {
		if out[h.idx] && !s.ownerHit(h) {
			delete(out, h.idx)
		}
	}
	for _, m := range s.models {
		if m.count > 0 {
			delete(out, m.vendor)
		}
	}
	return out
}

// ownerHit reports a vendor's name written as the owner of another
// organisation, right before or after an owner word past one company
// form (the lexicon's owner_before, owner_after, company_forms), right
// after a word of a former employer (former_before), or in a sentence of
// a trademark notice (trademark_words).
func (s *state) ownerHit(h hit) bool {
	cat := s.an.cat
	after := s.buf[h.end:]
	after = after[longestPrefix(after, cat.CompanyForms):]
	if hasPrefixIn(after, cat.OwnerAfter) {
		return true
	}
	before := s.buf[:h.start]
	before = before[:len(before)-longestSuffix(before, cat.CompanyForms)]
	if hasSuffixIn(before, cat.OwnerBefore) || s.formerBefore(h.start) {
		return true
	}
	if len(s.sents) == 0 {
		return false
	}
	sent := s.sents[s.sentenceAt(h.start)]
	for _, w := range cat.TrademarkWords {
		if bytes.Contains(s.buf[sent.start:sent.end], []byte(w)) {
			return true
		}
	}
	return false
}

// formerBefore reports a word of a former employer (the lexicon's
// former_before) right before p that is a word of its own, not the end
// of a longer one ("former " of "a Transformer Google researchers
// described"). Words in Han or Kana ("元グーグル"), written without
// spaces, count anywhere.
func (s *state) formerBefore(p int) bool {
	b := s.buf[:p]
	for _, w := range s.an.cat.FormerBefore {
		if !bytes.HasSuffix(b, []byte(w)) {
			continue
		}
		q := len(b) - len(w)
		first, _ := utf8.DecodeRuneInString(w)
		prev, _ := utf8.DecodeLastRune(b[:q])
		if q == 0 || !unicode.In(first, unicode.Latin, unicode.Hangul) || !unicode.IsLetter(prev) && !unicode.IsDigit(prev) {
			return true
		}
	}
	return false
}

// longestPrefix returns the length of the longest of words that b starts
// with, 0 for none.
func longestPrefix(b []byte, words []string) int {
	n := 0
	for _, w := range words {
		if len(w) > n && bytes.HasPrefix(b, []byte(w)) {
			n = len(w)
		}
	}
	return n
}

// longestSuffix returns the length of the longest of words that b ends
// with, 0 for none.
func longestSuffix(b []byte, words []string) int {
	n := 0
	for _, w := range words {
		if len(w) > n && bytes.HasSuffix(b, []byte(w)) {
			n = len(w)
		}
	}
	return n
}
