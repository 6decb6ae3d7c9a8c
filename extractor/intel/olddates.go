package intel

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Older models a page names with their past release: a month written as a
// number with its part or its day ("11月上旬", "11월 초", "giữa tháng 11",
// "11月24日"), read against the page's date like an English month
// ("early November", "November 24"), and a release clause that describes a
// name ("Kimi K2.5, released in early November,", "DeepSeek-V4 (launched
// November 24)", "上月中旬发布的X", "지난 11월 공개된 X") dated to a month
// before the page's.

// periodPast reports a date in text written with a month number (the
// lexicon's month_parts, or a day: "11月上旬", "11월 초", "giữa tháng 11",
// "11月24日") at least days before the page's publication. A month with
// neither part nor day is over by its last day ("11月" read on December 20);
// one that is the page's own month dates nothing.
func (s *state) periodPast(text []byte, days int) bool {
	pub := s.a.PublishedAt
	past := false
	s.monthNumbers(text, func(year, month, day int) bool {
		past = dayPast(pub, year, month, day, days)
		return past
	})
	return past
}

// recalledClause reports a release cue in a clause that describes a name
// and dates it to a month before the page's: an apposition or relative
// clause after the name ("Kimi K2.5, which the company shipped in late
// November,", "DeepSeek-V4 (launched November 24)", "PhoGPT-2.5, ra mắt
// hồi giữa tháng 11,") or a Chinese, Japanese or Korean verb that modifies
// the name after it ("11月上旬发布的X", "지난 11월 공개된 X"). Such a model
// is the page's history even days after its month ended; a model the
// title names keeps its release, unless the title follows up on it
// (followUpTitle).
func (s *state) recalledClause(c hit) bool {
	if s.a.PublishedAt.IsZero() {
		return false
	}
	sent := s.sents[s.sentenceAt(c.start)]
	lo, hi, ok := s.describingClause(c, sent)
	if !ok {
		return false
	}
	if s.titleModelIn(span{start: lo, end: hi}) && !s.followUpTitle() {
		return false
	}
	return s.earlierMonth(s.buf[lo:hi])
}

// describingClause returns the clause of cue c that describes a name,
// with the name: from the name to the clause's end for an apposition or
// relative clause after it, from the clause's start to the name for a
// verb that modifies the name after it.
func (s *state) describingClause(c hit, sent span) (lo, hi int, ok bool) {
	if s.cjkCue(c) {
		if end, ok := s.attributiveName(c, sent); ok {
			return max(sent.start, s.clauseStart(c.start, tune.dateClauseRunes)), end, true
		}
	}
	ms := s.mentionsIn(sent.start, c.start)
	if len(ms) == 0 {
		return 0, 0, false
	}
	m := ms[len(ms)-1]
	if m.end > c.start || c.start-m.end > tune.dateBefore {
		return 0, 0, false
	}
	gap := s.buf[m.end:c.start]
	end := min(sent.end, c.end+tune.dateClauseAfter)
	switch {
	case parenthesisOpen(gap):
		// "DeepSeek-V4 (launched November 24)", "「PLaMo 3.5」（11月公開）"
		if k := bytes.IndexAny(s.buf[c.end:end], ")）"); k >= 0 {
			end = c.end + k
		}
	case !s.cjkCue(c) && s.relativeGap(gap):
		if k := bytes.IndexAny(s.buf[c.end:end], ",;()"); k >= 0 {
			end = c.end + k
		}
	default:
		return 0, 0, false
	}
	return m.start, end, true
}

// parenthesisOpen reports a gap after a name that opens a parenthesis
// and leaves it open: the verb after it is inside ("X (November
// launch)", "X（11月下旬发布）").
func parenthesisOpen(gap []byte) bool {
	g := bytes.TrimLeft(gap, " 」』”’")
	return (bytes.HasPrefix(g, []byte("(")) || bytes.HasPrefix(g, []byte("（"))) && !bytes.ContainsAny(g, ")）")
}

// relativeGap reports the text between a name and a release verb that
// opens a clause describing the name: a comma or a parenthesis, then
// nothing or a relative opener ("which the company", "được"), or a
// relative pronoun right after the name ("mà DeepSeek đã").
func (s *state) relativeGap(gap []byte) bool {
	g := bytes.TrimLeft(gap, " ")
	if len(g) == 0 {
		return false
	}
	if g[0] != ',' && g[0] != '(' {
		return len(g) < len(gap) && leadingWord(g, s.an.cat.RelativePronouns)
	}
	g = bytes.TrimSpace(g[1:])
	if len(g) == 0 {
		return true
	}
	for _, w := range s.an.cat.RelativeOpeners {
		if bytes.HasPrefix(g, []byte(w)) && (len(g) == len(w) || !isAlnum(g[len(w)])) {
			return true
		}
	}
	return false
}

// attributiveEnd returns where the attributive form of Chinese, Japanese
// or Korean release verb c ends (the lexicon's attributive_ends, after the
// verb in sentence sent or as the verb's own end: "发布的", "公開した",
// "공개한"), or -1 when the verb has none.
func (s *state) attributiveEnd(c hit, sent span) int {
	p := -1
	for _, e := range s.an.cat.AttributiveEnds {
		switch {
		case bytes.HasPrefix(s.buf[c.end:sent.end], []byte(e)):
			p = max(p, c.end+len(e))
		case bytes.HasSuffix(s.buf[c.start:c.end], []byte(e)):
			p = max(p, c.end)
		}
	}
	return p
}

// attributiveName reports a Chinese, Japanese or Korean release verb c
// that modifies the name right after it ("发布的Qwen4-Plus", "リリースした
// 「X」", "공개된 'X'"), and returns where the name ends.
func (s *state) attributiveName(c hit, sent span) (int, bool) {
	p := s.attributiveEnd(c, sent)
	if p < 0 {
		return 0, false
	}
	for p < sent.end && (s.buf[p] == ' ' || s.buf[p] == '\'' || s.buf[p] == '"') {
		p++
	}
	if r, w := utf8.DecodeRune(s.buf[p:]); r == '「' || r == '『' || r == '“' || r == '‘' || r == '《' {
		p += w
	}
	ms := s.mentionsIn(p, p+1)
	if len(ms) == 0 {
		return 0, false
	}
	return ms[0].end, true
}

// earlierMonth reports a date in text in a month before the page's: a
// month number ("11月上旬", "지난 11월", "tháng 10") or an English month
// name ("in late November", "November 24"), taken in the publication
// year, or the year before when it lies ahead of the publication month.
func (s *state) earlierMonth(text []byte) bool {
	pub := s.a.PublishedAt
	earlier := false
	s.monthNumbers(text, func(year, month, _ int) bool {
		earlier = monthsBefore(pub, year, month) > 0
		return earlier
	})
	return earlier || s.englishMonths(text, func(_, end, month int) bool {
		return monthsBefore(pub, s.englishYear(text[end:], month), month) > 0
	})
}

// renamedAfter reports a mention after x in clause cl of a model whose
// name goes on from x's: "混元T1预览版（Hunyuan-T1-Preview）" names the
// preview, not the model "混元T1" reads as alone.
func (s *state) renamedAfter(x mention, cl span) bool {
	key := s.models[x.model].key
	for _, y := range s.mentionsIn(x.end, cl.end) {
		if other := s.models[y.model].key; y.model != x.model && len(other) > len(key) && strings.HasPrefix(other, key) {
			return true
		}
	}
	return false
}

// elapsedPast reports a span of elapsedDays or more counted back
// from the page in the clause of release cue c ("两个多月前发布的", "2カ月前に
// 公開した", "두 달 전 공개한", "ra mắt 2 tháng trước", "launched two months
// ago", "距离V4发布仅过去两个多月"), or counted
// from the release verb itself ("Kimi K3上线一个月后", "発表してから1カ月",
// "출시한 지 한 달", "ra mắt được hai tuần", "仅过去一周"): the release is that old,
// whatever the page's other dates.
func (s *state) elapsedPast(c hit, sent span) bool {
	cl := s.clauseAt(c, sent)
	return s.elapsedIn(c, cl, s.an.cat.ElapsedUnits, 30) || s.elapsedIn(c, cl, s.an.cat.ElapsedWeekUnits, 7) ||
		s.elapsedIn(c, cl, s.an.cat.ElapsedYearUnits, 365) || s.elapsedHalf(c, cl)
}

// elapsedHalf is elapsedPast for a span written with a half and no count
// (the lexicon's elapsed_halves: "半年", "반년", "nửa năm", "half a
// year"); a Han half after 上, 下 or 前 halves a year ("下半年"), it
// counts no time.
func (s *state) elapsedHalf(c hit, cl span) bool {
	text := s.buf[cl.start:cl.end]
	for w, days := range s.an.cat.ElapsedHalves {
		if days < tune.elapsedDays {
			continue
		}
		for at := range occurrences(text, w) {
			k := at + len(w)
			if w[0] < utf8.RuneSelf && (at > 0 && isAlnum(text[at-1]) || k < len(text) && (isAlnum(text[k]) || text[k] == '-')) {
				continue // a Latin span is words of its own
			}
			if p, _ := utf8.DecodeLastRune(text[:at]); p == '上' || p == '下' || p == '前' {
				continue
			}
			if s.elapsedMarked(text[:at], text[k:]) || s.elapsedSince(c, cl.start+at, s.elapsedClosed(text[k:])) || s.elapsedAhead(c, cl.start+k) {
				return true
			}
		}
	}
	return false
}

// elapsedAhead reports a span ending at p that leads to release cue c
// by a word of the lexicon's elapsed_ahead, the cue at most dateBefore
// bytes on: "two months on from its launch", "six weeks after Meta
// launched Llama 5".
func (s *state) elapsedAhead(c hit, p int) bool {
	if p > c.start || c.start-p > tune.dateBefore {
		return false
	}
	gap := bytes.TrimLeft(s.buf[p:c.start], " ")
	for _, w := range s.an.cat.ElapsedAhead {
		if bytes.HasPrefix(gap, []byte(w)) && (len(gap) == len(w) || !isAlnum(gap[len(w)])) {
			return true
		}
	}
	return false
}

// elapsedClosed reports a span closed by a word of the lexicon's
// elapsed_closers right after it ("六周后", "近七周以来").
func (s *state) elapsedClosed(after []byte) bool {
	return hasPrefixIn(bytes.TrimLeft(after, " "), s.an.cat.ElapsedClosers)
}

// elapsedIn is elapsedPast for the units of days days each.
func (s *state) elapsedIn(c hit, cl span, units []string, days int) bool {
	text := s.buf[cl.start:cl.end]
	for _, u := range units {
		for at := range occurrences(text, u) {
			k := at + len(u)
			if u[0] < utf8.RuneSelf && (at == 0 || text[at-1] != ' ') {
				continue // "two months", "2 tháng": a Latin unit is a word
			}
			if u[0] < utf8.RuneSelf && k < len(text) && text[k] == '-' {
				continue // "a month-long trial": no time since
			}
			n, start := s.elapsedCount(bytes.TrimRight(text[:at], " "))
			if days >= 365 && n >= 100 {
				continue // "2025年": a calendar year, no span
			}
			if n*days >= tune.elapsedDays && (s.elapsedMarked(text[:start], text[k:]) || s.elapsedSince(c, cl.start+start, s.elapsedClosed(text[k:])) || s.elapsedAhead(c, cl.start+k)) {
				return true
			}
		}
	}
	return false
}

// elapsedSince reports a span of time starting at p that follows release
// cue c past nothing but the lexicon's elapsed_links: it counts the time
// since the release ("上线一个月后", "発表から1カ月", "출시 한 달"). A span
// closed by an elapsed_closers word (closed) may follow the models the
// verb releases too: "发布Kimi K3六周后".
func (s *state) elapsedSince(c hit, p int, closed bool) bool {
	if p < c.end {
		return false
	}
	gap := bytes.TrimSpace(s.buf[c.end:p])
	end := c.end + len(bytes.TrimRightFunc(s.buf[c.end:p], unicode.IsSpace))
	for len(gap) > 0 {
		if at := end - len(gap); closed {
			if i := s.mentionIndex(at); i < len(s.mentions) && s.mentions[i].start == at && s.mentions[i].end <= end {
				gap = bytes.TrimLeft(gap[s.mentions[i].end-at:], " ")
				continue
			}
		}
		best := 0
		for _, w := range s.an.cat.ElapsedLinks {
			if len(w) > best && bytes.HasPrefix(gap, []byte(w)) {
				best = len(w)
			}
		}
		if best == 0 {
			return false
		}
		gap = bytes.TrimLeft(gap[best:], " ")
	}
	return true
}

// elapsedCount reads the count that ends b: digits or a count word of
// the lexicon ("两", "두", "two", "Two" opening a sentence); it returns
// the count (0 for none) and where it starts.
func (s *state) elapsedCount(b []byte) (int, int) {
	k := len(b)
	for k > 0 && len(b)-k < 2 && isDigit(b[k-1]) {
		k--
	}
	if k < len(b) {
		if k > 0 && (isDigit(b[k-1]) || b[k-1] == '.' || b[k-1] == ',') {
			return 0, k
		}
		return atoiSmall(string(b[k:])), k
	}
	best, n := 0, 0
	for w, c := range s.an.cat.ElapsedCounts {
		if len(w) > best && len(w) <= len(b) && bytes.EqualFold(b[len(b)-len(w):], []byte(w)) {
			at := len(b) - len(w)
			if w[0] < utf8.RuneSelf && at > 0 && isAlnum(b[at-1]) {
				continue
			}
			if r, _ := utf8.DecodeRuneInString(w); at > 0 && unicode.Is(unicode.Hangul, r) {
				if p, _ := utf8.DecodeLastRune(b[:at]); unicode.Is(unicode.Hangul, p) {
					continue // "출시한 달": the verb's ending, no "한 달"
				}
			}
			best, n = len(w), c
		}
	}
	return n, len(b) - best
}

// elapsedMarked reports a word that makes a span time since: after it
// ("前", "전", "trước", "ago") or right before its count ("过去").
func (s *state) elapsedMarked(before, after []byte) bool {
	after = bytes.TrimLeft(after, " ")
	for _, w := range s.an.cat.ElapsedAfter {
		if bytes.HasPrefix(after, []byte(w)) && !(w[0] < utf8.RuneSelf && len(after) > len(w) && isAlnum(after[len(w)])) {
			return true
		}
	}
	return hasSuffixIn(bytes.TrimRight(before, " "), s.an.cat.ElapsedBefore)
}

// datedElsewhere reports a mention in the clause of another release cue
// of its sentence that dates its release to the past ("开源了DeepSeek-V4.1，
// 距离V4发布仅过去两个多月"): the model is that clause's history, not an
// object of cue c.
func (s *state) datedElsewhere(m mention, c hit) bool {
	// The mention's clause, read at most variantReach bytes either side
	// (a page of one endless sentence would be read once per mention):
	// a cue shares it exactly when it stands in it.
	sent := s.sents[m.sent]
	near := span{max(sent.start, m.start-variantReach), min(sent.end, m.end+variantReach)}
	cl := s.clauseAt(hit{span: m.span}, near)
	if c.start >= cl.start && c.start < cl.end {
		return false // the clause of cue c itself
	}
	for _, o := range hitsIn(s.cues[cueRelease], cl.start, cl.end) {
		if o.start != c.start && o.end <= cl.end && s.pastDate(o) {
			return true
		}
	}
	return false
}

// backgroundClause reports a release cue in a clause that describes a
// name (describingClause) and names its maker as the verb's subject, on a
// page whose title names another model: "DeepSeek-R1, which DeepSeek
// released to much fanfare,", "DeepSeekが公開したDeepSeek-R1", "딥시크가
// 공개했던 DeepSeek-R1" in a piece about DeepSeek-V4 describe an older
// model, undated, not the page's news. A clause with no subject
// ("开源的X", "X, được phát hành miễn phí") or with an own-model mark
// ("本次开源的X") describes the page's own release.
func (s *state) backgroundClause(c hit) bool {
	if c.start < s.titleEnd || len(s.mentionsIn(0, s.titleEnd)) == 0 {
		return false
	}
	lo, hi, ok := s.describingClause(c, s.sents[s.sentenceAt(c.start)])
	if !ok || s.titleModelIn(span{start: lo, end: hi}) || s.ownMarked(s.buf[lo:hi]) {
		return false
	}
	for _, m := range s.mentionsIn(lo, hi) {
		if s.subjectMaker(s.models[m.model].vendor, lo, c.start) {
			return true
		}
	}
	return false
}

// subjectMaker reports a name of vendor v (or of its group or lab) between
// lo and hi that stands alone, not inside a model's name.
func (s *state) subjectMaker(v, lo, hi int) bool {
	for _, h := range hitsIn(s.vendorHits, lo, hi) {
		if h.end <= hi && s.sameGroup(h.idx, v) && !s.insideMention(h, lo) {
			return true
		}
	}
	return false
}

// insideMention reports a hit h that lies in a model's name mentioned
// from lo on.
func (s *state) insideMention(h hit, lo int) bool {
	for _, m := range s.mentionsIn(lo, h.end) {
		if m.start <= h.start && h.start < m.end {
			return true
		}
	}
	return false
}

// ownMarked reports text that holds one of the catalog's own-model marks
// ("本次开源", "this release"): a clause so marked is the page's news.
func (s *state) ownMarked(text []byte) bool {
	i, _ := s.ownMarkAt(strings.ToLower(string(text)))
	return i >= 0
}

// leadingWord reports text that begins with one of words as a whole word.
func leadingWord(text []byte, words []string) bool {
	for _, w := range words {
		if bytes.HasPrefix(text, []byte(w)) && (len(text) == len(w) || !isAlnum(text[len(w)])) {
			return true
		}
	}
	return false
}
