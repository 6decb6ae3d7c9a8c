package extractor

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Page builders split a story into blocks — a grid row every few
// paragraphs, with an ad column beside it and a full-width ad row between —
// so the best-scoring container holds only part of the story, and its
// siblings, which hold the rest one or two levels down, do not read like
// it. After the scorer's choice, the blocks of the same story that follow
// it (and precede it) in document order are merged in: prose is taken,
// ads, promos, captions and "read more" lines between are passed over, and
// the walk stops at the story's end — a comments, related-stories or
// newsletter block, another headline, a footer — or when too much that is
// not prose lies between.

// Limits of the walk for a story's further blocks.
const (
	// mergeLevels is how far above the chosen container the walk may
	// reach when no <article> or <main> bounds the story.
	mergeLevels = 3
	// maxMergeGapChars is the most text that is not prose (link lines,
	// captions, labels) passed over between two blocks of a story.
	maxMergeGapChars = 240
	// maxMergeGapUnits is the most such lines passed over between two
	// blocks of a story.
	maxMergeGapUnits = 4
	// maxMergeSkips is the most furniture elements (ads, share bars)
	// passed over between two blocks of a story.
	maxMergeSkips = 8
	// minBackwardBlocks is the least prose a walk back from the chosen
	// container must find to be taken.
	minBackwardBlocks = 2
)

// walkState says whether a merge walk goes on.
type walkState uint8

const (
	walkOn walkState = iota
	walkStop
)

// mergeWalk is one walk from the chosen blocks, forward or backward, in
// document order.
type mergeWalk struct {
	s        *scorer
	root     *html.Node
	backward bool
	title    string
	authors  []string
	lex      *lexicon
	// found are the blocks of the story met, in walk order.
	found   []*html.Node
	prose   int
	pending []*html.Node
	gap     int
	units   int
	skips   int
}

// merge returns nodes (the chosen container and its siblings, in document
// order) with the story's blocks before and after them that lie under the
// same story root.
func (s *scorer) merge(nodes []*html.Node, body *html.Node, h textHints) []*html.Node {
	if len(nodes) == 0 || nodes[0] == body || nodes[0].Parent == nil {
		return nodes
	}
	root := storyRoot(nodes[0], body)
	if root == nil {
		return nodes
	}
	fw := mergeWalk{s: s, root: root, title: h.title, authors: h.authors, lex: h.lex}
	fw.from(nodes[len(nodes)-1])
	bw := mergeWalk{s: s, root: root, title: h.title, authors: h.authors, lex: h.lex, backward: true}
	bw.from(nodes[0])
	if bw.prose < minBackwardBlocks {
		// One paragraph before the story's container is a standfirst or
		// a summary, which lead handles, not a block of the story.
		bw.found = nil
	}
	if len(fw.found) == 0 && len(bw.found) == 0 {
		return nodes
	}
	out := make([]*html.Node, 0, len(nodes)+len(fw.found)+len(bw.found))
	for i := len(bw.found) - 1; i >= 0; i-- {
		out = append(out, bw.found[i])
	}
	out = append(out, nodes...)
	return append(out, fw.found...)
}

// storyRoot returns the element a story's blocks are looked for in: the
// nearest <article>, <main> or articleBody around n, or else the ancestor
// mergeLevels above n's parent; nil when n's parent is the body.
func storyRoot(n, body *html.Node) *html.Node {
	if n.Parent == body {
		return nil
	}
	level := 0
	var bounded *html.Node
	for p := n.Parent; p != nil && p != body; p = p.Parent {
		switch {
		case p.DataAtom == atom.Article || p.DataAtom == atom.Main,
			attr(p, "itemprop") == "articleBody", strings.EqualFold(attr(p, "role"), "main"):
			return p
		}
		if level == mergeLevels {
			bounded = p
		}
		level++
	}
	if bounded == nil {
		return body
	}
	return bounded
}

// from walks from n to the end (or start) of the story root, level by
// level up n's ancestors. At each level it takes prose written straight
// into the level's container and descends into the siblings shaped like
// the path it came up by (same tag, a class in common): the next grid row
// of a page builder, then the row's story column, not its side column.
func (w *mergeWalk) from(n *html.Node) {
	var path []*html.Node
	for ; n != nil && n != w.root; n = n.Parent {
		path = append(path, n)
		for sib := w.next(n); sib != nil; sib = w.next(sib) {
			if w.step(sib, path, 0) == walkStop {
				return
			}
		}
	}
}

// step judges n, a sibling of path[len(path)-1] or a child of a node
// shaped like path[len(path)], as visit does for furniture, headings and
// blocks of text. A container shaped like path[len(path)-1] is descended
// into along the path, wholly at the path's end; other containers are
// gaps.
func (w *mergeWalk) step(n *html.Node, path []*html.Node, depth int) walkState {
	if n.Type != html.ElementNode || depth > maxDepth || w.s.skip(n) {
		return w.visit(n, depth)
	}
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Article,
		atom.P, atom.Blockquote, atom.Pre, atom.Ul, atom.Ol, atom.Dl, atom.Table:
		return w.visit(n, depth)
	}
	if leafBlock(n) {
		return w.visit(n, depth)
	}
	if !similar(n, path[len(path)-1]) {
		if storyEndClass(n, w.s.cc) {
			return walkStop
		}
		// Its text as the story would read it: what lies in furniture
		// inside (a rail of related links, an ad) is no gap between
		// the story's blocks.
		return w.other(w.measure(n).chars)
	}
	if len(path) == 1 {
		// A block shaped like the chosen one: all of it is looked at.
		return w.visit(n, depth)
	}
	inner := path[:len(path)-1]
	for c := w.first(n); c != nil; c = w.next(c) {
		if w.step(c, inner, depth+1) == walkStop {
			return walkStop
		}
	}
	return walkOn
}

// similar reports whether a and b are shaped alike: the same tag, and no
// class on either or a class in common, digits aside ("row-2", "row-3").
func similar(a, b *html.Node) bool {
	if a.DataAtom != b.DataAtom || a.Data != b.Data {
		return false
	}
	ca, cb := classTokens(a), classTokens(b)
	if len(ca) == 0 || len(cb) == 0 {
		return len(ca) == len(cb)
	}
	for _, x := range ca {
		for _, y := range cb {
			if x == y {
				return true
			}
		}
	}
	return false
}

// classTokens returns n's classes, lower-cased, without digits.
func classTokens(n *html.Node) []string {
	f := strings.Fields(strings.ToLower(attr(n, "class")))
	for i, c := range f {
		f[i] = strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return -1
			}
			return r
		}, c)
	}
	return f
}

func (w *mergeWalk) next(n *html.Node) *html.Node {
	if w.backward {
		return n.PrevSibling
	}
	return n.NextSibling
}

func (w *mergeWalk) first(n *html.Node) *html.Node {
	if w.backward {
		return n.LastChild
	}
	return n.FirstChild
}

// visit judges n and, for a container, what it holds.
func (w *mergeWalk) visit(n *html.Node, depth int) walkState {
	switch n.Type {
	case html.TextNode:
		return w.other(countText(n.Data).chars)
	case html.ElementNode:
	default:
		return walkOn
	}
	if depth > maxDepth {
		return walkOn
	}
	if w.s.skip(n) {
		switch {
		case n.DataAtom == atom.Footer, storyEndClass(n, w.s.cc):
			return walkStop
		case w.backward && holdsHeadline(n, w.title):
			return walkStop
		}
		w.skips++
		if w.skips > maxMergeSkips {
			return walkStop
		}
		return walkOn
	}
	switch n.DataAtom {
	case atom.H1:
		if !w.sectionH1(n) {
			return walkStop
		}
		w.pending = append(w.pending, n)
		return walkOn
	case atom.Article:
		return walkStop
	case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		t := text(n)
		c := w.measure(n)
		if w.title != "" && t == w.title || w.lex.endLine(t) || c.chars > 0 && c.links*2 > c.chars {
			return walkStop
		}
		w.pending = append(w.pending, n)
		return walkOn
	case atom.P, atom.Blockquote, atom.Pre, atom.Ul, atom.Ol, atom.Dl, atom.Table:
		return w.unit(n)
	}
	if leafBlock(n) {
		return w.unit(n)
	}
	for c := w.first(n); c != nil; c = w.next(c) {
		if w.visit(c, depth+1) == walkStop {
			return walkStop
		}
	}
	return walkOn
}

// sectionH1 reports whether the <h1> n heads a section of the story
// rather than a story (the page's, or the next one's): written among the
// paragraphs the walk took last, as its sibling (a blog platform that
// writes every subheading as <h1>), and not the headline.
func (w *mergeWalk) sectionH1(n *html.Node) bool {
	if len(w.found) == 0 || w.found[len(w.found)-1].Parent != n.Parent {
		return false
	}
	t := text(n)
	return t != "" && normTitle(t) != normTitle(w.title) && !w.lex.endLine(t)
}

// unit judges a block of text: prose joins the story, with the headings
// met since the last prose; anything else is a gap.
func (w *mergeWalk) unit(n *html.Node) walkState {
	c := w.measure(n)
	if c.chars == 0 {
		return walkOn
	}
	t := text(n)
	if c.chars < 80 && w.lex.endLine(t) || startsWithName(t, w.authors) {
		// "Comments", "Related stories"; the author's bio.
		return walkStop
	}
	if proseBlock(t, n.DataAtom, c) {
		w.found = append(w.found, w.pending...)
		w.found = append(w.found, n)
		w.prose++
		w.pending, w.gap, w.units, w.skips = nil, 0, 0, 0
		return walkOn
	}
	return w.other(c.chars)
}

// other passes over chars of text that is not prose.
func (w *mergeWalk) other(chars int) walkState {
	if chars == 0 {
		return walkOn
	}
	w.gap += chars
	w.units++
	if w.gap > maxMergeGapChars || w.units > maxMergeGapUnits {
		return walkStop
	}
	return walkOn
}

// measure counts n's text as the renderer would see it.
func (w *mergeWalk) measure(n *html.Node) counts {
	c, _ := w.s.side().measureChildren(n, 0, false)
	return c
}

// proseBlock reports whether a block with text t and counts c reads as a
// story's text: a paragraph, or a block of sentences, with few links.
func proseBlock(t string, tag atom.Atom, c counts) bool {
	if boilerLine.MatchString(t) || strings.Contains(t, "©") {
		// A photo's caption and credit.
		return false
	}
	switch {
	case c.chars >= 80 && c.links*4 < c.chars:
		return tag == atom.P || sentenceEnd.MatchString(t)
	case tag == atom.P && c.chars >= 25 && c.links == 0:
		return sentenceEnd.MatchString(t)
	}
	return false
}

// leafBlock reports whether n is a <div> or <section> with text and no
// blocks inside.
func leafBlock(n *html.Node) bool {
	if n.DataAtom != atom.Div && n.DataAtom != atom.Section {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && blockTags[c.DataAtom] && c.DataAtom != atom.Br {
			return false
		}
	}
	return true
}

// holdsHeadline reports whether n is or holds an <h1>, or a heading that
// reads as the title.
func holdsHeadline(n *html.Node, title string) bool {
	found := false
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		if found || depth > maxDepth || n.Type != html.ElementNode && n.Type != html.DocumentNode {
			return
		}
		switch n.DataAtom {
		case atom.H1:
			found = true
			return
		case atom.H2:
			if title != "" && text(n) == title {
				found = true
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return found
}

// storyEndWords mark, in a class or id, what follows a story: comments,
// related and recommended stories, newsletter boxes, the author's bio.
var storyEndWords = []string{
	"comment", "related", "recommend", "newsletter", "outbrain", "taboola", "most-popular",
	"mostpopular", "more-stories", "morestories", "also-read", "see-also", "author-bio",
	"authorbio", "about-author", "read-next", "readnext", "next-article", "disqus",
}

// storyEndClass reports whether n's class or id says a story has ended,
// also in the attempt that scores without classes.
func storyEndClass(n *html.Node, cc classes) bool {
	if cc.of(n)&cfStrong == 0 {
		return false
	}
	ci := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	for _, w := range storyEndWords {
		if strings.Contains(ci, w) {
			return true
		}
	}
	return false
}

// endMarker matches a heading or a short line that opens what follows a
// story: related and recommended stories, lists of the most read, the
// comments, the author's bio, a newsletter sign-up — in English, whose
// phrases have open slots ("more from …"); the other languages' phrases
// are in words.yaml (lexicon.endLine). It is apart from them because one
// pattern of them all runs twice as slow (Go's backtracker takes only
// small programs).
var endMarker = mustStem(`(?i)^\W*(related( (stories|articles|coverage|content|posts|news|reading|links|topics))?|more (from|on|in|about|by) .{1,60}|more (great |top |good |popular )?([\pL&.'’-]+ ){0,2}(stories|news|articles|headlines|reads|to read)|recommended( for you| stories| articles| reading)?|you (may|might) (also )?(like|enjoy|be interested in)|(you should )?read (this )?next|what to read next|most (popular|read|viewed|shared|emailed)|popular (now|stories|posts|articles)|trending( now| stories| today)?|top stories|latest (news|stories|headlines|articles)|editor'?s'? picks|don'?t miss|join the (conversation|discussion)|(\d+ )?comments?( \(\d+\))?|leave a (comment|reply)|about the authors?|sign up for .{1,60}|get (the|our) .{1,40}newsletter|.{0,40}newsletters?)\W*$`,
	"related", "more ", "recommended", "you m", "read ", "most ", "popular ", "trending", "top stories", "latest ",
	"editor", "t miss", "join the ", "comment", "leave a ", "about the author", "sign up for ", "newsletter")

// startsWithName reports whether s starts with one of names followed by a
// space: an author's bio ("Ann Lee is a reporter …", "Ann Lee leitet …").
func startsWithName(s string, names []string) bool {
	for _, n := range names {
		if len(n) >= 4 && strings.HasPrefix(s, n+" ") {
			return true
		}
	}
	return false
}
