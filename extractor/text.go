package extractor

import (
	"math"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The main-text extractor follows Mozilla Readability's algorithm — score
// paragraphs, credit their ancestors, take the best container and the
// siblings that read like it — on the DOM parsed once for every field, with
// trafilatura's habit of dropping page furniture (share bars, related links,
// captions, bylines) block by block inside the chosen container. See
// ExtractArticle for why it is hand-written rather than a library call.

// minArticleChars is the text below which an attempt is retried with fewer
// filters, as Readability does.
const minArticleChars = 500

// blockTags are elements that start a new line of text.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Blockquote: true, atom.Pre: true, atom.Table: true, atom.Tr: true, atom.Caption: true,
	atom.Br: true, atom.Hr: true, atom.Header: true, atom.Address: true, atom.Center: true,
	atom.Details: true, atom.Summary: true, atom.Body: true, atom.Tbody: true, atom.Thead: true,
	atom.Tfoot: true, atom.Figure: true, atom.Aside: true, atom.Nav: true, atom.Footer: true,
	atom.Form: true, atom.Fieldset: true,
}

// paragraphTags are the elements Readability scores as paragraphs.
var paragraphTags = map[atom.Atom]bool{
	atom.P: true, atom.Pre: true, atom.Td: true, atom.Section: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

// candidate is a container credited by the paragraphs under it.
type candidate struct {
	score        float64
	chars, links int
}

// scorer holds one scoring attempt over a document.
type scorer struct {
	useClass bool
	// captions reads photos' captions as text (a photo story's).
	captions bool
	// hidden reads elements hidden from sight (a slideshow's slides).
	hidden bool
	cc     classes
	cands  map[*html.Node]*candidate
	// kept says, for each weakJunk element judged so far, how much prose
	// it holds. Side scorers share it, so nested suspects are judged once
	// each rather than once per ancestor.
	kept map[*html.Node]prose
	// keptClass holds, by class, the last weakJunk element kept for the
	// prose it holds (see keeps); shared like kept.
	keptClass map[string]*html.Node
	// cuts holds, by class, where the boxes of that class stop being the
	// story's (see keeps); shared like kept.
	cuts map[string]storyCut
	// meters holds, by parent and class, whether the paragraphs of that
	// class under that parent are the story's (see meteredParagraph);
	// shared like kept.
	meters map[meterKey]bool
	// judging is set on the side scorer that measures a weakJunk
	// element's prose: the paragraphs of the suspects nested in it count.
	judging bool
	// before and after keep, per node, textBefore's and textAfter's
	// answers (firstWithText).
	before map[*html.Node]bool
	after  map[*html.Node]*html.Node
}

// prose is how much prose a weakJunk element holds.
type prose uint8

const (
	proseNone prose = iota
	// proseSome: a paragraph or two, fewer than minProseParas.
	proseSome
	// proseMuch: minProseParas paragraphs or more.
	proseMuch
)

// minProseParas is how many paragraphs of prose keep a weakJunk element.
const minProseParas = 3

// skip reports whether measure and render leave n out.
func (s *scorer) skip(n *html.Node) bool {
	switch s.junk(n) {
	case hardJunk:
		return true
	case weakJunk:
		return !s.keeps(n)
	}
	return false
}

// keeps reports whether the weakJunk element n, judged by measure, is
// kept: for the paragraphs of prose it holds; or, with a paragraph or
// two, when an element of its class was kept for its prose and no
// heading lies between that element's last and n. A page builder wraps
// each stretch of a story in the same boxes ("widget-wrap" around one to
// three paragraphs, between photos and promos), and a box of the story's
// two paragraphs is as much the story as one of three; after the story,
// the same boxes hold what follows it under a heading of its own (an
// appeal for donations, a bio, more stories).
func (s *scorer) keeps(n *html.Node) bool {
	switch s.kept[n] {
	case proseMuch:
		return true
	case proseSome:
		if s.judging {
			return true
		}
		c := boxClass(n)
		last := s.keptClass[c]
		if c == "" || last == nil {
			return false
		}
		cut := s.cuts[c]
		if cut.last != last {
			cut = storyCut{last: last, heading: headingAfter(last)}
			s.cuts[c] = cut
		}
		return cut.heading == nil || before(n, cut.heading)
	}
	return false
}

// boxClass is n's class without the tokens that hold a digit: a page
// builder names each box's instance too ("box box-3fa2c1"), and boxes of
// one kind share the rest.
func boxClass(n *html.Node) string {
	c := attr(n, "class")
	if strings.IndexFunc(c, unicode.IsDigit) < 0 {
		return c
	}
	var b strings.Builder
	for _, tok := range strings.Fields(c) {
		if strings.IndexFunc(tok, unicode.IsDigit) < 0 {
			b.WriteString(tok)
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// storyCut is the first heading after last, the last element of a class
// kept for its prose.
type storyCut struct{ last, heading *html.Node }

// maxCutNodes bounds the nodes headingAfter visits.
const maxCutNodes = 5000

// maxCutHeadingBytes is the longest heading that ends a story's boxes.
const maxCutHeadingBytes = 200

// headingAfter returns the first heading after n and its subtree in
// document order, or nil: an <h1> to <h6>, or an element whose class
// says heading (page builders write their headings as <div
// class="…-heading-title">). A heading of furniture words ("Read more",
// "Related") is a promo's inside the story, and is passed over.
func headingAfter(n *html.Node) *html.Node {
	for ; n != nil && n.NextSibling == nil; n = n.Parent {
	}
	if n == nil {
		return nil
	}
	visited := 0
	for m := n.NextSibling; m != nil && visited < maxCutNodes; visited++ {
		if m.Type == html.ElementNode && (headingRank(m.DataAtom) > 0 || hasClassWord(m, "heading")) {
			if t := text(m); t != "" && len(t) <= maxCutHeadingBytes && !boilerLine.MatchString(t) {
				return m
			}
		}
		switch {
		case m.FirstChild != nil:
			m = m.FirstChild
		case m.NextSibling != nil:
			m = m.NextSibling
		default:
			for m = m.Parent; m != nil && m.NextSibling == nil; m = m.Parent {
			}
			if m != nil {
				m = m.NextSibling
			}
		}
	}
	return nil
}

// photoBox reports whether n's class or id names a gallery, slideshow or
// carousel of photos.
func photoBox(n *html.Node) bool {
	ci := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	return strings.Contains(ci, "gallery") || strings.Contains(ci, "slideshow") || strings.Contains(ci, "carousel")
}

// amidProse reports whether n stands among paragraphs of prose: an
// ancestor at most maxEmbedLevels above it holds minProseParas of them or
// more as its own children. A photo gallery there is one the story embeds
// (in a widget's wrappers), with a caption to each of its fifty photos,
// whose prose is not the story's, however much of it there is.
func amidProse(n *html.Node) bool {
	for i := 0; i < maxEmbedLevels && n.Parent != nil && n.Parent.Type == html.ElementNode; i++ {
		n = n.Parent
		k := 0
		for c := n.FirstChild; c != nil && k < minProseParas; c = c.NextSibling {
			if c.DataAtom == atom.P && proseParagraph(c) {
				k++
			}
		}
		if k >= minProseParas {
			return true
		}
	}
	return false
}

// meteredParagraph reports whether the paragraph n, whose class reads
// like furniture, is one of the story's paragraphs all classed alike: a
// paywall's meter marks every paragraph after the first few (<p
// class="paywall">, beside "dropcap" on a section's first) and leaves the
// text on the page. Its parent holds minProseParas paragraphs of prose or
// more: two of them or more with a class of n's, and one or more the
// meter leaves free, whose class reads as no furniture (a page whose every
// paragraph has a class read wrongly as furniture, "tagStyle_…" for
// "tags", is read again without classes as a whole); n's class names no
// caption or credit (classed alike under each of a story's photos, they
// are no paragraphs of it).
func (s *scorer) meteredParagraph(n *html.Node) bool {
	if n.DataAtom != atom.P || n.Parent == nil || captionBox(n, s.cc) || strings.Contains(strings.ToLower(attr(n, "class")), "credit") {
		return false
	}
	k := meterKey{n.Parent, boxClass(n)}
	if v, ok := s.meters[k]; ok {
		return v
	}
	same, all := 0, 0
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom != atom.P || !proseParagraph(c) {
			continue
		}
		switch {
		case similar(c, n):
			same++
		case judge(c, true, false, s.cc) != content:
			continue
		}
		all++
	}
	v := same >= 2 && all > same && all >= minProseParas
	if s.meters != nil {
		s.meters[k] = v
	}
	return v
}

// meterKey is a parent and a class of paragraphs under it.
type meterKey struct {
	parent *html.Node
	class  string
}

// proseParagraph reports whether the paragraph p reads as prose: 80
// characters or more, under a third of them in links (as measure counts
// paragraphs).
func proseParagraph(p *html.Node) bool {
	t := countText(text(p))
	return t.chars >= 80 && countLinkChars(p)*3 < t.chars
}

// maxEmbedLevels is how far above a box the paragraphs of the story that
// embeds it are looked for.
const maxEmbedLevels = 4

// countLinkChars counts the non-space characters inside links under n.
func countLinkChars(n *html.Node) int {
	k := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type != html.ElementNode:
		case c.DataAtom == atom.A:
			k += countText(text(c)).chars
		default:
			k += countLinkChars(c)
		}
	}
	return k
}

// side returns a scorer for measuring part of the page on the side, with
// s's settings and judgements.
func (s *scorer) side() *scorer {
	return &scorer{useClass: s.useClass, captions: s.captions, hidden: s.hidden, cc: s.cc, cands: make(map[*html.Node]*candidate), kept: s.kept, keptClass: s.keptClass, cuts: s.cuts, meters: s.meters}
}

// junk is junk, with photos' captions read as text when s.captions.
func (s *scorer) junk(n *html.Node) verdict {
	if s.captions && captionBox(n, s.cc) {
		return content
	}
	return judge(n, s.useClass, s.hidden, s.cc)
}

// counts are the non-space characters under a node, those inside links,
// commas and paragraphs of prose (signs of article text).
type counts struct {
	chars, links, commas, paras int
	// words are runs of non-space characters; numbers those with digits.
	words, numbers int
}

func (c *counts) add(o counts) {
	c.chars += o.chars
	c.links += o.links
	c.commas += o.commas
	c.paras += o.paras
	c.words += o.words
	c.numbers += o.numbers
}

// measure counts n's text, scores paragraphs under it and credits their
// ancestors. It reports whether n is a block element or holds one.
func (s *scorer) measure(n *html.Node, depth int, inLink bool) (counts, bool) {
	var c counts
	switch n.Type {
	case html.TextNode:
		c = countText(n.Data)
		if inLink {
			c.links = c.chars
		}
		return c, false
	case html.ElementNode, html.DocumentNode:
	default:
		return c, false
	}
	if depth > maxDepth {
		return c, false
	}
	switch s.junk(n) {
	case hardJunk:
		return c, false
	case weakJunk:
		if _, judged := s.kept[n]; !judged {
			// Measure on the side; keep the element if it holds prose.
			j := s.side()
			j.judging = true
			sc, _ := j.measureChildren(n, depth, inLink)
			p := proseNone
			switch {
			case photoBox(n) && (sc.paras < minProseParas || amidProse(n)):
			case sc.paras >= minProseParas:
				p = proseMuch
				if c := boxClass(n); c != "" && s.keptClass != nil {
					s.keptClass[c] = n
				}
			case sc.paras > 0 && s.meteredParagraph(n):
				p = proseMuch
			case sc.paras > 0:
				p = proseSome
			}
			s.kept[n] = p
		}
		if !s.keeps(n) {
			return c, false
		}
	}
	return s.measureChildren(n, depth, inLink)
}

// measureChildren is measure for an element that is not left out.
func (s *scorer) measureChildren(n *html.Node, depth int, inLink bool) (counts, bool) {
	var c counts
	if n.DataAtom == atom.A {
		inLink = true
	}
	// Text written straight into a container, between its blocks (or
	// lines broken with <br>), is scored run by run, each run a
	// paragraph, as Readability does after turning <br> runs into <p>.
	container := n.DataAtom == atom.Div || n.DataAtom == atom.Article || n.DataAtom == atom.Main
	var run counts // text in inline children since the last block
	hasBlock := false
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		cc, block := s.measure(ch, depth+1, inLink)
		c.add(cc)
		if !block {
			run.add(cc)
			continue
		}
		hasBlock = true
		if container && run.chars >= 25 {
			s.creditFrom(n, 0, run, 1)
		}
		run = counts{}
	}
	isBlock := blockTags[n.DataAtom] || hasBlock
	if n.DataAtom == atom.P && c.chars >= 80 && c.links*3 < c.chars {
		c.paras++
	}
	switch {
	case paragraphTags[n.DataAtom], n.DataAtom == atom.Div && !hasBlock:
		s.credit(n, c)
	case container && run.chars >= 25:
		s.creditFrom(n, 0, run, 1)
	}
	if n.Type == html.ElementNode && (isBlock || n.DataAtom == atom.Span) {
		if cand := s.cands[n]; cand != nil {
			cand.chars, cand.links = c.chars, c.links
		}
	}
	return c, isBlock
}

// credit scores the paragraph p and adds the score to its ancestors.
func (s *scorer) credit(p *html.Node, c counts) {
	if c.chars < 25 {
		return
	}
	w := 1.0
	if captionLike(p) {
		w = captionWeight
	}
	s.creditFrom(p.Parent, 0, c, w)
}

// captionWeight is the share of a paragraph's score that a photo's
// caption gets: a list of captions beside a story, each long and full of
// commas, otherwise outscores a story told in short paragraphs.
const captionWeight = 0.25

// captionLike reports whether p is the only text beside an image in its
// parent: a photo and its caption.
func captionLike(p *html.Node) bool {
	if p.Parent == nil {
		return false
	}
	img := false
	for c := p.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c == p || c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.Img, atom.Picture, atom.Figure:
			img = true
			continue
		}
		chars := textChars(c, 25, 0)
		if chars < 25 && holdsImage(c, 3) {
			img = true
			continue
		}
		if chars >= 25 {
			return false
		}
	}
	return img
}

// textChars counts the non-space characters under n, stopping once it
// reaches limit.
func textChars(n *html.Node, limit, depth int) int {
	chars := 0
	for c := n.FirstChild; c != nil && chars < limit && depth < maxDepth; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			chars += countText(c.Data).chars
		case html.ElementNode:
			if c.DataAtom != atom.Script && c.DataAtom != atom.Style {
				chars += textChars(c, limit-chars, depth+1)
			}
		}
	}
	return chars
}

// holdsImage reports whether an image lies under n, at most depth levels
// down.
func holdsImage(n *html.Node, depth int) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.Img || c.DataAtom == atom.Picture || depth > 0 && holdsImage(c, depth-1) {
			return true
		}
	}
	return false
}

// creditFrom adds a paragraph's score, times w, to n (at level) and up to
// five ancestors, less for each level up, as Readability does. Figures
// (a markets ticker, a strip of scores) get none.
func (s *scorer) creditFrom(n *html.Node, level int, c counts, w float64) {
	if c.numeric() {
		return
	}
	score := w * (1 + float64(c.commas) + min(float64(c.chars/100), 3))
	for ; n != nil && level < 5; n, level = n.Parent, level+1 {
		if n.Type != html.ElementNode || n.Parent == nil {
			continue
		}
		cand := s.cand(n)
		div := 1.0
		switch {
		case level == 1:
			div = 2
		case level > 1:
			div = float64(level * 3)
		}
		cand.score += score / div
	}
}

// cand returns n's candidate, made with its prior score on first use.
func (s *scorer) cand(n *html.Node) *candidate {
	if c := s.cands[n]; c != nil {
		return c
	}
	c := &candidate{score: s.initialScore(n)}
	s.cands[n] = c
	return c
}

// initialScore is Readability's prior for a container: by tag, and by
// class and id.
func (sc *scorer) initialScore(n *html.Node) float64 {
	var s float64
	switch n.DataAtom {
	case atom.Div, atom.Article:
		s = 5
	case atom.Pre, atom.Td, atom.Blockquote:
		s = 3
	case atom.Address, atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li, atom.Form:
		s = -3
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		s = -5
	}
	if sc.useClass {
		f := sc.cc.of(n)
		if f&cfNegative != 0 {
			s -= 25
		}
		if f&cfPositive != 0 {
			s += 25
		}
	}
	if p := attr(n, "itemprop"); p == "articleBody" {
		s += 50
	}
	return s
}

// countText counts the non-space characters, commas, words and numbers
// of s. A comma between digits (35,123) separates thousands and is not
// counted.
func countText(s string) counts {
	var c counts
	prevDigit, inWord, wordDigit := false, false, false
	for i, r := range s {
		if isSpace(r) {
			if inWord {
				c.endWord(wordDigit)
			}
			inWord, wordDigit, prevDigit = false, false, false
			continue
		}
		c.chars++
		inWord = true
		digit := r >= '0' && r <= '9'
		wordDigit = wordDigit || digit
		switch r {
		case ',':
			if !prevDigit || i+1 >= len(s) || s[i+1] < '0' || s[i+1] > '9' {
				c.commas++
			}
		case '，', '、', '،':
			c.commas++
		}
		prevDigit = digit
	}
	if inWord {
		c.endWord(wordDigit)
	}
	return c
}

func (c *counts) endWord(digit bool) {
	c.words++
	if digit {
		c.numbers++
	}
}

// numeric reports whether c reads as figures rather than prose: a third
// of its words or more hold digits, as in a markets ticker or a strip of
// quotes and scores.
func (c counts) numeric() bool {
	return c.words > 0 && c.numbers*3 >= c.words
}

func (sc *scorer) final(c *candidate) float64 {
	if c.chars == 0 {
		return c.score
	}
	return c.score * (1 - float64(c.links)/float64(c.chars))
}

// topCandidate picks the best container of an attempt and moves up to a
// common ancestor when the next best candidates share it.
func (s *scorer) topCandidate(body, skip *html.Node) *html.Node {
	type scored struct {
		n *html.Node
		s float64
	}
	var top [5]scored
	for n, c := range s.cands {
		if body.Type == html.ElementNode && body.DataAtom != atom.Body && !related(body, n) || skip != nil && related(skip, n) {
			continue // a part of the page: its candidates only
		}
		f := s.final(c)
		for i := range top {
			if top[i].n == nil || f > top[i].s || (f == top[i].s && before(n, top[i].n)) {
				copy(top[i+1:], top[i:len(top)-1])
				top[i] = scored{n, f}
				break
			}
		}
	}
	best := top[0].n
	if best == nil || best == body {
		return body
	}
	// Several near-best candidates under one ancestor: take the ancestor
	// (Readability's rule: three of the top five), or two that are not
	// inside the best or around it (an article split into sections).
	var alt, apart [][]*html.Node
	for _, t := range top[1:] {
		if t.n != nil && t.s/top[0].s >= 0.75 {
			alt = append(alt, ancestors(t.n))
			if !related(t.n, best) {
				apart = append(apart, alt[len(alt)-1])
			}
		}
	}
	if p := sharedAncestor(best, body, alt, 3); p != nil {
		best = p
	} else if p := sharedAncestor(best, body, apart, 2); p != nil {
		best = p
	}
	s.cand(best)
	if isTablePart(best) {
		// A table row or cell of lists with many commas (signatories,
		// benchmark names) outscores the prose around its table: take the
		// nearest container beyond the table that scores half as well and
		// holds more text.
		bs := s.cands[best]
		for p := best.Parent; p != nil && p != body; p = p.Parent {
			if isTablePart(p) {
				continue
			}
			if pc := s.cands[p]; pc != nil && s.final(pc) >= s.final(bs)/2 && pc.chars > bs.chars {
				best = p
			}
			break
		}
	}
	// Climb while the parent scores better.
	last := s.final(s.cands[best])
	threshold := last / 3
	for p := best.Parent; p != nil && p != body; p = p.Parent {
		pc := s.cands[p]
		if pc == nil {
			continue
		}
		ps := s.final(pc)
		if ps < threshold {
			break
		}
		if ps > last {
			best = p
			break
		}
		last = ps
	}
	// A lone child says nothing its parent does not.
	for p := best.Parent; p != nil && p != body && p.Type == html.ElementNode && onlyElementChild(p) == best; p = p.Parent {
		best = p
	}
	return best
}

// sharedAncestor returns the nearest ancestor of best below body that at
// least n of the ancestor lists alt hold, or nil.
func sharedAncestor(best, body *html.Node, alt [][]*html.Node, n int) *html.Node {
	if len(alt) < n {
		return nil
	}
	for p := best.Parent; p != nil && p != body; p = p.Parent {
		shared := 0
		for _, as := range alt {
			for _, a := range as {
				if a == p {
					shared++
					break
				}
			}
		}
		if shared >= n {
			return p
		}
	}
	return nil
}

// related reports whether a is b or an ancestor or descendant of it.
func related(a, b *html.Node) bool {
	for n := a; n != nil; n = n.Parent {
		if n == b {
			return true
		}
	}
	for n := b; n != nil; n = n.Parent {
		if n == a {
			return true
		}
	}
	return false
}

// isTablePart reports whether n is a table or one of its rows or cells.
func isTablePart(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Td, atom.Th:
		return true
	}
	return false
}

// before reports whether a comes before b in document order, to break ties
// deterministically.
func before(a, b *html.Node) bool {
	pa, pb := ancestors(a), ancestors(b)
	// Walk down from the root to the first difference.
	i, j := len(pa)-1, len(pb)-1
	for i >= 0 && j >= 0 && pa[i] == pb[j] {
		i--
		j--
	}
	if i < 0 || j < 0 {
		return i < 0 // an ancestor comes first
	}
	for c := pa[i].NextSibling; c != nil; c = c.NextSibling {
		if c == pb[j] {
			return true
		}
	}
	return false
}

// ancestors returns n and its ancestors, n first.
func ancestors(n *html.Node) []*html.Node {
	var out []*html.Node
	for ; n != nil; n = n.Parent {
		out = append(out, n)
	}
	return out
}

// onlyElementChild returns p's only element child, or nil.
func onlyElementChild(p *html.Node) *html.Node {
	var only *html.Node
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.ElementNode:
			if only != nil {
				return nil
			}
			only = c
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return nil
			}
		}
	}
	return only
}

// siblings returns top and the siblings that read like article text, in
// document order (Readability's sibling rule).
func (s *scorer) siblings(top *html.Node) []*html.Node {
	if top.Parent == nil || top.DataAtom == atom.Body {
		return []*html.Node{top}
	}
	tc := s.cand(top)
	topScore := s.final(tc)
	threshold := max(10, topScore*0.2)
	topClass := attr(top, "class")
	var out []*html.Node
	afterTop := false
	for sib := top.Parent.FirstChild; sib != nil; sib = sib.NextSibling {
		if sib == top {
			out = append(out, sib)
			afterTop = true
			continue
		}
		if sib.Type != html.ElementNode || s.skip(sib) {
			continue
		}
		if afterTop && (sib.DataAtom == atom.Article || holdsHeadline(sib, "")) {
			// Another story follows: the next one on an endless page.
			break
		}
		if afterTop && s.junk(sib) == weakJunk {
			// A box whose class says furniture (a carousel of readers'
			// quotes, a sidebar) is not the story's sequel, even when
			// it holds prose.
			continue
		}
		bonus := 0.0
		if topClass != "" && attr(sib, "class") == topClass {
			bonus = topScore * 0.2
		}
		if c := s.cands[sib]; c != nil && s.final(c)+bonus >= threshold {
			out = append(out, sib)
			continue
		}
		// A paragraph in a wrapper of its own reads as a paragraph after
		// the headline, or first in the story's container (the story's
		// first paragraph set apart, with its dateline); elsewhere before
		// it, it is a box of the page's.
		para := sib
		if only := onlyElementChild(sib); only != nil && only.DataAtom == atom.P && (afterTop || headlineBefore(sib) || s.firstWithText(sib)) {
			para = only
		}
		if para.DataAtom == atom.P || leadBlock(sib) {
			c, _ := s.side().measure(sib, 0, false)
			ld := 0.0
			if c.chars > 0 {
				ld = float64(c.links) / float64(c.chars)
			}
			t := text(sib)
			switch {
			case c.chars > 80 && ld < 0.25 && (para.DataAtom == atom.P || sentenceEnd.MatchString(t)):
				out = append(out, sib)
			case para.DataAtom == atom.P && c.chars > 0 && c.chars <= 80 && ld == 0 && sentenceEnd.MatchString(t):
				out = append(out, sib)
			}
		}
	}
	return s.fillGaps(out, top)
}

// minGapProseChars is the least text of a block of the story between two
// taken ones that is taken too.
const minGapProseChars = 80

// fillGaps adds to out (top and its siblings taken, in document order) the
// siblings lying between two taken ones that are shaped like top (same
// tag, a class in common) and hold prose: the items of a story told as a
// numbered list of cards, where a card built around an embed or a photo
// scores below the text cards around it but is a part of the same story.
func (s *scorer) fillGaps(out []*html.Node, top *html.Node) []*html.Node {
	if len(out) < 2 {
		return out
	}
	taken := make(map[*html.Node]bool, len(out))
	for _, n := range out {
		taken[n] = true
	}
	filled := make([]*html.Node, 0, len(out))
	for sib := out[0]; sib != nil; sib = sib.NextSibling {
		if taken[sib] {
			filled = append(filled, sib)
			if sib == out[len(out)-1] {
				break
			}
			continue
		}
		if sib.Type != html.ElementNode || s.skip(sib) || !similar(sib, top) {
			continue
		}
		if c, _ := s.side().measure(sib, 0, false); c.chars >= minGapProseChars && c.links*4 < c.chars {
			filled = append(filled, sib)
		}
	}
	return filled
}

// firstWithText reports whether n is the first element with text in its
// parent, furniture aside, and a paragraph follows it there: a <p>, a
// block of text with no blocks inside, or a <p> in a wrapper of its own
// (not a container of the whole story, which a box before it is apart
// from).
func (s *scorer) firstWithText(n *html.Node) bool {
	if s.textBefore(n) {
		return false
	}
	p := s.textAfter(n)
	if p == nil {
		return false
	}
	only := onlyElementChild(p)
	return p.DataAtom == atom.P || leafBlock(p) || only != nil && only.DataAtom == atom.P
}

// textBefore reports a sibling before n with text: a text node or an
// element, furniture aside. Each sibling's answer is kept, so a run of
// empty siblings is walked once, not once per sibling.
func (s *scorer) textBefore(n *html.Node) bool {
	if s.before == nil {
		s.before = map[*html.Node]bool{}
	}
	var run []*html.Node // n and the siblings back to one with an answer
	seen := false
	for p := n; ; p = p.PrevSibling {
		if v, ok := s.before[p]; ok {
			seen = v
			break
		}
		run = append(run, p)
		q := p.PrevSibling
		if q == nil {
			break
		}
		if q.Type == html.TextNode && strings.TrimSpace(q.Data) != "" || q.Type == html.ElementNode && !s.skip(q) && textChars(q, 1, 0) > 0 {
			seen = true
			break
		}
	}
	for i := len(run) - 1; i >= 0; i-- {
		s.before[run[i]] = seen
	}
	return seen
}

// textAfter returns the first element sibling after n with text,
// furniture aside, or nil; kept per sibling as textBefore's answers are.
func (s *scorer) textAfter(n *html.Node) *html.Node {
	if s.after == nil {
		s.after = map[*html.Node]*html.Node{}
	}
	var run []*html.Node
	var found *html.Node
	for p := n; ; p = p.NextSibling {
		if v, ok := s.after[p]; ok {
			found = v
			break
		}
		run = append(run, p)
		q := p.NextSibling
		if q == nil {
			break
		}
		if q.Type == html.ElementNode && !s.skip(q) && textChars(q, 1, 0) > 0 {
			found = q
			break
		}
	}
	for _, p := range run {
		s.after[p] = found
	}
	return found
}

// headlineBefore reports whether the element sibling just before n is or
// holds the headline.
func headlineBefore(n *html.Node) bool {
	p := n.PrevSibling
	for p != nil && p.Type != html.ElementNode {
		p = p.PrevSibling
	}
	return p != nil && holdsHeadline(p, "")
}

// leadBlock reports whether n is a block of text with no blocks inside
// (a <div>, <h2> or <h3>): the shape of the summary or standfirst pages
// print next to the article's text ("article__summary", a subtitle <h2>
// or <h3>).
func leadBlock(n *html.Node) bool {
	if n.DataAtom != atom.Div && n.DataAtom != atom.H2 && n.DataAtom != atom.H3 {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && blockTags[c.DataAtom] && c.DataAtom != atom.Br {
			return false
		}
	}
	return true
}

var sentenceEnd = regexp.MustCompile(`[.!?。！？]( |$)`)

// block is one line of extracted text.
type block struct {
	text         string
	chars, links int
	// timed is the characters of the line inside <time> elements;
	// timeDated tells that one of them gives a date in its datetime.
	timed     int
	timeDated bool
	heading   atom.Atom
	// start is the text node the line starts with.
	start *html.Node
	// article is the <article> element the line is in, if any.
	article *html.Node
	// anchors counts the line's links; named, those whose text is one
	// name of a thing, such as a checkpoint id ("ltxv-2b-0.9.8", see
	// nameLink); ownWord tells that the text outside them holds a word.
	anchors, named int
	ownWord        bool
}

// renderer turns the chosen nodes into lines of text.
type renderer struct {
	s         *scorer
	b         strings.Builder
	chars     int
	links     int
	timed     int
	timeDated bool
	inTime    int
	heading   atom.Atom
	start     *html.Node
	article   *html.Node
	anchors   int
	named     int
	ownWord   bool
	blocks    []block
}

func (r *renderer) flush() {
	t := strings.TrimSpace(r.b.String())
	if t != "" {
		r.blocks = append(r.blocks, block{text: t, chars: r.chars, links: r.links, timed: r.timed, timeDated: r.timeDated, heading: r.heading, start: r.start, article: r.article,
			anchors: r.anchors, named: r.named, ownWord: r.ownWord})
	}
	r.b.Reset()
	r.chars, r.links, r.timed, r.timeDated, r.heading, r.start = 0, 0, 0, false, 0, nil
	r.anchors, r.named, r.ownWord = 0, 0, false
}

func (r *renderer) render(n *html.Node, depth int, inLink bool) {
	switch n.Type {
	case html.TextNode:
		c := countText(n.Data)
		if r.start == nil && c.chars > 0 {
			r.start = n
		}
		r.chars += c.chars
		if inLink {
			r.links += c.chars
		} else if !r.ownWord && hasWord(n.Data) {
			r.ownWord = true
		}
		if r.inTime > 0 {
			r.timed += c.chars
		}
		appendCollapsed(&r.b, n.Data)
		return
	case html.ElementNode:
	default:
		return
	}
	if depth > maxDepth || r.s.skip(n) {
		return
	}
	a := n.DataAtom
	block := blockTags[a]
	if a == atom.A && !inLink {
		defer r.noteLink(r.b.Len(), len(r.blocks))
	}
	switch a {
	case atom.A:
		inLink = true
	case atom.Td, atom.Th:
		if r.b.Len() > 0 {
			appendSpace(&r.b)
			r.b.WriteString("| ")
		}
	case atom.Img:
		return
	}
	if block {
		r.flush()
		switch a {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			r.heading = a
		}
	}
	if a == atom.Article {
		defer func(outer *html.Node) { r.article = outer }(r.article)
		r.article = n
	}
	if a == atom.Time {
		if d := attr(n, "datetime"); d != "" && '0' <= d[0] && d[0] <= '9' {
			r.timeDated = true // a date, not a duration ("PT15M")
		}
		r.inTime++
		defer func() { r.inTime-- }()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.render(c, depth+1, inLink)
	}
	if block {
		r.flush()
	} else if a == atom.Td || a == atom.Th || a == atom.Li {
		appendSpace(&r.b)
	}
}

// noteLink counts a link the renderer has just written, from offset at
// of the line, which had blocks lines before it: a link that holds a
// break of lines counts for none.
func (r *renderer) noteLink(at, blocks int) {
	if len(r.blocks) != blocks || r.b.Len() < at {
		return
	}
	r.anchors++
	if nameLink(r.b.String()[at:]) {
		r.named++
	}
}

// boilerLine matches whole short lines that are page furniture.
var boilerLine = mustStem(`(?i)^\W*(advertisement|advertising|adverts?|anzeige|werbung|publicité|publicidad|pubblicità|reklama|sponsored|share( this( article| story)?)?|share on \w+|tweet|email|print|read more|continue reading( the( main)? story)?|(the )?(story|article) continues (below|after).*|advertisement\W+(scroll to continue|(the )?(story|article) continues (below|after)).*|listen to (this )?(article|story).*|gift (this )?article|share full article|click here.*|read next|related( articles| stories)?|more from .*|(the )?latest posts by .*|see also|image source|getty images|photo:.*|foto:.*|\(?ap\)?|reuters|loading\.*|skip advertisement|subscribe.*|sign up.*|follow us.*|all rights reserved.*|copyright.*|©.*|already an? (subscriber|member)\b.*|(create|register for) a free account.*|(download|get) (the|our) .{0,30}app\b.*|(download|get)\b.{0,80}\b(the|our) .{0,30}\bapp|open in (the )?app|click to expand|this slideshow requires javascript|(play|watch)( the)? video(\W+\d{1,2}:\d\d(:\d\d)?)?|(do you )?have a (news |story )?tip\b.*|do you have (info|information) to share\b.*|(story|article) saved|you can find this (story|article) in (my|your) bookmarks\b.*|this site is protected by recaptcha\b.*|join (our|the) .{0,60}\b(whatsapp|telegram)( (channel|group|community))?|get .{0,40}\b(in|to) your inbox( (every|each) (day|morning|week))?|(to )?continue reading.{0,40}(subscri|account|log ?in|sign ?in).*|(thanks for reading\W+)?(subscribe|become an? (subscriber|member)).{0,30}(full|unlimited) access.*)\W*$`,
	"advert", "anzeige", "werbung", "publicité", "publicidad", "pubblicità", "reklama", "sponsored", "share", "tweet",
	"email", "print", "read ", "continue", "listen to", "gift", "click", "related", "more from", "latest posts by",
	"see also", "image source", "getty images", "photo:", "foto:", "ap", "reuters", "loading", "subscri", "sign up",
	"follow us", "all rights reserved", "copyright", "©", "already a", "free account", "slideshow", "tip", "access", "video",
	"whatsapp", "telegram", "inbox", "info", "saved", "bookmarks", "recaptcha")

// shortcodeLine matches a line that is a publishing system's shortcode
// left unrendered ("[button link=… type=big]Send us your review[/button]").
var shortcodeLine = mustStem(`^\[[a-z_-]+(\s[^\]]*)?\].*\[/[a-z_-]+\]$`, "[")

// noticeLine matches the publisher's notices to readers that magazines
// print at a story's end, a sentence or two long: the invitation to write
// a letter, the disclosure of affiliate links and paid links, the offer of
// a subscription, the invitation to the forums, the writer's "follow him
// on Twitter".
var noticeLine = mustStem(`(?i)^\W*(?:we want to hear what you think|(?:advertising|affiliate) disclosure\b|(?:note: )?the advertising disclaimer|this (?:post|article|story|page) (?:contains|may contain|includes) (?:affiliate )?(?:links|references))|\bwe may (?:earn|receive) (?:a (?:small )?|an )?(?:affiliate )?(?:commission|compensation)|\b\d+ issues for\b|\bdelivered (?:to your (?:door|home)|through your letterbox)|^\W*join our .{0,30}\b(?:forums?|community|discord)\b|\bfollow (?:him|her|them|me|us) on (?:twitter|facebook|instagram|x)\b`,
	"hear what you think", "disclosure", "disclaimer", "contain", "include", "we may ", "issues for", "delivered ", "join our ", "follow ")

// maxNoticeChars bounds the length of a notice line.
const maxNoticeChars = 300

// bareURL matches a line that is one web address: a source the article
// cites, printed in full, where links to other pages show their titles.
var bareURL = regexp.MustCompile(`^(https?://|www\.)\S+$`)

// textHints are what the page says about its article, used to tell the
// article's lines from the page's.
type textHints struct {
	// title is the headline; a line that repeats it is dropped.
	title string
	// authors are the bylined names; a line that only names them, or
	// starts the author's bio, is dropped.
	authors []string
	// bios are the writers' bios the page's metadata gives, in wordsOf
	// form; a line of one is dropped.
	bios []string
	// lex holds the words of each language the extractor reads.
	lex *lexicon
}

// keep reports whether a rendered block is article text.
func (b block) keep(h textHints) bool {
	if b.heading == atom.H1 {
		return false
	}
	if b.chars == 0 {
		return false
	}
	ld := float64(b.links) / float64(b.chars)
	switch {
	case b.heading != 0:
		// A heading naming a product or a place links part of itself; a
		// round-up's heading naming a product and its price may link all
		// of itself.
		if ld > 0.5 && !pricedLine(b, h.lex) {
			return false
		}
	case (ld > 0.5 || (b.chars < 80 && ld > 0.3)) && !bareURL.MatchString(b.text) && !linkedSentence(b, h.lex) && !shopLine(b) && !pricedLine(b, h.lex) && !postSignature.MatchString(b.text) && !linkedBullet(b) && !datedEntry(b) && !glossedLink(b) && !namedItem(b, h.lex):
		return false
	}
	if b.chars < 80 && boilerLine.MatchString(b.text) || b.chars < maxNoticeChars && shortcodeLine.MatchString(b.text) {
		return false
	}
	if b.chars < maxNoticeChars && noticeLine.MatchString(b.text) {
		return false
	}
	if b.chars < maxTimedChars && b.timed*2 > b.chars && (b.timeDated || b.dated()) {
		// A short line printed mostly in <time> elements, with a date
		// or a clock time, is the dateline ("July 20, 2023 12:15 AM
		// UTC Updated a day ago"); a recipe's "15 Min" is not.
		return false
	}
	if b.chars < 32 && strings.ContainsAny(b.text, "0123456789") {
		// A line that is only a date is the dateline, not text (but
		// see timelineDates); one with a currency and no word is a
		// price; one with no word but a count is a slide's counter
		// ("3 / 12").
		if b.dateLine() {
			return false
		}
		if !hasWord(b.text) && (hasCurrency(b.text) || slideCounter.MatchString(b.text)) {
			return false
		}
	}
	if h.title != "" && b.chars < 300 && b.text == h.title {
		return false
	}
	if b.chars < maxSignUpChars && h.lex.signUpCall(b.text) {
		return false
	}
	if b.chars < 100 && len(h.authors) > 0 && bylineOnly(b.text, h.authors) {
		return false
	}
	if b.chars < maxBylineChars && datedByline(b.text, h.authors) {
		return false
	}
	if b.chars >= minBioLineChars && len(h.bios) > 0 && inBio(b.text, h.bios) {
		return false
	}
	return true
}

// maxTimedChars bounds the length of a dateline printed in <time>
// elements.
const maxTimedChars = 100

// clockTime matches a time of day ("12:15").
var clockTime = regexp.MustCompile(`\b\d{1,2}:\d{2}\b`)

// dated reports whether b holds a date or a time of day.
func (b block) dated() bool {
	if clockTime.MatchString(b.text) {
		return true
	}
	_, ok := textDate(b.text, true)
	return ok
}

// slideCounter matches a gallery's count of its slides ("3 / 12", "3/12").
var slideCounter = regexp.MustCompile(`^\d{1,3}\s*/\s*\d{1,3}$`)

// dateLine reports whether b is a short line that is only a date.
func (b block) dateLine() bool {
	if b.chars >= 32 || !strings.ContainsAny(b.text, "0123456789") || !dateOnly(b.text) {
		return false
	}
	_, ok := textDate(b.text, true)
	return ok
}

// minTimelineDates is how many dates a timeline gives its entries.
const minTimelineDates = 2

// timelineDates keeps again the date lines that head entries of a
// timeline: minTimelineDates of them or more, each a heading followed by
// a paragraph of the story. A lone date line is the dateline, and dates
// in a list of other stories come after their links, not before text.
func timelineDates(blocks []block, kept []bool) {
	var heads []int
	for i, bl := range blocks {
		if !kept[i] && bl.heading != 0 && bl.heading != atom.H1 && i+1 < len(blocks) && kept[i+1] &&
			blocks[i+1].heading == 0 && blocks[i+1].links*2 < blocks[i+1].chars && bl.dateLine() {
			heads = append(heads, i)
		}
	}
	if len(heads) < minTimelineDates {
		return
	}
	for _, i := range heads {
		kept[i] = true
	}
}

// minBioLineChars is the least text of a line matched against the
// writers' bios: a shorter one may say what a bio says by chance.
const minBioLineChars = 40

// inBio reports whether s is a line of one of bios.
func inBio(s string, bios []string) bool {
	w := wordsOf(s)
	for _, b := range bios {
		if strings.Contains(b, w) {
			return true
		}
	}
	return false
}

// linkedSentence reports whether b is a sentence of the story with a long
// link inside ("The suspect was convicted and <a>sentenced to life in
// federal prison</a> last Thursday."): it ends as a sentence does and
// holds a few words of its own besides the link.
func linkedSentence(b block, lex *lexicon) bool {
	return b.links*4 <= b.chars*3 && b.chars-b.links >= minOwnChars && endsSentence(b.text) &&
		!strings.HasSuffix(strings.TrimSpace(b.text), ":") && !socialFollow(b.text) && !lex.promoLabel(b.text)
}

// linkedBullet reports whether b is an item of a list of statements (key
// points under "He also said:") that links part of itself: its own text
// is long enough, and most items of its list link nothing, as no list of
// other stories does, whose every item is a link.
func linkedBullet(b block) bool {
	if b.links*4 > b.chars*3 || b.chars-b.links < minOwnChars {
		return false
	}
	li := listItem(b.start)
	if li == nil || li.Parent == nil {
		return false
	}
	items, plain := 0, 0
	for c := li.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom != atom.Li {
			continue
		}
		items++
		if countLinks(c, 0) == 0 && textChars(c, minOwnChars, 0) >= minOwnChars {
			plain++
		}
	}
	return items >= minBulletItems && plain*2 >= items
}

// listItem returns the list item n, a line's first text node, lies in,
// at most three elements down, or nil.
func listItem(n *html.Node) *html.Node {
	if n == nil {
		return nil
	}
	li := n.Parent
	for i := 0; li != nil && i < 3 && li.DataAtom != atom.Li; i++ {
		li = li.Parent
	}
	if li == nil || li.DataAtom != atom.Li {
		return nil
	}
	return li
}

// minBulletItems is the least number of items of a list of statements.
const minBulletItems = 3

// datedEntryHead matches the date that opens an entry of a news log or
// changelog, before its colon or in brackets: "Aug 2025:", "20 Oct 2025:",
// "2025/03/12:", "[2024.06.01]", "11/2023:".
var datedEntryHead = regexp.MustCompile(`^\W{0,4}\[?(?:\d{4}[-./]\d{1,2}(?:[-./]\d{1,2})?|\d{1,2}[-./]\d{1,2}[-./]\d{4}|\d{1,2}/\d{4}|(?:\d{1,2} )?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? (?:\d{1,2}, )?\d{4})\]?\s*[:：\]]`)

// minEntryOwnChars is the least unlinked text of a dated entry past its
// date: "Released" of "Aug 2025: Released <a>Foo-2</a>.".
const minEntryOwnChars = 4

// datedEntry reports whether b is an entry of a news log whose subject is
// a link ("Aug 2025: Released <a>Foo-2</a>."): a date and a colon open
// it and a word of its own follows. A dated list of links to other
// stories has no word of its own.
func datedEntry(b block) bool {
	head := datedEntryHead.FindString(b.text)
	if head == "" {
		return false
	}
	dateChars := len(strings.Join(strings.Fields(head), ""))
	return b.chars-b.links-dateChars >= minEntryOwnChars
}

// maxNameChars bounds the length of a name a link gives.
const maxNameChars = 80

// nameLink reports whether s, a link's text, is one name written the
// way a checkpoint, a model or a version is: one run of letters and
// digits, both, joined by hyphens, dots, underscores, slashes or plus
// signs ("ltxv-13b-0.9.8-distilled", "Foo-7B-Instruct", "v2.1"). A menu's
// or a headline's link is words; a web or mail address is no name.
func nameLink(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 2 || len(s) > maxNameChars {
		return false
	}
	letter, digit := false, false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letter = true
		case unicode.IsDigit(r):
			digit = true
		case !strings.ContainsRune("-._/+", r):
			return false
		}
	}
	return letter && digit
}

// namedItem reports whether b is an item of a list that names a thing
// by a link and says something of it in words of its own ("13B distilled
// model <a>foo-13b-0.9-distilled</a>", "Depth control: <a>foo-depth-1.2</a>"),
// as a README lists the checkpoints it releases: every link of the item
// gives a name, not a page's title, and the item is no promoted link
// ("Next: <a>Part-2</a>").
func namedItem(b block, lex *lexicon) bool {
	return b.ownWord && b.anchors > 0 && b.named == b.anchors && listItem(b.start) != nil && !lex.promoLabel(b.text)
}

// glossedLinkRe matches a line that is a name and a bracketed note on it
// ("sarashina3-70b（事前学習モデル）", "Foo-7B (base model)").
var glossedLinkRe = regexp.MustCompile(`^[^\s()（）]{3,60}\s?[（(][^()（）]{2,60}[)）]$`)

// glossedLink reports a linked name followed by a bracketed note of its
// own, as a card lists the checkpoints it releases: text of the story,
// not a menu's link.
func glossedLink(b block) bool {
	return b.links*4 <= b.chars*3 && glossedLinkRe.MatchString(strings.TrimSpace(b.text))
}

// postSignature matches the signature line of a quoted social post, its
// date linked: "— The City Council (@CityCouncil) October 9, 2023".
var postSignature = regexp.MustCompile(`^[—–-]\s*[^()]{1,60}\(@\w{1,30}\)\s+.{0,30}\b\d{4}$`)

// shopLineRe matches the line of a deals story or a round-up that sends
// the reader to a shop for the product it just described ("Get it on
// Amazon for $39.99", "See it now: Amazon", "Buy them at Walmart").
var shopLineRe = regexp.MustCompile(`(?i)^(get|see|buy|shop) (it|them|one)\b|^(get|buy|shop)\b.*\p{Sc}\s?\d`)

// maxShopLineChars bounds the length of a line sending to a shop.
const maxShopLineChars = 80

// shopLine reports whether b is a round-up's line sending the reader to a
// shop, which the story keeps though it is all link.
func shopLine(b block) bool {
	return b.chars < maxShopLineChars && shopLineRe.MatchString(b.text)
}

// priceRe matches a shop's price: an amount in cents with a currency
// sign before or after it ("$39.99", "£4.50", "19,99 €"), one in
// brackets after the product's name ("Thumper ($20)"), or an amount in a
// currency that has no cents ("¥1,980", "1.980円", "29.000 đ",
// "12,000원"). A sum in a headline is round and bare ("$900", "$13.4bn").
var priceRe = regexp.MustCompile(`\(\s?[$€£]\s?\d[\d,.]*\s?\)|[$€£]\s?\d[\d,.]*[.,]\d\d\b|\b\d[\d,.]*[.,]\d\d\s?[€£]|[¥₩₫]\s?\d|\d\s?(?:円|元|원|₫|VND\b|đ(?:$|[^\p{L}]))`)

// maxPricedLineChars bounds the length of a linked line naming a product
// and its price.
const maxPricedLineChars = 300

// pricedLine reports whether b is a round-up's line naming a product and
// its price, all link ("<a>Echo Dot (2nd Generation) - White for $39.99
// (list price $49.99)</a>"), which the story keeps: a link to another
// story names no price (a sum in its headline is round, and "Read more:"
// labels it).
func pricedLine(b block, lex *lexicon) bool {
	if b.chars >= maxPricedLineChars || !hasWord(b.text) || lex.promoLabel(b.text) {
		return false
	}
	return priceRe.MatchString(b.text)
}

// minOwnChars is the least unlinked text of a linked sentence.
const minOwnChars = 20

// socialNetworks are the names a "follow us" line lists.
var socialNetworks = []string{"facebook", "twitter", "instagram", "youtube", "tiktok", "linkedin", "pinterest", "whatsapp", "telegram", "threads"}

// socialFollow reports whether s names two social networks or more:
// "Follow Newsbeat on Instagram, Facebook and Twitter."
func socialFollow(s string) bool {
	l, n := strings.ToLower(s), 0
	for _, w := range socialNetworks {
		if strings.Contains(l, w) {
			n++
		}
	}
	return n >= 2
}

// maxSignUpChars is the longest block read as a newsletter sign-up.
const maxSignUpChars = 300

// signUpHereRe is a line that ends by sending the reader to sign up, in a
// sentence of its own ("Want to hear about our campaigns? Sign up here";
// not "Officials urged voters to register now."). It stays a pattern: its
// words fill two slots.
var signUpHereRe = regexp.MustCompile(`(?i)(?:^|[.!?:]\s+)(sign up|subscribe|register) (here|now|today)\W*$`)

// hasCurrency reports whether s holds a currency sign.
func hasCurrency(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Sc, r) {
			return true
		}
	}
	return false
}

// hasWord reports whether s holds a run of two letters or more.
func hasWord(s string) bool {
	run := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			run++
			if run >= 2 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// bylineOnly reports whether s only names the authors ("By Ann Lee and
// Bo Chen").
func bylineOnly(s string, authors []string) bool {
	named := false
	for _, a := range authors {
		named = named || strings.Contains(s, a)
	}
	if !named {
		return false
	}
	names := cleanAuthors([]string{s})
	if len(names) == 0 || normTitle(strings.Join(names, "")) != normTitle(bylinePrefixRe.ReplaceAllString(s, "")) {
		return false
	}
	for _, n := range names {
		known := false
		for _, a := range authors {
			known = known || strings.EqualFold(n, a)
		}
		if !known {
			return false
		}
	}
	return true
}

// maxBylineChars bounds the length of a byline line that says more than
// the names.
const maxBylineChars = 240

// datedByline reports whether s is a byline that goes on after the
// author's name with more about them and the date ("By Sam Keller, a
// senior reviewer … Oct 3, 2023, 1:00 PM UTC"): it starts with a byline's
// word and one of authors, and holds a date; or with any name followed by
// the date alone ("By Erin Walsh · 2 March 2023").
func datedByline(s string, authors []string) bool {
	loc := bylinePrefixRe.FindStringIndex(s)
	if loc == nil || loc[0] != 0 {
		return nameDateLine(s, authors)
	}
	rest := s[loc[1]:]
	named := false
	for _, a := range authors {
		named = named || len(a) >= 4 && strings.HasPrefix(rest, a)
	}
	if !named {
		// A name the metadata does not give, then only the date ("By
		// Erin Walsh · 2 March 2023").
		m := nameThenRest.FindStringSubmatch(rest)
		if m == nil || !dateOnly(m[1]) {
			return false
		}
		rest = m[1]
	}
	_, ok := textDate(rest, true)
	return ok
}

// nameDateLine reports whether s is one of authors' names followed by the
// date alone, with no byline's word before ("Joe Wee Monday, February 29,
// 2016 @ 11:10 PM UTC"): besides the date, its weekday and time, at most
// two words (a zone) are left.
func nameDateLine(s string, authors []string) bool {
	for _, a := range authors {
		if len(a) < 4 || !strings.HasPrefix(s, a) {
			continue
		}
		rest := s[len(a):]
		_, at, end, ok := textDateAt(rest, true)
		if !ok {
			return false
		}
		return dateOnly(dateLeadRe.ReplaceAllString(rest[:at], "") + " " + rest[end:])
	}
	return false
}

// nameThenRest matches a name of two to four capitalised words, a
// separator and what follows it.
var nameThenRest = regexp.MustCompile(`^\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,3}\s*[·|,–—-]\s*(.+)$`)

// authorBio reports whether s starts the bio of one of the authors ("Ann
// Lee is a reporter covering …"), named in full there or with a middle
// name or initial the byline leaves out ("Evan V. Symon is …").
func authorBio(s string, authors []string, lex *lexicon) bool {
	for _, a := range authors {
		if len(a) < 4 {
			continue
		}
		end := -1
		if strings.HasPrefix(s, a) {
			end = len(a)
		} else if f := strings.Fields(a); len(f) >= 2 && strings.HasPrefix(s, f[0]+" ") {
			// First name, at most two more words, last name.
			last := " " + f[len(f)-1]
			if i := strings.Index(s[:min(len(s), len(a)+maxMiddleName)], last); i > 0 && strings.Count(s[len(f[0]):i], " ") <= 2 {
				end = i + len(last)
			}
		}
		if end < 0 {
			continue
		}
		if rest := s[end:]; strings.HasPrefix(rest, " ") {
			for _, v := range lex.bioVerbs {
				if strings.HasPrefix(rest[1:], v) && strings.HasPrefix(rest[1+len(v):], " ") {
					return true
				}
			}
		}
	}
	return false
}

// maxMiddleName bounds the middle names a bio may add to a byline's name.
const maxMiddleName = 24

// mainText extracts the article text of the document under body: lines
// separated by "\n".
func mainText(body *html.Node, h textHints, cc classes) string {
	return scoredText(body, h, cc, 0)
}

// reading says what a reading of a page takes as text beyond the usual.
type reading uint8

const (
	// readCaptions reads photos' captions as text.
	readCaptions reading = 1 << iota
	// readHidden reads elements hidden from sight.
	readHidden
)

// scoredText is mainText, reading photos' captions as text when captions
// is set.
func scoredText(body *html.Node, h textHints, cc classes, mode reading) string {
	best := ""
	var firstTop *html.Node
	for _, useClass := range []bool{true, false} {
		s := scorer{useClass: useClass, captions: mode&readCaptions != 0, hidden: mode&readHidden != 0, cc: cc, cands: make(map[*html.Node]*candidate, 64), kept: make(map[*html.Node]prose), keptClass: make(map[string]*html.Node), cuts: make(map[string]storyCut), meters: make(map[meterKey]bool)}
		s.measure(body, 0, false)
		top := s.topCandidate(body, nil)
		if own, other := ownArticle(body, top, h.title); own != nil {
			top = s.topCandidate(own, other)
		}
		if useClass {
			firstTop = top
		}
		nodes := s.merge(s.siblings(top), body, h)
		r := renderer{s: &s}
		for _, n := range nodes {
			r.render(n, 0, false)
		}
		r.flush()
		t := joinBlocks(r.blocks, h)
		if lead := s.lead(firstKept(r.blocks, h), body, h.title); lead != nil {
			lr := renderer{s: &s}
			for _, n := range lead {
				lr.render(n, 0, false)
			}
			lr.flush()
			if l := joinBlocks(lr.blocks, h); l != "" && !strings.Contains(t, l) {
				t = l + "\n" + t
			}
		}
		if !useClass && best != "" && onlyFurnitureAdded(best, t, r.blocks, firstTop, cc) {
			// The attempt with classes read a short story whole; what
			// this one adds is in boxes whose class says furniture (a
			// carousel of readers' quotes beside a story of one-line
			// paragraphs).
			return best
		}
		if textWeight(t) >= minArticleChars {
			return t
		}
		if len(t) > len(best) {
			best = t
		}
	}
	return best
}

// onlyFurnitureAdded reports whether text, read by an attempt without
// classes from blocks, holds every line of first, the text the attempt
// with them read from top, and adds some, all in elements apart from top
// whose class marks them as furniture.
func onlyFurnitureAdded(first, text string, blocks []block, top *html.Node, cc classes) bool {
	lines := make(map[string]bool)
	for _, l := range strings.Split(first, "\n") {
		lines[l] = false
	}
	out := make(map[string]bool)
	for _, l := range strings.Split(text, "\n") {
		out[l] = true
	}
	added := 0
	for _, bl := range blocks {
		if !out[bl.text] {
			continue
		}
		if _, ok := lines[bl.text]; ok {
			lines[bl.text] = true
			continue
		}
		if !furnitureBox(bl.start, top, cc) {
			return false
		}
		added++
	}
	for _, seen := range lines {
		if !seen {
			return false
		}
	}
	return added > 0
}

// furnitureBox reports whether n lies in an element apart from top (not
// inside it, not holding it) whose class marks it as furniture.
func furnitureBox(n, top *html.Node, cc classes) bool {
	for p := n; p != nil; p = p.Parent {
		if p == top || p.DataAtom == atom.Body {
			return false
		}
		if p.Type == html.ElementNode && junk(p, true, cc) != content {
			return !related(p, top)
		}
	}
	return false
}

// textWeight is the length of s in characters, where a character of a
// script written densely — Chinese and Japanese, written without spaces,
// and Hangul syllables — counts as two, about the letters of Latin text it
// says as much as: a short Chinese story of 400 characters is as much of an
// article as an English one of 800, and must not be retried with fewer
// pieces of furniture left out.
func textWeight(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x1100 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			n++
		}
	}
	return n
}

// joinBlocks keeps the blocks that are article text up to the story's
// end, drops repeats, and joins them with newlines.
func joinBlocks(blocks []block, h textHints) string {
	kept := make([]bool, len(blocks))
	for i, bl := range blocks {
		kept[i] = bl.keep(h)
	}
	timelineDates(blocks, kept)
	end := storyEnd(blocks, kept, h.lex)
	end = storyRestart(blocks[:end], kept)
	for i := 0; i < end; i++ {
		if j := markedBox(blocks[:end], kept, i, h.lex); j > i {
			for ; i < j; i++ {
				kept[i] = false
			}
		}
	}
	dropBoxedStories(blocks[:end], kept, h.authors)
	var b strings.Builder
	dropCap := false
	forms := make(map[*html.Node]bool)
	for i, bl := range blocks[:end] {
		if kept[i] {
			if j := insetPromo(blocks[:end], kept, i); j > i {
				for ; i < j; i++ {
					kept[i] = false
				}
				continue
			}
		}
		if !kept[i] || i > 0 && authorBio(bl.text, h.authors, h.lex) || orphanHeading(blocks[i:end], kept[i:end]) || boxTitle(blocks[:end], kept, i) {
			continue
		}
		if bl.chars < maxSignUpChars && signUpBox(bl.start, forms, h.lex) {
			continue
		}
		if b.Len() > 0 && !dropCap {
			b.WriteByte('\n')
		}
		b.WriteString(bl.text)
		dropCap = isDropCap(bl.text) && i+1 < end && kept[i+1] && startsLower(blocks[i+1].text)
	}
	return b.String()
}

// minRepeatChars is the least text of a paragraph whose repeat tells that
// the story starts over; both are sentences, not a machine's repeated
// notice.
const minRepeatChars = 80

// storyRestart returns where the story starts over in blocks — the page
// printing it twice (a second copy for another screen size) —: the second
// time its first two long paragraphs of prose come, in order; else len(blocks). A
// paragraph said again in the story (the same recipe in each week of a
// meal plan, a refrain) is text and stays.
func storyRestart(blocks []block, kept []bool) int {
	first, second := -1, -1
	for i, bl := range blocks {
		if !kept[i] || bl.chars <= minRepeatChars || !endsSentence(bl.text) {
			continue
		}
		switch {
		case first < 0:
			first = i
		case second < 0:
			second = i
		case bl.text == blocks[first].text:
			for j := i + 1; j < len(blocks); j++ {
				if kept[j] && blocks[j].chars > minRepeatChars && endsSentence(blocks[j].text) {
					if blocks[j].text == blocks[second].text {
						return i
					}
					break
				}
			}
		}
	}
	return len(blocks)
}

// otherBylineRe is a line that only names a story's writer ("By Tom
// Pyman for MailOnline"): "By", two to four capitalised words, and the
// publication they wrote for.
var otherBylineRe = regexp.MustCompile(`^(?i:by)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,3})(?:\s*(?i:for|in|at|,)\s+[^.!?]{1,40})?$`)

// maxBoxedStories is the most boxed stories a page's story may hold; more
// are a live blog's posts, each by its reporter.
const maxBoxedStories = 2

// dropBoxedStories unmarks in kept another story set in a box inside the
// story (a factbox with its own headline and byline, "Prince Charles: …"
// / "By Tom Pyman for MailOnline"): a heading, then the byline of someone
// other than the page's authors, and the lines of the box holding both,
// when the story resumes after the box (a live blog's posts by other
// reporters are not boxed inside a story that goes on).
func dropBoxedStories(blocks []block, kept []bool, authors []string) {
	if len(authors) == 0 {
		return
	}
	type span struct{ from, to int }
	var boxes []span
	chars, first := 0, -1
	for i := 0; i+1 < len(blocks); i++ {
		if kept[i] && first < 0 {
			first = i
		}
		if chars >= minStoryChars && blocks[i].heading != 0 && kept[i+1] && otherByline(blocks[i+1].text, authors) {
			box := commonAncestor(blocks[i].start, blocks[i+1].start)
			if box != nil && !encloses(box, blocks[first].start) {
				j := i + 2
				for j < len(blocks) && blocks[j].start != nil && encloses(box, blocks[j].start) {
					j++
				}
				boxes = append(boxes, span{i, j})
				i = j - 1
				continue
			}
		}
		if kept[i] {
			chars += blocks[i].chars
		}
	}
	if len(boxes) == 0 || len(boxes) > maxBoxedStories {
		return
	}
	for n, b := range boxes {
		next := len(blocks)
		if n+1 < len(boxes) {
			next = boxes[n+1].from
		}
		resumed := 0
		for k := b.to; k < next; k++ {
			if kept[k] && blocks[k].heading == 0 {
				resumed += blocks[k].chars
			}
		}
		if resumed < minStoryChars {
			return
		}
	}
	for _, b := range boxes {
		for k := b.from; k < b.to; k++ {
			kept[k] = false
		}
	}
}

// otherByline reports whether s is a byline naming none of authors.
func otherByline(s string, authors []string) bool {
	m := otherBylineRe.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	for _, a := range authors {
		if strings.Contains(m[1], a) || strings.Contains(a, m[1]) {
			return false
		}
	}
	return true
}

// commonAncestor returns the nearest element holding both a and b.
func commonAncestor(a, b *html.Node) *html.Node {
	if a == nil || b == nil {
		return nil
	}
	for p := a.Parent; p != nil; p = p.Parent {
		if encloses(p, b) {
			return p
		}
	}
	return nil
}

// Bounds of the box around a sign-up form: how far up from a line, and
// how much text the box may hold.
const (
	signUpLevels   = 6
	signUpBoxChars = 400
)

// signUpBox reports whether the line starting at start sits in a small box
// with an e-mail sign-up form ("Want more stories like this? Every day we
// send an email …"), headed by a call to sign up or subscribe
// ("Subscribe to the Ledger" over "Get the facts behind the news …"), or
// with a button that calls to (a paywall's barrier: "Continue reading for
// free", a line of thanks, "Sign up to continue reading"), remembering
// each box's answer in seen.
func signUpBox(start *html.Node, seen map[*html.Node]bool, lx *lexicon) bool {
	n := start
	for level := 0; n != nil && level < signUpLevels; level++ {
		n = n.Parent
		if n == nil || n.Type != html.ElementNode || n.DataAtom == atom.Body || n.DataAtom == atom.Article || n.DataAtom == atom.Main {
			return false
		}
		v, ok := seen[n]
		if !ok {
			v = textChars(n, signUpBoxChars, 0) < signUpBoxChars && (emailInput(n, 0) || !holdsProse(n) && (signUpHeaded(n, lx) || signUpButton(n, lx, 0)))
			seen[n] = v
		}
		if v {
			return true
		}
	}
	return false
}

// holdsProse reports whether n holds a story's text: a paragraph of
// prose (proseParagraph), or two of storyParaChars or more (a short
// story's own container, which a share bar's "Subscribe" button does not
// make a sign-up box; a sign-up box's pitch is a line or two shorter).
func holdsProse(n *html.Node) bool {
	long := 0
	var walk func(n *html.Node, depth int) bool
	walk = func(n *html.Node, depth int) bool {
		for c := n.FirstChild; c != nil && depth < maxDepth; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom != atom.P {
				if walk(c, depth+1) {
					return true
				}
				continue
			}
			if proseParagraph(c) {
				return true
			}
			if t := countText(text(c)); t.chars >= storyParaChars && countLinkChars(c)*3 < t.chars {
				long++
			}
		}
		return long >= 2
	}
	return walk(n, 0)
}

// storyParaChars is the least text of a short story paragraph, longer
// than a sign-up box's pitch line.
const storyParaChars = 60

// signUpHeaded reports whether the first text under n is a heading that
// calls the reader to sign up or subscribe.
func signUpHeaded(n *html.Node, lx *lexicon) bool {
	h := firstText(n, 0)
	for ; h != nil && h != n; h = h.Parent {
		if headingRank(h.DataAtom) > 0 {
			return lx.signUpHeading(text(h))
		}
	}
	return false
}

// signUpButton reports whether a <button> under n calls the reader to
// sign up or subscribe.
func signUpButton(n *html.Node, lx *lexicon, depth int) bool {
	for c := n.FirstChild; c != nil && depth < 8; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.Button {
			if lx.signUpHeading(text(c)) {
				return true
			}
			continue
		}
		if signUpButton(c, lx, depth+1) {
			return true
		}
	}
	return false
}

// firstText returns the first text node with a word's characters under n,
// or nil.
func firstText(n *html.Node, depth int) *html.Node {
	for c := n.FirstChild; c != nil && depth < maxDepth; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return c
			}
		case html.ElementNode:
			if c.DataAtom == atom.Script || c.DataAtom == atom.Style {
				continue
			}
			if t := firstText(c, depth+1); t != nil {
				return t
			}
		}
	}
	return nil
}

// emailInput reports whether an e-mail input lies under n.
func emailInput(n *html.Node, depth int) bool {
	for c := n.FirstChild; c != nil && depth < 8; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.Input && (strings.EqualFold(attr(c, "type"), "email") || strings.Contains(strings.ToLower(attr(c, "name")+attr(c, "placeholder")+attr(c, "id")), "mail")) {
			return true
		}
		if emailInput(c, depth+1) {
			return true
		}
	}
	return false
}

// isDropCap reports whether s is one capital letter: a drop cap set apart
// from the rest of its word (<span>T</span><p>urkey, Poland …).
func isDropCap(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n == len(s) && unicode.IsUpper(r)
}

// startsLower reports whether s starts with a lower-case letter.
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// orphanHeading reports whether blocks start with a heading whose section
// — up to the next heading of its rank or higher — holds no kept text: the
// title of a box whose content was dropped (a newsletter
// sign-up, a row of share buttons).
func orphanHeading(blocks []block, kept []bool) bool {
	h := headingRank(blocks[0].heading)
	if h == 0 || blocks[0].chars >= maxOrphanChars {
		return false
	}
	furniture, end := false, len(blocks)
	for i := 1; i < len(blocks); i++ {
		if r := headingRank(blocks[i].heading); r != 0 && r <= h {
			end = i
			break
		}
		if kept[i] && blocks[i].heading == 0 {
			return false
		}
		furniture = furniture || !kept[i] && blocks[i].links*10 <= blocks[i].chars*3
	}
	if furniture {
		return true
	}
	for i := end; i < len(blocks); i++ {
		if kept[i] && blocks[i].heading == 0 {
			return false
		}
	}
	return true
}

// boxTitle reports whether blocks[i] is a heading whose box — the
// largest element around it holding no other kept block — holds only
// dropped lines of links: "Related coverage" over a list of headlines in
// the middle of a story, whose text goes on after the box.
func boxTitle(blocks []block, kept []bool, i int) bool {
	if blocks[i].heading == 0 || blocks[i].chars >= maxOrphanChars || blocks[i].start == nil ||
		i+1 >= len(blocks) || kept[i+1] || blocks[i+1].links*2 <= blocks[i+1].chars {
		return false // no dropped line of links right under the heading
	}
	box := blocks[i].start.Parent
	for box != nil && box.Type == html.ElementNode && box.DataAtom != atom.Body {
		p := box.Parent
		if p == nil || holdsKept(p, blocks, kept, i) {
			break
		}
		box = p
	}
	links := false
	for j := i + 1; j < len(blocks) && blocks[j].start != nil && related(box, blocks[j].start); j++ {
		if kept[j] {
			return false
		}
		links = links || blocks[j].links*2 > blocks[j].chars
	}
	return links
}

// Bounds of a promo set in a story: the longest line, the most text, and
// the most lines, dropped ones with them, between it and the story's
// prose on either side.
const (
	maxInsetLineChars = 100
	maxInsetChars     = 200
	maxInsetBlocks    = 8
)

// insetPromo returns the end of a promo set in a box between paragraphs
// of the story that starts at blocks[i] ("Keep Reading" over "The latest
// on artificial intelligence" and a link), or i when there is none: the
// box holds two lines or more, each short and no sentence, with a link
// among them, and the story's prose comes before and after it. An
// embedded post (a quoted tweet), a list and a table are no promo, nor
// lines of one paragraph.
func insetPromo(blocks []block, kept []bool, i int) int {
	if blocks[i].chars >= maxInsetLineChars || endsStop(blocks[i].text) {
		return i
	}
	prev, next := -1, -1
	for j := i - 1; j >= 0 && j >= i-maxInsetBlocks; j-- {
		if kept[j] {
			prev = j
			break
		}
	}
	if prev < 0 || !storyProse(blocks[prev]) || blocks[i].start == nil || blocks[prev].start == nil {
		return i
	}
	for j := i + 1; j < len(blocks) && j <= i+maxInsetBlocks; j++ {
		if kept[j] && storyProse(blocks[j]) {
			next = j
			break
		}
	}
	if next < 0 || blocks[next].start == nil {
		return i
	}
	box := blocks[i].start.Parent
	for box != nil && box.Parent != nil && box.Parent.Type == html.ElementNode && !related(box.Parent, blocks[prev].start) && !related(box.Parent, blocks[next].start) {
		box = box.Parent
	}
	if box == nil || box.Type != html.ElementNode {
		return i
	}
	for n := blocks[i].start.Parent; n != nil && n != box.Parent; n = n.Parent {
		switch n.DataAtom {
		case atom.P, atom.Blockquote, atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Table, atom.Td, atom.Th, atom.Body, atom.Article, atom.Main:
			return i
		}
	}
	j, chars, linked := i, 0, false
	for ; j < next && blocks[j].start != nil && related(box, blocks[j].start); j++ {
		b := blocks[j]
		if b.chars >= maxInsetLineChars || endsStop(b.text) {
			return i
		}
		chars += b.chars
		linked = linked || b.links > 0
	}
	if j-i < 2 || chars >= maxInsetChars || !linked {
		return i
	}
	return j
}

// markedBox returns the end of a box of other stories set between
// paragraphs of the story and opened at blocks[i] by a heading or short
// line that says so ("Related Stories"), or i when there is none: the box
// is the largest element around that line holding none of the story's
// paragraphs before it, at least half of its other lines are links (a
// headline and a teaser each, however long the teasers), and the story's
// prose goes on after it.
func markedBox(blocks []block, kept []bool, i int, lex *lexicon) int {
	bl := blocks[i]
	if bl.start == nil || bl.heading == 0 && bl.chars >= maxInsetLineChars || !lex.endLine(bl.text) {
		return i
	}
	prev := -1
	for j := i - 1; j >= 0; j-- {
		if kept[j] && storyProse(blocks[j]) {
			prev = j
			break
		}
	}
	if prev < 0 || blocks[prev].start == nil {
		return i
	}
	box := bl.start.Parent
	for box != nil && box.Parent != nil && box.Parent.Type == html.ElementNode && !related(box.Parent, blocks[prev].start) {
		box = box.Parent
	}
	if box == nil || box.Type != html.ElementNode {
		return i
	}
	j, linked, lines := i+1, 0, 0
	for ; j < len(blocks) && blocks[j].start != nil && related(box, blocks[j].start); j++ {
		if blocks[j].heading == 0 {
			lines++
			if blocks[j].links*2 > blocks[j].chars {
				linked++
			}
		}
	}
	if linked == 0 || linked*2 < lines {
		return i
	}
	for k := j; k < len(blocks); k++ {
		if kept[k] && storyProse(blocks[k]) {
			return j
		}
	}
	return i
}

// storyProse reports whether b is a paragraph of the story's prose.
func storyProse(b block) bool {
	return b.heading == 0 && b.chars >= 80 && b.links*2 < b.chars && endsStop(b.text)
}

// endsStop reports whether s ends as a sentence does, with a full stop,
// a question or an exclamation mark (not a colon or an ellipsis, which
// endsSentence takes too).
func endsStop(s string) bool {
	switch lastMark(s) {
	case '.', '!', '?', '。', '！', '？':
		return true
	}
	return false
}

// holdsKept reports whether a kept block other than blocks[i] starts under
// n.
func holdsKept(n *html.Node, blocks []block, kept []bool, i int) bool {
	for j := range blocks {
		if j != i && kept[j] && blocks[j].start != nil && related(n, blocks[j].start) {
			return true
		}
	}
	return false
}

// maxOrphanChars is the longest heading that can be a box's title; pages
// mark up whole paragraphs as headings too.
const maxOrphanChars = 100

// headingRank returns 1 for <h1> to 6 for <h6>, and 0 for anything else.
func headingRank(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// minStoryChars is the text a story has before anything can end it.
const minStoryChars = 200

// storyEnd returns the index of the block where what follows the story
// begins, or len(blocks): the headline of another <article>, or a
// heading or line that opens related stories, comments or the like ("More from …", "Related")
// followed by a listing — links alternating with short texts — rather than
// more of the story. kept says which blocks are article text.
func storyEnd(blocks []block, kept []bool, lex *lexicon) int {
	chars := 0
	var first *block
	headlined := make(map[*html.Node]bool)
	for i, bl := range blocks {
		if chars >= minStoryChars {
			switch {
			case bl.heading == atom.H1 && bl.article != nil && first.article != nil && bl.article != first.article:
				// The headline of the next story on an endless page.
				return i
			case bl.article != nil && first.article != nil && bl.article != first.article && !encloses(bl.article, first.article) && holdsH1(bl.article, headlined):
				// Text of another story with its own headline (after the
				// story's, or loaded inside it), the headline itself left
				// out (in its <header>).
				return i
			case (bl.heading != 0 || bl.chars < 80) && lex.comments.MatchString(bl.text) && !dataCell(bl.start):
				return i
			case (bl.heading != 0 || bl.chars < 80) && lex.endLine(bl.text) && !dataCell(bl.start) && listing(blocks[i+1:], kept[i+1:]) && !resumes(blocks, kept, i):
				return i
			case bl.heading != 0 && bl.links*2 > bl.chars && links(blocks[i:]) >= 2 && listing(blocks[i:], kept[i:]):
				return i
			}
		}
		if kept[i] {
			chars += bl.chars
			if first == nil {
				first = &blocks[i]
			}
		}
	}
	return len(blocks)
}

// dataCell reports whether the text node n is the whole of a cell in a
// row of a table with other cells: a column's header ("Comment",
// "Related"), not a line that opens the readers' comments or other
// stories.
func dataCell(n *html.Node) bool {
	cell := n
	for i := 0; cell != nil && i < 6 && cell.DataAtom != atom.Td && cell.DataAtom != atom.Th; i++ {
		cell = cell.Parent
	}
	if cell == nil || cell.Parent == nil || (cell.DataAtom != atom.Td && cell.DataAtom != atom.Th) {
		return false
	}
	if countText(text(cell)).chars >= maxCellLineChars {
		return false
	}
	cells := 0
	for c := cell.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Td || c.DataAtom == atom.Th {
			cells++
		}
	}
	return cells >= 2
}

// maxCellLineChars bounds the text of a table cell that holds a column's
// label rather than a page laid out in a table.
const maxCellLineChars = 80

// listing reports whether blocks, which follow a story's end marker,
// are not more of the story. A promo inside a story ("Don't miss" and
// three links, a linked headline every few paragraphs) is one group of
// links followed by more of the story, or groups with runs of the story's
// sentences, or a long paragraph, between them; related stories, a link and a summary each, are
// groups of links with a line or none between them, to the end. Items
// with a link in the links' own list are the listing's, sentences or not
// (a last item that pitches the shop's picks).
func listing(blocks []block, kept []bool) bool {
	groups, lines := 0, 0
	inLinks := false
	var list *html.Node
	for i, bl := range blocks {
		if bl.chars > 0 && bl.links*2 > bl.chars {
			if !inLinks {
				groups++
				inLinks = true
			}
			lines = 0
			list = listOf(bl.start)
			continue
		}
		if list != nil && bl.links > 0 && listOf(bl.start) == list {
			continue // an item of the list of links, a sentence or not
		}
		if kept[i] && bl.heading == 0 && endsSentence(bl.text) {
			inLinks = false
			lines++
			if lines >= minResumeLines || bl.chars >= minResumeChars {
				return false
			}
		}
	}
	return groups >= 2 || lines == 0
}

// encloses reports whether a is b or an ancestor of it.
func encloses(a, b *html.Node) bool {
	for n := b; n != nil; n = n.Parent {
		if n == a {
			return true
		}
	}
	return false
}

// ownArticle returns, when the best container top lies in an <article>
// headlined by another story than the page's title (an endless page that
// has loaded the next stories, one of them longer), the <article> whose
// <h1> is the title, and the other story's <article> (which an unclosed
// page may nest inside it); or nil. A top that is a stream of other
// <article>s (a site of short posts: the page's own first, the latest
// ones in a list below it, together longer) is such an other story too.
func ownArticle(body, top *html.Node, title string) (own, other *html.Node) {
	nt := normTitle(title)
	if len(nt) < minTitleFold {
		return nil, nil
	}
	var art, h1 *html.Node
	for p := top; p != nil && p != body && h1 == nil; p = p.Parent {
		if isElem(p, atom.Article) {
			art, h1 = p, firstH1(p, 0)
		}
	}
	stream := art == nil && top != body && streamOf(top)
	if stream {
		art = top
	} else if h1 == nil || strings.Contains(normTitle(text(h1)), nt) {
		return nil, nil
	}
	var find func(n *html.Node, depth int)
	find = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil && own == nil && depth < maxDepth; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.Article && c != art {
				if h := firstH1(c, 0); h != nil && strings.Contains(normTitle(text(h)), nt) {
					own = c
					continue
				}
			}
			find(c, depth+1)
		}
	}
	find(body, 0)
	if own == nil {
		return nil, nil
	}
	if stream && related(own, art) {
		// The page's <article> around the stream, or one in it: the
		// stream is the page's own, its post and the cards after it.
		return nil, nil
	}
	return own, art
}

// minStreamArticles is the least number of <article>s in a container
// that makes it a stream of stories rather than one.
const minStreamArticles = 3

// minStreamShare is the least share of a stream's text inside its
// <article>s: a story with a list of other stories' cards in it holds
// its own text outside them.
const minStreamShare = 0.8

// streamOf reports whether n is a stream of stories: minStreamArticles
// <article>s or more that hold nearly all its text.
func streamOf(n *html.Node) bool {
	k, inside := articlesIn(n, 0)
	return k >= minStreamArticles && float64(inside) >= minStreamShare*float64(textChars(n, math.MaxInt, 0))
}

// articlesIn counts the <article> elements under n, not those nested in
// one, and the text they hold.
func articlesIn(n *html.Node, depth int) (k, chars int) {
	for c := n.FirstChild; c != nil && depth < maxDepth; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.Article {
			k++
			chars += textChars(c, math.MaxInt, 0)
			continue
		}
		ck, cc := articlesIn(c, depth+1)
		k += ck
		chars += cc
	}
	return k, chars
}

// minTitleFold is the shortest folded title that tells stories apart.
const minTitleFold = 10

// firstH1 returns the first <h1> under n, or nil.
func firstH1(n *html.Node, depth int) *html.Node {
	for c := n.FirstChild; c != nil && depth < maxDepth; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.H1 {
			return c
		}
		if h := firstH1(c, depth+1); h != nil {
			return h
		}
	}
	return nil
}

// holdsH1 reports whether an <h1> lies under the article a, remembering
// the answer in seen.
func holdsH1(a *html.Node, seen map[*html.Node]bool) bool {
	if v, ok := seen[a]; ok {
		return v
	}
	v := findH1(a, 0)
	seen[a] = v
	return v
}

func findH1(n *html.Node, depth int) bool {
	for c := n.FirstChild; c != nil && depth < maxDepth; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.H1 || findH1(c, depth+1)) {
			return true
		}
	}
	return false
}

// resumes reports whether the story goes on after the promo that
// blocks[i] opens ("Read next" and a link): the paragraphs before and
// after it sit side by side in one container, and the promo in a box of
// its own among them.
func resumes(blocks []block, kept []bool, i int) bool {
	prev := -1
	for j := i - 1; j >= 0; j-- {
		if kept[j] && blocks[j].heading == 0 {
			prev = j
			break
		}
	}
	if prev < 0 {
		return false
	}
	story := lineContainer(blocks[prev].start)
	if story == nil || lineContainer(blocks[i].start) == story {
		return false // the promo's title is a line of the story's container
	}
	for j := i + 1; j < len(blocks); j++ {
		if kept[j] && blocks[j].heading == 0 && blocks[j].links*2 <= blocks[j].chars && endsSentence(blocks[j].text) {
			return lineContainer(blocks[j].start) == story && related(story, blocks[i].start)
		}
	}
	return false
}

// lineContainer returns the parent of the block element a line starts in
// (the container of a paragraph), or nil.
func lineContainer(start *html.Node) *html.Node {
	for n := start; n != nil; n = n.Parent {
		if n.Type == html.ElementNode && blockTags[n.DataAtom] {
			return n.Parent
		}
	}
	return nil
}

// listOf returns the list (<ul>, <ol>) the line starting at start is an
// item of, or nil.
func listOf(start *html.Node) *html.Node {
	for n := start; n != nil; n = n.Parent {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Ul, atom.Ol:
				return n
			case atom.Body, atom.Article, atom.Main:
				return nil
			}
		}
	}
	return nil
}

// minResumeLines is how many sentences in a row after a promo's links
// show the story going on, as does one paragraph of minResumeChars (the
// summary of a related story is shorter).
const (
	minResumeLines = 2
	minResumeChars = 250
)

// endsSentence reports whether s ends as a sentence does, after a
// closing quote or bracket if any.
func endsSentence(s string) bool {
	switch lastMark(s) {
	case '.', '!', '?', '。', '！', '？', ':', '…':
		return true
	}
	return false
}

// lastMark returns the last character of s before closing quotes and
// brackets.
func lastMark(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, " \"'”’»)]"))
	return r
}

// links counts the link lines of blocks.
func links(blocks []block) int {
	n := 0
	for _, bl := range blocks {
		if bl.chars > 0 && bl.links*2 > bl.chars {
			n++
		}
	}
	return n
}

// firstKept returns the node the first kept block starts with, or nil.
func firstKept(blocks []block, h textHints) *html.Node {
	for _, bl := range blocks {
		if bl.keep(h) {
			return bl.start
		}
	}
	return nil
}

// dateOnly reports whether s has no words besides a date's: at most two
// runs of letters (a month name, a weekday).
func dateOnly(s string) bool {
	words, in := 0, false
	for _, r := range s {
		l := unicode.IsLetter(r)
		if l && !in {
			words++
		}
		in = l
	}
	return words <= 2
}
