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
		active := s.cueWithin(cueActive, n.start-24, end+32)
		if !active && !s.cueWithin(cueParams, end, end+32) {
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

// cueWithin reports a cue of kind k starting inside [lo, hi).
func (s *state) cueWithin(k cueKind, lo, hi int) bool {
	hits := s.cues[k]
	i := sort.Search(len(hits), func(i int) bool { return hits[i].start >= lo })
	return i < len(hits) && hits[i].start < hi
}

// paramsSubject returns the model a parameter count at p describes: the
// nearest model named before it in the sentence, else the first after it,
// else the article's topic model.
func (s *state) paramsSubject(p, k int) int {
	before, after := -1, -1
	for _, m := range s.mentions {
		if m.sent != k {
			continue
		}
		if m.end <= p {
			before = m.model
		} else if after < 0 {
			after = m.model
		}
	}
	switch {
	case before >= 0:
		return before
	case after >= 0:
		return after
	}
	return s.topic
}
