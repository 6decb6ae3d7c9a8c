package extractor

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Dates are parsed by hand: the libraries for it (go-dateparser, htmldate)
// try hundreds of locale patterns per string and dominated go-trafilatura's
// profile, while news pages write dates in a few shapes, all covered here.

// Plausible publication years.
const (
	minYear = 1990
	maxYear = 2100
)

var (
	// isoRe is ISO 8601 / RFC 3339 and the near misses pages write.
	isoRe = regexp.MustCompile(`^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?`)
	// compactRe is 20191119 or 20191119T103000.
	compactRe = regexp.MustCompile(`^\s*((?:19|20)\d{2})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?\s*$`)
	// cjkRe is 2025年06月30日 and 2025년 6월 30일.
	cjkRe = regexp.MustCompile(`(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?`)
	// ymdRe is 2025.08.21, 2025/8/21, 2025-08-21, 2025. 8. 21.
	ymdRe = regexp.MustCompile(`\b((?:19|20)\d{2})\s*([-./])\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\b`)
	// dmyRe is 29/5/2025, 29.05.2025, 05-29-2025.
	dmyRe = regexp.MustCompile(`\b(\d{1,2})\s*([-./])\s*(\d{1,2})\s*[-./]\s*((?:19|20)\d{2})\b`)
	// dayMonthRe is "29 May 2025", "29. Mai 2025", "29 de mayo de 2025".
	dayMonthRe = regexp.MustCompile(`\b(\d{1,2})(?:\.|er|st|nd|rd|th)?\s*(?:de\s+)?(\p{L}{3,12})\.?,?\s*(?:de\s+|del\s+)?((?:19|20)\d{2})\b`)
	// monthDayRe is "May 29, 2025" and "Mai 29 2025".
	monthDayRe = regexp.MustCompile(`\b(\p{L}{3,12})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b`)
	// clockRe is a time of day after a date.
	clockRe = regexp.MustCompile(`^\D{0,12}?(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*([aApP]\.?[mM]\.?)?`)
	// urlDateRe is /2019/11/19/, /2019-11-19, /20191119/ in a URL path.
	urlDateRe = regexp.MustCompile(`(?:^|[/_-])((?:19|20)\d{2})([/_-]?)(\d{2})([/_-]?)(\d{2})(?:[/_.-]|$)`)
)

// months maps month names and abbreviations in the languages of the news
// the project reads to their number.
var months = func() map[string]time.Month {
	m := make(map[string]time.Month, 256)
	names := [][]string{
		{"january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen", "janeiro", "januari", "styczeń", "stycznia", "ocak", "январь", "января", "tháng một"},
		{"february", "feb", "februar", "février", "fév", "fevr", "févr", "febrero", "febbraio", "fevereiro", "fev", "februari", "luty", "lutego", "şubat", "февраль", "февраля"},
		{"march", "mar", "märz", "maerz", "mars", "marzo", "março", "marco", "maart", "marzec", "marca", "mart", "март", "марта", "mär"},
		{"april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwiecień", "kwietnia", "nisan", "апрель", "апреля"},
		{"may", "mai", "mayo", "maggio", "mag", "maio", "mei", "maj", "maja", "mayıs", "май", "мая"},
		{"june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "czerwiec", "czerwca", "haziran", "июнь", "июня"},
		{"july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "lipiec", "lipca", "temmuz", "июль", "июля"},
		{"august", "aug", "août", "aout", "agosto", "ago", "augustus", "sierpień", "sierpnia", "ağustos", "август", "августа"},
		{"september", "sep", "sept", "septembre", "septiembre", "settembre", "set", "setembro", "wrzesień", "września", "eylül", "сентябрь", "сентября"},
		{"october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out", "październik", "października", "ekim", "октябрь", "октября"},
		{"november", "nov", "novembre", "noviembre", "novembro", "listopad", "listopada", "kasım", "ноябрь", "ноября"},
		{"december", "dec", "dezember", "dez", "décembre", "déc", "diciembre", "dic", "dicembre", "dezembro", "december", "grudzień", "grudnia", "aralık", "декабрь", "декабря"},
	}
	for i, ns := range names {
		for _, n := range ns {
			m[n] = time.Month(i + 1)
		}
	}
	return m
}()

// date builds a date when its parts are a real calendar day in range.
func date(y, mo, d, h, mi, s int, loc *time.Location) (time.Time, bool) {
	if y < minYear || y > maxYear || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, h, mi, min(s, 59), 0, loc)
	if t.Day() != d {
		return time.Time{}, false // 31 June and the like
	}
	return t, true
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// zone returns the location of an ISO 8601 zone designator, UTC when none.
func zone(z string) *time.Location {
	switch strings.ToUpper(z) {
	case "", "Z", "UTC", "GMT":
		return time.UTC
	}
	sign := 1
	if z[0] == '-' {
		sign = -1
	}
	z = strings.ReplaceAll(z[1:], ":", "")
	h, m := atoi(z[:2]), 0
	if len(z) >= 4 {
		m = atoi(z[2:4])
	}
	if h > 14 || m > 59 {
		return time.UTC
	}
	off := sign * (h*3600 + m*60)
	if off == 0 {
		return time.UTC
	}
	return time.FixedZone("", off)
}

// parseMachineDate parses a date written for machines: ISO 8601 in its
// common variants, compact 20060102, or RFC 1123.
func parseMachineDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	if m := isoRe.FindStringSubmatch(s); m != nil {
		return date(atoi(m[1]), atoi(m[2]), atoi(m[3]), atoi(m[4]), atoi(m[5]), atoi(m[6]), zone(m[7]))
	}
	if m := compactRe.FindStringSubmatch(s); m != nil {
		return date(atoi(m[1]), atoi(m[2]), atoi(m[3]), atoi(m[4]), atoi(m[5]), atoi(m[6]), time.UTC)
	}
	for _, layout := range [...]string{time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", time.RubyDate, time.UnixDate} {
		if t, err := time.Parse(layout, s); err == nil && t.Year() >= minYear && t.Year() <= maxYear {
			return t, true
		}
	}
	return time.Time{}, false
}

// parseDate parses a machine date or, failing that, the first date written
// for people in s. dayFirst says how to read an ambiguous 05/06/2025.
func parseDate(s string, dayFirst bool) (time.Time, bool) {
	if t, ok := parseMachineDate(s); ok {
		return t, true
	}
	return textDate(s, dayFirst)
}

// textDate finds the first date written for people in s: numeric in the
// orders of many countries, CJK, or with a month name.
func textDate(s string, dayFirst bool) (time.Time, bool) {
	if len(s) > 64<<10 {
		s = s[:64<<10]
	}
	type found struct {
		at   int
		t    time.Time
		rest string
	}
	best := found{at: -1}
	try := func(at int, t time.Time, ok bool, rest string) {
		if ok && (best.at < 0 || at < best.at) {
			best = found{at, t, rest}
		}
	}
	if m := cjkRe.FindStringSubmatchIndex(s); m != nil {
		t, ok := date(atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]]), 0, 0, 0, time.UTC)
		try(m[0], t, ok, s[m[1]:])
	}
	if m := ymdRe.FindStringSubmatchIndex(s); m != nil {
		t, ok := date(atoi(s[m[2]:m[3]]), atoi(s[m[6]:m[7]]), atoi(s[m[8]:m[9]]), 0, 0, 0, time.UTC)
		try(m[0], t, ok, s[m[1]:])
	}
	if m := dmyRe.FindStringSubmatchIndex(s); m != nil {
		a, b, y := atoi(s[m[2]:m[3]]), atoi(s[m[6]:m[7]]), atoi(s[m[8]:m[9]])
		d, mo := a, b
		// A dot means day first everywhere; a slash is month first in
		// American English unless the numbers say otherwise.
		if s[m[4]:m[5]] != "." && (!dayFirst && b <= 31 && a <= 12 || a <= 12 && b > 12) {
			d, mo = b, a
		}
		t, ok := date(y, mo, d, 0, 0, 0, time.UTC)
		try(m[0], t, ok, s[m[1]:])
	}
	for _, m := range dayMonthRe.FindAllStringSubmatchIndex(s, 4) {
		if mo, ok := months[strings.ToLower(s[m[4]:m[5]])]; ok {
			t, ok := date(atoi(s[m[6]:m[7]]), int(mo), atoi(s[m[2]:m[3]]), 0, 0, 0, time.UTC)
			try(m[0], t, ok, s[m[1]:])
			break
		}
	}
	for _, m := range monthDayRe.FindAllStringSubmatchIndex(s, 4) {
		if mo, ok := months[strings.ToLower(s[m[2]:m[3]])]; ok {
			t, ok := date(atoi(s[m[6]:m[7]]), int(mo), atoi(s[m[4]:m[5]]), 0, 0, 0, time.UTC)
			try(m[0], t, ok, s[m[1]:])
			break
		}
	}
	if best.at < 0 {
		return time.Time{}, false
	}
	t := best.t
	if m := clockRe.FindStringSubmatch(best.rest); m != nil {
		h, mi, sec := atoi(m[1]), atoi(m[2]), atoi(m[3])
		switch strings.ToLower(strings.ReplaceAll(m[4], ".", "")) {
		case "pm":
			if h < 12 {
				h += 12
			}
		case "am":
			if h == 12 {
				h = 0
			}
		}
		if tt, ok := date(t.Year(), int(t.Month()), t.Day(), h, mi, sec, time.UTC); ok {
			t = tt
		}
	}
	return t, true
}

// urlDate returns the date in a URL path such as /2019/11/19/ or
// /20191119/.
func urlDate(u *url.URL) (time.Time, bool) {
	if u == nil {
		return time.Time{}, false
	}
	for _, m := range urlDateRe.FindAllStringSubmatch(u.Path, 3) {
		if m[2] != m[4] {
			continue
		}
		if t, ok := date(atoi(m[1]), atoi(m[3]), atoi(m[5]), 0, 0, 0, time.UTC); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// publishedKeys and modifiedKeys are the meta names and properties pages
// give their dates in, most trusted first.
var (
	publishedKeys = []string{
		"article:published_time", "og:article:published_time", "og:published_time",
		"article:published", "datepublished", "article.published", "published_time",
		"publishdate", "publish-date", "publish_date", "pubdate", "publication_date",
		"sailthru.date", "parsely-pub-date", "dc.date.issued", "dcterms.issued",
		"dc.date.created", "dcterms.created", "dc.date", "dcterms.date", "date",
		"citation_publication_date", "citation_date", "originalpublicationdate",
		"cxenseparse:recs:publishtime", "article:post_date", "bt:pubdate", "datecreated",
		"creation_date", "created", "eomportal-lastupdate",
	}
	modifiedKeys = []string{
		"article:modified_time", "og:updated_time", "article:modified", "datemodified",
		"og:article:modified_time", "modified_time", "dcterms.modified", "dc.date.modified",
		"last-modified", "lastmod", "revised",
	}
)

// dates returns the page's publication and last-update times.
func (m *pageMeta) dates(u *url.URL, dayFirst bool) (published, updated time.Time) {
	ld := m.ldArticle()
	pick := func(vals ...string) (time.Time, bool) {
		for _, v := range vals {
			if t, ok := parseDate(v, dayFirst); ok {
				return t, true
			}
		}
		return time.Time{}, false
	}
	updated, _ = pick(ld.dateModified, m.meta(modifiedKeys...))
	if t, ok := pick(ld.datePublished, m.meta(publishedKeys...)); ok {
		return t, updated
	}
	for _, h := range m.times {
		if h.published {
			if t, ok := parseDate(h.value, dayFirst); ok {
				return t, updated
			}
		}
	}
	if t, ok := urlDate(u); ok {
		return t, updated
	}
	for _, s := range m.labeled {
		if t, ok := textDate(s, dayFirst); ok {
			return t, updated
		}
	}
	for _, b := range m.afterH1 {
		if t, ok := textDate(b.String(), dayFirst); ok {
			return t, updated
		}
	}
	if b := m.beforeH1.String(); len(m.afterH1) > 0 && len(b) > 0 {
		if t, ok := textDate(b[max(0, len(b)-beforeH1Chars):], dayFirst); ok {
			return t, updated
		}
	}
	for _, h := range m.times {
		if !h.modified {
			if t, ok := parseDate(h.value, dayFirst); ok {
				return t, updated
			}
		}
	}
	for _, s := range m.dateTexts {
		if t, ok := textDate(s, dayFirst); ok {
			return t, updated
		}
	}
	if t, ok := pick(ld.dateCreated, m.ldOfType("WebPage").datePublished); ok {
		return t, updated
	}
	for _, h := range m.times {
		if t, ok := parseDate(h.value, dayFirst); ok {
			return t, updated
		}
	}
	return updated, updated
}
