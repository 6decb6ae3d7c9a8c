package intel

import (
	"bytes"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// owners returns the vendors the article names only as the owners of
// another organisation ("ソフトバンク株式会社の子会社であるSB Intuitions",
// a press release's "Về Zalo … thuộc Công ty Cổ phần VNG"), as someone's
// former employer ("元グーグルの研究者"), in a list of the partners that
// resell a model ("from our partners AWS, Databricks and Groq") or in
// trademark notices ("SoftBankおよびソフトバンクの名称、ロゴは…商標です"):
// every hit of theirs is such a one (ownerHit), and no model of theirs is
// named. They are no model makers of the article.
func (s *state) owners() map[int]bool {
	return s.namedOnlyAs(s.ownerHit)
}

// projectShortNames returns the vendors the article names only by a short
// name in capitals that opens the name of the page's project as the text
// writes it ("KT" of "KTransformers" at github.com/kvcache-ai/ktransformers:
// "KT's inference performance", "KT-Kernel"): the project's short name,
// no maker, where no model of theirs is named.
func (s *state) projectShortNames() map[int]bool {
	_, project, _, ok := s.project()
	if !ok {
		return nil
	}
	f := fold(project)
	return s.namedOnlyAs(func(h hit) bool { return s.shortFor(h, f) })
}

// shortFor reports a hit in at most tune.projectShortMax capitals that
// the text also writes opening a word that folds to f, the project's
// name, and longer than it.
func (s *state) shortFor(h hit, f string) bool {
	short := s.buf[h.start:h.end]
	if len(short) > tune.projectShortMax || len(f) <= len(short) || !strings.HasPrefix(f, strings.ToLower(string(short))) {
		return false
	}
	for _, c := range short {
		if !isUpper(c) {
			return false
		}
	}
	for i := 0; ; {
		j := bytes.Index(s.buf[i:], short)
		if j < 0 {
			return false
		}
		st := i + j
		if e := wordEnd(s.buf, st); e > st+len(short) && (st == 0 || !isAlnum(s.buf[st-1])) && fold(string(s.buf[st:e])) == f {
			return true
		}
		i = st + len(short)
	}
}

// sampleHit reports a vendor's name after a sample marker of the lexicon
// (sample_markers: "数据示例：", "Sample input:") on its line: an input of
// an example, no maker named.
func (s *state) sampleHit(h hit) bool {
	lo := s.lineStart(h.start)
	end, read := s.sampleEnds[lo]
	if !read { // once per line: a page of one long line names vendors often
		end = math.MaxInt
		hi := len(s.buf)
		if k := sort.SearchInts(s.newlines, lo); k < len(s.newlines) {
			hi = s.newlines[k]
		}
		for _, w := range s.an.cat.SampleMarkers {
			if i := bytes.Index(s.buf[lo:hi], []byte(w)); i >= 0 {
				end = min(end, lo+i+len(w))
			}
		}
		if s.sampleEnds == nil {
			s.sampleEnds = map[int]int{}
		}
		s.sampleEnds[lo] = end
	}
	return end <= h.start
}

// namedOnlyAs returns the vendors every hit of which is such that is(h),
// none of whose models the article names; nil when none.
func (s *state) namedOnlyAs(is func(h hit) bool) map[int]bool {
	var out map[int]bool
	for _, h := range s.vendorHits {
		if !out[h.idx] && is(h) {
			if out == nil {
				out = map[int]bool{}
			}
			out[h.idx] = true
		}
	}
	if out == nil {
		return nil // no such hit: the common case
	}
	for _, h := range s.vendorHits {
		if out[h.idx] && !is(h) {
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
// after a word of a former employer (former_before, formerRole), in a list opened by
// a partner word (partnerListed), or in a sentence of a trademark notice
// (trademark_words).
func (s *state) ownerHit(h hit) bool {
	cat := s.an.cat
	after := s.buf[h.end:]
	after = after[longestPrefix(after, cat.CompanyForms):]
	if hasPrefixIn(after, cat.OwnerAfter) {
		return true
	}
	before := s.buf[:h.start]
	before = before[:len(before)-longestSuffix(before, cat.CompanyForms)]
	if hasSuffixIn(before, cat.OwnerBefore) || s.formerBefore(h.start) || s.formerRole(h) {
		return true
	}
	if len(s.sents) == 0 {
		return false
	}
	if s.partnerListed(h) {
		return true
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

// formerRole reports a vendor's name written as a former employer in
// the words of the lexicon's former_role_before, former_roles and
// former_after: after "전 " with a role noun after it ("전 구글 연구원",
// "전 오픈AI 직원들"), or before "출신" ("네이버 출신"). "출시 전 오픈AI가"
// names the lab: no role follows it.
func (s *state) formerRole(h hit) bool {
	cat := s.an.cat
	after := bytes.TrimLeft(s.buf[h.end:], " ")
	if hasPrefixIn(after, cat.FormerAfter) {
		return true
	}
	if !hasPrefixIn(after, cat.FormerRoles) {
		return false
	}
	for _, w := range cat.FormerRoleBefore {
		if q := h.start - len(w); q >= 0 && string(s.buf[q:h.start]) == w {
			if prev, _ := utf8.DecodeLastRune(s.buf[:q]); q == 0 || !unicode.IsLetter(prev) && !unicode.IsDigit(prev) {
				return true // "전 구글", not the end of "출시전 구글"
			}
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

// partnerListed reports a vendor's name in a list opened by a partner
// word at most tune.partnerReach bytes before it in its sentence (the
// lexicon's partner_words: "from our partners AWS, Databricks and Groq"):
// every item between the word and the name is a short name.
func (s *state) partnerListed(h hit) bool {
	lo := max(s.sents[s.sentenceAt(h.start)].start, h.start-tune.partnerReach)
	before := s.buf[lo:h.start]
	at := -1
	for _, w := range s.an.cat.PartnerWords {
		i := bytes.LastIndex(before, []byte(w))
		if i < 0 || i+len(w) <= at || i+len(w) < len(before) && isLetterASCII(w[len(w)-1]) && isLetterASCII(before[i+len(w)]) {
			continue // "partnership", not "partners"
		}
		at = i + len(w)
	}
	return at >= 0 && s.nameList(before[at:])
}

// nameList reports gap, the text between a list's opener and one of its
// names, as short names separated by commas: items of at most three words
// past list joiners, a Latin word capitalised ("AWS, Google Cloud and ";
// "partners, and each Gemini model" is no list).
func (s *state) nameList(gap []byte) bool {
	items := bytes.FieldsFunc(gap, func(r rune) bool { return r == ',' || r == '、' || r == '，' })
	for _, item := range items {
		words := 0
		for _, w := range strings.Fields(strings.TrimPrefix(string(item), ":")) {
			if slices.Contains(s.an.cat.ListJoiners, w) {
				continue
			}
			if words++; isLetterASCII(w[0]) && !isUpper(w[0]) {
				return false
			}
		}
		if words > 3 || utf8.RuneCount(item) > 24 {
			return false
		}
	}
	return true
}
