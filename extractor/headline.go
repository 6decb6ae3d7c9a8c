package extractor

import (
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A news page's <h1> often holds more than the headline: a kicker above it
// ("Klimaschutz", "Interne Unterlagen im Netz", "Politics |"), a label
// ("LIVE", "Patch Notes"), a date. Pages mark these parts by class, and
// the headline readers and metadata name is what remains. Other <h1>s are
// not the story's at all: the site's logo, a heading only screen readers
// see, a newsletter box's title.

// kickerStems mark, anywhere in a class, the part of a heading above or
// before the headline (German "Dachzeile", "Spitzmarke").
var kickerStems = []string{
	"kicker", "dachzeile", "roofline", "overline", "topline", "supertitle", "superheadline",
	"toptitle", "eyebrow", "spitzmarke", "pretitle", "preheadline",
}

// kickerTokens mark, as a whole word of a class ("topic-label",
// "entry-section"), such a part of a heading.
var kickerTokens = map[string]bool{
	"label": true, "badge": true, "section": true, "category": true, "rubric": true,
	"rubrik": true, "ressort": true, "topic": true, "flag": true,
}

// headlineTokens mark, as a whole word of a class, the headline part of a
// heading ("article-heading__title", "headline").
var headlineTokens = map[string]bool{"headline": true, "title": true}

// classParts splits a class attribute into lower-case words, at spaces,
// hyphens and underscores ("article-heading__kicker" is article, heading,
// kicker).
func classParts(class string) []string {
	return strings.FieldsFunc(strings.ToLower(class), func(r rune) bool {
		return r == ' ' || r == '-' || r == '_' || r == '\t' || r == '\n'
	})
}

// kickerClass reports whether n's class marks a kicker, label or section
// name inside a heading.
func kickerClass(n *html.Node) bool {
	c := strings.ToLower(attr(n, "class"))
	if c == "" {
		return false
	}
	for _, w := range kickerStems {
		if strings.Contains(c, w) {
			return true
		}
	}
	for _, t := range classParts(c) {
		if kickerTokens[t] {
			return true
		}
	}
	return false
}

// headlineClass reports whether n's class marks the headline itself.
func headlineClass(n *html.Node) bool {
	for _, t := range classParts(attr(n, "class")) {
		if headlineTokens[t] {
			return true
		}
	}
	return false
}

// headingText returns the headline in the heading h: its text without the
// kicker, label, date, subtitle (<small>) or hidden parts pages print
// inside it — or, when one part is classed as the headline beside others,
// that part — or all of its text when nothing else is left.
func (m *pageMeta) headingText(h *html.Node) string {
	if part := headlinePart(h, 0); part != nil {
		h = part
	}
	var b strings.Builder
	m.headingParts(&b, h, 0)
	// A separator printed between a dropped kicker and the headline
	// (<span>Kicker</span><span>: </span>Headline) goes with the kicker.
	if t := strings.TrimLeft(b.String(), " :|–—-·•"); t != "" {
		return strings.TrimSpace(t)
	}
	return text(h)
}

// headlinePart returns the one element under the heading h, within a few
// levels, whose class marks it as the headline beside other parts with
// less text (a kicker, a label); or nil.
func headlinePart(h *html.Node, depth int) *html.Node {
	var found *html.Node
	others := 0 // the most text of another part
	for c := h.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			others = max(others, countText(c.Data).chars)
		case c.Type != html.ElementNode:
		case headlineClass(c) && !kickerClass(c):
			if found != nil {
				return nil // two headlines: a title and its second line
			}
			found = c
		default:
			if depth < 2 && found == nil && others == 0 {
				if p := headlinePart(c, depth+1); p != nil {
					return p
				}
			}
			others = max(others, textChars(c, maxHeadingChars, 0))
		}
	}
	if found == nil || others == 0 || textChars(found, maxHeadingChars, 0) <= others {
		return nil
	}
	return found
}

// maxHeadingChars bounds the text counted in a part of a heading.
const maxHeadingChars = 400

// leadingPart returns the element the text of the heading h starts in
// when more text follows it (<span>Kicker:</span> Headline), or nil.
func leadingPart(h *html.Node) *html.Node {
	for c := h.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
			return nil
		case c.Type == html.ElementNode && textChars(c, 1, 0) > 0:
			if c.FirstChild != nil && c.FirstChild == c.LastChild && !isElem(c, atom.A) && c.FirstChild.Type == html.ElementNode {
				return leadingPart(c) // a wrapper: <a><span>Kicker</span> Headline</a>
			}
			for s := c.NextSibling; s != nil; s = s.NextSibling {
				if s.Type == html.TextNode && strings.TrimSpace(s.Data) != "" || s.Type == html.ElementNode && textChars(s, 1, 0) > 0 {
					return c
				}
			}
			return nil
		}
	}
	return nil
}

// emphasis are the elements that stress words of a headline rather than
// set a part of it apart (<h1><em>Barbie</em> – the review</h1>).
var emphasis = []atom.Atom{atom.Em, atom.I, atom.B, atom.Strong, atom.Q, atom.Cite, atom.Mark}

// kickerLead returns the text of the part the heading h starts in, when
// that part is a kicker that pages mark only by its place: an element of
// its own (no emphasis) before the headline. Whether it is one, the page's
// titles tell (see dropKicker); "" when h starts with no such part.
func kickerLead(h *html.Node) string {
	c := leadingPart(h)
	if c == nil || slices.Contains(emphasis, c.DataAtom) {
		return ""
	}
	return text(c)
}

// maxKickerWords is the most words of a part before a headline taken to
// be its kicker.
const maxKickerWords = 6

// dropKicker returns the headline h1 without the kicker lead it starts
// with, when one of the page's titles sets that kicker apart from the
// headline by a separator ("Zoonosen – Wie Umweltzerstörung …" for
// <h1><span>Zoonosen</span><span aria-hidden> – </span><span>Wie …</span>,
// which the <h1> prints as two lines): the titles join what readers see
// as a kicker above a headline. It returns h1 itself otherwise.
func dropKicker(h1, lead string, titles []string) string {
	nl := normTitle(lead)
	if nl == "" || words(lead) > maxKickerWords {
		return h1
	}
	rest := h1TextAfter(h1, nl)
	nr := normTitle(rest)
	if rest == "" || words(rest) < 2 || words(rest) < words(lead) {
		return h1
	}
	for _, t := range titles {
		for _, sep := range titleSeparators {
			first, second, ok := strings.Cut(t, sep)
			if !ok || normTitle(first) != nl {
				continue
			}
			if ns := normTitle(second); ns != "" && (strings.HasPrefix(nr, ns) || strings.HasPrefix(ns, nr)) {
				return rest
			}
		}
	}
	return h1
}

// h1TextAfter returns the text of h after its start whose folded form is
// nl, from the next letter or digit on; or "" when h does not start so.
func h1TextAfter(h, nl string) string {
	if !strings.HasPrefix(normTitle(h), nl) {
		return ""
	}
	n := 0 // bytes of nl matched
	for i, r := range h {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		if n == len(nl) {
			return strings.TrimSpace(h[i:])
		}
		n += utf8.RuneLen(unicode.ToLower(r))
	}
	return ""
}

func (m *pageMeta) headingParts(b *strings.Builder, n *html.Node, depth int) {
	for c := n.FirstChild; c != nil && depth < 8; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			appendCollapsed(b, c.Data)
		case html.ElementNode:
			switch c.DataAtom {
			case atom.Rt, atom.Rp:
				continue // ruby annotations: the reading of the word before
			case atom.Small, atom.Time:
				appendSpace(b)
				continue
			case atom.Br:
				appendSpace(b)
				continue
			}
			if junk(c, false, m.cc) == hardJunk || m.cc.of(c)&(cfDate|cfHidden) != 0 || visuallyHidden(c) || kickerClass(c) {
				// A part left out still parts the words around it:
				// <span>Klimaschutz</span><span hidden>: </span><span>Bohren…
				appendSpace(b)
				continue
			}
			m.headingParts(b, c, depth+1)
		}
	}
}

// visuallyHidden reports whether n's class hides it from sight but not
// from screen readers ("sr-only", "element-invisible").
func visuallyHidden(n *html.Node) bool {
	for _, c := range strings.Fields(strings.ToLower(attr(n, "class"))) {
		switch c {
		case "sr-only", "visually-hidden", "visuallyhidden", "element-invisible", "screen-reader-text", "screenreader-only", "a11y-hidden", "aural", "offscreen", "hide-text":
			return true
		}
	}
	return false
}

// siteLogoWords mark, in an <h1>'s class or id or that of an element in
// it, the site's name rather than a headline.
var siteLogoWords = []string{"logo", "site-title", "site-name", "sitename", "sitetitle", "site-branding", "brand"}

// h1Role says what an <h1> is on its page.
type h1Role uint8

const (
	// h1Story: a headline, the story's or another's.
	h1Story h1Role = iota
	// h1Logo: the site's name — classed as its logo, nothing but a link
	// home, or seen only by screen readers. Its text names the site in
	// the page's titles.
	h1Logo
	// h1Furniture: hidden, or in the page's furniture (navigation, a
	// newsletter box).
	h1Furniture
	// h1Crumb: the last item of a breadcrumb trail, a headline of the
	// page itself, but often its shorter or search-engine form.
	h1Crumb
)

// roleOfH1 returns the role of the <h1> h.
func roleOfH1(h *html.Node, cc classes) h1Role {
	if visuallyHidden(h) || logoClass(h) {
		return h1Logo
	}
	if cc.of(h)&cfHidden != 0 {
		return h1Furniture
	}
	for p := h.Parent; p != nil && p.Type == html.ElementNode && p.DataAtom != atom.Body; p = p.Parent {
		switch p.DataAtom {
		case atom.A:
			if homeLink(attr(p, "href")) {
				// <a href="/"><h1>Site</h1></a>: the logo.
				return h1Logo
			}
		case atom.Article, atom.Main:
			// The story's own container, whatever its class says
			// ("node-promoted").
			return h1Story
		}
		if hasClassWord(p, "breadcrumb") || strings.Contains(strings.ToLower(attr(p, "id")), "breadcrumb") {
			// A breadcrumb's last item names the page itself.
			return h1Crumb
		}
		switch p.DataAtom {
		case atom.Nav, atom.Aside, atom.Footer, atom.Dialog:
			return h1Furniture
		}
		if f := cc.of(p); f&cfStrong != 0 && f&cfContent == 0 {
			return h1Furniture
		}
	}
	if home, other := linksOnly(h, 0); home && !other {
		return h1Logo
	}
	return h1Story
}

// logoClass reports whether n's class or id names the site's logo or name.
func logoClass(n *html.Node) bool {
	ci := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	for _, w := range siteLogoWords {
		if strings.Contains(ci, w) {
			return true
		}
	}
	return false
}

// linksOnly reports whether, under n, a link leads to a site's home page
// or is classed as a logo (home), and whether text lies outside links
// (other).
func linksOnly(n *html.Node, depth int) (home, other bool) {
	for c := n.FirstChild; c != nil && depth < 6; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			other = other || strings.TrimSpace(c.Data) != ""
		case isElem(c, atom.A):
			home = home || homeLink(attr(c, "href")) || logoClass(c)
		case c.Type == html.ElementNode:
			h, o := linksOnly(c, depth+1)
			home, other = home || h, other || o
		}
	}
	return home, other
}

// homeLink reports whether href leads to a site's home page: "/", or an
// absolute URL with no path (also inside an archive's URL,
// https://web.archive.org/web/2014…/http://example.com/).
func homeLink(href string) bool {
	href = strings.TrimSpace(href)
	if i := strings.LastIndex(href, "://"); i >= 0 {
		href = href[i+3:]
		if j := strings.IndexByte(href, '/'); j >= 0 {
			href = href[j:]
		} else {
			href = "/"
		}
	}
	u, err := url.Parse(href)
	return err == nil && u.RawQuery == "" && u.Path == "/"
}
