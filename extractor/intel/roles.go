package intel

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// presentFamilies returns, per family, how strongly the article names it or
// its vendor.
func (s *state) presentFamilies() []int {
	cat := s.an.cat
	n := make([]int, len(cat.Families))
	vendorNamed := make([]int, len(cat.Vendors))
	for _, h := range s.vendorHits {
		vendorNamed[h.idx]++
	}
	for _, m := range s.models {
		if m.family >= 0 {
			n[m.family] += 2 * m.count
		}
	}
	for f, v := range s.an.c.familyVendor {
		n[f] += vendorNamed[v]
	}
	return n
}

// shortForms reads versions that stand alone once their family is named:
// "V3.1" and "R1-0528" in an article about DeepSeek, "K2" about Kimi.
func (s *state) shortForms() {
	var present []int
	buf := s.buf
	for i := 0; i+1 < len(buf); i++ {
		c := buf[i]
		fams := s.an.c.short[c]
		if len(fams) == 0 || !isDigit(buf[i+1]) {
			continue
		}
		if i > 0 && (isAlnum(buf[i-1]) || bytes.IndexByte([]byte("-._'’"), buf[i-1]) >= 0) && !openingQuote(buf, i-1) {
			continue
		}
		j := i + 1
		for j < len(buf) && isDigit(buf[j]) {
			j++
		}
		if j-i-1 > 2 {
			continue // "V100" is a GPU
		}
		if j+1 < len(buf) && buf[j] == '.' && isDigit(buf[j+1]) {
			j += 2
			if j < len(buf) && isDigit(buf[j]) {
				continue
			}
		}
		if j < len(buf) && (isAlnum(buf[j]) || buf[j] == '.' && j+1 < len(buf) && isAlnum(buf[j+1])) {
			continue
		}
		sp := span{i, j}
		if s.covered(sp) || s.makerWordBefore(i) || s.benchRightBefore(i) {
			continue
		}
		if present == nil {
			present = s.presentFamilies()
		}
		// The family the article named with this version ("V6
		// Pro" after "SenseNova V6"), else the most present one.
		best := s.familyWithVersion(string(buf[i:j]))
		if best < 0 {
			for _, f := range fams {
				if present[f] > 0 && (best < 0 || present[f] > present[best]) {
					best = f
				}
			}
		}
		if best < 0 || s.otherFamilyBefore(i, best) {
			continue
		}
		parts, end := s.an.suffix(buf, j, true, false)
		parts = append([]part{{sep: '-', text: string(buf[i:j]), kind: partCode}}, parts...)
		s.addMention(span{i, end}, best, -1, s.an.cat.Families[best].Name, parts, resolution{how: howShort, conf: resolveConf.short, by: -1})
		i = end - 1
	}
}

// otherFamilyBefore reports the stem of a catalogued family other than f
// right before i, past one space: "V2" of "Canary V2" is that family's
// version, written apart where its names join it, not a short form of
// Nemotron.
func (s *state) otherFamilyBefore(i, f int) bool {
	if i < 2 || s.buf[i-1] != ' ' {
		return false
	}
	j := i - 1
	for j > 0 && isLetterASCII(s.buf[j-1]) {
		j--
	}
	w := strings.ToLower(string(s.buf[j : i-1]))
	if len(w) < 3 {
		return false
	}
	if g, ok := s.an.c.stemFamily[w]; ok && g != f {
		return true
	}
	g, ok := s.an.c.caseStems[w]
	return ok && g != f
}

// benchRightBefore reports a benchmark named right before i, past one
// space, or over i: "V2" of "BFCL V2" is the benchmark's version, no
// model's.
func (s *state) benchRightBefore(i int) bool {
	for _, b := range benchesIn(s.benches, max(0, i-64), i) { // a benchmark's name is shorter than 64 bytes
		if b.end >= i || b.end == i-1 && s.buf[b.end] == ' ' {
			return true
		}
	}
	return false
}

// makerWordBefore reports a version written right onto the native name of
// an organisation the text names with a suffix of organisations ("栖云R2"
// where the text names 栖云智能, "소나무R1" beside 소나무AI): the maker's
// own model, not a lone version of a catalogued family ("R2" of
// DeepSeek). Two to four letters of one script before i are tried; a
// catalogued vendor's name there keeps the short form ("深度求索R2").
func (s *state) makerWordBefore(i int) bool {
	r, _ := utf8.DecodeLastRune(s.buf[:i])
	script := scriptOf(r)
	if script == nil {
		return false
	}
	in := nativeLetter(script)
	j := i
	for k := 1; k <= 4 && j > 0; k++ {
		r, n := utf8.DecodeLastRune(s.buf[:j])
		if !in(r) {
			return false
		}
		j -= n
		if k < 2 {
			continue
		}
		word := s.buf[j:i]
		if _, known := s.an.c.vendorOfAlias[fold(string(word))]; known {
			return false
		}
		if s.orgWordBefore(word) {
			return true
		}
	}
	return false
}

// familyWithVersion returns the family of the models the article has
// named with version code as a word of their name ("V6" of "SenseNova
// V6"), or -1 when none or several families do: "V6 Pro" standing alone
// there is SenseNova V6 Pro, not a DeepSeek V6 the short forms would read.
func (s *state) familyWithVersion(code string) int {
	found := -1
	for _, m := range s.models {
		if m.family < 0 || m.family == found {
			continue
		}
		for _, w := range strings.FieldsFunc(m.name, func(r rune) bool { return r == ' ' || r == '-' }) {
			if w == code {
				if found >= 0 {
					return -1
				}
				found = m.family
				break
			}
		}
	}
	return found
}

// openingQuote reports a straight quote at i that opens a quotation: at
// the start or after a space, a bracket or a CJK letter ("딥시크가 'V3.9'를").
func openingQuote(buf []byte, i int) bool {
	if buf[i] != '\'' {
		return false
	}
	if i == 0 || buf[i-1] == ' ' || buf[i-1] == '(' || buf[i-1] == '\n' {
		return true
	}
	r, _ := utf8.DecodeLastRune(buf[:i])
	return isCJK(r)
}

// aloneForms reads a variant word standing alone as the model the article
// named in full with it ("Maverick" after "Llama 4 Maverick", "Sonnet"
// after "Claude 3.7 Sonnet"), or with the version that follows it ("Haiku
// 4.5" after "Claude Haiku 4.5"), when exactly one model of the article
// ends so and the catalog says the word names a model alone.
func (s *state) aloneForms() {
	var owner map[string]int // word → model, -1 when two models end in it
	own := func(w string, i int) {
		if owner == nil {
			owner = map[string]int{}
		}
		if j, dup := owner[w]; dup && j != i {
			owner[w] = -1
		} else {
			owner[w] = i
		}
	}
	for i, m := range s.models {
		if m.family < 0 || m.count == 0 {
			continue
		}
		w := m.name[strings.LastIndexAny(m.name, " -")+1:]
		var tmp [48]byte
		if v, ok := s.an.c.variants[string(lowerKey(&tmp, w))]; ok && v.alone && w != m.name {
			own(w, i)
			continue
		}
		// "Claude Haiku 4.5": the tail from the word on.
		if k := strings.LastIndexByte(m.name, ' '); k > 0 && isDigit(m.name[k+1]) {
			j := strings.LastIndexByte(m.name[:k], ' ')
			w := m.name[j+1 : k]
			if v, ok := s.an.c.variants[string(lowerKey(&tmp, w))]; ok && v.alone && j > 0 {
				own(m.name[j+1:], i)
			}
		}
	}
	// Longest words first, in a fixed order: "Sonnet 4.5" is read before
	// "Sonnet 4" can take its first part.
	words := make([]string, 0, len(owner))
	for w, i := range owner {
		if i >= 0 {
			words = append(words, w)
		}
	}
	slices.SortFunc(words, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	added := false
	for _, w := range words {
		i := owner[w]
		pat := []byte(w)
		for p := 0; ; {
			j := bytes.Index(s.buf[p:], pat)
			if j < 0 {
				break
			}
			sp := span{p + j, p + j + len(pat)}
			p = sp.end
			if !leftOK(s.buf, sp.start) || !rightOK(s.buf, sp.end, false) || versionGoesOn(s.buf, sp.end) || s.covered(sp) || len(s.mentions) >= maxMentions {
				continue
			}
			m := s.models[i]
			m.count++
			m.surfaces = addSurface(m.surfaces, pat)
			s.mentions = append(s.mentions, mention{span: sp, model: i})
			added = true
		}
	}
	if added {
		s.sortMentions()
	}
}

// versionGoesOn reports a version continued at p ("Sonnet 4" of "Sonnet
// 4.5"): a dot or hyphen followed by a digit.
func versionGoesOn(buf []byte, p int) bool {
	return p+1 < len(buf) && (buf[p] == '.' || buf[p] == '-') && isDigit(buf[p+1]) && p > 0 && isDigit(buf[p-1])
}

// spacedStem is a joined family's stem followed by a space and a number.
type spacedStem struct {
	span
	family int
	stem   string
	// letter: the stem is a word of a family whose versions are letters,
	// with the letter that follows it ("Command B"), a whole name.
	letter bool
	// dropped: the stem is a family's name without its maker's ("Nova"
	// of "Amazon Nova"), not a joined family's word ("Step").
	dropped bool
}

// spacedForms reads "Step 3" and "Seed 1.6" as names where the family's
// maker is named in the same sentence ("阶跃星辰发布 Step 3"): the stems are
// ordinary words, so elsewhere only the joined form is a name ("Step-3").
func (s *state) spacedForms() {
	for _, c := range s.spaced {
		if s.covered(c.span) {
			continue
		}
		sent := s.sents[s.sentenceAt(c.start)]
		v := s.an.c.familyVendor[c.family]
		named, by := s.lenient, int32(-1)
		for _, h := range hitsIn(s.vendorHits, sent.start, sent.end) {
			if s.sameGroup(h.idx, v) {
				named, by = true, int32(h.start)
			}
		}
		if !named && c.dropped && s.familyRead(c.family, s.buf[c.start:c.end]) {
			// "Nova 3 Lite" sentences after "Amazon Nova 3": the
			// article already named the family with its maker.
			named = true
		}
		if !named {
			continue
		}
		if c.letter {
			s.addMention(c.span, c.family, -1, c.stem, nil, resolution{how: howSpaced, conf: resolveConf.spaced, by: by})
			continue
		}
		parts, end := s.an.suffix(s.buf, c.end, false, false)
		if len(parts) == 0 || parts[0].sep != ' ' || !isDigit(parts[0].text[0]) || !isShortVersion(parts[0].text) {
			continue
		}
		s.addMention(span{c.start, end}, c.family, -1, c.stem, parts, resolution{how: howSpaced, conf: resolveConf.spaced, by: by})
	}
	if len(s.spaced) > 0 {
		s.sortMentions()
	}
}

// familyRead reports a mention of family fam written in full, with its
// maker's name ("Amazon Nova 3"), not only as the maker-less stem (a
// "Nova 3 Lite" read beside the maker names the maker, not the family).
func (s *state) familyRead(fam int, dropped []byte) bool {
	for _, m := range s.mentions {
		if s.models[m.model].family == fam && !bytes.HasPrefix(s.buf[m.start:m.end], dropped) {
			return true
		}
	}
	return false
}

// oneEdit reports whether a and b differ by one insertion, deletion,
// substitution or transposition of adjacent letters.
func oneEdit(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	switch len(a) - len(b) {
	case 0:
		diff := -1
		for i := 0; i < len(a); i++ {
			if a[i] != b[i] {
				if diff >= 0 {
					return diff == i-1 && a[diff] == b[i] && a[i] == b[diff] && a[i+1:] == b[i+1:]
				}
				diff = i
			}
		}
		return diff >= 0
	case 1:
		for i := 0; i < len(b); i++ {
			if a[i] != b[i] {
				return a[i+1:] == b[i:]
			}
		}
		return true
	}
	return false
}

// joined reports whether gap continues a list: list punctuation and
// joiners, possibly with a short possessive ("GPT 系列和 DeepSeek 的").
func (s *state) joined(gap []byte) bool {
	if bytes.Contains(gap, []byte("，")) || bytes.Contains(gap, []byte("；")) {
		return false // a clause break, not a list
	}
	if bytes.ContainsAny(gap, "「」『』") {
		// "「Llama 3.1 8B」（64.7）や「Mistral 7B」": the corner brackets
		// mark the names, and the list goes on past them.
		gap = cornerless(gap)
	}
	if g, ok := dropAside(gap); ok {
		// "A (both with and without synthetic data) and B": an aside
		// on the first name, and the list goes on.
		gap = g
	}
	g := strings.Trim(string(gap), " ,、/()（）'\"’‘“”·")
	if g == "" {
		return true
	}
	for _, j := range s.an.cat.ListJoiners {
		if strings.EqualFold(g, j) {
			return true
		}
	}
	if rest, ok := s.an.afterScore(gap); ok {
		return s.joined(rest) // "GPT-5 at 72.8% and Gemini 2.5 Pro"
	}
	if len(gap) > tune.listGap || bytes.ContainsAny(gap, "0123456789") {
		return false
	}
	if i := bytes.LastIndex(gap, []byte(", ")); i >= 0 && s.clauseAfterComma(gap[i+2:]) {
		return false // "open-sources Grok 2.5, says Grok 3 …": a new clause
	}
	if bytes.Contains(gap, []byte(", ")) || bytes.Contains(gap, []byte("、")) {
		return true
	}
	for _, j := range s.an.cat.ListJoiners {
		if len(j) > 0 && j[0] >= 0x80 && strings.Contains(string(gap), j) ||
			strings.Contains(string(gap), " "+j+" ") {
			return true
		}
	}
	return false
}

// cornerless returns gap without the corner brackets Japanese and
// Chinese put around names.
func cornerless(gap []byte) []byte {
	out := make([]byte, 0, len(gap))
	for len(gap) > 0 {
		r, n := utf8.DecodeRune(gap)
		if r != '「' && r != '」' && r != '『' && r != '』' {
			out = append(out, gap[:n]...)
		}
		gap = gap[n:]
	}
	return out
}

// clauseAfterComma reports the words between a comma and the next name
// that open a clause rather than continue a list: lowercase Latin words,
// no list joiner or article ("says", "while", "beating"), as in ", says
// Grok 3 weights will follow", or a subject's capitalised name and such
// words after it (subjectVerb: ", Elon Musk hứa Grok 5", ", Musk
// promises Grok 5").
func (s *state) clauseAfterComma(tail []byte) bool {
	t := strings.TrimSpace(string(tail))
	if t == "" {
		return false
	}
	if s.subjectVerb(strings.Fields(t)) {
		return true
	}
	for i := 0; i < len(t); i++ {
		if c := t[i]; !isLower(c) && c != ' ' {
			return false
		}
	}
	w, _, _ := strings.Cut(t, " ")
	return !slices.Contains(s.an.cat.Articles, w) && !slices.Contains(s.an.cat.ListJoiners, w)
}

// subjectVerb reports words that are a capitalised name, not possessive,
// then lowercase words (in any Latin script: "hứa") that no article or
// list joiner opens: a subject and its verb ("Elon Musk hứa", "Musk
// promises"), not a list's next item ("Meta's open", "and").
func (s *state) subjectVerb(ws []string) bool {
	k := 0
	for k < len(ws) {
		r, _ := utf8.DecodeRuneInString(ws[k])
		if !unicode.IsUpper(r) {
			break
		}
		if strings.HasSuffix(ws[k], "'s") || strings.HasSuffix(ws[k], "’s") {
			return false
		}
		k++
	}
	if k == 0 || k == len(ws) {
		return false
	}
	for _, w := range ws[k:] {
		for _, r := range w {
			if !unicode.IsLower(r) {
				return false
			}
		}
	}
	return !slices.Contains(s.an.cat.Articles, ws[k]) && !slices.Contains(s.an.cat.ListJoiners, ws[k])
}

// dropAside returns gap without the bracketed aside that opens it
// (" (32B total, 9B active), "), when one does and holds no digit-free
// clause break: what follows it is the list's joiner.
func dropAside(gap []byte) ([]byte, bool) {
	g := bytes.TrimLeft(gap, " ")
	open, close := []byte("("), []byte(")")
	if !bytes.HasPrefix(g, open) {
		open, close = []byte("（"), []byte("）")
		if !bytes.HasPrefix(g, open) {
			return gap, false
		}
	}
	end := bytes.Index(g, close)
	if end < 0 || bytes.Contains(g[len(open):end], open) || end > tune.asideBytes {
		return gap, false
	}
	return g[end+len(close):], true
}

// afterScore returns what follows a score at the start of a list gap
// (" at 72.8% and ", " (86.5%), ", "：44.6%、", "'(88.4점)과 "), past the
// lexicon's score_openers and score_closers: a list of models with their
// scores goes on past them.
func (an *Analyzer) afterScore(gap []byte) ([]byte, bool) {
	g := bytes.TrimLeft(gap, " '\"’”」』")
	for _, p := range an.cat.ScoreOpeners {
		g = bytes.TrimPrefix(g, []byte(p))
	}
	i := 0
	for i < len(g) && (isDigit(g[i]) || g[i] == '.' || g[i] == ',' && i+1 < len(g) && isDigit(g[i+1])) {
		i++
	}
	if i == 0 || !isDigit(g[0]) {
		return nil, false
	}
	rest := g[i:]
	rest = bytes.TrimLeft(rest[unitLen(rest):], " ") // "(88.4점)"
	for _, p := range an.cat.ScoreClosers {
		rest = bytes.TrimPrefix(rest, []byte(p))
	}
	if bytes.ContainsAny(rest, "0123456789") {
		return nil, false
	}
	return rest, true
}

// roleOf maps a cue to the role it gives the models it points at.
func roleOf(k cueKind) role {
	switch k {
	case cueOutperforms, cueMatches, cueEfficiency, cueTrails, cueRivals:
		return roleTarget
	case cueBase, cueThanks:
		return roleBase
	case cueHistory, cueImproves:
		return roleHistory
	case cuePlanned:
		return rolePlanned
	case cueDenial:
		return roleDenied
	}
	return roleNone
}

// comparisonCues are the cue kinds that make a comparison target of the
// models they point at; referenceCues those that make them something
// built on, older, or planned.
var (
	comparisonCues = []cueKind{cueOutperforms, cueMatches, cueEfficiency, cueTrails, cueRivals}
	referenceCues  = []cueKind{cueBase, cueHistory, cueImproves}
	// measuredCues measure a model against a rival (not "đối thủ của X",
	// "a rival of X").
	measuredCues = []cueKind{cueOutperforms, cueMatches, cueTrails}
)

// assignRoles gives each mention the role its sentence gives it: the
// models comparison and reference cues point at, after the cue in most
// languages ("outperforms X", "媲美 X") and before it in Korean and
// Japanese ("X를 능가", "Xを上回る"), chaining through lists; every model
// a sentence names after an acknowledgement ("we thank …") or inside a
// denial or rumour; rivals named alongside the article's own models.
func (s *state) assignRoles() {
	for _, kinds := range [][]cueKind{comparisonCues, referenceCues} {
		for _, k := range kinds {
			r := roleOf(k)
			for _, c := range s.cues[k] {
				s.mark(c, r)
			}
		}
	}
	for _, c := range s.cues[cueHistory] {
		s.markRetiredSubject(c)
	}
	for _, c := range s.cues[cuePlanned] {
		s.markPlanned(c)
	}
	for _, k := range []cueKind{cueThanks, cueDenial} {
		for _, c := range s.cues[k] {
			s.markScope(c, roleOf(k))
		}
	}
	for _, m := range s.mentions {
		if k, ok := m.role.kind(); ok {
			s.models[m.model].mark(k, m.start)
		}
	}
}

// markRetiredSubject marks historical the subject of a clause that a
// past or retirement predicate ends ("The Molmo-3-8B-Video-Preview
// checkpoint that some of you tried in October has been withdrawn;", "X는
// 서비스 종료됐다"): a cue that follows its model, too far after the name
// for the list right before it, still says what became of the clause's
// first model, when nothing but a few bytes of verb ending follow the cue
// in its clause and no release or comparison cue stands between the two.
func (s *state) markRetiredSubject(c hit) {
	if !c.after || len(s.chainBefore(c.start)) > 0 || !s.endsClause(c.end) {
		return
	}
	sent := s.sents[s.sentenceAt(c.start)]
	lo := sent.start
	if i := bytes.LastIndexByte(s.buf[lo:c.start], ';'); i >= 0 {
		lo += i + 1
	}
	if i := bytes.LastIndex(s.buf[lo:c.start], []byte("；")); i >= 0 {
		lo += i + len("；")
	}
	ms := s.mentionsIn(lo, c.start)
	if len(ms) == 0 || ms[0].end > c.start || s.cueIn(ms[0].end, c.start) || len(hitsIn(s.cues[cueRelease], ms[0].end, c.start)) > 0 {
		return
	}
	if m := &ms[0]; m.role == roleNone { // ms is a window on s.mentions
		m.role = roleHistory
	}
}

// endsClause reports a clause that ends within tune.clauseTail bytes
// after p: at a clause break or at its sentence's end.
func (s *state) endsClause(p int) bool {
	tail := s.buf[p:max(p, s.sents[s.sentenceAt(p)].end)]
	for i, b := range tail {
		if strings.IndexByte(",;!?\n", b) >= 0 || b == '.' && (i+1 == len(tail) || !isDigit(tail[i+1])) {
			tail = tail[:i]
			break
		}
	}
	for _, br := range []string{"。", "，", "；"} {
		if i := bytes.Index(tail, []byte(br)); i >= 0 {
			tail = tail[:i]
		}
	}
	return len(bytes.TrimSpace(tail)) <= tune.clauseTail
}

// readerClause reports cue c in a condition put to the reader, opened in
// its clause before it by a word of the lexicon's reader_conditions ("如果
// 您的学术工作中使用了X", "If you build on X in your work, please cite"):
// the reader's use of a model, not the page's.
func (s *state) readerClause(c hit) bool {
	lo := s.sents[s.sentenceAt(c.start)].start
	before := s.buf[lo:c.start]
	if i := bytes.LastIndexAny(before, ",;:"); i >= 0 {
		before = before[i+1:]
	}
	for _, br := range []string{"，", "；", "：", "、"} {
		if i := bytes.LastIndex(before, []byte(br)); i >= 0 {
			before = before[i+len(br):]
		}
	}
	low := bytes.ToLower(before)
	for _, w := range s.an.cat.ReaderConditions {
		for at := range occurrences(low, strings.ToLower(w)) {
			end := at + len(w)
			if (at == 0 || w[0] >= utf8.RuneSelf || !isAlnum(low[at-1])) &&
				(end == len(low) || w[len(w)-1] >= utf8.RuneSelf || !isAlnum(low[end])) { // "if you", not "if youth"
				return true
			}
		}
	}
	return false
}

// markPlanned marks planned the models plan c points at, but for those of
// another maker than the vendor the sentence names as the plan's subject
// (otherMakersPlan).
func (s *state) markPlanned(c hit) {
	if s.readerCondition(c) || s.inCodeLine(c.start) {
		return // "If you use either X or Y, please cite …"; "… if x is in bf16" in a code sample
	}
	chain := s.chainAfter(c.end)
	if c.after {
		chain = s.chainBefore(c.start)
	}
	sent := s.sents[s.sentenceAt(c.start)]
	for _, i := range chain {
		if m := &s.mentions[i]; m.role == roleNone && !s.otherMakersPlan(c, sent, s.models[m.model].vendor) {
			m.role = rolePlanned
		}
	}
}

// mark gives role r to the list of models cue c points at. A cue in a
// command ("--include original/*") is no prose and points at nothing.
func (s *state) mark(c hit, r role) {
	if s.inCodeLine(c.start) || r == roleBase && s.readerClause(c) {
		return
	}
	if c.after {
		if s.subjectBeforeCue(c) && len(s.chainBefore(c.start)) > 0 {
			s.markAfter(c.end, r) // "X相比Y": Y is the target
			return
		}
		if j := hyphenBefore(s.buf, c.start); j >= 0 && !s.nameEndsAt(j) {
			return // "a Ray Serve-based layer": the word the cue is joined to is no model
		}
		s.markBefore(c.start, r)
		return
	}
	if c.tight && r == roleTarget && !s.nameAt(c.end) {
		return // "超大规模", not "超GPT-4.5"
	}
	s.markAfter(c.end, r)
}

// hyphenBefore returns where the hyphen that joins cue p to the word
// before it stands ("-based" or "based" of "Serve-based"), or -1.
func hyphenBefore(buf []byte, p int) int {
	switch {
	case buf[p] == '-':
		return p
	case p > 0 && buf[p-1] == '-':
		return p - 1
	}
	return -1
}

// nameEndsAt reports a mention that ends at p: the name a hyphen-joined
// cue ("Mistral-7B-based") is joined to.
func (s *state) nameEndsAt(p int) bool {
	for _, m := range s.mentionsIn(max(0, p-tune.headingBytes), p) {
		if m.end == p {
			return true
		}
	}
	return false
}

// subjectBeforeCue reports a cue of the lexicon's framed_post_cues with
// no "with" word (with_words, or 和) before it in its clause of a Chinese
// text, however
// long the list it frames ("与GPT-4.5、Gemini 2.0 Pro相比"): the name
// before it is the comparison's subject ("PP-ShiTuV2相比V1"), no target.
func (s *state) subjectBeforeCue(c hit) bool {
	if s.a == nil {
		return false
	}
	if lang, _, _ := strings.Cut(s.a.Language, "-"); lang != "zh" || !slices.Contains(s.an.cat.FramedPostCues, string(s.buf[c.start:c.end])) {
		return false // Japanese writes "X と比較" with its own "with"
	}
	lo := s.sents[s.sentenceAt(c.start)].start
	clause := s.buf[lo:c.start]
	for _, br := range []string{"，", "。", "；", "：", ",", ";", ":", "\n"} {
		if i := bytes.LastIndex(clause, []byte(br)); i >= 0 {
			clause = clause[i+len(br):]
		}
	}
	for _, w := range s.an.cat.WithWords {
		if bytes.Contains(clause, []byte(w)) {
			return false
		}
	}
	return !bytes.Contains(clause, []byte("和")) // "和 V1 比较": "and" is "with" here too
}

// nameAt reports a model mention starting at p, past one space.
func (s *state) nameAt(p int) bool {
	if p < len(s.buf) && s.buf[p] == ' ' {
		p++
	}
	i := s.mentionIndex(p)
	return i < len(s.mentions) && s.mentions[i].start == p
}

// markScope gives role r to every model the rest of the sentence names
// after cue c (before it, for a cue that follows what it qualifies): an
// acknowledgement or a denial covers its whole clause, however long the
// list ("感谢 SD3, FLUX, Llama, LLaVA, Xtuner, diffusers 的开源工作").
func (s *state) markScope(c hit, r role) {
	sent := s.sents[s.sentenceAt(c.start)]
	lo, hi := c.end, sent.end
	if c.after {
		lo, hi = sent.start, c.start
	} else if r == roleDenied {
		hi = s.ownReleaseClause(c.end, hi)
	}
	for i := s.mentionIndex(lo); i < len(s.mentions) && s.mentions[i].start < hi; i++ {
		if m := &s.mentions[i]; m.role == roleNone || r == roleDenied {
			m.role = r
		}
	}
}

// ownReleaseClause returns where a clause with a release verb of its own,
// not blocked, starts between p and hi, past a clause break after a model
// the denial names ("xAI denies Grok 6 launch report, quietly ships Grok
// 5.1 Fast"): a denial's scope ends there. It returns hi when none does,
// or when the denial names nothing before the break ("After months of
// rumours, GPT-5.5 is now available").
func (s *state) ownReleaseClause(p, hi int) int {
	for _, r := range hitsIn(s.cues[cueRelease], p, hi) {
		if i := lastClauseMark(s.buf[p:r.start]); i >= 0 && !s.blocked(r) && len(s.mentionsIn(p, p+i)) > 0 {
			return p + i
		}
	}
	return hi
}

// alongside marks the rivals named beside the article's own models
// ("results alongside leading models, including GPT-4o and Claude"): the
// models a cue of kind alongside points at are compared against unless
// their maker is the article's vendor, whose models named so are released
// with it ("Qwen3-32B alongside Qwen3-235B-A22B").
func (s *state) alongside() {
	for _, c := range s.cues[cueAlongside] {
		chain := s.chainAfter(c.end)
		if c.after {
			chain = s.chainBefore(c.start)
		}
		for _, i := range chain {
			m := &s.mentions[i]
			if v := s.models[m.model].vendor; m.role == roleNone && v >= 0 && !s.sameGroup(v, s.primary) {
				m.role = roleTarget
				s.models[m.model].mark(kindCompared, m.start)
			}
		}
	}
}

// markAfter gives role r to the model list that starts within a short gap
// after position p in the same sentence.
func (s *state) markAfter(p int, r role) {
	chain := s.chainAfter(p)
	if len(chain) > 0 && (r == roleTarget || r == roleBase) && commaFirst(s.buf[p:s.mentions[chain[0]].start]) {
		return // "Chưa đầy hai tuần sau, Zhipu AI giới thiệu X": the cue's clause ended
	}
	for _, i := range chain {
		if m := &s.mentions[i]; m.role == roleNone || r == roleTarget {
			m.role = r
		}
	}
}

// markBefore gives role r to the model list that ends within a short gap
// before position p in the same sentence.
func (s *state) markBefore(p int, r role) {
	for _, i := range s.chainBefore(p) {
		if m := &s.mentions[i]; m.role == roleNone || r == roleTarget {
			m.role = r
		}
	}
}

// chainAfter returns the mentions of the list that starts within a short
// gap after p in p's sentence ("outperforms GPT-4, Mixtral and Claude").
func (s *state) chainAfter(p int) []int {
	var out []int
	sent := s.sentenceAt(p)
	anchor := p
	comma := s.frontedComma(p)
	from := s.mentionIndex(p)
	for i := from; i < len(s.mentions) && i < from+maxChain; i++ {
		m := &s.mentions[i]
		if m.sent != sent {
			break
		}
		if m.start < anchor {
			continue // a mention inside the last one
		}
		gap := s.buf[anchor:m.start]
		first := len(out) == 0
		if first && len(gap) > tune.chainFirstAfter || !first && (!s.joined(gap) || s.cueIn(anchor, m.start)) {
			break // "beats A and matches B": B is matched, not beaten
		}
		if first && (bytes.ContainsAny(gap, ";:。；") || bytes.Contains(gap, []byte(", and ")) || bytes.Contains(gap, []byte(", while "))) {
			break
		}
		if first && (bytes.Contains(gap, []byte(", ")) && s.comparisonIn(anchor, m.start) || ownerWordFirst(gap) && s.measuredCueEndsAt(p)) {
			// "cho kết quả cao hơn, dù vẫn kém GPT-4o": the rival of the
			// later clause's cue; "tốc độ cao hơn của PhoGPT-4B-Chat":
			// the model owns what is higher, it is no rival.
			break
		}
		if !first && s.clauseSubject(m.span) {
			break // "beats A on X, and B outperforms C": B opens a clause
		}
		if comma > 0 && m.start > comma {
			break // "Compared to A, B improves …": B is the subject
		}
		out = append(out, i)
		anchor = m.end
	}
	return out
}

// commaFirst reports a gap that opens with a comma and goes on with
// words: the comparison or base cue before it ends its clause ("hai tuần
// sau, Zhipu AI giới thiệu X"), and the name after is no object of it,
// unlike one right after the comma ("its predecessor, DeepSeek-V3,"). (A
// history cue so placed dates its whole sentence: "此前，腾讯还推出了X".)
func commaFirst(gap []byte) bool {
	g := bytes.TrimLeft(gap, " ")
	for _, c := range []string{",", "，", "、"} {
		if rest, ok := bytes.CutPrefix(g, []byte(c)); ok {
			return len(bytes.TrimSpace(rest)) > 0
		}
	}
	return false
}

// ownerWordFirst reports a gap after a comparison cue that opens with a
// word that makes the model after it an owner ("của ", "of "): "tốc độ
// cao hơn của X" is X's speed, not a comparison with X.
func ownerWordFirst(gap []byte) bool {
	g := bytes.TrimLeft(gap, " ")
	for _, w := range ownerAfter {
		if bytes.HasPrefix(g, w) {
			return true
		}
	}
	return false
}

// measuredCueEndsAt reports an outperforms, matches or trails cue that
// ends at p: one that measures against a rival, unlike "đối thủ của X"
// ("a rival of X").
func (s *state) measuredCueEndsAt(p int) bool {
	for _, k := range measuredCues {
		for _, h := range hitsIn(s.cues[k], max(0, p-64), p) {
			if h.end == p {
				return true
			}
		}
	}
	return false
}

// frontedComma returns where the comma is that closes a comparison
// frame opening its sentence and ending at p ("Compared to A, B …",
// "Versus the 3.1 pipeline, B …"): the words after it are the clause the
// frame compares, its first model the subject. It returns -1 for a cue
// with words before it in its sentence, or none after it up to a comma.
func (s *state) frontedComma(p int) int {
	sp := s.sents[s.sentenceAt(p)]
	start := -1
	for _, k := range comparisonCues {
		for _, h := range hitsIn(s.cues[k], sp.start, p) {
			if h.end == p && !h.after {
				start = h.start
			}
		}
	}
	if start < 0 || hasLetter(string(s.buf[sp.start:start])) {
		return -1
	}
	rest := s.buf[p:sp.end]
	i := bytes.IndexAny(rest, ",，")
	if i < 0 || bytes.ContainsAny(rest[:i], "(（") {
		return -1
	}
	return p + i
}

// clauseSubject reports a model name a comparison cue follows directly
// ("B outperforms C"): the subject of a clause of its own, not the next
// member of a list before it.
func (s *state) clauseSubject(m span) bool {
	p := m.end
	for p < len(s.buf) && s.buf[p] == ' ' {
		p++
	}
	for _, k := range comparisonCues {
		for _, h := range hitsIn(s.cues[k], p, p+1) {
			if !h.after {
				return true
			}
		}
	}
	return false
}

// cueIn reports a comparison or reference cue in [p, q).
func (s *state) cueIn(p, q int) bool {
	for _, kinds := range [][]cueKind{comparisonCues, referenceCues} {
		for _, k := range kinds {
			if len(hitsIn(s.cues[k], p, q)) > 0 {
				return true
			}
		}
	}
	return false
}

// chainBefore returns the mentions of the list that ends within a short gap
// before p in p's sentence ("R1-0528(44.6%)을 앞섰다", "与 GPT-4 相媲美").
func (s *state) chainBefore(p int) []int {
	var out []int
	sent := s.sentenceAt(p)
	anchor := p
	last := s.mentionIndex(p) - 1
	for i := last; i >= 0 && i > last-maxChain; i-- {
		m := &s.mentions[i]
		if m.end > anchor {
			continue
		}
		if m.sent != sent {
			break
		}
		gap := s.buf[m.end:anchor]
		first := len(out) == 0
		if first && (len(gap) > tune.chainFirstBefore && !thanFirst(gap) || clauseEnds(gap)) || !first && (!s.joined(gap) || s.an.withWord(gap) || s.cueIn(m.end, anchor)) {
			// "X에는 못 미쳤지만, Y를 앞섰다": another frame's rival;
			// "Xが0.91を記録し、前世代の0.84から": X is in a clause of its own
			break
		}
		if first && s.an.topicMarked(gap) {
			break // "Mizuha-Embed 2 Baseはわずかに及ばなかった": the subject
		}
		out = append(out, i)
		anchor = m.start
	}
	return out
}

// thanFirst reports a gap that opens with Korean "보다" (than), past a
// closing bracket: "Qwen3-32B와 엑사원 4.0 32B보다 한국어 벤치마크 전반에서
// 앞선다" marks the rivals however many words stand before the verb.
func thanFirst(gap []byte) bool {
	g := bytes.TrimLeft(gap, " )）'\"’”")
	return bytes.HasPrefix(g, []byte("보다")) && !bytes.HasPrefix(g, []byte("보다는"))
}

// clauseEnds reports a clause break (a comma, "、", a headline break) in
// gap past any bracket it closes: "Xが0.91を記録し、前世代" ends X's clause,
// "X(Y, 72.9점)는 크게 능가" does not.
func clauseEnds(gap []byte) bool {
	if i := bytes.LastIndexAny(gap, ")）"); i >= 0 {
		_, n := utf8.DecodeRune(gap[i:])
		gap = gap[i+n:]
	}
	return clauseBreak(gap) || bytes.Contains(gap, []byte("、")) || partBreak(gap)
}

// topicMarked reports a gap that opens with a Japanese or Korean topic
// particle (the lexicon's topic_particles, "は", "는"): the name before it
// is the subject of the comparison after it, not its rival ("X는 소폭 못
// 미쳤다"); "には", "에는" mark the rival and are no topic.
func (an *Analyzer) topicMarked(gap []byte) bool {
	return hasPrefixIn(gap, an.cat.TopicParticles)
}

// withWord reports a gap that is Chinese "与" (the lexicon's with_words):
// in "X与Y比肩" it opens the comparison with Y, and X is its subject, not
// a target.
func (an *Analyzer) withWord(gap []byte) bool {
	return slices.Contains(an.cat.WithWords, strings.TrimSpace(string(gap)))
}

// choosePrimary picks the vendor the article is about and its topic model,
// and gives the models no catalog knows a maker.
func (s *state) choosePrimary() {
	s.primary = s.primaryVendor()
	s.topic = s.topicModel(s.primary)
	s.makersOfNewModels(s.primary)
}

// primaryVendor returns the vendor the article is about: names in the
// title (or a repository's owner) weigh most, then early and frequent
// names; models compared against or built on weigh less. -1 when none.
func (s *state) primaryVendor() int {
	score := make([]float64, len(s.an.cat.Vendors))
	early := s.titleEnd + tune.earlyBytes
	weight := func(at int) float64 {
		switch {
		case at < s.titleEnd:
			return tune.titleWeight
		case at < early:
			return tune.earlyWeight
		}
		return 1
	}
	for _, h := range s.vendorHits {
		score[h.idx] += weight(h.start)
	}
	for _, m := range s.mentions {
		v := s.models[m.model].vendor
		if v < 0 {
			continue
		}
		w := weight(m.start)
		if m.role != roleNone {
			w *= tune.roleDiscount
		}
		score[v] += w
	}
	if owner, _, _, ok := s.repo(); ok {
		if v, found := s.an.c.vendorOfAlias[fold(owner)]; found {
			score[v] += tune.repoOwnerWeight
		}
	}
	best := -1
	for v, sc := range score {
		if sc > 0 && (best < 0 || sc > score[best]) {
			best = v
		}
	}
	return best
}

// topicModel returns the model the article is about: the most specific
// one the title names, else the first specific model of the primary
// vendor, else a series the title names, else the first series named;
// none compared against or built on. -1 when none.
func (s *state) topicModel(primary int) int {
	for _, p := range []struct{ title, bare bool }{{true, false}, {false, false}, {true, true}, {false, true}} {
		if t := s.pickTopic(primary, p.title, p.bare); t >= 0 {
			return t
		}
	}
	return -1
}

// pickTopic returns the topic candidate among the mentions in the title
// (inTitle) or the text, bare series or not: the longest name in the
// title, the first in the text.
func (s *state) pickTopic(primary int, inTitle, bare bool) int {
	found := -1
	for _, m := range s.mentions {
		if inTitle != (m.start < s.titleEnd) || m.role != roleNone || s.inTableLine(m.start) {
			continue // a row or column of a table is no topic of the prose
		}
		rec := s.models[m.model]
		if rec.bare != bare || primary >= 0 && rec.vendor >= 0 && rec.vendor != primary {
			continue
		}
		if found < 0 || inTitle && len(rec.key) > len(s.models[found].key) {
			found = m.model
		}
		if !inTitle {
			break
		}
	}
	return found
}

// makersOfNewModels gives the models no catalog knows a maker: the vendor
// named in the sentence that introduced them, else the vendor no catalog
// knows (the one named in that sentence, or the first), else the article's vendor when the article names it. Rivals a
// comparison introduced keep none.
func (s *state) makersOfNewModels(primary int) {
	named := map[int]bool{}
	for _, h := range s.vendorHits {
		named[h.idx] = true
	}
	for i, m := range s.models {
		if m.family >= 0 || m.vendor >= 0 || m.vendorName != "" || m.rival {
			continue
		}
		switch v := s.sentenceVendor(i); {
		case v >= 0:
			m.vendor = v
		case len(s.newVendors) > 0:
			m.vendorName = s.newVendorFor(m.first)
		case primary >= 0 && named[primary]:
			m.vendor = primary
		}
	}
}

// ownerMaker returns the handle of the repository the page is, as the
// text spells it, when no catalog knows the owner, it is no hosting site
// and the repository is no copy of another's nor a runtime named after a
// weight format ("mlx-audio": a port): the maker of the page's own models
// that no text gives a maker. "" otherwise.
func (s *state) ownerMaker() string {
	owner, repo, _, ok := s.repo()
	if !ok || s.hostOwner(owner) || s.copiedRepo(owner, repo) || s.an.runtimeNamed(repo) {
		return ""
	}
	if v, _ := s.repoOwnerVendor(); v >= 0 {
		return ""
	}
	return s.makerHandle(owner, repo)
}

// catalogPrefixed reports model m named as a catalogued model of the page
// goes on ("sam2.1_hiera_tiny" after SAM 2): a checkpoint of that model,
// whose maker is known, not one of the page's own.
func (s *state) catalogPrefixed(m *modelRec) bool {
	f := fold(m.name)
	for _, o := range s.models {
		if o.family < 0 || o == m {
			continue
		}
		if of := fold(o.name); len(of) >= 3 && strings.HasPrefix(f, of) {
			return true
		}
	}
	return false
}

// newVendorFor returns the vendor no catalog knows that the sentence at p
// names, else the first the article names.
func (s *state) newVendorFor(p int) string {
	k := s.sentenceAt(p)
	for _, name := range s.newVendors {
		if at := s.newVendorAt[name]; at > 0 && s.sentenceAt(at) == k {
			return name
		}
	}
	return s.newVendors[0]
}

// repo returns the repository the article is the page of: "owner/repo"
// as its title writes it (see repoTitle), or as its address names a
// repository of a code or model hub ("https://github.com/2noise/ChatTTS/
// blob/main/docs/kr/README.md"); fromTitle says which.
func (s *state) repo() (owner, name string, fromTitle, ok bool) {
	if owner, name, ok := s.repoTitle(); ok {
		return owner, name, true, true
	}
	owner, name, ok = repoURL(s.a.URL)
	return owner, name, false, ok
}

// project returns the name of the project whose page the article is: a
// repository (repo) or a package on a package index, whose page shows the
// project's README ("pypi.org/project/moshi"). A package has no owner.
func (s *state) project() (owner, name string, fromTitle, ok bool) {
	if owner, name, fromTitle, ok = s.repo(); ok {
		return owner, name, fromTitle, true
	}
	name, ok = packageURL(s.a.URL)
	return "", name, false, ok
}

// packagePaths are the addresses of a package's page on the package
// indexes whose pages show the package's README: host and path prefix.
var packagePaths = []string{"pypi.org/project/", "www.npmjs.com/package/", "npmjs.com/package/", "crates.io/crates/"}

// packageURL reads a package's name from the address of its page on a
// package index.
func packageURL(u string) (string, bool) {
	rest, found := withoutScheme(u)
	if !found {
		return "", false
	}
	for _, p := range packagePaths {
		if name, ok := strings.CutPrefix(rest, p); ok {
			name, _, _ = strings.Cut(name, "/")
			if repoName(name) {
				return name, true
			}
		}
	}
	return "", false
}

// withoutScheme returns web address u past its "https://" or "http://",
// and whether it had one.
func withoutScheme(u string) (string, bool) {
	if rest, ok := strings.CutPrefix(u, "https://"); ok {
		return rest, true
	}
	return strings.CutPrefix(u, "http://")
}

// repoHosts are the code and model hubs whose addresses name a
// repository as /owner/repo.
var repoHosts = []string{"github.com", "huggingface.co", "gitee.com", "gitcode.com", "modelscope.cn", "gitlab.com"}

// codeHosts are the hubs of repoHosts that hold code, where a repository
// of another owner with the same name is a copy; a model hub's
// organisation often shares a lab's repository names.
var codeHosts = []string{"github.com", "gitee.com", "gitcode.com", "gitlab.com"}

// repoURL reads "owner/repo" from the address of a repository page on a
// code or model hub (modelscope.cn/models/owner/repo too).
func repoURL(u string) (owner, name string, ok bool) {
	rest, found := withoutScheme(u)
	if !found {
		return "", "", false
	}
	host, path, _ := strings.Cut(rest, "/")
	host = strings.TrimPrefix(host, "www.")
	if !slices.Contains(repoHosts, host) {
		return "", "", false
	}
	path = strings.TrimPrefix(path, "models/")
	parts := strings.SplitN(path, "/", 3)
	if len(parts) < 2 || !repoName(parts[0]) || !repoName(parts[1]) {
		return "", "", false
	}
	return parts[0], strings.TrimSuffix(parts[1], ".git"), true
}

// repoTitle splits a repository title: "owner/repo" as GitHub shows a
// README, "GitHub - owner/repo: description", "owner/repo · Hugging Face".
func (s *state) repoTitle() (owner, repo string, ok bool) {
	t := strings.TrimSpace(string(s.buf[:s.titleEnd]))
	t = strings.TrimPrefix(t, "GitHub - ")
	if i := strings.IndexAny(t, " :·"); i > 0 {
		rest := strings.TrimSpace(t[i:])
		if !strings.HasPrefix(rest, ":") && !strings.HasPrefix(rest, "·") && !strings.HasPrefix(rest, "- Hugging Face") {
			return "", "", false
		}
		t = t[:i]
	}
	owner, repo, ok = strings.Cut(t, "/")
	if !ok || !repoName(owner) || !repoName(repo) {
		return "", "", false
	}
	return owner, repo, true
}

// sentenceVendor returns the vendor named last before the first mention of
// model m in its sentence (a lab before the group that owns it), or -1.
func (s *state) sentenceVendor(m int) int {
	for _, mt := range s.mentions {
		if mt.model != m {
			continue
		}
		sent := s.sents[mt.sent]
		v, end := -1, 0
		for _, h := range hitsIn(s.vendorHits, sent.start, mt.start) {
			if s.makerAfterModel(h, sent.start) {
				continue // "Gemma 4 12B của Google": the maker of the model before
			}
			if v < 0 || s.an.c.vendorParent[v] != h.idx {
				v, end = h.idx, h.end // "Zalo AI thuộc VNG": the lab, not the group that owns it
			}
		}
		if v >= 0 && end < mt.start && s.orgBefore(mt.start, end) != "" {
			// "OpenAIの埋め込みモデル超え　京都のミズハAIが「…」": a lab no
			// catalog knows, named nearer the model, is its maker.
			return -1
		}
		return v
	}
	return -1
}

// makerAfterModel reports a vendor named right after one of its own
// models, at most tune.makerGap bytes of words between ("Gemma 4 12B của
// Google", "Gemma 4 12B from Google"): it names that model's maker, not
// the maker of the models named later in the sentence.
func (s *state) makerAfterModel(h hit, lo int) bool {
	ms := s.mentionsIn(lo, h.start)
	if len(ms) == 0 {
		return false
	}
	m := ms[len(ms)-1]
	return m.end <= h.start && h.start-m.end <= tune.makerGap && s.models[m.model].vendor == h.idx
}

// repoName reports a valid GitHub or Hugging Face owner or repository name.
func repoName(s string) bool {
	if s == "" || len(s) > 100 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isAlnum(c) && c != '-' && c != '_' && c != '.' {
			return false
		}
	}
	return true
}
