package intel

import (
	"bytes"
	"sort"
)

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
		for _, m := range s.an.cat.CountWords {
			if m.Attached && gap > 0 {
				continue
			}
			if !bytes.HasPrefix(buf[j:], []byte(m.Word)) {
				continue
			}
			e := j + len(m.Word)
			if e < len(buf) && isLetterASCII(buf[e]) {
				continue
			}
			mult, end = m.Billions, e
			break
		}
		if mult == 0 {
			continue
		}
		da := s.cueDistance(cueActive, n.start, end, 24, 32, true)
		dt := s.cueDistance(cueTotal, n.start, end, 24, 32, true)
		active := da >= 0 && (dt < 0 || da < dt)
		if da < 0 && s.cueDistance(cueParams, n.start, end, 24, 32, false) < 0 {
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
// after q, or -1 when there is none. A cue before p counts only in p's
// clause; with clause, so does one after q.
func (s *state) cueDistance(k cueKind, p, q, before, after int, clause bool) int {
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
			if clause && bytes.ContainsAny(s.buf[q:h.start], ",;，；、") {
				continue // "总参数量 321B，激活参数 38B"
			}
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
	case s.topic >= 0 && !s.models[s.topic].bare:
		return s.topic
	}
	return after
}
