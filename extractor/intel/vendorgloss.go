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
	return s.glossesAfter(name)[gloss]
}

// glossesAfter returns what the text writes in brackets right after name,
// fullwidth or not, with at most a space between: "모아랩스(Moa Labs)"
// gives "Moa Labs" for "모아랩스". The text is read once per name, as
// every discovered stem asks about every new organisation (a page that
// repeats a name thousands of times would otherwise be read as often).
func (s *state) glossesAfter(name string) map[string]bool {
	if g, ok := s.glosses[name]; ok {
		return g
	}
	g := map[string]bool{}
	if name != "" {
		for i := 0; ; {
			j := bytes.Index(s.buf[i:], []byte(name))
			if j < 0 {
				break
			}
			at := i + j + len(name)
			i += j + 1
			rest := s.buf[at:]
			if len(rest) > 0 && rest[0] == ' ' {
				rest = rest[1:]
			}
			for _, br := range [][2]string{{"(", ")"}, {"（", "）"}} {
				if in, ok := bytes.CutPrefix(rest, []byte(br[0])); ok {
					if k := bytes.Index(in, []byte(br[1])); k >= 0 {
						g[string(in[:k])] = true
					}
				}
			}
		}
	}
	if s.glosses == nil {
		s.glosses = map[string]map[string]bool{}
	}
	s.glosses[name] = g
	return g
}
