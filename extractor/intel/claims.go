package intel

import (
	"bytes"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/modelwire/modelwire/event"
)

// scoreClaim records a score of model on a benchmark (benchIdx indexes
// the catalog's benchmarks, -1 for one it lacks); unit defaults to the
// benchmark's.
func (s *state) scoreClaim(model int, bench string, benchIdx int, value float64, unit, evidence string) {
	if unit == "" {
		unit = s.benchUnit(benchIdx)
	}
	s.claims = append(s.claims, event.Claim{
		Model: s.models[model].name, Benchmark: bench, Value: &value, Unit: unit,
		Relation: "score", Evidence: evidence,
	})
}

// benchUnit is the unit of catalogued benchmark idx, "" for one the
// catalog lacks (idx -1).
func (s *state) benchUnit(idx int) string {
	if idx < 0 {
		return ""
	}
	return s.an.cat.Benchmarks[idx].Unit
}

// proseClaims reads scores ("scores 56.0% on SWE-bench Verified",
// "SWE-bench Verified에서 66.0%") and comparisons ("outperforms GPT-4.1",
// "媲美 GPT-4o", "behind Claude 3.7 Sonnet", "improves upon DeepSeek-VL")
// from sentences.
func (s *state) proseClaims() {
	s.taskMetrics()
	for k := 1; k < len(s.sents); k++ {
		s.sentenceScores(k)
	}
	for _, kind := range []cueKind{cueOutperforms, cueMatches, cueEfficiency, cueTrails, cueImproves} {
		for _, c := range s.cues[kind] {
			s.comparison(kind, c)
		}
	}
	for _, c := range s.cues[cueLeads] {
		s.leads(c)
	}
	for k := 1; k < len(s.sents); k++ {
		s.gainComparisons(k)
	}
	s.dedupeClaims()
}

// maxTaskRunes bounds the words of a task named before its metric
// (taskMetrics).
const maxTaskRunes = 8

// taskMetrics adds to the benchmarks of the text the scores a Chinese or
// Japanese text states as a task's metric, the task written right before
// a Latin metric of the catalog's (metric_headers: "F1", "WER", "mAP")
// and a number close after ("词性标注F1值超过0.94", "专名识别F1达到0.85"):
// "词性标注F1" is what the number scores, as a benchmark no catalog
// knows. The task is the run of two to maxTaskRunes letters of those
// scripts after a mark or a space; the metric keeps a capital.
func (s *state) taskMetrics() {
	var added []benchHit
	var lower []byte // the text with its ASCII letters lowered
	for _, m := range s.an.cat.MetricHeaders {
		if len(m) < 2 || !isLetterASCII(m[0]) {
			continue
		}
		if lower == nil {
			lower = make([]byte, len(s.buf))
			for i, b := range s.buf {
				if isUpper(b) {
					b += 'a' - 'A'
				}
				lower[i] = b
			}
		}
		key := []byte(strings.ToLower(m))
		for i := 0; ; {
			j := bytes.Index(lower[i:], key)
			if j < 0 {
				break
			}
			start, end := i+j, i+j+len(m)
			i = end
			word := s.buf[start:end]
			if !hasUpper(word) || end < len(s.buf) && isAlnum(s.buf[end]) {
				continue
			}
			task := s.taskBefore(start)
			if task < 0 || !s.numberSoon(end) {
				continue
			}
			added = append(added, benchHit{span: span{task, end}, idx: -1, name: string(s.buf[task:end])})
		}
	}
	if len(added) == 0 {
		return
	}
	s.benches = append(s.benches, added...)
	sort.SliceStable(s.benches, func(i, j int) bool { return s.benches[i].start < s.benches[j].start })
}

// taskBefore returns where the task named right before position p
// starts: two to maxTaskRunes Han or kana letters after a mark, a space,
// the start of the text or a particle or pronoun of the lexicon's
// task_openers ("在词性标注F1": "词性标注"); -1 when none.
func (s *state) taskBefore(p int) int {
	n, at := 0, p
	for at > 0 {
		r, size := utf8.DecodeLastRune(s.buf[:at])
		if !unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			break
		}
		at -= size
		if n++; n > maxTaskRunes {
			return -1
		}
	}
	run := at
	for _, w := range s.an.cat.TaskOpeners {
		for o := range occurrences(s.buf[run:p], w) {
			at = max(at, run+o+len(w))
		}
	}
	n = utf8.RuneCount(s.buf[at:p])
	if n < 2 {
		return -1
	}
	return at
}

// numberSoon reports a digit within a few letters after position p
// ("值超过0.91", "达到 0.85").
func (s *state) numberSoon(p int) bool {
	for i, n := p, 0; i < len(s.buf) && n < 5; n++ {
		if isDigit(s.buf[i]) {
			return true
		}
		r, size := utf8.DecodeRune(s.buf[i:])
		if !unicode.IsLetter(r) && r != ' ' {
			return false
		}
		i += size
	}
	return false
}

// score is a number of a sentence that may be a benchmark score: owner
// is the model it is written beside ("o3-mini (86.5%)", "GPT-5 at 72.8%",
// "70% for Qwen2.5"), -1 when none; earlier marks an earlier or a rival's
// value without one ("up from 70%", "71.24% -> 80.60%"), delta a change
// ("by 10.5%"), gain a change upwards ("+4.6%", "提升 3.2").
type score struct {
	number
	owner                int
	earlier, delta, gain bool
}

// sentenceScores pairs the scores of sentence k with its benchmarks and
// credits each to the model it is written beside, else to the model the
// sentence is about.
// scoreBefore reports the words between a score and the benchmark after
// it that make it that benchmark's: a score word, alone or before "on"
// ("80,4 điểm MMLU-Pro", "84,6 điểm trên GPQA Diamond", "84.6 points on
// GPQA Diamond").
func scoreBefore(t string) bool {
	t = strings.TrimSpace(t)
	for _, p := range []string{" trên", " on"} {
		if r, ok := strings.CutSuffix(t, p); ok {
			t = r
			break
		}
	}
	return scoreWord(t) || t == "points"
}

func (s *state) sentenceScores(k int) {
	sp := s.sents[k]
	benches := benchesIn(s.benches, sp.start, sp.end)
	if len(benches) == 0 && k > 1 {
		if !s.carriedScores(k) {
			s.benchlessComparison(k)
		}
		return
	}
	if len(benches) == 0 || len(benches) > 8 {
		return // none, or a flattened table
	}
	nums := s.sentenceNumbers(sp, benches)
	if len(benches) == 1 {
		s.respectiveOwners(sp, nums) // "A 和 B 在 X 上分别达到 78.1 和 78.3"
	}
	type pair struct{ b, n, cost int }
	var pairs []pair
	candidates, valued := 0, 0
	for _, n := range nums {
		if !n.earlier && !n.delta && n.owner < 0 {
			candidates++ // a number written beside its model is that model's
			if n.percent || n.decimal {
				valued++ // not "tháng 3"
			}
		}
	}
	for bi, b := range benches {
		unit := s.benchUnit(b.idx)
		for ni, n := range nums {
			if !n.percent && !n.decimal && unit == "" || n.value > 100 && unit == "" {
				continue
			}
			if n.delta || n.earlier && n.owner < 0 {
				continue // "by 10.5%", "up from 70%"
			}
			gap := n.start - b.end
			if n.end <= b.start {
				gap = b.start - n.end
				if scoreBefore(string(s.buf[n.end:b.start])) {
					gap = 0 // "80,4 điểm MMLU-Pro và 69,7 điểm MMMU": the score of the benchmark after its word
				}
			}
			reach := tune.scoreReach
			if len(benches) == 1 && candidates == 1 || n.owner >= 0 {
				reach = tune.scoreReachAlone // "… test, … rising from 89.3% to 99.8%"
			}
			if n.start > b.end && len(benches) == 1 {
				if e := s.clauseOpener(b.end, n.start); e >= 0 && n.start-e <= tune.scoreReach {
					reach = tune.scoreReachAlone // "…; Devstral Small 1.1 reaches 53.6%"
					if valued == 1 {
						// "Trên bộ câu hỏi VLegalQA do nhóm tự xây dựng …,
						// TreLM-3-9B trả lời đúng 71,4%": the one score of
						// the sentence's one benchmark, however long the
						// phrase that introduces it, is the clause's.
						gap = min(gap, n.start-e)
					}
				}
			}
			if gap < 0 || gap > reach {
				continue
			}
			if n.start > b.end && slices.Contains(s.an.cat.ListJoiners, strings.TrimSpace(string(s.buf[b.end:n.start]))) {
				continue // "… trên HLE và 96,0 trên AIME 2026": the next item's number
			}
			cost := gap
			lo, hi := min(n.end, b.end), max(n.start, b.start)
			if lo < hi && (clauseBreak(s.buf[lo:hi]) || bytes.Contains(s.buf[lo:hi], []byte("、"))) {
				cost += tune.scoreReachAlone // a number across a comma is another clause's
			}
			pairs = append(pairs, pair{bi, ni, cost})
		}
	}
	if order := s.respectiveOrder(sp, benches, nums); order != nil {
		pairs = pairs[:0]
		for bi, ni := range order {
			pairs = append(pairs, pair{bi, ni, 0})
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].cost < pairs[j].cost })
	usedN := make([]bool, len(nums))
	var credited []scored
	// Each benchmark scores the sentence's subject once; scores written
	// beside their own model ("o3-mini (86.5%)") are theirs.
	subjectDone := make([]bool, len(benches))
	for _, p := range pairs {
		n := nums[p.n]
		b := benches[p.b]
		// "A scores 61.6% on X, …; B reaches 53.6%": a model that opens
		// a clause past the benchmark is the subject of its numbers.
		clause := n.owner < 0 && n.start > b.end && s.clauseOpener(b.end, n.start) >= 0
		if usedN[p.n] || n.owner < 0 && subjectDone[p.b] && !clause {
			continue
		}
		model := n.owner
		if model < 0 {
			at := min(b.start, n.start)
			if clause {
				at = n.start
			} else {
				subjectDone[p.b] = true
			}
			model = s.variantInScope(s.specific(s.subjectBefore(at, k)), at)
			if n.start > b.end {
				if q := s.qualifiedNoun(span{b.end, n.start}); q >= 0 {
					// "On the FLEURS benchmark the Small model reaches
					// 3.9%": the model noun past the benchmark is the
					// subject, not the one the sentences before name.
					model = q
				}
			}
			if clause && creditedTo(credited, p.b, model) {
				continue
			}
			if model >= 0 && earlierOwner(nums, model) {
				// "reaches 89.2%, up from 86.6% for Codestral 25.01": the
				// new value is not the old model's but the topic's.
				model = -1
				if t := s.topic; t >= 0 && !earlierOwner(nums, t) {
					model = t
				}
			}
		}
		if model < 0 {
			continue
		}
		usedN[p.n] = true
		unit := ""
		if n.percent {
			unit = "%"
		}
		s.scoreClaim(model, b.name, b.idx, n.value, unit, s.sentence(k))
		credited = append(credited, scored{p.b, model, n.start, n.value, n.earlier && n.owner >= 0})
	}
	s.earlierComparisons(credited, benches, k)
}

// respectiveOrder pairs the benchmarks of a sentence that says its
// numbers go with them in order ("在 C-Eval 和 CMMLU 上分别取得 75.3 和
// 72.1", "… on A and B, respectively"): the i-th benchmark's number is
// the i-th of as many scores, no change and all of one model at most, all
// written after the benchmarks or all before them. It returns the index
// in nums of each benchmark's number, nil when the sentence says no such
// thing or the counts differ.
func (s *state) respectiveOrder(sp span, benches []benchHit, nums []score) []int {
	if len(benches) < 2 || !s.respective(sp) {
		return nil
	}
	// A number beside the sentence's one model ("A scores 85.2 and 90.1
	// on X and Y, respectively") is one of the list; beside models of
	// their own, numbers are theirs.
	owner := -1
	for _, n := range nums {
		if n.owner >= 0 && owner >= 0 && n.owner != owner {
			return nil
		}
		owner = max(owner, n.owner)
	}
	var after, before []int
	for i, n := range nums {
		if n.delta || n.earlier || !n.percent && !n.decimal {
			continue
		}
		switch {
		case n.start >= benches[len(benches)-1].end:
			after = append(after, i)
		case n.end <= benches[0].start:
			before = append(before, i)
		default:
			return nil // numbers between the benchmarks: each beside its own
		}
	}
	switch {
	case len(after) == len(benches) && len(before) == 0:
		return after
	case len(before) == len(benches) && len(after) == 0:
		return before
	}
	return nil
}

// respectiveOwners gives the scores of a sentence that lists models and
// then as many scores, saying they go in order ("PP-YOLOE-R-l和
// PP-YOLOE-R-x分别达到了78.14和78.28", "A and B reach 78.1 and 78.3,
// respectively"), to those models in order: the i-th score, neither a
// change nor written beside a model, is the i-th model's.
func (s *state) respectiveOwners(sp span, nums []score) {
	if !s.respective(sp) {
		return
	}
	var free []int
	for i, n := range nums {
		if !n.delta && !n.earlier && n.owner < 0 && (n.percent || n.decimal) {
			free = append(free, i)
		}
	}
	if len(free) < 2 {
		return
	}
	var models []int
	for _, m := range s.mentionsIn(sp.start, nums[free[0]].start) {
		if m.role != roleNone {
			return // a rival or an older model among them: not a plain list
		}
		if !slices.Contains(models, m.model) {
			models = append(models, m.model)
		}
	}
	if len(models) != len(free) || len(s.mentionsIn(nums[free[0]].start, sp.end)) > 0 {
		return
	}
	for i, ni := range free {
		nums[ni].owner = models[i]
	}
}

// respective reports one of the lexicon's respective_words in sentence
// sp, a Latin one as a word.
func (s *state) respective(sp span) bool {
	t := s.buf[sp.start:sp.end]
	for _, w := range s.an.cat.RespectiveWords {
		for i := 0; ; {
			j := bytes.Index(t[i:], []byte(w))
			if j < 0 {
				break
			}
			j += i
			end := j + len(w)
			if !isAlnum(w[0]) || (j == 0 || !isAlnum(t[j-1])) && (end == len(t) || !isAlnum(t[end])) {
				return true
			}
			i = end
		}
	}
	return false
}

// scored is a score sentenceScores credited: the benchmark's index in the
// sentence, the model, where the number starts, its value, and whether it
// is an earlier value of a model named beside it ("up from 79.1 for
// Granite 3.3 8B Instruct").
type scored struct {
	bench, model, at int
	value            float64
	earlier          bool
}

// earlierComparisons records the comparison a sentence makes by writing a
// score beside an earlier one of another model on the same benchmark
// ("reaches 86.4 on IFEval, up from 79.1 for Granite 3.3 8B Instruct",
// "前バージョンのLlama 4 Maverick（70.9）から"): the model of the nearest
// current score before it outperforms or trails that model, by the values.
func (s *state) earlierComparisons(credited []scored, benches []benchHit, k int) {
	for _, o := range credited {
		if !o.earlier {
			continue
		}
		c := -1
		for i, x := range credited {
			if !x.earlier && x.bench == o.bench && x.model != o.model && x.at < o.at && (c < 0 || x.at > credited[c].at) {
				c = i
			}
		}
		if c < 0 {
			continue
		}
		better := credited[c].value >= o.value
		if s.lowerBetter(s.sents[k]) {
			better = credited[c].value <= o.value // "WER 1.62, down from 2.94"
		}
		rel := "outperforms"
		if !better {
			rel = "trails"
		}
		s.claims = append(s.claims, event.Claim{Model: s.models[credited[c].model].name, Benchmark: benches[o.bench].name,
			Relation: rel, Target: s.models[o.model].name, Evidence: s.sentence(k)})
	}
}

// benchlessComparison records the comparison a sentence that names no
// benchmark makes by writing its subject's value before an earlier one of
// another model ("LargeでCER 6.8%と、Whisper large-v3の9.9%から約3割改善した"):
// the subject outperforms that model when its value is the better one —
// the lower where the sentence says lower is better — and trails it
// otherwise.
func (s *state) benchlessComparison(k int) {
	sp := s.sents[k]
	if len(s.mentionsIn(sp.start, sp.end)) == 0 || s.inTableLine(sp.start) || !twoNumbers(s.buf[sp.start:sp.end]) {
		return
	}
	nums := s.sentenceNumbers(sp, nil)
	for i, o := range nums {
		if !o.earlier || o.owner < 0 || o.delta {
			continue
		}
		cur := -1
		for j := i - 1; j >= 0; j-- {
			if n := nums[j]; !n.earlier && !n.delta && n.percent == o.percent && (n.percent || n.decimal) {
				cur = j
				break
			}
		}
		if cur < 0 {
			continue
		}
		n := nums[cur]
		subject := n.owner // "Largeで6.8%と、Whisper large-v3の9.9%から"
		if subject < 0 {
			subject = s.variantInScope(s.specific(s.subjectBefore(n.start, k)), n.start)
		}
		if subject < 0 || subject == o.owner {
			continue
		}
		better := n.value > o.value
		if s.lowerBetter(sp) {
			better = n.value < o.value
		}
		rel := "trails"
		if better {
			rel = "outperforms"
		}
		s.claims = append(s.claims, event.Claim{Model: s.models[subject].name, Relation: rel,
			Target: s.models[o.owner].name, Evidence: s.sentence(k)})
	}
}

// leads records the claims of a sentence that says a model ranks first
// with no number (a leads cue: "Chronos-2 achieves the best performance
// on fev-bench and GIFT-Eval", "🥇 fev-bench: Rank #1 overall"): the
// model the statement is about leads on each benchmark the sentence
// names that it has no score on already. A sentence that negates or
// plans, a table's line and a sentence of a comparison with a rival
// ("…ranks first, ahead of X") are left to the other readers.
func (s *state) leads(c hit) {
	k := s.sentenceAt(c.start)
	if k == 0 && s.titleEnd == 0 {
		return
	}
	sp := s.sents[k]
	benches := benchesIn(s.benches, sp.start, sp.end)
	if len(benches) == 0 || len(benches) > tune.leadBenches || s.inTableLine(sp.start) {
		return
	}
	if len(hitsIn(s.cues[cueNegation], sp.start, sp.end)) > 0 || len(hitsIn(s.cues[cuePlanned], sp.start, sp.end)) > 0 {
		return
	}
	model := s.variantInScope(s.specific(s.subjectBefore(c.start, k)), c.start)
	if model < 0 {
		return
	}
	ev := s.sentence(k)
	for _, b := range benches {
		if s.scoredOn(model, b.name) {
			continue
		}
		s.claims = append(s.claims, event.Claim{Model: s.models[model].name, Benchmark: b.name, Relation: "leads", Evidence: ev})
	}
}

// scoredOn reports a claim of a value of model on benchmark bench.
func (s *state) scoredOn(model int, bench string) bool {
	for _, c := range s.claims {
		if c.Model == s.models[model].name && c.Benchmark == bench && c.Value != nil {
			return true
		}
	}
	return false
}

// twoNumbers reports two numbers with a decimal point or a percent sign
// in t, what a comparison by values needs.
func twoNumbers(t []byte) bool {
	n := 0
	for i := 0; i < len(t); {
		if !isDigit(t[i]) {
			i++
			continue
		}
		j, point := i, false
		for j < len(t) && (isDigit(t[j]) || (t[j] == '.' || t[j] == ',') && j+1 < len(t) && isDigit(t[j+1])) {
			point = point || !isDigit(t[j])
			j++
		}
		if point || j < len(t) && t[j] == '%' {
			if n++; n == 2 {
				return true
			}
		}
		i = j
	}
	return false
}

// lowerBetter reports a sentence that says its values are better lower
// ("低いほど良い", "lower is better"), or names a metric that is (WER,
// CER): a phrase of the lexicon's lower_better list.
func (s *state) lowerBetter(sp span) bool {
	t := s.buf[sp.start:sp.end]
	for _, w := range s.an.cat.LowerBetter {
		if bytes.Contains(t, []byte(w)) {
			return true
		}
	}
	return false
}

// creditedTo reports a score of benchmark b already credited to model.
func creditedTo(credited []scored, b, model int) bool {
	for _, c := range credited {
		if c.bench == b && c.model == model {
			return true
		}
	}
	return false
}

// clauseOpener returns where the model that opens a clause in [lo, hi)
// ends: named after a clause break, not compared against and no number's
// owner; -1 when none.
func (s *state) clauseOpener(lo, hi int) int {
	if m, ok := s.clauseOpening(lo, hi); ok {
		return m.end
	}
	return -1
}

// clauseOpening returns the mention of the model that opens a clause in
// [lo, hi), as clauseOpener reads it.
func (s *state) clauseOpening(lo, hi int) (mention, bool) {
	for _, m := range s.mentionsIn(lo, hi) {
		if m.end > hi || m.role != roleNone || !clauseBreak(s.buf[lo:m.start]) {
			continue
		}
		t := bytes.TrimLeft(s.buf[m.end:hi], " ")
		if len(t) > 0 && (t[0] == '(' || bytes.HasPrefix(t, []byte("（"))) {
			continue // "GPT-4.1 (74.3)": a number's owner
		}
		return m, true
	}
	return mention{}, false
}

// earlierOwner reports a model that owns an earlier value among nums
// ("up from 86.6% for Codestral 25.01").
func earlierOwner(nums []score, model int) bool {
	for _, n := range nums {
		if n.earlier && n.owner == model {
			return true
		}
	}
	return false
}

// carriedScores credits the scores sentence k writes beside their models
// on the one benchmark of the sentence before, which it goes on about, and
// reports whether there was one
// ("… SWE-bench Verified で74.9%… 。「クロード・オーパス4.1」（74.5%）も…").
func (s *state) carriedScores(k int) bool {
	sp := s.sents[k]
	benches, far := s.carriedBench(k)
	if len(benches) != 1 || s.inTableLine(sp.start) {
		return false
	}
	b := benches[0]
	unit := s.benchUnit(b.idx)
	nums := s.sentenceNumbers(sp, nil)
	opener := s.sentenceOpener(sp, nums)
	if opener < 0 {
		opener = s.nounOpener(sp, nums) // "…ScandEval… . The Lite model scores 59.4"
	}
	first := -1
	if ms := s.mentionsIn(sp.start, sp.end); len(ms) > 0 && ms[0].role == roleNone && fewWords(bytes.TrimSpace(s.buf[sp.start:ms[0].start])) {
		first = ms[0].model
	}
	lo := sp.start
	var credited []scored
	for _, n := range nums {
		owner := n.owner
		if owner < 0 && !n.earlier && opener >= 0 && !currencyBefore(s.buf, n.start) {
			// "…on SWE-Bench Verified…; Devstral Small 1.1 reaches 53.6%":
			// the one score of a sentence that opens with its model.
			owner = opener
		}
		if m, ok := s.clauseOpening(lo, n.start); owner < 0 && !n.earlier && ok && n.start-m.end <= tune.scoreReach && !currencyBefore(s.buf, n.start) {
			// "Google reported 44.0 percent for X on the same test, and
			// Anthropic's Claude Opus 5 system card lists 39.7 percent":
			// the score of the clause its model opens.
			owner = m.model
		}
		lo = n.end
		if owner < 0 || n.delta || !n.percent && !n.decimal && unit == "" || n.value > 100 && unit == "" {
			continue
		}
		if far && owner != first {
			continue // two sentences on, only the score of the model that opens it
		}
		u := ""
		if n.percent {
			u = "%"
		}
		s.scoreClaim(owner, b.name, b.idx, n.value, u, s.sentence(k))
		credited = append(credited, scored{0, owner, n.start, n.value, n.earlier && n.owner >= 0})
	}
	// "Baichuan-M3-32B 得分 63.0，较上一代 Baichuan-M2-32B 的 60.1 分…":
	// a carried score before another model's earlier one compares.
	s.earlierComparisons(credited, benches, k)
	return true
}

// carriedBench returns the benchmarks of the sentence before k in its
// paragraph, or, when that one names none, of the one before it
// ("…VLegalQA…, TreLM-3-9B trả lời đúng 71,4%. Con số này cao hơn X.
// Bản TreLM-3-2B đạt 60,7%."): what sentence k goes on about; far
// reports the one before.
func (s *state) carriedBench(k int) ([]benchHit, bool) {
	for j := k - 1; j >= 1 && j >= k-maxCarry; j-- {
		prev := s.sents[j]
		if s.sents[j+1].start-prev.end > 2 {
			return nil, false // another paragraph
		}
		if b := benchesIn(s.benches, prev.start, prev.end); len(b) > 0 {
			return b, j < k-1
		}
		if !twoNumbers(s.buf[prev.start:prev.end]) {
			return nil, false // a sentence on something else
		}
	}
	return nil, false
}

// maxCarry is how many sentences back a benchmark carries to one that
// names none.
const maxCarry = 2

// sentenceOpener returns the model sentence sp opens with, after at most
// a few words (fewWords), not compared against nor built on, when the
// sentence writes one number beside no model (nums) after it; -1
// otherwise. An older model opens one too: "…on AIME 2026; the original
// gpt-oss-120b, re-run on the same test, manages 71.3 percent".
func (s *state) sentenceOpener(sp span, nums []score) int {
	ms := s.mentionsIn(sp.start, sp.end)
	if len(ms) == 0 || ms[0].role != roleNone && ms[0].role != roleHistory || !fewWords(bytes.TrimSpace(s.buf[sp.start:ms[0].start])) {
		return -1
	}
	free := 0
	for _, n := range nums {
		if n.owner < 0 && !n.earlier && !n.delta {
			if n.start < ms[0].end {
				return -1
			}
			free++
		}
	}
	if free != 1 {
		return -1
	}
	return ms[0].model
}

// nounOpener returns the article's own model a sentence opens by a
// variant or size word before a model noun ("The Lite model scores
// 59.4"), when it names no model before its one number beside none; -1
// otherwise.
func (s *state) nounOpener(sp span, nums []score) int {
	first, free := -1, 0
	for _, n := range nums {
		if n.owner < 0 && !n.earlier && !n.delta {
			if first < 0 {
				first = n.start
			}
			free++
		}
	}
	if free != 1 || first-sp.start > tune.scoreReachAlone || len(s.mentionsIn(sp.start, first)) > 0 {
		return -1
	}
	return s.qualifiedNoun(span{sp.start, first})
}

// fewWords reports at most two words of Latin letters before a sentence's
// first model, no digits nor punctuation ("Bản TreLM-3-2B đạt 60,7%",
// "Google's Gemini 3.5 Pro posts 44.0%"): the model still opens it.
func fewWords(b []byte) bool {
	if len(b) > 24 || bytes.Count(b, []byte(" ")) > 1 {
		return false
	}
	for _, r := range string(b) {
		if !unicode.Is(unicode.Latin, r) && r != ' ' && r != '\'' && r != '’' {
			return false
		}
	}
	return true
}

// currencyBefore reports a currency sign right before a number at i
// ("$0.50", "¥2"): a price, no score.
func currencyBefore(buf []byte, i int) bool {
	b := bytes.TrimRight(buf[max(0, i-4):i], " ")
	for _, c := range []string{"$", "€", "¥", "￥", "£"} {
		if bytes.HasSuffix(b, []byte(c)) {
			return true
		}
	}
	return false
}

// timesAt reports a multiplier right after a number at i, one of the
// lexicon's times_words: "배", "倍", "×", or "x", "times" and "lần"
// ending a word ("2.5x faster", "3 times", "gấp 2,5 lần"), and no
// times_not_after word next ("lần lượt", respectively).
func (s *state) timesAt(i int) bool {
	rest := s.buf[i:]
	for _, w := range s.an.cat.TimesWords {
		if bytes.HasPrefix(rest, []byte(w)) && (len(rest) == len(w) || !isAlnum(w[len(w)-1]) || !isAlnum(rest[len(w)])) {
			return !s.timesNotAfter(rest[len(w):])
		}
	}
	return false
}

// timesNotAfter reports whether rest, the text after a times word, opens
// with one of the lexicon's times_not_after words, whole.
func (s *state) timesNotAfter(rest []byte) bool {
	rest = bytes.TrimLeft(rest, " ")
	for _, w := range s.an.cat.TimesNotAfter {
		if !bytes.HasPrefix(rest, []byte(w)) {
			continue
		}
		if r, _ := utf8.DecodeRune(rest[len(w):]); len(rest) == len(w) || !isLetterOrDigit(r) {
			return true
		}
	}
	return false
}

// gainComparisons records the comparison sentence k makes by writing a
// rise of its subject's score beside a model it is measured over: a gain
// ("+4.6% on OmniDocBench over Y", "比 Y 提升 3.2", "Y 대비 +2.1점 향상",
// "cải thiện 3,2 điểm so với Y") or an earlier value and the current one
// ("from 70.1 to 80.6 compared with Y", "70.1 → 80.6"). The subject
// outperforms that model, on the benchmark the sentence names nearest the
// rise; an earlier value beside no model of its own is the rival's score
// there. A sentence that says its subject trails is left to the cues.
func (s *state) gainComparisons(k int) {
	sp := s.sents[k]
	if s.inTableLine(sp.start) || len(hitsIn(s.cues[cueTrails], sp.start, sp.end)) > 0 {
		return
	}
	rivals := s.gainRivals(sp)
	if len(rivals) == 0 {
		return
	}
	benches := benchesIn(s.benches, sp.start, sp.end)
	nums := s.sentenceNumbers(sp, benches)
	at, earlier := s.rise(nums, sp)
	if at < 0 {
		return
	}
	subject := s.gainSubject(k, at, rivals)
	if subject < 0 {
		return
	}
	ev := s.sentence(k)
	for i, rival := range rivals {
		claim := event.Claim{Model: s.models[subject].name, Relation: "outperforms", Target: s.models[rival].name, Evidence: ev}
		if b := nearestBench(benches, at); b >= 0 {
			claim.Benchmark = benches[b].name
			if i == 0 && earlier >= 0 && !s.scoredOn(rival, benches[b].name) {
				unit := ""
				if nums[earlier].percent {
					unit = "%"
				}
				s.scoreClaim(rival, benches[b].name, benches[b].idx, nums[earlier].value, unit, ev)
			}
		}
		s.claims = append(s.claims, claim)
	}
}

// rise returns where the rise of sentence sp's subject is written: its
// first gain, or the current value after an earlier one of no model's
// that it betters (the lower where the sentence says lower is better),
// with that earlier value's index in nums; -1, -1 when none.
func (s *state) rise(nums []score, sp span) (int, int) {
	for _, n := range nums {
		if n.gain || n.percent && n.value > winRateEven && n.value <= 100 && s.winRateBefore(n.start, sp.start) {
			return n.start, -1 // "+4.6%", "win rates of 75.7% over X"
		}
	}
	lower := s.lowerBetter(sp)
	for i, o := range nums {
		if !o.earlier || o.delta || o.owner >= 0 || !o.percent && !o.decimal {
			continue
		}
		for _, n := range nums[i+1:] {
			if n.earlier || n.delta || n.owner >= 0 || n.percent != o.percent {
				continue
			}
			if n.value > o.value != lower && n.value != o.value {
				return n.start, i
			}
			break
		}
	}
	return -1, -1
}

// winRateEven is the pairwise win rate, in percent, of two models that
// do equally well: a win rate above it over a rival betters the rival.
const winRateEven = 50

// winRateBefore reports a win-rate word of the lexicon in the scoreReach
// bytes before p, from start on ("win rates of 75.7%").
func (s *state) winRateBefore(p, start int) bool {
	return hasAnyFold(s.buf[max(start, p-tune.scoreReach):p], s.an.cat.WinRateWords)
}

// gainRivals returns the models of sentence sp a gain word of the
// lexicon marks as what a rise is measured over: those a word before
// marks ("over X", "比 X"), else those a word after marks ("X 대비",
// "X比"), so that in "A 比 B 提升" B is the rival, not A.
func (s *state) gainRivals(sp span) []int {
	ms := s.mentionsIn(sp.start, sp.end)
	var rivals []int
	for _, m := range ms {
		if s.gainWordBefore(m.span) && !slices.Contains(rivals, m.model) {
			rivals = append(rivals, m.model)
		}
	}
	if len(rivals) > 0 {
		return rivals
	}
	for _, m := range ms {
		if s.gainWordAfter(m.span) && !slices.Contains(rivals, m.model) {
			rivals = append(rivals, m.model)
		}
	}
	return rivals
}

// gainWordBefore reports a gain rival word right before a model name at
// m, an opening quote between or none ("over X", "over \"X\"", "比X").
func (s *state) gainWordBefore(m span) bool {
	before := bytes.TrimRight(s.buf[max(0, m.start-tune.phraseAfter):m.start], " \"'“「")
	for _, w := range s.an.cat.GainRivalsBefore {
		if bytes.HasSuffix(before, []byte(w)) {
			if n := len(before) - len(w); n == 0 || !isAlnum(before[n-1]) || !isAlnum(w[0]) {
				return true
			}
		}
	}
	return false
}

// gainWordAfter reports a gain rival word right after a model name at m
// ("X 대비", "X比").
func (s *state) gainWordAfter(m span) bool {
	after := bytes.TrimLeft(s.buf[m.end:min(len(s.buf), m.end+tune.phraseAfter)], " ")
	for _, w := range s.an.cat.GainRivalsAfter {
		if bytes.HasPrefix(after, []byte(w)) {
			return true
		}
	}
	return false
}

// gainSubject returns the model whose rise at p sentence k writes: the
// last model before it that is neither compared against nor a rival,
// else the model a list's lead-in names, else the sentence's subject,
// else the article's topic when that is no rival; -1 when none.
func (s *state) gainSubject(k, p int, rivals []int) int {
	subject := -1
	for _, m := range s.mentionsIn(s.sents[k].start, p) {
		if m.role == roleNone && !slices.Contains(rivals, m.model) {
			subject = m.model
		}
	}
	if subject < 0 {
		subject = s.leadInSubject(k) // "X highlights: / Medium tier … +4.6% over Y"
	}
	if subject < 0 {
		subject = s.subjectBefore(p, k)
	}
	if slices.Contains(rivals, subject) {
		subject = s.topic
	}
	if subject < 0 || slices.Contains(rivals, subject) {
		return -1
	}
	return s.variantInScope(s.specific(subject), p)
}

// nearestBench returns the index of the benchmark of benches nearest to
// p, -1 when there is none.
func nearestBench(benches []benchHit, p int) int {
	best, dist := -1, 0
	for i, b := range benches {
		d := p - b.end
		if b.start > p {
			d = b.start - p
		}
		if best < 0 || d < dist {
			best, dist = i, d
		}
	}
	return best
}

// sentenceNumbers reads the numbers of sentence sp that may be scores,
// with the model each is written beside and whether it is an earlier
// value or a change.
func (s *state) sentenceNumbers(sp span, benches []benchHit) []score {
	var nums []score
	unitBench := false // a rating or Elo: whole numbers are scores too
	for _, b := range benches {
		if s.benchUnit(b.idx) != "" {
			unitBench = true
		}
	}
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
		if s.covered(n.span) || insideBench(benches, n.span) || !n.decimal && !n.percent && dateUnitAt(s.buf, n.end) {
			continue // "截至2024年10月14日": a date, no score
		}
		if s.inLicense(n.span) {
			continue // "Apache 2.0": a licence's version, no score
		}
		if !n.percent && s.timesAt(n.end) {
			continue // "파라미터가 2.5배 많은", "3倍", "2.5x faster": a ratio, no score
		}
		sc := score{number: n, owner: -1}
		if n.percent || n.decimal || unitBench {
			// Only these can pair without a benchmark's unit; the others
			// rarely matter, so their context is read only when they do.
			sc.owner = s.numberOwner(n.span, sp)
			sc.earlier, sc.delta = s.cueAround(cueEarlier, n.span) || s.arrowAfter(n.span), s.cueAround(cueDelta, n.span)
			sc.gain = s.cueAround(cueGain, n.span) || plusSigned(s.buf, n.start)
			margin := s.marginAfterRival(n.span, sp)
			sc.delta = sc.delta || sc.gain || margin
			if sc.delta && sc.owner >= 0 && margin {
				sc.owner = -1 // "cao hơn Qwen3-8B 2,3 điểm": by how much, no score of the rival
			}
			if !sc.earlier && sc.owner >= 0 {
				sc.earlier = s.ownerIntroducedEarlier(sc.owner, n.start, sp) // "较上一代 X 的 60.1 分"
			}
			if k := len(nums) - 1; !sc.earlier && sc.owner >= 0 && k >= 0 && nums[k].earlier && nums[k].owner >= 0 &&
				s.listGoesOn(s.buf[nums[k].end:n.start]) {
				sc.earlier = true // "versus 58.9 for Y and 68.4 for Z"
			}
		}
		nums = append(nums, sc)
	}
	return nums
}

// marginAfterRival reports a number written right after the rival a
// comparison cue points at, nothing but spaces between ("cao hơn Qwen3-8B
// 2,3 điểm", "outperforms GPT-4o 3.1 points"): by how much the subject
// wins, not the rival's score, which a bracket or a connector marks
// ("outperforms GPT-4o (86.5%)", "beats GPT-4o at 80.1%").
func (s *state) marginAfterRival(n, sent span) bool {
	i := s.mentionIndex(n.start) - 1
	if i < 0 {
		return false
	}
	m := s.mentions[i]
	if m.end > n.start || m.start < sent.start || m.role != roleTarget || len(bytes.TrimSpace(s.buf[m.end:n.start])) > 0 {
		return false
	}
	for _, k := range measuredCues {
		for _, h := range hitsIn(s.cues[k], max(sent.start, m.start-tune.phraseAfter), m.start) {
			if !h.after && h.end <= m.start && len(bytes.TrimSpace(s.buf[h.end:m.start])) == 0 {
				return true
			}
		}
	}
	return false
}

// inLicense reports a span inside a licence's name.
func (s *state) inLicense(sp span) bool {
	for _, h := range hitsIn(s.licenses, sp.start-64, sp.end) {
		if h.start <= sp.start && sp.end <= h.end {
			return true
		}
	}
	return false
}

// ownerIntroducedEarlier reports the owner of a number at p named right
// before it after a word of an earlier value, a word of history between
// or not ("较上一代 Baichuan-M2-32B 的 60.1 分", "compared with X's
// 60.1"): the value is an earlier one, what the subject is measured
// against.
func (s *state) ownerIntroducedEarlier(owner, p int, sent span) bool {
	i := s.mentionIndex(p) - 1
	for ; i >= 0 && s.mentions[i].end > p; i-- {
	}
	if i < 0 || s.mentions[i].model != owner || s.mentions[i].start < sent.start {
		return false
	}
	return s.earlierWordBefore(s.mentions[i].start, sent)
}

// earlierWordBefore reports a word of an earlier value right before a
// name at at, a word of history between or not ("较上一代 X", "compared
// with X"), or one of the lexicon's rank_words ("above X"): the name is
// what another is measured against.
func (s *state) earlierWordBefore(at int, sent span) bool {
	for _, h := range hitsIn(s.cues[cueHistory], max(sent.start, at-tune.ownerGap), at) {
		if len(bytes.TrimSpace(s.buf[h.end:at])) == 0 {
			at = h.start // "上一代 ", "前世代の "
			break
		}
	}
	before := bytes.TrimRight(s.buf[max(sent.start, at-16):at], " ")
	for _, w := range s.an.c.valueWords[cueEarlier] {
		if w.after || len(before) < len(w.text) || !hasPrefixFold(before[len(before)-len(w.text):], w.text) {
			continue
		}
		if k := len(before) - len(w.text); k == 0 || !isAlnum(before[k-1]) || !isAlnum(w.text[0]) {
			return true
		}
	}
	for _, w := range s.an.cat.RankWords {
		if k := len(before) - len(w); k >= 0 && hasPrefixFold(before[k:], w) && (k == 0 || !isAlnum(before[k-1]) || !isAlnum(w[0])) {
			return true // "92.1 on AIME 2025, above X's 89.3"
		}
	}
	return false
}

// listGoesOn reports a gap between two numbers that ends with a list
// joiner ("… for Step-Audio 2 mini and ", "…, "): the second is an item
// of the first's list.
func (s *state) listGoesOn(gap []byte) bool {
	if len(gap) > 64 || bytes.ContainsAny(gap, ";.") {
		return false
	}
	g := bytes.TrimRight(gap, " ")
	if bytes.HasSuffix(g, []byte(",")) || bytes.HasSuffix(g, []byte("、")) || bytes.HasSuffix(g, []byte("，")) {
		return true
	}
	for _, j := range s.an.cat.ListJoiners {
		if bytes.HasSuffix(g, []byte(" "+j)) || j[0] >= utf8.RuneSelf && bytes.HasSuffix(g, []byte(j)) {
			return true
		}
	}
	return false
}

// dateUnitAt reports a CJK date unit at i, right after a number: "年",
// "月", "日", "년", "월", "일".
func dateUnitAt(buf []byte, i int) bool {
	r, _ := utf8.DecodeRune(buf[i:])
	switch r {
	case '年', '月', '日', '년', '월', '일':
		return true
	}
	return false
}

// cueAround reports a phrase of kind k (earlier, delta) right before a
// number ("up from 70%", "by 10.5%"), or right after it for a phrase that
// follows what it qualifies ("70%에서", "5ポイント").
func (s *state) cueAround(k cueKind, n span) bool {
	before := bytes.TrimRight(s.buf[max(0, n.start-32):n.start], " (（")
	after := s.buf[n.end:min(len(s.buf), n.end+32)]
	after = after[min(len(after), unitLen(after)):]
	after = bytes.TrimPrefix(bytes.TrimPrefix(after, []byte(")")), []byte("）")) // "（70.9）から"
	after = bytes.TrimLeft(after, " ")                                          // "+2.1점 향상"
	for _, w := range s.an.c.valueWords[k] {
		if w.after {
			if hasPrefixFold(after, w.text) {
				return true
			}
			continue
		}
		if len(before) >= len(w.text) && hasPrefixFold(before[len(before)-len(w.text):], w.text) &&
			(len(before) == len(w.text) || !isAlnum(before[len(before)-len(w.text)-1]) || !isAlnum(w.text[0])) {
			return true
		}
	}
	return false
}

// plusSigned reports a plus sign right before a number at p, after no
// letter or digit ("+4.6%", "(+2.1)", not "Command R+（0.821）"): a change
// upwards, no score.
func plusSigned(buf []byte, p int) bool {
	return p > 0 && buf[p-1] == '+' && (p < 2 || !isAlnum(buf[p-2]) && buf[p-2] != '+')
}

// arrowAfter reports a score arrow of the lexicon right after a number,
// past its unit ("71.24% -> 80.60%", "70.1 → 80.6"): the number is the
// earlier value the one after the arrow rose or fell from.
func (s *state) arrowAfter(n span) bool {
	after := s.buf[n.end:min(len(s.buf), n.end+16)]
	after = bytes.TrimLeft(after[min(len(after), unitLen(after)):], " ")
	for _, a := range s.an.cat.ScoreArrows {
		if bytes.HasPrefix(after, []byte(a)) {
			return true
		}
	}
	return false
}

// unitLen is the length of the unit written after a number: spaces, "%",
// "점", "분", "ポイント" are no words of their own here.
func unitLen(b []byte) int {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '%') {
		i++
	}
	for _, u := range []string{"％", "점", "분", "个百分点", "ポイント"} {
		if bytes.HasPrefix(b[i:], []byte(u)) {
			return i + len(u)
		}
	}
	return i
}

// numberOwner returns the model a number is written beside: right after
// it with a connector ("o3-mini (86.5%)", "GPT-5 at 72.8%", "DeepSeek-R1's
// 8.6%", "큐웬2.5-1.5B'(43.1점)") or right before "for" and it ("70% for
// Qwen2.5", "72,8% của GPT-5"), else -1.
func (s *state) numberOwner(n, sent span) int {
	i := s.mentionIndex(n.start) - 1
	for ; i >= 0 && s.mentions[i].end > n.start; i-- {
	}
	if i >= 0 {
		m := s.mentions[i]
		if m.end >= sent.start && n.start-m.end <= tune.ownerGap && ownerConnector(s.buf[m.end:n.start]) {
			return m.model
		}
		if m.end >= sent.start && n.start-m.end <= 2*tune.ownerGap && s.bracketedBench(m.end, n.start) {
			return m.model
		}
		if m.end >= sent.start && s.relativeAside(s.buf[m.end:n.start]) {
			return m.model // "than Gemini 3 Flash managed (which scored 70.4 on …)"
		}
		if m.end >= sent.start && s.bracketOpens(m.start) && bytes.Equal(bytes.TrimSpace(s.buf[m.end:n.start]), []byte(",")) {
			return m.model // "클로드 소넷 4.5(Claude Sonnet 4.5, 77.4점)": a gloss and its score in one bracket
		}
	}
	if m := s.shortOwner(n, sent); m >= 0 {
		return m // "Baseが76.84、Smallが74.10"
	}
	if j := s.mentionIndex(n.end); j < len(s.mentions) && s.mentions[j].end <= sent.end &&
		len(bytes.TrimSpace(s.buf[n.end:s.mentions[j].start])) == 0 && theBefore(s.buf[max(sent.start, n.start-8):n.start]) {
		return s.mentions[j].model // "well up on the 63.5 OLMo 3 32B managed"
	}
	at := n.end // where the words after the number start
	for at < sent.end && (s.buf[at] == ' ' || s.buf[at] == '%') {
		at++
	}
	for _, u := range scoreUnitWords {
		if bytes.HasPrefix(s.buf[at:sent.end], u) {
			at += len(u) // "71,0 điểm của ViGPT 2", "61.5 points for Qwen3-8B"
			break
		}
	}
	if hs := hitsIn(s.vendorHits, at, at+1); len(hs) > 0 && hs[0].start == at && hs[0].end < sent.end && s.buf[hs[0].end] == ' ' &&
		participleLen(s.buf[hs[0].end+1:sent.end]) > 0 {
		at = hs[0].end + 1 // "the 41.2% xAI reported for Grok 4.2": its maker's word
	}
	at += participleLen(s.buf[at:sent.end]) // "the 87.5 per cent published for DeepSeek-R1-0528"
	rest := s.buf[at:min(sent.end, at+tune.ownerGap)]
	for _, p := range ownerAfter {
		if bytes.HasPrefix(rest, p) {
			j := s.mentionIndex(at)
			if j >= len(s.mentions) {
				break
			}
			m := s.mentions[j]
			if m.start-at <= tune.ownerGap {
				return m.model
			}
			// "86.4 for the original DeepSeek-OCR", "4.02 for last
			// year's Step-Audio 2 mini": lowercase words between.
			if m.start < sent.end && lowerWordsOnly(s.buf[at+len(p):m.start]) {
				return m.model
			}
			break
		}
	}
	return -1
}

// relativeAside reports a gap between a name and a number that opens a
// parenthesis, a word or two after the name, with a relative opener
// ("Gemini 3 Flash managed (which scored 70.4"): the aside describes the
// name, its number is the name's.
func (s *state) relativeAside(gap []byte) bool {
	k := bytes.LastIndexByte(gap, '(')
	if k < 0 || k > 2*tune.ownerGap || bytes.IndexByte(gap[k:], ')') >= 0 || bytes.Count(gap[:k], []byte(" ")) > 2 {
		return false
	}
	in := bytes.TrimLeft(gap[k+1:], " ")
	for _, w := range s.an.cat.RelativeOpeners {
		if bytes.HasPrefix(in, []byte(w+" ")) {
			return true
		}
	}
	return false
}

// bracketOpens reports an opening bracket right before p.
func (s *state) bracketOpens(p int) bool {
	return p > 0 && s.buf[p-1] == '(' || bytes.HasSuffix(s.buf[:p], []byte("（"))
}

// shortOwner returns the one model of the article's own that a variant
// word or a size written right before a number with a connector names by
// the end of its name ("Baseが76.84、Smallが74.10" of Mizuha-Embed 2 Base
// and Small, "8B: 61.2"), or -1.
func (s *state) shortOwner(n, sent span) int {
	if s.topic < 0 {
		return -1
	}
	end := n.start
	for end > sent.start && n.start-end <= tune.ownerGap && !isAlnum(s.buf[end-1]) {
		end--
	}
	if w := connectorWordBefore(s.buf[sent.start:n.start]); w > 0 {
		end = n.start - w // "32B đạt 78,6": a connector with letters outside ASCII
	}
	start := end
	for start > sent.start && (isAlnum(s.buf[start-1]) || s.buf[start-1] == '-') {
		start--
	}
	if start == end || start > sent.start && s.buf[start-1] == '.' || !ownerConnector(s.buf[end:n.start]) {
		return -1
	}
	if i := s.mentionIndex(start); i < len(s.mentions) && s.mentions[i].start < end || i > 0 && s.mentions[i-1].end > start {
		return -1 // a model's own name: read as one
	}
	w := string(s.buf[start:end])
	q := nameTokens(w)
	if len(q) == 0 || len(q) > 3 || !s.variantWord(q[len(q)-1]) && !sizeTokens(q) {
		return -1
	}
	return s.ownEndingWith(q)
}

// bracketedBench reports a gap between a model and a number that opens a
// bracket and names a benchmark: "'HyperCLOVA X SEED 1.5 Think'(KoBALT
// 51.3점)", "Foo-7B (MMLU: 61.2)": the bracket gives the model's score.
func (s *state) bracketedBench(p, q int) bool {
	g := s.buf[p:q]
	for _, c := range []string{"'", "’", "\"", "”", "」", "』", " "} {
		g = bytes.TrimPrefix(g, []byte(c))
	}
	var open int
	switch {
	case bytes.HasPrefix(g, []byte("(")):
		open = 1
	case bytes.HasPrefix(g, []byte("（")):
		open = len("（")
	default:
		return false
	}
	at := q - len(g) + open
	for at < q && s.buf[at] == ' ' {
		at++
	}
	for _, b := range benchesIn(s.benches, at, at+1) {
		rest := bytes.Trim(s.buf[b.end:q], " :：")
		if b.start == at && len(rest) == 0 {
			return true
		}
	}
	return false
}

// connectorWordBefore returns the length of a connector word written with
// letters outside ASCII and the spaces around it at the end of b ("đạt "
// of "bản 32B đạt "), 0 for none: such a word is no run of ASCII letters
// to walk back over.
func connectorWordBefore(b []byte) int {
	t := bytes.TrimRight(b, " ")
	i := bytes.LastIndexByte(t, ' ')
	if i < 0 || asciiOnly(string(t[i+1:])) || !ownerConnector(t[i+1:]) {
		return 0
	}
	return len(b) - i
}

// participleLen returns the length of an English past participle and the
// space after it at the start of b ("published ", "reported "): a
// lowercase word in -ed, else 0.
func participleLen(b []byte) int {
	i := 0
	for i < len(b) && isLower(b[i]) {
		i++
	}
	if i < 4 || i >= len(b) || b[i] != ' ' || b[i-2] != 'e' || b[i-1] != 'd' {
		return 0
	}
	return i + 1
}

// theBefore reports a number written after "the" ("the 63.5 OLMo 3 32B
// managed"): a value the model after it owns.
func theBefore(b []byte) bool {
	b = bytes.TrimRight(b, " ")
	return len(b) >= 4 && bytes.EqualFold(b[len(b)-4:], []byte(" the"))
}

// lowerWordsOnly reports one to three lowercase words, each followed by a
// space, possessive ones too, capitalised or not ("the original ", "last
// year's ", "September's experimental ").
func lowerWordsOnly(b []byte) bool {
	words := 0
	for len(b) > 0 {
		i := 0
		for i < len(b) && (isLower(b[i]) || i == 0 && isUpper(b[i])) {
			i++
		}
		if i == 0 {
			return false
		}
		possessive := false
		for _, q := range []string{"'s", "’s"} {
			if bytes.HasPrefix(b[i:], []byte(q)) {
				i += len(q)
				possessive = true
			}
		}
		if isUpper(b[0]) && !possessive || i >= len(b) || b[i] != ' ' {
			return false
		}
		b = b[i+1:]
		if words++; words > 3 {
			return false
		}
	}
	return words > 0
}

// ownerAfter are the words between a number and the model it belongs to
// ("70% for Qwen2.5", "72,8% của GPT-5", "72,8 % de GPT-5").
var ownerAfter = [][]byte{[]byte("for "), []byte("of "), []byte("của "), []byte("de "), []byte("für "), []byte("von ")}

// scoreUnitWords are the words for points written between a score and the
// words that name its owner ("71,0 điểm của ViGPT 2").
var scoreUnitWords = [][]byte{[]byte("điểm "), []byte("points "), []byte("point ")}

// ownerConnector reports a gap between a model and a number that makes
// the number the model's: " at ", " (", "'s ", ": ", "：", "은 ", "的".
func ownerConnector(gap []byte) bool {
	g := bytes.TrimSpace(gap)
	switch string(g) {
	case "'s", "’s", "'s at", "’s at":
		return true // "X's 89.3": a possessive, not a closing quote
	}
	for _, q := range []string{"'", "’", "\"", "”", "」", "』"} {
		g = bytes.TrimPrefix(g, []byte(q))
	}
	g = bytes.TrimSpace(g)
	switch string(g) {
	case "", "at", "with", "(", "（", ":", "：", "'s", "’s", "'s at", "of", "scored", "scores", "reached", "got",
		"的", "为", "為", "达到", "得分", "은", "는", "이", "가", "の", "は", "が", "で", "đạt", "là", "với", "mit", "erreicht", "kommt auf":
		return true
	}
	return false
}

// specific returns the model a claim about model m credits: m, or, when
// m is a bare series ("Kimi") and the article's topic is a specific model
// of it ("Kimi k1.5"), the topic.
func (s *state) specific(m int) int {
	if m < 0 || s.topic < 0 || m == s.topic {
		return m
	}
	rec, t := s.models[m], s.models[s.topic]
	if rec.bare && rec.family >= 0 && t.family == rec.family && !t.bare {
		return s.topic
	}
	return m
}

// variantInScope returns the model a claim at p about model m credits
// when m is a series whose variants the article names ("KikiLM-2" of
// "KikiLM-2-8B", "SenseNova V7" of "SenseNova V7 Pro"): the variant named
// nearest before p in the same paragraph by a size or variant word, not
// compared against; m when no variant is in scope. A sentence that names
// m itself ("DeepSeek-VL2 achieves …") is about the series.
func (s *state) variantInScope(m, p int) int {
	if m < 0 {
		return m
	}
	sp := s.sents[s.sentenceAt(p)]
	for _, v := range s.mentionsIn(sp.start, sp.end) {
		if v.model == m {
			return m
		}
	}
	base := s.models[m].tokens()
	lo := s.lineStart(p)
	for i := s.mentionIndex(p) - 1; i >= 0; i-- {
		v := s.mentions[i]
		if v.start < lo {
			break
		}
		if v.model == m && v.end <= p && v.role == roleNone && s.sentenceAt(v.start) == s.sentenceAt(p)-1 && s.pronounIn(sp) {
			return m // "Kimi K3 scores … . Moonshot claims it outperforms …": the series the pronoun stands for, named right before
		}
		if v.model == m || v.end > p || v.role != roleNone || s.models[v.model].targeted {
			continue
		}
		if t := s.models[v.model].tokens(); len(t) > len(base) && equalTokens(base, t[:len(base)]) && s.sizeOrVariant(t[len(base):]) {
			return v.model
		}
	}
	return m
}

// sizeOrVariant reports name tokens that hold a size ("8", "b") or a
// variant word ("large", "pro"): what sets a released variant apart from
// its series, unlike a context or thinking budget ("80", "k").
func (s *state) sizeOrVariant(toks []string) bool {
	for i, t := range toks {
		if _, ok := s.an.c.variants[t]; ok {
			return true
		}
		if isDigit(t[0]) && i+1 < len(toks) && (toks[i+1] == "b" || toks[i+1] == "m") {
			return true
		}
	}
	return false
}

func insideBench(benches []benchHit, sp span) bool {
	for _, b := range benches {
		if sp.start < b.end && b.start < sp.end {
			return true
		}
	}
	return false
}

// asideBefore reports a mention m inside brackets that close before p:
// an aside ("(V4 là 66,0%)", "(up from GPT-5's 70%)") whose model is not
// the subject of what follows it.
func (s *state) asideBefore(m mention, p int) bool {
	lo := max(0, m.start-tune.ownerGap)
	open := bytes.LastIndexAny(s.buf[lo:m.start], "(（")
	if open < 0 {
		return false
	}
	c := bytes.IndexAny(s.buf[m.end:p], ")）")
	return c >= 0 && !bytes.ContainsAny(s.buf[lo+open:m.start], ")）")
}

// maxLeadIn is how many sentences back a list's lead-in may stand, and
// maxLeadInText the longest lead-in, in bytes: a line, not a paragraph
// ending in a colon.
const maxLeadIn, maxLeadInText = 4, 80

// leadInSubject returns the model a list's lead-in names, the line before
// the items that ends in a colon and names one model ("PP-OCRv6
// highlights:", "PP-OCRv6 亮点："), for an item that names no subject ("Medium tier
// achieves … surpassing Y"); items between that name no model may
// stand before it. It returns -1 when none does.
func (s *state) leadInSubject(k int) int {
	for j := k - 1; j >= 1 && k-j <= maxLeadIn; j-- {
		sp := s.sents[j]
		ms := s.mentionsIn(sp.start, sp.end)
		t := bytes.TrimSpace(s.buf[sp.start:sp.end])
		if !bytes.HasSuffix(t, []byte(":")) && !bytes.HasSuffix(t, []byte("：")) {
			if len(ms) > 0 {
				return -1 // a line naming a model of its own between
			}
			continue
		}
		found := -1
		for _, m := range ms {
			if m.role != roleNone || found >= 0 && m.model != found {
				return -1
			}
			found = m.model
		}
		if found < 0 || len(t) > maxLeadInText {
			return -1
		}
		return found
	}
	return -1
}

// bracketedBefore reports a name inside brackets opened after lo and
// closed before p ("(approximately 70% that of Y)").
func (s *state) bracketedBefore(m span, lo, p int) bool {
	if lo > m.start || m.end > p {
		return false
	}
	open := bytes.LastIndexAny(s.buf[lo:m.start], "(（")
	if open < 0 || bytes.ContainsAny(s.buf[lo+open:m.start], ")）") {
		return false
	}
	return bytes.ContainsAny(s.buf[m.end:p], ")）")
}

// subjectBefore returns the model a statement at p in sentence k is about:
// the nearest model before p that is not compared against, else the first
// such model of the sentence, else the article's topic model.
func (s *state) subjectBefore(p, k int) int {
	found, foundEnd := -1, -1
	sent := s.sents[k]
	for _, m := range s.mentionsIn(max(sent.start, p-window), min(sent.end, p+window)) {
		if m.role != roleNone {
			continue
		}
		if m.start < p {
			if found >= 0 && s.asideBefore(m, p) {
				continue // "V4.1 đạt 71,2% … (V4 là 66,0%), 30,1 điểm …": an aside's model
			}
			found, foundEnd = m.model, m.end
			continue
		}
		if found < 0 {
			found = m.model
			if q := s.qualifiedNoun(span{sent.start, p}); q >= 0 {
				found = q // "The 27B model scores 74.8 …, up from 67.5 for Gemma 3 27B"
			} else if before := (span{sent.start, m.start}); s.pronounIn(before) {
				// "On X it reaches 71.2, versus 58.9 for Y": the pronoun's.
				if r := s.referent(k, before); r >= 0 {
					found = r
				}
			}
		}
		break
	}
	if foundEnd >= 0 && foundEnd < p {
		// "Qwen 3.7 在…进步明显：122B版本在SWE-bench Verified上取得74.8分":
		// a size and a model noun past the model name the nearer subject.
		if q := s.qualifiedNoun(span{foundEnd, p}); q >= 0 {
			found = q
		}
	}
	if found < 0 {
		found = s.qualifiedNoun(span{sent.start, p}) // "9.8B 모델은 KMMLU에서 61.3점"
	}
	if found < 0 && s.pronounIn(sent) {
		// "On AIME 2024 it scored 96.6%": the subject of the sentences
		// before.
		found = s.referent(k, sent)
	}
	if found < 0 && s.proDrop() {
		found = s.droppedSubject(k) // "JMMLUでは51.2で、…"
	}
	if found < 0 && s.sectionOpened(k) {
		// "2. Microsoft's Phi-4-mini-flash-reasoning / Microsoft
		// open-sourced Phi-4-mini-flash-reasoning, … Microsoft reports
		// 52.29% on AIME24": in a section of its own, the model its
		// sentences are about, not the article's topic.
		found = s.previousSubject(k)
	}
	if found < 0 {
		return s.topic
	}
	return found
}

// sectionOpened reports a sentence k in a paragraph after a heading line
// the article's topic is named in neither in the heading nor in the
// sentences since: a section of a roundup about another model. A
// review's section ("How it did / On the Rust refactor, Kimi K3 …") that
// names the topic is still about it.
func (s *state) sectionOpened(k int) bool {
	if s.topic < 0 {
		return false
	}
	if s.opened.topic != s.topic || s.opened.mentions != len(s.mentions) || len(s.opened.after) != len(s.sents) {
		// What each sentence answers holds while the topic and the
		// mentions stay: kept, a page of many claims and no headings
		// walks back over its sentences once, not once a claim.
		s.opened.topic, s.opened.mentions = s.topic, len(s.mentions)
		s.opened.after = slices.Grow(s.opened.after[:0], len(s.sents))[:len(s.sents)]
		clear(s.opened.after)
	}
	var walked []int
	answer := false
	for j := k - 1; j >= 1; j-- {
		if a := s.opened.after[j]; a != 0 {
			answer = a == 2
			break
		}
		walked = append(walked, j)
		sp := s.sents[j]
		if sp.start < s.titleEnd || s.mentionsTopic(sp) {
			break
		}
		if s.inHeading(sp.start) {
			answer = true
			break
		}
	}
	for _, j := range walked {
		s.opened.after[j] = 1
		if answer {
			s.opened.after[j] = 2
		}
	}
	return answer
}

// mentionsTopic reports a mention of the article's topic in sp.
func (s *state) mentionsTopic(sp span) bool {
	for _, m := range s.mentionsIn(sp.start, sp.end) {
		if m.model == s.topic {
			return true
		}
	}
	return false
}

// droppedSubject returns the subject a Chinese, Japanese or Korean
// sentence k leaves out: the subject of the sentence before, or the
// article's topic when that is a short name of it; -1 when none.
func (s *state) droppedSubject(k int) int {
	m := s.previousSubject(k)
	if m >= 0 && s.topic >= 0 && (s.topicExtends(m) || s.models[m].conf == 0 && s.otherMaker(m)) {
		// "Kamome" before, "Kamome-JP-8B" the topic; "네이버의 HyperCLOVA
		// X THINK는 84.1점… MedQA에서는 82.0%를 기록해": a model of
		// another maker that the article does not release leaves the
		// article's topic the subject a sentence leaves out.
		return s.topic
	}
	if m >= 0 && s.topic >= 0 && m != s.topic && s.alsoMarked(m, s.sents[k].start) {
		// "推論モデル版 X も同時に公開しています。… 社内評価では、GPT-5.1 と
		// 同等の性能を示し": a model named as an addition ("も", "도")
		// leaves the article's topic the subject a sentence leaves out.
		return s.topic
	}
	return m
}

// alsoMarked reports that the last mention of model m before p is marked
// by a particle of addition ("X も同時に公開", "X도 함께 공개했다").
func (s *state) alsoMarked(m, p int) bool {
	for i := s.mentionIndex(p) - 1; i >= 0; i-- {
		if x := s.mentions[i]; x.model == m && x.end <= p {
			return s.particleAfter(x.span, []string{"も", "도 "})
		}
	}
	return false
}

// otherMaker reports a model whose maker is known and is not the maker of
// the article's topic.
func (s *state) otherMaker(m int) bool {
	a, b := s.models[m], s.models[s.topic]
	switch {
	case a.vendor >= 0 && b.vendor >= 0:
		return a.vendor != b.vendor
	case a.vendorName != "" && b.vendorName != "":
		return a.vendorName != b.vendorName
	case a.vendor >= 0 && b.vendorName != "" || a.vendorName != "" && b.vendor >= 0:
		return true
	}
	return false
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
	older := s.olderIn(sp)
	chain := s.chainAfter(c.end)
	if c.after {
		chain = s.chainBefore(c.start)
	}
	var from span
	aside := false // the subject is a name in brackets closed before the cue
	for _, m := range near {
		if m.role != roleNone || m.start >= c.start || slices.Contains(older, m.model) || s.rivalMarked(m.span) || s.rivalWordBefore(m.span) {
			continue
		}
		// "X beats A, and Y beats B": a name past another comparison
		// of the sentence opens a clause of its own, the subject here;
		// a name past an aside's ("(70% of Y's size), X beats A") is
		// the subject the aside is not.
		if subject < 0 || s.comparisonIn(from.end, m.start) || aside && !s.bracketedBefore(m.span, sp.start, c.start) {
			subject, from = m.model, m.span
			aside = s.bracketedBefore(m.span, sp.start, c.start)
		}
	}
	if subject >= 0 {
		if q := s.qualifiedNoun(span{from.end, c.start}); q >= 0 {
			subject = q // "Qwen 3.7 …：122B版本…超越 X": the nearer subject
		}
	}
	if subject < 0 {
		subject = s.qualifiedNoun(span{sp.start, c.start}) // "The 4B model is on par with …"
	}
	if subject < 0 && !c.after {
		subject = s.frameSubject(c.end, sp, older) // "Compared to A, B improves …"
		if subject >= 0 && len(hitsIn(s.cues[cueOutperforms], s.frontedComma(c.end), sp.end)) > 0 {
			kind = cueOutperforms // "…, B brings significant improvement": it does better
		}
	}
	if subject < 0 && s.pronounStart(sp) {
		// "It still trails X": the subject of the sentences before, not
		// the last model they name ("… gains 6.7 points over Y-preview").
		if subject = s.previousSubject(k); subject < 0 {
			subject = s.lastModelBefore(c.start, tune.pronounReach)
		}
	}
	if subject < 0 && s.pronounIn(span{sp.start, c.start}) {
		subject = s.referent(k, span{sp.start, c.start}) // "On HealthBench it beat o4-mini"
	}
	if subject < 0 {
		subject = s.leadInSubject(k) // "X highlights: / Medium tier … surpassing Y"
	}
	// A Japanese or Korean frame after a rival its particle marks
	// ("GPT-4o-mini（8.34）には及びません") leaves out a subject the
	// sentences before give.
	markedRival := c.after && len(chain) > 0 && s.rivalMarked(s.mentions[chain[0]].span)
	// A Chinese, Japanese or Korean clause after a score on a benchmark
	// leaves out the subject it scored ("在 SWE-bench Verified 上得分
	// 71.5，但仍落后于 Gemini 3 Pro").
	scoredBefore := s.proDrop() && len(benchesIn(s.benches, sp.start, c.start)) > 0
	if subject < 0 && (kind == cueTrails || kind == cueImproves) && !markedRival && !scoredBefore {
		return // "the team behind ChatGPT", "升级版的 X": no claim without its subject
	}
	if subject < 0 {
		if c.after {
			for _, m := range near {
				if m.role == roleNone && !slices.Contains(older, m.model) && !s.rivalMarked(m.span) {
					subject = m.model
					break
				}
			}
		}
		if subject < 0 && s.proDrop() && !s.namedBefore(sp.start, c, chain, older) {
			// "…Japanese MT-Benchでは8.53で、Qwen3の8.61とほぼ同等だった":
			// Chinese, Japanese and Korean leave out a subject the
			// sentence before named.
			subject = s.droppedSubject(k)
			for _, i := range chain {
				if s.mentions[i].model == subject {
					subject = -1 // a rival of this cue is not its subject
				}
			}
		}
		if subject < 0 && s.sectionOpened(k) {
			subject = s.lastSubject(k - 1) // the section's model the sentence right before names, not the topic
		}
		if subject < 0 {
			subject = s.topic
		}
	}
	if subject < 0 {
		return
	}
	subject = s.variantInScope(subject, c.start)
	relation := map[cueKind]string{cueOutperforms: "outperforms", cueMatches: "matches", cueEfficiency: "efficiency",
		cueTrails: "trails", cueImproves: "improves"}[kind]
	ev := s.sentence(k)
	var targets []int
	for _, i := range chain {
		if m := s.mentions[i]; m.role == roleTarget && m.model != subject {
			targets = append(targets, s.namedMember(m.model, subject))
		}
	}
	if len(targets) == 0 {
		if t := s.referredRival(c, sp, subject); t >= 0 {
			targets = append(targets, t) // "…约为Qwen3-30B-A3B的70%，…效果优于后者"
		} else if t := s.particleRival(c, sp, subject); t >= 0 {
			targets = append(targets, t) // "X に対しては、…全項目で上回っています"
		}
	}
	if len(targets) > 0 {
		for _, t := range targets {
			s.claims = append(s.claims, event.Claim{Model: s.models[subject].name, Relation: relation,
				Target: s.models[t].name, Evidence: ev})
		}
		return
	}
	if !c.after {
		if listed := s.listedRivals(c.end); len(listed) > 0 {
			for _, t := range listed {
				if t != s.models[subject].name {
					s.claims = append(s.claims, event.Claim{Model: s.models[subject].name, Relation: relation, Target: t, Evidence: ev})
				}
			}
			return
		}
	}
	phrase := s.phraseAfter(c.end, sp.end)
	if c.after {
		phrase = s.phraseBefore(c.start, sp.start)
	}
	if phrase == "" || !s.comparisonNoun(phrase) {
		return
	}
	if named := s.baselinesNamed(k, phrase); len(named) > 0 {
		// "… two strong baselines, namely A and B. Our X outperforms the
		// baseline models": the rivals the sentence before named.
		for _, t := range named {
			if t != s.models[subject].name {
				s.claims = append(s.claims, event.Claim{Model: s.models[subject].name, Relation: relation, Target: t, Evidence: ev})
			}
		}
		return
	}
	claim := event.Claim{Model: s.models[subject].name, Relation: relation, Target: phrase, Evidence: ev}
	if bs := benchesIn(s.benches, max(sp.start, c.start-window), min(sp.end, c.end+window)); len(bs) > 0 {
		claim.Benchmark = bs[0].name // "first among open-source models on MMMU"
	}
	s.claims = append(s.claims, claim)
}

// frameSubject returns the model of the clause after a comparison frame
// that opens its sentence and ends at p ("Compared to the 3.1 legacy
// pipeline, community-1 brings …"): the first model past the frame's
// comma the sentence compares to nothing, not an older one; -1 when none.
func (s *state) frameSubject(p int, sp span, older []int) int {
	comma := s.frontedComma(p)
	if comma < 0 {
		return -1
	}
	for _, m := range s.mentionsIn(comma, sp.end) {
		if m.role == roleNone && !slices.Contains(older, m.model) {
			return m.model
		}
	}
	return -1
}

// maxListed is the most lines of a list a comparison cue's colon opens
// read for its rivals.
const maxListed = 8

// listedRivals returns the rivals of a comparison cue ending at p whose
// line names none and ends with a colon, one per line of the list it
// opens ("outperforms the following popular models:" / "GPT4TS (NeurIPS
// 23) by 7-12% …" / "LLMTime (NeurIPS 23) by 24% …"): the model a line
// starts with, else the name-shaped word it starts with (see
// listedName). The list ends at the first line that starts with
// neither; nil when the line goes on past its colon or names a model
// after the cue.
func (s *state) listedRivals(p int) []string {
	end := bytes.IndexByte(s.buf[p:], '\n')
	if end < 0 {
		return nil
	}
	end += p
	line := bytes.TrimRight(s.buf[p:end], " ")
	if !bytes.HasSuffix(line, []byte(":")) && !bytes.HasSuffix(line, []byte("：")) || len(s.mentionsIn(p, end)) > 0 {
		return nil
	}
	var out []string
	for start := end + 1; start < len(s.buf) && len(out) < maxListed; {
		stop := bytes.IndexByte(s.buf[start:], '\n')
		if stop < 0 {
			stop = len(s.buf)
		} else {
			stop += start
		}
		lead := start
		for lead < stop && (s.buf[lead] == ' ' || s.buf[lead] == '-' || s.buf[lead] == '*') {
			lead++
		}
		if ms := s.mentionsIn(lead, stop); len(ms) > 0 && ms[0].start == lead {
			out = append(out, s.models[ms[0].model].name)
		} else if name := listedName(s.buf[lead:stop]); name != "" {
			out = append(out, name)
		} else {
			break
		}
		start = stop + 1
	}
	return out
}

// baselinesNamed returns the rivals a comparison's generic phrase stands
// for ("outperforms the baseline models") when the sentence before sentence
// k names them as a list after the same group noun ("two strong open
// baselines, namely A and B"): the model each item starts with, else the
// item when it is one name-shaped word; nil when the phrase has no
// baseline word, the sentence before none or no such list.
func (s *state) baselinesNamed(k int, phrase string) []string {
	lower := strings.ToLower(phrase)
	if k < 1 || !slices.ContainsFunc(s.an.cat.BaselineWords, func(w string) bool { return wordIn(lower, w) }) {
		return nil
	}
	prev := s.sents[k-1]
	// asciiLower keeps byte positions, which index s.buf below.
	text := string(asciiLower(s.buf[prev.start:prev.end]))
	at := -1
	for _, w := range s.an.cat.BaselineWords {
		if i := lastWordIndex(text, w); i >= 0 && i+len(w) > at {
			at = i + len(w)
		}
	}
	if at < 0 {
		return nil
	}
	p := prev.start + at
	tail := strings.TrimLeft(string(s.buf[p:prev.end]), " ,:：，")
	intro := false
	for _, w := range s.an.cat.IntroWords {
		if hasPrefixFold([]byte(tail), w) && (len(tail) == len(w) || !isAlnum(tail[len(w)]) || !isAlnum(w[len(w)-1])) {
			tail, intro = tail[len(w):], true // "namely", not "namelyX"
			break
		}
	}
	if !intro {
		return nil
	}
	tail = strings.TrimRight(strings.TrimSpace(tail), ".。")
	var out []string
	for _, item := range s.listItems(tail) {
		if m, ok := s.byKey[fold(item)]; ok {
			out = append(out, s.models[m].name)
			continue
		}
		name := listedName([]byte(item + " "))
		if name == "" || name != item {
			return nil // the list goes on past names: no list of rivals
		}
		out = append(out, name)
	}
	return out
}

// lastWordIndex returns where the last whole-word w stands in t, or -1;
// as in wordIn, a Han word is matched inside its text.
func lastWordIndex(t, w string) int {
	for end := len(t); end > 0; {
		i := strings.LastIndex(t[:end], w)
		if i < 0 {
			return -1
		}
		j := i + len(w)
		if (i == 0 || !isAlnum(w[0]) || !isAlnum(t[i-1])) && (j == len(t) || !isAlnum(w[len(w)-1]) || !isAlnum(t[j])) {
			return i
		}
		end = i
	}
	return -1
}

// listItems splits a list of names at its commas (with "、" and "，") and
// the lexicon's list joiners ("A, B and C", "A、B 和 C").
func (s *state) listItems(t string) []string {
	var out []string
	for _, part := range strings.Split(strings.NewReplacer("、", ",", "，", ",").Replace(t), ",") {
		part = strings.TrimSpace(part)
		for _, j := range s.an.cat.ListJoiners {
			if hasPrefixFold([]byte(part), j+" ") {
				part = strings.TrimSpace(part[len(j)+1:])
				break
			}
		}
		for _, j := range s.an.cat.ListJoiners {
			if a, b, ok := strings.Cut(part, " "+j+" "); ok {
				out = append(out, strings.TrimSpace(a))
				part = strings.TrimSpace(b)
				break
			}
		}
		if part != "" {
			out = append(out, part)
		}
	}
	return out
}

// listedName returns the word a line of a list of rivals starts with
// when it is shaped like a model's name — a letter first, then a capital
// or a digit ("LLMTime", "SimMTM", "Time-LLM") — and the line goes on
// after it; "" otherwise ("Zero-shot results of …").
func listedName(line []byte) string {
	i := 0
	for i < len(line) && (isAlnum(line[i]) || line[i] == '-' || line[i] == '_' || line[i] == '.') {
		i++
	}
	w := strings.TrimRight(string(line[:i]), "-_.")
	if len(w) < 3 || i == len(line) || line[i] != ' ' || !isLetterASCII(w[0]) || !(hasDigit(w) || hasUpper([]byte(w[1:]))) {
		return ""
	}
	return w
}

// namedMember returns the one model of series m the article names, other
// than subject, when m is a bare series ("하이퍼클로바X 제쳤다" of an article
// that names HyperCLOVA X THINK): the rival a comparison means; m
// otherwise.
func (s *state) namedMember(m, subject int) int {
	rec := s.models[m]
	if !rec.bare || rec.family < 0 {
		return m
	}
	found := -1
	for i, o := range s.models {
		if i == m || i == subject || o.count == 0 || o.bare || o.family != rec.family {
			continue
		}
		if found >= 0 {
			return m // more than one: the series itself
		}
		found = i
	}
	if found < 0 {
		return m
	}
	return found
}

// particleRival returns the model a rival particle marks before a
// comparison cue that follows its rival (c.after), farther than its
// chain reaches ("llm-jp-3-172b-instruct3 に対しては、…全項目で上回っています"):
// the nearest such model of the sentence other than subject, with no
// other measured comparison between; -1 when none.
func (s *state) particleRival(c hit, sp span, subject int) int {
	if !c.after {
		return -1
	}
	ms := s.mentionsIn(sp.start, c.start)
	for i := len(ms) - 1; i >= 0; i-- {
		m := ms[i]
		if m.model == subject || !s.particleAfter(m.span, s.an.cat.RivalParticles) {
			continue
		}
		for _, k := range measuredCues {
			if len(hitsIn(s.cues[k], m.end, c.start)) > 0 {
				return -1
			}
		}
		return m.model
	}
	return -1
}

// referredRival returns the model a "latter" or "former" word right after
// comparison cue c (before it for a cue that follows its rival) stands
// for ("优于后者", "outperforms the latter"): the last, or the first, model
// other than subject named before the cue in its sentence or the one
// before; -1 when none.
func (s *state) referredRival(c hit, sp span, subject int) int {
	at := bytes.TrimLeft(s.buf[c.end:min(sp.end, c.end+16)], " ")
	if c.after {
		at = bytes.TrimRight(s.buf[max(sp.start, c.start-16):c.start], " ")
	}
	latter, former := false, false
	for _, w := range s.an.cat.LatterWords {
		latter = latter || c.after && bytes.Contains(at, []byte(w)) || !c.after && hasPrefixFold(at, w)
	}
	for _, w := range s.an.cat.FormerWords {
		former = former || c.after && bytes.Contains(at, []byte(w)) || !c.after && hasPrefixFold(at, w)
	}
	if !latter && !former {
		return -1
	}
	lo := sp.start
	if k := s.sentenceAt(sp.start); k > 1 {
		lo = s.sents[k-1].start
	}
	var named []int
	for _, m := range s.mentionsIn(lo, c.start) {
		if m.model != subject && !slices.Contains(named, m.model) {
			named = append(named, m.model)
		}
	}
	switch {
	case len(named) == 0:
		return -1
	case latter:
		return named[len(named)-1]
	}
	return named[0]
}

// comparisonIn reports a comparison cue in [p, q).
func (s *state) comparisonIn(p, q int) bool {
	for _, k := range comparisonCues {
		if len(hitsIn(s.cues[k], p, q)) > 0 {
			return true
		}
	}
	return false
}

// rivalWordBefore reports one of the lexicon's rival_words right before
// a model name ("+5.1% over PP-OCRv5", "faster than X", "相比X", "so với
// X"): the model is never the subject of a comparison later in the
// sentence.
func (s *state) rivalWordBefore(m span) bool {
	t := bytes.TrimRight(s.buf[max(0, m.start-tune.phraseAfter):m.start], " ")
	for _, w := range s.an.cat.RivalWords {
		if bytes.HasSuffix(t, []byte(w)) {
			n := len(t) - len(w)
			if n == 0 || !isAlnum(t[n-1]) || !isAlnum(w[0]) {
				return true
			}
		}
	}
	return false
}

// rivalMarked reports a model name in a Japanese or Korean sentence that
// a particle marks as an object or a standard of comparison, past a
// bracketed score ("Qwen3-14B（7.95）を上回る", "큐웬3 235B(74.1점)에는 못
// 미쳤지만", "A.X 5.0을 앞섰다"): a rival of the comparison, never its
// subject, whatever frame of the sentence it stands before.
func (s *state) rivalMarked(m span) bool {
	return s.particleAfter(m, []string{"を", "に", "より", "と", "을", "를", "에", "보다", "와", "과"})
}

// standardMarked reports a model name in a Japanese or Korean sentence
// that a particle marks as the standard of a comparison ("Gemini 3
// Flashより約3割安い", "GPT-4o보다") or its starting point ("前世代の
// Stockmark-2-100B-Instruct から、…性能が大きく向上しました"): what the
// sentence measures against, never the subject it passes on.
func (s *state) standardMarked(m span) bool {
	return s.particleAfter(m, []string{"より", "보다", "から"})
}

// particleAfter reports one of the particles right after a model name in
// a Japanese or Korean sentence, past a bracketed score.
func (s *state) particleAfter(m span, particles []string) bool {
	switch lang, _, _ := strings.Cut(s.a.Language, "-"); lang {
	case "ja", "ko":
	default:
		return false
	}
	t := s.buf[m.end:min(len(s.buf), m.end+tune.phraseAfter)]
	t = bytes.TrimLeft(t, " ")
	for _, br := range [][2]string{{"(", ")"}, {"（", "）"}} {
		if bytes.HasPrefix(t, []byte(br[0])) {
			if j := bytes.Index(t, []byte(br[1])); j > 0 {
				t = bytes.TrimLeft(t[j+len(br[1]):], " ")
			}
		}
	}
	for _, p := range particles {
		if bytes.HasPrefix(t, []byte(p)) {
			return true
		}
	}
	return false
}

// namedBefore reports a model named from start up to cue c and the
// models it points at (chain), other than an older one or a rival a
// particle marks: the sentence has a subject of its own, if one the cue's
// reading took for a target. A rival that another comparison cue of the
// sentence points at is none.
func (s *state) namedBefore(start int, c hit, chain, older []int) bool {
	end := c.start
	for _, i := range chain {
		end = min(end, s.mentions[i].start)
	}
	for _, m := range s.mentionsIn(start, end) {
		if m.role == roleTarget && s.comparisonIn(start, m.start) {
			continue // "超越DeepSeek-V3.2，与GLM-5.1基本持平": an earlier cue's rival
		}
		if !slices.Contains(older, m.model) && !s.rivalMarked(m.span) {
			return true
		}
	}
	return false
}

// topicExtends reports an article topic whose name goes on from model m's
// ("Kamome-JP-8B" of "Kamome"): m is a short name for it.
func (s *state) topicExtends(m int) bool {
	t, n := nameTokens(s.models[s.topic].name), nameTokens(s.models[m].name)
	return len(t) > len(n) && equalTokens(t[:len(n)], n)
}

// qualifiedNoun returns the article's own model that a size or variant
// word before a model noun in sp names ("The 4B model", "the instruct
// model", "9.8B 모델은", "4Bモデル", "122B版本", "35B-A3B版本"): of the
// topic's family (or its vendor's models), not compared against, the one
// whose name has the word, the most named of them, for the noun nearest
// the end of sp; -1 when none.
func (s *state) qualifiedNoun(sp span) int {
	if s.topic < 0 {
		return -1
	}
	t := s.buf[sp.start:sp.end]
	found, at := -1, -1 // the nearest before sp.end
	for _, n := range s.an.cat.ModelNouns {
		noun := []byte(n)
		for i := 0; ; {
			j := bytes.Index(t[i:], noun)
			if j < 0 {
				break
			}
			j += i
			i = j + len(noun)
			if isAlnum(noun[len(noun)-1]) && i < len(t) && isAlnum(t[i]) && t[i] != 's' {
				continue // "modeling"
			}
			if j > at {
				q := nameTokens(string(t[s.sizedStart(t, j):j]))
				m := s.modelWith(q)
				if m < 0 {
					m = s.recentWith(q, sp.start+j)
				}
				if m >= 0 {
					found, at = m, j
				}
			}
		}
	}
	if m, j := s.determinedSize(t); m >= 0 && j > at {
		found, at = m, j
	}
	if m, j := s.tailNamed(sp); m >= 0 && j > at {
		found = m
	}
	return found
}

// tailNamed returns the article's own model that a run of Latin words
// before a Chinese, Japanese or Korean word in t names by the end of its
// name ("V7 Pro在…" for SenseNova V7 Pro, "Omni 8B는" for HyperCLOVA X
// SEED 2.0 Omni 8B, "Largeで" for Minamo-ASR-2-Large): the one model of the
// topic's family (or its vendor's), not compared against, whose longer
// name ends with its tokens, with where the run starts, the first of t;
// -1 when none. A run that names a model itself ("旧版のR1の") is none.
func (s *state) tailNamed(sp span) (int, int) {
	if !s.proDrop() {
		return -1, -1
	}
	t := s.buf[sp.start:sp.end]
	for i := 0; i < len(t); {
		if !isAlnum(t[i]) || i > 0 && t[i-1] < utf8.RuneSelf && t[i-1] != ' ' {
			i++
			continue
		}
		e := i
		for e < len(t) && (isAlnum(t[e]) || t[e] == '.' || t[e] == '-' || t[e] == ' ' && e+1 < len(t) && isAlnum(t[e+1])) {
			e++
		}
		st := i
		i = e
		if e >= len(t) || t[e] < utf8.RuneSelf {
			continue // "… 8B는", not "… 8B, …"
		}
		q := nameTokens(string(t[st:e]))
		if len(q) == 0 || len(q) > 4 || len(q) == 1 && !s.variantWord(q[0]) || !hasLetter(string(t[st:e])) ||
			s.covered(span{sp.start + st, sp.start + e}) {
			continue
		}
		if m := s.ownEndingWith(q); m >= 0 {
			return m, st // the clause's first: "V7 Pro在…较V6.5提升"
		}
	}
	return -1, -1
}

// ownEndingWith returns the one model of the topic's family (or of its
// vendor), not compared against, whose name is longer than q and ends
// with its tokens; -1 when none or more than one.
func (s *state) ownEndingWith(q []string) int {
	t := s.models[s.topic]
	found := -1
	last := q[len(q)-1]
	for _, i := range s.modelsEndingIn(last) {
		m := s.models[i]
		if m.count == 0 || m.targeted || (t.family >= 0 && m.family != t.family) || (t.family < 0 && m.vendor != t.vendor) ||
			len(m.name) < len(last) || !strings.EqualFold(m.name[len(m.name)-len(last):], last) {
			continue // a cheap test first: the name ends with q's last token
		}
		toks := m.tokens()
		if len(toks) > len(q) && equalTokens(q, toks[len(toks)-len(q):]) {
			if found >= 0 {
				return -1
			}
			found = i
		}
	}
	return found
}

// modelsEndingIn returns the models, in order, whose name's last token
// is tok: the only ones whose names can end with tokens ending in tok.
// The index grows with the models, so each is read once per analysis,
// not once per question (a page of thousands of models and comparisons
// would ask thousands of times).
func (s *state) modelsEndingIn(tok string) []int {
	if s.endingIn == nil {
		s.endingIn = map[string][]int{}
	}
	for ; s.endingN < len(s.models); s.endingN++ {
		if toks := s.models[s.endingN].tokens(); len(toks) > 0 {
			last := toks[len(toks)-1]
			s.endingIn[last] = append(s.endingIn[last], s.endingN)
		}
	}
	return s.endingIn[tok]
}

// determinedSize returns the article's own model that a size determiner
// and a bare size or a size word after it in t name ("the 32B
// outperforms", "The larger one"), with where the determiner is, the
// nearest the end of t; -1 when none.
func (s *state) determinedSize(t []byte) (int, int) {
	found, at := -1, -1
	for _, d := range s.an.cat.SizeDeterminers {
		for i := 0; ; {
			j := bytes.Index(t[i:], []byte(d))
			if j < 0 {
				break
			}
			j += i
			i = j + len(d)
			if j > 0 && isAlnum(t[j-1]) || j < at {
				continue
			}
			e := i
			for e < len(t) && (isAlnum(t[e]) || t[e] == '.') {
				e++
			}
			if e < len(t) && t[e] == '-' {
				continue // "the 8B-Instruct"
			}
			w := string(t[i:e])
			m := -1
			switch {
			case slices.Contains(s.an.cat.LargerWords, w):
				m = s.sizedOwn(1)
			case slices.Contains(s.an.cat.SmallerWords, w):
				m = s.sizedOwn(-1)
			case w != "" && isDigit(w[0]):
				if q := nameTokens(w); sizeTokens(q) {
					m = s.modelWith(q)
				}
			}
			if m >= 0 {
				found, at = m, j
			}
		}
	}
	return found, at
}

// sizedOwn returns the largest (sign 1) or the smallest (-1) of the
// article's own models of the topic's family by the size their names
// give, not compared against; -1 when fewer than two have one.
func (s *state) sizedOwn(sign float64) int {
	t := s.models[s.topic]
	best, bestSize, n := -1, 0.0, 0
	for i, m := range s.models {
		if m.count == 0 || m.targeted || t.family >= 0 && m.family != t.family || t.family < 0 && m.vendor != t.vendor {
			continue
		}
		size, ok := nameSize(nameTokens(m.name))
		if !ok {
			continue
		}
		n++
		if best < 0 || size*sign > bestSize*sign {
			best, bestSize = i, size
		}
	}
	if n < 2 {
		return -1
	}
	return best
}

// nameSize reads the first size of name tokens in billions ("32", "b").
func nameSize(toks []string) (float64, bool) {
	for i := 0; i+1 < len(toks); i++ {
		if !isDigit(toks[i][0]) || toks[i+1] != "b" && toks[i+1] != "m" {
			continue
		}
		v, err := strconv.ParseFloat(toks[i], 64)
		if err != nil {
			continue
		}
		if toks[i+1] == "m" {
			v /= 1000
		}
		return v, true
	}
	return 0, false
}

// sizeStart returns where the word of letters, digits, dots and inner
// hyphens that ends at j in t begins ("35B-A3B" of "35B-A3B版本").
func sizeStart(t []byte, j int) int {
	w := j
	for w > 0 && (isAlnum(t[w-1]) || t[w-1] == '.' || t[w-1] == '-' && w < j && w > 1 && isAlnum(t[w-2])) {
		w--
	}
	return w
}

// modelWith returns the most named model of the topic's family (or of its
// vendor) whose name has the tokens of a size ("4", "b"; "35", "b", "a",
// "3", "b") or a variant word ("instruct") in a row, not compared
// against; -1 when none.
func (s *state) modelWith(q []string) int {
	sizedVariant := s.sizedVariant(q)
	if !sizeTokens(q) && (len(q) != 1 || !s.variantWord(q[0])) && sizedVariant == 0 {
		return -1
	}
	t := s.models[s.topic]
	topic := nameTokens(t.name)
	for j := 0; j+len(q) <= len(topic); j++ {
		if equalTokens(q, topic[j:j+len(q)]) {
			return s.topic // "the Flash model" of an article on Gemini 3.5 Flash, not its Flash-Lite
		}
	}
	best, bestOwn := -1, false
	for i, m := range s.models {
		if m.count == 0 || m.targeted || (t.family >= 0 && m.family != t.family) || (t.family < 0 && m.vendor != t.vendor) {
			continue
		}
		toks := nameTokens(m.name)
		// "The 27B model" of an article on Gemma 4 is Gemma 4 27B, not
		// the Gemma 3 27B it is measured against: a name that goes on
		// from the topic's comes first.
		own := len(toks) > len(topic) && equalTokens(topic, toks[:len(topic)])
		for j := 0; j+len(q) <= len(toks); j++ {
			if equalTokens(q, toks[j:j+len(q)]) {
				if best < 0 || own && !bestOwn || own == bestOwn && m.count > s.models[best].count {
					best, bestOwn = i, own
				}
				break
			}
		}
	}
	if best < 0 && sizedVariant > 0 {
		return s.modelWith(q[:sizedVariant]) // "The 32B instruct model": the size the text names
	}
	if best >= 0 && !bestOwn && sizeTokens(q) {
		// "The 32B model" of an article on the OLMo 5 series that names
		// no 32B model of its own: the series, not the older OLMo 3 32B
		// (but Nemotron Nano 4B v3 of the series Nemotron Nano v3).
		if _, sized := nameSize(topic); !sized && len(topic) > 0 && !holdsAll(nameTokens(s.models[best].name), topic) {
			return s.topic
		}
	}
	return best
}

// recentWith returns the one model, of any family, named in the
// pronounReach bytes before p whose name holds the variant word q alone
// ("Voxtral 2 Small (24B) and Voxtral 2 Mini … the Small model" in a
// roundup of other makers' models), neither compared against nor a
// rival's column of a benchmark table ("33 for the Qwen instruct
// model"); -1 when none or more than one does.
func (s *state) recentWith(q []string, p int) int {
	if len(q) != 1 || !s.variantWord(q[0]) {
		return -1
	}
	found := -1
	for _, x := range s.mentionsIn(max(0, p-tune.pronounReach), p) {
		m := s.models[x.model]
		if m.count == 0 || m.targeted || m.benched || x.model == found || !slices.Contains(nameTokens(m.name), q[0]) {
			continue
		}
		if found >= 0 {
			return -1
		}
		found = x.model
	}
	return found
}

// holdsAll reports every token of q among toks.
func holdsAll(toks, q []string) bool {
	for _, w := range q {
		if !slices.Contains(toks, w) {
			return false
		}
	}
	return true
}

// sizedVariant returns how many leading tokens of q are a size when the
// rest are variant words ("32", "b", "instruct"), else 0.
func (s *state) sizedVariant(q []string) int {
	for k := 2; k < len(q); k++ {
		if !sizeTokens(q[:k]) {
			continue
		}
		for _, w := range q[k:] {
			if !s.variantWord(w) {
				return 0
			}
		}
		return k
	}
	return 0
}

// sizedStart returns where the words before a model noun at j start: a
// size or a variant word, or a size and the variant words after it ("32B
// instruct model").
func (s *state) sizedStart(t []byte, j int) int {
	w := sizeStart(t, j)
	for w >= 2 && t[w-1] == ' ' && w < j {
		v := sizeStart(t, w-1)
		if v == w-1 {
			break
		}
		q := nameTokens(string(t[v:j]))
		if s.sizedVariant(q) == 0 {
			break
		}
		w = v
	}
	return w
}

// variantWord reports a catalogued variant word ("instruct", "pro").
func (s *state) variantWord(w string) bool {
	_, ok := s.an.c.variants[w]
	return ok
}

// sizeTokens reports the name tokens of a size: a count and "b" or "m"
// ("4", "b"), or a total and an active size ("35", "b", "a", "3", "b").
func sizeTokens(q []string) bool {
	size := func(n, u string) bool { return isDigit(n[0]) && (u == "b" || u == "m") }
	switch len(q) {
	case 2:
		return size(q[0], q[1])
	case 5:
		return size(q[0], q[1]) && q[2] == "a" && size(q[3], q[4])
	}
	return false
}

// proDrop reports an article in a language that leaves out a subject
// the sentence before named: Chinese, Japanese, Korean.
func (s *state) proDrop() bool {
	switch lang, _, _ := strings.Cut(s.a.Language, "-"); lang {
	case "zh", "ja", "ko":
		return true
	}
	return false
}

// olderIn returns the models that own an earlier value in sentence sp
// ("up from 79.1 for Granite 3.3 8B Instruct", "前モデルGLM-4.6の68.0%から"):
// what the sentence's subject is measured against, never that subject.
func (s *state) olderIn(sp span) []int {
	var older []int
	for _, n := range s.sentenceNumbers(sp, nil) {
		if n.earlier && n.owner >= 0 {
			older = append(older, n.owner)
		}
	}
	return older
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

// pronounIn reports a pronoun for a model inside sp, written as a word
// ("… HealthBench it beat o4-mini", "the model delivers", "结果显示其…").
func (s *state) pronounIn(sp span) bool {
	t := appendLowerASCII(s.lowBuf[:0], s.buf[sp.start:sp.end])
	s.lowBuf = t
	for _, q := range s.an.c.pronouns {
		for i := 0; ; {
			j := bytes.Index(t[i:], q)
			if j < 0 {
				break
			}
			j += i
			i = j + len(q)
			r, _ := utf8.DecodeRune(q)
			switch {
			case unicode.Is(unicode.Hangul, r):
				if j == 0 || t[j-1] == ' ' {
					return true // "이 모델", not "보이는"
				}
			case q[0] >= utf8.RuneSelf:
				return true // "其", "该模型"
			case (j == 0 || !isAlnum(t[j-1])) && (i >= len(t) || !isAlnum(t[i])):
				return true
			}
		}
	}
	return false
}

// appendLowerASCII appends b to dst with ASCII letters lowercased.
func appendLowerASCII(dst, b []byte) []byte {
	for _, c := range b {
		dst = append(dst, lowerASCII(c))
	}
	return dst
}

// referent returns the model a pronoun in sp of sentence k stands for:
// "the model" (a model noun) is the article's topic when it has one, "it"
// the subject of the sentences before, as "the model" is too in a section
// of its own that the topic does not open ("3. Meituan's LongCat … The
// model card claims 60.3").
func (s *state) referent(k int, sp span) int {
	if s.topic >= 0 && !s.sectionOpened(k) {
		t := appendLowerASCII(s.lowBuf[:0], s.buf[sp.start:sp.end])
		s.lowBuf = t
		for _, q := range s.an.c.pronouns {
			if modelNounPronoun(q) && bytes.Contains(t, q) {
				return s.topic
			}
		}
	}
	if m := s.previousSubject(k); m >= 0 {
		return m
	}
	return s.topic
}

// historyRightBefore reports a word of history right before a name at
// p, past a genitive or a space ("前世代のPLaMo 2.1 Prime", "上一代的X",
// "the previous X"): an older model, no subject a later sentence leaves
// out or a pronoun stands for.
func (s *state) historyRightBefore(p int) bool {
	for _, h := range hitsIn(s.cues[cueHistory], max(0, p-tune.ownerGap), p) {
		gap := strings.TrimSpace(string(s.buf[h.end:p]))
		if h.end <= p && (gap == "" || gap == "の" || gap == "的" || gap == "의") {
			return true
		}
	}
	return false
}

// modelNounPronoun reports a pronoun made of a model noun ("the model",
// "该模型", "이 모델"), not "it".
func modelNounPronoun(q []byte) bool {
	for _, n := range [][]byte{[]byte("model"), []byte("模型"), []byte("モデル"), []byte("모델"), []byte("mô hình")} {
		if bytes.Contains(q, n) {
			return true
		}
	}
	return false
}

// previousSubject returns the subject of the nearest sentence before k
// that has one, within pronounReach bytes: its first model not compared
// against or built on ("gpt-oss-120b scored 2622 …, against 2719 for
// o4-mini" is about gpt-oss-120b), nor a standard a particle marks
// ("Gemini 3 Flashより約3割安い"), or -1.
func (s *state) previousSubject(k int) int {
	for j := k - 1; j >= 1 && s.sents[k].start-s.sents[j].end <= tune.pronounReach; j-- {
		sp := s.sents[j]
		ms := s.mentionsIn(sp.start, sp.end)
		if len(ms) > 0 && s.pronounIn(span{sp.start, ms[0].start}) {
			// "It continues training from OLMo 3", "In math it gains 6
			// points over X": a pronoun before the models is the subject,
			// the same as before.
			continue
		}
		older := s.olderIn(sp)
		for _, m := range ms {
			if m.role == roleNone && !slices.Contains(older, m.model) && !s.standardMarked(m.span) && !s.historyRightBefore(m.start) {
				if q := s.qualifiedNoun(span{m.end, sp.end}); q >= 0 {
					return q // "Qwen 3.7 …：122B版本在…取得74.8分；在 X 上…"
				}
				return s.specific(m.model)
			}
		}
		if q := s.qualifiedNoun(sp); q >= 0 {
			return q // "相比上一代日日新V6.5，V7 Pro在…取得78.3分；"
		}
	}
	return -1
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
	for q < end && q-p < tune.phraseAfter {
		c := s.buf[q]
		if c == '.' && q > p && isDigit(s.buf[q-1]) && q+1 < end && isDigit(s.buf[q+1]) {
			q++ // "the 3.1 legacy pipeline": a version's point
			continue
		}
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
	if q-p >= tune.phraseAfter {
		if e := s.nounNamedAfter(q, min(end, p+tune.phraseNamed)); e > q {
			return s.evidence(p, e) // "… fine-tunes the pre-trained language model ZetaBERT"
		}
	}
	for q > p && q < len(s.buf) && q-p >= tune.phraseAfter && s.buf[q] != ' ' {
		q--
	}
	return s.evidence(p, q)
}

// nounNamedAfter returns where the name ends that a model noun of the
// lexicon (one a space opens, in any case) gives right after it ("model
// ZetaBERT", "Models Quill-7B"),
// written from before q up to end within one clause: a word opening with
// a capital, shaped like a name (a digit, a hyphen or a capital past its
// first letter); q when none does.
func (s *state) nounNamedAfter(q, end int) int {
	lo := max(0, q-len(" models"))
	for i := lo; i < end; i++ {
		switch s.buf[i] {
		case ',', '.', ';', ':', '(', '\n':
			if !(s.buf[i] == '.' && i > 0 && isDigit(s.buf[i-1]) && i+1 < end && isDigit(s.buf[i+1])) {
				return q
			}
		}
		for _, noun := range s.an.cat.ModelNouns {
			if !strings.HasPrefix(noun, " ") || !hasPrefixFold(s.buf[i:end], strings.ToLower(noun)) {
				continue // the nouns a space opens, written before a name
			}
			st := i + len(noun)
			if st < end && lowerASCII(s.buf[st]) == 's' {
				st++ // "models"
			}
			if st >= end || s.buf[st] != ' ' {
				continue
			}
			st++
			e := st
			for e < end && (isAlnum(s.buf[e]) || s.buf[e] == '-' || s.buf[e] == '.' && e+1 < end && isAlnum(s.buf[e+1])) {
				e++
			}
			if w := s.buf[st:e]; len(w) >= 3 && isUpper(w[0]) && nameShaped(string(w)) {
				return e
			}
		}
	}
	return q
}

// phraseBefore returns the words before p back to the previous clause
// break, at most phraseBefore bytes: the unnamed target of a comparison
// written after it ("オープンモデルと比較"). A comparison that an opening
// bracket starts is an aside, a caption's "（事前学習モデルの比較）", and
// has none.
func (s *state) phraseBefore(p, start int) string {
	q := p
	for q > start && p-q < tune.phraseBefore {
		c := s.buf[q-1]
		if c == ',' || c == '.' || c == ';' || c == ':' || c == '\n' {
			break
		}
		if r, _ := utf8.DecodeLastRune(s.buf[:q]); r == '(' || r == '（' {
			return ""
		} else if r == '：' || r == '，' || r == '、' || r == '。' || r == '；' {
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

// dedupeClaims drops repeated claims, keeping the first, and a "matches"
// claim whose sentence also gives the same pair a direction: "tốt hơn rõ
// rệt so với X" (clearly better compared with X) and "better results
// compared with X" outperform X, the neutral "so với"/"compared with"
// adds nothing.
func (s *state) dedupeClaims() {
	type key struct {
		model, bench, relation, target string
		value                          float64
		valued                         bool
	}
	type pair struct{ model, target, evidence string }
	directed := make(map[pair]bool)
	for _, c := range s.claims {
		if c.Target != "" && (c.Relation == "outperforms" || c.Relation == "trails") {
			directed[pair{c.Model, c.Target, c.Evidence}] = true
		}
	}
	seen := make(map[key]bool, len(s.claims))
	out := s.claims[:0]
	for _, c := range s.claims {
		k := key{model: c.Model, bench: c.Benchmark, relation: c.Relation, target: c.Target}
		if c.Value != nil {
			k.value, k.valued = *c.Value, true
		}
		if seen[k] || c.Relation == "matches" && directed[pair{c.Model, c.Target, c.Evidence}] {
			continue
		}
		seen[k] = true
		out = append(out, c)
	}
	s.claims = out
}
