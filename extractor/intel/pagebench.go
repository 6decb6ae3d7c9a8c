package intel

import (
	"bytes"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pageBenches finds in the text the benchmarks no catalog knows that the
// page itself names: the labels its benchmark tables score models on
// ("VMLU", "LongText-Bench-ZH"), words shaped like a benchmark's name
// ("OmniDocBench", "URO-Bench", "ViLawQA") and names a benchmark noun
// introduces ("bộ đánh giá VLSP 2023", "the SeaExam benchmark"). Each occurrence outside the
// tables becomes a benchmark hit (idx -1) for the prose claims.
func (s *state) pageBenches() {
	names := s.tableBenchNames()
	seen := make(map[string]bool, len(names)) // a page may introduce thousands
	for _, n := range names {
		seen[n] = true
	}
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	s.shapedBenchNames(add)
	s.introducedBenchNames(add)
	s.glossedBenchNames(add)
	if len(names) == 0 {
		return
	}
	added := false
	for _, n := range names {
		for i := 0; len(s.benches) < maxHits; {
			j := bytes.Index(s.buf[i:], []byte(n))
			if j < 0 {
				break
			}
			st := i + j
			en := st + len(n)
			i = en
			if st > 0 && (isAlnum(s.buf[st-1]) || s.buf[st-1] == '-') || en < len(s.buf) && (isAlnum(s.buf[en]) || s.buf[en] == '-' && en+1 < len(s.buf) && isAlnum(s.buf[en+1])) {
				continue
			}
			sp := span{st, en}
			if s.inTableLine(st) || s.covered(sp) || len(benchesIn(s.benches, st-64, en)) > 0 && s.benchOverlaps(sp) {
				continue
			}
			name := n
			if e := releaseNumberAfter(s.buf, en); e > en {
				sp.end, name = e, n+string(s.buf[en:e]) // "Wan-Bench 3.0": the set's version, no score
			}
			s.benches = append(s.benches, benchHit{sp, -1, name})
			added = true
		}
	}
	if added {
		sort.SliceStable(s.benches, func(i, j int) bool { return s.benches[i].start < s.benches[j].start })
	}
}

// benchOverlaps reports a benchmark hit that overlaps sp.
func (s *state) benchOverlaps(sp span) bool {
	for _, b := range benchesIn(s.benches, sp.start-64, sp.end) {
		if b.start < sp.end && sp.start < b.end {
			return true
		}
	}
	return false
}

// tableBenchNames returns the benchmark names the page's tables scored
// that look like a name, not a word: a digit, a hyphen, capitals inside
// or three capitals in a row ("VMLU", "ViLawQA", "LongText-Bench-ZH"), at
// most three words, no metric or setting ("Overall", "CER (%)",
// "5-shot").
func (s *state) tableBenchNames() []string {
	var names, rejected []string
	for _, c := range s.claims {
		if c.Benchmark == "" || !strings.HasPrefix(c.Evidence, "table: ") || slices.Contains(names, c.Benchmark) {
			continue
		}
		if n := c.Benchmark; nameShaped(n) && !metricWord(n) && !setting(n) && !slices.Contains(rejected, n) {
			if s.modelTail(n) {
				rejected = append(rejected, n)
				continue
			}
			names = append(names, n)
		}
	}
	return names
}

// modelTail reports a label that ends the name of a model of the article
// ("Small 3.2" of Mistral Small 3.2): a short name, no benchmark's.
func (s *state) modelTail(n string) bool {
	q := nameTokens(n)
	if len(q) == 0 {
		return false
	}
	last := q[len(q)-1]
	for _, m := range s.models {
		if len(m.name) < len(last) || !strings.EqualFold(m.name[len(m.name)-len(last):], last) {
			continue // a cheap test first: the name ends with n's last token
		}
		if toks := nameTokens(m.name); len(toks) > len(q) && equalTokens(q, toks[len(toks)-len(q):]) {
			return true
		}
	}
	return false
}

// nameShaped reports a label shaped like a benchmark's name.
func nameShaped(n string) bool {
	if len(n) < 3 || strings.Count(n, " ") > 2 || !hasLetter(n) {
		return false
	}
	caps := 0
	for i := 0; i < len(n); i++ {
		switch c := n[i]; {
		case isDigit(c) || c == '-' && i > 0:
			return true
		case isUpper(c):
			if caps++; caps == 3 || i > 0 && isLower(n[i-1]) {
				return true
			}
		default:
			caps = 0
		}
	}
	return false
}

// shapedBenchNames calls add with every word of the text outside tables
// that holds a part of a benchmark's name of the lexicon ("Bench", "QA")
// after letters of its own and a capital: "OmniDocBench", "URO-Bench",
// "K-DTCBench", "ViLawQA", and no model or catalogued benchmark.
func (s *state) shapedBenchNames(add func(string)) {
	buf := s.buf
	for _, part := range s.an.cat.BenchmarkParts {
		p := []byte(part)
		for from := 0; ; {
			h := bytes.Index(buf[from:], p)
			if h < 0 {
				break
			}
			h += from
			st, e := wordAround(buf, h, h+len(p))
			from = max(e, h+1)
			w := buf[st:e]
			sp := span{st, e}
			if len(w) > 40 || !hasUpper(w) || s.inTableLine(st) || s.covered(sp) || s.benchOverlaps(sp) {
				continue
			}
			k := h - st
			if k == 0 && len(w) == len(p) {
				// "Big Bench Audio": the part as a word of its own in a
				// run of capitalised words.
				if n := s.capitalRun(sp); n.end-n.start > len(w) && !s.covered(n) && !s.benchOverlaps(n) {
					add(string(buf[n.start:n.end]))
				}
				continue
			}
			if k < 2 && !(k > 0 && w[k-1] == '-') {
				continue // "QA" alone is a word
			}
			add(string(w))
		}
	}
}

// glossedBenchNames calls add with the Latin acronyms a Chinese,
// Japanese or Korean text writes in brackets right after its own words
// for a test it then scores ("한국 의사국가시험(KMLE) 기출 문항으로 구성한
// 평가에서 86.7점"): three to eight capitals and digits, a capital first, no
// model, vendor, metric or stopword, in a sentence with a score after it
// and a word for a test.
func (s *state) glossedBenchNames(add func(string)) {
	if !s.proDrop() {
		return
	}
	buf := s.buf
	for _, open := range [][]byte{[]byte("("), []byte("（")} {
		for from := 0; ; {
			h := bytes.Index(buf[from:], open)
			if h < 0 {
				break
			}
			h += from
			st := h + len(open)
			from = st
			r, _ := utf8.DecodeLastRune(buf[:h])
			if r < utf8.RuneSelf || !unicode.IsLetter(r) {
				continue // "(KMLE)" right after a word of the text's own script
			}
			e := st
			for e < len(buf) && (isUpper(buf[e]) || e > st && isDigit(buf[e])) {
				e++
			}
			if e-st < 3 || e-st > 8 || !bytes.HasPrefix(buf[e:], []byte(")")) && !bytes.HasPrefix(buf[e:], []byte("）")) {
				continue
			}
			sp := span{st, e}
			if s.inTableLine(st) || metricWord(string(buf[st:e])) || !s.benchNameAt(sp) || !s.scoreAfter(e) || !s.testNounIn(st) {
				continue
			}
			add(string(buf[st:e]))
		}
	}
}

// testNounIn reports a test noun or a benchmark noun of the lexicon in
// the sentence at p.
func (s *state) testNounIn(p int) bool {
	sp := s.sents[s.sentenceAt(p)]
	t := s.buf[sp.start:sp.end]
	for _, list := range [][]string{s.an.cat.TestNouns, s.an.cat.BenchmarkNouns} {
		for _, n := range list {
			if bytes.Contains(t, []byte(n)) {
				return true
			}
		}
	}
	return false
}

// scoreAfter reports a number with a decimal point or a percent sign after
// p in p's sentence.
func (s *state) scoreAfter(p int) bool {
	sp := s.sents[s.sentenceAt(p)]
	for i := p; i < sp.end; i++ {
		if !isDigit(s.buf[i]) {
			continue
		}
		n, ok := s.readNumber(i)
		if ok && (n.decimal || n.percent) {
			return true
		}
		for i < sp.end && isDigit(s.buf[i]) {
			i++
		}
	}
	return false
}

// wordAround returns the word of letters, digits and inner hyphens that
// holds [h, e).
func wordAround(buf []byte, h, e int) (int, int) {
	st := h
	for st > 0 && (isAlnum(buf[st-1]) || buf[st-1] == '-' && st > 1 && isAlnum(buf[st-2])) {
		st--
	}
	for e < len(buf) && (isAlnum(buf[e]) || buf[e] == '-' && e+1 < len(buf) && isAlnum(buf[e+1])) {
		e++
	}
	return st, e
}

// capitalRun returns the run of capitalised words (two to four) that
// word sp stands in, joined by single spaces: "Big Bench Audio".
func (s *state) capitalRun(sp span) span {
	st, en := sp.start, sp.end
	for n := 0; n < 3 && st >= 2 && s.buf[st-1] == ' ' && isAlnum(s.buf[st-2]); n++ {
		b := st - 1
		for b > 0 && isAlnum(s.buf[b-1]) {
			b--
		}
		if !isUpper(s.buf[b]) || b > 0 && (s.buf[b-1] == '-' || isAlnum(s.buf[b-1])) {
			break
		}
		st = b
	}
	for n := 0; n < 3 && en+1 < len(s.buf) && s.buf[en] == ' ' && isUpper(s.buf[en+1]); n++ {
		e := en + 1
		for e < len(s.buf) && isAlnum(s.buf[e]) {
			e++
		}
		en = e
	}
	return span{st, en}
}

// introducedBenchNames calls add with the names a benchmark noun of the
// lexicon introduces: right after it ("bộ đánh giá VLSP 2023", "评测
// LongText-Bench-ZH", "benchmark URO-Bench") or, for a noun written with
// spaces, right before it ("the SeaExam benchmark"): one to three Latin
// words, the first with a capital, the others capitalised or numbers, no
// model's name.
func (s *state) introducedBenchNames(add func(string)) {
	for _, n := range s.an.cat.BenchmarkNouns {
		noun := []byte(n)
		for i := 0; ; {
			j := bytes.Index(s.buf[i:], noun)
			if j < 0 {
				break
			}
			j += i
			i = j + len(noun)
			if isAlnum(noun[0]) && j > 0 && isAlnum(s.buf[j-1]) || isAlnum(noun[len(noun)-1]) && i < len(s.buf) && isAlnum(s.buf[i]) && s.buf[i] != 's' {
				continue // "benchmarking"
			}
			if sp, ok := s.nameAfter(i); ok {
				add(string(s.buf[sp.start:sp.end]))
			} else if sp, ok := s.nameBefore(j); ok && isAlnum(noun[0]) {
				add(string(s.buf[sp.start:sp.end]))
			}
		}
	}
}

// nameAfter reads the benchmark name right after p, past spaces and an
// opening quote: one to three words, the first with a capital.
func (s *state) nameAfter(p int) (span, bool) {
	for p < len(s.buf) && s.buf[p] == ' ' {
		p++
	}
	for _, q := range []string{"「", "『", "“", "\"", "'"} {
		if bytes.HasPrefix(s.buf[p:], []byte(q)) {
			p += len(q)
			break
		}
	}
	st, e, words := p, p, 0
	for words < 3 {
		w := benchWordEnd(s.buf, e)
		if w == e || words > 0 && !isUpper(s.buf[e]) && !isDigit(s.buf[e]) {
			break
		}
		e = w
		words++
		if e+1 >= len(s.buf) || s.buf[e] != ' ' || !isAlnum(s.buf[e+1]) {
			break
		}
		if w2 := benchWordEnd(s.buf, e+1); w2 > e+1 && (isUpper(s.buf[e+1]) || isDigit(s.buf[e+1])) {
			e++
			continue
		}
		break
	}
	if e > st && s.buf[e-1] == ' ' {
		e--
	}
	return span{st, e}, s.benchNameAt(span{st, e})
}

// nameBefore reads the benchmark name right before p, back past a space:
// one to three capitalised words or numbers.
func (s *state) nameBefore(p int) (span, bool) {
	if p < 2 || s.buf[p-1] != ' ' {
		return span{}, false
	}
	e := p - 1
	st := e
	for words := 0; words < 3 && st > 0; words++ {
		b := st
		for b > 0 && (isAlnum(s.buf[b-1]) || s.buf[b-1] == '-' || s.buf[b-1] == '.') {
			b--
		}
		if b == st || !isUpper(s.buf[b]) && !isDigit(s.buf[b]) {
			break
		}
		st = b
		if st < 2 || s.buf[st-1] != ' ' || !isAlnum(s.buf[st-2]) {
			break
		}
		st--
	}
	for st < e && s.buf[st] == ' ' {
		st++
	}
	return span{st, e}, s.benchNameAt(span{st, e})
}

// benchWordEnd returns where a word of letters, digits, inner hyphens and
// dots from i ends.
func benchWordEnd(buf []byte, i int) int {
	for i < len(buf) && (isAlnum(buf[i]) || (buf[i] == '-' || buf[i] == '.') && i+1 < len(buf) && isAlnum(buf[i+1])) {
		i++
	}
	return i
}

// benchNameAt reports a name at sp fit to be a benchmark's: a capital
// first, at least three bytes, no model or short name of one, no
// vendor, no catalogued benchmark, no stopword.
func (s *state) benchNameAt(sp span) bool {
	if sp.end-sp.start < 3 || !isUpper(s.buf[sp.start]) || s.covered(sp) || s.benchOverlaps(sp) {
		return false
	}
	w := string(s.buf[sp.start:sp.end])
	if _, vendor := s.an.c.vendorOfAlias[fold(w)]; vendor {
		return false // "every agentic benchmark DeepSeek published"
	}
	return !s.an.c.stopwords[w] && !s.modelTail(w) // "benchmarks Small 3.2 stays …"
}

// tableModelsInProse records the prose mentions of models the page's
// benchmark tables alone introduced (baselineRows: "CosyVoice 3-0.5B",
// "Viettel-LLM 3 32B"; a row marked as the page's own, "Zyla-VC (Ours)"),
// written exactly as in the table, so prose claims
// can name them; a mention a comparison cue points at is compared. It
// returns, per model, one it found in prose (nil when none).
func (s *state) tableModelsInProse() []bool {
	tabled := func(m *modelRec) bool { return m.benched || m.ours }
	if !slices.ContainsFunc(s.models, tabled) {
		return nil
	}
	named := make([]bool, len(s.models))
	for _, m := range s.mentions {
		named[m.model] = true
	}
	sought := func(i int) bool { return tabled(s.models[i]) && !named[i] && len(s.models[i].name) >= 4 }
	n := 0
	for i := range s.models {
		if sought(i) {
			n++
		}
	}
	added := false
	found := make([]bool, len(s.models))
	var starts map[[4]byte][]int
	for i, m := range s.models {
		if !sought(i) {
			continue
		}
		if n <= indexFrom || bordered(m.name) {
			// A few names are read as the text runs, and so is one whose
			// places may overlap.
			found[i] = s.proseMentionsAt(i, s.placesOf(m.name))
			added = found[i] || added
			continue
		}
		if starts == nil {
			starts = s.wordStarts()
		}
		found[i] = s.proseMentionsAt(i, starts[[4]byte([]byte(m.name[:4]))])
		added = found[i] || added
	}
	if !added {
		return nil
	}
	s.sortMentions()
	for _, k := range comparisonCues {
		for _, c := range s.cues[k] {
			chain := s.chainAfter(c.end)
			if c.after {
				chain = s.chainBefore(c.start)
			}
			for _, x := range chain {
				if mm := &s.mentions[x]; mm.role == roleNone && !named[mm.model] {
					mm.role = roleTarget
				}
			}
		}
	}
	return found
}

// releaseInProse reads again the release sentences that name a model only
// the page's benchmark tables introduced (found, from tableModelsInProse):
// the news line "Model Releases - foo-embed-v1 and foo-rerank-v1 are
// available" releases the page's own models, though its leaderboard
// lists them beside baselines; an older entry of the page's history
// stays history (released: recalledIn, datedElsewhere; olderEntries again
// for the log's entries these names date).
func (s *state) releaseInProse(found []bool) {
	if found == nil {
		return
	}
	for _, c := range s.cues[cueRelease] {
		sent := s.sents[s.sentenceAt(c.start)]
		if slices.ContainsFunc(s.mentionsIn(sent.start, sent.end), func(m mention) bool { return found[m.model] }) {
			s.releaseSentence(c)
		}
	}
	s.olderEntries() // "10/2025 - X 1 launched" under "3/2026 - X 2 is here"
}

// proseMentionsAt records the mentions of model i at the places given (in
// text order, each where a name may start) that are its name written as a
// word of its own outside the tables and the mentions read so far.
func (s *state) proseMentionsAt(i int, places []int) bool {
	name := s.models[i].name
	added := false
	for _, st := range places {
		if len(s.mentions) >= maxMentions {
			break
		}
		en := st + len(name)
		if en > len(s.buf) || string(s.buf[st:en]) != name {
			continue
		}
		if st > 0 && (isAlnum(s.buf[st-1]) || s.buf[st-1] == '-') || en < len(s.buf) && (isAlnum(s.buf[en]) || s.buf[en] == '-') ||
			s.inTableLine(st) || s.covered(span{st, en}) {
			continue
		}
		s.mentions = append(s.mentions, mention{span: span{st, en}, model: i, sent: s.sentenceAt(st)})
		added = true
	}
	return added
}

// placesOf returns where name is written in the text, each place after
// the end of the one before.
func (s *state) placesOf(name string) []int {
	var at []int
	for p := 0; ; {
		j := bytes.Index(s.buf[p:], []byte(name))
		if j < 0 {
			return at
		}
		at = append(at, p+j)
		p += j + len(name)
	}
}

// wordStarts indexes by their first four bytes the places a word may
// start (the text's start, or after a byte that is no letter, digit or
// hyphen), so the names of a table with thousands of rows are each looked
// up, not each searched for through the whole text.
func (s *state) wordStarts() map[[4]byte][]int {
	starts := map[[4]byte][]int{}
	for st := 0; st+4 <= len(s.buf); st++ {
		if st > 0 && (isAlnum(s.buf[st-1]) || s.buf[st-1] == '-') {
			continue
		}
		k := [4]byte(s.buf[st : st+4])
		starts[k] = append(starts[k], st)
	}
	return starts
}

// bordered reports a name that begins with its own end ("abcab"): two
// places of it may overlap.
func bordered(name string) bool {
	for k := 1; k < len(name); k++ {
		if name[:k] == name[len(name)-k:] {
			return true
		}
	}
	return false
}

// releaseNumberAfter returns the end of a release number written after a
// benchmark named on the page, en when there is none: " 3.0" of "在自建评测集
// Wan-Bench 3.0 上", " 2.0" of "FooEval 2.0": a single digit and ".0" is a
// version, not a score (such a score would hardly be written with ".0").
// A unit or percent sign after it makes it a score again.
func releaseNumberAfter(buf []byte, en int) int {
	i := en
	if i >= len(buf) || buf[i] != ' ' {
		return en
	}
	i++
	if i+2 >= len(buf) || !isDigit(buf[i]) || buf[i+1] != '.' || buf[i+2] != '0' {
		return en
	}
	e := i + 3
	if e < len(buf) && (isAlnum(buf[e]) || buf[e] == '%' || buf[e] == '.' && e+1 < len(buf) && isDigit(buf[e+1])) {
		return en
	}
	if r, _ := utf8.DecodeRune(buf[e:]); r == '％' || r == '分' || r == '点' {
		return en
	}
	return e
}
