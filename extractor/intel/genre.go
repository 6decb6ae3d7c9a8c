package intel

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/modelwire/modelwire/extractor/catalog"
)

// dropReviewed takes back every release of a page whose title says it is
// a review, a hands-on, a test, an analysis, an interview or a tutorial
// (the lexicon's genre cues: "Claude Opus 5 review: …", "实测 DeepSeek-V4",
// "Claude Opus 5を1カ月使ってみた", "[리뷰] … 써보니", "Đánh giá …"), unless
// the page dates a release to the day it reports it (freshRelease). Such a
// page writes about models that exist: the release it recalls ("Anthropic
// released Claude Opus 5 on October 30", read weeks later) is what made
// the model worth reviewing, not news the page announces; a launch-day
// hands-on ("Hands-on with Gemini 3.5 Flash, out today") keeps its release.
func (s *state) dropReviewed() {
	if len(s.sents) == 0 || !s.reviewTitle() || s.freshRelease() {
		return
	}
	for _, rec := range s.models {
		rec.conf, rec.evidence, rec.along = 0, "", false
	}
}

// reviewTitle reports a title that opens with its genre: a genre cue
// before any release cue of the title that is neither denied, planned nor
// past ("Hands-on with …", "实测 DeepSeek-V4：…", "Trải nghiệm Kimi K3 sau
// một tháng ra mắt"), or one that opens it with a capital the scan does
// not fold ("Đánh giá Gemini 3.5 Pro: …": cue phrases match ASCII
// capitals only). A title that announces first ("OpenAI launches GPT-5.5
// mini: hands-on with the new small model") is launch news.
func (s *state) reviewTitle() bool {
	if g := hitsIn(s.cues[cueGenre], 0, s.titleEnd); len(g) > 0 {
		for _, c := range hitsIn(s.cues[cueRelease], 0, g[0].start) {
			if !s.blocked(c) {
				return false
			}
		}
		return true
	}
	r, n := utf8.DecodeRune(s.buf[:s.titleEnd])
	if r < utf8.RuneSelf || !unicode.IsUpper(r) {
		return false
	}
	title := utf8.AppendRune(nil, unicode.ToLower(r))
	title = append(title, s.buf[n:s.titleEnd]...)
	for _, ps := range s.an.cat.Cues[catalog.CueGenre] {
		for _, p := range ps {
			if bytes.HasPrefix(title, []byte(p)) && !startsWord(title[len(p):]) {
				return true
			}
		}
	}
	return false
}

// startsWord reports a letter or digit at the start of b: a phrase right
// before it ends inside a word.
func startsWord(b []byte) bool {
	r, _ := utf8.DecodeRune(b)
	return len(b) > 0 && isLetterOrDigit(r)
}

// freshRelease reports a release the page dates to the day it reports it:
// a fresh cue ("today", "out now", "今天", "本日", "오늘", "hôm nay") in the
// title, or a fresh cue or a day at most freshDays old (datedFresh) in a
// sentence whose release cue is neither denied, planned nor past, nor
// dated longer ago ("on Thursday, October 30", read on November 24).
func (s *state) freshRelease() bool {
	if s.inSentence(cueFresh, s.sents[0]) {
		return true
	}
	for _, c := range s.cues[cueRelease] {
		if s.blocked(c) || s.inTableLine(c.start) || s.inCodeLine(c.start) || s.pastDateBy(c, tune.freshDays) {
			continue
		}
		if sent := s.sents[s.sentenceAt(c.start)]; s.inSentence(cueFresh, sent) || s.datedFresh(sent) && !s.namesModelAfter(c, sent) {
			return true
		}
	}
	return false
}

// namesModelAfter reports a Chinese, Japanese or Korean release verb c
// that modifies a model named at most nounAfter bytes after it, in its
// clause ("지난 1일 공개한 오픈웨이트 모델 gpt-oss-2를 … 시험해 봤다",
// "3日に公開した新モデル「GPT-5.5」を試した"): a day it dates only says which
// model a review tests, no launch the review reports.
func (s *state) namesModelAfter(c hit, sent span) bool {
	if !s.cjkCue(c) {
		return false
	}
	p := s.attributiveEnd(c, sent)
	if p < 0 {
		return false
	}
	if r, _ := utf8.DecodeRune(s.buf[p:]); unicode.Is(unicode.Hangul, r) {
		return false // "공개한다": a verb that ends its sentence, no modifier
	}
	ms := s.mentionsIn(p, min(sent.end, p+tune.nounAfter))
	return len(ms) > 0 && firstClauseMark(s.buf[p:ms[0].start]) < 0 && !bytes.ContainsAny(s.buf[p:ms[0].start], "。、.")
}

// datedFresh reports a day in sentence sp at most freshDays before the
// page's publication: "4日に公開" and "12月4日发布" (日), "4일 공개했다"
// (일), "ngày 3/12", "hôm 4/12", "on December 3". A day with no month is in the
// publication's month, or the month before when it lies ahead.
func (s *state) datedFresh(sp span) bool {
	return s.datedWithin(sp, tune.freshDays)
}

// datedWithin is datedFresh with days for freshDays.
func (s *state) datedWithin(sp span, days int) bool {
	pub := s.a.PublishedAt
	if pub.IsZero() {
		return false
	}
	text := s.buf[sp.start:sp.end]
	for i, j := range shortNumbers(text) {
		if i > 0 && (text[i-1] == '/' || text[i-1] == '.') {
			continue // "3/12", "3.12": not a day
		}
		day, month, ok := atoiSmall(string(text[i:j])), 0, true
		before, rest := bytes.TrimRight(text[:i], " "), text[j:]
		switch {
		case dayUnitAfter(rest):
			month = atoiSmall(string(numberBefore(before, 2, "月", "월"))) // "12月4日", "12월 4일"
			if month > 12 {
				month = 0
			}
		case dayUnitBefore(before) || hasSuffixIn(before, []string{"hôm", "Hôm"}):
			month = viMonthAfter(rest) // "ngày 3/12", "ngày 3 tháng 12", "hôm 4/12"
		default:
			w := before[bytes.LastIndexByte(before, ' ')+1:]
			month = s.an.monthName(w, true) // "December 3", "Dec. 3", "Dec 3"
			ok = month > 0
		}
		if ok && withinDays(pub, month, day, days) {
			return true
		}
	}
	return false
}

// dropReopened takes back the release of a model the page says launched
// before (launchedBefore) when every sentence that releases it only makes
// it available: "Claude Sonnet 5 now available in Amazon Bedrock's Tokyo
// and Seoul regions" over "The model, which Anthropic launched in
// September, was previously offered only in US regions" reports wider
// access to an old model. Opening an older model's weights ("xAI has
// published the weights of Grok 3, the model it launched in February
// 2025") is a release, and stays one.
func (s *state) dropReopened() {
	for i, rec := range s.models {
		if rec.conf > 0 && s.launchedBefore(i) && s.availableOnly(i) {
			rec.conf, rec.evidence, rec.along = 0, "", false
		}
	}
}

// launchedBefore reports a release cue past the title, dated before the
// page (pastDate), that speaks of model m: m is named in the cue's clause,
// or the cue recalled m (hold), or the cue's sentence names no model but
// "the model" and m is the page's topic. A sentence that releases
// something too is no such recall: a changelog's dated entry ("2024-03-06:
// The Yi-9B is open-sourced and available to the public") is the release.
func (s *state) launchedBefore(m int) bool {
	rec := s.models[m]
	for _, c := range s.cues[cueRelease] {
		if c.start < s.titleEnd || !s.pastDate(c) {
			continue
		}
		sent := s.sents[s.sentenceAt(c.start)]
		if s.releasesNow(sent) {
			continue
		}
		if int(rec.roleAt[kindHistorical]) == c.start+1 {
			return true
		}
		if len(s.mentionsIn(sent.start, sent.end)) == 0 {
			if m == s.topic && s.inSentence(cueModelNouns, sent) {
				return true
			}
			continue
		}
		cl := s.clauseAt(c, sent)
		for _, x := range s.mentionsIn(cl.start, cl.end) {
			if x.model == m && !s.renamedAfter(x, cl) {
				return true
			}
		}
	}
	return false
}

// availableOnly reports that model m is named in some sentence with a
// release cue that is neither denied, planned nor past, and that every
// such cue only makes a model available (the lexicon's available cues).
func (s *state) availableOnly(m int) bool {
	found := false
	for _, c := range s.cues[cueRelease] {
		if s.blocked(c) || !s.namedIn(m, s.sents[s.sentenceAt(c.start)]) {
			continue
		}
		if !s.availabilityCue(c) && !s.apiNamed(m, s.sents[s.sentenceAt(c.start)]) {
			return false
		}
		found = true
	}
	return found
}

// apiNamed reports model m named in sentence sp as the API it is served
// by (the lexicon's api_after and api_before: "Gemini 3.5 Pro API",
// "X의 API", "the API of X"): a launch of that API makes the model
// available, as "now available in Amazon Bedrock" does; it is no launch
// of the model.
func (s *state) apiNamed(m int, sp span) bool {
	for _, x := range s.mentionsIn(sp.start, sp.end) {
		if x.model != m {
			continue
		}
		if hasPrefixIn(s.buf[x.end:sp.end], s.an.cat.APIAfter) {
			return true
		}
		if hasSuffixIn(s.buf[sp.start:x.start], s.an.cat.APIBefore) {
			return true
		}
	}
	return false
}

// namedIn reports a mention of model m in sentence sp.
func (s *state) namedIn(m int, sp span) bool {
	for _, x := range s.mentionsIn(sp.start, sp.end) {
		if x.model == m {
			return true
		}
	}
	return false
}

// availabilityCue reports a release cue c that is an available cue too.
func (s *state) availabilityCue(c hit) bool {
	for _, h := range hitsIn(s.cues[cueAvailable], c.start, c.end) {
		if h.start == c.start {
			return true
		}
	}
	return false
}
