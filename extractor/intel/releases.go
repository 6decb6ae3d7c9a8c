package intel

import (
	"bytes"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// near reports whether some cue of kind k lies within the same sentence
// and at most before bytes before position p or after bytes after q, on
// the same side of any headline break (partBreak).
func (s *state) near(k cueKind, p, q, before, after int) bool {
	sent := s.sents[s.sentenceAt(p)]
	for _, h := range hitsIn(s.cues[k], max(sent.start, p-before-64), min(sent.end, q+after+1)) {
		if h.end <= p && p-h.end <= before && !partBreak(s.buf[h.end:p]) ||
			h.start >= q && h.start-q <= after && h.end <= sent.end && !partBreak(s.buf[q:h.start]) {
			return true
		}
	}
	return false
}

// partBreaks part the statements of a headline written as one sentence:
// "「X」を提供開始　昨年の「Y」に続く", "'X' 공개…지난해 'Y' 이어", "X | Y".
var partBreaks = []string{"　", "…", "|", " — ", " – "}

// partBreak reports a headline break in b.
func partBreak(b []byte) bool {
	for _, m := range partBreaks {
		if bytes.Contains(b, []byte(m)) {
			return true
		}
	}
	return false
}

// inSentence reports whether a cue of kind k lies in sentence sp.
func (s *state) inSentence(k cueKind, sp span) bool {
	for _, h := range hitsIn(s.cues[k], sp.start, sp.end) {
		if h.end <= sp.end {
			return true
		}
	}
	return false
}

// deniedLaunch reports a release cue that a denial or rumour word leads
// to with no clause break between ("denying reports of a December
// launch", "rumoured launch", "否认…发布的传闻" reads the other way): a
// launch spoken of, not made. "Despite rumours, X launched Y" keeps its
// comma and its release.
func (s *state) deniedLaunch(c hit) bool {
	for _, h := range hitsIn(s.cues[cueDenial], max(0, c.start-2*tune.plannedBefore), c.start) {
		if h.end <= c.start && c.start-h.end <= tune.plannedBefore && !bytes.ContainsAny(s.buf[h.end:c.start], ",.;:") && !bytes.Contains(s.buf[h.end:c.start], []byte("，")) && !bytes.Contains(s.buf[h.end:c.start], []byte("。")) {
			return true
		}
	}
	return false
}

// blocked reports a release cue that is denied, planned or historical:
// "was not open-sourced", "will release", "previously released",
// "공개할 예정", "지난달 공개한".
func (s *state) blocked(c hit) bool {
	if s.weakGerund(c) || s.pluralLaunches(c) || s.launchDocument(c) || s.deniedLaunch(c) {
		return true
	}
	after := 0
	if c.after {
		after = tune.postBlockAfter
	}
	if s.pastDate(c) || s.aheadDate(c) || s.occasionParticiple(c) {
		return true
	}
	if c.after && (s.prospective(c) || s.futureClause(c)) {
		return true
	}
	if s.cjkCue(c) && s.clauseCue(c.end, tune.cjkBlockAfter, cueNegation, cuePlanned) {
		return true // "混元TurboS的开源版本则“正在准备中”"
	}
	return s.near(cueNegation, c.start, c.end, tune.negationBefore, after) ||
		s.near(cuePlanned, c.start, c.end, tune.plannedBefore, after) ||
		s.historyNear(c)
}

// historyNear is near for the history cues of release cue c, but for one
// in a clause of its own before c that names a model: that clause dates
// the predecessor a release follows ("继上月的Kimi K3之后，又推出了
// Kimi-VL-2", "Sau Kimi K3 tháng trước, Moonshot ra mắt Kimi-VL-2"), not
// the release. A time alone in its clause ("Last week, Alibaba released
// Qwen3", "上周，阿里发布了Qwen3") still dates it.
func (s *state) historyNear(c hit) bool {
	sent := s.sents[s.sentenceAt(c.start)]
	for _, h := range hitsIn(s.cues[cueHistory], max(sent.start, c.start-tune.historyBefore-64), min(sent.end, c.end+tune.historyAfter+1)) {
		before := h.end <= c.start && c.start-h.end <= tune.historyBefore && !partBreak(s.buf[h.end:c.start])
		after := h.start >= c.end && h.start-c.end <= tune.historyAfter && h.end <= sent.end && !partBreak(s.buf[c.end:h.start])
		if after || before && !s.datesOwnClause(h, c, sent) {
			return true
		}
	}
	return false
}

// datesOwnClause reports a history cue h before release cue c in a
// clause that ends before c and names a model: h dates that model.
func (s *state) datesOwnClause(h, c hit, sent span) bool {
	cl := s.clauseAt(h, sent)
	return cl.end <= c.start && len(s.mentionsIn(cl.start, cl.end)) > 0
}

// prospective reports a Korean release verb in its prospective form (the
// syllable after the stem ends in ㄹ) before a noun of intent: "선보일
// 것", "출시할 방침", "공개될 전망" — a release to come.
func (s *state) prospective(c hit) bool {
	end := c.end
	for _, h := range hitsIn(s.cues[cueRelease], c.end, c.end+2) {
		if h.start == c.end+1 && s.buf[c.end] == ' ' {
			end = h.end // "오픈소스로 출시할 방침": the verb the cue leads to
		}
	}
	r, n := utf8.DecodeRune(s.buf[end:])
	if r < 0xAC00 || r > 0xD7A3 || (r-0xAC00)%28 != 8 {
		return false
	}
	return hasPrefixIn(bytes.TrimLeft(s.buf[end+n:], " "), s.an.cat.ProspectiveNouns)
}

// futureClause reports a time to come in the clause a verb-final release
// verb ends: "내년에는 이보다 큰 'X'를 선보여", "来年には「X」を公開し"
// plan X. A word of today between ("내년까지 … 오늘 공개했다") dates the
// release itself.
func (s *state) futureClause(c hit) bool {
	sent := s.sents[s.sentenceAt(c.start)]
	i := s.lastFuture(sent.start, c.start)
	if i < 0 || i < s.clauseStart(c.start, tune.dateClauseRunes) {
		return false // none in the sentence, or none in the clause
	}
	return len(hitsIn(s.cues[cueFresh], i, c.start)) == 0
}

// lastFuture returns where the last time to come (the lexicon's
// future_times) that lies whole in [lo, hi) starts, or -1. The times are
// found once per text (futures, once futuresRead); the last one is the
// one fewest words of today follow, so it decides for all.
func (s *state) lastFuture(lo, hi int) int {
	if !s.futuresRead {
		for _, w := range s.an.cat.FutureTimes {
			for k := 0; w != ""; {
				j := bytes.Index(s.buf[k:], []byte(w))
				if j < 0 {
					break
				}
				s.futures = append(s.futures, span{k + j, k + j + len(w)})
				k += j + 1
			}
		}
		slices.SortFunc(s.futures, func(a, b span) int { return a.start - b.start })
		s.futuresRead = true
	}
	k := sort.Search(len(s.futures), func(k int) bool { return s.futures[k].start >= hi })
	for k--; k >= 0 && s.futures[k].start >= lo; k-- {
		if s.futures[k].end <= hi {
			return s.futures[k].start
		}
	}
	return -1
}

// aheadDate reports a release cue dated to a month after the page's,
// its year written out ("ra mắt vào tháng 2/2027", "2027年2月发布" read in
// December 2026): a release planned, not made. A changelog line's date
// ("[2026-12-02] We release …") records a release made, whatever the
// page's own date says.
func (s *state) aheadDate(c hit) bool {
	pub := s.a.PublishedAt
	if pub.IsZero() {
		return false
	}
	sent := s.sents[s.sentenceAt(c.start)]
	if s.datedLine(sent) {
		return false
	}
	// Within the cue's own clause: "今天发布了X，预计2027年3月推出Y" dates Y.
	cl := s.datedClause(c)
	lo, hi := max(cl.start, s.back(c.start, tune.dateBefore, tune.dateBeforeRunes)), min(cl.end, c.end+tune.dateAfter)
	y, m, ok := s.numericDate(s.buf[lo:hi])
	return ok && monthsBefore(pub, y, m) < 0
}

// occasionParticiple reports an English release participle that
// describes the noun right before it and names after "with" or "in" the
// model whose launch brought that thing ("the \"hybrid reasoning\" toggle
// introduced with Hermes 4", "the format introduced with gpt-oss-120b"):
// an earlier launch, recalled. The word before must be a lowercase word
// that is no name, no adverb in -ly and none of the lexicon's
// participle_auxiliaries ("was introduced with X", "we launched in X").
func (s *state) occasionParticiple(c hit) bool {
	if c.after || s.cjkCue(c) || !bytes.HasSuffix(s.buf[c.start:c.end], []byte("ed")) {
		return false
	}
	rest := s.buf[c.end:]
	var p int
	switch {
	case bytes.HasPrefix(rest, []byte(" with ")):
		p = c.end + len(" with ")
	case bytes.HasPrefix(rest, []byte(" in ")):
		p = c.end + len(" in ")
	default:
		return false
	}
	if len(s.mentionsIn(p, p+1)) == 0 {
		return false
	}
	before := s.buf[max(0, c.start-32):c.start]
	before, ok := bytes.CutSuffix(before, []byte(" "))
	if !ok {
		return false
	}
	k := len(before)
	for k > 0 && (before[k-1] >= 'a' && before[k-1] <= 'z' || before[k-1] == '-') {
		k--
	}
	w := string(before[k:])
	if w == "" || k > 0 && isAlnum(before[k-1]) || strings.HasSuffix(w, "ly") || slices.Contains(s.an.cat.ParticipleAuxiliaries, w) {
		return false
	}
	at := c.start - 1 - len(w)
	return len(s.mentionsIn(at, c.start)) == 0 && len(hitsIn(s.vendorHits, at, c.start)) == 0
}

// pastRelease reports a release cue dated or marked as past ("We released
// OpenThinker2-7B" under a February date, "had launched"): it recalls a
// model that exists, no announcement.
func (s *state) pastRelease(c hit) bool {
	return s.pastDate(c) || s.occasionParticiple(c) || s.near(cueHistory, c.start, c.end, tune.historyBefore, tune.historyAfter)
}

// clauseCue reports a cue of one of kinds within n bytes after p, with no
// clause break between.
func (s *state) clauseCue(p, n int, kinds ...cueKind) bool {
	for _, k := range kinds {
		for _, h := range hitsIn(s.cues[k], p, min(len(s.buf), p+n)) {
			if !clauseBreak(s.buf[p:h.start]) && !bytes.ContainsAny(s.buf[p:h.start], "。\n") {
				return true
			}
		}
	}
	return false
}

// give records release evidence for a model, keeping the strongest;
// along marks evidence of a release alongside another model (a size or
// variant, a download) rather than an announcement of the model itself.
func (s *state) give(m int, conf float64, evidence string, along bool) {
	rec := s.models[m]
	if conf > rec.conf {
		rec.conf, rec.evidence, rec.along = conf, evidence, along
	}
}

// releases decides which models the article announces or releases
// alongside: those a release sentence introduces (not compared against,
// built on, planned, denied or historical, and made by the article's
// vendor or by the maker the sentence names), the title's model, models
// in the vendor's download tables, and sized or tuned variants of a
// released model. Every other model keeps the role its sentences gave it.
func (s *state) releases() {
	s.holdPlanned()
	s.holdOpenTasks()
	for _, c := range s.cues[cueRelease] {
		s.releaseSentence(c)
	}
	s.releaseTopic()
	s.releaseLatest()
	s.olderEntries()
	s.releaseAttributive()
	s.releaseRepoTitle(false)
	s.releaseDownloads()
	s.releaseOfferedSeries()
	s.releaseSeries()
	s.releaseVariants()
	s.releaseRepoTitle(true)
	s.releaseRepoModel()
	s.releaseDefined()
	s.releaseNewestDated()
	s.dropPassingSeries()
	s.releaseSelfOffered()
	s.dropDeniedTitles()
	s.dropReviewed()
	s.dropReopened()
	s.dropOlderSiblings()
}

// releaseLatest releases the page's own models that a word of the
// lexicon's latest_words calls the newest of their line, right before the
// name ("from early versions like YOLOv3 to the latest YOLO26", "our new
// X"): on a page about them, that announces them. A model compared, built
// on, planned, denied or recalled there is none, nor is another maker's
// ("supports the latest Qwen3.5" on a framework's page).
func (s *state) releaseLatest() {
	for _, m := range s.mentions {
		rec := s.models[m.model]
		if m.role != roleNone || rec.conf >= tune.sentenceConf || rec.held || rec.denied || rec.recalled ||
			s.inCodeLine(m.start) || s.inTableLine(m.start) || !s.latestBefore(m.start) || !s.ownModel(rec) {
			continue
		}
		s.give(m.model, tune.sentenceConf, s.sentence(s.sentenceAt(m.start)), false)
	}
}

// latestBefore reports a word of the lexicon's latest_words that ends
// right before p, past one space, and starts a word.
func (s *state) latestBefore(p int) bool {
	b := s.buf[:p]
	if len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	for _, w := range s.an.cat.LatestWords {
		if len(b) < len(w) || !strings.EqualFold(string(b[len(b)-len(w):]), w) {
			continue
		}
		if i := len(b) - len(w); i == 0 || w[0] >= utf8.RuneSelf || !isAlnum(b[i-1]) {
			return true
		}
	}
	return false
}

// ownModel reports a model of the page's own maker: on a project's page,
// one no catalog gives a maker or one of the vendor that owns the
// repository; elsewhere, one of the article's vendor.
func (s *state) ownModel(rec *modelRec) bool {
	owner, _, _, ok := s.project()
	if !ok {
		return rec.vendor >= 0 && s.sameGroup(rec.vendor, s.primary)
	}
	if rec.vendor < 0 {
		return rec.vendorName == "" || namedAfter(owner, rec.vendorName)
	}
	if v, _ := s.repoOwnerVendor(); v == rec.vendor {
		return true
	}
	return owner != "" && s.ownerOf(owner, rec.vendor)
}

// dropOlderSiblings takes the release back from an older version of a
// line the article releases a newer version of (olderThanReleased: "The
// update follows DeepSeek-V4.1, launched in October, …" on a page that
// releases DeepSeek-V4.2), unless the title names it or the newer
// version's own release sentence releases it too ("We release X-3 and
// X-2.5-Lite"): a page announces the newest of its line, and an older one
// it names with a release verb is its history.
func (s *state) dropOlderSiblings() {
	var drop []int
	for i, rec := range s.models {
		if rec.conf == 0 || rec.along || s.titleNames(i) || !s.newerSameLine(rec) {
			continue
		}
		if s.newerSharesEvidence(rec) {
			continue
		}
		drop = append(drop, i)
	}
	for _, i := range drop {
		rec := s.models[i]
		rec.conf, rec.evidence = 0, ""
		rec.mark(kindHistorical, rec.first)
	}
}

// newerSameLine reports a released model of m's family and vendor whose
// name is m's with a higher version and the same words before and after
// it ("DeepSeek-V4.2" for "DeepSeek-V4.1"; not "GLM-4.1V-9B-Thinking" for
// "GLM-4-32B-0414", another line of the series).
func (s *state) newerSameLine(m *modelRec) bool {
	return s.olderVersion(m, true)
}

// newerSharesEvidence reports a newer released version of m's line whose
// release evidence is m's own: one sentence releases both ("We release
// X-3 and X-2.5"). A sentence that names three versions of the line or
// more lists its history ("The X-2.5, X-2.6, X-3 and X-3.5 weights are
// released under …"): it shares nothing, and the newest is the release.
func (s *state) newerSharesEvidence(m *modelRec) bool {
	shared := 0
	for _, r := range s.models {
		if r != m && r.conf >= tune.releasedBase && r.family == m.family && r.vendor == m.vendor && r.evidence == m.evidence && sameStem(r, m) {
			shared++
		}
	}
	return shared == 1
}

// sameStem reports two versioned names with the same words before their
// versions ("X-2.5" and "X-3.5-Fast").
func sameStem(a, b *modelRec) bool {
	at, bt := a.tokens(), b.tokens()
	i, ok := nameVersion(at)
	j, ok2 := nameVersion(bt)
	return ok && ok2 && slices.Equal(at[:i], bt[:j])
}

// dropPassingSeries takes the release back from a bare catalogued series
// ("Gemini", "混元") the title does not name: in the text alone it is the
// assistant or product line an article names in passing ("the Pixel 10
// Pro ships Gemini as default", a phone whose AI features run on Gemini),
// not a model the article announces. A new series announced under its
// bare name is named in its announcement's title ("Fujitsu launches
// Takane", a model card "CohereLabs/c4ai-command-a-03-2025"), and one no
// catalog knows is not bare.
func (s *state) dropPassingSeries() {
	title := fold(string(s.buf[:s.titleEnd]))
	for _, rec := range s.models {
		if rec.bare && rec.family >= 0 && rec.conf > 0 && !strings.Contains(title, rec.key) {
			rec.conf, rec.along = 0, false
		}
	}
}

// releaseSentence gives the release of cue c to the models it releases:
// its objects, else the models the next sentence names, else the
// article's topic model when the sentence releases "the model".
func (s *state) releaseSentence(c hit) {
	if s.inTableLine(c.start) || s.inCodeLine(c.start) {
		// A table's "Release date" column, a command, release nothing,
		// and hold nothing back ("hf download … --include original/*").
		return
	}
	if s.readerRequest(c) {
		return // "Please first launch a local API server, then download X"
	}
	if s.blocked(c) {
		s.hold(c)
		return
	}
	k := s.sentenceAt(c.start)
	sent := s.sents[k]
	lo, hi := c.start-tune.objectBefore, c.end+tune.objectAfter
	switch {
	case c.after:
		lo, hi = c.start-tune.postBefore, c.end+tune.postAfter
	case c.local:
		lo = c.start - tune.postBefore // the clause before a verb that ends it
	}
	conf := tune.sentenceConf
	if k == 0 {
		conf = tune.titleConf
	}
	ev := s.sentence(k)
	named, given := false, false
	objects := s.objectChain(c)
	subject := s.hasObject(c, objects)
	for _, m := range s.mentionsIn(max(lo, sent.start), min(hi+1, sent.end)) {
		if m.start >= c.end && s.documentBetween(m, c) {
			// "published a paper describing X, a language model":
			// the sentence releases a document about X, and no
			// unnamed "model" of it is the topic's release.
			named = true
			continue
		}
		if !s.inReach(m, c) || m.start >= c.end && objects != nil && !slices.Contains(objects, m.start) {
			continue
		}
		if m.start >= c.end && s.documentAfter(m) {
			named = true
			continue // "Release of Uni2TS library": the name of a document or a tool
		}
		if subject && m.end <= c.start {
			continue // "GreenNode của VNG công bố … GreenMind": the subject
		}
		named = true
		if rec := s.models[m.model]; rec.family < 0 && m.role == roleNone && s.makerFits(m, c, sent) {
			if o := s.newestOfSeries(rec); o >= 0 {
				given = true
				s.give(o, conf, ev, false) // the series' new generation
				continue
			}
		}
		if !s.released(m, c) || !s.makerFits(m, c, sent) {
			continue
		}
		given = true
		s.give(m.model, conf, ev, false)
		if s.inSentence(cueOpen, sent) {
			s.models[m.model].open = true
		}
		for _, o := range s.elidedSizes(m) {
			s.give(o, conf, ev, false)
		}
	}
	if s.listAfter(k, conf, ev) {
		return
	}
	if !given && s.namedNext(k, ev) {
		return
	}
	// An unnamed release in the title, or of "the model", is the
	// article's topic model; a bare series name is too vague a topic
	// outside the title. With no name to anchor it, the sentence must
	// affirm the release throughout: a negation or a plan anywhere in it
	// ("No new models were added this week, though it plans to host …",
	// "是否会开源更大规模模型，管理层未作正面回应") releases nothing, nor
	// does a title that releases a document or a device and no model
	// ("阿里巴巴发布季度财报"). A topic series whose version or size the
	// article has released ("Gemma 3" beside "Gemma 3 270M") is not what
	// "the models" of a later sentence are, nor is a topic the title
	// says is still to come ("…上线，Qwen3.7-Max下月见").
	if named || s.topic < 0 || !s.ownTopic() || s.plannedInTitle(s.topic) || s.versionReleased(s.topic, false) || s.topicRoled(sent) ||
		s.inSentence(cueNegation, sent) || s.inSentence(cuePlanned, sent) ||
		s.inSentence(cueDocuments, sent) && !s.inSentence(cueModelNouns, sent) || s.documentObject(c, sent) {
		return
	}
	switch {
	case k == 0:
		s.give(s.topic, tune.topicConf, ev, false)
	case s.inSentence(cueModelNouns, sent) && s.topicFits(sent):
		s.topicReleases = append(s.topicReleases, ev)
	}
}

// topicRoled reports the topic model named in sentence sp in a role the
// sentence gives it (built on, compared, planned, recalled): an unnamed
// release there is of something else ("Qwen4-32BのGGUF量子化版が登場": a
// packaging built on it).
func (s *state) topicRoled(sp span) bool {
	for _, m := range s.mentionsIn(sp.start, sp.end) {
		if m.model == s.topic && m.role != roleNone {
			return true
		}
	}
	return false
}

// releaseTopic gives the topic model the text's unnamed releases of "the
// model" once every release sentence is read, unless one recalled the
// topic as released before: "Chinese labs shipped a wave of models this
// autumn. DeepSeek released DeepSeek-V3.2 in September, …" announces no
// DeepSeek-V3.2.
func (s *state) releaseTopic() {
	if s.topic < 0 || s.models[s.topic].recalled {
		return
	}
	for _, ev := range s.topicReleases {
		s.give(s.topic, tune.topicConf, ev, false)
	}
}

// ownTopic reports an article's topic model that an unnamed release of
// its text can be: on a project's page, the project's own — one no
// catalog knows, one the title names, or one of the vendor that owns the
// repository (under a handle of its own, or one that begins with its name). A README's "Model Releases - … are available" is not a
// release of another lab's model it names in a code sample
// ("gpt-3.5-turbo-0613") or builds on ("PaliGemma-3B").
func (s *state) ownTopic() bool {
	if _, _, _, ok := s.project(); !ok {
		return true
	}
	rec := s.models[s.topic]
	if rec.vendor < 0 || s.titleNames(s.topic) {
		return true
	}
	if v, _ := s.repoOwnerVendor(); v == rec.vendor {
		return true
	}
	owner, _, _, _ := s.project()
	return s.ownerOf(owner, rec.vendor)
}

// ownerOf reports a repository owner's handle that begins with a name of
// vendor v ("Snowflake-Labs" of Snowflake): the vendor's team.
func (s *state) ownerOf(owner string, v int) bool {
	f := fold(owner)
	for alias, i := range s.an.c.vendorOfAlias {
		if i == v && len(alias) >= 4 && strings.HasPrefix(f, alias) {
			return true
		}
	}
	return false
}

// olderEntries takes back the releases that a changelog line gives to an
// earlier generation of a model the page releases ("2025/07/02:
// GLM-4.1V-9B-Thinking open-sourced" on a page that releases GLM-4.5V,
// "2025年2月21日：PLaMo 2 8Bを公開" under PLaMo 3): an older entry of the
// page's history, whatever date the page carries.
//
// An entry dated pastMonths or more before the newest entry that releases
// a model (or before the page's date) is history too, whatever its models'
// names ("11/2023: PhoGPT-4B" under "15/04/2026: PhoGPT-2-7B"), unless it
// releases the series the page is titled after ("01-ai/Yi").
func (s *state) olderEntries() {
	newest, window := 0, tune.logPastMonths
	if pub := s.a.PublishedAt; !pub.IsZero() {
		newest, window = pub.Year()*12+int(pub.Month()), tune.pastMonths
	}
	for _, c := range s.cues[cueRelease] {
		if s.releasesNamed(s.sentenceAt(c.start)) {
			newest = max(newest, s.entryMonth(c.start))
		}
	}
	for _, c := range s.cues[cueRelease] {
		k := s.sentenceAt(c.start)
		sent := s.sents[k]
		mo := s.entryMonth(c.start)
		if mo == 0 {
			continue
		}
		old := newest-mo >= window && !s.titleSeriesIn(sent)
		var ev string
		for _, m := range s.mentionsIn(sent.start, sent.end) {
			rec := s.models[m.model]
			if rec.conf == 0 {
				continue
			}
			if ev == "" {
				ev = s.sentence(k)
			}
			if rec.evidence == ev && (old || s.olderThanReleased(rec)) {
				rec.conf, rec.evidence = 0, ""
				rec.mark(kindHistorical, m.start)
			}
		}
	}
}

// releasesNamed reports a release sentence k that names a model, or
// that ends in a colon over a line that does ("Release new models:" over
// "13B model Foo-13B-2"): an entry of a news log that releases one.
func (s *state) releasesNamed(k int) bool {
	sent := s.sents[k]
	if len(s.mentionsIn(sent.start, sent.end)) > 0 {
		return true
	}
	t := bytes.TrimRight(s.buf[sent.start:sent.end], " ")
	if k+1 >= len(s.sents) || !bytes.HasSuffix(t, []byte(":")) && !bytes.HasSuffix(t, []byte("：")) {
		return false
	}
	next := s.sents[k+1]
	return len(s.mentionsIn(next.start, next.end)) > 0
}

// elidedSizes returns the models that sizes listed right after mention m
// name by leaving out its stem ("EXAONE 4.0 32B 및 1.2B", "Qwen3-8B and
// 14B", "PLaMo 3 8B / 31B"): the article's models whose names are m's
// with the other size.
func (s *state) elidedSizes(m mention) []int {
	name := s.models[m.model].name
	k := strings.LastIndexAny(name, " -")
	if k < 0 || !isSizeWord(name[k+1:]) || !isSizeWord(lastWord(s.buf[m.start:m.end])) {
		return nil
	}
	stem := name[:k+1]
	var out []int
	p := m.end
	for len(out) < maxChain {
		q := listJoin(s.buf, p, s.an.cat.ListLinks)
		if q == p {
			break
		}
		w := wordEnd(s.buf, q)
		if w == q || !isSizeWord(string(s.buf[q:w])) || w < len(s.buf) && s.buf[w] == '-' {
			break
		}
		want := fold(stem + string(s.buf[q:w]))
		for i, o := range s.models {
			if i != m.model && o.key == want {
				out = append(out, i)
				break
			}
		}
		p = w
	}
	return out
}

// listJoin returns where the next item of a list starts after p, past a
// link of links (the lexicon's list_links: a comma, a slash or a list
// word, "and", "및", "和", "と"); p when none follows.
func listJoin(b []byte, p int, links []string) int {
	q := p
	for q < len(b) && b[q] == ' ' {
		q++
	}
	for _, j := range links {
		if bytes.HasPrefix(b[q:], []byte(j)) {
			q += len(j)
			for q < len(b) && b[q] == ' ' {
				q++
			}
			return q
		}
	}
	return p
}

// lastWord returns the last space- or hyphen-separated word of b.
func lastWord(b []byte) string {
	return string(b[bytes.LastIndexAny(b, " -")+1:])
}

// hasObject reports a verb written before its object that has one right
// after it: a model no sentence made a rival or a base, with no
// "alongside" or "which includes" before it. A name before such a verb is
// its subject, not what it releases ("X announces Y"); a verb with no
// object after it ("Qwen3 launches today") releases the name before it.
func (s *state) hasObject(c hit, objects []int) bool {
	if len(objects) == 0 {
		return false
	}
	i := s.mentionIndex(objects[0])
	if i >= len(s.mentions) || s.mentions[i].role != roleNone {
		return false
	}
	for _, k := range []cueKind{cueMembers, cueAlongside} {
		if len(hitsIn(s.cues[k], c.end, objects[0])) > 0 {
			return false
		}
	}
	return true
}

// makerFits reports whether a release sentence sent may release mention
// m by who made it: a model of the article's vendor or of no known
// vendor, or one whose own maker the sentence names ("OpenAI shipped
// GPT-4.5, xAI released Grok 3") when the article is about that maker
// too (featured). Another lab's model named in the article's own release
// ("we present results alongside GPT-4o and Claude") is a rival, and one
// an article about another release recalls in passing ("Anthropic
// released Claude Opus 4.1 on Tuesday", "阿里巴巴…Qwen3-Max预览版已上线")
// is context, not a release. A heading names its maker in the sentence
// after it ("Claude Haiku 5 is generally available" over "Anthropic made
// Claude Haiku 5 available …"): there the maker it names counts too.
//
// Another maker's model whose maker leads its release sentence, in a
// sentence that dates nothing before the page (datedNow), is released by
// an article whose headings feature no maker of its own (a roundup, "This
// week in AI": "Moonshot released Kimi K3. Zhipu released GLM-5.2."), by a
// round-up title (roundupNews) and, on a page featuring its own maker,
// when dated to the page's own day (ownNews: "Mistral AI released Mistral
// Medium 4 on Monday as well", "Zalo AIも同日、「ZLM-3 8B」を公開した").
// "先月にはOpenAIが「GPT-5.5」を…投入しており" recalls, it releases nothing.
func (s *state) makerFits(m mention, c hit, sent span) bool {
	v := s.models[m.model].vendor
	if v < 0 || s.primary < 0 || s.sameGroup(v, s.primary) {
		return true
	}
	if s.makerIn(v, sent) {
		return s.featured(v) || s.makerLeads(v, m, c, sent) && s.datedNow(sent) && (!s.featured(s.primary) || s.roundupNews(m, c) || s.ownNews(m, c, sent))
	}
	if k := s.sentenceAt(sent.start) + 1; sent.start >= s.titleEnd && s.inHeading(sent.start) && k < len(s.sents) && s.makerIn(v, s.sents[k]) {
		return s.featured(v)
	}
	return false
}

// ownNews reports another maker's release that a page featuring its
// own maker reports beside it: the maker's name leads the sentence
// (makerLeads), the model is the verb's object, after it or, for a
// Japanese or Korean verb that ends its clause, before it ("Zalo AIも
// 同日、「ZLM-3 8B」を公開した"), not a subject of its own ("Qwen3.7已经
// 开源"), and the sentence dates the release to the page's own day
// (sameDay). A rival's release of "this week" or "early this month" is
// context.
func (s *state) ownNews(m mention, c hit, sent span) bool {
	return (m.start >= c.end || c.after) && s.sameDay(sent)
}

// roundupNews reports another maker's release on a page whose title
// makes it a round-up (a word of the lexicon's roundup_words: "This week
// in AI: Kimi K3 leads a busy week"): the model is the verb's object, as
// for ownNews; any day of the round-up's week is its news.
func (s *state) roundupNews(m mention, c hit) bool {
	return (m.start >= c.end || c.after) && s.roundupTitle()
}

// roundupTitle reports a title holding a word of the lexicon's
// roundup_words.
func (s *state) roundupTitle() bool {
	title := bytes.ToLower(s.buf[:s.titleEnd])
	for _, w := range s.an.cat.RoundupWords {
		if bytes.Contains(title, []byte(strings.ToLower(w))) {
			return true
		}
	}
	return false
}

// sameDay reports a sentence dated to the page's own day: a word of the
// lexicon's same_day ("the same day", "同日", "같은 날", "cùng ngày"), the
// page's weekday ("on Monday", "周一" read on a Monday) or its date ("7日",
// "December 7", "ngày 7/12").
func (s *state) sameDay(sent span) bool {
	text := s.buf[sent.start:sent.end]
	lower := bytes.ToLower(text)
	for _, w := range s.an.cat.SameDay {
		if bytes.Contains(lower, []byte(strings.ToLower(w))) {
			return true
		}
	}
	pub := s.a.PublishedAt
	if pub.IsZero() {
		return false
	}
	return s.namesWeekday(text, pub.Weekday()) || s.datedWithin(sent, 0)
}

// namesWeekday reports text naming weekday day in any catalog language
// (the lexicon's weekdays: "Thursday", "周四", "木曜", "목요일", "thứ
// Năm"), or in English when the lexicon lists no week.
func (s *state) namesWeekday(text []byte, day time.Weekday) bool {
	names := []string{day.String()}
	if int(day) < len(s.an.cat.Weekdays) {
		names = s.an.cat.Weekdays[day]
	}
	for _, n := range names {
		if bytes.Contains(text, []byte(n)) {
			return true
		}
	}
	return false
}

// datedNow reports a sentence that dates nothing before the page: no
// history cue ("last week", "先月", "earlier") and no month before the
// page's ("in November" read on December 2).
func (s *state) datedNow(sent span) bool {
	return len(hitsIn(s.cues[cueHistory], sent.start, sent.end)) == 0 && !s.earlierMonth(s.buf[sent.start:sent.end])
}

// makerLeads reports a name of vendor v (or of its group or lab:
// sameGroup) in sentence sent before both the
// release verb c and the mention m: the verb's subject, not a name in a
// later clause ("…, and NVIDIA's AceReason was in the comparison"). A
// model that is itself the verb's subject may have its maker's name
// between it and the verb, in the same clause ("MiniMax-M3 from MiniMax
// is now available"); a relative clause after a comma ("Kimi K2, which
// Moonshot AI open-sourced …") is no such clause.
func (s *state) makerLeads(v int, m mention, c hit, sent span) bool {
	for _, h := range hitsIn(s.vendorHits, sent.start, sent.end) {
		if !s.sameGroup(h.idx, v) || h.start >= c.start {
			continue
		}
		if h.start < m.start || m.end <= h.start && !clauseBreak(s.buf[m.end:c.start]) {
			return true
		}
	}
	return false
}

// makerIn reports a name of vendor v, or of its group or lab
// (sameGroup), in sentence sent.
func (s *state) makerIn(v int, sent span) bool {
	for _, h := range hitsIn(s.vendorHits, sent.start, sent.end) {
		if s.sameGroup(h.idx, v) {
			return true
		}
	}
	return false
}

// featured reports a vendor the article is about by its own headlines:
// one its title or a heading names, or whose model it names there, itself
// or its group or lab (sameGroup) ("The
// Week in AI: Haiku 4.5, Veo 3.1 and Granite 4.0", "Moonshot AI tung Kimi
// K2, Zhipu đáp trả bằng GLM-4.5").
func (s *state) featured(v int) bool {
	for _, h := range s.vendorHits {
		if s.sameGroup(h.idx, v) && s.inHeading(h.start) {
			return true
		}
	}
	for _, m := range s.mentions {
		if s.sameGroup(s.models[m.model].vendor, v) && s.inHeading(m.start) {
			return true
		}
	}
	return false
}

// releaseRepoTitle releases the models a repository's page names in its
// title: every model of an "owner/repo" title ("deepseek-ai/DeepSeek-V3"),
// or, on a hub's repository page with a title of its own ("FastVLM:
// Efficient Vision Encoding …" at github.com/apple/ml-fastvlm) or a
// package index's page of the project ("Moshi - PyTorch" at
// pypi.org/project/moshi), the title's model that the repository or
// package is named after. A package named after a catalogued maker's
// model whose text never names that maker and first names the model as
// something built on (a quantised build) is another's runner or port of
// it, no release of the model.
//
// With sizes set (after releaseVariants, so that none of its other sizes
// becomes a variant of it), the versioned model a repository is named
// after is released beside the sizes of it the page releases
// ("LG-AI-EXAONE/EXAONE-5.0" with "EXAONE 5.0 32B").
func (s *state) releaseRepoTitle(sizes bool) {
	owner, repo, fromTitle, ok := s.project()
	if !ok {
		return
	}
	ownerEnd := 0
	if fromTitle {
		// "K-intelligence-Midm/Midm-2.0": the owner is an organisation,
		// whatever model its name holds.
		ownerEnd = bytes.Index(s.buf[:s.titleEnd], []byte(owner+"/")) + len(owner)
	}
	for _, m := range s.mentionsIn(0, s.titleEnd) {
		if m.role != roleNone || m.end <= ownerEnd || s.versionReleased(m.model, sizes) || s.toolTitle(m) {
			continue
		}
		if !fromTitle && !namedAfter(repo, s.models[m.model].name) {
			continue
		}
		if rec := s.models[m.model]; owner == "" && rec.family >= 0 && rec.vendor >= 0 && !s.vendorHitOf(rec.vendor) && s.firstNamedBuilt(m.model) {
			continue // "在本地一键运行 X（…）GGUF 量化版" at pypi.org/project/x: a runner of another lab's model
		}
		s.give(m.model, tune.repoTitleConf, strings.TrimSpace(string(s.buf[:s.titleEnd])), false)
	}
}

// firstNamedBuilt reports the text's first mention of model i with a
// cue of building on another's model attached to it: one before it
// ("a GGUF port of X", "based on X") or one that follows what it
// qualifies after it, past a bracket ("X（…）GGUF 量化版"), each at most
// builtReach bytes off with no clause break between. The page's first
// word of the model is then about a build of it; a base cue elsewhere in
// the sentence ("X is a text-to-video model that renders scenes like a
// film crew would") says nothing of X.
func (s *state) firstNamedBuilt(i int) bool {
	for _, m := range s.mentionsIn(s.titleEnd, len(s.buf)) {
		if m.model != i {
			continue
		}
		sent := s.sents[s.sentenceAt(m.start)]
		q := m.end
		if g := bytes.TrimLeft(s.buf[q:sent.end], " "); len(g) > 0 && (g[0] == '(' || bytes.HasPrefix(g, []byte("（"))) {
			if j := bytes.IndexAny(g, ")）"); j >= 0 {
				q = sent.end - len(g) + j
			}
		}
		for _, h := range hitsIn(s.cues[cueBase], sent.start, sent.end) {
			if !h.after && h.end <= m.start && m.start-h.end <= builtReach && !clauseBreak(s.buf[h.end:m.start]) ||
				h.after && h.start >= q && h.start-q <= builtReach && !clauseBreak(s.buf[q:h.start]) {
				return true
			}
		}
		return false
	}
	return false
}

// builtReach is how far from a model's name, in bytes, a cue of building
// on it may lie and still attach to it.
const builtReach = 16

// vendorHitOf reports vendor v, or one of its group, named in the text.
func (s *state) vendorHitOf(v int) bool {
	return slices.ContainsFunc(s.vendorHits, func(h hit) bool { return s.sameGroup(h.idx, v) })
}

// toolTitle reports a title whose words after mention m, to the end of
// its part (a colon, a bar, a bracket or a spaced dash ends one), end
// with a document noun ("Moondream Python Client Library", "X SDK"): the
// page is a library's or a tool's made for the model, not the model's.
func (s *state) toolTitle(m mention) bool {
	seg := s.buf[m.end:s.titleEnd]
	if i := bytes.IndexAny(seg, ":|(（："); i >= 0 {
		seg = seg[:i]
	}
	for _, d := range []string{" - ", " – ", " — "} {
		if i := bytes.Index(seg, []byte(d)); i >= 0 {
			seg = seg[:i]
		}
	}
	end := m.end + len(bytes.TrimRight(seg, " "))
	if end <= m.end {
		return false
	}
	for _, d := range hitsIn(s.cues[cueDocuments], m.end, end) {
		if d.end == end {
			return true
		}
	}
	return false
}

// releaseRepoModel releases, on a repository's page that releases
// nothing else, the model no catalog knows that the repository is named
// after ("hexgrad/kokoro": "An inference library for Kokoro-82M";
// "NX-AI/tirex": "the pre-trained forecasting model TiRex"): a README
// that offers its own model without news of it announces it. The most
// specific such name is the release; one compared, built on, planned,
// denied or recalled is none.
func (s *state) releaseRepoModel() {
	_, repo, _, ok := s.project()
	if !ok {
		return
	}
	best := -1
	for i, rec := range s.models {
		if rec.conf > 0 {
			return
		}
		if rec.family >= 0 || rec.bare || rec.count == 0 || rec.rival || rec.targeted || rec.based || rec.held || rec.denied || rec.recalled ||
			!namedAfter(repo, stemOf(rec.name)) {
			continue
		}
		if best < 0 || len(rec.name) > len(s.models[best].name) {
			best = i
		}
	}
	if best >= 0 {
		s.give(best, tune.repoTitleConf, s.sentence(s.sentenceAt(s.models[best].first)), false)
	}
}

// releaseDefined releases, on a project's page that releases nothing
// else, the models it defines in a list of its own (listDefinitions:
// "* MusicGen: A state-of-the-art controllable text-to-music model."):
// a README that offers its own models without news of them announces
// them. A model of another maker than the page's, or one compared, built
// on, planned, denied or recalled, is none.
func (s *state) releaseDefined() {
	if len(s.defined) == 0 {
		return
	}
	for _, rec := range s.models {
		if rec.conf > 0 && !slices.Contains(s.defined, fold(rec.name)) {
			return
		}
	}
	for i, rec := range s.models {
		if !slices.Contains(s.defined, fold(rec.name)) || rec.count == 0 || rec.rival || rec.targeted || rec.based || rec.held || rec.denied || rec.recalled {
			continue
		}
		if s.primary >= 0 && rec.vendor >= 0 && !s.sameGroup(rec.vendor, s.primary) {
			continue
		}
		s.give(i, tune.repoTitleConf, s.sentence(s.sentenceAt(rec.first)), false)
	}
}

// releaseSelfOffered releases alongside, on a project's page, the models
// a sentence opened by a word of the lexicon's self_offers names beside a
// model the page releases ("This package provides a streaming version of
// the audio tokenizer (X) and the lm model (Y)" on the page of Y): the
// page offers both as its own. A model of another maker than the released
// one's, or one compared, planned, denied or recalled is none, and so is
// one built on or introduced as another maker's (a rival) outside the
// offer: a built-on cue inside it ("a version of the tokenizer (X)")
// describes the page's own build of X. It runs after dropPassingSeries:
// a bare series the page offers as its own is named in no passing.
func (s *state) releaseSelfOffered() {
	if _, _, _, ok := s.project(); !ok || len(s.an.cat.SelfOffers) == 0 {
		return
	}
	for k, sent := range s.sents {
		at := s.selfOfferEnd(sent)
		if at < 0 {
			continue
		}
		ms := s.mentionsIn(at, sent.end)
		own := slices.IndexFunc(ms, func(m mention) bool { r := s.models[m.model]; return r.conf > 0 && !r.along })
		if own < 0 {
			continue
		}
		maker := s.models[ms[own].model].vendor
		for _, m := range ms {
			rec := s.models[m.model]
			if rec.conf > 0 || rec.count == 0 || rec.targeted || rec.held || rec.denied || rec.recalled {
				continue
			}
			if rec.vendor >= 0 && (maker < 0 || !s.sameGroup(rec.vendor, maker)) || rec.vendor < 0 && rec.family >= 0 {
				continue // another maker's model, or one the catalog knows of none
			}
			if b := int(rec.roleAt[kindBuiltOn]) - 1; (rec.based || rec.rival) && (b < at || b >= sent.end) {
				continue // built on, or introduced as another's, outside the offer
			}
			if s.primary >= 0 && rec.vendor >= 0 && !s.sameGroup(rec.vendor, s.primary) {
				continue
			}
			s.give(m.model, tune.repoTitleConf, s.sentence(k), true)
		}
	}
}

// selfOfferEnd returns where a word of the lexicon's self_offers that
// opens sentence sent ends, or -1.
func (s *state) selfOfferEnd(sent span) int {
	text := s.buf[sent.start:sent.end]
	lead := len(text) - len(bytes.TrimLeft(text, " -*>#•"))
	if w := wordEnd(text, lead); w > lead && isUpper(text[lead]) && bytes.HasPrefix(text[w:], []byte(", ")) {
		lead = w + 2 // "Currently, we provide …": one word and a comma before the offer
	}
	low := asciiLower(text[lead:])
	for _, w := range s.an.cat.SelfOffers {
		// A Latin word ends there ("we provide", not "we provided").
		if bytes.HasPrefix(low, []byte(strings.ToLower(w))) && (!isLetterASCII(w[len(w)-1]) || wordClosed(low, len(w))) {
			return sent.start + lead + len(w)
		}
	}
	return -1
}

// offeredNoun returns, for a sentence that opens with a self_offers
// word, where that word ends and the first model noun after it
// ("This package provides models …"); ok is false for other sentences.
func (s *state) offeredNoun(sent span) (at int, noun hit, ok bool) {
	at = s.selfOfferEnd(sent)
	if at < 0 {
		return at, hit{}, false
	}
	hs := hitsIn(s.cues[cueModelNouns], at, sent.end)
	if len(hs) == 0 {
		return at, hit{}, false
	}
	return at, hs[0], true
}

// releaseNewestDated releases, on a repository's page that releases
// nothing else, the model of the newest row of a table that dates its
// rows ("Model | Launch date | Model sizes": "Llama 4 | 4/5/2025" below
// the older generations): a README's table of its own generations, whose
// newest the repository now serves. Only a model of the series the
// repository is named after counts, and one compared, built on, planned,
// denied or recalled is none.
func (s *state) releaseNewestDated() {
	_, repo, _, ok := s.project()
	if !ok {
		return
	}
	for _, rec := range s.models {
		if rec.conf > 0 {
			return
		}
	}
	for _, tb := range s.tableCells {
		m := tb.newestDatedRow()
		if m < 0 {
			continue
		}
		rec := s.models[m]
		if rec.rival || rec.targeted || rec.based || rec.held || rec.denied || rec.recalled || !namedAfter(repo, stemOf(rec.name)) {
			continue
		}
		s.give(m, tune.repoTitleConf, "newest row of a dated table of models", false)
	}
}

// newestDatedRow returns the model of the row with the latest date in a
// column whose body cells are all dates (slashDate or "2025-04-05"),
// when that row names one and no other row has its date; else -1.
func (tb *table) newestDatedRow() int {
	for c := range maxRowWidth2(tb.rows) {
		best, bestRow, tie, n := 0, -1, false, 0
		for r := tb.head; r < len(tb.rows); r++ {
			if c >= len(tb.rows[r]) {
				n = -1
				break
			}
			d := cellDate(strings.TrimSpace(tb.rows[r][c].text))
			if d == 0 {
				n = -1
				break
			}
			n++
			switch {
			case d > best:
				best, bestRow, tie = d, r, false
			case d == best:
				tie = true
			}
		}
		if n < 2 || tie || bestRow < 0 {
			continue
		}
		m, _ := tb.rowModel(bestRow)
		return m
	}
	return -1
}

// namedAfter reports a repository named after a model: one name holds
// the other ("ml-fastvlm" and FastVLM, "Qwen2.5-VL" and Qwen2.5-VL).
func namedAfter(repo, model string) bool {
	r, m := fold(repo), fold(model)
	return len(r) >= 3 && len(m) >= 3 && (strings.Contains(r, m) || strings.Contains(m, r))
}

// releaseDownloads releases the models the article's download tables
// offer, when they are its vendor's (or no catalog knows them) and the
// tables are no catalog of the vendor's lines (downloadCatalog).
func (s *state) releaseDownloads() {
	if s.downloadCatalog() {
		return // a library's table of every model it runs: the page's news says which is new
	}
	for _, m := range s.downloads {
		rec := s.models[m]
		if rec.held || rec.denied || rec.bare && rec.family >= 0 {
			continue // a table offers checkpoints, not a series ("MiniCPM")
		}
		if rec.recalled && rec.conf == 0 {
			continue // "[2026.08.26] MiniCPM-V 5.0 发布": an earlier release the page's history dates
		}
		if s.olderThanReleased(rec) {
			continue // "InternLM2.5-7B-Chat" in the zoo of a README releasing InternLM3
		}
		if s.recalledBase(rec) {
			continue // "Gemma 4 27B" (bf16) beside the released "Gemma 4 27B QAT"
		}
		if s.primary < 0 || s.sameGroup(rec.vendor, s.primary) || rec.family < 0 {
			s.give(m, tune.downloadConf, "listed for download", true)
		}
	}
}

// recalledBase reports a model whose name a model the text releases
// continues with more words ("X 27B" under a released "X 27B QAT"), of a
// series the text dates before the page ("When we launched X in
// September"): a table row of the older base the new variant is measured
// against, not a release of the page's.
func (s *state) recalledBase(m *modelRec) bool {
	toks := m.tokens()
	derived, recalled := false, false
	for _, r := range s.models {
		if r == m || r.vendor != m.vendor {
			continue
		}
		rt := r.tokens()
		switch {
		case len(rt) > len(toks) && slices.Equal(rt[:len(toks)], toks) && r.conf >= tune.releasedBase && !r.along:
			derived = true
		case len(rt) < len(toks) && slices.Equal(toks[:len(rt)], rt) && r.recalled && r.conf == 0:
			recalled = true
		}
	}
	return derived && recalled
}

// releaseOfferedSeries releases, on a project's page, the series whose
// sizes or tiers its download tables offer ("XGLM 564M" … "XGLM 7.5B",
// "XLS-R 300M", "data2vec Base" and "data2vec Large") when no catalog
// knows it and the text writes its name alone ("a family of models,
// dubbed XGLM"): the model a per-model README introduces, its sizes
// released alongside it. A series the page compares, builds on, plans,
// denies or recalls is none.
func (s *state) releaseOfferedSeries() {
	if _, _, _, ok := s.project(); !ok || s.downloadCatalog() {
		return
	}
	sizes := map[string]map[int]bool{}
	for _, m := range s.downloads {
		rec := s.models[m]
		if rec.conf == 0 || rec.family >= 0 {
			continue
		}
		if stem, ok := s.sizedStem(rec.name); ok {
			if sizes[stem] == nil {
				sizes[stem] = map[int]bool{}
			}
			sizes[stem][m] = true
		}
	}
	for stem, of := range sizes {
		if len(of) < 2 || !s.writtenAlone(stem) {
			continue
		}
		m := s.tableName(stem)
		if m < 0 {
			continue
		}
		rec := s.models[m]
		if rec.family >= 0 || rec.conf > 0 || rec.rival || rec.targeted || rec.based || rec.held || rec.denied || rec.recalled {
			continue
		}
		s.give(m, tune.seriesConf, "series of "+stem, false)
	}
}

// sizedStem returns a name's words before its last one when that word is
// a size or a variant of the lexicon ("XGLM" of "XGLM 1.7B", "XLS-R" of
// "XLS-R 300M", "data2vec" of "data2vec Large").
func (s *state) sizedStem(name string) (string, bool) {
	i := strings.LastIndexAny(name, " -_")
	if i <= 0 || i+1 >= len(name) {
		return "", false
	}
	last := name[i+1:]
	if _, ok := s.an.c.variants[strings.ToLower(last)]; !ok && !isSizeWord(last) {
		return "", false
	}
	return strings.TrimRight(name[:i], " -_"), true
}

// writtenAlone reports a place where the text writes name as a word of
// its own, no size or version after it.
func (s *state) writtenAlone(name string) bool {
	for _, st := range s.placesOf(name) {
		en := st + len(name)
		if st > 0 && (isAlnum(s.buf[st-1]) || s.buf[st-1] == '-' || s.buf[st-1] == '_') {
			continue
		}
		if en < len(s.buf) && (isAlnum(s.buf[en]) || s.buf[en] == '-' || s.buf[en] == '_') || en+1 < len(s.buf) && s.buf[en] == '.' && isAlnum(s.buf[en+1]) {
			continue // "XGLM-2", "xglm.564M"
		}
		if en+1 < len(s.buf) && s.buf[en] == ' ' && isDigit(s.buf[en+1]) {
			continue
		}
		if s.inTableLine(st) || s.inCodeLine(st) {
			continue
		}
		return true
	}
	return false
}

// downloadCatalog reports download tables that offer models of
// tune.catalogLines lines or more, by the first word of their names
// ("Codestral 22B", "Mistral Large 2", "Mixtral 8x22B", "Pixtral 12B"
// on an inference library's page): a catalog of every generation the
// vendor published, where one release offers the sizes and tunings of
// one or two lines.
func (s *state) downloadCatalog() bool {
	lines := map[string]bool{}
	for _, m := range s.downloads {
		if toks := s.models[m].tokens(); len(toks) > 0 && !isDigit(toks[0][0]) {
			lines[toks[0]] = true
		}
	}
	return len(lines) >= tune.catalogLines
}

// objectChain returns the starts of the models a release verb written
// before its object releases, in languages that keep that order (English,
// Vietnamese): the list that starts within objectGap bytes after it (past
// articles, adjectives, "the weights of", a colon) and goes on through
// list joiners ("we release A, B and C"); not models further on in the
// sentence ("We introduce EXAONE 4.0, which integrates … of EXAONE 3.5").
// It returns nil for verbs whose objects are found otherwise.
func (s *state) objectChain(c hit) []int {
	if c.after || c.local || s.cjkCue(c) {
		return nil
	}
	out := []int{}
	sent := s.sents[s.sentenceAt(c.start)]
	anchor, kind := c.end, false
	attributive := s.attributiveParticiple(c)
	for i := s.mentionIndex(c.end); i < len(s.mentions) && len(out) < maxChain; i++ {
		m := s.mentions[i]
		if m.start >= sent.end {
			break
		}
		if m.start < anchor {
			continue // a mention inside the last one
		}
		if kind {
			// "its Whisper model Tern-ASR-2": the name the kind before
			// it qualifies is the object.
			out, anchor, kind = append(out, m.start), m.end, s.typeModifier(m)
			continue
		}
		// "a model series, which includes A and B", "A, together with
		// a chat-tuned B": the list goes on after the word.
		restart := false
		for _, k := range []cueKind{cueMembers, cueAlongside} {
			for _, h := range hitsIn(s.cues[k], anchor, m.start) {
				if h.end <= m.start {
					anchor, restart = h.end, true
				}
			}
		}
		gap := s.buf[anchor:m.start]
		if len(out) == 0 && attributive && len(bytes.TrimSpace(gap)) > 0 {
			break // "the released v2 checkpoints use the X codec": X is no object
		}
		if len(out) == 0 || restart {
			if len(gap) > tune.objectGap || bytes.ContainsAny(gap, ";。；") {
				break
			}
		} else if !s.joined(gap) && !apposition(gap, s.an.cat.AppositionEnds) || s.cueIn(anchor, m.start) {
			break
		}
		out = append(out, m.start)
		anchor, kind = m.end, s.typeModifier(m)
	}
	return out
}

// attributiveParticiple reports an English release participle right
// after a determiner ("the released v2/v3 checkpoints", "our published
// weights"): an adjective of the noun after it, which the page released
// before; it releases a model only when the model's name is that noun
// ("the released X-2").
func (s *state) attributiveParticiple(c hit) bool {
	if !bytes.HasSuffix(s.buf[c.start:c.end], []byte("ed")) {
		return false
	}
	before := s.buf[s.back(c.start, 8, 8):c.start]
	if !bytes.HasSuffix(before, []byte(" ")) {
		return false
	}
	before = bytes.TrimRight(before, " ")
	i := bytes.LastIndexAny(before, " \n\t")
	return slices.Contains(s.an.cat.MonthPossessives, string(bytes.ToLower(before[i+1:])))
}

// apposition reports a gap between two released names that describes the
// first and goes on to the next, ending in one of ends (the lexicon's
// apposition_ends): ", a 17 billion active parameter model with 16
// experts, and ".
func apposition(gap []byte, ends []string) bool {
	if len(gap) > tune.appositionGap || !bytes.HasPrefix(gap, []byte(", ")) {
		return false
	}
	for _, end := range ends {
		if bytes.HasSuffix(gap, []byte(end)) {
			return true
		}
	}
	return false
}

// inReach reports whether mention m stands where release cue c's object
// can, with no document between them ("released a report on Llama 4"):
// Chinese verbs take the object after them in their clause or a topic
// right before ("GLM-4.5 正式开源"); Korean and Japanese verbs follow their
// object, and a name right after one is a noun it modifies ("공개된 엑사원
// 4.0"), one further on is not its object ("공개한 업체는 미국 클로드
// 개발사"), nor is one before another release verb ("X을 공개했는데, Y를
// 선보였다"), nor is another maker's past a headline break (otherStatement).
func (s *state) inReach(m mention, c hit) bool {
	if s.documentBetween(m, c) || s.otherStatement(m, c) {
		return false
	}
	switch {
	case c.local:
		return s.clauseObject(m, c)
	case !c.after:
		return !s.cjkCue(c) || s.cjkObject(m, c)
	case m.start >= c.end:
		return m.start-c.end <= tune.passiveGap
	}
	return !s.verbBetween(m.end, c.start) && !s.genitive(m.end)
}

// releaseAttributive releases alongside the models a Korean or Japanese
// release verb in its attributive form describes through a short noun
// phrase (attributiveNoun: "함께 공개된 경량 모델 '솔라 미니 3'",
// "あわせて公開した軽量モデル「X」") when the article releases another model
// of the same maker: the phrase names a companion of that release. With
// no such release the clause may only recall the model a page tests
// ("지난 1일 공개한 오픈웨이트 모델 X를 … 시험해 봤다").
func (s *state) releaseAttributive() {
	for _, c := range s.cues[cueRelease] {
		if !c.after || s.inTableLine(c.start) || s.inCodeLine(c.start) || s.blocked(c) {
			continue
		}
		sent := s.sents[s.sentenceAt(c.start)]
		for _, m := range s.mentionsIn(c.end, min(sent.end, c.end+tune.attributiveNounGap+16)) {
			rec := s.models[m.model]
			if rec.conf > 0 || !s.attributiveNoun(c, m) || !s.released(m, c) || !s.makerFits(m, c, sent) || !s.makerReleased(rec.vendor, m.model) {
				continue
			}
			s.give(m.model, tune.sentenceConf, s.sentence(s.sentenceAt(c.start)), true)
		}
	}
}

// makerReleased reports a model of vendor v other than model m that the
// article releases in its own right (not alongside another).
func (s *state) makerReleased(v, m int) bool {
	for i, o := range s.models {
		if i != m && v >= 0 && o.vendor == v && o.conf >= tune.releasedBase && !o.along {
			return true
		}
	}
	return false
}

// attributiveNoun reports a Korean or Japanese release verb in its
// attributive form (the lexicon's attributive_ends) that modifies a short
// noun phrase ending in a model noun (model_nouns) right before mention
// m: "공개된 경량 모델 '솔라 미니 3'".
func (s *state) attributiveNoun(c hit, m mention) bool {
	if !s.cjkCue(c) {
		return false
	}
	gap := s.buf[c.end:m.start]
	end := -1
	for _, e := range s.an.cat.AttributiveEnds {
		if bytes.HasPrefix(gap, []byte(e)) {
			end = max(end, len(e))
		}
	}
	if end < 0 || len(gap)-end > tune.attributiveNounGap || clauseBreak(gap) || bytes.ContainsAny(gap, "。，、\n") {
		return false
	}
	gap = bytes.TrimRight(gap, " '\"「『“‘《")
	for _, n := range s.an.cat.ModelNouns {
		if bytes.HasSuffix(gap, []byte(strings.TrimLeft(n, " "))) {
			return true
		}
	}
	return false
}

// otherStatement reports a mention past a headline break after release
// cue c (partBreak: "「X」公開　GPT-5 miniに肉薄", "X 공개…GPT-5 mini와
// 어깨를 나란히") of a known maker that the release's statement names
// neither by itself nor by a model of its: the name stands in the
// headline's next statement, not the release's. A maker's own model may
// follow a dash that joins words ("Viettel AI ra mắt mô hình thị giác –
// ngôn ngữ Viettel Vision 2"). A Japanese headline's break may be a
// plain space (spaceAfterKana).
func (s *state) otherStatement(m mention, c hit) bool {
	v := s.models[m.model].vendor
	if m.start < c.end || v < 0 || !partBreak(s.buf[c.end:m.start]) && !s.spaceAfterKana(c) {
		return false
	}
	head := span{start: s.sents[m.sent].start, end: c.start}
	if s.makerIn(v, head) {
		return false
	}
	for _, o := range s.mentionsIn(head.start, head.end) {
		if s.models[o.model].vendor == v {
			return false
		}
	}
	return true
}

// spaceAfterKana reports a Japanese verb-final release cue that a space
// follows ("「Minato-2」公開 GPT-5 miniと互角"): Japanese writes no space
// between words, so a headline's space parts two statements, as its
// full-width space did before the page's title was read.
func (s *state) spaceAfterKana(c hit) bool {
	if !c.after || c.end >= len(s.buf) || s.buf[c.end] != ' ' {
		return false
	}
	r, _ := utf8.DecodeLastRune(s.buf[c.start:c.end])
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// genitive reports a Japanese or Korean genitive right after a name, past
// closing quotes and brackets: the name modifies another noun and is no
// object of the verb ("「ChatGPT」の基盤となる「GPT-5」を発表",
// "엑사원 3.5의 후속 모델").
func (s *state) genitive(p int) bool {
	for p < len(s.buf) {
		r, n := utf8.DecodeRune(s.buf[p:])
		switch r {
		case 'の', '의':
			return true
		case '」', '』', '\'', '"', '’', '”', ')', '）':
			p += n
			continue
		}
		return false
	}
	return false
}

// released reports whether a mention in reach of release cue c is what it
// releases: not compared against, built on, planned or historical, no
// series beside its specific model, and no other subject or maker between
// it and a verb after it ("… X. We release Y", "V3 gets a rival as
// Alibaba ships Qwen3").
func (s *state) released(m mention, c hit) bool {
	if m.role != roleNone || s.packaged(m) || s.seriesBeside(m) || s.recalledIn(m) || s.seriesGoal(m) || s.datedElsewhere(m, c) || s.typeModifier(m) || s.methodAfter(m.end) {
		return false
	}
	if m.end <= c.start && (s.subjectBetween(m.end, c.start) || !c.after && s.otherMakerBetween(m, c.start)) {
		return false
	}
	return true
}

// packaged reports a mention written with a packaging part at its end
// ("Qwen3-32B-AWQ", "X-GGUF", "X_Q4_K_M"; the lexicon's formats and the
// shapes isFormat knows): a release of it is of a packaging of the model,
// often a third party's quantisation, not the model's release.
func (s *state) packaged(m mention) bool {
	name := s.buf[m.start:m.end]
	i := bytes.LastIndexAny(name, "-_ ")
	return i > 0 && s.an.isFormat(string(name[i+1:]))
}

// methodAfter reports a word of the lexicon's method_nouns right after p,
// past one space, that ends there as a word: the name before it is a
// method's ("用CoSENT方法", "the CoSENT method"), no model released.
func (s *state) methodAfter(p int) bool {
	b := s.buf[p:]
	if len(b) > 0 && b[0] == ' ' {
		b = b[1:]
	}
	for _, w := range s.an.cat.MethodNouns {
		if len(b) < len(w) || !strings.EqualFold(string(b[:len(w)]), w) {
			continue
		}
		if w[0] >= utf8.RuneSelf || len(b) == len(w) || !isAlnum(b[len(w)]) {
			return true
		}
	}
	return false
}

// typeModifier reports a mention that names the kind of model another
// name is: the mention, a model noun and another model's name right after
// it ("日本語CLIPモデル kotoba-clip-base-v2", "the Llama model Foo-3",
// "BERT模型 X"). The release is the name's, not the kind's.
func (s *state) typeModifier(m mention) bool {
	p := m.end
	if p < len(s.buf) && s.buf[p] == ' ' {
		p++
	}
	for _, h := range hitsIn(s.cues[cueModelNouns], p, p+1) {
		q := h.end
		for q < len(s.buf) && s.buf[q] == ' ' {
			q++
		}
		for _, o := range s.mentionsIn(q, q+1) {
			if o.model != m.model {
				return true
			}
		}
	}
	return false
}

// seriesGoal reports a mention that names the series a release adds a
// model to, not what it releases: the name followed by a series noun and
// a dative ("「Gemma 3」ファミリーに…を追加", "Gemma 3 제품군에 추가") or a
// word of joining ("Qwen3 系列新增", "家族的新成员"), or set between
// "to the" and the noun ("joins the Gemma 3 family", "adds … to the Gemma
// 3 family"): the lexicon's series_goal_after, series_goal_not and
// series_goal_before.
func (s *state) seriesGoal(m mention) bool {
	p := m.end
	for p < len(s.buf) && p < m.end+8 {
		r, n := utf8.DecodeRune(s.buf[p:])
		if r != ' ' && r != '"' && r != '\'' && !strings.ContainsRune("」』》”’", r) {
			break
		}
		p += n
	}
	for _, h := range hitsIn(s.cues[cueSeries], p, min(len(s.buf), p+24)) {
		if h.start != p {
			continue
		}
		rest := s.buf[h.end:]
		if hasPrefixIn(rest, s.an.cat.SeriesGoalAfter) && !hasPrefixIn(rest, s.an.cat.SeriesGoalNot) {
			return true
		}
		before := bytes.ToLower(bytes.TrimRight(s.buf[max(0, m.start-12):m.start], " \"“‘'"))
		for _, w := range s.an.cat.SeriesGoalBefore {
			if bytes.HasSuffix(before, []byte(w)) {
				return true
			}
		}
		return false
	}
	return false
}

// recalledIn reports another mention of m's model in m's sentence that
// the sentence recalls as older ("此次为可灵2.0的升级版本，距可灵2.0上线仅
// 一个多月"): a sentence that calls a model the old version does not
// release it.
func (s *state) recalledIn(m mention) bool {
	sent := s.sents[m.sent]
	for _, o := range s.mentionsIn(sent.start, sent.end) {
		if o.model == m.model && o.start != m.start && o.role == roleHistory {
			return true
		}
	}
	return false
}

// plannedOnly reports a model named, and named only, before a word of
// plans in its sentence ("(X QAT) … sẽ ra mắt trong những tuần tới", "X
// will follow", "X は来月公開予定"): a variant the page says is still to
// come, whatever clause the plan word governs. A condition before the
// name ("If you need …, use X") plans nothing of X.
func (s *state) plannedOnly(model int) bool {
	seen := false
	for _, m := range s.mentions {
		if m.model != model {
			continue
		}
		seen = true
		sent := s.sents[s.sentenceAt(m.start)]
		if len(hitsIn(s.cues[cuePlanned], m.end, sent.end)) == 0 {
			return false
		}
	}
	return seen
}

// releaseSeries releases the model a title names when the text releases
// its variants: a page titled "Step-Audio" that open-sources
// Step-Audio-Chat and Step-Audio-TTS-3B releases Step-Audio too.
func (s *state) releaseSeries() {
	for _, m := range s.mentionsIn(0, s.titleEnd) {
		rec := s.models[m.model]
		if m.role != roleNone || rec.conf > 0 || rec.held || rec.denied || rec.recalled || rec.targeted || rec.bare && rec.family >= 0 {
			continue // a bare catalogued series ("混元") is no release of its own
		}
		if s.seriesGoal(m) {
			continue // "Granite 4.0 Nano joins the Granite 4.0 family"
		}
		for _, o := range s.models {
			if o.conf >= tune.seriesBase && len(o.name) > len(rec.name)+1 && strings.HasPrefix(o.name, rec.name) &&
				!isAlnum(o.name[len(rec.name)]) && !isDigit(o.name[len(rec.name)+1]) {
				s.give(m.model, tune.seriesConf, "series of "+o.name, false)
				break
			}
		}
	}
}

// releaseVariants releases the sizes and tunings of a released model
// ("Qwen2.5-7B-Instruct" of "Qwen2.5") that are never compared against.
func (s *state) releaseVariants() {
	type base struct {
		toks []string
		m    *modelRec
	}
	var released []base
	cut := s.cutShort()
	for i, m := range s.models {
		if m.conf >= tune.releasedBase && !m.bare && !cut[i] {
			released = append(released, base{m.tokens(), m})
		}
	}
	if len(released) == 0 {
		return
	}
	// A variant is named outside commands and code, or offered for
	// download: one named only in a command's list of supported
	// checkpoints is no part of the release.
	named := make([]bool, len(s.models))
	for _, m := range s.mentions {
		if !s.inCodeLine(m.start) {
			named[m.model] = true
		}
	}
	for _, i := range s.downloads {
		named[i] = true
	}
	offered := make([]bool, len(s.models))
	for _, i := range s.downloads {
		offered[i] = true
	}
	of := make(map[int]*modelRec) // variant → the released model it varies
	for i, m := range s.models {
		if m.conf > 0 || m.targeted || m.bare || m.held || m.denied || m.recalled || cut[i] || !named[i] && len(s.mentions) > 0 {
			continue // a truncated reading ("Qwen3-TTS-12Hz-1.7B" of "…-1.7B/0.6B-CustomVoice") is no variant either
		}
		if !offered[i] && s.plannedOnly(i) {
			continue // "(X QAT) sẽ ra mắt trong những tuần tới": a variant still to come
		}
		toks := m.tokens()
		for _, r := range released {
			if m.vendor != r.m.vendor || m.vendorName != r.m.vendorName {
				continue
			}
			if len(toks) > len(r.toks) && equalTokens(toks[:len(r.toks)], r.toks) && !preview(toks[len(r.toks):]) {
				of[i] = r.m
				break
			}
		}
	}
	lines := s.offeredLines(of)
	for i, r := range of {
		if line := lineWord(s.models[i], r); line != "" && len(lines[r]) > 0 && !lines[r][line] && !s.offeredModel(i) {
			continue // scored beside the checkpoints the page offers, of a line it offers none of
		}
		s.models[i].conf, s.models[i].evidence, s.models[i].along = tune.variantConf, "variant of "+r.name, true
	}
}

// offeredModel reports a model the page offers: named in its prose, not
// only in code and tables, or in a download table.
func (s *state) offeredModel(i int) bool {
	if slices.Contains(s.downloads, i) {
		return true
	}
	for _, m := range s.mentions {
		if m.model == i && !s.inCodeLine(m.start) && !s.inTableLine(m.start) {
			return true
		}
	}
	return false
}

// offeredLines returns, per released model that has variants, the line
// words (lineWord) of its released or variant checkpoints the page offers
// (offeredModel): the lines of it the page releases ("12Hz" of
// "Qwen3-TTS-12Hz-1.7B-Base"). A variant of another line that only a
// benchmark table names ("Qwen3-TTS-25Hz-1.7B-Base" as a row beside
// them) is the report's, not the release's.
func (s *state) offeredLines(of map[int]*modelRec) map[*modelRec]map[string]bool {
	lines := map[*modelRec]map[string]bool{}
	for _, r := range of {
		if lines[r] != nil {
			continue
		}
		lines[r] = map[string]bool{}
		rt := r.tokens()
		for i, m := range s.models {
			if m == r || of[i] != r && (m.conf <= 0 || m.vendor != r.vendor || m.vendorName != r.vendorName) {
				continue
			}
			if t := m.tokens(); len(t) > len(rt) && equalTokens(t[:len(rt)], rt) && s.offeredModel(i) {
				lines[r][lineWord(m, r)] = true
			}
		}
	}
	return lines
}

// lineWord returns the word after released model r's name in its variant
// v when it is a number with a unit that is no size ("25Hz" of
// "Qwen3-TTS-25Hz-1.7B-Base"): a line of the series. A size ("8B"), a
// tuning ("Base", "Instruct") or a version names none: "".
func lineWord(v, r *modelRec) string {
	extra := v.tokens()[len(r.tokens()):]
	if len(extra) < 2 || !isDigit(extra[0][0]) || isDigit(extra[1][0]) {
		return ""
	}
	if w := extra[0] + extra[1]; !isSizeWord(w) && !isSizeWord(extra[0]+strings.ToUpper(extra[1])) {
		return w
	}
	return ""
}

// cutShort reports, per model, one the text names only as the head of a
// longer name it does not know ("카나나-3" of "카나나-3-옴니", each
// mention followed by a hyphen and a word): a truncated reading of that
// name, not a series whose sizes ("Kanana-3-8B") the article releases.
func (s *state) cutShort() []bool {
	cut := make([]bool, len(s.models))
	whole := make([]bool, len(s.models))
	for _, m := range s.mentions {
		if e := m.end; e+1 < len(s.buf) && s.buf[e] == '-' && !isDigit(s.buf[e+1]) && s.buf[e+1] != ' ' || sharedTail(s.buf[m.end:]) {
			cut[m.model] = true
		} else {
			whole[m.model] = true
		}
	}
	for i := range cut {
		cut[i] = cut[i] && !whole[i]
	}
	return cut
}

// sharedTail reports a name's end that a slash joins to another size
// sharing the rest of the name ("/0.6B-CustomVoice" after
// "Qwen3-TTS-12Hz-1.7B"): the name read so far lacks its tail.
func sharedTail(rest []byte) bool {
	if len(rest) < 2 || rest[0] != '/' || !isDigit(rest[1]) {
		return false
	}
	w := wordEnd(rest, 1)
	return w+1 < len(rest) && rest[w] == '-' && !isDigit(rest[w+1]) && rest[w+1] != ' ' && isSizeWord(string(rest[1:w]))
}

// preview reports a variant that is only a preview ("-Preview" of a
// released "Qwen3-Max"): the earlier checkpoint of the model the article
// releases, not released with it.
func preview(extra []string) bool {
	return len(extra) == 1 && extra[0] == "preview"
}

// olderThanReleased reports a model of the same family (or the same name
// stem, for names no catalog knows) as a model a sentence of the article
// releases, with a lower version: "InternLM2.5-1.8B" beside a released
// "InternLM3-8B-Instruct" is an earlier release, not part of this one.
func (s *state) olderThanReleased(m *modelRec) bool {
	return s.olderVersion(m, false)
}

// olderVersion reports a model of m's family and vendor that a sentence
// of the article releases, whose name is m's with a higher version: the
// same words before the version, and after it too when sameTail.
func (s *state) olderVersion(m *modelRec, sameTail bool) bool {
	toks := m.tokens()
	i, ok := nameVersion(toks)
	if !ok {
		return false
	}
	for _, r := range s.models {
		if r == m || r.conf < tune.releasedBase || r.along || r.family != m.family || r.vendor != m.vendor {
			continue
		}
		rt := r.tokens()
		if j, ok := nameVersion(rt); ok && j == i && slices.Equal(rt[:j], toks[:i]) && (!sameTail || slices.Equal(rt[j+1:], toks[i+1:])) && versionLess(toks[i], rt[j]) {
			return true
		}
	}
	return false
}

// nameVersion returns where the version stands in a name's tokens: the
// first number, right after the stem's words ("2.5" of "InternLM2.5-1.8B",
// "1.5" of "Halyard-Coder-1.5-7B"), when it is no size ("Qwen-7B",
// "Lark-80M": billions, millions or trillions of parameters).
func nameVersion(toks []string) (int, bool) {
	for i, t := range toks {
		if !isDigit(t[0]) {
			continue
		}
		if i == 0 || i+1 < len(toks) && (toks[i+1] == "b" || toks[i+1] == "m" || toks[i+1] == "t") {
			return 0, false
		}
		return i, true
	}
	return 0, false
}

// versionLess compares dotted versions numerically: 2.5 < 3 < 3.1 < 3.10.
func versionLess(a, b string) bool {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		x, y := atoiSmall(as[i]), atoiSmall(bs[i])
		if x != y {
			return x < y
		}
	}
	return len(as) < len(bs)
}

// atoiSmall reads a short run of digits.
func atoiSmall(d string) int {
	n := 0
	for i := 0; i < len(d) && i < 6; i++ {
		n = n*10 + int(d[i]-'0')
	}
	return n
}

// nameTokens splits a name into lowercase runs of letters and of digits
// ("Qwen2.5-7B" → qwen 2.5 7 b).
func nameTokens(name string) []string {
	var out []string
	lower := strings.ToLower(name)
	for i := 0; i < len(lower); {
		c := lower[i]
		j := i
		switch {
		case isDigit(c):
			for j < len(lower) && (isDigit(lower[j]) || lower[j] == '.' && j+1 < len(lower) && isDigit(lower[j+1])) {
				j++
			}
		case isLower(c) || c >= 0x80:
			for j < len(lower) && (isLower(lower[j]) || lower[j] >= 0x80) {
				j++
			}
		default:
			i++
			continue
		}
		out = append(out, lower[i:j])
		i = j
	}
	return out
}

func equalTokens(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// weakGerund reports an English "-ing" cue ("introducing", "releasing")
// that does not open its sentence or follow "are"/"is": "by introducing
// sparse attention" introduces no model.
func (s *state) weakGerund(c hit) bool {
	w := s.buf[c.start:c.end]
	if !bytes.HasSuffix(w, []byte("ing")) || c.after {
		return false
	}
	sent := s.sents[s.sentenceAt(c.start)]
	before := bytes.TrimRight(s.buf[max(sent.start, c.start-8):c.start], " :")
	if len(before) == 0 && !s.textBefore(c.start, sent.start) {
		return false
	}
	for _, aux := range s.an.cat.GerundAuxiliaries {
		if bytes.HasSuffix(before, []byte(aux)) {
			return false
		}
	}
	return true
}

// launchDocument reports a release cue that names a document or an event
// about a launch (the lexicon's release_document_heads after it): a
// release noun before a Latin head ("Meta's launch post claimed Llama 5
// Maverick scored …", "the release notes"), a Han or Hangul verb with one
// written onto it ("发布会上", "発表会で", "발표회에서"). The page cites the
// launch; it makes none.
func (s *state) launchDocument(c hit) bool {
	rest := s.buf[c.end:]
	if s.cjkCue(c) {
		for _, h := range s.an.cat.ReleaseDocumentHeads {
			if h[0] >= utf8.RuneSelf && bytes.HasPrefix(rest, []byte(h)) {
				return true
			}
		}
		return false
	}
	if !slices.Contains(s.an.cat.ReleaseNouns, string(bytes.ToLower(s.buf[c.start:c.end]))) || !bytes.HasPrefix(rest, []byte(" ")) {
		return false
	}
	rest = rest[1:]
	for _, h := range s.an.cat.ReleaseDocumentHeads {
		if h[0] < utf8.RuneSelf && bytes.HasPrefix(rest, []byte(h)) && (len(rest) == len(h) || !isAlnum(rest[len(h)]) && rest[len(h)] != '-') {
			return true
		}
	}
	return false
}

// pluralLaunches reports a release cue that is a release noun in the
// plural after a determiner and before "of" ("With the launches of the
// Mistral Small and Medium families this year"): it counts launches that
// happened, it makes none.
func (s *state) pluralLaunches(c hit) bool {
	if c.after || !bytes.HasPrefix(s.buf[c.end:], []byte(" of ")) {
		return false
	}
	w := string(s.buf[c.start:c.end])
	plural := false
	for _, n := range s.an.cat.ReleaseNouns {
		if w == n+"s" || w == n+"es" {
			plural = true
			break
		}
	}
	if !plural {
		return false
	}
	words := bytes.Fields(s.buf[s.back(c.start, 8, 8):c.start]) // a line break may stand before the cue
	return len(words) > 0 && slices.Contains(s.an.cat.MonthPossessives, string(bytes.ToLower(words[len(words)-1])))
}

// pastDate reports a release cue dated two months or more before the
// article was published ("DeepSeek-R1, released in January," in a
// September article recalls, it does not announce), or pastDays days or
// more when the text gives the day or the part of the month ("Sora 2,
// released at the end of September," in mid-October). A release of a
// model the title names may be up to titlePastDays old: the article is
// about it ("DeepSeek V3.1 goes hybrid" over "DeepSeek released V3.1 on
// August 21" in a roundup of September 6), when the dated clause names
// it (datedClause) and the title does not follow up on an older launch
// (followUpTitle). Under a title that follows up, a release dated any day
// before the page is past.
func (s *state) pastDate(c hit) bool {
	if s.recalledClause(c) || s.backgroundClause(c) {
		return true // "Kimi K2.5, released in late November," read on December 3
	}
	if s.followUpTitle() {
		return s.pastDateBy(c, 1) // any day before the page's: the title says so
	}
	if !s.pastDateBy(c, tune.pastDays) {
		return false
	}
	return !s.titleModelIn(s.datedClause(c)) || s.pastDateBy(c, tune.titlePastDays)
}

// datedClause returns the clause a dated release cue c speaks of: its
// clause (clauseAt), ended at the next "、" too for a Chinese, Japanese or
// Korean cue. "Kimi K3は11月12日に公開された…モデルで、Kimi K3 Miniは…"
// dates Kimi K3 alone: the title's Kimi K3 Mini, in the clause after,
// does not make that release the article's news.
func (s *state) datedClause(c hit) span {
	cl := s.clauseAt(c, s.sents[s.sentenceAt(c.start)])
	if s.cjkCue(c) {
		if i := bytes.Index(s.buf[c.end:cl.end], []byte("、")); i >= 0 {
			cl.end = c.end + i
		}
	}
	return cl
}

// followUpTitle reports a title that dates its release in the past, or
// ahead ("xAI sẽ ra mắt X vào tháng 2/2027"), and releases nothing now
// ("讯飞星火X2上线一周：…", "X, one week after launch", "'X' 출시 2주…"): the
// page follows up on a launch (or looks ahead to one), so its model keeps
// no release its text dates before the page, however recent. Read once
// per article.
func (s *state) followUpTitle() bool {
	if s.followRead {
		return s.followUp
	}
	s.followRead = true // a title cue's own dates never ask again
	past := false
	for _, c := range hitsIn(s.cues[cueRelease], 0, s.titleEnd) {
		if c.end > s.titleEnd {
			continue
		}
		if !s.blocked(c) {
			return false
		}
		past = past || s.pastDate(c) || s.aheadDate(c)
	}
	s.followUp = past || s.elapsedTitle()
	return s.followUp
}

// clauseCloses reports b opening with the end of a clause: nothing, or
// a comma, colon, dash or stop. A Latin word of elapsed_title counts
// only so ("Three weeks in, X …", not "Two years in the making").
func clauseCloses(b []byte) bool {
	b = bytes.TrimLeft(b, " ")
	return len(b) == 0 || hasPrefixIn(b, []string{",", ":", ";", ".", "!", "?", "—", "–", "-", "，", "：", "|"})
}

// elapsedTitle reports a title, with no release word of its own, that
// counts a week or more since a launch ("Three weeks in, X is
// everywhere", "X三周后"): a span of time (elapsedIn's units) with a word
// of the lexicon's elapsed_title right after it.
func (s *state) elapsedTitle() bool {
	title := s.buf[:s.titleEnd]
	low := make([]byte, len(title)) // Latin words in any case ("Three Weeks In")
	for i, c := range title {
		low[i] = lowerASCII(c)
	}
	for _, set := range []struct {
		units []string
		days  int
	}{{s.an.cat.ElapsedUnits, 30}, {s.an.cat.ElapsedWeekUnits, 7}, {s.an.cat.ElapsedYearUnits, 365}} {
		for _, u := range set.units {
			for at := range occurrences(low, u) {
				k := at + len(u)
				if u[0] < utf8.RuneSelf && (at == 0 || title[at-1] != ' ' || k < len(title) && isAlnum(title[k])) {
					continue // a Latin unit is a word
				}
				n, _ := s.elapsedCount(bytes.TrimRight(title[:at], " "))
				if set.days >= 365 && n >= 100 || n*set.days < tune.elapsedDays {
					continue
				}
				after := bytes.TrimLeft(low[k:], " ")
				for _, w := range s.an.cat.ElapsedTitle {
					if bytes.HasPrefix(after, []byte(w)) && (w[0] >= utf8.RuneSelf || clauseCloses(after[len(w):])) {
						return true
					}
				}
			}
		}
	}
	return false
}

// titleModelIn reports a model in sentence sp that the title names too.
func (s *state) titleModelIn(sp span) bool {
	if sp.start < s.titleEnd {
		return false
	}
	for _, m := range s.mentionsIn(sp.start, sp.end) {
		for _, t := range s.mentionsIn(0, s.titleEnd) {
			if t.model == m.model {
				return true
			}
		}
	}
	return false
}

// pastDateBy is pastDate with days for pastDays.
func (s *state) pastDateBy(c hit, days int) bool {
	pub := s.a.PublishedAt
	if pub.IsZero() {
		return false
	}
	sent := s.sents[s.sentenceAt(c.start)]
	if s.elapsedPast(c, sent) {
		return true // "两个多月前发布的", "launched two months ago"
	}
	lo, hi := max(sent.start, s.back(c.start, tune.dateBefore, tune.dateBeforeRunes)), min(sent.end, c.end+tune.dateAfter)
	// The date may close a long list of objects: "released A and a
	// text-only B in May" dates its whole clause.
	if e := min(sent.end, c.end+tune.dateClauseAfter); e > hi {
		if k := bytes.IndexAny(s.buf[c.end:e], ",;，；"); k >= 0 {
			e = c.end + k
		}
		hi = max(hi, e)
	}
	if s.datedLine(sent) && !s.titleSeriesIn(sent) {
		// "2025-04-16: A and B released": a changelog line, dated
		// whole; an older entry of the series the page is titled
		// after ("01-ai/Yi": "2023-11-02: Yi-34B is open-sourced")
		// is still the page's own release.
		lo = s.lineHead(sent)
	}
	if c.after {
		// Korean and Japanese put the date first in the clause whose
		// verb ends it: "지난 3월 … '엑사원 딥'을 공개했는데".
		lo = max(sent.start, s.clauseStart(c.start, tune.dateClauseRunes))
		lo = s.datedAdverbial(lo, sent.start)
	}
	text := s.buf[lo:hi]
	if y, m, ok := s.numericDate(text); ok && monthsBefore(pub, y, m) >= tune.pastMonths {
		return true // "2024 年 6 月 5 日发布的", "지난 2024년 3월 공개한"
	}
	if s.periodPast(text, days) {
		return true // "11月上旬发布的", "11월 초 출시한", "giữa tháng 11"
	}
	if y := lineYear(s.buf[sent.start:min(sent.end, sent.start+tune.dateHead)]); y > 0 && y < pub.Year() && lo == sent.start {
		return true // "[2024] Phát hành PhoGPT-4B": a changelog entry of a past year
	}
	for at := range occurrences(text, "in ") {
		rest := s.an.yearPartCut(text[at+3:])
		if y := leadingYear(rest); y > 0 && y < pub.Year() && (len(rest) == 4 || !isAlnum(rest[4])) {
			return true // "in 2024"
		}
	}
	return s.englishMonths(text, func(at, end, month int) bool {
		return s.monthPast(text[:at], text[end:], month, days)
	})
}

// yearPartCut strips a part of a year (the lexicon's year_parts: "early",
// "mid", "the end of") and the space or hyphen after it from the start of
// b: "in early 2025", "in mid-2024" date a release as "in 2025" does.
func (an *Analyzer) yearPartCut(b []byte) []byte {
	for _, p := range an.cat.YearParts {
		if rest, ok := bytes.CutPrefix(b, []byte(p)); ok && len(rest) > 1 && (rest[0] == ' ' || rest[0] == '-') {
			return rest[1:]
		}
	}
	return b
}

// datedLine reports a sentence that opens with its date and a colon, as
// a changelog or news list dates each entry ("2025-04-16: …",
// "[2025.04.16] …", "2024年12月30日：…"), or with a whole numeric date
// and a space ("2025.12.17 发布 …", fullDateHead), maybe cut off from the
// sentence by a list marker (lineHead).
func (s *state) datedLine(sent span) bool {
	h := s.lineHead(sent)
	head := s.buf[h:min(sent.end, h+tune.dateHead)]
	head = bytes.TrimLeft(head, " *-•[")
	if s.namedMonthHead(head) > 0 {
		return true // "Jun 2024: Released …", "20 Oct 2025: …"
	}
	if len(head) == 0 || !isDigit(head[0]) {
		return false
	}
	if fullDateHead(head) {
		return true
	}
	k := bytes.IndexAny(head, ":：]")
	if d := dashAfterDate(head); d > 0 && (k < 0 || d < k) {
		k = d // "3/2026 - X is here", "Oct 2025 – …" has its month named
	}
	if k < 0 {
		return false
	}
	for _, r := range string(head[:k]) {
		if !unicode.IsDigit(r) && !strings.ContainsRune(" -./年月日", r) {
			return false
		}
	}
	return true
}

// dashAfterDate returns where a spaced dash (" - ", " – ", " — ") stands
// in head after a date that writes its year ("3/2026 - X is here",
// "10/2025 - X launched"): a news log's separator, as a colon is; or -1.
func dashAfterDate(head []byte) int {
	d := -1
	for _, sep := range []string{" - ", " – ", " — "} {
		if k := bytes.Index(head, []byte(sep)); k > 0 && (d < 0 || k < d) {
			d = k
		}
	}
	if d < 0 {
		return -1
	}
	for _, w := range bytes.FieldsFunc(head[:d], func(r rune) bool { return !unicode.IsDigit(r) }) {
		if len(w) == 4 && (w[0] == '1' && w[1] == '9' || w[0] == '2' && w[1] == '0') {
			return d
		}
	}
	return -1
}

// fullDateHead reports a line that opens with a whole numeric date, year
// first, and a space: a README's news list writes its entries so with no
// colon ("2026.09.18 发布 MiMo-Audio-2", "2025-12-17 Released X").
func fullDateHead(head []byte) bool {
	return fullDateLen(head) > 0
}

// fullDateLen returns the length of the whole numeric date that opens
// head before a space (fullDateHead), or 0; a colon right after the date
// counts in it ("2026.12.05：🎉 我们开源了 …": the emoji cuts the date and
// its colon off as a sentence of their own).
func fullDateLen(head []byte) int {
	i := 0
	for i < len(head) && isDigit(head[i]) {
		i++
	}
	if i != 4 {
		return 0
	}
	for part := 0; part < 2; part++ {
		if i >= len(head) || !strings.ContainsRune(".-/", rune(head[i])) || part == 1 && head[i] != head[4] {
			return 0
		}
		i++
		j := i
		for i < len(head) && isDigit(head[i]) {
			i++
		}
		if i-j < 1 || i-j > 2 {
			return 0
		}
	}
	if i < len(head) && head[i] == ' ' {
		return i
	}
	for _, colon := range []string{":", "："} {
		if bytes.HasPrefix(head[i:], []byte(colon)) {
			return i + len(colon)
		}
	}
	return 0
}

// lineHead returns where the dated line of sentence sent opens: the
// line's start when only a whole date and list markers stand before the
// sentence on its line ("2026.12.05 🔥 正式开源 …": the emoji cuts the
// date off as a sentence of its own), else the sentence's start.
func (s *state) lineHead(sent span) int {
	ls := bytes.LastIndexByte(s.buf[:sent.start], '\n') + 1
	n := 0
	if ls < sent.start {
		n = fullDateLen(s.buf[ls:sent.start])
	}
	if n == 0 {
		return sent.start
	}
	for _, r := range string(s.buf[ls+n : sent.start]) {
		if r != ' ' && !(r >= 0x2190 && r <= 0x2BFF || r >= 0x1F000 && r <= 0x1FAFF) {
			return sent.start
		}
	}
	return ls
}

// entryMonth returns the month of the changelog entry the text at p
// belongs to, as year*12+month, or 0: the date that opens p's sentence
// ("2025-04-16: …", "Aug 2025: Released …", "20 Oct 2025: 🚀 …"), else
// the date of the short dated line right above p's line, the entry's
// heading when its text follows on lines of its own ("2026.01.29:
// Release of 3.4.0" over "* Foo-1.5: our latest model is now live!").
func (s *state) entryMonth(p int) int {
	if mo := s.lineDateMonth(s.sents[s.sentenceAt(p)]); mo > 0 {
		return mo
	}
	ls := bytes.LastIndexByte(s.buf[:p], '\n') + 1
	for range maxEntryLines {
		if ls <= s.titleEnd || ls < 2 {
			return 0
		}
		ps := bytes.LastIndexByte(s.buf[:ls-1], '\n') + 1
		if ps < s.titleEnd || ls-1-ps > tune.headingBytes {
			return 0
		}
		if mo := s.lineDateMonth(span{start: ps, end: ls - 1}); mo > 0 {
			return mo
		}
		ls = ps
	}
	return 0
}

// maxEntryLines bounds the short lines of one entry of a news log, its
// items under its dated heading ("2025-04-15: New checkpoints" over
// "Release a new checkpoint foo-2b-0.9" and "Release a new distilled
// model foo-2b-0.9-distilled").
const maxEntryLines = 6

// lineDateMonth returns the month of the date that opens sent when it is
// a dated line (datedLine), as year*12+month, or 0.
func (s *state) lineDateMonth(sent span) int {
	if !s.datedLine(sent) {
		return 0
	}
	h := s.lineHead(sent)
	return s.headMonth(s.buf[h:min(sent.end, h+tune.dateHead)])
}

// lineYear returns the year that alone dates a dated line ("[2024] …",
// "2024: …", "2024年：…"), or 0 when the line opens otherwise or gives
// a month too.
func lineYear(head []byte) int {
	head = bytes.TrimLeft(head, " *-•[")
	if leadingYear(head) == 0 {
		return 0
	}
	rest := bytes.TrimPrefix(head[4:], []byte("年"))
	if !hasPrefixIn(bytes.TrimLeft(rest, " "), []string{"]", ":", "："}) {
		return 0
	}
	return leadingYear(head)
}

// headMonth is lineMonth for a line that may open with a month's name
// (namedMonthHead).
func (s *state) headMonth(head []byte) int {
	if m := lineMonth(head); m > 0 {
		return m
	}
	return s.namedMonthHead(bytes.TrimLeft(head, " *-•["))
}

// namedMonthHead returns, as year*12+month, the date that opens a
// changelog line with a month's name and a year and then a colon, a
// bracket or a dash ("Jun 2024: Released …", "June 12, 2024 - …", "20
// Oct 2025: …"), or 0.
func (s *state) namedMonthHead(head []byte) int {
	if _, n := leadingDay(head); n > 0 && n+1 < len(head) && head[n] == ' ' && isLetterASCII(head[n+1]) {
		head = head[n+1:] // the day first: "20 Oct 2025"
	}
	i := 0
	for i < len(head) && isLetterASCII(head[i]) {
		i++
	}
	mo := 0
	if i > 0 {
		mo = s.an.monthName(head[:i], true)
	}
	if mo == 0 {
		return 0
	}
	_, rest := dayAfterMonth(bytes.TrimPrefix(head[i:], []byte(".")))
	y := leadingYear(rest)
	if y == 0 || !hasPrefixIn(bytes.TrimLeft(rest[4:], " "), []string{":", "：", "]", "-", "–", "—"}) {
		return 0
	}
	return y*12 + mo
}

// lineMonth returns the month of the date that opens a dated line, as
// year*12+month, or 0: "2025-04-16", "2025.04", "15/04/2026", "11/2023",
// "2024年12月30日".
func lineMonth(head []byte) int {
	head = bytes.TrimLeft(head, " *-•[")
	var nums []int
	var lens []int
	for i := 0; i < len(head) && len(nums) < 3; {
		if !isDigit(head[i]) {
			if !strings.ContainsRune(" -./", rune(head[i])) && !bytes.HasPrefix(head[i:], []byte("年")) && !bytes.HasPrefix(head[i:], []byte("月")) {
				break
			}
			i++
			if head[i-1] >= utf8.RuneSelf {
				i += 2
			}
			continue
		}
		j := i
		for j < len(head) && isDigit(head[j]) {
			j++
		}
		nums, lens = append(nums, atoiSmall(string(head[i:j]))), append(lens, j-i)
		i = j
	}
	var y, m int
	switch {
	case len(nums) >= 2 && lens[0] == 4:
		y, m = nums[0], nums[1] // "2025-04-16", "2025.04"
	case len(nums) == 3 && lens[2] == 4:
		y, m = nums[2], nums[1] // "15/04/2026"
	case len(nums) == 2 && lens[1] == 4:
		y, m = nums[1], nums[0] // "11/2023"
	}
	if y < 1990 || m < 1 || m > 12 {
		return 0
	}
	return y*12 + m
}

// titleSeriesIn reports a model in sent whose name goes on from a model
// the title names or from the page's repository: "Yi-34B" on
// "01-ai/Yi", not "Granite 3.3 8B" under "Granite 4.0".
func (s *state) titleSeriesIn(sent span) bool {
	repo := s.repoKey()
	title := s.mentionsIn(0, s.titleEnd)
	for _, m := range s.mentionsIn(sent.start, sent.end) {
		if repo != "" && strings.HasPrefix(s.models[m.model].key, repo) {
			return true
		}
		for _, t := range title {
			if strings.HasPrefix(s.models[m.model].key, s.models[t.model].key) {
				return true
			}
		}
	}
	return false
}

// repoKey returns the folded name of the repository the page is about
// (repo), "" for none; read once per article.
func (s *state) repoKey() string {
	if !s.repoRead {
		s.repoRead = true
		if _, repo, _, ok := s.repo(); ok {
			s.repoFold = fold(repo)
		}
	}
	return s.repoFold
}

// datedAdverbial returns where a time adverbial set off by a comma just
// before p begins ("2024年5月に、…を公開しました", "2024년 5월에, …을
// 공개했다"): the clause before the comma, when it holds a digit and ends
// with a particle of time; else p.
func (s *state) datedAdverbial(p, start int) int {
	if p <= start {
		return p
	}
	c, size := utf8.DecodeLastRune(s.buf[:p])
	if c != '、' && c != ',' && c != '，' {
		return p
	}
	q := p - size
	before := bytes.TrimRight(s.buf[start:q], " ")
	if !hasSuffixIn(before, s.an.cat.TimeParticles) {
		return p
	}
	lo := s.clauseStart(q, tune.dateClauseRunes)
	if !bytes.ContainsAny(s.buf[lo:q], "0123456789") {
		return p
	}
	return max(lo, start)
}

// monthPast reports a month name, with the words before and after it,
// that dates a release far enough before the article: "in March", "at the
// end of September", "on September 30, 2024", "early May", "last October".
// A month with no such word around it ("May") is no date.
func (s *state) monthPast(before, after []byte, month, days int) bool {
	pub := s.a.PublishedAt
	prev := before[bytes.LastIndexByte(bytes.TrimRight(before, " -"), ' ')+1:]
	prev = bytes.ToLower(bytes.TrimRight(prev, " -"))
	day, last := 0, false
	switch w := string(prev); {
	case slices.Contains(s.an.cat.MonthPrepositions, w):
	case w == "last":
		last = true // "last October": the latest October before this month
	case slices.Contains(s.an.cat.MonthPossessives, w):
		// "at its July launch": the month dates the noun after it.
		if !releaseNounAfter(after, s.an.cat.ReleaseNouns) {
			prev = nil
		}
	case w == "early":
		day = 5
	case w == "mid":
		day = 15
	case w == "late":
		day = 25
	case w == "of":
		switch {
		case bytes.HasSuffix(bytes.ToLower(before), []byte("end of ")):
			day = 28
		case bytes.HasSuffix(bytes.ToLower(before), []byte("beginning of ")), bytes.HasSuffix(bytes.ToLower(before), []byte("start of ")):
			day = 3
		case bytes.HasSuffix(bytes.ToLower(before), []byte("middle of ")):
			day = 15
		}
	default:
		prev = nil
	}
	n, rest := dayAfterMonth(after)
	if n > 0 {
		day = n // "September 30", "September 30th, 2024"
	} else if prev == nil {
		return false
	}
	// A year may follow the month alone after a comma: "September, 2024".
	year := leadingYear(bytes.TrimLeft(rest, " ,"))
	if year == 0 {
		year = yearOfMonth(pub, month) // "in November" read in March is last year's
		if last && month == int(pub.Month()) {
			year-- // "last October" read in October
		}
	}
	if monthsBefore(pub, year, month) >= tune.pastMonths {
		return true
	}
	return dayPast(pub, year, month, day, days)
}

// releaseNounAfter reports a release noun of nouns (the lexicon's
// release_nouns: "launch", "debut") at the start of b, past spaces: what a
// month can date ("its July launch").
func releaseNounAfter(b []byte, nouns []string) bool {
	b = bytes.TrimLeft(b, " ")
	for _, n := range nouns {
		if bytes.HasPrefix(b, []byte(n)) && (len(b) == len(n) || !isAlnum(b[len(n)])) {
			return true
		}
	}
	return false
}

// textBefore reports whether anything but spaces and colons stands between
// start and p.
func (s *state) textBefore(p, start int) bool {
	for i := p - 1; i >= start; i-- {
		if c := s.buf[i]; c != ' ' && c != ':' && c != '\n' {
			return true
		}
	}
	return false
}

// seriesBeside reports a bare series name ("Kimi") in an article that
// names a specific model of its family ("Kimi K2"): the specific model is
// what is released. A sub-brand read alone ("HunyuanVideo" beside
// "Hunyuan-Large") names a model of its own.
func (s *state) seriesBeside(m mention) bool {
	rec := s.models[m.model]
	if rec.family < 0 {
		return s.newestOfSeries(rec) >= 0
	}
	if !rec.bare || rec.family < 0 || rec.key != fold(s.an.cat.Families[rec.family].Name) {
		return false
	}
	for _, other := range s.models {
		if !other.bare && other.family == rec.family {
			return true
		}
	}
	return false
}

// newestOfSeries returns the index of the newest model of the series a
// name no catalog knows names when written with no digit and another of
// the article's such names opens with it before a version ("ViGPT" beside
// "ViGPT-2" and "ViGPT-3": "thế hệ mới của mô hình ngôn ngữ ViGPT", the new
// generation of the series), or -1: the versioned model is what is
// released.
func (s *state) newestOfSeries(rec *modelRec) int {
	if hasDigit(rec.name) {
		return -1
	}
	best, bestV := -1, -1.0
	for i, other := range s.models {
		n := other.name
		if other.family >= 0 || len(n) <= len(rec.name)+1 || !strings.HasPrefix(n, rec.name) ||
			n[len(rec.name)] != ' ' && n[len(rec.name)] != '-' || !isDigit(n[len(rec.name)+1]) {
			continue
		}
		v := leadingNumber(n[len(rec.name)+1:])
		if v > bestV {
			best, bestV = i, v
		}
	}
	return best
}

// leadingNumber returns the number that opens w ("3" of "3-8B", "2.5"),
// or 0.
func leadingNumber(w string) float64 {
	e := 0
	for e < len(w) && (isDigit(w[e]) || w[e] == '.' && e+1 < len(w) && isDigit(w[e+1])) {
		e++
	}
	v, _ := strconv.ParseFloat(w[:e], 64)
	return v
}

// hold marks the models a denied or planned release cue speaks of ("Llama 4
// Behemoth … will be released later", "has not been released"), so no
// weaker evidence releases them, or, for a past release, recalls them:
// every model of the sentence when it releases nothing else, else those
// within holdReach bytes of the cue.
func (s *state) hold(c hit) {
	past := s.pastRelease(c)
	k := s.sentenceAt(c.start)
	sent := s.sents[k]
	lo, hi := max(sent.start, c.start-tune.holdReach), min(sent.end, c.end+tune.holdReach)
	if !s.releasesNow(sent) {
		lo, hi = sent.start, sent.end
	}
	if s.occasionParticiple(c) {
		lo = c.end // "the toggle introduced with Hermes 4" recalls Hermes 4 alone
	}
	if past {
		if p := s.pastClauseStart(c, sent, lo); p != lo {
			// "phát hành X, bản nâng cấp của Y ra mắt hồi tháng 9, kèm
			// theo Z": the clause that names Y before its dated verb
			// ends what the verb recalls; Z, past its comma, is
			// released with X.
			lo = p
			if i := firstClauseMark(s.buf[c.end:hi]); i >= 0 {
				hi = c.end + i
			}
		}
	}
	if _, ok := s.attributiveName(c, sent); past && s.cjkCue(c) && ok {
		// "…モデルで、2026年8月に発表した「Rakuten AI 3.0」をベースに": a
		// dated verb that modifies the name after it recalls that name,
		// not the subject of the clauses before its own.
		lo = max(lo, s.clauseStart(c.start, tune.dateClauseRunes))
	}
	if past && s.cjkCue(c) {
		// "2025年4月に公開した「Llama 4」シリーズの改良版で、ラインアップは
		// 「Llama 4.2 Scout」と…": what a dated verb released ends with
		// its clause.
		if i := firstClauseMark(s.buf[c.end:hi]); i >= 0 {
			hi = c.end + i
		} else if i := bytes.Index(s.buf[c.end:hi], []byte("、")); i >= 0 {
			hi = c.end + i
		}
	}
	if w := bytes.LastIndex(s.buf[sent.start:c.start], []byte(", which ")); w >= 0 && len(s.mentionsIn(sent.start+w, c.start)) == 0 {
		// "A was distilled from B, which is not part of this release":
		// the relative clause speaks of B alone.
		lo, hi = sent.start+w, sent.start+w
		if chain := s.chainBefore(hi); len(chain) > 0 {
			lo = s.mentions[chain[len(chain)-1]].start
		}
	}
	for _, m := range s.mentionsIn(lo, hi) {
		if m.role != roleNone {
			continue
		}
		switch rec := s.models[m.model]; {
		case past:
			// A past release is no promise, but what it released is
			// old: no variant of this article's release.
			rec.mark(kindHistorical, c.start)
		case s.near(cueNegation, c.start, c.end, tune.negationBefore, tune.postBlockAfter):
			rec.mark(kindDenied, c.start)
		default:
			rec.mark(kindPlanned, c.start)
		}
	}
}

// pastClauseStart returns where the models a past release cue recalls
// begin, at the earliest lo: its own clause, when a model stands there
// before the cue ("TreLM-3-9B trả lời đúng 71,4%, tăng từ 63,8% của phiên
// bản TreLM-2 ra mắt hồi tháng 3" recalls TreLM-2, not the new model of
// the clause before); else lo, for a cue whose clause names nothing ("X
// scored 80.5%, Meta said at its April launch", "X, released in June,").
func (s *state) pastClauseStart(c hit, sent span, lo int) int {
	i := lastClauseMark(s.buf[sent.start:c.start])
	if i < 0 || sent.start+i <= lo || len(s.mentionsIn(sent.start+i, c.start)) == 0 {
		return lo
	}
	return sent.start + i
}

// clauseAt returns the clause of sentence sent that holds cue c: the text
// between the clause breaks (commas, semicolons, colons) around it.
func (s *state) clauseAt(c hit, sent span) span {
	cl := sent
	if i := lastClauseMark(s.buf[sent.start:c.start]); i >= 0 {
		cl.start = sent.start + i
	}
	if i := firstClauseMark(s.buf[c.end:sent.end]); i >= 0 {
		cl.end = c.end + i
	}
	return cl
}

// clauseMarks end a clause: "," and ";" and ":", in ASCII and full width.
var clauseMarks = []string{",", ";", ":", "，", "；", "："}

// lastClauseMark returns the end of the last clause mark in b, or -1.
func lastClauseMark(b []byte) int {
	at := -1
	for _, m := range clauseMarks {
		if i := bytes.LastIndex(b, []byte(m)); i >= 0 && i+len(m) > at {
			at = i + len(m)
		}
	}
	return at
}

// firstClauseMark returns where the first clause mark in b starts, or -1.
func firstClauseMark(b []byte) int {
	at := -1
	for _, m := range clauseMarks {
		if i := bytes.Index(b, []byte(m)); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	return at
}

// otherMakersPlan reports a plan whose subject, a vendor named before cue
// c in sentence sent, is not maker v: "VinAI sẽ thử tinh chỉnh Gemma 4.1
// 12B cho dự án PhoGPT" plans VinAI's work, not a release of Google's model.
func (s *state) otherMakersPlan(c hit, sent span, v int) bool {
	if v < 0 {
		return false
	}
	hits := hitsIn(s.vendorHits, sent.start, c.start)
	if len(hits) == 0 {
		return false
	}
	for _, h := range hits {
		if s.sameGroup(h.idx, v) {
			return false
		}
	}
	return true
}

// plannedInTitle reports a model the title names in a clause of a plan.
func (s *state) plannedInTitle(m int) bool {
	for _, x := range s.mentionsIn(0, s.titleEnd) {
		if x.model == m && x.role == rolePlanned {
			return true
		}
	}
	return false
}

// releasesNow reports an unblocked release cue in sentence sent.
func (s *state) releasesNow(sent span) bool {
	for _, r := range hitsIn(s.cues[cueRelease], sent.start, sent.end) {
		if !s.blocked(r) {
			return true
		}
	}
	return false
}

// holdPlanned holds the models of sentences that speak of a later release
// and of no present one: "Llama 4 Behemoth … will be released later".
// A sentence that also releases something now holds the models of the
// plan's own clause when that clause releases nothing: "阿里开源千问3.7：两款
// 模型上线，Qwen3.7-Max下月见".
func (s *state) holdPlanned() {
	for _, c := range s.cues[cuePlanned] {
		if s.readerCondition(c) || s.inCodeLine(c.start) {
			continue // "If you need a specific CUDA version, … before installing X"; code's "if x is in bf16"
		}
		k := s.sentenceAt(c.start)
		sent := s.sents[k]
		clause := false
		if s.releasesNow(sent) {
			if sent = s.clauseAt(c, sent); s.releasesNow(sent) {
				continue
			}
			clause = true
			s.holdPreviewed(c, sent)
		}
		if k > 1 && len(s.mentionsIn(sent.start, sent.end)) == 0 && s.pronounStart(sent) {
			// "Google also showed X. It is available only as a
			// preview …": the plan is the pronoun's model's, the
			// subject of the sentence right before.
			if r := s.lastSubject(k - 1); r >= 0 {
				s.models[r].mark(kindPlanned, c.start)
			}
			continue
		}
		for i := s.mentionIndex(sent.start); i < len(s.mentions) && s.mentions[i].start < sent.end; i++ {
			m := &s.mentions[i]
			if m.role != roleNone && m.role != rolePlanned || s.otherMakersPlan(c, sent, s.models[m.model].vendor) {
				continue
			}
			if clause {
				m.role = rolePlanned // the sentence's release verb is not for it
			}
			s.models[m.model].mark(kindPlanned, c.start)
		}
	}
}

// holdOpenTasks holds the models a page names only in the open items of
// a task list ("[ ] X-500M trained with more data" in a README's roadmap):
// an unchecked box is work still to do, in any language, while a checked
// one ("[x] 25hz base model") may be done and released.
func (s *state) holdOpenTasks() {
	open := make([]int, len(s.models))
	for _, m := range s.mentions {
		if open[m.model] >= 0 && s.openTask(m.start) {
			open[m.model] = m.start + 1
		} else {
			open[m.model] = -1
		}
	}
	for i, at := range open {
		if at > 0 {
			s.models[i].mark(kindPlanned, at-1)
		}
	}
}

// openTask reports p on the line of an unchecked task-list item: one that
// opens with "[ ]", after a list bullet if the text kept one.
func (s *state) openTask(p int) bool {
	line := bytes.TrimLeft(s.buf[s.lineStart(p):p], " ")
	for _, bullet := range []string{"- ", "* ", "+ "} {
		line = bytes.TrimPrefix(line, []byte(bullet))
	}
	return bytes.HasPrefix(line, []byte("[ ]"))
}

// readerCondition reports a planned cue that opens a condition put to
// the reader (the lexicon's reader_conditions: "if you", "如果您"): a
// README's or a guide's instruction, not a plan for a model.
func (s *state) readerCondition(c hit) bool {
	rest := s.buf[c.start:]
	for _, w := range s.an.cat.ReaderConditions {
		if len(rest) < len(w) || !bytes.EqualFold(rest[:len(w)], []byte(w)) {
			continue
		}
		if r, _ := utf8.DecodeRune(rest[len(w):]); r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			continue // "if young …": not the pronoun
		}
		return true
	}
	return false
}

// readerRequest reports a release verb that a word of the lexicon's
// reader_requests asks the reader to do: right before it, or before it
// and one spaced word ("Please first launch …"). It is an instruction,
// and releases nothing.
func (s *state) readerRequest(c hit) bool {
	b := bytes.TrimRight(s.buf[max(0, c.start-40):c.start], " ")
	for range 2 {
		for _, w := range s.an.cat.ReaderRequests {
			if n := len(b) - len(w); n >= 0 && bytes.EqualFold(b[n:], []byte(w)) && (n == 0 || w[0] >= utf8.RuneSelf || !isAlnum(b[n-1])) {
				return true
			}
		}
		i := bytes.LastIndexByte(b, ' ')
		if i < 0 || bytes.ContainsAny(b[i:], ".,;:!?") {
			return false
		}
		b = bytes.TrimRight(b[:i], " ")
	}
	return false
}

// holdPreviewed holds the models of the clause right before clause cl
// when planned cue c keeps a model to a preview (the lexicon's
// preview_words), cl names no model and the clause before releases one:
// "Google also announced Gemini 3.5 Flash-Lite, but that model is only
// available as a preview", "还推出了X，但目前仅提供预览版本".
func (s *state) holdPreviewed(c hit, cl span) bool {
	if len(s.mentionsIn(cl.start, cl.end)) > 0 || !hasAnyFold(s.buf[c.start:c.end], s.an.cat.PreviewWords) {
		return false
	}
	sent := s.sents[s.sentenceAt(c.start)]
	b := bytes.TrimRight(s.buf[sent.start:cl.start], " ")
	cut := false
	for _, m := range clauseMarks {
		if bytes.HasSuffix(b, []byte(m)) {
			b, cut = b[:len(b)-len(m)], true
			break
		}
	}
	if !cut {
		return false
	}
	prev := span{sent.start, sent.start + len(b)}
	if i := lastClauseMark(b); i >= 0 {
		prev.start += i
	}
	if !s.releasesNow(prev) {
		return false
	}
	held := false
	for i := s.mentionIndex(prev.start); i < len(s.mentions) && s.mentions[i].start < prev.end; i++ {
		if m := &s.mentions[i]; m.role == roleNone {
			m.role = rolePlanned
			s.models[m.model].mark(kindPlanned, c.start)
			held = true
		}
	}
	return held
}

// hasAnyFold reports whether b holds one of words, ASCII case folded.
func hasAnyFold(b []byte, words []string) bool {
	lb := bytes.ToLower(b)
	for _, w := range words {
		if bytes.Contains(lb, bytes.ToLower([]byte(w))) {
			return true
		}
	}
	return false
}

// lastSubject returns the model sentence k is about, which a pronoun
// opening the next sentence stands for: its first model named, neither
// compared against nor built on, when no pronoun before it is the
// subject instead ("It supports … Command R7B"), or -1.
func (s *state) lastSubject(k int) int {
	sp := s.sents[k]
	ms := s.mentionsIn(sp.start, sp.end)
	if len(ms) == 0 || ms[0].role != roleNone || s.pronounIn(span{sp.start, ms[0].start}) {
		return -1
	}
	return ms[0].model
}

// subjectBetween reports a subject ("we", "我们") between a model named at p
// and a release verb at q: the model is not what the verb releases.
func (s *state) subjectBetween(p, q int) bool {
	gap := s.buf[p:q]
	for _, w := range s.an.cat.Subjects {
		if bytes.Contains(gap, []byte(w)) {
			return true
		}
	}
	return false
}

// otherMakerBetween reports another vendor named between a model mention
// and a release verb after it: the vendor is the verb's subject and
// releases something else ("DeepSeek-V3 gets a rival as Alibaba ships
// Qwen3"). The model's own maker there is no sign ("Kimi K2, which
// Moonshot launched"), nor is its group or lab (sameGroup: "Sarashina3 from
// SoftBank's SB Intuitions was released").
func (s *state) otherMakerBetween(m mention, q int) bool {
	own := s.models[m.model].vendor
	for _, h := range hitsIn(s.vendorHits, m.end, q) {
		if !s.sameGroup(h.idx, own) {
			return true
		}
	}
	return false
}

// versionReleased reports a released version of model m ("Nimbus-2" of
// "Nimbus"), or of its family when m is the family's bare series
// ("InternLM3-8B-Instruct" of "InternLM"): a repository named after the series releases that
// version, not the series. Variants ("Step-Audio-Chat") leave the series
// released, and so do sizes when sizes is set: a repository named after a
// versioned model ("LG-AI-EXAONE/EXAONE-5.0") releases it with its sizes
// ("EXAONE 5.0 32B").
func (s *state) versionReleased(m int, sizes bool) bool {
	rec := s.models[m]
	if rec.bare && rec.family >= 0 {
		for _, o := range s.models {
			if o.family == rec.family && !o.bare && o.conf >= tune.releasedBase {
				return true // "InternLM" beside a released "InternLM3-8B-Instruct"
			}
		}
	}
	for _, o := range s.models {
		if o.conf < tune.releasedBase {
			continue
		}
		if len(o.name) > len(rec.name)+1 && strings.HasPrefix(o.name, rec.name) && !isAlnum(o.name[len(rec.name)]) && isDigit(o.name[len(rec.name)+1]) && !(sizes && isSizeWord(o.name[len(rec.name)+1:])) {
			return true // "Nimbus-2", not "Step-Audio-Chat"
		}
	}
	return false
}

// listAfter gives the release of sentence k, which ends in a colon
// ("This release includes four models:"), to the models that open the
// list items on the lines after it ("Molmo-7B-D, built on Qwen2-7B;"),
// and reports whether it gave any. The list ends at the first line that
// opens with no capitalised word.
func (s *state) listAfter(k int, conf float64, ev string) bool {
	sent := s.sents[k]
	if t := bytes.TrimRight(s.buf[sent.start:sent.end], " "); len(t) == 0 || t[len(t)-1] != ':' && !bytes.HasSuffix(t, []byte("：")) && !s.followingList(t) {
		return false
	}
	given := false
	for j := k + 1; j < len(s.sents) && j <= k+maxChain; j++ {
		item := s.sents[j]
		if item.start > 0 && s.buf[item.start-1] != '\n' {
			continue // the item's line goes on: "gpt-oss-2-200b — …; 200B parameters …"
		}
		p := item.start
		for p < item.end && (s.buf[p] == ' ' || s.buf[p] == '-' || s.buf[p] == '*') {
			p++
		}
		ms := s.mentionsIn(p, p+1)
		if len(ms) == 0 && p < item.end {
			ms = s.namedLast(p, item.end)
		}
		if p >= item.end || !isUpper(s.buf[p]) && s.buf[p] < utf8.RuneSelf && len(ms) == 0 || s.inTableLine(p) {
			break // an item opens with a capital or a name ("sarashina3-70b")
		}
		end := productEnd(s.buf, p)
		if len(ms) > 0 {
			end = ms[0].end
		}
		if !itemHead(s.buf[end:item.end]) {
			break // a sentence after the list: "All models use …"
		}
		if len(ms) == 0 {
			continue // an item no catalog names
		}
		if m := ms[0]; m.role == roleNone && !s.seriesBeside(m) {
			s.give(m.model, conf, ev, false)
			given = true
		}
	}
	return given
}

// namedLast returns the mention that closes a short list item from p to
// end, after words that describe it ("13B distilled model
// foo-13b-0.9-distilled"), as the only mention of the item; else none.
func (s *state) namedLast(p, end int) []mention {
	e := end
	for e > p && (s.buf[e-1] == ' ' || s.buf[e-1] == '.') {
		e--
	}
	ms := s.mentionsIn(p, e)
	if len(ms) != 1 || ms[0].end != e || e-p > tune.headingBytes {
		return nil
	}
	return ms
}

// followingList reports a sentence t that announces the list after it
// without a colon, ending as a sentence does and naming "the following"
// (the lexicon's following_words): "以下の2つのモデルを同時に公開します。".
func (s *state) followingList(t []byte) bool {
	if !bytes.HasSuffix(t, []byte("。")) && !bytes.HasSuffix(t, []byte(".")) {
		return false
	}
	for _, w := range s.an.cat.FollowingWords {
		if bytes.Contains(t, []byte(w)) {
			return true
		}
	}
	return false
}

// itemHead reports the rest of a list item after the name that opens it:
// nothing, or a comma, colon, bracket or dash that describes the name.
func itemHead(rest []byte) bool {
	rest = bytes.TrimLeft(rest, " ")
	if len(rest) == 0 {
		return true
	}
	for _, p := range []string{",", ":", ";", "(", "-", "–", "—", "：", "，", "（"} {
		if bytes.HasPrefix(rest, []byte(p)) {
			return true
		}
	}
	return false
}

// namedNext gives the release of sentence k, which names no model, to the
// models the next sentence introduces by name ("… two open-weight models.
// They are called gpt-oss-120b and gpt-oss-20b.") and reports whether it
// found any.
func (s *state) namedNext(k int, ev string) bool {
	if k == 0 || k+1 >= len(s.sents) {
		return false
	}
	next := s.sents[k+1]
	found := false
	for _, h := range hitsIn(s.cues[cueNaming], next.start, next.end) {
		for _, i := range s.chainAfter(h.end) {
			if m := s.mentions[i]; m.role == roleNone {
				s.give(m.model, tune.namedNextConf, ev, false)
				found = true
			}
		}
	}
	return found
}

// back returns the position n bytes before p, or further back to take in
// at least r runes: a window of words in Latin text is one of fewer runes
// in Chinese, Japanese and Korean.
func (s *state) back(p, n, r int) int {
	q := p
	for i := 0; i < r && q > 0; i++ {
		_, size := utf8.DecodeLastRune(s.buf[:q])
		q -= size
	}
	return max(0, min(p-n, q))
}

// topicFits reports whether an unnamed release in sentence sp can be the
// article's topic model: a specific model, not one recalled as past, and
// no other maker named as the one releasing ("Microsoft unveiled three
// models" in an article about GPT-5.4).
func (s *state) topicFits(sp span) bool {
	t := s.models[s.topic]
	if t.bare || t.recalled {
		return false
	}
	other := false
	for _, h := range hitsIn(s.vendorHits, sp.start, sp.end) {
		if s.sameGroup(h.idx, t.vendor) {
			return true
		}
		other = true
	}
	return !other
}

// clauseStart returns where the clause holding p begins: after the last
// comma before p that ends no list item ("A, B를 공개했다" is one clause,
// "…을 공개했는데, …" two), looking back at most r runes.
func (s *state) clauseStart(p, r int) int {
	q := p
	for i := 0; i < r && q > 0; i++ {
		c, size := utf8.DecodeLastRune(s.buf[:q])
		if (c == ',' || c == '，' || c == '、' || c == ';') && !s.itemBefore(q-size) {
			break
		}
		q -= size
	}
	return q
}

// itemBefore reports a model mention ending right before p, past closing
// quotes and brackets: the comma at p separates list items.
func (s *state) itemBefore(p int) bool {
	for p > 0 {
		c, size := utf8.DecodeLastRune(s.buf[:p])
		if !strings.ContainsRune("'\"’”)）」』 ", c) {
			break
		}
		p -= size
	}
	return p > 0 && s.covered(span{p - 1, p})
}

// verbBetween reports a release cue in [p, q).
func (s *state) verbBetween(p, q int) bool {
	for _, h := range hitsIn(s.cues[cueRelease], p, q) {
		if h.end <= q {
			return true
		}
	}
	return false
}

// cjkCue reports a release cue written in Chinese characters.
func (s *state) cjkCue(c hit) bool {
	r, _ := utf8.DecodeRune(s.buf[c.start:])
	return isCJK(r)
}

// cjkObject reports whether mention m can be what a Chinese release verb
// c releases: an object after it, in its clause or a list that goes on
// ("发布了A、B和C"), or a topic just before it ("GLM-4.5 正式开源"), not a
// name further back ("…更新了Qwen3-Coder,以及…Qwen3-2507系列,最近又发布了…").
func (s *state) cjkObject(m mention, c hit) bool {
	if m.start >= c.end {
		// Past a comma, another subject starts another clause
		// ("…发布的开源模型,还是Meta…给Llama…"); a list goes on ("开源
		// 了一系列模型,包括ChatGLM-6B、GLM-4-9B").
		gap := s.buf[c.end:m.start]
		for _, b := range [][]byte{[]byte(","), []byte("，"), []byte("；"), []byte(";")} {
			if i := bytes.Index(gap, b); i >= 0 && len(hitsIn(s.vendorHits, c.end+i, m.start)) > 0 {
				return false
			}
			if bytes.Equal(bytes.TrimSpace(gap), b) {
				// "本项目的代码依照协议开源，X 模型的权重则需遵循…": the
				// verb ends its clause, and the name opens the next
				// as its subject.
				return false
			}
		}
		// "…上线，API 价格较文心5.0下降约 50%": a name a word of an
		// earlier value opens is what the release is measured against.
		return !s.earlierWordBefore(m.start, s.sents[m.sent])
	}
	if m.end > c.start {
		return false // a name the cue lies inside
	}
	gap := s.buf[m.end:c.start]
	return utf8.RuneCount(gap) <= tune.cjkTopicRunes && !clauseBreak(gap)
}

// documentObject reports a document noun that release cue c's object
// opens, before any model noun: "published its first list of
// general-purpose AI models" releases a list, not a model.
func (s *state) documentObject(c hit, sent span) bool {
	if c.after {
		return false
	}
	docs := hitsIn(s.cues[cueDocuments], c.end, min(c.end+tune.objectAfter, sent.end))
	return len(docs) > 0 && len(hitsIn(s.cues[cueModelNouns], c.end, docs[0].start)) == 0
}

// documentAfter reports a document noun right after mention m, past one
// space at most: the name is the document's or the tool's ("the Uni2TS
// library", "the Llama 4 paper", "X论文").
func (s *state) documentAfter(m mention) bool {
	p := m.end
	if p < len(s.buf) && s.buf[p] == ' ' {
		p++
	}
	for _, d := range hitsIn(s.cues[cueDocuments], p, min(len(s.buf), p+1)) {
		if d.start == p {
			return true
		}
	}
	return false
}

// documentBetween reports a document noun between release cue c and
// mention m: "released a report comparing Llama 4", "Llama 4を比較した
// レポートを公開".
func (s *state) documentBetween(m mention, c hit) bool {
	if m.end <= c.start {
		return len(hitsIn(s.cues[cueDocuments], m.end, c.start)) > 0
	}
	if s.frontedDocument(c) {
		return true
	}
	docs := hitsIn(s.cues[cueDocuments], c.end, m.start)
	if len(docs) == 0 {
		return false
	}
	// "releases the technical report and the weights of Kimi K2": the
	// weights are released too.
	d := docs[len(docs)-1].end
	return len(hitsIn(s.cues[cueModelNouns], d, m.start))+len(hitsIn(s.cues[cueOpen], d, m.start)) == 0
}

// frontedDocument reports a document noun that release cue c's relative
// clause describes, the clause's subject between them: "the results it
// published for Kimi K2.5", "the scores the company released for X"
// publish the results, not the model.
func (s *state) frontedDocument(c hit) bool {
	docs := hitsIn(s.cues[cueDocuments], max(0, c.start-tune.dateBefore), c.start)
	if len(docs) == 0 {
		return false
	}
	gap := strings.TrimSpace(string(s.buf[docs[len(docs)-1].end:c.start]))
	return slices.Contains(s.an.cat.ContactSubjects, gap)
}

// clauseObject reports whether mention m can be the object of release cue
// c in a language whose verbs end their clause as often as they begin it
// ("hat Llama 4 veröffentlicht", "veröffentlicht Magistral"): a name before
// the verb, or one after it in its clause or a list that goes on from it
// ("veröffentlicht Magistral Small, Magistral Medium und …"), not one in
// the next clause ("einen Bericht veröffentlicht, in dem … Llama 4").
func (s *state) clauseObject(m mention, c hit) bool {
	if m.end <= c.start {
		// Before the verb, as far back as its sentence part goes
		// ("Magistral Small mit 24 Milliarden Parametern, steht … zum
		// Download bereit"), with no other verb between.
		return !s.verbBetween(m.end, c.start) && !bytes.ContainsAny(s.buf[m.end:c.start], ";:")
	}
	for i := c.end; i < m.start; i++ {
		if b := s.buf[i]; (b == ',' || b == ';' || b == ':') && !s.itemBefore(i) {
			return false
		}
	}
	return true
}

// clauseBreak reports a comma or semicolon in b.
func clauseBreak(b []byte) bool {
	return bytes.ContainsAny(b, ",;") || bytes.Contains(b, []byte("，")) || bytes.Contains(b, []byte("；"))
}

// sameGroup reports vendors a and b that are one maker: the same vendor,
// or a lab and the group that owns it (the catalog's parent: SB Intuitions
// of SoftBank, NC AI of NCSOFT). News names either as the models' maker
// ("ソフトバンクは「Sarashina3」を開発した").
func (s *state) sameGroup(a, b int) bool {
	if a < 0 || b < 0 {
		return false
	}
	p := s.an.c.vendorParent
	return a == b || p[a] == b || p[b] == a
}
