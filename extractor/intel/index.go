package intel

import "sort"

// Bounds on what one article may produce, so adversarial text costs time
// linear in its length: no realistic article comes near them.
const (
	maxMentions = 8000
	maxHits     = 8000 // per kind: vendor names, benchmarks, licences, each cue kind
	maxStems    = 16   // names discovered per article
	maxChain    = 16   // models one comparison or reference cue may reach
	window      = 300  // bytes around a cue searched for its subject
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
