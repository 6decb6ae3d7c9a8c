package extractor

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// titleSeparators split a page title into headline and site name, the
// strongest first.
var titleSeparators = []string{" | ", " || ", " – ", " — ", " - ", " :: ", " « ", " » ", " · ", " • ", " ~ ", " -- ", "｜", " ｜ "}

// titleDashes are the separators that also stand inside headlines ("GLM-5
// – the open model"): a title split at one is never cut to its longest
// part.
var titleDashes = []string{" - ", " – ", " — "}

// normTitle folds a title for comparison: letters and digits only, lower case.
func normTitle(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// title returns the article's headline, preferring what readers see: an
// <h1> that a metadata title (JSON-LD headline, og:title and the like, the
// document <title>) confirms and that does not name the site; the metadata
// title an <h1> prints with a kicker or subtitle around it; the page's lone
// <h1> of two words or more (a blog's post title under its site-name <h1>
// counts as lone); the metadata title; and last the document <title>, each
// without the site name.
func (m *pageMeta) title(site string, u *url.URL) string {
	meta := []string{
		m.ldArticle().headline,
		m.meta("og:title", "twitter:title", "dc.title", "title", "headline", "sailthru.title", "parsely-title"),
	}
	docTitle := stripSiteName(m.docTitle, site, u)
	docSite := normTitle(titleSite(m.docTitle, site, u))
	siteHeading := func(h string) bool {
		return isSiteHeading(h, site, u) || docSite != "" && normTitle(h) == docSite
	}
	for _, group := range [][]string{meta, {docTitle, m.docTitle}} {
		for _, t := range group {
			if h := m.confirmedH1(t, siteHeading); h != "" {
				return h
			}
		}
		// A headline printed after a kicker or section name ("Tunesien
		// Große Aufgaben …", "Politics | St. Louis Park …"): the metadata
		// title is the headline alone.
		for _, t := range group {
			if t = stripSiteName(t, site, u); m.h1EndsWith(t) {
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
	hasMeta := meta[0] != "" || meta[1] != ""
	if len(h1) == 1 && (words(h1[0]) >= 2 || !hasMeta) {
		// A lone one-word <h1> ("Details", "Opinion") is more often a
		// section name than the headline the metadata gives.
		return h1[0]
	}
	for _, t := range meta {
		if t = stripSiteName(t, site, u); t != "" {
			return t
		}
	}
	if len(h1) > 0 && docTitle == "" {
		return h1[0]
	}
	return docTitle
}

// confirmedH1 returns the first <h1> that is the title t, or that t holds
// and that does not name the site; or "".
func (m *pageMeta) confirmedH1(t string, siteHeading func(string) bool) string {
	nt := normTitle(t)
	if nt == "" {
		return ""
	}
	for _, h := range m.h1 {
		if nh := normTitle(h); len(nh) >= 4 && (nh == nt || strings.Contains(nt, nh) && !siteHeading(h)) {
			return h
		}
	}
	return ""
}

// h1EndsWith reports whether an <h1> ends with the title t after more.
func (m *pageMeta) h1EndsWith(t string) bool {
	nt := normTitle(t)
	if len(nt) < 10 || words(t) < 2 {
		return false
	}
	for _, h := range m.h1 {
		if strings.HasSuffix(normTitle(h), nt) {
			return true
		}
	}
	return false
}

// words counts the words of two letters or more in s.
func words(s string) int {
	n := 0
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if utf8.RuneCountInString(f) >= 2 {
			n++
		}
	}
	return n
}

// isSiteHeading reports whether the heading h names the site: it is the
// site name, or starts with it or with the host's name ("ProNATs e.V.
// Verein zur Unterstützung …" on pronats.de).
func isSiteHeading(h, site string, u *url.URL) bool {
	if isSiteName(h, site, u) {
		return true
	}
	nh := normTitle(h)
	if nsite := normTitle(site); len(nsite) >= 4 && strings.HasPrefix(nh, nsite) {
		return true
	}
	if u == nil {
		return false
	}
	label, _, _ := strings.Cut(strings.TrimPrefix(u.Hostname(), "www."), ".")
	label = normTitle(label)
	return len(label) >= 4 && strings.HasPrefix(nh, label)
}

// isSiteName reports whether part of a title names the site rather than
// the article: site (og:site_name or the like) or the host name.
func isSiteName(part, site string, u *url.URL) bool {
	np := normTitle(part)
	if np == "" {
		return true
	}
	if nsite := normTitle(site); nsite != "" && (np == nsite || strings.Contains(nsite, np) || strings.Contains(np, nsite) && len(np) < len(nsite)+8) {
		return true
	}
	if u == nil {
		return false
	}
	host := normTitle(strings.TrimPrefix(u.Hostname(), "www."))
	return host != "" && len(np) >= 3 && (strings.Contains(host, np) || strings.HasPrefix(np, strings.SplitN(host, ".", 2)[0]) && len(np) < len(host)+4)
}

// titleSite returns the part of the title t that names the site: the one
// isSiteName recognises, else the last of "Headline | Site"; or "" when t
// has no separator.
func titleSite(t, site string, u *url.URL) string {
	t = collapse(t)
	for _, sep := range titleSeparators {
		parts := strings.Split(t, sep)
		if len(parts) < 2 {
			continue
		}
		first, last := parts[0], parts[len(parts)-1]
		if isSiteName(first, site, u) && !isSiteName(last, site, u) {
			return first
		}
		return last
	}
	return ""
}

// stripSiteName removes a site-name part ("… | The Site") from a title.
func stripSiteName(t, site string, u *url.URL) string {
	t = collapse(t)
	if t == "" {
		return ""
	}
	isSite := func(part string) bool { return isSiteName(part, site, u) }
	for _, sep := range titleSeparators {
		if !strings.Contains(t, sep) {
			continue
		}
		parts := strings.Split(t, sep)
		switch {
		case isSite(parts[len(parts)-1]):
			return strings.TrimSpace(strings.Join(parts[:len(parts)-1], sep))
		case isSite(parts[0]):
			return strings.TrimSpace(strings.Join(parts[1:], sep))
		case len(parts) >= 2 && !slices.Contains(titleDashes, sep):
			// "Headline | Section | Site": the longest part is the headline.
			longest := parts[0]
			for _, p := range parts[1:] {
				if len(p) > len(longest) {
					longest = p
				}
			}
			return strings.TrimSpace(longest)
		}
	}
	return t
}

var (
	bylinePrefixRe = regexp.MustCompile(`(?i)^\s*(?:written\s+by|posted\s+by|published\s+by|reported\s+by|story\s+by|words\s+by|text\s+by|by|von|par|por|di|door|av|af|de|autor(?:in)?|author|auteur|redakteur|texte?|reportage|écrit par|escrito por|scritto da|bởi|작성자|기자)\s*[:：]?\s+`)
	authorSplitRe  = regexp.MustCompile(`(?i)\s*(?:,|;|\||/|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bi\b|\bu\b|\ben\b|\bog\b|\boch\b|、|，)\s*`)
	notNameRe      = regexp.MustCompile(`(?i)\d|@|https?:|www\.|\.com|\bfoto|\bphoto|\bbild\b|\bimage|\bcopyright|©|\bminute|\bread\b|\bupdated?\b|\bpublished|\bposted|\bredaktion\b|\bstaff\b|\bteam\b|\badmin\b|\bcomments?\b|\bshare\b`)
)

// authorKeys are the meta names pages give authors in.
var authorKeys = []string{"author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator", "byl", "cxenseparse:author", "citation_author", "twitter:creator"}

// authors returns the article's authors, from JSON-LD, meta tags or
// byline elements, cleaned of "By" and split into names.
func (m *pageMeta) authors() []string {
	sources := [][]string{m.ldArticle().authors}
	if v := m.meta(authorKeys...); v != "" && !strings.Contains(v, "://") && !strings.HasPrefix(v, "@") {
		sources = append(sources, []string{v})
	}
	sources = append(sources, m.authorTexts)
	for _, src := range sources {
		if names := cleanAuthors(src); len(names) > 0 {
			return names
		}
	}
	return []string{}
}

// cleanAuthors splits raw author strings into names and drops what is not a
// name.
func cleanAuthors(raw []string) []string {
	var out []string
	seen := make(map[string]bool)
	for _, r := range raw {
		r = collapse(r)
		if r == "" || len(r) > maxHintChars || strings.Contains(r, "://") {
			continue
		}
		r = bylinePrefixRe.ReplaceAllString(r, "")
		for _, name := range authorSplitRe.Split(r, -1) {
			name = strings.Trim(bylinePrefixRe.ReplaceAllString(strings.TrimSpace(name), ""), " .:-–—·|()[]\"'")
			words := strings.Fields(name)
			if len(words) == 0 || len(words) > 5 || len([]rune(name)) < 3 || notNameRe.MatchString(name) {
				continue
			}
			if k := strings.ToLower(name); !seen[k] {
				seen[k] = true
				out = append(out, name)
			}
		}
		if len(out) >= 8 {
			break
		}
	}
	return out
}

// siteName returns the publication's name: og:site_name, the JSON-LD
// publisher, or the host name.
func (m *pageMeta) siteName(u *url.URL) string {
	if s := collapse(m.meta("og:site_name", "application-name", "al:android:app_name", "al:ios:app_name", "twitter:app:name:iphone")); s != "" {
		return s
	}
	if s := m.ldArticle().publisher; s != "" {
		return s
	}
	if s := m.ldOfType("Organization", "NewsMediaOrganization", "WebSite").name; s != "" {
		return s
	}
	if u != nil {
		return strings.TrimPrefix(u.Hostname(), "www.")
	}
	return ""
}

// declaredLanguage returns the language the page declares, if any.
func (m *pageMeta) declaredLanguage() string {
	for _, v := range []string{m.lang, m.meta("content-language", "og:locale", "dc.language", "language", "inlanguage"), m.ldArticle().language} {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
