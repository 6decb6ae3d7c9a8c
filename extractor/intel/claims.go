package intel

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/modelwire/modelwire/event"
)

// maxTableCells bounds the cells read per article.
const maxTableCells = 20000

// cell is what a table cell holds.
type cell struct {
	model int // model index, -1 when none
	bench int // benchmark index, -1 when none
	name  string
	value float64
	unit  string
	num   bool
	text  string
}

// readNumberCell reads a body cell, which only numbers matter in.
func (s *state) readNumberCell(text string) cell {
	c := cell{model: -1, bench: -1, text: text}
	t := strings.TrimSpace(strings.Trim(text, "*†‡ "))
	if v, unit, ok := cellNumber(t); ok {
		c.value, c.unit, c.num = v, unit, true
	}
	return c
}

// readCell classifies a table cell: a model, a benchmark or a number.
func (s *state) readCell(text string) cell {
	c := cell{model: -1, bench: -1, text: text}
	t := strings.TrimSpace(strings.Trim(text, "*†‡ "))
	if v, unit, ok := cellNumber(t); ok {
		c.value, c.unit, c.num = v, unit, true
		return c
	}
	if t == "" || len(t) > 120 {
		return c
	}
	sub := s.cellState(t)
	sub.scan()
	s.models = sub.models
	if len(sub.benches) > 0 && sub.benches[0].start < 4 {
		c.bench, c.name = sub.benches[0].idx, sub.benches[0].name
	}
	if len(sub.mentions) > 0 && sub.mentions[0].start < 4 {
		c.model = sub.mentions[0].model
		if c.bench >= 0 && sub.benches[0].start < sub.mentions[0].start {
			c.model = -1
		}
	}
	if c.model < 0 && c.bench < 0 {
		if i, ok := s.byKey[fold(t)]; ok && s.models[i].family < 0 {
			c.model = i // a discovered model
		}
	}
	return c
}

// cellState returns the state that reads one table cell: it shares the
// article's models and is reused from cell to cell.
func (s *state) cellState(text string) *state {
	sub := s.sub
	if sub == nil {
		sub = &state{an: s.an, byKey: s.byKey, cellMode: true, primary: -1, topic: -1}
		s.sub = sub
	}
	sub.models = s.models
	sub.buf = append(sub.buf[:0], text...)
	sub.mentions = sub.mentions[:0]
	sub.benches = sub.benches[:0]
	sub.vendorHits = sub.vendorHits[:0]
	sub.licenses = sub.licenses[:0]
	for k := range sub.cues {
		sub.cues[k] = sub.cues[k][:0]
	}
	return sub
}

// cellNumber parses a score cell: "85.0", "72.7 *", "65,8%", "2121".
func cellNumber(t string) (float64, string, bool) {
	unit := ""
	if strings.HasSuffix(t, "%") {
		unit = "%"
		t = strings.TrimSpace(strings.TrimSuffix(t, "%"))
	}
	if t == "" || len(t) > 12 {
		return 0, "", false
	}
	dots := 0
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c == '.' || c == ',' {
			dots++
			continue
		}
		if !isDigit(c) {
			return 0, "", false
		}
	}
	if dots > 1 || !isDigit(t[0]) {
		return 0, "", false
	}
	v, ok := parseNumber(t)
	return v, unit, ok
}

// tableModels reads the models in table cells (so a model shown only in a
// table is found) and notes the tables that offer models for download.
func (s *state) tableModels() {
	cells := 0
	s.tableCells = make([][][]cell, len(s.tables))
	for ti, t := range s.tables {
		download := false
		rows := make([][]cell, 0, len(t))
		for r, row := range t {
			out := make([]cell, 0, len(row))
			for c, text := range row {
				if cells++; cells > maxTableCells {
					break
				}
				if !utf8.ValidString(text) {
					text = strings.ToValidUTF8(text, "\uFFFD")
				}
				if r < 3 && !download && s.isDownloadCell(text) {
					download = true
				}
				// Names and benchmarks stand in the first rows and columns;
				// the body holds numbers.
				if r < 3 || c < 2 {
					out = append(out, s.readCell(text))
				} else {
					out = append(out, s.readNumberCell(text))
				}
			}
			rows = append(rows, out)
		}
		s.tableCells[ti] = rows
		if !download {
			continue
		}
		for _, row := range rows {
			for _, c := range row {
				if c.model >= 0 {
					s.downloads = append(s.downloads, c.model)
				}
			}
		}
	}
}

func (s *state) isDownloadCell(t string) bool {
	for _, m := range s.an.cat.DownloadMarkers {
		if strings.Contains(t, m) {
			return true
		}
	}
	return false
}

// tableClaims reads scores from benchmark tables: models across the header
// and benchmarks down the first column, or the other way round. Rows with
// fewer cells than the header are aligned on the right, as merged cells
// leave them.
func (s *state) tableClaims() {
	for _, rows := range s.tableCells {
		if len(rows) < 2 {
			continue
		}
		h, models := bestRow(rows, func(c cell) bool { return c.model >= 0 })
		hb, benches := bestRow(rows, func(c cell) bool { return c.bench >= 0 })
		switch {
		case models >= 1 && models >= benches:
			s.modelColumns(rows, h)
		case benches >= 1:
			s.benchColumns(rows, hb)
		}
	}
}

// bestRow returns the row among the first three with the most cells
// satisfying ok.
func bestRow(rows [][]cell, ok func(cell) bool) (int, int) {
	best, bestN := 0, 0
	for r := 0; r < len(rows) && r < 3; r++ {
		n := 0
		for _, c := range rows[r] {
			if ok(c) {
				n++
			}
		}
		if n > bestN {
			best, bestN = r, n
		}
	}
	return best, bestN
}

// align maps cell i of a row with n cells onto the header's columns.
func align(i, n, header int) int {
	if n >= header {
		return i
	}
	return i + header - n
}

func (s *state) modelColumns(rows [][]cell, h int) {
	header := rows[h]
	rowName, rowBench, inherited := "", -1, false
	for r := h + 1; r < len(rows); r++ {
		row := rows[r]
		name, bench := "", -1
		for _, c := range row {
			if c.num {
				break
			}
			if c.bench >= 0 {
				name, bench = c.name, c.bench
				break
			}
		}
		if bench < 0 && len(row) > 0 && !row[0].num && len(row) >= len(header) {
			name = benchLabel(row[0].text) // a benchmark the catalog lacks
		}
		switch {
		case name != "":
			rowName, rowBench, inherited = name, bench, false
		case len(row) < len(header) && rowName != "":
			inherited = true // a merged first cell: the row above's benchmark
		default:
			rowName = ""
			continue
		}
		_ = inherited
		for i, c := range row {
			if !c.num {
				continue
			}
			col := align(i, len(row), len(header))
			if col >= len(header) || header[col].model < 0 {
				continue
			}
			s.scoreClaim(header[col].model, rowName, rowBench, c, rowEvidence(header[col], row))
		}
	}
}

func (s *state) benchColumns(rows [][]cell, h int) {
	header := rows[h]
	names := make([]string, len(header))
	benchIdx := make([]int, len(header))
	for i, c := range header {
		benchIdx[i] = -1
		switch {
		case c.bench >= 0:
			names[i], benchIdx[i] = c.name, c.bench
		case i > 0 && !c.num && c.model < 0:
			names[i] = benchLabel(c.text)
		}
	}
	for r := h + 1; r < len(rows); r++ {
		row := rows[r]
		model := -1
		for _, c := range row {
			if c.model >= 0 {
				model = c.model
				break
			}
			if c.num {
				break
			}
		}
		if model < 0 {
			continue
		}
		for i, c := range row {
			if !c.num {
				continue
			}
			col := align(i, len(row), len(header))
			if col < len(names) && names[col] != "" {
				s.scoreClaim(model, names[col], benchIdx[col], c, rowEvidence(header[col], row))
			}
		}
	}
}

// benchLabel cleans a table label for use as a benchmark name: the text
// before any parenthesis, without trailing marks.
func benchLabel(t string) string {
	if i := strings.IndexAny(t, "(（"); i > 0 {
		t = t[:i]
	}
	t = strings.TrimSpace(strings.Trim(t, "*†‡↑↓ "))
	if len(t) < 2 || len(t) > 40 || strings.ContainsAny(t, "。，") {
		return ""
	}
	return t
}

func (s *state) scoreClaim(model int, bench string, benchIdx int, c cell, evidence string) {
	unit := c.unit
	if unit == "" && benchIdx >= 0 {
		unit = s.an.cat.Benchmarks[benchIdx].Unit
	}
	v := c.value
	s.claims = append(s.claims, event.Claim{
		Model: s.models[model].name, Benchmark: bench, Value: &v, Unit: unit,
		Relation: "score", Evidence: evidence,
	})
}

// proseClaims reads scores ("scores 56.0% on SWE-bench Verified",
// "SWE-bench Verified에서 66.0%") and comparisons ("outperforms GPT-4.1",
// "媲美 GPT-4o") from sentences.
func (s *state) proseClaims() {
	for k := 1; k < len(s.sents); k++ {
		s.sentenceScores(k)
	}
	for _, kind := range []cueKind{cueOutperforms, cueMatches, cueEfficiency} {
		for _, c := range s.cues[kind] {
			s.comparison(kind, c)
		}
	}
	s.dedupeClaims()
}

func (s *state) sentenceScores(k int) {
	sp := s.sents[k]
	benches := benchesIn(s.benches, sp.start, sp.end)
	if len(benches) == 0 || len(benches) > 8 {
		return // none, or a flattened table
	}
	var nums []number
	for i := sp.start; i < sp.end; i++ {
		if !isDigit(s.buf[i]) {
			continue
		}
		n, ok := s.readNumber(i)
		if !ok {
			for i < sp.end && isAlnum(s.buf[i]) {
				i++
			}
			continue
		}
		i = n.end
		if s.covered(n.span) || insideBench(benches, n.span) {
			continue
		}
		nums = append(nums, n)
	}
	type pair struct{ b, n, gap int }
	var pairs []pair
	for bi, b := range benches {
		unit := s.an.cat.Benchmarks[b.idx].Unit
		for ni, n := range nums {
			if !n.percent && !n.decimal && unit == "" {
				continue
			}
			if n.value > 100 && unit == "" {
				continue
			}
			var gap int
			if n.end <= b.start {
				gap = b.start - n.end
			} else {
				gap = n.start - b.end
			}
			if gap < 0 || gap > 40 {
				continue
			}
			pairs = append(pairs, pair{bi, ni, gap})
		}
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i].gap < pairs[j].gap })
	usedB := map[int]bool{}
	usedN := map[int]bool{}
	for _, p := range pairs {
		if usedB[p.b] || usedN[p.n] {
			continue
		}
		usedB[p.b], usedN[p.n] = true, true
		b, n := benches[p.b], nums[p.n]
		model := s.subjectBefore(min(b.start, n.start), k)
		if model < 0 {
			continue
		}
		unit := ""
		if n.percent {
			unit = "%"
		}
		s.scoreClaim(model, b.name, b.idx, cell{value: n.value, unit: unit}, s.sentence(k))
	}
}

func insideBench(benches []benchHit, sp span) bool {
	for _, b := range benches {
		if sp.start < b.end && b.start < sp.end {
			return true
		}
	}
	return false
}

// subjectBefore returns the model a statement at p in sentence k is about:
// the nearest model before p that is not compared against, else the first
// such model of the sentence, else the article's topic model.
func (s *state) subjectBefore(p, k int) int {
	found := -1
	sent := s.sents[k]
	for _, m := range s.mentionsIn(max(sent.start, p-window), min(sent.end, p+window)) {
		if m.role != roleNone {
			continue
		}
		if m.start < p {
			found = m.model
			continue
		}
		if found < 0 {
			found = m.model
		}
		break
	}
	if found < 0 {
		return s.topic
	}
	return found
}

// comparison records the claims a comparison cue makes: its subject, the
// models it points at or, when it names none, the phrase that follows.
func (s *state) comparison(kind cueKind, c hit) {
	k := s.sentenceAt(c.start)
	if k == 0 && s.titleEnd == 0 {
		return
	}
	sp := s.sents[k]
	near := s.mentionsIn(max(sp.start, c.start-window), min(sp.end, c.end+window))
	subject := -1
	for _, m := range near {
		if m.role == roleNone && m.start < c.start {
			subject = m.model
			break
		}
	}
	if subject < 0 && s.pronounStart(sp) {
		subject = s.lastModelBefore(c.start, 400)
	}
	if subject < 0 {
		if c.after {
			for _, m := range near {
				if m.role == roleNone {
					subject = m.model
					break
				}
			}
		}
		if subject < 0 {
			subject = s.topic
		}
	}
	if subject < 0 {
		return
	}
	relation := map[cueKind]string{cueOutperforms: "outperforms", cueMatches: "matches", cueEfficiency: "efficiency"}[kind]
	ev := s.sentence(k)
	chain := s.chainAfter(c.end)
	if c.after {
		chain = s.chainBefore(c.start)
	}
	var targets []int
	for _, i := range chain {
		if m := s.mentions[i]; m.role == roleTarget && m.model != subject {
			targets = append(targets, m.model)
		}
	}
	if len(targets) > 0 {
		for _, t := range targets {
			s.claims = append(s.claims, event.Claim{Model: s.models[subject].name, Relation: relation,
				Target: s.models[t].name, Evidence: ev})
		}
		return
	}
	phrase := s.phraseAfter(c.end, sp.end)
	if c.after {
		phrase = s.phraseBefore(c.start, sp.start)
	}
	if phrase == "" || !s.comparisonNoun(phrase) {
		return
	}
	claim := event.Claim{Model: s.models[subject].name, Relation: relation, Target: phrase, Evidence: ev}
	if bs := benchesIn(s.benches, max(sp.start, c.start-window), min(sp.end, c.end+window)); len(bs) > 0 {
		claim.Benchmark = bs[0].name // "first among open-source models on MMMU"
	}
	s.claims = append(s.claims, claim)
}

// comparisonNoun reports a phrase that names what is compared against
// without naming a model: "open-source models", "commercial solutions".
func (s *state) comparisonNoun(phrase string) bool {
	l := strings.ToLower(phrase)
	for _, n := range s.an.cat.ComparisonNouns {
		if strings.Contains(l, n) {
			return true
		}
	}
	return false
}

// pronounStart reports a sentence opening with a pronoun for the model
// named before ("Its performance is…").
func (s *state) pronounStart(sp span) bool {
	t := bytes.TrimLeft(s.buf[sp.start:sp.end], " ")
	for _, p := range s.an.cat.Pronouns {
		if bytes.HasPrefix(t, []byte(p)) {
			return true
		}
	}
	return false
}

// lastModelBefore returns the last model named before p, within limit
// bytes, that is not compared against.
func (s *state) lastModelBefore(p, limit int) int {
	for i := s.mentionIndex(p) - 1; i >= 0; i-- {
		m := s.mentions[i]
		if m.end > p {
			continue
		}
		if p-m.end > limit {
			return -1
		}
		if m.role == roleNone {
			return m.model
		}
	}
	return -1
}

// phraseAfter returns the words after p up to the next clause break, at
// most 80 bytes: the unnamed target of a comparison.
func (s *state) phraseAfter(p, end int) string {
	q := p
	for q < end && q-p < 80 {
		c := s.buf[q]
		if c == ',' || c == '.' || c == ';' || c == ':' || c == '(' || c == '\n' {
			break
		}
		if c >= 0x80 {
			if strings.HasPrefix(string(s.buf[q:min(end, q+3)]), "，") || strings.HasPrefix(string(s.buf[q:min(end, q+3)]), "。") {
				break
			}
		}
		q++
	}
	for q > p && q < len(s.buf) && q-p >= 80 && s.buf[q] != ' ' {
		q--
	}
	return s.evidence(p, q)
}

func (s *state) phraseBefore(p, start int) string {
	q := p
	for q > start && p-q < 60 {
		c := s.buf[q-1]
		if c == ',' || c == '.' || c == ';' || c == ':' || c == '\n' {
			break
		}
		q--
	}
	for q < p && !runeStart(s.buf[q]) {
		q++
	}
	return s.evidence(q, p)
}

func runeStart(b byte) bool { return b&0xC0 != 0x80 }

// dedupeClaims drops repeated claims, keeping the first.
func (s *state) dedupeClaims() {
	seen := map[string]bool{}
	out := s.claims[:0]
	for _, c := range s.claims {
		v := ""
		if c.Value != nil {
			v = formatValue(*c.Value)
		}
		key := c.Model + "\x00" + c.Benchmark + "\x00" + v + "\x00" + c.Relation + "\x00" + c.Target
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, c)
	}
	s.claims = out
}

func formatValue(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// rowEvidence describes a table score: the column header and the row.
func rowEvidence(header cell, row []cell) string {
	var b strings.Builder
	b.WriteString("table: ")
	b.WriteString(header.text)
	for _, c := range row {
		b.WriteString(" | ")
		b.WriteString(c.text)
		if b.Len() > 200 {
			break
		}
	}
	return b.String()
}
