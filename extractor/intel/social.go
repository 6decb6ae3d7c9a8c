package intel

import (
	"slices"
	"sort"
	"strings"
)

// socialHit reports a vendor's name written as an item of a row of
// community links ("Wechat Group | RedNote | X | Discord", "微信 · 小红书 ·
// B站"): a line of short items split by link separators, another of which
// names a social platform of the lexicon (social_platforms). A lab that
// also runs a social network ("RedNote", "小红书") is named there as the
// place its readers meet, no model maker.
func (s *state) socialHit(h hit) bool {
	lo := s.lineStart(h.start)
	items, read := s.linkRows[lo]
	if !read { // once per line: a page of one long line names vendors often
		items = s.linkRow(lo)
		if s.linkRows == nil {
			s.linkRows = map[int][]string{}
		}
		s.linkRows[lo] = items
	}
	own, social := string(s.buf[h.start:h.end]), false
	for _, item := range items {
		if strings.Contains(item, own) {
			continue
		}
		for _, w := range strings.Fields(item) {
			if slices.ContainsFunc(s.an.cat.SocialPlatforms, func(p string) bool { return strings.EqualFold(p, w) }) {
				social = true
			}
		}
	}
	return social
}

// linkRow returns the items of the line that starts at lo when it is a
// row of links: at least three, split by link separators, of at most
// three words each; nil otherwise.
func (s *state) linkRow(lo int) []string {
	hi := len(s.buf)
	if k := sort.SearchInts(s.newlines, lo); k < len(s.newlines) {
		hi = s.newlines[k]
	}
	items := strings.FieldsFunc(string(s.buf[lo:hi]), func(r rune) bool { return strings.ContainsRune("|｜·•/,、", r) })
	if len(items) < 3 {
		return nil
	}
	for _, item := range items {
		if len(strings.Fields(item)) > 3 {
			return nil // a sentence, no row of links
		}
	}
	return items
}
