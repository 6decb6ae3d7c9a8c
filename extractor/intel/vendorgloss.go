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
	for _, br := range [][2]string{{"(", ")"}, {"（", "）"}} {
		for _, sp := range []string{"", " "} {
			if bytes.Contains(s.buf, []byte(name+sp+br[0]+gloss+br[1])) {
				return true
			}
		}
	}
	return false
}
