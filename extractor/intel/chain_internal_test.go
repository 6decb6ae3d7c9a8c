package intel

import (
	"testing"

	"github.com/modelwire/modelwire/event"
)

// TestChainOverlap checks that a list read after a cue passes over a
// mention that starts inside the one before it (a name read twice, as a
// whole and in part) instead of slicing the text backwards.
func TestChainOverlap(t *testing.T) {
	an := testAnalyzer(t)
	a := event.Article{Title: "Lark-2", Text: "Lark-2 outperforms Qwen3-32B and Llama 3.3 70B on MMLU.", Language: "en"}
	s := an.newState(&a, nil)
	defer an.states.Put(s)
	s.scan()
	s.sortMentions()
	s.segment()
	s.findLines()
	if len(s.mentions) != 2 {
		t.Fatalf("want the two catalogued names as mentions, got %d", len(s.mentions))
	}
	first := s.mentions[0] // Qwen3-32B
	inner := first
	inner.start = first.end - 2 // a name read again inside the first
	s.mentions = []mention{first, inner, s.mentions[1]}
	for i := range s.mentions {
		s.mentions[i].sent = s.sentenceAt(s.mentions[i].start)
	}
	got := s.chainAfter(first.start - 1)
	if len(got) != 2 || got[0] != 0 || got[1] != 2 {
		t.Errorf("chainAfter = %v, want the two listed names [0 2] past the overlapping one", got)
	}
}
