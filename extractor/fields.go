package extractor

import (
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

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

var (
	bylinePrefixRe = regexp.MustCompile(`(?i)^\s*(?:written\s+by|posted\s+by|published\s+by|reported\s+by|story\s+by|words\s+by|text\s+by|by|von|par|por|di|door|av|af|de|autor(?:in)?|author|auteur|redakteur|texte?|reportage|écrit par|escrito por|scritto da|bởi|작성자|기자)(?:\s*[:：]?\s+|\s*[:：]?\s*$)`)
	authorSplitRe  = regexp.MustCompile(`(?i)\s*(?:,|;|\||/|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bi\b|\bu\b|\ben\b|\bog\b|\boch\b|、|，)\s*`)
	// authorButtonRe matches the buttons and links an author box prints
	// around the name ("Email the author", "Follow on Twitter", "Full
	// Bio", "View author archive", "More by"): see cutButtons.
	authorButtonRe = regexp.MustCompile(`(?i)(?:^|[\s,;|·•])(?:e-?mail(?:\s+the\s+author)?|print|follow(?:\s+on)?|twitter|facebook|instagram|linkedin|reddit|whatsapp|pinterest|youtube|xing|(?:full\s+)?bio|view(?:\s+(?:author|all|full|profile|posts|archive))+|author\s+archive|(?:get\s+)?(?:author\s+)?rss(?:\s+feed)?|report\s+typos|about\s+the\s+author|(?:for\s+)?more(?:\s+(?:by|from|about|stories))?)(?:$|[\s,;:|·•!])`)
	// tagsRe is the label of the story's tags, which a byline's element
	// may hold after the names: nothing after it is a name.
	tagsRe = regexp.MustCompile(`(?i)(?:^|\s)tags?\s*:`)
	// roleRe matches the writer's job a byline prints beside the names
	// ("Senior Politics Editor", "Opinion writer").
	roleRe = regexp.MustCompile(`(?i)\b(?:editor|writer|reporter|correspondent|columnist|contributor|producer|journalist)s?\b`)
	// handleRe is a social-media handle printed after a name ("Ann Lee
	// @annlee").
	handleRe = regexp.MustCompile(`(?:^|\s)@\w+`)
	// notNameRe matches what no author's name holds. A newsroom's
	// byline ("Redaktion", "Valley Times Staff", "Smart Shopping Team")
	// is no person's, but it is the author the page names.
	notNameRe = regexp.MustCompile(`(?i)\d|@|https?:|www\.|\.com|\bfoto|\bphoto|\bbild\b|\bimage|\bcopyright|©|\bminute|\bread\b|\bupdated?\b|\bpublished|\bposted|\badmin\b|\bcomments?\b|\bshare\b`)
)

// authorKeys are the meta names pages give authors in.
var authorKeys = []string{"author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator", "byl", "cxenseparse:author", "citation_author", "twitter:creator"}

// authors returns the article's authors, from JSON-LD, meta tags or
// byline elements, cleaned of "By" and split into names.
func (m *pageMeta) authors() []string {
	sources := [][]string{m.ldAuthors(m.ldArticle())}
	if v := m.meta(authorKeys...); v != "" && !strings.Contains(v, "://") && !strings.HasPrefix(v, "@") {
		if len(m.metaAuthors) > 1 && v == m.metaAuthors[0] {
			sources = append(sources, m.metaAuthors)
		} else {
			sources = append(sources, []string{v})
		}
	}
	sources = append(sources, m.authorTexts, m.teaserAuthors, m.otherAuthors)
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
		r, cut := cutButtons(cutDate(handleRe.ReplaceAllString(r, "")))
		r = bylinePrefixRe.ReplaceAllString(r, "")
		for _, name := range authorSplitRe.Split(r, -1) {
			name = strings.Trim(bylinePrefixRe.ReplaceAllString(strings.TrimSpace(name), ""), " .:-–—·|()[]\"'")
			words := strings.Fields(name)
			if len(words) == 0 || len(words) > 5 || len([]rune(name)) < 3 || notNameRe.MatchString(name) || cut && !capitalized(words) {
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
	return dropRoles(out)
}

// cutButtons returns the byline text r without the buttons an author box
// prints (authorButtonRe) and the tags it may hold (tagsRe), and whether
// it cut any: buttons before the name are dropped, and the first one
// after it ends the name, as what follows is the box's other links ("Ann
// Lee Email the author Follow on Twitter").
func cutButtons(r string) (string, bool) {
	cut := false
	if loc := tagsRe.FindStringIndex(r); loc != nil {
		r, cut = r[:loc[0]], true
	}
	for {
		loc := authorButtonRe.FindStringIndex(r)
		if loc == nil {
			return r, cut
		}
		cut = true
		if strings.IndexFunc(r[:loc[0]], unicode.IsLetter) >= 0 {
			return r[:loc[0]], true
		}
		r = r[loc[1]:]
	}
}

// capitalized reports whether no word of a name starts with a lower-case
// letter: a name cut from an author box's buttons must read as one
// ("Follow Ann on Instagram" names nobody).
func capitalized(words []string) bool {
	for _, w := range words {
		if c, _ := utf8.DecodeRuneInString(w); unicode.IsLower(c) {
			return false
		}
	}
	return true
}

// dropRoles drops from names those that are a job (roleRe), with a
// publication ("The …") right after one, unless nothing else is left:
// "Ann Lee, Senior Politics Editor, The Daily Courier" is by Ann Lee.
func dropRoles(names []string) []string {
	out := names[:0:0]
	role := false
	for _, n := range names {
		if roleRe.MatchString(n) || role && strings.HasPrefix(n, "The ") {
			role = true
			continue
		}
		role = false
		out = append(out, n)
	}
	if len(out) == 0 {
		return names
	}
	return out
}

// cutDate returns the byline text r without the date printed after the
// names ("Joe Wee Monday, February 29, 2016 @ 11:10 PM", a byline's
// element holding both), and the words that lead to the date (a weekday,
// "on", "am", "Stand:"): split at its comma, the weekday would stay on the
// last name.
func cutDate(r string) string {
	_, at, _, ok := textDateAt(r, false)
	if !ok || at == 0 {
		return r
	}
	r = r[:at]
	for {
		t := dateLeadRe.ReplaceAllString(r, "")
		if t == r {
			return t
		}
		r = t
	}
}

// dateLeadRe matches a word that ends a byline's text before its date: a
// weekday (or its abbreviation), a preposition or a label, with what
// parts it from the name.
var dateLeadRe = regexp.MustCompile(`(?i)(?:^|[\s,.:\-–—·|@]+)(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mo|di|mi|do|fr|sa|so|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|thứ (?:hai|ba|tư|năm|sáu|bảy)|chủ nhật|on|at|am|um|vom|le|el|il|del|ngày|stand|published|posted|updated|veröffentlicht|aktualisiert|publié|publicado|pubblicato)?[\s,.:\-–—·|@]*$`)

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
