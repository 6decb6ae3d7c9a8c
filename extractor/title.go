package extractor

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/publicsuffix"
)

// titleSeparators split a page title into headline and site name, the
// strongest first.
var titleSeparators = []string{" | ", " || ", " – ", " — ", " - ", " :: ", " « ", " » ", " · ", " • ", " ~ ", " -- ", "｜", " ｜ ", " │ "}

// spacedColon parts a headline from the site's name after it in some
// titles ("Headline : NPR"); see strip.
const spacedColon = " : "

// titleDashes are the separators that also stand inside headlines ("GLM-5
// – the open model"): a title split at one is never cut to its longest
// part.
var titleDashes = []string{" - ", " – ", " — "}

// affixSeparators are the characters that part a known site name from the
// headline it is printed after; before a headline, a colon or comma after
// the name is the headline's own ("Heise Online: KI-Modell vorgestellt").
// A guillemet is a separator only where no quotation mark stands: French
// quotes open with "« " and close with " »", German ones hug the text
// (»…«), so a "»" may end a site name before the headline and a "«" start
// one after it, but a headline's own "»" ends it ("« … » | Site").
const (
	affixSeparators  = "|-–—:·•«~/｜│_,"
	prefixSeparators = "|-–—·•»~/｜│_"
)

// site is what names a site in its page titles: its name (og:site_name,
// the JSON-LD publisher), the texts of its logo headings, and its address.
type site struct {
	name  string   // normalised (normTitle) site name
	logos []string // normalised logo headings
	raw   []string // the name and logo texts as printed, for stripping
	host  string   // normalised host name without "www."
	label string   // normalised registrable label ("nytimes", "myoos")
}

// newSite returns the site of a page at u named name, with logo headings
// logos. A page inside a web archive is the archived site's.
func newSite(name string, logos []string, u *url.URL) site {
	s := site{name: normTitle(name)}
	if name = collapse(name); name != "" {
		s.raw = append(s.raw, name)
	}
	for _, l := range logos {
		if nl := normTitle(l); len(nl) >= 3 {
			s.logos = append(s.logos, nl)
			s.raw = append(s.raw, collapse(l))
		}
	}
	u = archived(u)
	if u == nil {
		return s
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	s.host = normTitle(host)
	if d, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		host = d
	}
	label, _, _ := strings.Cut(host, ".")
	s.label = normTitle(label)
	return s
}

// archived returns the page an archive's address holds
// (https://web.archive.org/web/2016…/http://dimido.de/x is dimido.de's),
// or u itself.
func archived(u *url.URL) *url.URL {
	if u == nil {
		return nil
	}
	i := strings.Index(u.Path, "://")
	if i < 0 {
		return u
	}
	start := strings.LastIndexByte(u.Path[:i], '/') + 1
	if inner, err := url.Parse(u.Path[start:]); err == nil && inner.Host != "" {
		return inner
	}
	return u
}

// isName reports whether part of a title names the site rather than the
// article: the site's name or logo, its host, or a short phrase starting
// with its registrable label ("MyOOS Community Forum" on foren.myoos.de)
// or holding its name ("CNN Business" on CNN) or its label ("The Boston
// Globe" on bostonglobe.com). A title's parts are set apart by
// separators, so a short part holding the name is the name.
func (s site) isName(part string) bool {
	if s.names(part) || words(part) <= maxNameWords && abbreviates(s.label, part) {
		return true
	}
	np := normTitle(part)
	if n := words(part); n > maxNameWords || len(np) < 3 {
		return false
	} else if n > 3 {
		// A longer part names the site by its address's whole label
		// ("European Championships Munich 2022" on munich2022.com),
		// unless a separator parts it in turn: it is then a headline
		// and the site's name ("Opinion | Headline - The Site").
		return len(s.label) >= minInnerLabel && strings.Contains(np, s.label) && !hasSeparator(part)
	}
	return len(s.name) >= 3 && strings.Contains(np, s.name) || len(s.label) >= 3 && strings.HasPrefix(np, s.label) ||
		len(s.label) >= minInnerLabel && strings.Contains(np, s.label)
}

// abbreviates reports whether the registrable label of a site's address
// is the name part written short: the initials of its first words and
// the rest whole ("latimes" for "Los Angeles Times", "nydailynews" for
// "New York Daily News", "ajc" for "The Atlanta Journal-Constitution"), a
// leading "The" left out.
func abbreviates(label, part string) bool {
	ws := strings.FieldsFunc(strings.ToLower(part), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(ws) > 0 && ws[0] == "the" {
		ws = ws[1:]
	}
	if len(ws) < 2 || len(label) < 3 {
		return false
	}
	var initials strings.Builder
	for k, w := range ws {
		r, _ := utf8.DecodeRuneInString(w)
		initials.WriteRune(r)
		if initials.String()+strings.Join(ws[k+1:], "") == label {
			return true
		}
	}
	return false
}

// hasSeparator reports whether t holds one of titleSeparators.
func hasSeparator(t string) bool {
	for _, sep := range titleSeparators {
		if strings.Contains(t, sep) {
			return true
		}
	}
	return false
}

// maxNameWords is the most words of a title's part that names the site.
const maxNameWords = 5

// minInnerLabel is the least length of a registrable label found inside a
// title's part rather than at its start ("The Boston Globe" on
// bostonglobe.com): long enough not to be a common word by chance.
const minInnerLabel = 6

// names reports whether the text t is the site's name, logo or host, or
// a slight variant of one ("The Verge" for "Verge").
func (s site) names(t string) bool {
	nt := normTitle(t)
	if nt == "" {
		return true
	}
	if s.name != "" && (nt == s.name || strings.Contains(s.name, nt) || strings.Contains(nt, s.name) && len(nt) < len(s.name)+8) {
		return true
	}
	for _, l := range s.logos {
		if nt == l || strings.Contains(nt, l) && len(nt) < len(l)+8 {
			return true
		}
	}
	return s.host != "" && len(nt) >= 3 && strings.Contains(s.host, nt)
}

// isHeading reports whether the heading h names the site: it is the site's
// name, or starts with it or with the site's label ("ProNATs e.V. Verein
// zur Unterstützung …" on pronats.de).
func (s site) isHeading(h string) bool {
	if s.names(h) {
		return true
	}
	nh := normTitle(h)
	return len(s.name) >= 4 && strings.HasPrefix(nh, s.name) || len(s.label) >= 4 && strings.HasPrefix(nh, s.label)
}

// titlePart returns the part of the title t that names the site, or ""
// when t has no separator or no part is recognised.
func (s site) titlePart(t string) string {
	t = collapse(t)
	for _, sep := range titleSeparators {
		parts := strings.Split(t, sep)
		if len(parts) < 2 {
			continue
		}
		first, last := parts[0], parts[len(parts)-1]
		switch {
		case s.isName(last):
			return last
		case s.isName(first):
			return first
		}
		return ""
	}
	return ""
}

// strip removes the site's name ("… | The Site", "Site: …") and section
// names ("Headline | Forum | Site") from a title.
func (s site) strip(t string) string {
	whole := collapse(t)
	t = s.stripAffix(whole)
	if t == "" {
		return ""
	}
	if i := strings.LastIndex(t, spacedColon); i > 0 && words(t[:i]) >= 2 && s.isName(t[i+len(spacedColon):]) {
		// "Headline : NPR": a spaced colon is no separator of
		// titles (French headlines hold one, "Covid : …"), but before
		// the site's name it is one.
		t = strings.TrimSpace(t[:i])
	}
	// A title names its site once: with the name cut before the headline
	// ("gipfelbuch.ch - Outdoornews - … auf Gipfelbuch.ch"), a last part
	// that only holds it is the headline's.
	front := !strings.HasPrefix(whole, t)
	for _, sep := range titleSeparators {
		if !strings.Contains(t, sep) {
			continue
		}
		parts := strings.Split(t, sep)
		switch {
		case front && s.names(parts[len(parts)-1]) || !front && s.isName(parts[len(parts)-1]):
			parts = parts[:len(parts)-1]
		case s.isName(parts[0]):
			parts = parts[1:]
			front = true
		case front && len(parts) > 1 && sectionName(parts[0]) && !sectionName(parts[1]):
			// "Site - Section - Headline": the section's name after the
			// site's, before a headline.
			parts = parts[1:]
		case len(parts) > 1 && datePart(parts[len(parts)-1]):
			// "Headline - January 23, 2022": the date is the page's.
			return s.strip(strings.Join(parts[:len(parts)-1], sep))
		case len(parts) > 1 && datePart(parts[0]):
			return s.strip(strings.Join(parts[1:], sep))
		case slices.Contains(titleDashes, sep):
			return t
		}
		if len(parts) > 1 && !slices.Contains(titleDashes, sep) {
			// "Headline | Section": the longest part is the headline,
			// which may still end in the site's name after a weaker
			// separator ("Opinion | Headline - WSJ").
			return s.strip(strings.TrimSpace(longest(parts)))
		}
		for cut := len(parts) < strings.Count(t, sep)+1; cut && len(parts) > 1 && sectionName(parts[len(parts)-1]); {
			// "Headline - Section - Site", "Site - Headline - Section -
			// Subsection": the names of sections left beside the
			// headline once the site's is cut.
			parts = parts[:len(parts)-1]
		}
		return s.stripAffix(strings.TrimSpace(strings.Join(parts, sep)))
	}
	return stripUnspacedName(t)
}

// rangeEnd reports whether the part p of a title starts (or, with last,
// ends) with a number, a dot after it allowed.
func rangeEnd(p string, last bool) bool {
	p = strings.TrimSpace(p)
	if last {
		p = strings.TrimSuffix(p, ".")
		r, _ := utf8.DecodeLastRuneInString(p)
		return unicode.IsDigit(r)
	}
	r, _ := utf8.DecodeRuneInString(p)
	return unicode.IsDigit(r)
}

// sectionName reports whether a part of a title reads as the name of a
// site's section: one or two capitalised words ("Business", "World News").
func sectionName(part string) bool {
	f := strings.Fields(part)
	if len(f) == 0 || len(f) > 2 {
		return false
	}
	for _, w := range f {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || strings.ContainsAny(w, "0123456789") {
			return false
		}
	}
	return true
}

// datePart reports whether a part of a title is a date alone ("23.01.2022",
// "Monday, January 23, 2022").
func datePart(part string) bool {
	if !strings.ContainsAny(part, "0123456789") || !dateOnly(part) {
		return false
	}
	_, ok := textDate(part, true)
	return ok
}

// titleDate returns the date a page's title prints apart from the
// headline ("23.01.2022 - Council passes budget", "Headline | 23 January
// 2022 | Site").
func (m *pageMeta) titleDate(dayFirst bool) (time.Time, bool) {
	for _, t := range []string{m.docTitle, m.meta("og:title", "twitter:title")} {
		t = collapse(t)
		for _, sep := range titleSeparators {
			parts := strings.Split(t, sep)
			if len(parts) < 2 {
				continue
			}
			off := 0
			for _, p := range parts {
				if datePart(p) {
					return rangeDate(t, off, p, dayFirst)
				}
				off += len(p) + len(sep)
			}
		}
	}
	return time.Time{}, false
}

// rangeDate returns the date of the title part p, which starts at off in
// the title t, read with the end of the part before it: a range of days
// that a separator parted ("Report 14. - 20. Januar 2022") is dated by
// its first day.
func rangeDate(t string, off int, p string, dayFirst bool) (time.Time, bool) {
	from := max(0, off-maxRangeStart)
	for from > 0 && (!utf8.RuneStart(t[from]) || isDigit(t[from-1])) {
		from--
	}
	if d, at, end, ok := textDateAt(t[from:off+len(p)], dayFirst); ok && from+at < off && from+end > off {
		return d, true
	}
	return textDate(p, dayFirst)
}

// isDigit reports whether b is an ASCII digit.
func isDigit(b byte) bool {
	return b >= '0' && b <= '9'
}

// unspacedSeps part a headline from the site's name in the titles of
// Chinese and Japanese pages, with no spaces around them ("…的城！-新华网",
// "…_新浪新闻").
const unspacedSeps = "-_|｜"

// Bounds of a site name after an unspaced separator, in characters.
const (
	minUnspacedName = 2
	maxUnspacedName = 8
)

// stripUnspacedName removes the site's name after the last unspaced
// separator of a title in a script written without spaces: a short run of
// that script alone (no digits, no Latin letters: "GPT-4发布" keeps its
// tail), at most half as long as the headline before it.
func stripUnspacedName(t string) string {
	i := strings.LastIndexAny(t, unspacedSeps)
	if i <= 0 {
		return t
	}
	head, name := t[:i], t[i+1:]
	if _, size := utf8.DecodeRuneInString(t[i:]); size > 1 {
		name = t[i+size:]
	}
	n := utf8.RuneCountInString(name)
	if n < minUnspacedName || n > maxUnspacedName || utf8.RuneCountInString(head) < 2*n || strings.HasSuffix(head, " ") {
		return t
	}
	for _, r := range name {
		if !unspaced(r) {
			return t
		}
	}
	return head
}

// longest returns the longest of parts.
func longest(parts []string) string {
	l := parts[0]
	for _, p := range parts[1:] {
		if utf8.RuneCountInString(p) > utf8.RuneCountInString(l) {
			l = p
		}
	}
	return l
}

// stripAffix removes a site name or logo text printed before or after the
// headline with a separator between ("Muffin Grundrezept : Muffin
// Rezepte"), whatever the spaces around the separator.
func (s site) stripAffix(t string) string {
	for _, name := range s.raw {
		if len(name) >= len(t) || utf8.RuneCountInString(name) < 3 {
			continue
		}
		if strings.EqualFold(t[len(t)-len(name):], name) {
			rest := strings.TrimRight(t[:len(t)-len(name)], " ")
			if head := strings.TrimRight(rest, affixSeparators+" "); head != rest && words(head) >= 1 {
				return head
			}
		}
		if strings.EqualFold(t[:len(name)], name) {
			rest := strings.TrimLeft(t[len(name):], " ")
			if tail := strings.TrimLeft(rest, prefixSeparators+" "); tail != rest && words(tail) >= 1 {
				return tail
			}
		}
	}
	return t
}

// title returns the article's headline, preferring what readers see: an
// <h1> that a metadata title (JSON-LD headline, og:title and the like, the
// document <title>) confirms and that does not name the site; the metadata
// title an <h1> prints with a kicker or subtitle around it; the page's lone
// <h1> of two words or more (a blog's post title under its site-name <h1>
// counts as lone); the metadata title; and last the document <title>, each
// without the site name.
func (m *pageMeta) title(siteName string, u *url.URL) string {
	t := dropDatePart(m.headline(siteName, u))
	t = strings.TrimSpace(trailingSepRe.ReplaceAllString(leadingSepRe.ReplaceAllString(t, ""), ""))
	return m.fullHeadline(t)
}

// minShortenedWords is the least number of words of a title that a
// longer heading may be the full form of.
const minShortenedWords = 3

// fullHeadline returns the headline a heading styled as the page's
// headline prints in full when it starts with the title t and goes on
// ("… Teil 49" in the <h1> and the document title, "… Teil 49 –
// Büssing-NAG (Baujahre 1931 – 1945)" in <h2 class="h1">): the shorter
// form is the one cut for search engines and browser tabs. It returns t
// otherwise.
func (m *pageMeta) fullHeadline(t string) string {
	nt := normTitle(t)
	if words(t) < minShortenedWords {
		return t
	}
	for _, h := range m.headings {
		if !h.marked && !h.titled && !slices.Contains(classParts(attr(h.node, "class")), "h1") && headlinePart(h.node, 0) == nil {
			continue
		}
		if full := fullText(h.node, nt, words(t)+2, 0); full != "" {
			return full
		}
	}
	return t
}

// fullText returns the first text under n, a few levels down, that
// starts with the folded title nt and has at least minWords words: one
// run of text, so that the title's words and what follows are one line
// (not a subline and the headline after it, "Neue Präsidentin"
// "Reformstau lösen"). It returns "" when none does.
func fullText(n *html.Node, nt string, minWords, depth int) string {
	for c := n.FirstChild; c != nil && depth < 4; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if t := collapse(c.Data); words(t) >= minWords && strings.HasPrefix(normTitle(t), nt) {
				return t
			}
		case html.ElementNode:
			if t := fullText(c, nt, minWords, depth+1); t != "" {
				return t
			}
		}
	}
	return ""
}

// dropDatePart removes a date printed before or after the headline with
// a separator between ("23.01.2022 - Council passes budget" in an <h1>):
// the date is the page's, not part of its headline. A number next to the
// separator makes the date the end of a range ("Wochenbericht 14. - 20.
// Januar 2022"), which stays.
func dropDatePart(t string) string {
	if !strings.ContainsAny(t, "0123456789") {
		return t
	}
	for _, sep := range titleSeparators {
		first, rest, ok := strings.Cut(t, sep)
		if !ok {
			continue
		}
		if datePart(first) && words(rest) >= 2 && !rangeEnd(rest, false) {
			return strings.TrimSpace(rest)
		}
		i := strings.LastIndex(t, sep)
		if head, last := t[:i], t[i+len(sep):]; datePart(last) && words(head) >= 2 && !rangeEnd(head, true) {
			return strings.TrimSpace(head)
		}
	}
	return t
}

// leadingSepRe and trailingSepRe are separators a title cut from the
// site's name may still start or end with ("National Rail Enquiries -"),
// set apart by a space (unlike the minus of "-40 °C"); of the guillemets,
// only those no quotation opens or closes with (see affixSeparators).
var (
	leadingSepRe  = regexp.MustCompile(`^[|\-–—·•»~/｜│_]+\s+`)
	trailingSepRe = regexp.MustCompile(`\s+[|\-–—·•«~/｜│_]+$`)
)

// headline is title before the separators left at its ends are trimmed.
func (m *pageMeta) headline(siteName string, u *url.URL) string {
	s := newSite(siteName, m.logos, u)
	docTitle := s.strip(m.docTitle)
	meta := []string{
		uncut(m.ldArticle().headline, docTitle),
		uncut(m.meta(titleKeys...), docTitle),
	}
	m.dropKickers(append([]string{docTitle}, meta...), s)
	docSite := normTitle(s.titlePart(m.docTitle))
	siteHeading := func(h string) bool {
		return s.isHeading(h) || docSite != "" && normTitle(h) == docSite
	}
	for i, group := range [][]string{meta, {docTitle, m.docTitle}} {
		switch i {
		case 0:
			if h := m.kickedHeading(meta, s); h != "" {
				return h
			}
			if t := m.printedOverCrumb(meta[0], s); t != "" {
				return t
			}
		case 1:
			if t := m.printedOverShortH1(meta, docTitle, s); t != "" {
				return t
			}
		}
		for _, t := range group {
			if h := m.confirmedH1(t, siteHeading); h != "" {
				if i == 0 && m.isH1Link(h) {
					// A story list's entry (a link) that the
					// metadata title matches yields to an
					// <h1> in plain text that is the document
					// title: the story's own heading.
					if d := m.confirmedH1(docTitle, siteHeading); d != "" && !m.isH1Link(d) && normTitle(d) == normTitle(docTitle) {
						return d
					}
				}
				return h
			}
		}
		// A headline printed after a kicker or section name ("Tunesien
		// Große Aufgaben …", "Politics | St. Louis Park …"): the metadata
		// title is the headline alone.
		for _, t := range group {
			if t = s.strip(t); m.h1EndsWith(t) {
				return t
			}
		}
	}
	var h1 []string
	for _, h := range m.h1 {
		if !siteHeading(h) {
			h1 = append(h1, h)
		}
	}
	if len(h1) > 1 {
		// Beside a headline, a one-word <h1> titles a box ("Anwendung");
		// words are counted where spaces part them (not in Chinese or
		// Japanese).
		var long []string
		for _, h := range h1 {
			if words(h) >= 2 || unspacedText(h) {
				long = append(long, h)
			}
		}
		if len(long) == 1 {
			h1 = long
		}
	}
	// A metadata title (or, with none, the document title) printed as a
	// heading of its own (an <h2>, an element marked
	// itemprop="headline") is the headline readers see; a
	// short <h1> the metadata does not confirm then names a section or a
	// box ("World News"), an <h1> inside a link to another page does (a
	// blog's banner linking to its front page), and any <h1> does beside
	// a heading marked as the headline (another story's, further down the
	// page).
	if len(h1) == 1 && !unspacedText(h1[0]) {
		printed := meta
		if meta[0] == "" && meta[1] == "" {
			// No metadata title: the document title, printed as a
			// heading of its own under a section's <h1> ("Allergies
			// Health Center"), is as good a witness.
			printed = []string{docTitle}
		}
		for _, t := range printed {
			t = s.strip(t)
			if h, ok := m.headingOf(t); ok && (h.marked || words(h1[0]) <= maxSectionWords || m.linkedH1(h1[0])) && !m.h1Holds(t) {
				return t
			}
		}
	}
	if len(m.h1) == 0 {
		if h := m.printedHead(meta, s); h != "" {
			return h
		}
		if t := m.printedOtherTitle([]string{meta[0], meta[1], docTitle}, s); t != "" {
			return t
		}
	}
	hasMeta := meta[0] != "" || meta[1] != ""
	if len(h1) == 1 && (words(h1[0]) >= 2 || !hasMeta) {
		// A lone one-word <h1> ("Details", "Opinion") is more often a
		// section name than the headline the metadata gives.
		return h1[0]
	}
	for _, t := range meta {
		if s.siteWide(t, docTitle, m.docTitle) {
			continue
		}
		if st := s.strip(t); st != "" {
			if t = collapse(t); st != t && s.titlePart(t) == "" {
				// "How to Grow a Lemon Tree | Step-by-Step Guide"
				// printed whole as the page's heading: what the cut
				// took was no site's name but the headline's own.
				if _, ok := m.headingOf(t); ok {
					return t
				}
			}
			return st
		}
	}
	if len(h1) > 0 && docTitle == "" {
		return h1[0]
	}
	if len(h1) == 0 {
		if h := m.titledHeading(); h != "" {
			return h
		}
	}
	if (docTitle == "" || s.isName(docTitle)) && len(h1) == 0 && len(m.headings) > 0 && words(m.headings[0].text) >= 2 {
		// The document title names the site alone: the story's first
		// heading names the page better.
		return m.headingText(m.headings[0].node)
	}
	if docTitle == "" {
		// Nothing but the site's name: better than no title.
		return firstNonEmpty(collapse(m.docTitle), firstOf(m.h1), firstOf(m.logos))
	}
	if p := m.printedPart(docTitle); p != "" {
		return p
	}
	return docTitle
}

// siteWide reports whether the metadata title t is the site's own title
// rather than the page's ("Harbor Post - Latest News & Headlines", kept
// from the front page by a story opened over it): it has a part that
// names the site, and the document title, which does not hold the rest of
// t, has none and reads as a headline (docTitle is it stripped, raw it
// as printed).
func (s site) siteWide(t, docTitle, raw string) bool {
	if s.titlePart(t) == "" || words(docTitle) < minShortenedWords {
		return false
	}
	rest := normTitle(s.strip(t))
	if s.titlePart(raw) != "" {
		// Both name the site ("Harbor Post | Local news you can
		// trust" beside "Ferry contract signed | Harbor Post"): t is
		// the site's when the document title gives another headline,
		// neither holding the other.
		doc := normTitle(docTitle)
		return rest != "" && !strings.Contains(doc, rest) && !strings.Contains(rest, doc)
	}
	// The rest of t in the document title ("Headline - Site Site") makes
	// t the page's.
	return !strings.Contains(normTitle(raw), rest)
}

// printedPart returns the part of the title t, set apart by a separator,
// that the page prints as a heading of its own ("Die Events der letzten
// Zeit" of "Clan e.V. - Neuigkeiten » Die Events der letzten Zeit"): the
// headline, beside the names of the site and section that no cut
// recognised. It returns "" when no part is printed alone.
func (m *pageMeta) printedPart(t string) string {
	if len(m.headings) == 0 {
		return ""
	}
	// The headings normalised once: a title of many parts would have
	// headingOf normalise each of them again for every part.
	printed := make([]string, len(m.headings))
	for i, h := range m.headings {
		printed[i] = normTitle(h.text)
	}
	for _, sep := range titleSeparators {
		parts := strings.Split(t, sep)
		if len(parts) < 2 {
			continue
		}
		for _, p := range parts {
			if p = strings.TrimSpace(p); words(p) >= 2 {
				// As headingOf: ten bytes or more once normalised.
				if np := normTitle(p); len(np) >= 10 && slices.Contains(printed, np) {
					return p
				}
			}
		}
	}
	return ""
}

// dropKickers removes from each <h1> the kicker it starts with that the
// page's titles set apart (see dropKicker).
func (m *pageMeta) dropKickers(titles []string, s site) {
	for i := range titles {
		titles[i] = s.strip(titles[i])
	}
	for i, lead := range m.h1Leads {
		if lead != "" && i < len(m.h1) {
			m.h1[i] = dropKicker(m.h1[i], lead, titles)
		}
	}
}

// titledHeading returns the headline of the page's first other heading
// marked or classed as the title (<h2 itemprop="headline">, <h2
// class="entry-title">), for a page with no <h1> of its story; or "".
func (m *pageMeta) titledHeading() string {
	for _, h := range m.headings {
		if h.marked || h.titled {
			if t := m.headingText(h.node); words(t) >= 2 || unspacedText(t) {
				return t
			}
			return ""
		}
	}
	return ""
}

// kickedHeading returns the headline of a heading other than an <h1>
// that prints a metadata title as a kicker and a headline in parts of
// their own (<h2><span class="overline">Vanlife</span> <span
// class="headline">Skandinavien …</span></h2> for og:title "Vanlife:
// Skandinavien …"), when no <h1> but a breadcrumb's holds that title:
// the page's story heading, whose headline readers see without the
// kicker. An <h1> the metadata title only holds ("Vanlife – Skandinavien"
// of "Vanlife: Skandinavien erleben") or does not name is then a shorter
// version's or a box's.
func (m *pageMeta) kickedHeading(meta []string, s site) string {
	for _, t := range meta {
		if t = s.strip(t); t == "" || m.storyH1Holds(t) {
			continue
		}
		h, ok := m.headingOf(t)
		if !ok {
			continue
		}
		if head := m.headingText(h.node); normTitle(head) != normTitle(h.text) && words(head) >= 2 {
			return head
		}
	}
	return ""
}

// printedOverShortH1 returns the metadata title printed as a heading of
// its own when the page's <h1>s are short (a topic's name, "Betriebliche
// Altersvorsorge") and the document title only holds them rather than
// being one ("Betriebliche Altersvorsorge (bAV) - Wann lohnt …"): the
// <h1> names the topic and the heading the story. It returns "" when not.
func (m *pageMeta) printedOverShortH1(meta []string, docTitle string, s site) string {
	if len(m.h1) == 0 {
		return ""
	}
	nd := normTitle(docTitle)
	for _, h := range m.h1 {
		if words(h) > maxSectionWords || unspacedText(h) || normTitle(h) == nd {
			return ""
		}
	}
	for _, t := range meta {
		if t = s.strip(t); t != "" && !m.h1Holds(t) {
			if _, ok := m.headingOf(t); ok {
				return t
			}
		}
	}
	return m.printedHead(meta, s)
}

// printedHead returns the heading of the page that prints the start of a
// metadata title, up to a separator or a parenthesis the heading leaves
// out ("Der historische Purzelbaum" of "Der historische Purzelbaum
// (2021/5)", "30.11. | Buch der Woche" of "30.11. | Buch der Woche -
// Nikole Hannah-Jones • 1619"): the headline readers see, without the
// issue, subject or subtitle added for search engines and shares. It
// returns "" when no heading of two words or more does.
func (m *pageMeta) printedHead(meta []string, s site) string {
	for _, mt := range meta {
		for _, t := range [...]string{collapse(mt), s.strip(mt)} {
			for _, h := range m.headings {
				if words(h.text) < 2 || len(h.text) >= len(t) || !strings.HasPrefix(t, h.text) || t[len(h.text)] != ' ' {
					continue
				}
				if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(t[len(h.text):], " ")); strings.ContainsRune("(|-–—·•", r) {
					return h.text
				}
			}
		}
	}
	return ""
}

// titleKeys are the meta names and properties pages give their title in,
// most trusted first.
var titleKeys = []string{"og:title", "twitter:title", "dc.title", "title", "headline", "sailthru.title", "parsely-title"}

// printedOtherTitle returns, for a page with no story <h1>, a metadata
// title other than the first (sailthru.title, parsely-title …) that the
// page prints as a heading of its own (<h2> in the article's header),
// when neither the chosen metadata titles nor the document title are
// printed: og:title and the tab's title are then the social headline,
// the heading the one readers see. It returns "" when not.
func (m *pageMeta) printedOtherTitle(titles []string, s site) string {
	for _, t := range titles {
		if _, ok := m.headingOf(s.strip(t)); ok {
			return ""
		}
	}
	for _, t := range m.metaAll(titleKeys...) {
		if t = s.strip(t); t != "" {
			if _, ok := m.headingOf(t); ok {
				return t
			}
		}
	}
	return ""
}

// printedOverCrumb returns the JSON-LD headline printed as a heading of
// its own in the story (<h2 class="post-title">) when the page's only
// story <h1> is a breadcrumb's last item that differs from it (the
// document title, "Home › Promis › Danni und Ennesto trennen sich:
// Arschloch"): the trail names the page by its search-engine title, the
// story prints the headline its markup declares. A breadcrumb <h1> that
// is the JSON-LD headline stays. It returns "" when not.
func (m *pageMeta) printedOverCrumb(headline string, s site) string {
	crumb := false
	for i, h := range m.h1 {
		switch {
		case i < len(m.h1Crumb) && m.h1Crumb[i]:
			crumb = true
		case !s.isHeading(h):
			return ""
		}
	}
	if headline = s.strip(headline); !crumb || headline == "" || m.h1Holds(headline) {
		return ""
	}
	if h, ok := m.headingOf(headline); ok {
		return m.headingText(h.node)
	}
	return ""
}

// uncut returns the document title doc when the metadata title t is its
// start cut: at a quotation mark (an attribute holding a headline's quotes
// unescaped, content="Senator calls Biden "unfit"", ends at the first), in
// the middle of a word, or where an ellipsis marks a cut to a length
// ("Fed holds rates steady as inflation…").
func uncut(t, doc string) string {
	t = collapse(t)
	stem := t
	for _, e := range []string{"…", "..."} {
		if s, ok := strings.CutSuffix(stem, e); ok {
			stem = strings.TrimRight(s, " ")
			break
		}
	}
	if stem == "" || len(doc) <= len(stem) || !strings.HasPrefix(doc, stem) {
		return t
	}
	rest := doc[len(stem):]
	next, _ := utf8.DecodeRuneInString(rest)
	if stem != t || unicode.IsLetter(next) && words(t) >= minCutWords {
		return doc
	}
	if rest = strings.TrimLeft(rest, " "); strings.HasPrefix(rest, `"`) {
		return doc
	}
	return t
}

// minCutWords is the least number of words of a metadata title taken to
// be cut when the document title goes on in the middle of its last word:
// a one- or two-word title is more likely a short name of the story.
const minCutWords = 5

// unspacedText reports whether s holds a script written without spaces
// between words (Han, kana, Thai).
func unspacedText(s string) bool {
	for _, r := range s {
		if unspaced(r) {
			return true
		}
	}
	return false
}

// maxSectionWords is the most words of an <h1> that may name a section
// rather than hold the headline.
const maxSectionWords = 3

// headingOf returns the other heading of the page whose text is the
// title t, of two words or more; a heading that links to the page itself
// (a blog's post title) counts.
func (m *pageMeta) headingOf(t string) (heading, bool) {
	nt := normTitle(t)
	if words(t) < 2 && !unspacedText(t) || len(nt) < 10 {
		return heading{}, false
	}
	for _, h := range m.headings {
		if normTitle(h.text) == nt {
			return h, true
		}
	}
	return m.selfHeading(nt)
}

// h1Holds reports whether an <h1> holds the title t ("… Kapazität in
// Tennessee" for "… Kapazität"): the headline itself, longer than the
// metadata's.
func (m *pageMeta) h1Holds(t string) bool {
	return m.holdingH1(t, true)
}

// storyH1Holds is h1Holds for the <h1>s other than a breadcrumb's last
// item: a trail that prints the metadata title whole, kicker and all
// ("Startseite › Medizin › Covid-19: Lässt sich …"), names the page; the
// story's heading sets the kicker apart.
func (m *pageMeta) storyH1Holds(t string) bool {
	return m.holdingH1(t, false)
}

// holdingH1 reports whether an <h1> holds the title t; a breadcrumb's
// last item counts only with crumbs.
func (m *pageMeta) holdingH1(t string, crumbs bool) bool {
	nt := normTitle(t)
	for i, h := range m.h1 {
		if (crumbs || i >= len(m.h1Crumb) || !m.h1Crumb[i]) && strings.Contains(normTitle(h), nt) {
			return true
		}
	}
	return false
}

// confirmedH1 returns the <h1> that is the title t or, of those t holds
// that do not name the site, the longest; or "".
func (m *pageMeta) confirmedH1(t string, siteHeading func(string) bool) string {
	nt := normTitle(t)
	if nt == "" {
		return ""
	}
	best, bestLen := "", 0
	for _, h := range m.h1 {
		nh := normTitle(h)
		if len(nh) < 4 {
			continue
		}
		if nh == nt {
			return h
		}
		if strings.Contains(nt, nh) && !siteHeading(h) && len(nh) > bestLen {
			best, bestLen = h, len(nh)
		}
	}
	return best
}

// isH1Link reports whether the <h1> whose text is h is one link and no
// more.
func (m *pageMeta) isH1Link(h string) bool {
	i := slices.Index(m.h1, h)
	return i >= 0 && i < len(m.h1Link) && m.h1Link[i]
}

// h1EndsWith reports whether an <h1> ends with the title t after a part
// set apart: in an element of its own, or by a separator other than a
// colon ("Reformstau lösen / Irme Stetter-Karp …"; but "Pure Leere":
// Marita Kramer … is one headline).
func (m *pageMeta) h1EndsWith(t string) bool {
	nt := normTitle(t)
	if len(nt) < 10 || words(t) < 2 {
		return false
	}
	for i, h := range m.h1 {
		nh := normTitle(h)
		if len(nh) == len(nt) || !strings.HasSuffix(nh, nt) {
			continue
		}
		if i < len(m.h1Split) && m.h1Split[i] {
			return true
		}
		if p := strings.TrimRight(h1Prefix(h, nt), " "); p != "" && strings.ContainsAny(p[len(p)-1:], "/|-»·•") || strings.HasSuffix(p, "–") || strings.HasSuffix(p, "—") {
			return true
		}
	}
	return false
}

// h1Prefix returns the text of h before the part whose folded form is nt,
// up to that part's first letter.
func h1Prefix(h, nt string) string {
	prefix := ""
	for i := range h {
		switch n := normTitle(h[i:]); {
		case n == nt:
			prefix = h[:i]
		case len(n) < len(nt):
			return prefix
		}
	}
	return prefix
}
