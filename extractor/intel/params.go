package intel

import (
	"bytes"
	"sort"
)

// multipliers turn a count word into billions, by script: "671B", "456
// billion", "1T", "320 亿", "6710억", "4800億", "1.000 tỷ".
var multipliers = []struct {
	word string
	b    float64
	// attached: must touch the number ("72B"), and be followed by no letter.
	attached bool
}{
	{"B", 1, true}, {"T", 1000, true}, {"M", 0.001, true},
	{"billion", 1, false}, {"trillion", 1000, false}, {"million", 0.001, false},
	{"bn", 1, false},
	{"万亿", 1000, false}, {"亿", 0.1, false}, {"億", 0.1, false}, {"兆", 1000, false},
	{"억", 0.1, false}, {"조", 1000, false},
	{"nghìn tỷ", 1000, false}, {"ngàn tỷ", 1000, false}, {"tỷ", 1, false}, {"triệu", 0.001, false},
	{"Milliarden", 1, false}, {"Mrd.", 1, false}, {"Billionen", 1000, false}, {"milliards", 1, false},
	{"miliar", 1, false}, {"triliun", 1000, false}, {"млрд", 1, false}, {"трлн", 1000, false},
}

// params reads parameter counts from prose and gives them to the model the
// sentence is about, when the model's name does not already say them:
// "1 trillion total parameters", "32B activated", "6710억 개 파라미터".
func (s *state) params() {
	buf := s.buf
	for i := s.titleEnd; i < len(buf); i++ {
		if !isDigit(buf[i]) {
			continue
		}
		n, ok := s.readNumber(i)
		if !ok {
			for i < len(buf) && isAlnum(buf[i]) {
				i++
			}
			continue
		}
		i = n.end
		if n.percent || s.covered(n.span) {
			continue
		}
		j := n.end
		gap := 0
		if j < len(buf) && buf[j] == ' ' {
			j++
			gap = 1
		}
		mult, end := 0.0, 0
		for _, m := range multipliers {
			if m.attached && gap > 0 {
				continue
			}
			if !bytes.HasPrefix(buf[j:], []byte(m.word)) {
				continue
			}
			e := j + len(m.word)
			if e < len(buf) && isLetterASCII(buf[e]) {
				continue
			}
			mult, end = m.b, e
			break
		}
		if mult == 0 {
			continue
		}
		da := s.cueDistance(cueActive, n.start, end, 24, 32)
		dt := s.cueDistance(cueTotal, n.start, end, 24, 32)
		active := da >= 0 && (dt < 0 || da < dt)
		if da < 0 && s.cueDistance(cueParams, n.start, end, 24, 32) < 0 {
			continue // "15.5T tokens"
		}
		value := n.value * mult
		if value <= 0 || value > 100000 {
			continue
		}
		k := s.sentenceAt(n.start)
		m := s.paramsSubject(n.start, k)
		if m < 0 {
			continue
		}
		rec := s.models[m]
		if active {
			if rec.activeB == 0 {
				rec.activeB = value
			}
		} else if rec.totalB == 0 {
			rec.totalB = value
		}
		i = end
	}
}

// cueDistance returns the distance from [p, q) to the nearest cue of kind
// k ending at most before bytes before p or starting at most after bytes
// after q, or -1 when there is none.
func (s *state) cueDistance(k cueKind, p, q, before, after int) int {
	hits := s.cues[k]
	i := sort.Search(len(hits), func(i int) bool { return hits[i].end > p-before })
	best := -1
	for ; i < len(hits) && hits[i].start < q+after; i++ {
		h := hits[i]
		d := 0
		switch {
		case h.end <= p:
			if bytes.ContainsAny(s.buf[h.end:p], ",;，；、") {
				continue // "456 billion in total, 45.9 billion of which are active"
			}
			d = p - h.end
		case h.start >= q:
			d = h.start - q
		}
		if best < 0 || d < best {
			best = d
		}
	}
	return best
}

// paramsSubject returns the model a parameter count at p describes: the
// nearest model named before it in the sentence, else the first after it,
// else the article's topic model.
func (s *state) paramsSubject(p, k int) int {
	before, after := -1, -1
	sent := s.sents[k]
	for _, m := range s.mentionsIn(max(sent.start, p-window), min(sent.end, p+window)) {
		if m.end <= p {
			before = m.model
		} else if after < 0 {
			after = m.model
		}
	}
	switch {
	case before >= 0:
		return before
	case s.topic >= 0:
		return s.topic
	}
	return after
}
