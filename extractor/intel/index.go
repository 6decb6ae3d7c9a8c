package intel

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// Bounds on what one article may produce, so adversarial text costs time
// linear in its length: no realistic article comes near them.
const (
	maxMentions = 8000
	maxHits     = 8000 // per kind: vendor names, benchmarks, licences, each cue kind
	maxStems    = 16   // names discovered per article
	maxChain    = 16   // models one comparison or reference cue may reach
	window      = 300  // bytes around a cue searched for its subject
	// variantReach: bytes either side of a name searched for its sizes
	// and variants in its sentence (shippedInVariants).
	variantReach = 2000
	// indexFrom: more names than this to find through the whole text
	// are looked up in an index of it, not searched for one by one
	// (tableModelsInProse).
	indexFrom = 64
)

// The finders below locate items by position in slices sorted by start,
// which scan and finishMentions keep them.

// mentionsIn returns the mentions starting in [lo, hi).
func (s *state) mentionsIn(lo, hi int) []mention {
	i := sort.Search(len(s.mentions), func(i int) bool { return s.mentions[i].start >= lo })
	j := i
	for j < len(s.mentions) && s.mentions[j].start < hi {
		j++
	}
	return s.mentions[i:j]
}

// mentionIndex returns the index of the first mention starting at or after p.
func (s *state) mentionIndex(p int) int {
	return sort.Search(len(s.mentions), func(i int) bool { return s.mentions[i].start >= p })
}

// hitsIn returns the hits starting in [lo, hi).
func hitsIn(hits []hit, lo, hi int) []hit {
	i := sort.Search(len(hits), func(i int) bool { return hits[i].start >= lo })
	j := i
	for j < len(hits) && hits[j].start < hi {
		j++
	}
	return hits[i:j]
}

// benchesIn returns the benchmark mentions starting in [lo, hi).
func benchesIn(b []benchHit, lo, hi int) []benchHit {
	i := sort.Search(len(b), func(i int) bool { return b[i].start >= lo })
	j := i
	for j < len(b) && b[j].start < hi {
		j++
	}
	return b[i:j]
}

// sortMentions orders the mentions by position; covered searches the
// sorted ones.
func (s *state) sortMentions() {
	sort.SliceStable(s.mentions, func(i, j int) bool { return s.mentions[i].start < s.mentions[j].start })
	s.sortedN = len(s.mentions)
}

// covered reports whether byte range sp overlaps a sorted model mention.
func (s *state) covered(sp span) bool {
	sorted := s.mentions[:s.sortedN]
	i := sort.Search(len(sorted), func(i int) bool { return sorted[i].end > sp.start })
	return i < len(sorted) && sorted[i].start < sp.end
}

// lineStart returns where the line holding p starts: just past the last
// line break before p. The breaks are indexed once per analysis, as a
// search back from p on a page of one long line would read it whole for
// every claim.
func (s *state) lineStart(p int) int {
	if !s.newlinesRead {
		for i := 0; ; i++ {
			j := bytes.IndexByte(s.buf[i:], '\n')
			if j < 0 {
				break
			}
			i += j
			s.newlines = append(s.newlines, i)
		}
		s.newlinesRead = true
	}
	k := sort.SearchInts(s.newlines, p)
	if k == 0 {
		return 0
	}
	return s.newlines[k-1] + 1
}

// orgWordBefore reports that the text writes word (two to four letters)
// right before an organisation suffix somewhere ("소나무" of "소나무AI").
// The text is read once per analysis for all the suffixes' places, so a
// page that writes a thousand such words pays for one reading, not a
// thousand.
func (s *state) orgWordBefore(word []byte) bool {
	if !s.orgWordsRead {
		s.orgWords = map[string]bool{}
		for _, suf := range s.an.cat.OrgSuffixes {
			sb := []byte(suf)
			for i := 0; i < len(s.buf); {
				j := bytes.Index(s.buf[i:], sb)
				if j < 0 {
					break
				}
				at := i + j
				i = at + 1
				s.addOrgWords(at)
			}
		}
		s.orgWordsRead = true
	}
	return s.orgWords[string(word)]
}

// addOrgWords records the last two, three and four letters before at.
func (s *state) addOrgWords(at int) {
	j := at
	for k := 1; k <= 4 && j > 0; k++ {
		_, n := utf8.DecodeLastRune(s.buf[:j])
		j -= n
		if k < 2 {
			continue
		}
		s.orgWords[string(s.buf[j:at])] = true
	}
}
