package intel

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/modelwire/modelwire/extractor/catalog"
)

// span is a half-open byte range of the analysed text.
type span struct{ start, end int }

// mention is one occurrence of a model in the text.
type mention struct {
	span
	model int
	sent  int
	role  role
}

// role is what a sentence says about a mentioned model.
type role uint8

const (
	roleNone role = iota
	// roleTarget: the model is compared against ("outperforms X", "behind
	// X", "an alternative to X", a rival named alongside).
	roleTarget
	// roleBase: the model is built on, distilled from, thanked, listed as
	// an example, or older.
	roleBase
	// rolePlanned: the model is announced for later ("will release X").
	rolePlanned
	// roleDenied: the sentence denies the model or reports it as a rumour.
	roleDenied
	// roleHistory: the model is recalled as released before ("previously",
	// "去年", "지난해").
	roleHistory
)

// kind returns the model role a mention's role gives.
func (r role) kind() (roleKind, bool) {
	switch r {
	case roleTarget:
		return kindCompared, true
	case roleBase:
		return kindBuiltOn, true
	case rolePlanned:
		return kindPlanned, true
	case roleDenied:
		return kindDenied, true
	case roleHistory:
		return kindHistorical, true
	}
	return 0, false
}

// hit is an accepted catalog match other than a model.
type hit struct {
	span
	idx          int
	after, local bool
	// tight: a one-character Chinese cue ("超"), which binds only a name
	// right after it.
	tight bool
	// how and conf: how a vendor name was read (howCatalog, or howSound
	// and howEdit for a garbled one) and how surely.
	how  resolveHow
	conf float32
}

// benchHit is a benchmark mention with its output name.
type benchHit struct {
	span
	idx  int
	name string
}

func isAlnum(b byte) bool { return isDigit(b) || isUpper(b) || isLower(b) }
func isDigit(b byte) bool { return b >= '0' && b <= '9' }
func isUpper(b byte) bool { return b >= 'A' && b <= 'Z' }
func isLower(b byte) bool { return b >= 'a' && b <= 'z' }

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// leftOK reports whether a match starting at i begins a word: a Latin
// pattern must not continue a letter or digit; CJK patterns need no boundary.
func leftOK(buf []byte, i int) bool {
	if i == 0 || !isAlnum(buf[i]) {
		return true
	}
	if (buf[i-1] == '.' || buf[i-1] == '_') && i > 1 && isAlnum(buf[i-2]) {
		return false // "cs.LG", "deepseek_v3"
	}
	r, _ := utf8.DecodeLastRune(buf[:i])
	return !isLetterOrDigit(r) || isCJK(r)
}

// rightOK reports whether a match ending at j ends a word; digits may follow
// when digitOK (model stems: "Qwen2.5").
func rightOK(buf []byte, j int, digitOK bool) bool {
	if j >= len(buf) || !isAlnum(buf[j-1]) {
		return true
	}
	r, _ := utf8.DecodeRune(buf[j:])
	if unicode.IsDigit(r) {
		return digitOK
	}
	return !unicode.IsLetter(r) || isCJK(r)
}

// gluedCode reports a version code glued onto a word ending in a
// lower-case letter at j: a capital then a digit ("DeepSeekV2", "KimiK2"),
// the camel case of a class or config name that still spells the model.
func gluedCode(buf []byte, j int) bool {
	return j > 0 && j+1 < len(buf) && isLower(buf[j-1]) && isUpper(buf[j]) && isDigit(buf[j+1])
}

// isCJK reports scripts written without spaces between words, where a Latin
// name may touch the next word ("딥시크가", "发布GLM-4").
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana)
}

// blankURLs overwrites URLs with spaces so their paths are not read as
// mentions ("…/blog/qwq-32b/").
func blankURLs(buf []byte) {
	for _, prefix := range [][]byte{[]byte("http://"), []byte("https://"), []byte("www.")} {
		for i := 0; ; {
			j := bytes.Index(buf[i:], prefix)
			if j < 0 {
				break
			}
			j += i
			k := j
			for k < len(buf) && buf[k] > ' ' && buf[k] != '"' && buf[k] != '\'' && buf[k] != ')' {
				k++
			}
			for x := j; x < k; x++ {
				buf[x] = ' '
			}
			i = k
		}
	}
}

// scan finds every catalog pattern in the text, longest first at each
// word start (Latin) or character (CJK), and records vendors, models,
// benchmarks, licences and cues. A match whose meanings all fail (wrong
// case, no word boundary) gives way to shorter patterns at the same place.
func (s *state) scan() {
	c := s.an.c
	buf := s.buf
	for i := 0; i < len(buf); {
		b := buf[i]
		next := i + 1
		switch {
		case b >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(buf[i:])
			next = i + n
			if r < 1<<16 && c.runes[r>>3]&(1<<(r&7)) == 0 {
				break // most letters start no pattern: "ạ", "ố"
			}
			if end, ok := s.tryPatterns(c.byRune[r], i); ok {
				next = max(end, next)
			}
		case !isAlnum(b) && c.runes[b>>3]&(1<<(b&7)) != 0:
			// A pattern opening with a sign ("#1 ranking"), filed by
			// its first byte as CJK ones are by their rune.
			if end, ok := s.tryPatterns(c.byRune[rune(b)], i); ok {
				next = max(end, next)
			}
		case isAlnum(b) && i+1 < len(buf) && (i == 0 || !isAlnum(buf[i-1])):
			if isUpper(b) && len(s.caps) < maxMentions {
				s.caps = append(s.caps, int32(i)) // for the garble readers
			}
			has := c.starts[pairKey(b, buf[i+1])]
			if has == 0 || !leftOK(buf, i) || distilled(buf, i) {
				break
			}
			var long []int32
			if has&2 != 0 && i+2 < len(buf) {
				k := tripleKey(b, buf[i+1], buf[i+2])
				if h := tripleHash(k); c.triples[h>>3]&(1<<(h&7)) != 0 {
					long = c.byTriple[k]
				}
			}
			if end, ok := s.tryPatterns(long, i); ok {
				next = max(end, next)
			} else if has&1 != 0 {
				if end, ok := s.tryPatterns(c.byPair[pairKey(b, buf[i+1])], i); ok {
					next = max(end, next)
				}
			}
		}
		i = next
	}
}

// distilled reports a name at i that ends a distilled model's name
// ("Qwen-14B" of "R1-Distill-Qwen-14B"): it is no model of its own.
func distilled(buf []byte, i int) bool {
	const d = "distill-"
	return i >= len(d) && hasPrefixFold(buf[i-len(d):], d)
}

// tryPatterns tries the candidate patterns at i, longest first, and returns
// the end of the first one accepted.
func (s *state) tryPatterns(list []int32, i int) (int, bool) {
	c := s.an.c
	for _, p := range list {
		pat := c.patterns[p]
		if !hasPrefixName(s.buf[i:], pat) {
			continue
		}
		en := i + len(pat)
		if end, ok := s.accept(c.refs[p], i, en, s.buf[i:en]); ok {
			return end, true
		}
	}
	return 0, false
}

// latinStemAfter reports a Latin stem of family fam at p, right after a
// native spelling or one space after it: "Qwen" of "通义千问Qwen2.5".
func (s *state) latinStemAfter(fam, p int) bool {
	if p < len(s.buf) && s.buf[p] == ' ' {
		p++
	}
	q := p
	for q < len(s.buf) && isLetterASCII(s.buf[q]) {
		q++
	}
	if q == p {
		return false
	}
	f, ok := s.an.c.stemFamily[strings.ToLower(string(s.buf[p:q]))]
	return ok && f == fam
}

// glossedStemEnd returns where a bracket right after a stem of family fam
// ends when it holds another of the family's stems ("(EXAONE)" after
// "엑사원", "（Qwen）" after "通义千问"), else p.
func (s *state) glossedStemEnd(fam, p int) int {
	rest := s.buf[p:min(len(s.buf), p+64)]
	for _, br := range [][2]string{{"(", ")"}, {"（", "）"}} {
		if !bytes.HasPrefix(rest, []byte(br[0])) {
			continue
		}
		inner, _, ok := bytes.Cut(rest[len(br[0]):], []byte(br[1]))
		if !ok {
			continue
		}
		if f, known := s.an.c.stemFamily[strings.ToLower(string(inner))]; known && f == fam {
			return p + len(br[0]) + len(inner) + len(br[1])
		}
	}
	return p
}

// compoundName reports a name going on after a vendor's at en with a
// hyphen, a lowercase word and a number ("-tasks-100", "-qa-200"): the
// name of a benchmark or data set made by the lab, which names the lab no
// more than a model of it does.
func compoundName(buf []byte, en int) bool {
	if en+2 >= len(buf) || buf[en] != '-' || buf[en+1] < 'a' || buf[en+1] > 'z' {
		return false
	}
	i := en + 1
	for i < len(buf) && buf[i] >= 'a' && buf[i] <= 'z' {
		i++
	}
	return i+1 < len(buf) && (buf[i] == '-' || buf[i] == ' ') && isDigit(buf[i+1])
}

// compoundEnd returns the end of the compound name compoundName found at
// en.
func compoundEnd(buf []byte, en int) int {
	i := en + 1
	for i < len(buf) && (buf[i] >= 'a' && buf[i] <= 'z' || isDigit(buf[i]) || buf[i] == '-' && i+1 < len(buf) && isDigit(buf[i+1])) {
		i++
	}
	return i
}

// styleAfter reports a benchmark's name that goes on as the kind of
// another test, one of the lexicon's style_words ("AIME-style",
// "MMLU-like", "AIME形式"): no score is that benchmark's.
func (s *state) styleAfter(rest []byte) bool {
	return hasPrefixIn(rest, s.an.cat.StyleWords)
}

// accept applies the meanings of one match, most specific first, and returns
// the end of what it consumed.
func (s *state) accept(refs []ref, st, en int, surface []byte) (int, bool) {
	ok := func(r ref, digitOK bool) bool {
		if r.exact != "" && string(surface) != r.exact {
			return false
		}
		return rightOK(s.buf, en, digitOK) || digitOK && gluedCode(s.buf, en)
	}
	for _, r := range refs {
		if r.kind == hitNotModel && ok(r, false) {
			return en, true
		}
	}
	for _, r := range refs {
		if r.kind == hitFamily && ok(r, true) {
			if end, found := s.familyMention(r, st, en, surface); found {
				return end, true
			}
		}
	}
	consumed := false
	for _, r := range refs {
		if !ok(r, false) {
			continue
		}
		switch r.kind {
		case hitBench:
			if len(s.benches) >= maxHits {
				return en, true
			}
			end, name := s.benchName(r.idx, st, en)
			if s.styleAfter(s.buf[end:]) {
				return end, true // "Japanese AIME-style Math Contest": another test, made like this one
			}
			s.benches = append(s.benches, benchHit{span{st, end}, r.idx, name})
			return end, true
		case hitVendor:
			if r.upper && surface[0] < utf8.RuneSelf && !hasUpper(surface) {
				continue // an identifier, not a name
			}
			if en+1 < len(s.buf) && s.buf[en] == '-' && isDigit(s.buf[en+1]) {
				continue // a name goes on: "Meta-Llama-3-70B" is no "meta-llama"
			}
			if compoundName(s.buf, en) {
				// "ELYZA-tasks-100", "Stockmark-qa-200": a benchmark or data
				// set named after a lab, not the lab.
				return compoundEnd(s.buf, en), true
			}
			if !s.productContext(en) && len(s.vendorHits) < maxHits {
				s.vendorHits = append(s.vendorHits, hit{span: span{st, en}, idx: r.idx})
			}
			return en, true
		case hitHint:
			if len(s.hints) < maxHits {
				s.hints = append(s.hints, hit{span: span{st, en}, idx: r.idx})
			}
			return en, true
		case hitLicense:
			if len(s.licenses) < maxHits {
				s.licenses = append(s.licenses, hit{span: span{st, en}, idx: r.idx})
			}
			return en, true
		case hitCue:
			if r.lang != "" && s.otherLangCue(refs, r, st) {
				continue // "比肩" in Chinese text is no Japanese "…に比肩"
			}
			if cueKind(r.idx) != cueAI && compoundTail(s.buf, st) {
				continue // "instruction-following" is no "following"
			}
			if slices.Contains(comparisonCues, cueKind(r.idx)) && !r.after && s.pagePartBefore(st) {
				continue // "the tables below compare X": down the page, no rival
			}
			hits := s.cues[r.idx]
			if cueKind(r.idx) == cueAI {
				// AI words consume nothing, so the model nouns and
				// names inside them are read too ("language model");
				// a shorter AI word at the same place adds nothing.
				if len(hits) < maxHits && (len(hits) == 0 || hits[len(hits)-1].start != st) {
					s.cues[r.idx] = append(hits, hit{span: span{st, en}})
				}
				continue
			}
			if len(hits) < maxHits {
				s.cues[r.idx] = append(hits, hit{span: span{st, en}, after: r.after, local: r.local, tight: r.tight})
			}
			consumed = true
		}
	}
	return en, consumed
}

// pagePartBefore reports a word of the lexicon's page_parts right before
// st, past one space ("tables" of "the tables below"): a cue there points
// further down the page.
func (s *state) pagePartBefore(st int) bool {
	if st < 2 || s.buf[st-1] != ' ' {
		return false
	}
	j := st - 1
	for j > 0 && isLetterASCII(s.buf[j-1]) {
		j--
	}
	return j < st-1 && slices.Contains(s.an.cat.PageParts, strings.ToLower(string(s.buf[j:st-1])))
}

// compoundTail reports a Latin word at st that ends a hyphenated compound
// ("following" of "instruction-following", "over" of "hand-over"): no cue
// of its own.
func compoundTail(buf []byte, st int) bool {
	return st >= 2 && st < len(buf) && isLetterASCII(buf[st]) && buf[st-1] == '-' && isLetterASCII(buf[st-2])
}

// otherLangCue reports a meaning r of a cue phrase at st that has another
// meaning of its kind in the article's language, in the other word order:
// that one applies. Chinese writes "比肩" both ways: "X 比肩 Y", and after
// its model in "与 Y 比肩".
func (s *state) otherLangCue(refs []ref, r ref, st int) bool {
	if s.a == nil {
		return false // a table cell's scan
	}
	lang, _, _ := strings.Cut(s.a.Language, "-")
	if lang == "" || lang == r.lang {
		return false
	}
	for _, o := range refs {
		if o.kind == hitCue && o.idx == r.idx && o.lang == lang {
			if lang == "zh" && withFrame(s.buf, st) {
				return !r.after
			}
			return true
		}
	}
	return false
}

// withFrame reports a Chinese "与 …" (和, 跟, 同, 與) in the clause before
// st: a comparison with the model between it and st ("与Gemini 2.5 Pro比肩").
func withFrame(buf []byte, st int) bool {
	for i := st; i > 0 && st-i < 48; {
		r, n := utf8.DecodeLastRune(buf[:i])
		switch r {
		case '与', '和', '跟', '同', '與':
			return true
		case '，', '。', '；', '、', ',', ';', '\n', '：':
			return false
		}
		i -= n
	}
	return false
}

// benchName completes a benchmark mention with a year or subset that
// follows it ("AIME 2025", "TAU-Bench (Retail)").
func (s *state) benchName(idx, st, en int) (int, string) {
	b := &s.an.cat.Benchmarks[idx]
	name := b.Name
	if p := compoundPrefix(s.buf, st); p < st {
		// "Video-MMMU", "K-MMBench": another benchmark named after
		// this one, written as its maker writes it.
		return en, string(s.buf[p:st]) + name
	}
	if e := compoundSuffix(s.buf, en, s.an.c.langCodes); e > en {
		if written := string(s.buf[st:en]); !strings.EqualFold(written, name) {
			// "SEED test-zh": an alias's split in a language, as written,
			// not run onto the catalog's name.
			return e, written + string(s.buf[en:e])
		}
		return e, name + string(s.buf[en:e]) // "HealthBench-Hard"
	}
	if w := s.subsetAfter(en); w != "" {
		return en + 1 + len(w), name + " " + w // "HealthBench Hard"
	}
	if v, e := benchVersion(s.buf, st, en); v != "" && !strings.HasSuffix(strings.ToLower(name), "v"+v) {
		// "Arena-Hard v2", "LiveCodeBench v6": the version is part of
		// the benchmark's name.
		return max(e, en), name + " v" + v
	}
	if b.Year {
		p := en
		if p < len(s.buf) && (s.buf[p] == ' ' || s.buf[p] == '-') {
			p++
		}
		q := p
		for q < len(s.buf) && isDigit(s.buf[q]) {
			q++
		}
		if n := q - p; (n == 4 && s.buf[p] == '2') || n == 2 {
			year := string(s.buf[p:q])
			if n == 2 {
				year = "20" + year
			}
			return q, name + " " + year
		}
	}
	if len(b.Subsets) > 0 {
		rest := s.buf[en:min(len(s.buf), en+24)]
		trimmed := bytes.TrimLeft(rest, " (-")
		for _, sub := range b.Subsets {
			if len(trimmed) >= len(sub) && strings.EqualFold(string(trimmed[:len(sub)]), sub) &&
				(len(trimmed) == len(sub) || !isAlnum(trimmed[len(sub)])) {
				return en + (len(rest) - len(trimmed)) + len(sub), name + " " + sub
			}
		}
	}
	return en, name
}

// subsetAfter returns the subset word of the lexicon written right after
// a benchmark name ending at en, one space between ("Hard" of
// "HealthBench Hard"), or "".
func (s *state) subsetAfter(en int) string {
	if en+1 >= len(s.buf) || s.buf[en] != ' ' {
		return ""
	}
	for _, w := range s.an.cat.BenchmarkSubsets {
		e := en + 1 + len(w)
		if e <= len(s.buf) && string(s.buf[en+1:e]) == w && (e == len(s.buf) || !isAlnum(s.buf[e]) && s.buf[e] != '-') {
			return w
		}
	}
	return ""
}

// compoundPrefix returns where a word of letters joined by a hyphen right
// before a benchmark name at st begins ("Video-" of "Video-MMMU"), or st.
func compoundPrefix(buf []byte, st int) int {
	if st < 2 || buf[st-1] != '-' || !isLetterASCII(buf[st-2]) {
		return st
	}
	j := st - 1
	for j > 0 && isLetterASCII(buf[j-1]) {
		j--
	}
	if st-1-j > 8 || j > 0 && (isAlnum(buf[j-1]) || buf[j-1] == '-' || buf[j-1] == '.' || buf[j-1] == '_' || buf[j-1] == '/') {
		return st
	}
	return j
}

// compoundSuffix returns where a capitalised word of letters joined by a
// hyphen right after a benchmark name ending at en ends ("-Hard" of
// "HealthBench-Hard"), or a language code of codes so joined ("-ja" of
// "MGSM-ja"), or en.
func compoundSuffix(buf []byte, en int, codes map[string]bool) int {
	if e := langSuffix(buf, en, codes); e > en {
		return e // "MGSM-ja", "BFCL-ko": the benchmark's translation
	}
	if en+2 >= len(buf) || buf[en] != '-' || !isUpper(buf[en+1]) {
		return en
	}
	e := en + 1
	for e < len(buf) && isLetterASCII(buf[e]) {
		e++
	}
	if e-en-1 > 10 || e < len(buf) && (isDigit(buf[e]) || buf[e] == '-' || buf[e] == '_' || buf[e] == '.' && e+1 < len(buf) && isAlnum(buf[e+1])) {
		return en
	}
	return e
}

// langSuffix returns where a hyphen and a language code of codes, in
// lowercase letters, right after a benchmark name ending at en end ("-ja"
// of "MGSM-ja", "-yue" of "Fleurs-yue"), or en.
func langSuffix(buf []byte, en int, codes map[string]bool) int {
	if en >= len(buf) || buf[en] != '-' {
		return en
	}
	e := en + 1
	for e < len(buf) && e-en <= 3 && isLower(buf[e]) {
		e++
	}
	if e < len(buf) && (isAlnum(buf[e]) || buf[e] == '-' || buf[e] == '_') || !codes[string(buf[en+1:e])] {
		return en
	}
	return e
}

// benchVersion reads a benchmark version in the surface [st, en) or right
// after it: "v2", "-V2", " v6", "V1.1". It returns the version's number
// and where it ends.
func benchVersion(buf []byte, st, en int) (string, int) {
	i := en
	if i < len(buf) && (buf[i] == '-' || buf[i] == ' ') {
		i++
	}
	if v, e := versionAt(buf, i); v != "" {
		return v, e
	}
	// An alias that holds the version: "LiveCodeBench v5".
	for j := en - 2; j > st; j-- {
		if buf[j] == ' ' || buf[j] == '-' {
			if v, e := versionAt(buf, j+1); v != "" && e == en {
				return v, en
			}
			break
		}
	}
	return "", en
}

// versionAt reads "v2" or "V1.1" at i, ending a word.
func versionAt(buf []byte, i int) (string, int) {
	if i+1 >= len(buf) || buf[i] != 'v' && buf[i] != 'V' || !isDigit(buf[i+1]) {
		return "", i
	}
	j := i + 1
	for j < len(buf) && (isDigit(buf[j]) || buf[j] == '.' && j+1 < len(buf) && isDigit(buf[j+1])) {
		j++
	}
	if j-i > 5 || j < len(buf) && isAlnum(buf[j]) {
		return "", i
	}
	return string(buf[i+1 : j]), j
}

// part is one piece of a model name after its stem.
type part struct {
	sep  byte // 0 (attached), '-' or ' '
	text string
	size bool
	kind partKind
	// native is a variant word as Korean or Japanese spelt it ("ミニ" of
	// "Mini"), kept in the names of native models no catalog knows.
	native string
}

// knownModel reports whether the article already holds the model a stem
// and its parts name.
func (s *state) knownModel(fam int, stem string, parts []part) bool {
	fam, stem = s.an.c.renamed(fam, stem, parts)
	name := s.an.c.appendCanonical(s.nameBuf[:0], fam, stem, parts)
	s.nameBuf = name
	key := appendFold(s.keyBuf[:0], name)
	s.keyBuf = key
	if _, ok := s.byKey[string(key)]; ok {
		return true
	}
	if p, ok := s.an.pinnedName(key, fam); ok {
		_, ok = s.byKey[string(appendFold(key[:0], []byte(p)))]
		return ok
	}
	return false
}

// typeWordAt returns the type word (the lexicon's type_words_latin,
// type_words_cjk: words for "language model" a maker may write between a
// family's stem and its version) that follows a stem ending at p and
// where it ends, when a version comes right after it: "LLM" for " LLM
// 2.0", a Latin one, is part of the name; "" for "大模型1.6"; (_, p) when
// there is none.
func (an *Analyzer) typeWordAt(buf []byte, p int) (string, int) {
	if p+1 < len(buf) && buf[p] == ' ' {
		for _, w := range an.cat.TypeWordsLatin {
			q := p + 1 + len(w)
			if bytes.HasPrefix(buf[p+1:], []byte(w)) && q+1 < len(buf) && buf[q] == ' ' && isDigit(buf[q+1]) {
				return w, q
			}
		}
		return "", p
	}
	for _, w := range an.cat.TypeWordsCJK {
		q := p + len(w)
		if bytes.HasPrefix(buf[p:], []byte(w)) {
			if q < len(buf) && buf[q] == ' ' {
				q++
			}
			if q < len(buf) && isDigit(buf[q]) {
				return "", q
			}
		}
	}
	return "", p
}

// familyMention parses the version, size and variant parts that follow a
// family stem and records the model mention. It reports false when the stem
// alone does not name a model (and may then be a vendor name).
func (s *state) familyMention(r ref, st, en int, surface []byte) (int, bool) {
	fam := r.idx
	if r.letters {
		// "Command B": the word of a family whose versions are
		// letters names a model with a letter after it, beside the
		// family's maker only (spacedForms); alone it is a word.
		if e := en + 2; e <= len(s.buf) && s.buf[en] == ' ' && isUpper(s.buf[en+1]) && (e == len(s.buf) || !isAlnum(s.buf[e]) && s.buf[e] != '+' && s.buf[e] != '-') &&
			!s.cellMode && len(s.spaced) < maxHits {
			s.spaced = append(s.spaced, spacedStem{span{st, e}, fam, r.stem + " " + string(s.buf[en+1]), true, false})
		}
		return 0, false
	}
	if r.dropped {
		// "Nova 3 Lite": a family stem without its maker's name names
		// a model with a spaced version beside the maker only
		// (spacedForms); alone it is a word.
		if en+1 < len(s.buf) && s.buf[en] == ' ' && isDigit(s.buf[en+1]) && !s.cellMode && len(s.spaced) < maxHits {
			s.spaced = append(s.spaced, spacedStem{span: span{st, en}, family: fam, stem: r.stem, dropped: true})
		}
		return 0, false
	}
	f := &s.an.cat.Families[fam]
	lower := surface[0] < utf8.RuneSelf && !hasUpper(surface) && !s.an.c.familyLower[fam] && !hubSpelling(f, surface)
	parts, end := s.an.suffix(s.buf, en, f.Joined, lower)
	if len(parts) == 0 && end == en && en < len(s.buf) && isDigit(s.buf[en]) && surface[len(surface)-1] < utf8.RuneSelf {
		// "Qwen3TTSModel": the stem opens a class of code whose
		// version glues onto a word (classGlued), no model.
		return wordEnd(s.buf, en), true
	}
	if len(parts) == 0 && end == en && gluedCode(s.buf, en) {
		// "DeepseekV2", "KimiK2": a code glued on in camel case; in a
		// class of code ("DeepseekV2Config") no model.
		w := wordEnd(s.buf, en)
		code := string(s.buf[en:w])
		if !isCodeWord(code) || w < len(s.buf) && isLetterASCII(s.buf[w]) {
			return w, true
		}
		more, e := s.an.suffix(s.buf, w, f.Joined, false)
		parts, end = append([]part{{sep: '-', text: code, kind: partCode}}, more...), e
	}
	if lower && len(f.Case) > 0 && !slices.Contains(f.Case, string(surface)) && !s.slug(st, end, parts) {
		return 0, false // "granite" is a stone; "granite-5.0-8b-instruct" a model
	}
	if len(parts) == 0 && en < len(s.buf) && isLetterASCII(s.buf[en]) && surface[len(surface)-1] >= utf8.RuneSelf {
		// A CJK stem touches its code or variant: "混元T1", "文心X1",
		// "混元Large", "混元turbo".
		w := wordEnd(s.buf, en)
		word := string(s.buf[en:w])
		var tmp [48]byte
		_, variant := s.an.c.variants[string(lowerKey(&tmp, word))]
		if isCodeWord(word) || variant && len(word) > 1 && rightOK(s.buf, w, false) {
			sep, kind := byte(0), partCode
			if variant {
				sep, kind = '-', partWord
			}
			more, e := s.an.suffix(s.buf, w, false, false)
			parts = append([]part{{sep: sep, text: word, kind: kind}}, more...)
			end = e
		}
	}
	if !lower {
		if more, e := s.spacedDerivative(fam, parts, end); len(more) > 0 {
			parts, end = append(parts, more...), e
		}
	}
	if len(parts) == 0 && !lower {
		// "VARCO LLM 2.0", "豆包大模型1.6": a type word between the
		// stem and its version; Latin ones are part of the name, CJK
		// ones describe it ("Doubao large model 1.6").
		if word, w := s.an.typeWordAt(s.buf, en); w > en {
			if more, e := s.an.suffix(s.buf, w, false, false); len(more) > 0 && isDigit(more[0].text[0]) {
				if word != "" {
					more = append([]part{{sep: ' ', text: word, kind: partWord}}, more...)
				}
				parts, end = more, e
			}
		}
	}
	if len(parts) == 0 && f.Joined && !lower && en+1 < len(s.buf) && s.buf[en] == ' ' && isDigit(s.buf[en+1]) && s.cellMode {
		// "Step 3" in a table header of an article whose text read it
		// beside its maker: the same model.
		if more, e := s.an.suffix(s.buf, en, false, false); len(more) > 0 && isDigit(more[0].text[0]) && s.knownModel(fam, r.stem, more) {
			parts, end = more, e
		}
	}
	if len(parts) == 0 && f.Joined && !lower && en+1 < len(s.buf) && s.buf[en] == ' ' && isDigit(s.buf[en+1]) &&
		len(s.spaced) < maxHits && !s.cellMode {
		// "Step 3": a joined family's stem with a spaced version names a
		// model only beside its maker (spacedForms).
		s.spaced = append(s.spaced, spacedStem{span: span{st, en}, family: fam, stem: r.stem})
	}
	if len(parts) == 0 && !lower {
		// "엑사원(EXAONE) 5.1": the family's name glossed in brackets
		// between the stem and its version; the version is the name's.
		if e := s.glossedStemEnd(fam, en); e > en {
			if more, end2 := s.an.suffix(s.buf, e, false, false); len(more) > 0 && isDigit(more[0].text[0]) {
				parts, end = more, end2
			}
		}
	}
	if r.versioned && (!numberedParts(parts) || !s.particleOnlyAfter(end)) {
		// "소라게", "플럭스 2통": a native spelling that is an ordinary
		// word names the family's model only with a version that ends
		// the word ("소라 2", "소라 2를", or after a variant: "클로바X
		// 씽크2는"), not with a count.
		return 0, false
	}
	if len(parts) == 0 && surface[len(surface)-1] >= utf8.RuneSelf && s.latinStemAfter(fam, en) {
		// "通义千问Qwen2.5", "日日新SenseNova V6": the native name
		// glosses the Latin one that follows, which names the model.
		return en, true
	}
	if len(parts) == 0 && surface[len(surface)-1] >= utf8.RuneSelf && hanNameGoesOn(s.buf[en:]) {
		// "混元视频2.0": a line of the family the catalog does not
		// know, named by a Han word and a version; not the family.
		return end, true
	}
	if len(parts) == 0 && f.Bare && !lower && (s.indefiniteBefore(st) || s.jaCompoundAfter(en)) {
		// "ship a byte-level Llama": any of the family, no model;
		// "PLaMo翻訳": a product the family's name opens.
		return end, true
	}
	if len(parts) == 0 && en+1 < len(s.buf) && s.buf[en] == '_' && isAlnum(s.buf[en+1]) {
		// "LLAMA_CPP_SPECIAL", "qwen_api_key": a word of an
		// identifier, no model.
		return end, true
	}
	if len(parts) == 0 {
		if f.Bare && !lower && (s.otherThingAfter(en) || s.serviceFollows(en)) {
			// "Llama.com", "Sarashina Model License", "Kimi开放平台",
			// "Nemotron-Post-Training-Dataset", "Hailuo AI app": the
			// family's name names a site, licence, platform, dataset
			// or service, no model.
			return end, true
		}
		if !f.Bare || lower || s.properNounFollows(en) {
			return 0, false
		}
		if hasSuffixIn(s.buf[:st], s.an.cat.SeriesBefore) || s.seriesAfter(en) {
			return end, true // "dòng mô hình PhoGPT", "豆包系列": the series, no model
		}
		if s.teamAround(st, en) || s.makerTeam(fam, st, en) || hasPrefixIn(s.buf[en:], s.an.cat.UsageAfter) {
			// "通义千问团队", "nhóm Qwen": the lab that makes the
			// family; "豆包月活": its service; no model.
			if v := s.an.c.familyVendor[fam]; v >= 0 && len(s.vendorHits) < maxHits {
				s.vendorHits = append(s.vendorHits, hit{span: span{st, en}, idx: v})
			}
			return end, true
		}
	} else if !hasUpper(s.buf[st:end]) && (s.codeHeadAfter(end) || hasSuffixIn(s.buf[:st], s.an.cat.CodeBefore)) {
		return end, true // "the `qwen-tts` package", "pip install qwen-tts": software, no model
	} else if !hasUpper(s.buf[st:end]) && s.notModelPartAfter(end) {
		return wordEnd(s.buf, end+1), true // "qwen-tts-demo": a command, as "Qwen-TTS-Demo" is an app
	} else if lower && !hasSeparatedPart(parts) && !s.lenient {
		// "qwen2" and "llama3" are code identifiers more often than names.
		return 0, false
	}
	if constantName(s.buf, st, end) {
		// "QWEN_MODEL", "MINIMAX_BASE_URL", "$MISTRAL_SMALL_3_1_INSTRUCT", "X38_MODEL":
		// an environment variable or constant of a code sample, no model.
		return end, true
	}
	for _, p := range parts {
		var tmp [48]byte
		if s.an.c.notModelParts[string(lowerKey(&tmp, p.text))] {
			return end, true // "Step-Audio-Report" is a document
		}
	}
	if len(parts) > 0 && lineOfVersions(s.buf, end) {
		return end + 2, true // "Qwen3.x": a line of versions, no model
	}
	if ps := s.derivativePrefix(st); ps < st && len(parts) > 0 {
		// "AceReason-Nemotron-7B": a lab's own line built on the
		// family, named as its makers write it, the family's maker's,
		// or the team's the text names by the prefix ("nhóm nghiên
		// cứu URA … URA-Gemma4-12B-Vi").
		v, team := s.an.c.familyVendor[fam], string(s.buf[ps:st-1])
		if s.teamNamed(team) {
			v = -1
		}
		m := s.addMention(span{ps, end}, -1, v, string(s.buf[ps:en]), parts,
			resolution{how: howCatalog, conf: resolveConf.catalog, by: -1})
		if v < 0 && m >= 0 && s.models[m].vendorName == "" {
			s.models[m].vendorName = team
		}
		return end, true
	}
	s.addMention(span{st, end}, fam, -1, r.stem, parts, resolution{how: howCatalog, conf: resolveConf.catalog, by: -1})
	return end, true
}

// hubSpelling reports a lowercase, hyphenated spelling the catalog lists
// among a family's case spellings: a model hub's id of one of its models
// ("command-r-plus"), which names that model as its capitalised name does.
func hubSpelling(f *catalog.Family, surface []byte) bool {
	return bytes.IndexByte(surface, '-') > 0 && slices.Contains(f.Case, string(surface))
}

// spacedDerivative reads a lab's model named after its base with spaces,
// as "Llama-3.1-Nemotron-70B" is with hyphens: another maker's stem after
// the base's stem and its spaced version ("Llama 3.3 Swallow 70B
// Instruct", "Llama 3.3 Swallow"), or after the bare stem when a variant
// or size follows it ("Llama Nemotron Ultra"). It returns the stem and
// its parts, to add to the base's parts, with where they end; nil when
// none follows. The base stays a model of its own where it is written
// alone ("built on Llama 3.3 70B").
func (s *state) spacedDerivative(fam int, parts []part, end int) ([]part, int) {
	if len(parts) > 1 || len(parts) == 1 && (parts[0].sep != ' ' || parts[0].kind != partVersion) {
		return nil, end
	}
	if end+2 >= len(s.buf) || s.buf[end] != ' ' || !isUpper(s.buf[end+1]) {
		return nil, end
	}
	w := wordEnd(s.buf, end+1)
	word := string(s.buf[end+1 : w])
	lw := strings.ToLower(word)
	f, ok := s.an.c.stemFamily[lw]
	if !ok || f == fam || s.an.c.familyVendor[f] == s.an.c.familyVendor[fam] || !s.an.otherName(word, lw) {
		return nil, end
	}
	if _, caseOnly := s.an.c.caseStems[lw]; caseOnly && !slices.Contains(s.an.cat.Families[f].Case, word) {
		return nil, end // "HyperCLOVA X SEED" is no ByteDance Seed
	}
	if w < len(s.buf) && (s.buf[w] == '-' || s.buf[w] == '.') {
		return nil, end // "Llama 3 Qwen-2": a list, not one name
	}
	more, e := s.an.suffix(s.buf, w, false, false)
	if len(parts) == 0 {
		named := false
		for _, p := range more {
			named = named || p.size || p.kind == partWord
		}
		if !named {
			return nil, end
		}
	}
	return append([]part{{sep: ' ', text: word, kind: partWord}}, more...), e
}

// derivativePrefix returns where a compound word joined by a hyphen right
// before a family stem at st begins ("AceReason-" of
// "AceReason-Nemotron-7B", "OpenReasoning-" of "OpenReasoning-Nemotron"),
// or st when there is none: a word of letters with capitals inside, that
// is no vendor, stem or stopword ("Meta-Llama-3" is Meta's Llama 3).
func (s *state) derivativePrefix(st int) int {
	if st < 4 || s.buf[st-1] != '-' {
		return st
	}
	j := st - 1
	for j > 0 && isLetterASCII(s.buf[j-1]) {
		j--
	}
	w := string(s.buf[j : st-1])
	if j > 0 && (isAlnum(s.buf[j-1]) || s.buf[j-1] == '-' || s.buf[j-1] == '_' || s.buf[j-1] == '/' || s.buf[j-1] == '.') {
		return st
	}
	if len(w) < 3 || len(w) > 24 || !isUpper(w[0]) || s.an.c.stopwords[w] {
		return st
	}
	uppers, lowers := 0, 0
	for i := 0; i < len(w); i++ {
		switch {
		case isUpper(w[i]):
			uppers++
		case isLower(w[i]):
			lowers++
		}
	}
	lw := strings.ToLower(w)
	acronym := lowers == 0 && len(w) <= 8 && !s.an.c.formats[lw] // "URA-Gemma4-12B-Vi", a lab's acronym
	if (uppers < 2 || lowers == 0) && !acronym || s.an.c.stemWords[lw] {
		return st
	}
	if _, vendor := s.an.c.vendorOfAlias[fold(w)]; vendor {
		return st
	}
	return j
}

func hasUpper(b []byte) bool {
	for _, c := range b {
		if isUpper(c) {
			return true
		}
	}
	return false
}

// slug reports a model hub's lowercase id read whole from st to end, a
// stem matched only in its own case with its parts: a version joined by a
// hyphen or attached, then a size or a variant ("granite-5.0-8b-instruct",
// "calm4-vl-14b-instruct"), neither
// inside another id ("doubao-seed-1.6") nor read in part
// ("granite-3.1-3b-a800m-base").
func (s *state) slug(st, end int, parts []part) bool {
	if len(parts) < 2 || parts[0].sep != '-' && parts[0].sep != 0 || parts[0].kind != partVersion {
		return false
	}
	if st > 0 && (isAlnum(s.buf[st-1]) || s.buf[st-1] == '-' || s.buf[st-1] == '_') ||
		end < len(s.buf) && (isAlnum(s.buf[end]) || s.buf[end] == '-' || s.buf[end] == '_') {
		return false
	}
	for _, p := range parts[1:] {
		if p.size || p.kind == partWord {
			return true
		}
	}
	return false
}

func hasSeparatedPart(parts []part) bool {
	for _, p := range parts {
		if p.sep == '-' || p.sep == ' ' {
			return true
		}
	}
	return false
}

// spacedOK reports whether a name may continue after a space: names
// written with spaces ("Llama 3 70B Instruct") or a stem and version joined
// by one hyphen ("GPT-3.5 Turbo") may; fully hyphenated names may not
// ("GLM-4-9B Chat" in a flattened table is a name and a column).
func spacedOK(parts []part, hasSize bool) bool {
	n := 0
	for _, p := range parts {
		if p.sep == '-' || p.sep == '_' {
			n++
		}
	}
	return n == 0 || n == 1 && (parts[0].sep == '-' || parts[0].sep == '_') && !hasSize
}

func hasSizePart(parts []part) bool {
	for _, p := range parts {
		if p.size && p.sep != ' ' {
			return true
		}
	}
	return false
}

// hasVersion reports a version or code among the parts so far.
func hasVersion(parts []part) bool {
	for _, p := range parts {
		if isDigit(p.text[0]) || hasDigit(p.text) {
			return true
		}
	}
	return false
}

// productContext reports a vendor name followed by one of its products
// ("NVIDIA A800", "Apple Silicon", "google drive", "Apple's MLX",
// "NVIDIAのGPU").
//
// The text read after the name is long enough for the lexicon's longest
// entry past a possessive ("Deep Learning Container").
func (s *state) productContext(en int) bool {
	rest := s.buf[en:min(len(s.buf), en+48)]
	if tail, ok := listTail(s.buf[en:min(len(s.buf), en+160)]); ok {
		rest = tail[:min(len(tail), 48)] // "英伟达、英特尔、昇腾等芯片": the list's kind
	}
	rest = bytes.TrimLeft(rest, " 的")
	for _, poss := range []string{"'s ", "’s ", "の", "의 ", "의"} {
		rest = bytes.TrimPrefix(rest, []byte(poss)) // "Apple's MLX", "NVIDIAのGPU", "엔비디아의 GPU"
	}
	rest = bytes.TrimLeft(seriesCode(rest), " ")
	for _, w := range s.an.c.notVendorContext {
		if bytes.HasPrefix(rest, []byte(w)) {
			return true
		}
	}
	return false
}

// listTail returns the text after a list of names written with the
// enumeration comma that b opens ("、英特尔、昇腾等芯片" → "芯片"), where the
// list ends in 等 or など before any other punctuation.
func listTail(b []byte) ([]byte, bool) {
	if !bytes.HasPrefix(b, []byte("、")) {
		return nil, false
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == '等':
			return b[i+n:], true
		case r == 'な' && bytes.HasPrefix(b[i:], []byte("など")):
			return bytes.TrimPrefix(b[i+len("など"):], []byte("の")), true
		case r == '。' || r == '，' || r == '；' || r == '\n' || r == ',' || r == ';' || r == '.':
			return nil, false
		}
		i += n
	}
	return nil, false
}

// seriesCode drops a series number written before a product word
// ("50 系显卡", "40系列 GPU"): the vendor's product line, read past.
func seriesCode(b []byte) []byte {
	i := 0
	for i < len(b) && isDigit(b[i]) {
		i++
	}
	if i == 0 {
		return b
	}
	rest := bytes.TrimLeft(b[i:], " ")
	for _, w := range []string{"系列", "系", "シリーズ", "시리즈"} {
		if bytes.HasPrefix(rest, []byte(w)) {
			return rest[len(w):]
		}
	}
	return b
}

// suffix reads the name parts after a stem ending at p: versions, sizes,
// variant words and codes, attached or after a hyphen or space, by the
// grammar model names follow. Packaging parts ("GGUF", "Q4_K_M") are
// dropped from the end. lower: the stem was written in lowercase, so
// lowercase variant words may follow it after a space ("qwen 3 coder").
func (an *Analyzer) suffix(buf []byte, p int, joined, lower bool) ([]part, int) {
	var parts []part
	end := p
	hasSize := false
	native := false // the last part was a variant spelt in Hangul or Katakana
	for len(parts) < 10 {
		q := end
		if hasSize && parts[len(parts)-1].size {
			q = sizeAlternatives(buf, q) // "1.7B/0.6B-CustomVoice": this size's CustomVoice
		}
		var sep byte
		if q < len(buf) {
			switch buf[q] {
			case '-':
				sep = '-'
				q++
				if len(parts) > 0 && q+1 < len(buf) && buf[q] == ' ' && isLower(buf[q+1]) && parts[len(parts)-1].sep == '-' {
					q++ // "Phi-4-mini- flash-reasoning": a space slipped in after a hyphen
				}
			case '_':
				sep = '_'
				q++
			case ' ':
				sep = ' '
				q++
			case 0xE3:
				if bytes.HasPrefix(buf[q:], []byte("・")) && q+3 < len(buf) && buf[q+3] >= utf8.RuneSelf {
					sep = ' ' // "ミストラル・ミディアム"
					q += 3
				}
			case '.':
				if len(parts) == 0 && q+1 < len(buf) && isDigit(buf[q+1]) && q > 0 && isAlnum(buf[q-1]) {
					sep = '.'
					q++ // "FLUX.1"
				}
			default:
				if native && isAlnum(buf[q]) {
					sep = ' ' // "ウィスパー・ラージV3": a version written onto the Katakana variant
				}
			}
		}
		nsep := sep
		if sep == 0 && len(parts) > 0 && q > 0 && isDigit(buf[q-1]) {
			nsep = ' ' // "ジェミニ3.5フラッシュ": a variant written onto the version
		}
		if v, e := an.nativeVariant(buf, q, nsep); v != "" {
			// "엑사원 딥" → "EXAONE Deep"
			parts = append(parts, part{sep: ' ', text: v, kind: partWord, native: string(buf[q:e])})
			end, native = e, true
			continue
		}
		native = false
		if v, e := an.bracketVariant(buf, q); v != "" {
			// "FLUX.1 [dev]", "FLUX.1 Kontext [pro]"
			parts = append(parts, part{sep: ' ', text: v, kind: partWord})
			end = e
			continue
		}
		w := wordEnd(buf, q)
		if w == q {
			break
		}
		text := string(buf[q:w])
		if e, size := expertsTimes(buf, q, w); e > w {
			text, w = size, e // "Mixtral 8*7B", "8×22B": experts times their size
		} else if isDigit(buf[q]) && (countWordAt(buf, w) || an.spacedCountAt(buf, w) || sep == ' ' && an.scoreUnitAt(buf, w) || bytes.HasPrefix(buf[w:], []byte("×"))) {
			break // "千问1.66亿", "KikiLM-3-Mini 3 tỷ tham số", "Gemini 3 Pro 4.1 分", "2× faster": a quantity, not a version
		}
		// "V-3": a lone capital joined to its number by a hyphen.
		if len(text) == 1 && isUpper(text[0]) && w+1 < len(buf) && buf[w] == '-' && isDigit(buf[w+1]) {
			w2 := wordEnd(buf, w+1)
			text += string(buf[w+1 : w2])
			w = w2
		}
		if isNumber(text) && w+2 <= len(buf) && buf[w] == ' ' && buf[w+1] == 'B' && (w+2 == len(buf) || !isAlnum(buf[w+2]) && buf[w+2] != '.') {
			text += "B" // "Ministral 8 B": a size spaced from its unit
			w += 2
		}
		if n := len(text); n > 2 && isDigit(text[n-1]) && isSizeWord(text[:n-1]) {
			text = text[:n-1] // a footnote mark flattened onto a size: "Qwen3-8B<sup>1</sup>"
		}
		if an.classGlued(text) {
			break // "SAM2ImagePredictor", "TimesFM3Forecaster": a class of code
		}
		if envIdentifier(buf, q, w, sep) {
			break // "…/x-ocr-2 MAX_OUTPUT_TOKENS", "X38_MODEL": a setting's name in code
		}
		kind := an.classify(text, sep, len(parts) == 0, hasSize, joined, lower, parts)
		if kind == partWord && sep == ' ' && an.verbVariant(text) && !namedAgain(buf, p, w) {
			kind = partReject // "Can Gemma 3 Translate Better…": a verb, not "X Translate"
		}
		if kind == partReject && sep == '-' && an.subBrand(text) && w+1 < len(buf) && buf[w] == '-' && isDigit(buf[w+1]) &&
			(len(parts) == 0 || isSizeWord(string(buf[w+1:wordEnd(buf, w+1)]))) {
			// "Kanana-Flag-1.5-32.5B", "Kanana-Essence-9.8B"; further on
			// when a size follows: "Hunyuan-MT-Chimera-7B".
			kind = partWord
		}
		if kind == partReject && sep == '-' && len(parts) == 0 && isUpper(text[0]) && an.c.stemWords[strings.ToLower(text)] &&
			w+1 < len(buf) && buf[w] == '-' && isSizeWord(string(buf[w+1:wordEnd(buf, w+1)])) {
			kind = partWord // "Canary-Qwen-2.5B": one family's model on another's, one name
		}
		if sep == ' ' && isDigit(text[0]) && w+1 < len(buf) && buf[w] == '-' && isLower(buf[w+1]) && !an.isFormat(string(buf[w+1:wordEnd(buf, w+1)])) {
			kind = partReject // "Yi 4-bit", "Llama 3-based"; not "Flash-class", nor "MiniCPM-V 5.0-int4"
		}
		if kind == partReject && sep == ' ' && len(parts) == 0 && isLower(text[0]) && w+2 < len(buf) && buf[w] == '-' && (buf[w+1] == 'v' || buf[w+1] == 'V') && isDigit(buf[w+2]) {
			if _, ok := an.c.variants[text]; ok {
				kind = partWord // "Whisper large-v3": a lowercase variant tied to its version
			}
		}
		if kind == partReject && sep == '_' && (len(parts) > 0 || p > 0 && isDigit(buf[p-1])) {
			if e := an.underscoreTail(buf, q); e > q {
				// "PP-ShiTuV2_rec_CLIP_vit_base", "PP-HGNetV2-B4_ML": a
				// zoo's checkpoint, its tail joined with underscores.
				parts = append(parts, part{sep: sep, text: string(buf[q:e]), kind: partWord})
				end = e
				break
			}
		}
		if kind == partReject && sep == '-' && lowerRunToSize(buf, q, len(parts) > 0 || p > 0 && isDigit(buf[p-1])) {
			kind = partWord // "Parakeet-unified-en-0.6b", "Kanana-1.5-o-8B": lowercase words a size closes
		}
		if kind == partReject && sep == '-' && an.sizeTail(buf, q, w, parts) {
			kind = partWord // "VibeVoice-0.5B-Streaming": a checkpoint's id ends in its word
		}
		if kind == partReject && sep == '-' && an.checkpointTail(buf, q, w, parts) {
			kind = partWord // "ltxv-13b-0.9.8-distilled": a checkpoint's id ends in its word
		}
		if kind == partReject && sep == '-' && len(text) == 1 && isUpper(text[0]) && hasVersion(parts) && an.variantOrSizeAfter(buf, w) {
			kind = partCode // "Moirai-2.0-R-small": a one-letter line between version and variant
		}
		if sep == ' ' && bytes.HasPrefix(buf[w:], []byte("-to-")) {
			kind = partReject // "Wan2.1 Image-to-Video" is a task, not a variant
		}
		if kind == partReject {
			break
		}
		if kind == partSize {
			hasSize = true
			text = normSize(text)
		}
		parts = append(parts, part{sep: sep, text: text, size: kind == partSize, kind: kind})
		end = w
	}
	// Drop packaging parts and dangling separators from the end.
	for len(parts) > 0 && an.isFormat(parts[len(parts)-1].text) {
		parts = parts[:len(parts)-1]
	}
	// The dropped parts still count as consumed, so they are not read again.
	return parts, end
}

// expertsTimes reads a mixture's size written with a star or a times sign
// between the count of experts q..w and the size of one ("8*7B", "8×22B",
// "8 × 7B") and returns its end and the size spelt with an x ("8x7B"), or
// w when none follows.
func expertsTimes(buf []byte, q, w int) (int, string) {
	if w == q || !isDigit(buf[q]) || !isNumber(string(buf[q:w])) {
		return w, ""
	}
	p := w
	if p < len(buf) && buf[p] == ' ' {
		p++
	}
	switch {
	case p < len(buf) && buf[p] == '*':
		p++
	case bytes.HasPrefix(buf[p:], []byte("×")):
		p += len("×")
	default:
		return w, ""
	}
	if p < len(buf) && buf[p] == ' ' {
		p++
	}
	e := wordEnd(buf, p)
	if e == p || !isDigit(buf[p]) || !isSizeWord(string(buf[p:e])) {
		return w, ""
	}
	return e, string(buf[q:w]) + "x" + string(buf[p:e])
}

// lowerRunToSize reports a run of at most three lowercase words joined
// by hyphens from q that ends, still hyphen-joined, in a parameter size:
// "unified-en-0.6b" of "Parakeet-unified-en-0.6b". A checkpoint's name
// reads so; a phrase ("open-source", "state-of-the-art") has no size.
// After a version or code (short) only short words, language codes and
// modality letters, go on so ("Kanana-1.5-o-8B"): a longer word there
// describes the model named before it ("R1-distilled-14B",
// "Wren-2-distilled-14B").
func lowerRunToSize(buf []byte, q int, short bool) bool {
	for n := 0; n < 3; n++ {
		w := wordEnd(buf, q)
		if w == q || !lettersLower(buf[q:w]) || short && w-q > 3 || w+1 >= len(buf) || buf[w] != '-' {
			return false
		}
		q = w + 1
		if e := wordEnd(buf, q); e > q && isSizeWord(string(buf[q:e])) {
			return true
		}
	}
	return false
}

// underscoreTail returns the end of the checkpoint tail at q: at most
// five words joined by underscores, the last a variant word, a size, a
// short version ("v1") or a short code in capitals ("ML"), and the tail
// not going on as code, a file name or a path ("_config.yaml",
// "_loader(", "_base/"). It returns q when there is none.
func (an *Analyzer) underscoreTail(buf []byte, q int) int {
	last := ""
	for n := 0; n < 5; n++ {
		w := wordEnd(buf, q)
		if w == q {
			return q
		}
		last = string(buf[q:w])
		q = w
		if q+1 < len(buf) && buf[q] == '_' && isAlnum(buf[q+1]) {
			q++
			continue
		}
		break
	}
	if q < len(buf) {
		switch c := buf[q]; {
		case isAlnum(c), c == '_', c == '(', c == '=', c == '/', c == '[':
			return -1
		case c == '.' && q+1 < len(buf) && isAlnum(buf[q+1]):
			return -1
		}
	}
	_, variant := an.c.variants[strings.ToLower(last)]
	code := len(last) >= 2 && len(last) <= 4 && isAllCapsOrDigits(last) && isUpper(last[0])
	version := len(last) >= 2 && (last[0] == 'v' || last[0] == 'V') && isShortVersion(last[1:])
	if variant || code || version || isSizeWord(last) {
		return q
	}
	return -1
}

// sizeAlternatives returns where a name goes on past the other sizes a
// slash lists after its size ("/0.6B" of "Qwen3-TTS-12Hz-1.7B/0.6B-Base",
// "/14B/32B" of "Wren-8B/14B/32B-Instruct"): the variant after them is
// every size's. Sizes the name does not go on after are left alone
// ("Wren-8B/14B" is two names).
func sizeAlternatives(buf []byte, q int) int {
	p := q
	for p+1 < len(buf) && buf[p] == '/' && isAlnum(buf[p+1]) {
		w := wordEnd(buf, p+1)
		if !isSizeWord(string(buf[p+1 : w])) {
			return q
		}
		p = w
	}
	if p > q && p+1 < len(buf) && buf[p] == '-' && isUpper(buf[p+1]) {
		return p
	}
	return q
}

// sizeTail reports a capitalised word at [q, w) written onto a size that
// ends a hyphen-joined checkpoint id ("Streaming" of
// "VibeVoice-0.5B-Streaming", "CustomVoice" of
// "Qwen3-TTS-12Hz-1.7B-CustomVoice"): the id names the checkpoint whole.
// A stopword ("-Model"), another family's stem or more of the id after it
// keep the name at its size.
func (an *Analyzer) sizeTail(buf []byte, q, w int, parts []part) bool {
	if len(parts) == 0 || !parts[len(parts)-1].size || parts[len(parts)-1].sep == ' ' || w-q < 2 || !isUpper(buf[q]) {
		return false
	}
	word := string(buf[q:w])
	if !lettersOnly(word) {
		return false
	}
	if an.c.stopwords[word] || an.c.stemWords[strings.ToLower(word)] {
		return false
	}
	return w >= len(buf) || !isAlnum(buf[w]) && buf[w] != '_' && buf[w] != '-' && (buf[w] != '.' || w+1 >= len(buf) || !isAlnum(buf[w+1]))
}

// checkpointTail reports a lowercase word at [q, w) that ends a
// checkpoint's id written all in lowercase, its size and version joined
// by hyphens before it ("distilled" of "ltxv-13b-0.9.8-distilled"): the
// id is one word, its last part names the checkpoint. Only a packaging
// part may follow it ("-fp8"); a file's extension ("….yaml") or more
// words make it no id, and a word after a lone version describes the
// model ("gemma2-lightweight", "Qwen3.5-style").
func (an *Analyzer) checkpointTail(buf []byte, q, w int, parts []part) bool {
	if !lettersLower(buf[q:w]) || len(parts) < 2 || !hasVersion(parts) || !hasSizePart(parts) {
		return false
	}
	st := q
	for st > 0 && (isAlnum(buf[st-1]) || buf[st-1] == '-' || buf[st-1] == '.') {
		st--
	}
	if hasUpper(buf[st:w]) {
		return false
	}
	if w+1 < len(buf) && buf[w] == '-' && isAlnum(buf[w+1]) {
		return an.isFormat(string(buf[w+1 : wordEnd(buf, w+1)]))
	}
	return w >= len(buf) || !isAlnum(buf[w]) && buf[w] != '_' && (buf[w] != '.' || w+1 >= len(buf) || !isAlnum(buf[w+1]))
}

// lettersLower reports a word of lowercase ASCII letters only.
func lettersLower(w []byte) bool {
	for _, c := range w {
		if !isLower(c) {
			return false
		}
	}
	return len(w) > 0
}

// variantOrSizeAfter reports a hyphen at w and a catalogued variant word
// or a size after it: the "-small" of "Moirai-2.0-R-small".
func (an *Analyzer) variantOrSizeAfter(buf []byte, w int) bool {
	if w+1 >= len(buf) || buf[w] != '-' {
		return false
	}
	e := wordEnd(buf, w+1)
	if e == w+1 {
		return false
	}
	word := string(buf[w+1 : e])
	_, ok := an.c.variants[strings.ToLower(word)]
	return ok || isSizeWord(word)
}

// numberedParts reports a version among a name's parts: the first part,
// or one after variant words only ("씽크2" of "클로바X 씽크2").
func numberedParts(parts []part) bool {
	for _, p := range parts {
		if isDigit(p.text[0]) {
			return true
		}
		if p.kind != partWord {
			return false
		}
	}
	return false
}

// minClassWord is the least length of the word a class name of code
// glues onto a version ("Forecaster" of "TimesFM3Forecaster").
const minClassWord = 6

// classGlued reports a version with a capitalised word glued onto it that
// is no variant word ("2ImagePredictor", "3Forecaster"): the name of a
// class in code, not a model's version and variant ("2Vision" is).
func (an *Analyzer) classGlued(text string) bool {
	i := 0
	for i < len(text) && (isDigit(text[i]) || text[i] == '.' && i > 0) {
		i++
	}
	w := text[i:]
	if i == 0 || len(w) < minClassWord || !isUpper(w[0]) {
		return false
	}
	for j := 1; j < len(w); j++ {
		if !isLower(w[j]) && !isUpper(w[j]) {
			return false
		}
	}
	if _, ok := an.c.variants[strings.ToLower(w)]; ok {
		return false
	}
	_, ok := an.c.variants[w]
	return !ok
}

// particleOnlyAfter reports whether the Hangul letters at p, if any, are
// a Korean particle: "소라 2를" ends a name, "플럭스 2통" (two tins of
// flux) is a count.
func (s *state) particleOnlyAfter(p int) bool {
	run := runAfter(s.buf, p, func(r rune) bool { return unicode.Is(unicode.Hangul, r) })
	return run == p || slices.Contains(s.an.cat.KoreanParticles, string(s.buf[p:run]))
}

// nativeVariant reads a variant word spelt in Hangul or Katakana at q after
// a space or hyphen ("딥" of "엑사원 딥을") and returns the variant with
// the end of its spelling, or "". The run of letters must hold the
// spelling and at most a particle, so "딥러닝" (deep learning) is no "Deep".
func (an *Analyzer) nativeVariant(buf []byte, q int, sep byte) (string, int) {
	if (sep != ' ' && sep != '-') || q >= len(buf) || buf[q] < utf8.RuneSelf || len(an.c.spellings) == 0 {
		return "", 0
	}
	run := runAfter(buf, q, func(r rune) bool {
		// The prolonged sound mark ("オーパス") is of no script.
		return unicode.In(r, unicode.Hangul, unicode.Katakana) || r == 'ー'
	})
	if run == q {
		return "", 0
	}
	for e := run; e > q; {
		if v, ok := an.c.spellings[string(buf[q:e])]; ok {
			// Nothing or a particle after it: "딥", "딥을", "프로는".
			if rest := string(buf[e:run]); rest == "" || slices.Contains(an.cat.KoreanParticles, rest) {
				return v, e
			}
		}
		_, n := utf8.DecodeLastRune(buf[q:e])
		e -= n
	}
	return "", 0
}

// isNumber reports a word of digits with dots between them: "8", "1.5".
func isNumber(w string) bool {
	for i := 0; i < len(w); i++ {
		if !isDigit(w[i]) && (w[i] != '.' || i == 0 || i == len(w)-1) {
			return false
		}
	}
	return w != ""
}

// countWordAt reports a CJK number word at i: "亿", "万", "億", "억".
func countWordAt(buf []byte, i int) bool {
	r, _ := utf8.DecodeRune(buf[i:])
	switch r {
	case '亿', '万', '億', '萬', '억', '만', '千', '百', '兆', '조':
		return true
	}
	return false
}

// scoreUnitAt reports a score unit (the lexicon's score_units) at i,
// right after a number, that ends a word: no letter after it but a
// particle ("4.1 分。", "4.1 分的优势", "3.2점을"), so "4.5 分数" (the score
// of a model named before it) is no unit.
func (an *Analyzer) scoreUnitAt(buf []byte, i int) bool {
	for _, u := range an.cat.ScoreUnits {
		if !bytes.HasPrefix(buf[i:], []byte(u)) {
			continue
		}
		rest := buf[i+len(u):]
		r, _ := utf8.DecodeRune(rest)
		if len(rest) == 0 || !unicode.IsLetter(r) || r == '的' || hasPrefixIn(rest, an.cat.KoreanParticles) {
			return true
		}
	}
	return false
}

// envIdentifier reports the word [q, w) after separator sep as part of
// a setting's name written in capitals and underscores, as environment
// variables and constants of code are: a word in capitals followed by an
// underscore after a space ("MAX" of "MAX_OUTPUT_TOKENS"), or one in
// capitals after an underscore whose word before has no lowercase letter
// ("MODEL" of "X38_MODEL"). A name's part goes on in neither.
func envIdentifier(buf []byte, q, w int, sep byte) bool {
	if w-q < 2 || !isAllCaps(string(buf[q:w])) {
		return false
	}
	switch sep {
	case ' ':
		return w+1 < len(buf) && buf[w] == '_' && isUpper(buf[w+1])
	case '_':
		return settingHead(buf, q-1)
	}
	return false
}

// settingHead reports the run of capitals, digits and underscores that
// ends at p as a whole word of them: opened by no hyphen, point or
// letter of another case ("X38" of "X38_MODEL", not "7B" of
// "Qwen2.5-Omni-7B_RL").
func settingHead(buf []byte, p int) bool {
	i := settingStart(buf, p)
	return i < p && (i == 0 || !isAlnum(buf[i-1]) && buf[i-1] != '-' && buf[i-1] != '.')
}

// settingStart returns where the run of capitals, digits and underscores
// ending at p starts.
func settingStart(buf []byte, p int) int {
	for p > 0 && (isUpper(buf[p-1]) || isDigit(buf[p-1]) || buf[p-1] == '_') {
		p--
	}
	return p
}

// spacedCountAt reports a space and a count word written apart from its
// number (the lexicon's count_words that need not touch it: "3 tỷ",
// "7 billion") at i, right after a number.
func (an *Analyzer) spacedCountAt(buf []byte, i int) bool {
	if i+1 >= len(buf) || buf[i] != ' ' {
		return false
	}
	rest := buf[i+1:]
	for _, c := range an.cat.CountWords {
		if c.Attached || !bytes.HasPrefix(rest, []byte(c.Word)) {
			continue
		}
		if r, _ := utf8.DecodeRune(rest[len(c.Word):]); len(rest) == len(c.Word) || !unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// bracketVariant reads a variant word in square brackets at q ("[dev]")
// and returns it with the end of the brackets, or "".
func (an *Analyzer) bracketVariant(buf []byte, q int) (string, int) {
	if q >= len(buf) || buf[q] != '[' {
		return "", 0
	}
	w := wordEnd(buf, q+1)
	if w == q+1 || w >= len(buf) || buf[w] != ']' {
		return "", 0
	}
	var tmp [48]byte
	if _, ok := an.c.variants[string(lowerKey(&tmp, string(buf[q+1:w])))]; !ok {
		return "", 0
	}
	return string(buf[q+1 : w]), w + 1
}

// wordEnd returns the end of the name word starting at q: letters, digits,
// underscores, and dots between digits ("2.5", "v1.5").
func wordEnd(buf []byte, q int) int {
	i := q
	for i < len(buf) {
		c := buf[i]
		switch {
		case isAlnum(c):
			i++
		case c == '_' && i+1 < len(buf) && isAlnum(buf[i+1]) && (buf[q] == 'q' || buf[q] == 'Q') && i > q+1:
			i++ // "Q4_K_M"
		case c == '.' && i > q && isDigit(buf[i-1]) && i+1 < len(buf) && isDigit(buf[i+1]):
			i++
		case c == '+' && i > q && (i+1 >= len(buf) || !isAlnum(buf[i+1])):
			i++ // "Command R+", "HumanEval+"
			return i
		default:
			return i
		}
	}
	return i
}

type partKind uint8

const (
	partReject partKind = iota
	partVersion
	partSize
	partCode
	partWord
)

// classify decides whether a word continues a model name, by the
// separator before it: attached ("Qwen2.5"), after a hyphen or underscore
// ("-72B-Instruct"), or after a space ("Claude Sonnet 4").
func (an *Analyzer) classify(w string, sep byte, first, hasSize, joined, lower bool, prev []part) partKind {
	var tmp [48]byte
	lw := string(lowerKey(&tmp, w))
	switch sep {
	case 0, '.':
		return classifyAttached(w)
	case '-', '_':
		return an.classifyHyphenated(w, lw, hasSize, prev)
	case ' ':
		if joined && first {
			return partReject
		}
		return an.classifySpaced(w, lw, first, hasSize, lower, prev)
	}
	return partReject
}

// classifyAttached reads a word written onto the stem: a version or a
// size ("Qwen2.5", "Falcon3-7B").
func classifyAttached(w string) partKind {
	switch {
	case !isDigit(w[0]):
		return partReject
	case isSizeWord(w):
		return partSize
	}
	return partVersion
}

// classifyHyphenated reads a word after a hyphen or underscore: sizes,
// versions, variants and formats, codes ("R1", "T2V"), training stages
// ("RL", "SFT"), derivatives ("Llama-3.1-Nemotron") and the words a
// versioned name goes on with ("Exp", "Terminus").
func (an *Analyzer) classifyHyphenated(w, lw string, hasSize bool, prev []part) partKind {
	_, isVariant := an.c.variants[lw]
	switch {
	case isSizeWord(w):
		return partSize
	case isDigit(w[0]):
		if len(prev) > 0 && prev[len(prev)-1].kind == partVersion && strings.Contains(prev[len(prev)-1].text, ".") && strings.Contains(w, ".") {
			return partReject // a range of versions: "InternVL 1.0-2.5"
		}
		return partVersion
	case isVariant, an.isFormat(w):
		return partWord
	case isCodeWord(w):
		return partCode
	case isUpper(w[0]) && len(w) <= 10 && isDigit(w[len(w)-1]) && !an.c.stemWords[strings.TrimRight(lw, "0123456789")]:
		return partCode // "Cosmos-Predict2", "Cosmos-Transfer1"
	case isLower(w[0]):
		if len(w) <= 4 && hasDigit(w) { // "r1", "v3", "k2"
			return partCode
		}
		if _, ok := an.c.variants[strings.TrimRight(lw, "0123456789")]; ok && isDigit(w[len(w)-1]) {
			return partWord // a variant with its generation: "13b-instruct4"
		}
		return partReject
	case len(w) == 1 && isUpper(w[0]) && len(prev) > 0 && prev[len(prev)-1].size:
		return partWord // a one-letter variant after a size: "Molmo-7B-D"
	case len(prev) > 0 && strings.EqualFold(prev[len(prev)-1].text, "Distill"):
		return partWord // "DeepSeek-R1-Distill-Qwen-32B"
	case !hasSize && hasVersion(prev) && isUpper(w[0]) && an.c.stemWords[lw] && len(w) >= 3:
		return partWord // a derivative: "Llama-3-ELYZA-JP-8B", "Llama-3.1-Nemotron-70B"
	case len(w) >= 2 && len(w) <= 4 && isAllCaps(w) && hasVersion(prev) && !an.c.stemWords[lw]:
		return partWord // "MiMo-7B-RL", "Llama-3-8B-SFT"
	case len(w) >= 2 && !hasSize && hasVersion(prev) && !an.c.stemWords[lw]:
		return partWord // "Exp", "Terminus", "Rumination"
	}
	return partReject
}

// classifySpaced reads a word after a space, where names go on only with
// short versions, sizes, codes and the variant words written spaced
// ("Llama 3.1 405B", "Kimi K2", "Claude Sonnet 4", "GPT-4o mini"), not a
// fully hyphenated name's next column in a flattened table ("GLM-4-9B
// Chat").
func (an *Analyzer) classifySpaced(w, lw string, first, hasSize, lower bool, prev []part) partKind {
	v, isVariant := an.c.variants[lw]
	switch {
	case isSizeWord(w) && (!hasSize || (w[0] == 'A' || w[0] == 'a') && len(prev) > 0 && prev[len(prev)-1].size):
		return partSize // "Qwen3 235B A22B"
	case isDigit(w[0]):
		return spacedNumber(w, first, hasSize, prev)
	case (w[0] == 'v' || w[0] == 'V') && len(w) > 1 && isShortVersion(w[1:]):
		return partVersion // "Chat v2"
	case isCodeWord(w) && !hasSize && len(w) <= 5 && spacedOK(prev, hasSize):
		return partCode // "Kimi K2", "Wan2.1 T2V"
	case lower && isLower(w[0]) && len(w) <= 4 && hasDigit(w) && !hasSize && spacedOK(prev, hasSize):
		return partCode // "kimi k2", written all in lowercase
	case isVariant && v.spaced && (isUpper(w[0]) || lower || lw == "mini" || lw == "nano") && spacedOK(prev, hasSize || hasSizePart(prev)):
		return partWord // "Claude Sonnet 4", "GPT-4o mini", not the table's "GLM-4-9B Chat"
	case isVariant && v.spaced && isLower(w[0]) && len(prev) > 0 && prev[len(prev)-1].sep == ' ' && isLower(prev[len(prev)-1].text[0]) && prev[len(prev)-1].kind == partWord:
		return partWord // a lowercase variant goes on after another: "Phi 4 mini flash"
	case isVariant && len(w) >= 2 && isAllCaps(w) && len(prev) > 0 && prev[len(prev)-1].size:
		return partWord // a hub suffix in capitals after the size: "Gemma 5 12B IT"
	case first && len(w) >= 3 && isAllCaps(w) && !an.c.stopwords[w] && !an.isFormat(w) && !an.otherName(w, lw) && !slices.Contains(an.cat.ListJoiners, lw):
		return partWord // "HyperCLOVA X THINK", not the "AND" of a title in capitals
	case isVariant && capitals(w) >= 2 && len(prev) > 0 && prev[len(prev)-1].kind == partWord && prev[len(prev)-1].sep == ' ' && spacedOK(prev, hasSize || hasSizePart(prev)):
		return partWord // after a spaced variant the name goes on spaced: "Pangu Pro MoE", "Hunyuan Lite VLM"
	}
	return partReject
}

// capitals counts the ASCII capitals in w: "MoE" has two.
func capitals(w string) int {
	n := 0
	for i := 0; i < len(w); i++ {
		if isUpper(w[i]) {
			n++
		}
	}
	return n
}

// spacedNumber reads a number after a space: a short version ("Llama 3",
// "Gemini 2.5") or a date code ("DeepSeek R1 0528"), not a table's score.
func spacedNumber(w string, first, hasSize bool, prev []part) partKind {
	if (first || len(prev) > 0 && !isDigit(prev[len(prev)-1].text[0]) && spacedOK(prev, hasSize)) && isShortVersion(w) {
		return partVersion
	}
	if !first && isDateCode(w) && !hasSize && hasVersion(prev) && spacedOK(prev, hasSize) {
		return partCode // "DeepSeek R1 0528", "Qwen3 2507"
	}
	return partReject
}

// line reports a first part that names a line of models rather than a
// version: a number and capitals written onto the stem ("3D" of
// "Hunyuan3D").
func (p part) line() bool {
	return p.sep == 0 && p.kind == partVersion && isDigit(p.text[0]) && isUpper(p.text[len(p.text)-1])
}

// subBrand reports a capitalised word that may name a line of models
// between a stem and its version ("Flag" of "Kanana-Flag-1.5"): letters
// only, no stopword, no other model's or vendor's name.
func (an *Analyzer) subBrand(w string) bool {
	if len(w) < 2 || len(w) > 12 || !isUpper(w[0]) || an.c.stopwords[w] {
		return false
	}
	for i := 1; i < len(w); i++ {
		if !isLetterASCII(w[i]) {
			return false
		}
	}
	var tmp [48]byte
	return !an.c.stemWords[string(lowerKey(&tmp, w))]
}

// otherName reports a word that is another model's or vendor's name: a
// stem or alias in any case, or a stem matched only in its own case
// written so ("Seed", not "SEED").
func (an *Analyzer) otherName(w, lw string) bool {
	if !an.c.stemWords[lw] {
		return false
	}
	f, caseOnly := an.c.caseStems[lw]
	if !caseOnly {
		return true
	}
	_, vendor := an.c.vendorOfAlias[lw]
	return slices.Contains(an.cat.Families[f].Case, w) || vendor
}

func hasDigit(w string) bool {
	for i := 0; i < len(w); i++ {
		if isDigit(w[i]) {
			return true
		}
	}
	return false
}

// isSizeWord matches parameter sizes: "72B", "1.3B", "8x7B", "A22B", "200K"
// context suffixes are versions, not sizes.
func isSizeWord(w string) bool {
	i := 0
	if len(w) > 1 && (w[0] == 'A' || w[0] == 'a') && isDigit(w[1]) {
		i = 1
	}
	j := i
	for j < len(w) && (isDigit(w[j]) || w[j] == '.' || (w[j] == 'x' && j > i)) {
		j++
	}
	if j == i || j != len(w)-1 {
		return false
	}
	switch w[j] {
	case 'B', 'b', 'T', 'M':
		return true
	}
	return false
}

// isCodeWord matches capitalised codes with a digit: "K2", "V3", "T2V",
// "FLF2V", "R1".
func isCodeWord(w string) bool {
	if len(w) > 7 || !isUpper(w[0]) || !hasDigit(w) {
		return false
	}
	for i := 1; i < len(w); i++ {
		if !isUpper(w[i]) && !isDigit(w[i]) && !(w[i] == '.' && isDigit(w[i-1]) && i+1 < len(w) && isDigit(w[i+1])) {
			return false
		}
	}
	return true
}

// isDateCode matches a month and day or a year and month that dates a
// model: "0528", "0324", "2507" — not a year ("2025").
func isDateCode(w string) bool {
	if len(w) != 4 || !isDigit(w[0]) || !isDigit(w[1]) || !isDigit(w[2]) || !isDigit(w[3]) {
		return false
	}
	a, b := int(w[0]-'0')*10+int(w[1]-'0'), int(w[2]-'0')*10+int(w[3]-'0')
	switch {
	case a >= 1 && a <= 12:
		return b >= 1 && b <= 31 // MMDD
	case a >= 23 && a <= 29:
		return b >= 1 && b <= 12 // YYMM
	}
	return false
}

// isShortVersion matches versions written after a space: "3", "2.5",
// "3.1", "02" ("Hailuo 02"), "25.01" (a year and month, "Codestral
// 25.01") — not table scores such as "81.9" nor years.
func isShortVersion(w string) bool {
	if n := len(w); n > 1 && (isLower(w[n-1]) || w[n-1] == 'X' || w[n-1] == 'V') && isDigit(w[n-2]) {
		w = w[:n-1] // "GPT 4o", "Gemma 3n", "Step 1X", "GLM 4.5V"
	}
	intPart, frac, hasFrac := strings.Cut(w, ".")
	if len(intPart) == 2 && intPart[0] == '2' && intPart[1] >= '4' && len(frac) == 2 && (frac[0] == '0' || frac == "10" || frac == "11" || frac == "12") && frac != "00" {
		return true // a year and month: "Codestral 25.01"
	}
	if len(intPart) == 0 || len(intPart) > 1 && !(len(intPart) == 2 && (intPart[0] == '1' || intPart[0] == '0')) {
		return false
	}
	for i := 0; i < len(intPart); i++ {
		if !isDigit(intPart[i]) {
			return false
		}
	}
	if hasFrac && (len(frac) == 0 || len(frac) > 1 || !isDigit(frac[0])) {
		return false
	}
	return true
}

func normSize(w string) string {
	last := w[len(w)-1]
	if last == 'b' {
		return w[:len(w)-1] + "B"
	}
	return w
}

// isFormat reports a packaging part: catalog formats and shapes such as
// "Q4_K_M", "int4", "4bits", "8bit", "fp16".
func (an *Analyzer) isFormat(w string) bool {
	var tmp [48]byte
	lw := string(lowerKey(&tmp, w))
	if an.c.formats[lw] {
		return true
	}
	switch {
	case len(lw) >= 2 && lw[0] == 'q' && isDigit(lw[1]):
		return true
	case strings.HasPrefix(lw, "int") && len(lw) > 3 && isDigit(lw[3]):
		return true
	case strings.HasSuffix(lw, "bits") || strings.HasSuffix(lw, "bit") && len(lw) > 3 && isDigit(lw[0]):
		return isDigit(lw[0])
	case (strings.HasPrefix(lw, "fp") || strings.HasPrefix(lw, "bf")) && len(lw) > 2 && isDigit(lw[2]):
		return true
	}
	return false
}

// otherThingAfter reports a bare stem ending at en that opens the name of
// something other than a model: a head noun in the next few capitalised
// words ("Kimi app", "Kanana LLM Team", "Sarashina Model NonCommercial
// License"), one written onto it ("文心一言App", "海螺AI
// App"), a web domain ("Llama.com") or a hyphenated compound whose next
// word is no part of a model's name ("Nemotron-Post-Training-Dataset",
// "OLMo-core"): the grammar read no version, size or variant there.
func (s *state) otherThingAfter(en int) bool {
	if en >= len(s.buf) {
		return false
	}
	rest := bytes.TrimPrefix(s.buf[en:], []byte("AI"))
	if len(rest) < len(s.buf)-en {
		rest = bytes.TrimPrefix(rest, []byte(" ")) // "海螺AI App"
	}
	for _, w := range s.an.cat.OtherHeadsJoined {
		if bytes.HasPrefix(rest, []byte(w)) {
			return true
		}
	}
	if nativeHeadAfter(s.buf[en:], s.an.cat.OtherHeadsJoined) {
		return true // "PLaMo コミュニティライセンス": a compound ending in a head
	}
	switch c := s.buf[en]; {
	case c == '.' && en+1 < len(s.buf) && isLower(s.buf[en+1]):
		w := wordEnd(s.buf, en+1)
		if s.an.c.webDomains[string(s.buf[en+1:w])] {
			return true
		}
	case c == '-' && en+1 < len(s.buf) && isLetterASCII(s.buf[en+1]):
		w := wordEnd(s.buf, en+1)
		_, variant := s.an.c.variants[strings.ToLower(string(s.buf[en+1:w]))]
		return !variant
	}
	// Up to three words of the same phrase: the first may be lowercase
	// ("Kimi app"), later ones capitalised ("Model NonCommercial License").
	p := en
	for k := 0; k < 3 && p+1 < len(s.buf) && s.buf[p] == ' ' && isLetterASCII(s.buf[p+1]); k++ {
		if k > 0 && !isUpper(s.buf[p+1]) {
			break
		}
		w := wordEnd(s.buf, p+1)
		if word := strings.ToLower(string(s.buf[p+1 : w])); s.an.c.otherHeads[word] || k > 0 && s.an.c.otherHeadsLater[word] {
			return true // "Kanana LLM Team" (a team right after is teamAround's)
		}
		p = w
	}
	return false
}

// notModelPartAfter reports a hyphen and a word of the lexicon's
// not_model_parts written onto the name ending at en: "-demo" of
// "qwen-tts-demo".
func (s *state) notModelPartAfter(en int) bool {
	if en+1 >= len(s.buf) || s.buf[en] != '-' || !isLetterASCII(s.buf[en+1]) {
		return false
	}
	var tmp [48]byte
	return s.an.c.notModelParts[string(lowerKey(&tmp, string(s.buf[en+1:wordEnd(s.buf, en+1)])))]
}

// codeHeadAfter reports a word of the lexicon's code_heads after a name
// ending at en, past a closing backtick and one capitalised word: "the
// `qwen-tts` package", "the `qwen-asr` Python package", "the mistral-chat
// command".
func (s *state) codeHeadAfter(en int) bool {
	p := en
	if p < len(s.buf) && s.buf[p] == '`' {
		p++
	}
	for k := 0; k < 2 && p+1 < len(s.buf) && s.buf[p] == ' ' && isLetterASCII(s.buf[p+1]); k++ {
		w := wordEnd(s.buf, p+1)
		if s.an.c.codeHeads[strings.ToLower(string(s.buf[p+1:w]))] {
			return true
		}
		if !isUpper(s.buf[p+1]) {
			return false
		}
		p = w
	}
	return false
}

// indefiniteBefore reports an indefinite article before a name at st, past
// at most two lowercase words: "a byte-level Llama", "an open Gemini".
func (s *state) indefiniteBefore(st int) bool {
	p := st
	for k := 0; k < 3; k++ {
		if p < 2 || s.buf[p-1] != ' ' {
			return false
		}
		q := p - 1
		for q > 0 && (isLower(s.buf[q-1]) || s.buf[q-1] == '-') {
			q--
		}
		if q == p-1 || q > 0 && isAlnum(s.buf[q-1]) {
			return false
		}
		if slices.Contains(s.an.cat.IndefiniteArticles, string(s.buf[q:p-1])) {
			return true
		}
		p = q
	}
	return false
}

// jaCompoundAfter reports Han or Katakana written right onto a Latin name
// ending at en in Japanese text ("PLaMo翻訳"): a compound the name opens,
// unless it is a model or series noun ("PLaMoモデル", "Gemmaシリーズ").
func (s *state) jaCompoundAfter(en int) bool {
	if s.a == nil || s.a.Language != "ja" || en >= len(s.buf) || en == 0 || s.buf[en-1] >= utf8.RuneSelf {
		return false
	}
	r, _ := utf8.DecodeRune(s.buf[en:])
	if !unicode.In(r, unicode.Han, unicode.Katakana) || r == 'ー' || r == '・' {
		return false
	}
	for _, k := range []string{catalog.CueModelNouns, catalog.CueSeries} {
		for _, w := range s.an.cat.Cues[k]["ja"] {
			if bytes.HasPrefix(s.buf[en:], []byte(w)) {
				return false
			}
		}
	}
	return true
}

// hanNameGoesOn reports one or two Han words (two to four letters) right
// at the start of b, then a version number: the rest of a name a Han stem
// opens ("视频2.0" of "混元视频2.0").
func hanNameGoesOn(b []byte) bool {
	n, i := 0, 0
	for i < len(b) {
		r, size := utf8.DecodeRune(b[i:])
		if !unicode.Is(unicode.Han, r) {
			break
		}
		n++
		i += size
	}
	if n < 2 || n > 4 {
		return false
	}
	if i < len(b) && b[i] == ' ' {
		i++
	}
	if i+1 >= len(b) || !isDigit(b[i]) || b[i+1] != '.' && !isDigit(b[i+1]) {
		return false
	}
	w := wordEnd(b, i)
	return w >= len(b) || !countWordAt(b, w) // "月活已达3.45亿" is a quantity
}

// lineOfVersions reports a placeholder minor version at p: ".x" of
// "Qwen3.x", "GPT-4.x", which names every version of a line, no model.
func lineOfVersions(buf []byte, p int) bool {
	return p+1 < len(buf) && buf[p] == '.' && (buf[p+1] == 'x' || buf[p+1] == 'X') && p > 0 && isDigit(buf[p-1]) &&
		(p+2 == len(buf) || !isAlnum(buf[p+2]))
}

// nativeHeadAfter reports a word in another script than Latin after one
// space at the start of b that ends or opens with a non-Latin head of heads
// (the lexicon's other_heads_joined: "コミュニティライセンス", "开源许可",
// "官网与", as Chinese writes words without spaces): the stem opens its
// compound.
func nativeHeadAfter(b []byte, heads []string) bool {
	if len(b) < 2 || b[0] != ' ' || b[1] < utf8.RuneSelf {
		return false
	}
	w := b[1:]
	for i, r := range string(w) {
		if r < utf8.RuneSelf || unicode.IsSpace(r) || unicode.IsPunct(r) {
			w = w[:i]
			break
		}
	}
	for _, h := range heads {
		if h[0] >= utf8.RuneSelf && (bytes.HasSuffix(w, []byte(h)) || bytes.HasPrefix(w, []byte(h))) {
			return true
		}
	}
	return false
}

// serviceFollows reports a service word after a bare stem: "API", "app",
// "CLI", "SDK", "应用", "アプリ", "앱", also past the brand's "AI" ("海螺AI
// App", "Hailuo AI app"): the product, not a model. It completes
// otherThingAfter, which reads a service word right after one space
// already (other_heads) but not past "AI" (a stopword, so no proper noun
// follows where this reports one).
func (s *state) serviceFollows(en int) bool {
	p := en
	if p < len(s.buf) && s.buf[p] == ' ' {
		p++
	}
	if bytes.HasPrefix(s.buf[p:], []byte("AI")) && (p+2 == len(s.buf) || !isAlnum(s.buf[p+2])) {
		p += 2
		if p < len(s.buf) && s.buf[p] == ' ' {
			p++
		}
	} else if p == en {
		// No space: only a CJK service word goes on the stem.
		return hasPrefixIn(s.buf[p:], s.an.cat.ServiceWordsJoined)
	}
	if p >= len(s.buf) {
		return false
	}
	if hasPrefixIn(s.buf[p:], s.an.cat.ServiceWordsJoined) {
		return true
	}
	w := wordEnd(s.buf, p)
	return slices.Contains(s.an.cat.ServiceWords, string(s.buf[p:w]))
}

// hasPrefixIn reports a word of words at the start of b.
func hasPrefixIn(b []byte, words []string) bool {
	for _, w := range words {
		if bytes.HasPrefix(b, []byte(w)) {
			return true
		}
	}
	return false
}

// hasSuffixIn reports a word of words at the end of b.
func hasSuffixIn(b []byte, words []string) bool {
	for _, w := range words {
		if bytes.HasSuffix(b, []byte(w)) {
			return true
		}
	}
	return false
}

// teamAround reports a team word (the lexicon's team_before, team_after)
// before or after a bare family name at [st, en).
func (s *state) teamAround(st, en int) bool {
	if hasPrefixIn(s.buf[en:], s.an.cat.TeamAfter) || s.teamsListAfter(en) {
		return true
	}
	return hasSuffixIn(s.buf[:st], s.an.cat.TeamBefore)
}

// teamsListAfter reports a list that goes on after a bare family name
// ending at en with a list word or a comma and one or two capitalised
// names, then a plural team word (the lexicon's teams_after): "the Qwen
// and InternVL teams" names two teams.
func (s *state) teamsListAfter(en int) bool {
	rest := s.buf[en:min(len(s.buf), en+48)]
	switch {
	case bytes.HasPrefix(rest, []byte(" and ")):
		rest = rest[len(" and "):]
	case bytes.HasPrefix(rest, []byte(", ")):
		rest = rest[len(", "):]
	default:
		return false
	}
	for k := 0; k < 2 && len(rest) > 0 && isUpper(rest[0]); k++ {
		w := 0
		for w < len(rest) && (isAlnum(rest[w]) || rest[w] == '-' || rest[w] == '.') {
			w++
		}
		rest = rest[w:]
		if hasPrefixIn(rest, s.an.cat.TeamsAfter) {
			return true
		}
		rest = bytes.TrimPrefix(rest, []byte(" "))
	}
	return false
}

// teamNamed reports a word the text writes alone as the name of a team
// (the lexicon's team_before and team_after: "nhóm nghiên cứu URA", "the
// URA team"): the maker of the models it prefixes.
func (s *state) teamNamed(w string) bool {
	pat := []byte(w)
	for i := 0; ; {
		j := bytes.Index(s.buf[i:], pat)
		if j < 0 {
			return false
		}
		st := i + j
		en := st + len(pat)
		i = en
		if (st == 0 || !isAlnum(s.buf[st-1]) && s.buf[st-1] != '-') && (en == len(s.buf) || !isAlnum(s.buf[en]) && s.buf[en] != '-') && s.teamAround(st, en) {
			return true
		}
	}
}

// makerTeam reports a bare family name followed by a release verb, past
// at most a few Han adverbs ("腾讯混元正式发布…", "混元发布3D世界模型",
// "Tencent Hunyuan releases …"): the maker's team for the family, which
// releases models of it, no model itself. Outside Chinese the name must
// be written onto its maker's name: "Gemma launched last year" is a model.
func (s *state) makerTeam(fam, st, en int) bool {
	v := s.an.c.familyVendor[fam]
	if v < 0 || s.a == nil {
		return false
	}
	named := s.a.Language == "zh"
	for _, h := range hitsIn(s.vendorHits, max(0, st-64), st) { // a maker's name is shorter than 64 bytes
		if h.idx == v && (h.end == st || h.end == st-1 && s.buf[h.end] == ' ') {
			named = true
		}
	}
	if !named {
		return false
	}
	rest := bytes.TrimPrefix(s.buf[en:], []byte(" "))
	verbs := s.an.cat.Cues[catalog.CueRelease][s.a.Language]
	for k := 0; k <= maxTeamAdverb && len(rest) > 0; k++ {
		if hasPrefixIn(rest, verbs) {
			return true
		}
		r, size := utf8.DecodeRune(rest)
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		rest = rest[size:]
	}
	return false
}

// maxTeamAdverb is how many Han letters of adverbs may stand between a
// team's name and its release verb ("正式", "已陆续").
const maxTeamAdverb = 3

// seriesAfter reports a series noun of the article's language (the
// lexicon's series cues: "系列", "family") right after a bare family name,
// past one space: the family as a whole, no model.
func (s *state) seriesAfter(en int) bool {
	if s.a == nil {
		return false
	}
	rest := bytes.TrimPrefix(s.buf[en:], []byte(" "))
	for _, w := range s.an.cat.Cues[catalog.CueSeries][s.a.Language] {
		if bytes.HasPrefix(rest, []byte(w)) && (w[0] >= utf8.RuneSelf || len(rest) == len(w) || !isAlnum(rest[len(w)])) {
			return true
		}
	}
	return false
}

// properNounFollows reports a capitalised word after a bare stem that is
// no name part: "Claude Monet" is a painter, "Gemini Observatory" a place.
func (s *state) properNounFollows(en int) bool {
	if en+1 >= len(s.buf) || s.buf[en] != ' ' || !isUpper(s.buf[en+1]) {
		return false
	}
	w := wordEnd(s.buf, en+1)
	word := strings.ToLower(string(s.buf[en+1 : w]))
	if _, ok := s.an.c.variants[word]; ok || w-en-1 < 2 {
		return false
	}
	return !s.an.c.stopwords[string(s.buf[en+1:w])]
}

func isAllCaps(w string) bool {
	for i := 0; i < len(w); i++ {
		if !isUpper(w[i]) {
			return false
		}
	}
	return true
}

// constantName reports the word around [st, end) written as a constant or
// an environment variable: capitals and digits joined by underscores
// ("QWEN_MODEL", "MINIMAX_BASE_URL"), which no maker names a model with.
func constantName(buf []byte, st, end int) bool {
	lo, hi := st, end
	for lo > 0 && (isAlnum(buf[lo-1]) || buf[lo-1] == '_') {
		lo--
	}
	for hi < len(buf) && (isAlnum(buf[hi]) || buf[hi] == '_') {
		hi++
	}
	w := buf[lo:hi]
	return bytes.IndexByte(w, '_') > 0 && bytes.IndexByte(w, '_') < len(w)-1 && bytes.IndexFunc(w, func(r rune) bool { return r < utf8.RuneSelf && isLower(byte(r)) }) < 0 && hasUpper(w)
}

// verbVariant reports a variant word that is a verb as well (the
// lexicon's verb_variants: "Translate"): written spaced after a name it
// may be the sentence's verb.
func (an *Analyzer) verbVariant(w string) bool {
	return slices.ContainsFunc(an.cat.VerbVariants, func(v string) bool { return strings.EqualFold(v, w) })
}

// namedAgain reports the name buf[p:e] written in quotes ("「PLaMo 3
// Translate」", "'X Translate'") or twice in buf.
func namedAgain(buf []byte, p, e int) bool {
	if e < len(buf) {
		if r, _ := utf8.DecodeRune(buf[e:]); strings.ContainsRune("'\"’”」』》", r) {
			return true
		}
	}
	n := 0
	for range occurrences(buf, string(buf[p:e])) {
		if n++; n >= 2 {
			return true
		}
	}
	return false
}
