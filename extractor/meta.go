package extractor

import (
	"encoding/json"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Bounds on what one page's metadata walk collects.
const (
	// maxJSONLD bounds the JSON-LD scripts read per page (news pages
	// print one per video, image, breadcrumb trail and menu before the
	// article's own), and 4*maxJSONLD the objects kept from them.
	maxJSONLD     = 16
	maxJSONLDSize = 1 << 20
	maxScripts    = 64
	maxHints      = 24
	maxHintChars  = 200
	maxLogos      = 3
)

// pageMeta is what one walk over a page gathers for its metadata fields.
type pageMeta struct {
	cc classes
	// lex holds the words of each language the extractor reads.
	lex *lexicon
	// pageURL is the page's address, when known.
	pageURL  *url.URL
	lang     string
	docTitle string
	metas    map[string]string // first non-empty content per lower-cased name/property/itemprop
	// metaAuthors are the contents of every <meta name="author">, in
	// order: a page may name each writer in a tag of its own.
	metaAuthors []string
	canonical   string
	jsonld      []ldObject
	// ldScripts counts the JSON-LD scripts read.
	ldScripts int
	// ldNames are the names of the JSON-LD objects by @id.
	ldNames map[string]string
	h1      []string
	// headings are the other headings of the story (<h2>,
	// itemprop="headline"), where a page whose <h1> names a section
	// prints its headline.
	headings []heading
	// linkedHeads are headings that are a link and nothing else, with
	// the link's address: a blog's post title links to the post itself,
	// a list of stories links elsewhere (see selfHeading).
	linkedHeads []linkedHead
	// h1Split says, for each of h1, whether its text starts in an element
	// of its own (<span>Kicker:</span> Headline).
	h1Split []bool
	// h1Leads are, for each of h1, the text of the part it starts in when
	// that part may be a kicker (see kickerLead), or "".
	h1Leads []string
	// h1Crumb says, for each of h1, whether it is a breadcrumb's last
	// item.
	h1Crumb []bool
	// h1Linked says, for each of h1, whether it lies inside a link to
	// another page (a section's banner, not a headline).
	h1Linked []bool
	// h1Link says, for each of h1, whether it is one link and no more (an
	// entry of a list of stories, or a post's title linking to itself).
	h1Link []bool
	// logos are the texts of the headings that name the site (its logo).
	logos []string
	// times are <time> elements and itemprop dates: datetime (or text), and
	// whether the element says it is the publication date.
	times []dateHint
	// dateTexts are short texts of elements whose class or id says date.
	dateTexts []string
	// authorTexts are short texts of author and byline elements;
	// teaserAuthors those beside a link to another story, as a list of
	// stories prints its bylines (relatedDate); otherAuthors those in
	// comments and related stories.
	authorTexts, teaserAuthors, otherAuthors []string
	// scripts are the texts of the page's other scripts, searched for a
	// publication date in their data when nothing else gives one.
	scripts []string
	// ldArticleBody is the longest JSON-LD articleBody.
	ldArticleBody string
	// bios are the descriptions of the JSON-LD persons by name (the
	// writers' bios, which pages print again in a box under the story),
	// in wordsOf form.
	bios [][2]string
	// beforeH1 and afterH1 are the body text just before and after the
	// first <h1>s, where pages print the date line.
	beforeH1 strings.Builder
	afterH1  []*strings.Builder
	// labeled are texts with a date label ("Datum:", "Published on").
	labeled []string
	// h1Dates are the texts of elements inside a headline that hold a
	// date (<h1><span class="date">27.01.2022</span>Title</h1>).
	h1Dates []string
	// captions counts the photo captions with text.
	captions int
	// hiddenProse is the text of paragraphs hidden from sight, up to
	// maxHiddenProse.
	hiddenProse int
}

// Sizes of the text kept around the first <h1>.
const (
	beforeH1Chars = 160
	afterH1Chars  = 500
)

type dateHint struct {
	// value is the machine date (datetime) or else the printed text;
	// printed is the text for readers, when the element has one.
	value, printed string
	published      bool
	modified       bool
	// related says the date is another story's: it sits in a list of
	// links, a related-stories box or the page's furniture.
	related bool
}

// ldObject is the part of a schema.org JSON-LD object the extractor reads.
type ldObject struct {
	types                       []string
	headline, name              string
	datePublished, dateModified string
	// dateCreated is when the object was made (a last resort for its
	// publication); uploadDate a video's (VideoObject) publication time.
	dateCreated, uploadDate string
	authors                 []string
	// authorIDs are the @ids of authors given by reference only
	// ({"@id": ".../#/schema/person/…"}, as Yoast SEO writes them).
	authorIDs   []string
	publisher   string
	image       string
	language    string
	articleBody string
	// url is the object's url, @id or mainEntityOfPage.
	url string
}

// collectMeta walks doc once and gathers the metadata hints; lx reads
// the dates in them.
func collectMeta(doc *html.Node, cc classes, lx *lexicon) *pageMeta {
	m := &pageMeta{cc: cc, lex: lx, metas: make(map[string]string, 32)}
	m.walk(doc, 0, metaPlace{})
	return m
}

// metaPlace is where in the page the metadata walk is.
type metaPlace struct {
	inBody bool
	// aside: in the page's furniture (comments, related stories,
	// navigation), whose bylines and date lines are other people's and
	// other stories'.
	aside bool
	// hidden: in an element hidden from sight.
	hidden bool
	// caption: in a photo's caption, whose dates are the photo's (a
	// wire picture taken days before the story).
	caption bool
}

// walk gathers the hints under n.
func (m *pageMeta) walk(n *html.Node, depth int, st metaPlace) {
	inBody, aside := st.inBody, st.aside
	if depth > maxDepth {
		return
	}
	if n.Type == html.TextNode && inBody {
		m.addText(n, st.caption || st.aside)
		return
	}
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Html:
			m.lang = attr(n, "lang")
			if m.lang == "" {
				m.lang = attr(n, "xml:lang")
			}
		case atom.Body:
			inBody = true
		case atom.Title:
			if m.docTitle == "" {
				// Also in the body: text before <!DOCTYPE> (a PHP
				// warning) starts the body before the <head>.
				m.docTitle = collapse(textOf(n))
			}
			return
		case atom.Meta:
			m.addMeta(n)
			return
		case atom.Link:
			if m.canonical == "" && strings.EqualFold(attr(n, "rel"), "canonical") {
				m.canonical = strings.TrimSpace(attr(n, "href"))
			}
			return
		case atom.Script:
			c := n.FirstChild
			if c == nil || c.Type != html.TextNode {
				return
			}
			if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") {
				if m.ldScripts < maxJSONLD && len(c.Data) <= maxJSONLDSize {
					m.ldScripts++
					m.addJSONLD(c.Data)
				}
			} else if len(m.scripts) < maxScripts {
				m.scripts = append(m.scripts, c.Data)
			}
			return
		case atom.Style, atom.Template, atom.Svg, atom.Noscript:
			return
		case atom.H1:
			role := h1Story
			if inBody {
				role = roleOfH1(n, m.cc)
			}
			if role == h1Logo && len(m.logos) < maxLogos {
				if t := text(n); t != "" && len(t) < maxHintChars {
					m.logos = append(m.logos, t)
				}
			}
			if inBody && len(m.h1) < 5 && (role == h1Story || role == h1Crumb) && !strings.EqualFold(attr(n, "itemprop"), "alternativeHeadline") {
				if t := m.headingText(n); t != "" && len(t) < 400 && !m.hasH1(t) {
					m.h1 = append(m.h1, t)
					m.h1Crumb = append(m.h1Crumb, role == h1Crumb)
					m.h1Linked = append(m.h1Linked, inLink(n))
					m.h1Link = append(m.h1Link, onlyLink(n, 3) != nil)
					m.h1Split = append(m.h1Split, leadingPart(n) != nil)
					m.h1Leads = append(m.h1Leads, kickerLead(n))
					if len(m.afterH1) < 3 {
						m.afterH1 = append(m.afterH1, new(strings.Builder))
						m.addHints(n, aside)
						m.addH1Dates(n, 0)
						return
					}
				}
			}
		case atom.H2:
			if inBody && !aside {
				m.addHeading(n)
			}
		case atom.H3:
			if inBody && !aside && holdsLink(n, 3) {
				m.addLinkedHead(n)
			}
		case atom.Time:
			if len(m.times) < maxHints {
				v, printed := attr(n, "datetime"), text(n)
				dataKey, dataV := dataDate(n)
				if v == "" {
					v = firstNonEmpty(dataV, printed)
				}
				ci := strings.ToLower(attr(n, "class") + " " + attr(n, "id") + " " + attr(n, "itemprop") + " " + dataKey)
				_, pub := attrOK(n, "pubdate")
				pub = pub || strings.Contains(ci, "publish") || strings.Contains(ci, "datecreated")
				mod := strings.Contains(ci, "modified") || strings.Contains(ci, "updated")
				m.times = append(m.times, dateHint{value: v, printed: printed, published: pub && !mod, modified: mod, related: relatedDate(n, m.cc)})
			}
		}
		if n.DataAtom != atom.H1 && n.DataAtom != atom.H2 && inBody && !aside && strings.EqualFold(attr(n, "itemprop"), "headline") {
			m.addHeading(n)
		}
		if ip := attr(n, "itemprop"); ip != "" && n.DataAtom != atom.Time {
			m.addItemprop(n, ip, aside)
		} else if p := attr(n, "property"); p != "" {
			// RDFa: property="schema:dateCreated", "dc:date".
			switch strings.ToLower(p[strings.IndexByte(p, ':')+1:]) {
			case "datepublished", "datecreated", "date", "created", "issued":
				m.addItemprop(n, "datePublished", aside)
			case "datemodified", "modified":
				m.addItemprop(n, "dateModified", aside)
			}
		}
		aside = aside || inBody && elsewhere(n, m.cc)
		if inBody && m.hiddenProse < maxHiddenProse {
			if !st.hidden && hiddenElement(n, m.cc) {
				st.hidden = true
			} else if st.hidden && n.DataAtom == atom.P {
				m.hiddenProse += textChars(n, maxHiddenProse, 0)
			}
		}
		if inBody {
			m.addHints(n, aside)
			if m.captions < maxCaptions && (n.DataAtom == atom.Figcaption || hasClassWord(n, "caption")) && textChars(n, minCaptionChars, 0) >= minCaptionChars {
				m.captions++
			}
		}
	}
	caption := st.caption || inBody && (photoCaption(n, m.cc) || imageCaption(n))
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		m.walk(c, depth+1, metaPlace{inBody: inBody, aside: aside, hidden: st.hidden, caption: caption})
	}
}

// photoCaption reports whether n is marked as a photo's caption: a
// <figcaption>, or a class that says caption (not a whole story's box,
// whose classes may name a category "slide" or "photo").
func photoCaption(n *html.Node, cc classes) bool {
	if n.Type != html.ElementNode {
		return false
	}
	return n.DataAtom == atom.Figcaption || hasClassWord(n, "caption") && cc.of(n)&cfStrong == 0 && n.DataAtom != atom.Article && n.DataAtom != atom.Main && n.DataAtom != atom.Body
}

// minCaptionWords is the least number of words of the text an element
// holds beside an image for it to read as the image's caption (a
// sentence) rather than a byline beside its writer's photo.
const minCaptionWords = 15

// imageCaption reports whether the element n is a caption without a
// caption's markup: an image and, beside it in n, a sentence of text.
func imageCaption(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	img := false
	for c := n.FirstChild; c != nil && !img; c = c.NextSibling {
		img = c.DataAtom == atom.Img
	}
	if !img {
		// Most elements: no words counted.
		return false
	}
	nWords := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			nWords += words(c.Data)
		}
	}
	return nWords >= minCaptionWords
}

// dataDate returns the first data-* attribute of the element n that is
// named for a time and holds a machine date, and its name: a <time> that
// prints "4 hours ago" and keeps its instant in data-published,
// data-timestamp or the like instead of datetime. Other data-*
// attributes (an id of ten digits) are no dates.
func dataDate(n *html.Node) (key, val string) {
	for _, a := range n.Attr {
		if !strings.HasPrefix(a.Key, "data-") || !timeKeyRe.MatchString(a.Key) {
			continue
		}
		if _, ok := parseMachineDate(a.Val); ok {
			return a.Key, a.Val
		}
	}
	return "", ""
}

// timeKeyRe matches the names of data-* attributes that hold a time.
var timeKeyRe = regexp.MustCompile(`date|time|publish|created|modified|updated`)

// elsewhere reports whether the element n holds what others wrote or
// other stories: comments, related or recommended stories, navigation.
func elsewhere(n *html.Node, cc classes) bool {
	switch n.DataAtom {
	case atom.Nav:
		return true
	case atom.Body, atom.Html, atom.Article, atom.Main:
		return false
	}
	return cc.of(n)&cfElsewhere != 0
}

// maxHeadings bounds the other headings kept per page.
const maxHeadings = 8

// addHeading keeps the text of the heading n, unless it is a link: a
// list of stories prints their headlines as links, the page's own among
// them.
func (m *pageMeta) addHeading(n *html.Node) {
	if len(m.headings) >= maxHeadings {
		return
	}
	if holdsLink(n, 3) {
		m.addLinkedHead(n)
		return
	}
	if t := text(n); t != "" && len(t) < 400 {
		m.headings = append(m.headings, heading{text: t, node: n, marked: strings.EqualFold(attr(n, "itemprop"), "headline"), titled: headlineClass(n)})
	}
}

// addLinkedHead keeps the heading n, a link, when it is one link and no
// more (an <h2> or <h3> post title).
func (m *pageMeta) addLinkedHead(n *html.Node) {
	if a := onlyLink(n, 3); a != nil && len(m.linkedHeads) < maxHeadings {
		if t := text(n); t != "" && len(t) < 400 {
			m.linkedHeads = append(m.linkedHeads, linkedHead{heading{text: t, node: n}, strings.TrimSpace(attr(a, "href"))})
		}
	}
}

// linkedHead is a heading that is one link, and the link's address.
type linkedHead struct {
	heading
	href string
}

// onlyLink returns the one link under n, at most depth levels down, when
// n holds one link and no text outside it; or nil.
func onlyLink(n *html.Node, depth int) *html.Node {
	var link *html.Node
	ok := true
	var walk func(c *html.Node, d int)
	walk = func(c *html.Node, d int) {
		for ; c != nil && ok; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				if strings.TrimSpace(c.Data) != "" {
					ok = false
				}
			case c.Type != html.ElementNode:
			case c.DataAtom == atom.A:
				if link != nil {
					ok = false
				}
				link = c
			case d < depth:
				walk(c.FirstChild, d+1)
			}
		}
	}
	walk(n.FirstChild, 0)
	if !ok {
		return nil
	}
	return link
}

// selfHeading returns the heading that is a link to the page itself
// (its address or its canonical one, same path) and whose text is t.
func (m *pageMeta) selfHeading(nt string) (heading, bool) {
	for _, h := range m.linkedHeads {
		if normTitle(h.text) == nt && m.isPage(h.href) {
			return h.heading, true
		}
	}
	return heading{}, false
}

// isPage reports whether the address href (relative to the page) is the
// page's own: the same host and path as its address or canonical one.
func (m *pageMeta) isPage(href string) bool {
	if m.pageURL == nil || href == "" {
		return false
	}
	u, err := url.Parse(resolve(m.pageURL, href))
	if err != nil || u.Host == "" {
		return false
	}
	same := func(p *url.URL) bool {
		return p != nil && strings.EqualFold(strings.TrimPrefix(p.Host, "www."), strings.TrimPrefix(u.Host, "www.")) &&
			strings.TrimSuffix(p.Path, "/") == strings.TrimSuffix(u.Path, "/") && strings.Trim(u.Path, "/") != ""
	}
	if same(m.pageURL) {
		return true
	}
	c, err := url.Parse(resolve(m.pageURL, m.canonical))
	return err == nil && same(c)
}

// heading is one of a page's other headings: all its text, its element,
// whether it is marked as the headline (itemprop="headline") and whether
// its class names it a title or headline ("entry-title").
type heading struct {
	text           string
	node           *html.Node
	marked, titled bool
}

// holdsLink reports whether a link to another page lies under n, at most
// depth levels down: a link with no address or to a fragment (<a href="">
// around a story's own headline) leads nowhere else.
func holdsLink(n *html.Node, depth int) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.A && !selfLink(c) || depth > 0 && holdsLink(c, depth-1)) {
			return true
		}
	}
	return false
}

// selfLink reports whether the link a leads to the page itself: no
// address, or a fragment of it.
func selfLink(a *html.Node) bool {
	href := strings.TrimSpace(attr(a, "href"))
	return href == "" || href[0] == '#'
}

// maxLinkLevels is how far above a heading a link around it is looked
// for.
const maxLinkLevels = 3

// inLink reports whether n lies inside a link to another page, at most
// maxLinkLevels up.
func inLink(n *html.Node) bool {
	p := n.Parent
	for i := 0; p != nil && i < maxLinkLevels; i, p = i+1, p.Parent {
		if p.DataAtom == atom.A {
			return !selfLink(p)
		}
	}
	return false
}

// linkedH1 reports whether the <h1> whose text is t lies inside a link to
// another page.
func (m *pageMeta) linkedH1(t string) bool {
	for i, h := range m.h1 {
		if h == t {
			return i < len(m.h1Linked) && m.h1Linked[i]
		}
	}
	return false
}

// hasH1 reports whether the page's headings already hold t (pages repeat
// the headline for small screens).
func (m *pageMeta) hasH1(t string) bool {
	for _, h := range m.h1 {
		if h == t {
			return true
		}
	}
	return false
}

// maxHiddenProse bounds the hidden text counted on a page.
const maxHiddenProse = 4000

// Captions counted: up to maxCaptions, of minCaptionChars or more.
const (
	maxCaptions     = 64
	minCaptionChars = 40
)

// signals returns what the page says about its story.
func (m *pageMeta) signals() pageSignals {
	return pageSignals{
		description: m.meta("og:description", "description", "twitter:description"),
		ldBody:      m.ldArticleBody,
		captions:    m.captions,
		hidden:      m.hiddenProse,
	}
}

// addH1Dates records the short texts of elements inside the headline h
// that hold a date.
func (m *pageMeta) addH1Dates(h *html.Node, depth int) {
	for c := h.FirstChild; c != nil && depth < 3; c = c.NextSibling {
		if c.Type != html.ElementNode || len(m.h1Dates) >= maxHints {
			continue
		}
		if t := text(c); len(t) < 60 && strings.ContainsAny(t, "0123456789") {
			m.h1Dates = append(m.h1Dates, t)
		} else if len(t) >= 60 {
			m.addH1Dates(c, depth+1)
		}
	}
}

// addText keeps body text around the first <h1>s and labelled dates;
// the text of a caption or of what other stories and readers print
// (skip) is no date line of the story's.
func (m *pageMeta) addText(n *html.Node, skip bool) {
	s := n.Data
	if len(s) < 120 && len(m.labeled) < maxHints && n.Parent != nil && isDateLabel(s) && !todayDate(n.Parent, s) {
		// A label word inside a link is a word of another story's
		// headline ("<a>X 发布：…</a> 2026.09.18" in a list of more
		// news): the date beside the link is that story's.
		link := n.Parent.DataAtom == atom.A
		if t := text(n.Parent); len(t) < maxHintChars {
			if !strings.ContainsAny(t, "0123456789") && !link {
				// The label alone; the date in the next element
				// (<dt>Published</dt><dd>May 17, 2023</dd>).
				if next := nextElement(n.Parent); next != nil {
					if d := text(next); len(d) < maxHintChars {
						t += " " + d
					}
				}
			}
			m.labeled = append(m.labeled, t)
		}
		if p := n.Parent.Parent; p != nil && len(m.labeled) < maxHints && !link {
			if t := text(p); len(t) < maxHintChars {
				m.labeled = append(m.labeled, t)
			}
		}
	}
	if skip {
		return
	}
	if len(m.afterH1) == 0 {
		appendCollapsed(&m.beforeH1, s)
		if m.beforeH1.Len() > 4*beforeH1Chars {
			tail := m.beforeH1.String()[m.beforeH1.Len()-beforeH1Chars:]
			m.beforeH1.Reset()
			m.beforeH1.WriteString(tail)
		}
		appendSpace(&m.beforeH1)
		return
	}
	for _, b := range m.afterH1 {
		if b.Len() < afterH1Chars {
			appendCollapsed(b, s)
			appendSpace(b)
		}
	}
}

// todayClassRe and todayTextRe are what names the date a page prints as
// the reader's today, not the story's: a class or id ("current-time",
// "today"), or words before the date ("Today is", "Aktuelles Datum").
var (
	todayClassRe = mustStem(`(?i)current[-_]?(?:time|date)|\btoday\b`, "current", "today")
	todayTextRe  = mustStem(`(?i)current (?:time|date)|today is|aktuelle[sr]? (?:datum|zeit)|heute ist`, "current ", "today is", "aktuelle", "heute ist")
)

// todayDate reports whether the element n, with text t, prints today's
// date.
func todayDate(n *html.Node, t string) bool {
	return todayClassRe.MatchString(attr(n, "class")+" "+attr(n, "id")) || todayTextRe.MatchString(t)
}

// mastheadDate reports whether the date element n lies in the site's
// masthead: the nearest <header> around it links to the site's home page
// (its logo), holds no story heading (see storyHeading: a story's header,
// with its headline and byline, may link home too), and no <article> or
// <main> holds it. A date there is the reader's today.
func (m *pageMeta) mastheadDate(n *html.Node) bool {
	var header *html.Node
	for p := n.Parent; p != nil && p.Type == html.ElementNode; p = p.Parent {
		switch p.DataAtom {
		case atom.Article, atom.Main:
			return false
		case atom.Header:
			if header == nil {
				header = p
			}
		}
	}
	if header == nil {
		return false
	}
	home, story := m.headerLinks(header)
	return home && !story
}

// headerLinks reports whether n holds a link to the site's home page,
// and whether it holds a story heading.
func (m *pageMeta) headerLinks(n *html.Node) (home, story bool) {
	for c := n.FirstChild; c != nil && !story; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if m.storyHeading(c) {
			return home, true
		}
		if c.DataAtom == atom.A && homeLink(attr(c, "href")) {
			home = true
		}
		ch, cs := m.headerLinks(c)
		home, story = home || ch, cs
	}
	return home, story
}

// storyHeading reports whether n is a story's headline: an <h1>, or
// another heading whose text is the bulk of the page's title (a site's
// name in a logo heading is its smaller part).
func (m *pageMeta) storyHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1:
		return true
	case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
	default:
		return false
	}
	h := collapse(text(n))
	if h == "" {
		return false
	}
	for _, t := range [...]string{m.docTitle, m.metas["og:title"]} {
		if strings.Contains(t, h) && 2*len(h) > len(t) {
			return true
		}
	}
	return false
}

// nextElement returns the element after n among its siblings, or nil.
func nextElement(n *html.Node) *html.Node {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode {
			return s
		}
	}
	return nil
}

// Limits of relatedDate's look around a date.
const (
	// relatedLevels is how many ancestors of a date are looked at.
	relatedLevels = 3
	// storyRegionChars is the text of an ancestor that shows the date is
	// in the story's region rather than in an item of a list.
	storyRegionChars = 300
	// minTeaserWords is the least a link's text has to read as another
	// story's headline.
	minTeaserWords = 4
)

// relatedDate reports whether the date element n belongs to another story
// than the page's: it sits in the page's furniture (navigation, an aside,
// a footer, a related-stories box), or next to a link that reads as a
// headline, as a list of stories prints their dates (an <article> of
// its own for each card too: the story's <article> has its text).
func relatedDate(n *html.Node, cc classes) bool {
	// The walk stops below <body>: its classes name the reader's state
	// ("logged-out subType-unsubscribed", "modal-open"), not furniture.
	for p := n.Parent; p != nil && !isElem(p, atom.Body); p = p.Parent {
		if p.Type == html.ElementNode && (p.DataAtom == atom.Nav || p.DataAtom == atom.Aside || p.DataAtom == atom.Footer || cc.of(p)&cfStrong != 0) {
			return true
		}
	}
	level := 0
	for p := n.Parent; p != nil && p.Type == html.ElementNode && level < relatedLevels; p, level = p.Parent, level+1 {
		if p.DataAtom == atom.Body || p.DataAtom == atom.Main || textChars(p, storyRegionChars, 0) >= storyRegionChars {
			return false
		}
		if teaserLink(p, n, 0) {
			return true
		}
	}
	return false
}

// teaserLink reports whether a link that reads as a headline, other than
// one around date, lies under n.
func teaserLink(n, date *html.Node, depth int) bool {
	for c := n.FirstChild; c != nil && depth < 4; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.A && !related(c, date) && words(text(c)) >= minTeaserWords || teaserLink(c, date, depth+1) {
			return true
		}
	}
	return false
}

// attrOK returns n's attribute key and whether n has it.
func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// textOf returns the raw text of n's text children.
func textOf(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

func (m *pageMeta) addMeta(n *html.Node) {
	content := strings.TrimSpace(attr(n, "content"))
	if content == "" {
		return
	}
	for _, k := range [...]string{"property", "name", "itemprop", "http-equiv"} {
		if key := strings.ToLower(strings.TrimSpace(attr(n, k))); key != "" {
			v := content
			if textMetaKey(key) && leftEntityRe.MatchString(v) {
				// Escaped twice by the content system ("&amp;#039;"),
				// read once by the parser: the entity is still there.
				v = html.UnescapeString(v)
			}
			if k == "name" && key == "author" && len(m.metaAuthors) < maxHints {
				m.metaAuthors = append(m.metaAuthors, v)
			}
			if _, ok := m.metas[key]; !ok {
				m.metas[key] = v
			}
		}
	}
}

// leftEntityRe matches a whole character reference ("&#039;", "&quot;"),
// with its closing ';', as a text escaped twice keeps after parsing; a
// URL's "&section=" is none.
var leftEntityRe = regexp.MustCompile(`&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});`)

// textMetaKey reports whether the meta key (og:title, twitter:description,
// og:site_name, author) names a text, which a content system may escape
// twice, rather than a URL (og:url, og:image, article:author, which may
// be a profile's address) or a date, whose '&' is the data's own.
func textMetaKey(key string) bool {
	if key == "author" {
		return true
	}
	if i := strings.LastIndexAny(key, ":."); i >= 0 {
		key = key[i+1:]
	}
	switch key {
	case "title", "description", "site_name":
		return true
	}
	return false
}

func (m *pageMeta) addItemprop(n *html.Node, prop string, aside bool) {
	switch prop {
	case "datePublished", "dateCreated", "dateModified", "uploadDate":
		if len(m.times) >= maxHints {
			return
		}
		v := attr(n, "content")
		if v == "" {
			v = attr(n, "datetime")
		}
		if v == "" && n.DataAtom == atom.Abbr {
			v = attr(n, "title") // <abbr title="2017-09-09T10:52:00+02:00">10:52</abbr>
		}
		if v == "" {
			v = text(n)
		}
		m.times = append(m.times, dateHint{value: v, published: prop != "dateModified", modified: prop == "dateModified"})
	case "author", "creator":
		m.addAuthorText(n, aside)
	}
}

// addAuthorText records the text of the author element n: the article's,
// or, aside, a commenter's or another story's.
func (m *pageMeta) addAuthorText(n *html.Node, aside bool) {
	if n.DataAtom == atom.Label || formField(n) {
		// A comment form's name field ("Name (required)"), not a name.
		return
	}
	list := &m.authorTexts
	switch {
	case aside:
		list = &m.otherAuthors
	case relatedDate(n, m.cc):
		list = &m.teaserAuthors
	}
	if len(*list) < maxHints {
		t := text(n)
		if names := shortestNames(profileLinks(n, 0, nil)); len(names) > 0 {
			// The names the element links to the writers' pages, not its
			// "Follow on Twitter", "More from …" or the writer's title.
			t = strings.Join(names, ", ")
		}
		if t != "" && len(t) < maxHintChars {
			*list = append(*list, t)
		}
	}
}

// formField reports whether n is a form's field with its label (<p
// class="comment-form-author"><label>Name *</label><input></p>): a
// <label> is among its children.
func formField(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Label {
			return true
		}
	}
	return false
}

// shortestNames drops from names those that hold another of them ("More
// by Ann Lee" beside "Ann Lee"): a link's label around the name.
func shortestNames(names []string) []string {
	out := names[:0:0]
	for _, a := range names {
		held := false
		for _, b := range names {
			if a != b && strings.Contains(a, b) {
				held = true
				break
			}
		}
		if !held {
			out = append(out, a)
		}
	}
	return out
}

// profilePathRe matches the path of a writer's page on a news site.
var profilePathRe = regexp.MustCompile(`(?i)/(?:authors?|people|profiles?|by|staff|writers?|contributors?|journalists?|reporters?|autor(?:en|in)?|auteurs?|redakteure?|columnists?)/[^/?#]`)

// maxProfileLinks bounds the links to writers' pages read in one author
// element.
const maxProfileLinks = 5

// profileLinks returns the texts of the links under n (n included) to
// writers' pages, in order.
func profileLinks(n *html.Node, depth int, out []string) []string {
	if depth > maxDepth || len(out) >= maxProfileLinks {
		return out
	}
	if n.Type == html.ElementNode && n.DataAtom == atom.A {
		if profilePathRe.MatchString(attr(n, "href")) {
			if t := collapse(text(n)); t != "" && !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
		return out
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = profileLinks(c, depth+1, out)
	}
	return out
}

// addHints records the text of a small element whose class or id names a
// date or an author; aside, in comments or related stories, only the
// author, as a last resort.
func (m *pageMeta) addHints(n *html.Node, aside bool) {
	f := m.cc.of(n)
	rel := attr(n, "rel")
	if f == 0 && rel == "" {
		return
	}
	if strings.EqualFold(rel, "author") || f&cfAuthor != 0 {
		m.addAuthorText(n, aside)
	}
	if !aside && len(m.dateTexts) < maxHints && f&cfDate != 0 {
		if t := text(n); t != "" && len(t) < maxHintChars && !todayDate(n, t) && !m.mastheadDate(n) {
			if _, ok := textDate(t, true); !ok {
				if k, v := dataDate(n); v != "" && n.DataAtom != atom.Time && len(m.times) < maxHints {
					// "2 days ago", the instant in data-timestamp: read
					// as a <time> that keeps it there.
					ci := strings.ToLower(attr(n, "class") + " " + attr(n, "id") + " " + k)
					mod := strings.Contains(ci, "modified") || strings.Contains(ci, "updated")
					m.times = append(m.times, dateHint{value: v, printed: t, published: strings.Contains(ci, "publish") && !mod, modified: mod, related: relatedDate(n, m.cc)})
				}
				// A date badge prints its parts in elements of their own
				// ("<span>Feb</span><span>18</span><span>2009</span>").
				t = spacedText(n)
			}
			m.dateTexts = append(m.dateTexts, t)
		}
	}
}

// addJSONLD decodes one JSON-LD script and keeps its schema.org objects.
func (m *pageMeta) addJSONLD(s string) {
	s = unwrapCDATA(s)
	var v any
	if err := json.Unmarshal([]byte(s), &v); err == nil {
		m.ldWalk(v, 0)
		return
	}
	// Broken JSON-LD is common; read what a lenient reading recovers,
	// and the other sources remain.
	for _, v := range lenientJSON(s) {
		m.ldWalk(v, 0)
	}
}

// maxLenientValues bounds the values read from one broken script.
const maxLenientValues = 8

// lenientJSON reads the JSON values of a script that strict decoding
// rejects for the slips content systems make in JSON-LD: a stray brace or
// a second object after the first, raw line breaks and tabs inside
// strings, a comma before a closing bracket. It returns the values read
// before the first error.
func lenientJSON(s string) []any {
	dec := json.NewDecoder(strings.NewReader(repairJSON(s)))
	var out []any
	for len(out) < maxLenientValues {
		var v any
		if err := dec.Decode(&v); err != nil {
			break
		}
		out = append(out, v)
	}
	return out
}

// repairJSON escapes control characters inside strings and drops commas
// right before a closing bracket or brace; the rest of s is kept as is.
func repairJSON(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 16)
	in, esc := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case in && esc:
			esc = false
		case in && c == '\\':
			esc = true
		case in && c == '"':
			in = false
		case in && c < 0x20:
			switch c {
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case '\t':
				b.WriteString(`\t`)
			default:
				b.WriteByte(' ')
			}
			continue
		case c == '"':
			in = true
		case !in && c == ',':
			j := i + 1
			for j < len(s) && (s[j] == ' ' || s[j] == '\n' || s[j] == '\r' || s[j] == '\t') {
				j++
			}
			if j < len(s) && (s[j] == '}' || s[j] == ']') {
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// unwrapCDATA returns the script s without the CDATA section some
// publishing plugins wrap JSON-LD in ("<![CDATA[ [{…}] ]]>", also behind
// "//" or "/* */" comment marks): in HTML a script's text is raw, so the
// wrapper is left in it and would make the JSON unreadable.
func unwrapCDATA(s string) string {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "<![CDATA[") {
		return s
	}
	_, s, _ = strings.Cut(s, "<![CDATA[")
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "*/"))
	if i := strings.LastIndex(s, "]]>"); i >= 0 {
		s = strings.TrimSpace(s[:i])
		s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(s, "//"), "/*"))
	}
	return s
}

func (m *pageMeta) ldWalk(v any, depth int) {
	if depth > 6 || len(m.jsonld) >= 4*maxJSONLD {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			m.ldWalk(e, depth+1)
		}
	case map[string]any:
		if g, ok := x["@graph"]; ok {
			m.ldWalk(g, depth+1)
		}
		if _, ok := x["@type"]; !ok {
			return
		}
		if navigationLD(x["@type"]) {
			return
		}
		o := ldObject{
			types:         ldStrings(x["@type"]),
			headline:      ldString(x["headline"]),
			name:          ldString(x["name"]),
			datePublished: ldString(x["datePublished"]),
			dateModified:  ldString(x["dateModified"]),
			dateCreated:   ldString(x["dateCreated"]),
			uploadDate:    ldString(x["uploadDate"]),
			authors:       ldNames(x["author"]),
			authorIDs:     ldIDs(x["author"]),
			publisher:     firstOf(ldNames(x["publisher"])),
			image:         ldURL(x["image"]),
			language:      ldString(x["inLanguage"]),
			articleBody:   ldString(x["articleBody"]),
			url:           firstNonEmpty(ldString(x["url"]), ldString(x["mainEntityOfPage"]), ldID(x["mainEntityOfPage"]), ldString(x["@id"])),
		}
		m.jsonld = append(m.jsonld, o)
		if id := ldString(x["@id"]); id != "" && o.name != "" && len(m.ldNames) < 4*maxJSONLD {
			if m.ldNames == nil {
				m.ldNames = make(map[string]string)
			}
			m.ldNames[id] = o.name
		}
		if len(o.articleBody) > len(m.ldArticleBody) {
			m.ldArticleBody = o.articleBody
		}
		m.addBio(x)
		if a, ok := x["author"].(map[string]any); ok {
			m.addBio(a)
		} else if as, ok := x["author"].([]any); ok {
			for _, e := range as {
				if a, ok := e.(map[string]any); ok {
					m.addBio(a)
				}
			}
		}
		if mp, ok := x["mainEntity"]; ok {
			m.ldWalk(mp, depth+1)
		}
	}
}

// maxBios bounds the persons' bios kept from a page's JSON-LD.
const maxBios = 8

// addBio keeps the description of x when x is a person.
func (m *pageMeta) addBio(x map[string]any) {
	if len(m.bios) >= maxBios {
		return
	}
	for _, t := range ldStrings(x["@type"]) {
		if strings.EqualFold(t, "Person") {
			if d, n := ldString(x["description"]), ldString(x["name"]); d != "" && n != "" {
				m.bios = append(m.bios, [2]string{n, wordsOf(d)})
			}
			return
		}
	}
}

// authorBios returns the bios of those of the JSON-LD persons who are
// among authors; a person the story is about is not its writer.
func (m *pageMeta) authorBios(authors []string) []string {
	var out []string
	for _, b := range m.bios {
		for _, a := range authors {
			if strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b[0])) {
				out = append(out, b[1])
				break
			}
		}
	}
	return out
}

// wordsOf returns s's words, lower-cased and joined by single spaces, to
// compare texts whatever their punctuation and quotes.
func wordsOf(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// navigationTypes are the schema.org types of a page's menus and
// breadcrumb trails: a site prints dozens of them, none with a field the
// metadata reads, and kept they would crowd out the article.
var navigationTypes = map[string]bool{
	"sitenavigationelement": true, "breadcrumblist": true, "listitem": true, "searchaction": true, "entrypoint": true,
}

// navigationLD reports whether a JSON-LD @type value names only
// navigation types.
func navigationLD(v any) bool {
	ts := ldStrings(v)
	for _, t := range ts {
		if !navigationTypes[strings.ToLower(t)] {
			return false
		}
	}
	return len(ts) > 0
}

func firstOf(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// ldString returns v as a trimmed string when it is one (or a list
// starting with one).
func ldString(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(html.UnescapeString(x))
	case []any:
		if len(x) > 0 {
			return ldString(x[0])
		}
	case map[string]any:
		if s := ldString(x["@value"]); s != "" {
			return s
		}
	}
	return ""
}

func ldStrings(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// ldNames returns the names of a JSON-LD person or organisation value: a
// string, an object with "name", or a list of them.
func ldNames(v any) []string {
	switch x := v.(type) {
	case string:
		if s := strings.TrimSpace(x); s != "" && !strings.Contains(s, "://") {
			return []string{s}
		}
	case map[string]any:
		if s := ldString(x["name"]); s != "" {
			return []string{s}
		}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, ldNames(e)...)
		}
		return out
	}
	return nil
}

// ldIDs returns the @ids of a JSON-LD person value given by reference
// only: an object with "@id" and no "name", or a list of them.
func ldIDs(v any) []string {
	switch x := v.(type) {
	case map[string]any:
		if ldString(x["name"]) == "" {
			if id := ldString(x["@id"]); id != "" {
				return []string{id}
			}
		}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, ldIDs(e)...)
		}
		return out
	}
	return nil
}

// ldAuthors returns the names of o's authors, those given by reference
// looked up among the page's JSON-LD objects.
func (m *pageMeta) ldAuthors(o ldObject) []string {
	names := o.authors
	for _, id := range o.authorIDs {
		if n := m.ldNames[id]; n != "" {
			names = append(names, n)
		}
	}
	return names
}

// ldURL returns the URL of a JSON-LD image value.
func ldURL(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case map[string]any:
		return ldString(x["url"])
	case []any:
		if len(x) > 0 {
			return ldURL(x[0])
		}
	}
	return ""
}

// articleTypes are the schema.org types of a news article or post.
var articleTypes = map[string]bool{
	"article": true, "newsarticle": true, "blogposting": true, "reportagenewsarticle": true,
	"analysisnewsarticle": true, "opinionnewsarticle": true, "reviewnewsarticle": true,
	"backgroundnewsarticle": true, "liveblogposting": true, "techarticle": true,
	"scholarlyarticle": true, "socialmediaposting": true, "report": true, "posting": true,
	"review": true, "creativework": true, "medicalwebpage": false,
}

// ldID returns the @id of a JSON-LD object value.
func ldID(v any) string {
	if x, ok := v.(map[string]any); ok {
		return ldString(x["@id"])
	}
	return ""
}

// ldArticle returns the page's JSON-LD article object, or a zero one.
// Pages list related stories as articles too, each with its own date: of
// several, the one whose URL is the page's, or whose headline is the
// page's title, is the page's own.
func (m *pageMeta) ldArticle() ldObject {
	best, bestScore := -1, -1
	for i, o := range m.jsonld {
		if !isArticle(o) {
			continue
		}
		if sc := m.ownArticle(o); sc > bestScore {
			best, bestScore = i, sc
		}
	}
	if best < 0 {
		return ldObject{}
	}
	return m.jsonld[best]
}

// ownArticle scores how surely o is the page's own article: 2 for the
// page's URL, 1 for the page's title.
func (m *pageMeta) ownArticle(o ldObject) int {
	sc := 0
	if m.pageURL != nil && o.url != "" {
		if ou, err := url.Parse(o.url); err == nil && strings.TrimSuffix(ou.Path, "/") == strings.TrimSuffix(m.pageURL.Path, "/") && ou.Path != "" && ou.Path != "/" {
			sc += 2
		}
	}
	if h := normTitle(o.headline); h != "" {
		for _, t := range append([]string{m.meta("og:title", "twitter:title"), m.docTitle}, m.h1...) {
			if nt := normTitle(t); nt != "" && (nt == h || strings.Contains(nt, h)) {
				sc++
				break
			}
		}
	}
	return sc
}

// isArticle reports whether o is of a schema.org article type.
func isArticle(o ldObject) bool {
	for _, t := range o.types {
		if articleTypes[strings.ToLower(t)] {
			return true
		}
	}
	return false
}

// ldAny returns the first JSON-LD object that gives a publication date,
// whatever its type (WebPage, HowTo, Product), or a zero one.
func (m *pageMeta) ldAny() ldObject {
	for _, o := range m.jsonld {
		if o.datePublished != "" {
			return o
		}
	}
	return ldObject{}
}

// ldOfType returns the first JSON-LD object of one of types.
func (m *pageMeta) ldOfType(types ...string) ldObject {
	for _, o := range m.jsonld {
		for _, t := range o.types {
			for _, want := range types {
				if strings.EqualFold(t, want) {
					return o
				}
			}
		}
	}
	return ldObject{}
}

// meta returns the first non-empty of the named meta contents.
func (m *pageMeta) meta(keys ...string) string {
	for _, k := range keys {
		if v := m.metas[k]; v != "" {
			return v
		}
	}
	return ""
}

// metaAll returns the non-empty meta contents of keys, in keys' order: a
// page's first date field may hold what no parser reads ("{{date}}",
// "Tuesday") while a later one holds the date.
func (m *pageMeta) metaAll(keys ...string) []string {
	var vals []string
	for _, k := range keys {
		if v := m.metas[k]; v != "" {
			vals = append(vals, v)
		}
	}
	return vals
}

// resolve returns ref resolved against base, when it makes an http(s) URL.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return ""
	}
	return u.String()
}
