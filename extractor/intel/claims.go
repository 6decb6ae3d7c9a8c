package intel

import (
	"bytes"
	"sort"
	"strconv"
	"strings"

	"github.com/modelwire/modelwire/event"
)

// scoreClaim records a score of model on a benchmark (benchIdx indexes
// the catalog's benchmarks, -1 for one it lacks); unit defaults to the
// benchmark's.
func (s *state) scoreClaim(model int, bench string, benchIdx int, value float64, unit, evidence string) {
	if unit == "" && benchIdx >= 0 {
		unit = s.an.cat.Benchmarks[benchIdx].Unit
	}
	s.claims = append(s.claims, event.Claim{
		Model: s.models[model].name, Benchmark: bench, Value: &value, Unit: unit,
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
		s.scoreClaim(model, b.name, b.idx, n.value, unit, s.sentence(k))
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
