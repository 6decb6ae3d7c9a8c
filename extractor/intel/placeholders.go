package intel

import (
	"slices"
	"strings"

	"github.com/modelwire/modelwire/event"
)

// dropPlaceholders forgets the models no catalog knows whose names are
// only generic words ending on a comparison noun (placeholder): the
// anonymised rows of a comparison ("Top Open-source Model1", "Top
// Close-source Model2", "Open-source SOTA", "Baseline A") stand for
// models the page does not name. Their claims go with them.
func (s *state) dropPlaceholders() {
	for _, rec := range s.models {
		if rec.count == 0 || rec.family >= 0 || !s.placeholder(rec.name) {
			continue
		}
		rec.count, rec.conf = 0, 0
		s.claims = slices.DeleteFunc(s.claims, func(c event.Claim) bool { return c.Model == rec.name })
	}
}

// placeholder reports a name whose words (split at spaces and
// underscores) are all comparison nouns or placeholder words of the
// lexicon (comparison_nouns, placeholder_words), the last one a
// comparison noun, with or without an index: digits glued on ("Model1"),
// a last word of one letter or digit ("Model A", "Baseline 2"), or none
// ("Open-source SOTA", a lone "Baseline"). A word of a name ("Segment
// Anything Model") makes it a name.
func (s *state) placeholder(name string) bool {
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return r == ' ' || r == '_' })
	if len(words) > 1 && len(words[len(words)-1]) == 1 {
		words = words[:len(words)-1] // "Model A"
	}
	if len(words) == 0 {
		return false
	}
	last := strings.TrimRight(words[len(words)-1], "0123456789")
	if !slices.Contains(s.an.cat.ComparisonNouns, last) {
		return false
	}
	for _, w := range words[:len(words)-1] {
		if !slices.Contains(s.an.cat.ComparisonNouns, w) && !slices.Contains(s.an.cat.PlaceholderWords, w) {
			return false
		}
	}
	return true
}
