package intel

import "bytes"

// glossed reports two names of new organisations the text writes one
// right after the other in brackets, as a name and its gloss in another
// script: "모아랩스(Moa Labs)", "ミズハAI（Mizuha AI）", "Moa Labs (모아랩스)".
// They name one organisation, not two.
func (s *state) glossed(a, b string) bool {
	return s.glossPair(a, b) || s.glossPair(b, a)
}

// glossPair reports name followed by gloss in round brackets, fullwidth
// or not, with at most a space between.
func (s *state) glossPair(name, gloss string) bool {
	return s.glossesAfter(name).has(s.buf, gloss)
}

// maxGlossKey is the longest bracket text a gloss index keeps as a key;
// longer ones (a bracket left open until the end of a long page) it keeps
// as places, so a page of many open brackets is not copied once for each.
const maxGlossKey = 256

// glosses is what the text writes in brackets after one name: short
// texts by value, longer ones as spans of the text.
type glosses struct {
	short map[string]bool
	long  []span
}

// has reports gloss among the bracket texts, read from buf.
func (g *glosses) has(buf []byte, gloss string) bool {
	if len(gloss) <= maxGlossKey {
		return g.short[gloss]
	}
	for _, sp := range g.long {
		if sp.end-sp.start == len(gloss) && string(buf[sp.start:sp.end]) == gloss {
			return true
		}
	}
	return false
}

// add keeps a bracket text, and its first part when a list mark goes on
// with more about the organisation, its place or its founding:
// "누리봄랩스(Nuribom Labs, 서울 강남구)" glosses the lab as "Nuribom Labs".
func (g *glosses) add(text []byte) {
	if !g.short[string(text)] {
		g.short[string(text)] = true
	}
	for _, m := range [...]string{"、", "，", ", ", "; ", "；"} {
		if k := bytes.Index(text, []byte(m)); k > 0 && !g.short[string(text[:k])] {
			g.short[string(text[:k])] = true
		}
	}
}

// glossesAfter returns what the text writes in brackets right after name,
// fullwidth or not, with at most a space between: "모아랩스(Moa Labs)"
// gives "Moa Labs" for "모아랩스". The text is read once per name, as
// every discovered stem asks about every new organisation (a page that
// repeats a name thousands of times would otherwise be read as often);
// the closing bracket found for one place serves the places before it,
// so brackets left open do not send every place to the end of the text.
func (s *state) glossesAfter(name string) *glosses {
	if g, ok := s.glosses[name]; ok {
		return g
	}
	g := &glosses{short: map[string]bool{}}
	brackets := [...][2]string{{"(", ")"}, {"（", "）"}}
	var closeAt [len(brackets)]int // the first close at or after an earlier place; -1: none is left
	if name != "" {
		for i := 0; ; {
			j := bytes.Index(s.buf[i:], []byte(name))
			if j < 0 {
				break
			}
			at := i + j + len(name)
			i += j + 1
			if at < len(s.buf) && s.buf[at] == ' ' {
				at++
			}
			for b, br := range brackets {
				if !bytes.HasPrefix(s.buf[at:], []byte(br[0])) || closeAt[b] < 0 {
					continue
				}
				in := at + len(br[0])
				if closeAt[b] < in {
					k := bytes.Index(s.buf[in:], []byte(br[1]))
					if k < 0 {
						closeAt[b] = -1
						continue
					}
					closeAt[b] = in + k
				}
				if sp := (span{in, closeAt[b]}); sp.end-sp.start > maxGlossKey {
					g.long = append(g.long, sp)
				} else {
					g.add(s.buf[in:sp.end])
				}
			}
		}
	}
	if s.glosses == nil {
		s.glosses = map[string]*glosses{}
	}
	s.glosses[name] = g
	return g
}
