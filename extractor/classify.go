package extractor

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Words looked for in an element's class and id, lower-cased. They follow
// Mozilla Readability's and trafilatura's lists, which the field has tuned
// on many sites, narrowed where they removed article text here.
var classWords = map[classFlags][]string{
	// cfBoiler: blocks that are seldom article text.
	cfBoiler: {
		"share", "sharing", "social", "sociable", "related", "recommend", "comment", "disqus", "cookie",
		"consent", "gdpr", "newsletter", "subscri", "signup", "sign-up", "promo", "advert", "adslot",
		"ad-slot", "ad-container", "adunit", "ad-unit", "dfp", "sponsor", "outbrain", "taboola",
		"sidebar", "breadcrumb", "footer", "masthead", "navbar", "navigation", "menu", "popup", "modal",
		"overlay", "toolbar", "widget", "most-popular", "mostpopular", "trending", "read-more",
		"readmore", "more-stories", "morestories", "tags", "tagcloud", "taglist", "topics", "print",
		"pagination", "pager", "paywall", "login", "banner", "skip-link", "author-bio", "authorbio",
		"about-author", "byline", "dateline", "timestamp", "published", "meta-data", "post-meta",
		"article-meta", "entry-meta", "caption", "credit", "copyright", "rating", "vote", "follow",
		"donate", "also-read", "see-also", "next-article", "prev-article", "jump", "toc",
		"table-of-contents", "visually-hidden", "sr-only", "screen-reader", "slideshow", "gallery",
		"carousel", "video-player", "videoplayer", "jwplayer", "podcast", "teaser", "aside", "yarpp",
		"jp-relatedposts", "wp-block-latest", "ticker", "sns",
		// Charts exported by ai2html print their labels as positioned
		// text, once per screen size.
		"ai2html",
	},
	// cfStrong: furniture even when the class also says "content" or
	// "article" (article-comments, share-body). Not "read-more": besides
	// boxes of links, it names the expander that holds the rest of a
	// story cut short on phones (id="read-more" around
	// "read-more-content"), which, as cfBoiler alone, is kept for the
	// prose it holds.
	cfStrong: {
		"comment", "share", "sharing", "social", "related", "recommend", "cookie", "consent",
		"newsletter", "subscri", "outbrain", "taboola", "advert", "promo", "breadcrumb", "popup",
		"modal", "most-popular", "more-stories", "also-read", "see-also", "author-bio",
		"about-author",
	},
	// cfContent: blocks that hold the article; with only cfBoiler words
	// besides, the block is kept.
	cfContent: {
		"article", "story", "entry", "post-content", "post-body", "postbody", "main-content",
		"maincontent", "body-text", "bodytext", "text", "content", "body", "prose", "rich-text",
		"richtext", "blog", "hentry", "h-entry", "main",
	},
	// cfNegative and cfPositive weigh a candidate container (Readability).
	cfNegative: {
		"-ad-", "banner", "combx", "comment", "com-", "contact", "foot", "footer", "footnote", "gdpr",
		"masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox",
		"sidebar", "skyscraper", "sponsor", "shopping", "tags", "tool", "widget", "nav", "menu",
	},
	cfPositive: {
		"article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text",
		"blog", "story",
	},
	// cfDate and cfAuthor mark where pages print dates and bylines.
	cfDate: {
		"date", "time", "publish", "posted", "dateline", "byline", "meta", "datum", "fecha", "data-",
		"zeit", "created", "entry-info",
	},
	cfAuthor: {
		"author", "byline", "autor", "auteur", "writer", "reporter", "journalist", "verfasser",
		"creator",
	},
	// cfEmbed: posts quoted from social networks ("social-media-embed"
	// around a blockquote.twitter-tweet), which articles quote as text.
	// cfElsewhere: what other people and other stories print — readers'
	// comments, related and recommended stories — whose bylines and date
	// lines are not the article's.
	cfElsewhere: {
		"comment", "disqus", "related", "recommend", "more-stories", "morestories", "outbrain",
		"taboola", "most-popular", "mostpopular", "trending", "also-read", "see-also", "yarpp",
		"jp-relatedposts",
	},
	cfEmbed: {
		"twitter-tweet", "instagram-media", "tiktok-embed", "social-media-embed", "social-embed",
		"embed-social", "embedded-tweet", "tweet-embed", "twitter-embed", "embed-twitter",
		"embed--twitter",
	},
}

// classMatcher finds classWords in a string.
var classMatcher = newWordMatcher(classWords)

// hiddenClasses are utility classes that hide an element.
var hiddenClasses = map[string]bool{"hidden": true, "d-none": true, "is-hidden": true, "invisible": true, "hid": true}

// displayNoneRe finds inline styles that hide an element.
var displayNoneRe = mustStem(`(?i)display\s*:\s*none|visibility\s*:\s*hidden`, "none", "hidden")

// maxClassBytes bounds the class-and-id text matched per element.
const maxClassBytes = 512

// wordMatcher reports which groups of literal words occur in a string, in
// one pass indexed by the words' first two bytes. It is hand-written
// because Go's regexp runs an alternation of a hundred literals as a
// backtracking search (three quarters of the extraction time when this
// used regexps), and the one Aho–Corasick module served here is a pre-1.0
// work in progress.
type wordMatcher struct {
	byFirst [256]*wordBucket
}

// wordBucket holds the words that start with one byte, sorted by their
// second byte: those whose second byte is b are words[bySecond[b]:bySecond[b+1]].
type wordBucket struct {
	words    []flaggedWord
	bySecond [257]uint16
}

type flaggedWord struct {
	word string
	flag classFlags
}

// newWordMatcher returns a matcher of the words of groups, which are two
// bytes long or more.
func newWordMatcher(groups map[classFlags][]string) *wordMatcher {
	var byFirst [256][]flaggedWord
	for f := cfBoiler; f <= cfElsewhere; f <<= 1 {
		for _, w := range groups[f] {
			if len(w) < 2 {
				panic("extractor: a one-byte word for a wordMatcher: " + w)
			}
			byFirst[w[0]] = append(byFirst[w[0]], flaggedWord{w, f})
		}
	}
	m := &wordMatcher{}
	for first, words := range byFirst {
		if len(words) == 0 {
			continue
		}
		slices.SortStableFunc(words, func(a, b flaggedWord) int { return int(a.word[1]) - int(b.word[1]) })
		bucket := &wordBucket{words: words}
		// bySecond[b] counts the words whose second byte is below b.
		for _, w := range words {
			bucket.bySecond[int(w.word[1])+1]++
		}
		for b := 1; b <= 256; b++ {
			bucket.bySecond[b] += bucket.bySecond[b-1]
		}
		m.byFirst[first] = bucket
	}
	return m
}

// flags returns the groups whose words occur in s.
func (m *wordMatcher) flags(s string) classFlags {
	var f classFlags
	for i := 0; i+1 < len(s); i++ {
		bucket := m.byFirst[s[i]]
		if bucket == nil {
			continue
		}
		second := s[i+1]
		for _, w := range bucket.words[bucket.bySecond[second]:bucket.bySecond[int(second)+1]] {
			if f&w.flag == 0 && strings.HasPrefix(s[i:], w.word) {
				f |= w.flag
			}
		}
	}
	return f
}

// classFlags say what an element's class and id look like.
type classFlags uint16

const (
	cfBoiler classFlags = 1 << iota
	cfStrong
	cfContent
	cfHidden
	cfNegative
	cfPositive
	cfDate
	cfAuthor
	cfEmbed
	cfElsewhere
)

type classKey struct{ class, id string }

// classes memoises the flags of each class-and-id pair of one document, so
// the patterns run once per distinct pair rather than once per element and
// pass. It is not safe for concurrent use; each extraction makes its own.
type classes map[classKey]classFlags

// of returns the flags of n's class and id.
func (c classes) of(n *html.Node) classFlags {
	var k classKey
	for _, a := range n.Attr {
		switch a.Key {
		case "class":
			k.class = a.Val
		case "id":
			k.id = a.Val
		}
	}
	if k == (classKey{}) {
		return 0
	}
	if f, ok := c[k]; ok {
		return f
	}
	ci := strings.ToLower(k.class + " " + k.id)
	if len(ci) > maxClassBytes {
		ci = ci[:maxClassBytes]
	}
	if strings.Contains(ci, "js-") || hasModifier(ci) {
		ci = dropModifiers(ci)
	}
	f := classMatcher.flags(ci)
	for _, tok := range strings.Fields(ci) {
		if hiddenClasses[tok] {
			f |= cfHidden
			if tok == "hid" {
				f |= cfNegative
			}
		}
	}
	c[k] = f
	return f
}

// skipTags are elements whose content is never article text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Nav: true, atom.Aside: true,
	atom.Footer: true, atom.Button: true, atom.Select: true,
	atom.Input: true, atom.Textarea: true, atom.Iframe: true, atom.Object: true,
	atom.Embed: true, atom.Canvas: true, atom.Video: true, atom.Audio: true,
	atom.Picture: true, atom.Map: true, atom.Dialog: true, atom.Figure: true,
	atom.Figcaption: true, atom.Label: true, atom.Head: true, atom.Title: true,
	atom.Menu: true, atom.Time: false,
}

// junkRoles are ARIA roles of page furniture.
var junkRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true,
	"dialog": true, "alertdialog": true, "menu": true, "menubar": true, "toolbar": true,
	"search": true, "button": true, "tooltip": true,
}

// verdict is how sure junk is that an element is page furniture.
type verdict uint8

const (
	// content: not furniture as far as tag and attributes tell.
	content verdict = iota
	// weakJunk: a class or id that furniture often has ("meta", "rail",
	// "widget"); kept when the element holds several paragraphs of prose.
	weakJunk
	// hardJunk: never article text (scripts, navigation, hidden, comments,
	// share bars, related links).
	hardJunk
)

// junk judges whether the element n is page furniture rather than article
// text: by tag, ARIA role, hidden state, or — when useClass is set — its
// class and id.
func junk(n *html.Node, useClass bool, cc classes) verdict {
	return judge(n, useClass, false, cc)
}

// judge is junk; showHidden passes over the marks that hide an element
// (a slideshow's slides, hidden until a reader clicks on).
func judge(n *html.Node, useClass, showHidden bool, cc classes) verdict {
	if n.Type != html.ElementNode {
		if n.Type == html.CommentNode {
			return hardJunk
		}
		return content
	}
	if n.DataAtom == atom.Header {
		// A page header; or, left unclosed, the whole page.
		return weakJunk
	}
	if skipTags[n.DataAtom] {
		return hardJunk
	}
	if n.DataAtom == atom.Body || n.DataAtom == atom.Html || n.DataAtom == atom.Main {
		return content
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			if !showHidden {
				return hardJunk
			}
		case "aria-hidden":
			if a.Val == "true" && !showHidden {
				return hardJunk
			}
		case "role":
			if junkRoles[strings.ToLower(a.Val)] {
				return hardJunk
			}
		case "style":
			if !showHidden && displayNoneRe.MatchString(a.Val) {
				return hardJunk
			}
		case "itemprop":
			if a.Val == "articleBody" || a.Val == "text" {
				return content
			}
		}
	}
	switch n.DataAtom {
	case atom.Article, atom.Tr, atom.Td, atom.Th, atom.Tbody, atom.Table:
		// Data tables carry classes like "player-2020" or "sortcell".
		return content
	case atom.Span:
		if hoverCard(n) {
			return hardJunk
		}
	}
	if !useClass {
		return content
	}
	f := cc.of(n)
	switch {
	case f&cfHidden != 0 && !showHidden:
		return hardJunk
	case f&cfBoiler == 0, f&cfEmbed != 0:
		return content
	case inRunningText(n):
		// A dateline or credit written into a sentence ("<span
		// class="dateline">KOBE –</span> A total of…") is part of it.
		return content
	case f&cfStrong != 0, f&cfContent != 0 && blockTags[n.DataAtom] && visuallyHidden(n):
		// A block only screen readers see is a label ("Filed under:",
		// "Advertisement"), whatever else its class says
		// ("sr-only c-entry-box__title"); inline, it may be the words of
		// a sign shown beside it ("20<span class=sr-only> minutes</span>").
		return hardJunk
	case f&cfContent != 0:
		return content
	}
	return weakJunk
}

// hoverCard reports whether the <span> n is a card that pops up over a
// name in running text: inside a paragraph, it starts with a picture and
// holds links (the person's photo, name and latest stories).
func hoverCard(n *html.Node) bool {
	first := n
	for i := 0; i < 4 && first != nil && first.DataAtom != atom.Img; i++ {
		first = firstElement(first)
	}
	if first == nil || first.DataAtom != atom.Img {
		return false
	}
	inPara := false
	for p, i := n.Parent, 0; p != nil && i < 4 && !inPara; p, i = p.Parent, i+1 {
		inPara = p.DataAtom == atom.P
	}
	return inPara && countLinks(n, 0) >= 2
}

// firstElement returns n's first element child, or nil.
func firstElement(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

// countLinks counts the links under n, up to a few.
func countLinks(n *html.Node, depth int) int {
	k := 0
	for c := n.FirstChild; c != nil && k < 4 && depth < 8; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.A {
			k++
		} else {
			k += countLinks(c, depth+1)
		}
	}
	return k
}

// hiddenElement reports whether n is hidden from sight: by the hidden
// attribute, aria-hidden, an inline display:none, or a class that hides.
func hiddenElement(n *html.Node, cc classes) bool {
	for _, a := range n.Attr {
		switch {
		case a.Key == "hidden", a.Key == "aria-hidden" && a.Val == "true",
			a.Key == "style" && displayNoneRe.MatchString(a.Val):
			return true
		}
	}
	return cc.of(n)&cfHidden != 0
}

// modifierPrefixes start the class tokens that say what an element has
// or lacks rather than what it is: "no_caption" on a photo without one,
// "has-sidebar" on the column beside the sidebar, "with-related" on a
// story that ends with links. Matched as furniture, they took a list
// item's lead sentence or a story's whole column with them.
var modifierPrefixes = []string{"no-", "no_", "has-", "has_", "with-", "without-"}

// hasModifier reports whether ci may hold a modifier token
// (modifierPrefixes).
func hasModifier(ci string) bool {
	for _, p := range modifierPrefixes {
		if strings.Contains(ci, p) {
			return true
		}
	}
	return false
}

// dropModifiers removes from ci the "js-" classes, which name what scripts
// attach to ("js-dynamic-advertorial" on an article's text), not what the
// element is, and the modifiers (modifierPrefixes). "no-print" stays: a
// page keeps its furniture off paper with it.
func dropModifiers(ci string) string {
	var b strings.Builder
	for _, tok := range strings.Fields(ci) {
		if !strings.HasPrefix(tok, "js-") && !modifier(tok) {
			b.WriteString(tok)
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// modifier reports whether tok is a modifier token (modifierPrefixes).
func modifier(tok string) bool {
	if tok == "no-print" || tok == "no_print" {
		return false
	}
	for _, p := range modifierPrefixes {
		if strings.HasPrefix(tok, p) {
			return true
		}
	}
	return false
}

// inRunningText reports whether n is an inline element inside a paragraph
// with text of its own beside n: written straight into it, or set in
// bold or italics around n ("<strong>The first rounds of the
// </strong><a class=…>league</a><strong> are played</strong>").
func inRunningText(n *html.Node) bool {
	if blockTags[n.DataAtom] || n.Parent == nil || n.Parent.DataAtom != atom.P {
		return false
	}
	chars := 0
	for c := n.Parent.FirstChild; c != nil && chars < minRunningChars; c = c.NextSibling {
		switch {
		case c == n:
		case c.Type == html.TextNode:
			chars += countText(c.Data).chars
		case c.Type == html.ElementNode && slices.Contains(emphasis, c.DataAtom):
			chars += textChars(c, minRunningChars-chars, 0)
		}
	}
	return chars >= minRunningChars
}

// minRunningChars is the least text beside an inline element that makes
// its paragraph running text.
const minRunningChars = 20
