package intel

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/modelwire/modelwire/extractor/catalog"
)

// Garbled names: transliterations and machine-translation slips of Latin
// names ("Kwen3" for Qwen3, "Lama 3" for Llama 3, "Hunyan" for Hunyuan,
// "Zippu AI" for Zhipu AI). A word is compared with the catalogued names by
// its sound key (soundKey), equal or one letter apart, and is read as the
// name it sounds like only where the text supports it: the name's maker, a
// model of the maker or a hint at it (vendor hints: "Tsinghua") stand
// near, or the word carries a version and sounds exactly like a long name.
// Ordinary words stay ordinary: stopwords, the catalog's not_garbles
// ("Mamba", "Gamma"), names of anything catalogued, plurals of names.

// soundKey appends the sound key of a Latin name to dst: its letters in
// lower case, with spellings that sound alike in transliterated Chinese,
// Korean and Japanese names folded together ("zh"→z, "ch"/"c"/"q"→k,
// "w"→u, "y"→i, "x"→ks or s, "ph"→f, a soft "g"→j, "ee"/"ea"→i,
// "oo"/"ou"→u) and doubled
// letters written once. Spaces, hyphens and digits are dropped, so "Deep
// Sik" and "DeepSeek" both give "dipsik", "Kwen" and "Qwen" give "kuen".
func soundKey(dst, w []byte) []byte {
	start := len(dst)
	put := func(c byte) {
		if len(dst) > start && dst[len(dst)-1] == c {
			return
		}
		dst = append(dst, c)
	}
	for i := 0; i < len(w); i++ {
		c := lowerASCII(w[i])
		if !isLower(c) {
			continue
		}
		next := byte(0)
		if i+1 < len(w) {
			next = lowerASCII(w[i+1])
		}
		switch c {
		case 'z', 's':
			if next == 'h' {
				i++
			}
		case 'c':
			c = 'k'
			if next == 'h' || next == 'k' {
				i++
			}
		case 'g':
			if next == 'e' || next == 'i' || next == 'y' {
				c = 'j' // "Gemini" and "Jemini" sound alike
			}
		case 'p':
			if next == 'h' {
				c = 'f'
				i++
			}
		case 'q':
			c = 'k'
		case 'w':
			c = 'u'
		case 'y':
			c = 'i'
		case 'x':
			if i > 0 && isLetterASCII(w[i-1]) || !strings.ContainsRune("aeiou", rune(next)) {
				put('k') // "MiniMax": ks; "Xiaomi": s, as pinyin says it
			}
			c = 's'
		case 'e':
			if next == 'e' || next == 'a' {
				c = 'i'
				i++
			}
		case 'o':
			if next == 'o' || next == 'u' {
				c = 'u'
				i++
			}
		}
		put(c)
	}
	return dst
}

// minSoundKey is the shortest sound key compared: shorter names ("Yi",
// "GLM", "Phi") are too close to too many words.
const minSoundKey = 4

// soundIndex finds catalogued names by sound key, equal or one edit away
// (the keys of every name with one letter deleted are indexed too).
type soundIndex struct {
	entries []soundEntry
	exact   map[string][]int32
	dels    map[string][]int32
}

// soundEntry is one catalogued Latin name.
type soundEntry struct {
	key  string
	name string
	// idx is the family or vendor the name belongs to.
	idx int
}

// add indexes a Latin name of family or vendor idx.
func (x *soundIndex) add(name string, idx int) {
	for i := 0; i < len(name); i++ {
		if c := name[i]; !isLetterASCII(c) && c != ' ' && c != '-' {
			return // digits, dots, other scripts: "01 AI", "Z.ai", "큐웬"
		}
	}
	key := string(soundKey(nil, []byte(name)))
	if len(key) < minSoundKey {
		return
	}
	if x.exact == nil {
		x.exact, x.dels = map[string][]int32{}, map[string][]int32{}
	}
	for _, e := range x.exact[key] {
		if x.entries[e].idx == idx {
			return
		}
	}
	n := int32(len(x.entries))
	x.entries = append(x.entries, soundEntry{key: key, name: name, idx: idx})
	x.exact[key] = append(x.exact[key], n)
	for i := 0; i < len(key); i++ {
		d := key[:i] + key[i+1:]
		x.dels[d] = append(x.dels[d], n)
	}
}

// soundMatch is a catalogued name a key sounds like.
type soundMatch struct {
	entry *soundEntry
	// exact: the keys are equal; otherwise one letter apart.
	exact bool
}

// match appends to out the entries whose key equals key, or is one
// insertion, deletion, substitution or transposition away from it with
// the same first letter, exact ones first.
func (x *soundIndex) match(key []byte, out []soundMatch) []soundMatch {
	if len(key) < minSoundKey || x.exact == nil {
		return out
	}
	for _, e := range x.exact[string(key)] {
		out = append(out, soundMatch{&x.entries[e], true})
	}
	var buf [64]byte
	if len(key) > len(buf) {
		return out
	}
	seen := func(e int32) bool {
		for _, m := range out {
			if m.entry == &x.entries[e] {
				return true
			}
		}
		return false
	}
	near := func(list []int32) {
		for _, e := range list {
			en := &x.entries[e]
			if en.key[0] == key[0] && !seen(e) && oneEdit(string(key), en.key) {
				out = append(out, soundMatch{en, false})
			}
		}
	}
	near(x.dels[string(key)]) // a letter missing: "hunian" of "huniuan"
	for i := 0; i < len(key); i++ {
		d := append(append(buf[:0], key[:i]...), key[i+1:]...)
		near(x.exact[string(d)]) // a letter too many
		near(x.dels[string(d)])  // a letter changed
	}
	return out
}

// ordinaryWord reports a word never read as a garbled name: a stopword, a
// word of not_garbles, a catalogued name of anything, or the plural of a
// catalogued name.
func (s *state) ordinaryWord(w []byte) bool {
	c := s.an.c
	if c.stopwords[string(w)] {
		return true
	}
	var tmp [48]byte
	lw := lowerKey(&tmp, string(w))
	if c.notGarbles[string(lw)] || c.stemWords[string(lw)] {
		return true
	}
	if n := len(lw); n > 3 && lw[n-1] == 's' && c.stemWords[string(lw[:n-1])] {
		return true // "Llamas", "Geminis"
	}
	_, variant := c.variants[string(lw)]
	return variant
}

// wordAt returns the end of the run of ASCII letters at i.
func wordAt(buf []byte, i int) int {
	j := i
	for j < len(buf) && isLetterASCII(buf[j]) {
		j++
	}
	return j
}

// capitalStart reports a capitalised Latin word starting at i.
func capitalStart(buf []byte, i int) bool {
	if !isUpper(buf[i]) {
		return false
	}
	if i == 0 {
		return true
	}
	p := buf[i-1]
	return !isAlnum(p) && p != '-' && p != '.' && p != '_' && p != '/'
}

// nameStart reports a word at i that may start a garbled name: a
// capitalised one, or any in a name given alone ("kwen3").
func (s *state) nameStart(i int) bool {
	if capitalStart(s.buf, i) {
		return true
	}
	return s.lenient && isLower(s.buf[i]) && (i == 0 || !isAlnum(s.buf[i-1]) && s.buf[i-1] != '-' && s.buf[i-1] != '.')
}

// versionFollows reports a version, code or variant word right after a
// name ending at j: "Kwen3", "Lama 3", "Hunyan-T1", "Mini Maks M1",
// "Deepsek-Coder".
func (s *state) versionFollows(j int) bool {
	buf := s.buf
	if j >= len(buf) {
		return false
	}
	if isDigit(buf[j]) {
		return true
	}
	if (buf[j] != '-' && buf[j] != ' ') || j+1 >= len(buf) {
		return false
	}
	if isDigit(buf[j+1]) {
		return true
	}
	if !isUpper(buf[j+1]) {
		return false
	}
	e := wordEnd(buf, j+1)
	w := string(buf[j+1 : e])
	if isCodeWord(w) {
		return true
	}
	var tmp [48]byte
	v, ok := s.an.c.variants[string(lowerKey(&tmp, w))]
	return ok && (buf[j] == '-' || v.spaced)
}

// garbledModels reads models whose family name is garbled: a capitalised
// word (or two) that sounds like a catalogued stem, followed by a version
// ("Kwen3", "Lama 3", "Deep Sik V3"), or standing alone beside its maker
// and a model noun ("Tencent's Hunyan model").
func (s *state) garbledModels() {
	buf := s.buf
	next := 0
	s.eachWordStart(func(i int) {
		if i < next || !s.nameStart(i) {
			return
		}
		j := wordAt(buf, i)
		if j-i < 2 {
			return
		}
		if j+1 < len(buf) && buf[j] == ' ' && s.nameStart(j+1) {
			if k := wordAt(buf, j+1); k-j-1 >= 2 {
				if e, ok := s.garbledModel(span{i, k}); ok {
					next = e
					return
				}
			}
		}
		if e, ok := s.garbledModel(span{i, j}); ok {
			next = e
		}
	})
}

// eachWordStart calls fn with the start of every capitalised Latin word
// scan passed, in order, or of every Latin word of a name given alone.
func (s *state) eachWordStart(fn func(i int)) {
	if !s.lenient {
		for _, i := range s.caps {
			fn(int(i))
		}
		return
	}
	for i := 0; i < len(s.buf); i++ {
		if isLetterASCII(s.buf[i]) && (i == 0 || !isAlnum(s.buf[i-1])) {
			fn(i)
		}
	}
}

// garbledModel reads a garbled family name at sp and the name parts after
// it, and returns the end of the mention.
func (s *state) garbledModel(sp span) (int, bool) {
	versioned := s.versionFollows(sp.end)
	if !versioned && !s.lenient && !s.bareGarbleContext(sp) {
		return 0, false
	}
	if sp.end-sp.start < 3 || s.covered(sp) || s.hitOverlaps(sp) {
		return 0, false
	}
	w := s.buf[sp.start:sp.end]
	if e, ok := s.recased(sp, versioned); ok {
		return e, true
	}
	if bytes.IndexByte(w, ' ') < 0 && s.ordinaryWord(w) {
		return 0, false
	}
	var kb [64]byte
	if len(w) > len(kb) {
		return 0, false
	}
	key := soundKey(kb[:0], w)
	var mb [8]soundMatch
	matches := s.an.c.familySounds.match(key, mb[:0])
	best, bestConf, bestCtx := -1, 0.0, -1
	talk := -1
	for mi, m := range matches {
		f := m.entry.idx
		v := s.an.c.familyVendor[f]
		ctx, by := s.vendorContext(v, sp)
		if ctx == ctxNone && m.exact && versioned && talk < 0 {
			talk = 0
			if s.modelTalk(sp) {
				talk = 1
			}
		}
		conf := garbleConf(m.exact, ctx, versioned && (len(key) >= resolveConf.aloneKey || talk == 1), s.lenient)
		if conf > bestConf {
			best, bestConf, bestCtx = mi, conf, by
		}
	}
	if best < 0 {
		return 0, false
	}
	m := matches[best]
	f := m.entry.idx
	fam := &s.an.cat.Families[f]
	if k := acronymAt(w); k >= 0 && !slices.ContainsFunc(fam.Stems, func(st string) bool { return acronymAt([]byte(st)) == k && st[:k] == string(w[:k]) }) {
		return 0, false // "LlaVA": a spelling on purpose, unless a stem opens alike ("ChatGBT" of ChatGPT)
	}
	if spelledStem(s.buf[sp.start:], fam) {
		return 0, false // "LTX" of "LTX-Video": the stem in full, which the scanner read or declined
	}
	parts, end := s.an.suffix(s.buf, sp.end, fam.Joined, false)
	if len(parts) == 0 && (!fam.Bare || versioned && !s.lenient) {
		return 0, false
	}
	how := howSound
	if !m.exact {
		how = howEdit
	}
	s.addMention(span{sp.start, end}, f, -1, stemOut(m.entry.name, fam.Name), parts,
		resolution{how: how, conf: bestConf, by: int32(bestCtx)})
	return end, true
}

// spelledStem reports text that opens with one of the family's stems
// written in full and ending a word there, as "LTX-Video" opens with the
// stem "LTX-Video": no garble of another of its stems ("LTXV").
func spelledStem(text []byte, fam *catalog.Family) bool {
	for _, st := range fam.Stems {
		if hasPrefixFold(text, strings.ToLower(st)) && rightOK(text, len(st), true) {
			return true
		}
	}
	return false
}

// acronymAt returns where the first run of capitals after a lower-case
// letter starts in w ("LlaVA", "MobiLLM", "SkyVLA"), or -1: a name spelt
// on purpose with its own acronym, no typo of a catalogued one, unless a
// stem opens alike ("ChatGBT" of ChatGPT).
func acronymAt(w []byte) int {
	for k := 1; k+1 < len(w); k++ {
		if isLower(w[k-1]) && isUpper(w[k]) && isUpper(w[k+1]) {
			return k
		}
	}
	return -1
}

// recased reads a stem the catalog matches only in its own case written in
// another ("Ernie 4.5" for ERNIE, "grok 3" for Grok) where its maker is
// named, or, with a version, in a sentence that talks of models.
func (s *state) recased(sp span, versioned bool) (int, bool) {
	var tmp [48]byte
	lw := lowerKey(&tmp, string(s.buf[sp.start:sp.end]))
	f, ok := s.an.c.caseStems[string(lw)]
	if !ok {
		return 0, false
	}
	fam := &s.an.cat.Families[f]
	ctx, by := s.vendorContext(s.an.c.familyVendor[f], sp)
	conf := 0.0
	switch {
	case ctx == ctxSentence:
		conf = resolveConf.recasedSentence
	case ctx == ctxArticle:
		conf = resolveConf.recasedArticle
	case versioned && (s.lenient || s.modelTalk(sp)):
		conf = resolveConf.recasedAlone
	default:
		return 0, false
	}
	parts, end := s.an.suffix(s.buf, sp.end, fam.Joined, false)
	if len(parts) == 0 && (!fam.Bare || versioned) {
		return 0, false
	}
	s.addMention(span{sp.start, end}, f, -1, fam.Name, parts, resolution{how: howRecased, conf: conf, by: int32(by)})
	return end, true
}

// bareGarbleContext reports the context a garbled name without a version
// needs: a vendor named within a sentence's reach and a model noun right
// after ("Tencent's Hunyan model").
func (s *state) bareGarbleContext(sp span) bool {
	if len(hitsIn(s.cues[cueModelNouns], sp.end, sp.end+24)) == 0 {
		return false
	}
	return len(hitsIn(s.vendorHits, sp.start-150, sp.end+150)) > 0
}

// byModel marks a garbled name supported by a model of its maker.
const byModel = -2

// byIntroduced marks a garbled name a release sentence introduces as a
// model.
const byIntroduced = -3

// Context levels of a garbled name: how near its maker is named.
const (
	ctxNone = iota
	ctxArticle
	ctxSentence
)

// vendorContext reports how near sp the text names vendor v, by name, by
// a model of its own or by a hint, and the vendor hit or hint position
// that does (byModel for a model, -1 for none).
func (s *state) vendorContext(v int, sp span) (int, int) {
	sent := s.sents[s.sentenceAt(sp.start)]
	level, by := ctxNone, -1
	see := func(at, pos int) {
		l := ctxArticle
		if at >= sent.start && at < sent.end {
			l = ctxSentence
		}
		if l > level {
			level, by = l, pos
		}
	}
	for _, h := range s.vendorHits {
		if h.idx == v {
			see(h.start, h.start)
		}
	}
	for _, h := range s.hints {
		if h.idx == v {
			see(h.start, h.start)
		}
	}
	if level < ctxSentence {
		for _, m := range s.mentions {
			if rec := s.models[m.model]; rec.family >= 0 && rec.vendor == v && rec.res.how <= howShort {
				see(m.start, byModel)
			}
		}
	}
	return level, by
}

// modelTalk reports talk of models in the sentence of sp: a model noun, a
// parameter count word or open weights ("an open-weight language model
// with 235 billion parameters").
func (s *state) modelTalk(sp span) bool {
	sent := s.sents[s.sentenceAt(sp.start)]
	for _, k := range []cueKind{cueModelNouns, cueParams, cueOpen} {
		if len(hitsIn(s.cues[k], sent.start, sent.end)) > 0 {
			return true
		}
	}
	return false
}

// garbleConf is the confidence of reading a garbled name as a catalogued
// one (resolveConf), 0 when the reading is refused.
func garbleConf(exact bool, ctx int, versioned, lenient bool) float64 {
	t := &resolveConf
	switch {
	case exact && ctx == ctxSentence:
		return t.soundSentence
	case exact && ctx == ctxArticle:
		return t.soundArticle
	case !exact && ctx == ctxSentence:
		return t.editSentence
	case !exact && ctx == ctxArticle:
		return t.editArticle
	case exact && versioned:
		return t.soundAlone
	case lenient && exact:
		return t.soundAlone
	case lenient:
		return t.editAlone
	}
	return 0
}

// garbledVendors reads vendor names garbled by transliteration or machine
// translation ("Zippu AI", "Tensent", "Moon Shot"): capitalised words that
// sound like a catalogued vendor, followed by an organisation suffix
// ("AI", "Labs") or standing before a model of that vendor or a release
// verb in a sentence that names one.
func (s *state) garbledVendors() {
	buf := s.buf
	n := len(s.vendorHits)
	next := 0
	// An organisation suffix follows the name: "Zippu AI", "Moon Shot AI".
	upperAfter := func(j int) bool { return j+1 < len(buf) && buf[j] == ' ' && isUpper(buf[j+1]) }
	for _, i32 := range s.caps {
		i := int(i32)
		if i < next || !capitalStart(buf, i) {
			continue
		}
		j := wordAt(buf, i)
		if j-i < 2 || !upperAfter(j) {
			continue
		}
		if org := s.orgSuffixAfter(j); org != "" {
			s.garbledVendor(span{i, j}, j+1+len(org), true)
		} else if k := wordAt(buf, j+1); k-j-1 >= 2 && upperAfter(k) {
			if org := s.orgSuffixAfter(k); org != "" {
				s.garbledVendor(span{i, k}, k+1+len(org), true)
				next = k
			}
		}
	}
	for k, m := range s.mentions {
		// A garbled maker stands before its model ("Tensent's
		// Hunyuan-T1"); a model its maker names in the sentence, or one
		// of a list, needs no look.
		rec := s.models[m.model]
		if rec.family < 0 || k > 0 && s.mentions[k-1].end+8 > m.start || s.vendorNamedNear(rec.vendor, m.start) {
			continue
		}
		s.vendorBefore(m.start)
	}
	for _, c := range s.cues[cueRelease] {
		if !c.after {
			s.vendorBefore(c.start)
		}
	}
	if s.lenient {
		for i := 0; i < len(buf); i++ {
			if s.nameStart(i) {
				j := wordAt(buf, i)
				if org := s.orgSuffixAfter(j); org != "" {
					s.garbledVendor(span{i, j}, j+1+len(org), true)
				} else {
					s.garbledVendor(span{i, j}, j, false)
				}
				i = j
			}
		}
	}
	if len(s.vendorHits) > n {
		sortHits(s.vendorHits)
	}
}

// vendorNamedNear reports vendor v named within 200 bytes before p.
func (s *state) vendorNamedNear(v, p int) bool {
	for _, h := range hitsIn(s.vendorHits, p-200, p) {
		if h.idx == v {
			return true
		}
	}
	return false
}

// vendorBefore tries the capitalised words right before p as a garbled
// vendor name, past spaces, a possessive, a Korean or Japanese particle
// and up to two lowercase words: "Tensent's Hunyuan-T1", "Zippu AI가",
// "Zippu vừa ra mắt", "Moon Shot has released".
func (s *state) vendorBefore(p int) {
	buf := s.buf
	q := p
back:
	for lower := 0; q > 0; {
		r, n := utf8.DecodeLastRune(buf[:q])
		switch {
		case r == ' ':
			q -= n
			continue
		case unicode.In(r, unicode.Hangul, unicode.Hiragana):
			k, _ := runBefore(buf, q, 2, func(r rune) bool { // a particle: "가", "は", "에서"
				return unicode.In(r, unicode.Hangul, unicode.Hiragana)
			})
			if k > 0 {
				if r2, _ := utf8.DecodeLastRune(buf[:k]); r2 < utf8.RuneSelf && isAlnum(byte(r2)) {
					q = k
					continue
				}
			}
			return
		case r == 's' && q >= 2 && (buf[q-2] == '\'' || bytes.HasSuffix(buf[:q-1], []byte("’"))):
			q -= n
			_, n2 := utf8.DecodeLastRune(buf[:q])
			q -= n2 // "Tensent's"
			continue
		case unicode.IsLower(r) && unicode.Is(unicode.Latin, r) && lower < 2:
			w, _ := runBefore(buf, q, q, func(r rune) bool {
				return unicode.IsLower(r) && unicode.Is(unicode.Latin, r)
			})
			if w > 0 {
				if r2, _ := utf8.DecodeLastRune(buf[:w]); unicode.IsLetter(r2) {
					break back // a capitalised word: the name
				}
			}
			if q-w > 16 {
				return
			}
			q = w
			lower++
			continue
		}
		break
	}
	// Up to three capitalised words end at q: a name of one or two and an
	// organisation suffix ("Zippu AI", "Moon Shot AI").
	var words [3]span
	n := 0
	for e := q; n < 3 && e > 0 && isLetterASCII(buf[e-1]); {
		st := e
		for st > 0 && isLetterASCII(buf[st-1]) {
			st--
		}
		if !capitalStart(buf, st) {
			break
		}
		words[n] = span{st, e}
		n++
		if st < 2 || buf[st-1] != ' ' {
			break
		}
		e = st - 1
	}
	if n == 0 {
		return
	}
	org := false
	for _, suf := range s.an.cat.OrgSuffixes {
		if suf == string(buf[words[0].start:words[0].end]) {
			org = true
		}
	}
	names := words[:n]
	if org {
		names = words[1:n]
	}
	if len(names) >= 2 && s.garbledVendor(span{names[1].start, names[0].end}, q, org) {
		return
	}
	if len(names) >= 1 {
		s.garbledVendor(names[0], q, org)
	}
}

// garbledVendor reads sp as a garbled vendor name ending at end (past an
// organisation suffix when org) and records it as a vendor hit.
func (s *state) garbledVendor(sp span, end int, org bool) bool {
	if sp.end-sp.start < 3 || s.covered(sp) || s.hitOverlaps(span{sp.start, end}) {
		return false
	}
	w := s.buf[sp.start:sp.end]
	if bytes.IndexByte(w, ' ') < 0 && s.ordinaryWord(w) {
		return false
	}
	var kb [64]byte
	if end-sp.start > len(kb) {
		return false
	}
	var mb [8]soundMatch
	matches := mb[:0]
	if org {
		// "Moon Shot AI" sounds like "Moonshot AI" whole.
		matches = s.an.c.vendorSounds.match(soundKey(kb[:0], s.buf[sp.start:end]), matches)
	}
	matches = s.an.c.vendorSounds.match(soundKey(kb[:0], w), matches)
	best, bestConf, how := -1, 0.0, howSound
	for _, m := range matches {
		v := m.entry.idx
		conf := 0.0
		switch {
		case s.vendorSupported(v, sp):
			conf = resolveConf.vendorSupported
		case org && m.exact:
			conf = resolveConf.vendorOrg
		case s.lenient:
			conf = resolveConf.editAlone
		}
		if !m.exact {
			conf -= resolveConf.vendorEditPenalty
		}
		if conf > bestConf {
			best, bestConf, how = v, conf, howSound
			if !m.exact {
				how = howEdit
			}
		}
	}
	if best < 0 || len(s.vendorHits) >= maxHits {
		return false
	}
	s.vendorHits = append(s.vendorHits, hit{span: span{sp.start, end}, idx: best, how: how, conf: float32(bestConf)})
	return true
}

// vendorSupported reports a model of vendor v or a hint at it in the
// sentence of sp.
func (s *state) vendorSupported(v int, sp span) bool {
	sent := s.sents[s.sentenceAt(sp.start)]
	for _, h := range hitsIn(s.hints, sent.start, sent.end) {
		if h.idx == v {
			return true
		}
	}
	for _, m := range s.mentionsIn(sent.start, sent.end) {
		if rec := s.models[m.model]; rec.family >= 0 && rec.vendor == v {
			return true
		}
	}
	return false
}

// vendorGarble returns the catalogued vendor an organisation name no
// catalog knows sounds like ("Zippu AI" → Zhipu AI), or -1: the name is
// taken whole or without its organisation suffix.
func (s *state) vendorGarble(name string) int {
	var kb [64]byte
	var mb [8]soundMatch
	try := func(n string) int {
		if len(n) > len(kb) {
			return -1
		}
		for _, m := range s.an.c.vendorSounds.match(soundKey(kb[:0], []byte(n)), mb[:0]) {
			if m.exact {
				return m.entry.idx
			}
		}
		return -1
	}
	if v := try(name); v >= 0 {
		return v
	}
	for _, suf := range s.an.cat.OrgSuffixes {
		if base, ok := bytes.CutSuffix([]byte(name), []byte(" "+suf)); ok && !s.ordinaryWord(base) {
			if v := try(string(base)); v >= 0 {
				return v
			}
		}
	}
	return -1
}

// garbleIntroduced reads a product-like name a release sentence introduces
// as a model as a catalogued family's when its letters sound exactly like
// the family's name ("Kwen3 is our new open model"): a garble is no new
// model. It reports whether it did.
func (s *state) garbleIntroduced(sp span) bool {
	st := stemOf(string(s.buf[sp.start:sp.end]))
	if len(st) < 3 {
		return false
	}
	w := span{sp.start, sp.start + len(st)}
	if s.ordinaryWord(s.buf[w.start:w.end]) {
		return false
	}
	var kb [64]byte
	if len(st) > len(kb) {
		return false
	}
	key := soundKey(kb[:0], s.buf[w.start:w.end])
	var mb [8]soundMatch
	for _, m := range s.an.c.familySounds.match(key, mb[:0]) {
		if !m.exact {
			continue
		}
		fam := &s.an.cat.Families[m.entry.idx]
		parts, end := s.an.suffix(s.buf, w.end, fam.Joined, false)
		if len(parts) == 0 && !fam.Bare {
			continue
		}
		s.addMention(span{w.start, end}, m.entry.idx, -1, stemOut(m.entry.name, fam.Name), parts,
			resolution{how: howSound, conf: resolveConf.soundIntroduced, by: byIntroduced})
		return true
	}
	return false
}
