package intel

import (
	"bytes"
	"slices"
	"strings"
)

// socialHit reports a vendor's name written as an item of a row of
// community links ("Wechat Group | RedNote | X | Discord", "微信 · 小红书 ·
// B站"): a line of short items split by link separators, another of which
// names a social platform of the lexicon (social_platforms). A lab that
// also runs a social network ("RedNote", "小红书") is named there as the
// place its readers meet, no model maker.
func (s *state) socialHit(h hit) bool {
	lo := bytes.LastIndexByte(s.buf[:h.start], '\n') + 1
	hi := len(s.buf)
	if k := bytes.IndexByte(s.buf[h.end:], '\n'); k >= 0 {
		hi = h.end + k
	}
	line := string(s.buf[lo:hi])
	items := strings.FieldsFunc(line, func(r rune) bool { return strings.ContainsRune("|｜·•/,、", r) })
	if len(items) < 3 {
		return false
	}
	own, social := string(s.buf[h.start:h.end]), false
	for _, item := range items {
		words := strings.Fields(item)
		if len(words) > 3 {
			return false // a sentence, no row of links
		}
		if strings.Contains(item, own) {
			continue
		}
		for _, w := range words {
			if slices.ContainsFunc(s.an.cat.SocialPlatforms, func(p string) bool { return strings.EqualFold(p, w) }) {
				social = true
			}
		}
	}
	return social
}
