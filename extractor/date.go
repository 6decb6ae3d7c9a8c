package extractor

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // regionZones reads the IANA database on any machine
	"unicode"
	"unicode/utf8"
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
	isoRe = regexp.MustCompile(`^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{1,2})(?:[.,]\d+)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?`)
	// compactRe is 20191119 or 20191119T103000.
	compactRe = regexp.MustCompile(`^\s*((?:19|20)\d{2})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?\s*$`)
	// cjkRe is 2025年06月30日 and 2025년 6월 30일.
	cjkRe = mustStem(`(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?`, "年", "년")
	// ymdRe is 2025.08.21, 2025/8/21, 2025-08-21, 2025. 8. 21, 2025 | 08 | 21.
	ymdRe = mustStem(`\b((?:19|20)\d{2})\s*([-./|])\s*(\d{1,2})\s*[-./|]\s*(\d{1,2})\b`, "-", ".", "/", "|")
	// dmyRe is 29/5/2025, 29.05.2025, 05-29-2025, 29 | 05 | 2025.
	dmyRe = mustStem(`\b(\d{1,2})\s*([-./|])\s*(\d{1,2})\s*[-./|]\s*((?:19|20)\d{2})\b`, "-", ".", "/", "|")
	// viRe is the Vietnamese long form "1 tháng 12 năm 2026" (day, month,
	// year), as datelines write it ("Đà Nẵng, ngày 1 tháng 12 năm 2026").
	viRe = mustStem(`\b(\d{1,2})\s+[Tt]háng\s+(\d{1,2}),?\s+[Nn]ăm\s+((?:19|20)\d{2})\b`, "háng")
	// slashShortRe is 3/6/23 or 06/03/23: a two-digit year after slashes,
	// not part of a longer run of numbers and slashes (a path, a ratio).
	slashShortRe = mustStem(`(?:^|[^\d./-])(\d{1,2})/(\d{1,2})/(\d{2})(?:$|[^\d./-]|\.(?:\s|$))`, "/")
	// dayMonthShortRe and monthDayShortRe are "6 Mar '23" and "Mar 6,
	// '23": a two-digit year after an apostrophe.
	dayMonthShortRe = mustStem(`\b(\d{1,2})(?:st|nd|rd|th)?\s*(\p{L}{3,12})\.?,?\s*['‘’](\d{2})\b`, "'", "‘", "’")
	monthDayShortRe = mustStem(`\b(\p{L}{3,12})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s*['‘’](\d{2})\b`, "'", "‘", "’")
	// dayMonthRe is "29 May 2025", "29. Mai 2025", "29 de mayo de 2025",
	// and in Arabic "24 نيسان / أبريل 2020" (a month by both its names,
	// the Levant's and Egypt's) and "24 تشرين الأول 2020" (a Levant name
	// of two words). Latin pairs ("21. juni/lipanj") are left unread:
	// on the one page of the sets that prints them they date other
	// stories, in a list a printed date after the headline is not told
	// from.
	dayMonthRe = mustStem(`\b(\d{1,2})(?:\.|er|st|nd|rd|th)?\s*(?:de\s+)?(\p{L}{3,12}(?:\s+ال\p{Arabic}{3,6})?(?:\s*/\s*\p{Arabic}{3,12}(?:\s+ال\p{Arabic}{3,6})?)?)\.?,?\s*(?:de\s+|del\s+)?((?:19|20)\d{2})\b`, "19", "20")
	// dmyShortRe is 29.05.25 or 2.11.22, German pages' short form: dots,
	// and not part of a longer dotted number.
	dmyShortRe = mustStem(`(?:^|[^\d.])(\d{1,2})\.(\d{1,2})\.(\d{2})(?:$|[^\d.]|\.(?:\s|$))`, ".")
	// monthDayRe is "May 29, 2025" and "Mai 29 2025", "July, 16th, 2025"
	// as a README's news log writes it, and a range of days, "May 29–31,
	// 2025", whose first day it gives.
	monthDayRe = mustStem(`\b(\p{L}{3,12})\.?,?\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s*[-–—]\s*\d{1,2}(?:st|nd|rd|th)?)?,?\s+((?:19|20)\d{2})\b`, "19", "20")
	// rangeStartRe is the first day of a range just before a dayMonthRe
	// date ("14. - 20. Januar 2022", "14–20 January 2023"): a bare day
	// number and a dash, not the end of another number.
	rangeStartRe = regexp.MustCompile(`(?:^|[^\d.:/-])(\d{1,2})(?:\.|st|nd|rd|th)?\s*[-–—]\s*$`)
	// clockRe is a time of day after a date: after punctuation and the
	// words that join a date to its time ("at", "um", "à", "lúc"), but not
	// after other words, which start another date line ("March 14, 2023 |
	// Updated 11:02 p.m.").
	clockRe = regexp.MustCompile(clockJoin + `(\d{1,2})[:h](\d{2})(?::(\d{2}))?\s*([aApP]\.?[mM]\.?)?`)
	// dotClockRe is a time of day written with a dot ("00.30 BST",
	// "9.15pm"), taken only with the zone or half of the day that tells
	// it from a decimal number; the zone fills the am/pm group, where it
	// changes nothing.
	dotClockRe = regexp.MustCompile(clockJoin + `(\d{1,2})\.(\d{2})()\s*([aApP]\.?[mM]\.?|[A-Z]{2,4}\b)`)
	// clockBeforeRe is a time of day just before the date it belongs to,
	// with its zone's name and the weekday between ("6:30 PM EDT, Tue
	// March 14, 2023"), and not the end of a machine timestamp
	// ("2022-12-07T10:10:52+01:00").
	clockBeforeRe = regexp.MustCompile(`(?:^|[\s(])(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([aApP]\.?[mM]\.?)?(?:\s*[A-Z]{1,4})?[\s,|·•-]{0,4}(?:\pL{2,9}\.?,?\s*)?$`)
	// urlDateRe is /2019/11/19/, /2019-11-19, /20191119/ in a URL path.
	urlDateRe = regexp.MustCompile(`(?:^|[/_-])((?:19|20)\d{2})([/_-]?)(\d{2})([/_-]?)(\d{2})(?:[/_.-]|$)`)
	// urlDMYRe is /29-10-2021 in a URL path.
	urlDMYRe = regexp.MustCompile(`(?:^|/)(\d{2})-(\d{2})-((?:19|20)\d{2})(?:[/_.-]|$)`)
	// urlMonthRe is /2023/jun/14/ in a URL path, the month by name.
	urlMonthRe = regexp.MustCompile(`(?:^|/)((?:19|20)\d{2})/(\pL{3,9})/(\d{1,2})(?:/|$)`)
)

// clockJoin is what may stand between a date and its time of day.
const clockJoin = `^[^\pL\d]{0,6}(?:(?i:at|um|à|alle|ore|a las|a la|om|kl\.?|klo|lúc|o godz\.?|godz\.?)[^\pL\d]{1,4})?`

// months maps month names and abbreviations in the languages of the news
// the project reads to their number. Arabic has the names of Egypt and
// the Gulf (أكتوبر) and those of the Levant (تموز, تشرين الأول).
var months = func() map[string]time.Month {
	m := make(map[string]time.Month, 256)
	names := [][]string{
		{"january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen", "janeiro", "januari", "styczeń", "stycznia", "ocak", "январь", "января", "tháng một", "يناير", "كانون الثاني"},
		{"february", "feb", "februar", "février", "fév", "fevr", "févr", "febrero", "febbraio", "fevereiro", "fev", "februari", "luty", "lutego", "şubat", "февраль", "февраля", "فبراير", "شباط"},
		{"march", "mar", "märz", "maerz", "mars", "marzo", "março", "marco", "maart", "marzec", "marca", "mart", "март", "марта", "mär", "مارس", "آذار"},
		{"april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwiecień", "kwietnia", "nisan", "апрель", "апреля", "أبريل", "ابريل", "إبريل", "نيسان"},
		{"may", "mai", "mayo", "maggio", "mag", "maio", "mei", "maj", "maja", "mayıs", "май", "мая", "مايو", "أيار", "ايار"},
		{"june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "czerwiec", "czerwca", "haziran", "июнь", "июня", "يونيو", "يونيه", "حزيران"},
		{"july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "lipiec", "lipca", "temmuz", "июль", "июля", "يوليو", "يوليه", "تموز"},
		{"august", "aug", "août", "aout", "agosto", "ago", "augustus", "sierpień", "sierpnia", "ağustos", "август", "августа", "أغسطس", "اغسطس"},
		{"september", "sep", "sept", "septembre", "septiembre", "settembre", "set", "setembro", "wrzesień", "września", "eylül", "сентябрь", "сентября", "سبتمبر", "أيلول", "ايلول"},
		{"october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out", "październik", "października", "ekim", "октябрь", "октября", "أكتوبر", "اكتوبر", "تشرين الأول", "تشرين الاول"},
		{"november", "nov", "novembre", "noviembre", "novembro", "listopad", "listopada", "kasım", "ноябрь", "ноября", "نوفمبر", "تشرين الثاني"},
		{"december", "dec", "dezember", "dez", "décembre", "déc", "diciembre", "dic", "dicembre", "dezembro", "december", "grudzień", "grudnia", "aralık", "декабрь", "декабря", "ديسمبر", "كانون الأول", "كانون الاول"},
	}
	for i, ns := range names {
		for _, n := range ns {
			m[n] = time.Month(i + 1)
		}
	}
	return m
}()

// monthNamed returns the month a name gives: one of months, or two of
// them joined by a slash ("نيسان / أبريل"), the first known.
func monthNamed(name string) (time.Month, bool) {
	name = strings.ToLower(name)
	if mo, ok := months[name]; ok {
		return mo, true
	}
	first, second, ok := strings.Cut(name, "/")
	if !ok {
		return 0, false
	}
	if mo, ok := months[strings.TrimSpace(first)]; ok {
		return mo, true
	}
	mo, ok := months[strings.TrimSpace(second)]
	return mo, ok
}

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

// naive is the location of a clock time written without a zone: the
// page's own local time, whatever its offset. It reads as UTC; dates keeps
// such times as given, while it may move an explicit UTC time into the
// page's zone (see localize).
var naive = time.FixedZone("", 0)

// zone returns the location of an ISO 8601 zone designator, naive when
// none.
func zone(z string) *time.Location {
	switch strings.ToUpper(z) {
	case "":
		return naive
	case "Z", "UTC", "GMT":
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
		return naive
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
		return date(atoi(m[1]), atoi(m[2]), atoi(m[3]), atoi(m[4]), atoi(m[5]), atoi(m[6]), naive)
	}
	if t, ok := epochDate(s); ok {
		return t, true
	}
	for _, layout := range [...]string{time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", time.RubyDate, time.UnixDate} {
		if t, err := time.Parse(layout, s); err == nil && t.Year() >= minYear && t.Year() <= maxYear {
			return abbreviatedZone(t, layout), true
		}
	}
	return time.Time{}, false
}

// abbreviatedZone returns t, parsed with layout, as a naive local clock
// time when the layout reads a zone abbreviation other than UTC's or
// GMT's: Go gives an abbreviation it does not know a zero offset (UTC),
// and one it knows the offset of the machine's own zone, while "EST" is
// five hours behind UTC in New York and ten ahead in Melbourne. The clock
// time and day are the page's as printed.
func abbreviatedZone(t time.Time, layout string) time.Time {
	if !strings.Contains(layout, "MST") {
		return t
	}
	switch name, _ := t.Zone(); strings.ToUpper(name) {
	case "UTC", "GMT", "UT", "Z":
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), naive)
}

// epochDate parses a Unix time in seconds (10 digits) or milliseconds
// (13), as some sites fill their date fields.
func epochDate(s string) (time.Time, bool) {
	if len(s) != 10 && len(s) != 13 {
		return time.Time{}, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return time.Time{}, false
	}
	t := time.Unix(n, 0).UTC()
	if len(s) == 13 {
		t = time.UnixMilli(n).UTC()
	}
	if t.Year() < minYear || t.Year() > maxYear {
		return time.Time{}, false
	}
	return t, true
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
	t, _, _, ok := textDateAt(s, dayFirst)
	return t, ok
}

// textDateAt is textDate that also returns where in s the date starts and
// ends (with its time of day, if any).
func textDateAt(s string, dayFirst bool) (t time.Time, at, end int, ok bool) {
	if len(s) > 64<<10 {
		s = s[:64<<10]
	}
	if !strings.ContainsAny(s, "0123456789") {
		// Every date form holds a digit.
		return time.Time{}, 0, 0, false
	}
	type found struct {
		at, end int
		t       time.Time
	}
	best := found{at: -1}
	try := func(m []int, t time.Time, ok bool) {
		if ok && (best.at < 0 || m[0] < best.at) {
			best = found{m[0], m[1], t}
		}
	}
	if m := cjkRe.FindStringSubmatchIndex(s); m != nil {
		t, ok := date(atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]]), 0, 0, 0, naive)
		try(m, t, ok)
	}
	if m := ymdRe.FindStringSubmatchIndex(s); m != nil {
		t, ok := date(atoi(s[m[2]:m[3]]), atoi(s[m[6]:m[7]]), atoi(s[m[8]:m[9]]), 0, 0, 0, naive)
		try(m, t, ok)
	}
	if m := viRe.FindStringSubmatchIndex(s); m != nil {
		t, ok := date(atoi(s[m[6]:m[7]]), atoi(s[m[4]:m[5]]), atoi(s[m[2]:m[3]]), 0, 0, 0, naive)
		try(m, t, ok)
	}
	if m := dmyRe.FindStringSubmatchIndex(s); m != nil {
		a, b, y := atoi(s[m[2]:m[3]]), atoi(s[m[6]:m[7]]), atoi(s[m[8]:m[9]])
		d, mo := a, b
		// A dot means day first everywhere; a slash is month first in
		// American English unless the numbers say otherwise.
		if s[m[4]:m[5]] != "." && (!dayFirst && b <= 31 && a <= 12 || a <= 12 && b > 12) {
			d, mo = b, a
		}
		t, ok := date(y, mo, d, 0, 0, 0, naive)
		try(m, t, ok)
	}
	if m := dmyShortRe.FindStringSubmatchIndex(s); m != nil {
		t, ok := date(shortYear(s[m[6]:m[7]]), atoi(s[m[4]:m[5]]), atoi(s[m[2]:m[3]]), 0, 0, 0, naive)
		try([]int{m[2], m[7]}, t, ok)
	}
	if m := slashShortRe.FindStringSubmatchIndex(s); m != nil {
		a, b, y := atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), shortYear(s[m[6]:m[7]])
		d, mo := a, b
		if !dayFirst && b <= 31 && a <= 12 || a <= 12 && b > 12 {
			d, mo = b, a
		}
		t, ok := date(y, mo, d, 0, 0, 0, naive)
		try([]int{m[2], m[7]}, t, ok)
	}
	// Dates with a month name: the day and month groups of each form, the
	// year always third.
	for _, f := range [...]struct {
		re         stemmedPattern
		day, month int
		year       func(string) int
		ranged     bool // a range of days may end in the date
	}{{dayMonthShortRe, 1, 2, shortYear, false}, {monthDayShortRe, 2, 1, shortYear, false}, {dayMonthRe, 1, 2, atoi, true}, {monthDayRe, 2, 1, atoi, false}} {
		for _, m := range f.re.FindAllStringSubmatchIndex(s, 4) {
			group := func(g int) string { return s[m[2*g]:m[2*g+1]] }
			if mo, ok := monthNamed(group(f.month)); ok {
				day := atoi(group(f.day))
				if f.ranged {
					m, day = rangeStart(s, m, day)
				}
				t, ok := date(f.year(group(3)), int(mo), day, 0, 0, 0, naive)
				try(m, t, ok)
				break
			}
		}
	}
	if best.at < 0 {
		return time.Time{}, 0, 0, false
	}
	t, end = best.t, best.end
	m := clockRe.FindStringSubmatchIndex(s[end:])
	if m == nil {
		m = dotClockRe.FindStringSubmatchIndex(s[end:])
	}
	if m != nil {
		if tt, ok := atClock(t, s[end:], m); ok {
			t = tt
			end += m[1]
		}
	} else {
		// No time after the date: one just before it.
		from := max(0, best.at-maxClockBefore)
		for from > 0 && !utf8.RuneStart(s[from]) {
			from--
		}
		if m := clockBeforeRe.FindStringSubmatchIndex(s[from:best.at]); m != nil {
			if tt, ok := atClock(t, s[from:best.at], m); ok {
				t = tt
			}
		}
	}
	return t, best.at, end, true
}

// maxRangeStart is how far before a date the first day of its range may
// start.
const maxRangeStart = 12

// rangeStart returns the match m of a date whose day is day, and that day,
// moved to the first day of the range of days the date ends, if it ends
// one: a period is dated by its start.
func rangeStart(s string, m []int, day int) ([]int, int) {
	from := max(0, m[0]-maxRangeStart)
	r := rangeStartRe.FindStringSubmatchIndex(s[from:m[0]])
	if r == nil || r[2] == 0 && from > 0 {
		// None, or a number the window may have cut.
		return m, day
	}
	if first := atoi(s[from+r[2] : from+r[3]]); first >= 1 && first < day {
		m = append([]int{from + r[2], m[1]}, m[2:]...)
		return m, first
	}
	return m, day
}

// atClock returns the day t at the time of day that the clockRe or
// clockBeforeRe match m finds in s.
func atClock(t time.Time, s string, m []int) (time.Time, bool) {
	h, mi, sec := atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), 0
	if m[6] >= 0 {
		sec = atoi(s[m[6]:m[7]])
	}
	ampm := ""
	if m[8] >= 0 {
		ampm = strings.ToLower(strings.ReplaceAll(s[m[8]:m[9]], ".", ""))
	}
	switch ampm {
	case "pm":
		if h < 12 {
			h += 12
		}
	case "am":
		if h == 12 {
			h = 0
		}
	}
	return date(t.Year(), int(t.Month()), t.Day(), h, mi, sec, naive)
}

// maxClockBefore is how far before a date its time of day may start.
const maxClockBefore = 32

// maxShortYear is the last two-digit year read as 20yy; later ones are
// 19yy.
const maxShortYear = 69

// shortYear reads a two-digit year: 20yy up to maxShortYear, else 19yy.
func shortYear(yy string) int {
	y := 2000 + atoi(yy)
	if y > 2000+maxShortYear {
		y -= 100
	}
	return y
}

// urlDate returns the date in a URL path such as /2019/11/19/,
// /20191119/, /2019/1119/ or /2019/nov/19/.
func urlDate(u *url.URL) (time.Time, bool) {
	if u == nil {
		return time.Time{}, false
	}
	for _, m := range urlDateRe.FindAllStringSubmatch(u.Path, 3) {
		if m[2] != m[4] && (m[2] != "/" || m[4] != "") {
			// The separators agree, or only the year is set apart
			// (/2023/0314/).
			continue
		}
		if t, ok := date(atoi(m[1]), atoi(m[3]), atoi(m[5]), 0, 0, 0, naive); ok {
			return t, true
		}
	}
	if m := urlDMYRe.FindStringSubmatch(u.Path); m != nil {
		return date(atoi(m[3]), atoi(m[2]), atoi(m[1]), 0, 0, 0, naive)
	}
	if m := urlMonthRe.FindStringSubmatch(strings.ToLower(u.Path)); m != nil {
		if mo, ok := months[m[2]]; ok {
			return date(atoi(m[1]), int(mo), atoi(m[3]), 0, 0, 0, naive)
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
		"published-date", "date_published", "article:publicationdate", "article_date_original",
		"article.created", "dateposted", "rnews:datepublished", "shareaholic:article_published_time",
		"sailthru.date", "parsely-pub-date", "dc.date.issued", "dcterms.issued", "dc.date.publication",
		"dc.date.created", "dcterms.created", "dc.created", "dc:created",
		"citation_publication_date", "citation_date", "originalpublicationdate",
		"cxenseparse:recs:publishtime", "article:post_date", "bt:pubdate", "datecreated",
		"creation_date", "created", "eomportal-lastupdate", "article:published_date", "pub_date",
		"published_at", "cxenseparse:publishtime", "prism.publicationdate", "dcterms:created",
	}
	// genericDateKeys name a date without saying which: content
	// systems fill them with the day a page was generated or last
	// saved as often as with its publication.
	genericDateKeys = []string{"dc.date", "dc:date", "dcterms.date", "date"}
	modifiedKeys    = []string{
		"article:modified_time", "og:updated_time", "article:modified", "datemodified",
		"og:article:modified_time", "modified_time", "dcterms.modified", "dc.date.modified",
		"last-modified", "lastmod", "revised", "article:updated_time", "article:modified_date",
		"shareaholic:article_modified_time", "bt:moddate", "last_updated_date",
	}
)

// dates returns the page's publication and last-update times.
func (m *pageMeta) dates(u *url.URL, dayFirst bool) (published, updated time.Time) {
	ld := m.ldArticle()
	updated, _ = pick(dayFirst, ld.dateModified, m.meta(modifiedKeys...))
	published, ok := m.published(u, dayFirst)
	if !ok {
		return updated, updated
	}
	return m.localize(published, u, dayFirst), updated
}

// pick parses the first of vals that holds a date.
func pick(dayFirst bool, vals ...string) (time.Time, bool) {
	for _, v := range vals {
		if t, ok := parseDate(v, dayFirst); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// published returns the publication time the page gives, from the most
// trusted source that has one.
func (m *pageMeta) published(u *url.URL, dayFirst bool) (time.Time, bool) {
	ld := m.ldArticle()
	// The first meta date, then JSON-LD's, then the page's other meta
	// dates, should the first not parse.
	metas := m.metaAll(publishedKeys...)
	vals := append(metas[:min(1, len(metas)):min(1, len(metas))], ld.datePublished, m.ldAny().datePublished)
	if len(metas) > 1 {
		vals = append(vals, metas[1:]...)
	}
	if t, ok := pickPrecise(dayFirst, vals...); ok {
		if lt, ok := m.printedLD(t, ld.datePublished, dayFirst); ok {
			return lt, true
		}
		return t, true
	}
	for _, h := range m.times {
		if h.published && !h.related {
			if t, ok := parseDate(h.value, dayFirst); ok {
				return t, true
			}
		}
	}
	if t, ok := urlDate(u); ok {
		return t, true
	}
	if t, ok := m.titleDate(dayFirst); ok {
		return t, true
	}
	if t, ok := m.visibleDate(dayFirst); ok {
		return t, true
	}
	for _, h := range m.times {
		if !h.modified && !h.related {
			if t, ok := parseDate(h.value, dayFirst); ok {
				return t, true
			}
		}
	}
	if t, ok := pickPrecise(dayFirst, m.metaAll(genericDateKeys...)...); ok {
		return t, true
	}
	for _, s := range m.dateTexts {
		if t, _, ok := m.lex.firstPublishedDate(s, dayFirst, false); ok {
			return t, true
		}
	}
	if t, ok := m.labeledDate(updatedLabelRe, dayFirst); ok {
		return t, true
	}
	video, mainVideo := m.video()
	if t, ok := pick(dayFirst, ld.dateCreated, m.ldOfType("WebPage").datePublished); ok {
		return t, true
	}
	if t, ok := parseDate(video.uploadDate, dayFirst); ok && mainVideo {
		return t, true
	}
	for _, h := range m.times {
		if t, ok := parseDate(h.value, dayFirst); ok {
			return t, true
		}
	}
	if t, ok := m.scriptDate(); ok {
		return t, true
	}
	// A player embedded in a story: its upload is another day's,
	// taken only when the page gives nothing else.
	return parseDate(video.uploadDate, dayFirst)
}

// video returns the page's JSON-LD VideoObject and whether it is the
// page's main object: og:type says a video, or no article object is
// there and the video's name or URL is the page's.
func (m *pageMeta) video() (ldObject, bool) {
	v := m.ldOfType("VideoObject")
	if strings.HasPrefix(strings.ToLower(m.meta("og:type")), "video") {
		return v, true
	}
	if len(m.ldArticle().types) > 0 {
		return v, false
	}
	own := v
	if own.headline == "" {
		own.headline = v.name
	}
	return v, m.ownArticle(own) > 0
}

// printedLD returns the JSON-LD publication time ld when the date printed
// for readers backs it against t, the time taken from the meta tags.
// When ld is before t and the printed date falls on ld's day and not on
// t's, the meta tag carries a republication or an update (a post moved
// into a publication, a story re-sent, a CMS's "published at" of its last
// version), the page the first publication; so it does when t is the
// page's own modification time a day or more after ld, printed date or
// not. When ld is after t and the page prints ld's own clock time on
// ld's day, the meta tag carries the time the story was created in the
// content system (dcterms.created, "creation_date"), hours before it went
// out as JSON-LD and the page say.
func (m *pageMeta) printedLD(t time.Time, ld string, dayFirst bool) (time.Time, bool) {
	lt, ok := parseDate(ld, dayFirst)
	if !ok || t.Equal(lt) {
		return time.Time{}, false
	}
	if t.Sub(lt) >= minUpdateGap && m.modifiedAt(t) {
		// The meta publication time is the page's last modification
		// to the minute (a CMS that stamps every save as published),
		// a day or more after JSON-LD's: that is the first
		// publication.
		return lt, true
	}
	p, ok := m.visibleDate(dayFirst)
	if !ok {
		return time.Time{}, false
	}
	if t.After(lt) {
		if !sameDay(p, lt) || sameDay(p, t) {
			return time.Time{}, false
		}
		return lt, true
	}
	if !hasClock(ld) || p.Format("2006-01-02 15:04") != lt.Format("2006-01-02 15:04") {
		return time.Time{}, false
	}
	return lt, true
}

// minUpdateGap is how long after JSON-LD's publication time a meta
// publication time that is the page's modification time must lie to be
// taken for an update: closer, the two are the first save and the
// publication of one story (WordPress stamps both within seconds), or
// one clock time given in two zones.
const minUpdateGap = 24 * time.Hour

// modifiedAt reports whether the page gives t, to the minute, as the time
// it was last modified (JSON-LD dateModified or a modification meta tag).
func (m *pageMeta) modifiedAt(t time.Time) bool {
	for _, v := range append([]string{m.ldArticle().dateModified}, m.metaAll(modifiedKeys...)...) {
		if mt, ok := parseMachineDate(v); ok && hasClock(v) && mt.Sub(t).Abs() < time.Minute {
			return true
		}
	}
	return false
}

// sameDay reports whether the printed date p falls on t's calendar day,
// in t's zone or in UTC.
func sameDay(p, t time.Time) bool {
	d := p.Format("2006-01-02")
	return d == t.Format("2006-01-02") || d == t.UTC().Format("2006-01-02")
}

// scriptDateRe finds a publication date in the data pages hand their
// scripts (Next.js, Shopify, Arc and the like): "publishedDate":"…".
var scriptDateRe = regexp.MustCompile(`"(?:datePublished|date_published|publishedDate|published_date|publishDate|publish_date|published_at|publishedAt|firstPublishDate|first_publish_date|createdAt|created_at|dateCreated)"\s*:\s*"([^"]{8,40})"`)

// maxScriptScan bounds the script text searched for a date per page.
const maxScriptScan = 1 << 20

// scriptDate returns the first publication date in the page's script data.
func (m *pageMeta) scriptDate() (time.Time, bool) {
	budget := maxScriptScan
	for _, s := range m.scripts {
		if budget <= 0 {
			break
		}
		s = s[:min(len(s), budget)]
		budget -= len(s)
		for _, sm := range scriptDateRe.FindAllStringSubmatch(s, 4) {
			if t, ok := parseMachineDate(sm[1]); ok {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// summaryDate returns the first date in the page's title or in the
// description it gives for previews ("… (Notizia del 14 Gennaio 2020)"),
// the last place a page that prints no date may still name one.
func (m *pageMeta) summaryDate(dayFirst bool) (time.Time, bool) {
	for _, s := range []string{m.docTitle, m.meta("og:title", "twitter:title"), m.meta("description", "og:description", "twitter:description")} {
		if t, ok := textDate(s, dayFirst); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// visibleDate returns the publication date printed for readers: after a
// label, inside the headline, or nearest it (not after an update label).
func (m *pageMeta) visibleDate(dayFirst bool) (time.Time, bool) {
	return m.printedDate(dayFirst, false)
}

// printedDate is visibleDate; with updates, a date after an update label
// counts too (it still tells the page's calendar day near the time).
func (m *pageMeta) printedDate(dayFirst, updates bool) (time.Time, bool) {
	if t, ok := m.labeledDate(publishedLabelRe, dayFirst); ok {
		return t, true
	}
	for _, s := range m.h1Dates {
		if t, ok := textDate(s, dayFirst); ok {
			return t, true
		}
	}
	return m.headlineDate(dayFirst, updates)
}

// localize moves a publication time given in UTC into the page's own zone,
// keeping the instant: news is dated by the publisher's calendar, and
// 2020-02-25T02:25Z is 24 February in New York. The zone is, in order, the
// offset of another date on the page; that of a clock time printed for
// readers (a <time>, a date line) at the same minute as t; that of the
// local clock time printed nearest the headline; or, when the URL or the
// printed date names a day next to the UTC one, the whole-hour offset
// nearest UTC that puts the instant on that day.
// Times with an offset or with none (local clock times) are kept as given.
func (m *pageMeta) localize(t time.Time, u *url.URL, dayFirst bool) time.Time {
	if t.Location() == naive && m.utcTwin(t) {
		t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	}
	if _, off := t.Zone(); off != 0 || t.Location() == naive {
		return t
	}
	if loc := m.pageZone(); loc != nil {
		return t.In(loc)
	}
	if loc := m.printedZone(t, dayFirst); loc != nil {
		return t.In(loc)
	}
	local, ok := urlDate(u)
	if !ok {
		if local, ok = m.printedDate(dayFirst, true); !ok {
			return m.regionTime(t)
		}
		if local.Hour() != 0 || local.Minute() != 0 {
			// A printed clock time: the offset is its distance from UTC,
			// when that is a zone's offset; else the printed time is
			// another moment's (an update's) and tells no zone.
			off, ok := zoneOffset(local.Sub(t))
			if !ok {
				return m.regionTime(t)
			}
			if off >= westmostOffset && off <= eastmostOffset && off != 0 {
				return t.In(time.FixedZone("", int(off.Seconds())))
			}
			return t
		}
	}
	return onDay(t, local)
}

// regionTime returns the UTC time t in the zone of the region the page
// declares in its language tag ("en-US", og:locale "en_US") or, with a
// tag that names none, in that of its country domain (.ca, .co.uk, .it),
// when nothing on the page gives the publisher's zone: news is dated by the
// publisher's calendar, and a story a New York paper put out at 9 p.m.
// is dated the day before its UTC time. A time at UTC midnight is a bare
// date written as a time and is kept.
func (m *pageMeta) regionTime(t time.Time) time.Time {
	if t.Location() != time.UTC || t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t
	}
	for _, v := range []string{m.lang, m.meta("og:locale", "content-language"), m.ldArticle().language} {
		v = strings.ToLower(strings.TrimSpace(v))
		if len(v) < 5 || v[2] != '-' && v[2] != '_' {
			continue
		}
		if z, ok := regionZones[v[3:]]; ok {
			return t.In(z)
		}
		return t
	}
	if z, ok := regionZones[countryDomain(m.pageURL)]; ok {
		return t.In(z)
	}
	return t
}

// countryDomain returns the country code top-level domain of u's host
// ("it" for www.example.it, "uk" for example.co.uk), or "".
func countryDomain(u *url.URL) string {
	if u == nil {
		return ""
	}
	h := strings.ToLower(u.Hostname())
	tld := h[strings.LastIndexByte(h, '.')+1:]
	if len(tld) != 2 || tld == h {
		return ""
	}
	return tld
}

// regionZones maps a language tag's region to the zone of its biggest
// newsrooms, read from the IANA time zone database (time/tzdata is built
// in, so a machine without one reads the same): the US and Canada to New
// York's and Toronto's, Britain and Ireland to London's and Dublin's,
// India to Kolkata's, Australia to Sydney's, the big western European
// countries to their capitals', each with its summer time.
var regionZones = loadZones(map[string]string{
	"us": "America/New_York", "ca": "America/Toronto",
	"gb": "Europe/London", "uk": "Europe/London", "ie": "Europe/Dublin",
	"in": "Asia/Kolkata",
	"au": "Australia/Sydney",
	"it": "Europe/Rome", "de": "Europe/Berlin", "fr": "Europe/Paris", "es": "Europe/Madrid",
	"nl": "Europe/Amsterdam", "at": "Europe/Vienna", "ch": "Europe/Zurich",
})

// loadZones loads the zones of names; one the database lacks is left out.
func loadZones(names map[string]string) map[string]*time.Location {
	out := make(map[string]*time.Location, len(names))
	for region, name := range names {
		if loc, err := time.LoadLocation(name); err == nil {
			out[region] = loc
		}
	}
	return out
}

// printedZone returns the zone of a local clock time printed for readers
// (in a <time>, a date line, the byline) that shows the instant t: the
// same minute of the hour, at most a day's width of zones away. A printed
// time of another minute is another moment (an update) and tells nothing.
func (m *pageMeta) printedZone(t time.Time, dayFirst bool) *time.Location {
	texts := make([]string, 0, len(m.times)+len(m.dateTexts))
	for _, h := range m.times {
		if !h.related && !h.modified {
			texts = append(texts, h.value, h.printed)
		}
	}
	texts = append(texts, m.dateTexts...)
	for _, s := range texts {
		local, _, _, ok := textDateAt(s, dayFirst)
		if !ok || local.Hour() == 0 && local.Minute() == 0 || local.Minute() != t.Minute() {
			continue
		}
		local = time.Date(local.Year(), local.Month(), local.Day(), local.Hour(), local.Minute(), t.Second(), t.Nanosecond(), time.UTC)
		off := local.Sub(t)
		if off != 0 && off >= westmostOffset && off <= eastmostOffset && off%(15*time.Minute) == 0 {
			return time.FixedZone("", int(off.Seconds()))
		}
	}
	return nil
}

// maxOffsetSlack is how far from a zone's offset the distance between a
// printed clock time and the machine time of one moment may lie: the
// page rounds the time it prints, or saves it a few minutes apart.
const maxOffsetSlack = 10 * time.Minute

// oddOffsets are the offsets of zones that are no whole number of hours
// from UTC (India's +5:30, Nepal's +5:45, Newfoundland's -3:30 and -2:30,
// Central Australia's +9:30 and +10:30, and the like).
var oddOffsets = [...]time.Duration{
	-(9*time.Hour + 30*time.Minute), -(3*time.Hour + 30*time.Minute), -(2*time.Hour + 30*time.Minute),
	3*time.Hour + 30*time.Minute, 4*time.Hour + 30*time.Minute, 5*time.Hour + 30*time.Minute,
	5*time.Hour + 45*time.Minute, 6*time.Hour + 30*time.Minute, 8*time.Hour + 45*time.Minute,
	9*time.Hour + 30*time.Minute, 10*time.Hour + 30*time.Minute, 12*time.Hour + 45*time.Minute,
	13*time.Hour + 45*time.Minute,
}

// zoneOffset returns the zone offset d, the distance of a printed clock
// time from the UTC time of one moment, lies within maxOffsetSlack of,
// and whether there is one: 6h45m between a printed time and a machine
// time is no zone's offset, but an update printed hours later.
func zoneOffset(d time.Duration) (time.Duration, bool) {
	best := d.Round(time.Hour)
	for _, o := range oddOffsets {
		if (d - o).Abs() < (d - best).Abs() {
			best = o
		}
	}
	return best, (d - best).Abs() <= maxOffsetSlack
}

// westmostOffset and eastmostOffset bound the offsets a page's zone is
// inferred at: from Hawaii's (no newsroom keeps a zone further west;
// -11 and -12 are a few small islands' or none) to the Line Islands'.
const (
	westmostOffset = -10 * time.Hour
	eastmostOffset = 14 * time.Hour
)

// onDay returns t in the whole-hour zone nearest UTC whose calendar puts it
// on day's date, or t itself when day is not next to t's UTC date.
func onDay(t, day time.Time) time.Time {
	want := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, naive)
	switch want.Sub(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, naive)) {
	case -24 * time.Hour:
		// The local day is the one before: a negative offset.
		h := t.Hour() + 1
		if h <= int(-westmostOffset/time.Hour) {
			return t.In(time.FixedZone("", -h*3600))
		}
	case 24 * time.Hour:
		h := 24 - t.Hour()
		if h <= int(eastmostOffset/time.Hour) {
			return t.In(time.FixedZone("", h*3600))
		}
	}
	return t
}

// utcTwin reports whether the clock time t, written without a zone, is
// a UTC time: another of the page's machine dates gives the same minute
// in UTC (article:published_time "2019-11-20T01:50:59" beside JSON-LD's
// "2019-11-20T01:50:59Z").
func (m *pageMeta) utcTwin(t time.Time) bool {
	for _, v := range m.machineDates() {
		u, ok := parseMachineDate(v)
		if !ok || u.Location() != time.UTC {
			continue
		}
		if u.Year() == t.Year() && u.YearDay() == t.YearDay() && u.Hour() == t.Hour() && u.Minute() == t.Minute() {
			return true
		}
	}
	return false
}

// machineDates returns the page's dates written for machines: its meta
// dates, JSON-LD's and those of its <time> elements.
func (m *pageMeta) machineDates() []string {
	vals := []string{m.meta(publishedKeys...), m.meta(genericDateKeys...), m.meta(modifiedKeys...)}
	for _, o := range m.jsonld {
		vals = append(vals, o.datePublished, o.dateModified, o.dateCreated)
	}
	for _, h := range m.times {
		vals = append(vals, h.value)
	}
	return vals
}

// pageZone returns the zone of the first date on the page that carries a
// non-zero offset, or nil.
func (m *pageMeta) pageZone() *time.Location {
	for _, v := range m.machineDates() {
		if t, ok := parseMachineDate(v); ok {
			if _, off := t.Zone(); off != 0 {
				return t.Location()
			}
		}
	}
	return nil
}

// pickPrecise parses the first of vals that gives a date and, when that
// one has no time of day, returns instead the first later one that gives
// a time within a day of it: a page that says "2019-10-18" in one place
// and "2019-10-19T03:00Z" in another was published at the latter. A
// precise time further away is another thing's (a video's, an image's)
// and does not outweigh the more trusted date.
func pickPrecise(dayFirst bool, vals ...string) (time.Time, bool) {
	var first time.Time
	for _, v := range vals {
		t, ok := parseDate(v, dayFirst)
		if !ok {
			continue
		}
		if first.IsZero() {
			if hasClock(v) {
				return t, true
			}
			first = t
			continue
		}
		if d := t.Sub(first); hasClock(v) && d > -maxPreciseGap && d < maxPreciseGap {
			return t, true
		}
	}
	return first, !first.IsZero()
}

// maxPreciseGap is how far from a bare date a precise time may lie and
// still be taken for the same publication: the day itself, or the next
// or previous one in another zone.
const maxPreciseGap = 48 * time.Hour

// hasClock reports whether a machine date gives a time of day.
func hasClock(v string) bool {
	return strings.Contains(v, ":")
}

// Labels pages print before a visible date: of publication, and of the
// last update.
var (
	publishedLabelRe = regexp.MustCompile(`(?i)datum|\bdated?\b|\bpubli(?:shed|é|ée|cado|cada|cato|ziert|kováno)|pubblicat|veröffentlicht|erschienen|erstellt|\bposted|fecha|\bdata\b|gepubliceerd|opublikowano|日期|发布|發佈|發布|发表|發表|발행|등록|입력|게재|승인|ngày đăng|xuất bản|投稿|公開|掲載|配信`)
	updatedLabelRe   = regexp.MustCompile(`(?i)\bstand\b|\bupdated|aktualisiert|mis à jour|actualizado|aggiornato|bijgewerkt|cập nhật|更新|수정`)
	// revisedLabelRe is updatedLabelRe without the labels that also date
	// a first version ("Stand: 12.11.2021"): the labels of a later change.
	revisedLabelRe = regexp.MustCompile(`(?i)\bupdated|\bmodified|\brevised|aktualisiert|geändert|mis à jour|actualizado|aggiornato|bijgewerkt|cập nhật|更新|수정`)
)

// labelStems are the literal parts of the date labels, to rule out most
// texts in one cheap pass before the label patterns run.
var labelStems = newWordMatcher(map[classFlags][]string{cfDate: {
	"datum", "date", "publi", "pubblicat", "veröffentlicht", "erschienen", "erstellt", "posted",
	"fecha", "data", "gepubliceerd", "opublikowano", "日期", "发布", "發佈", "發布", "발행", "등록",
	"입력", "게재", "승인", "ngày đăng", "xuất bản", "投稿", "公開", "掲載", "配信", "发表", "發表", "stand", "updated", "aktualisiert", "mis à jour",
	"actualizado", "aggiornato", "bijgewerkt", "cập nhật", "更新", "수정",
}})

// isDateLabel reports whether s holds a date label.
func isDateLabel(s string) bool {
	if labelStems.flags(strings.ToLower(s)) == 0 {
		return false
	}
	return publishedLabelRe.MatchString(s) || updatedLabelRe.MatchString(s)
}

// maxLabelGap is how far after its label a labelled date may start.
const maxLabelGap = 40

// objectMarks are the particles that end the object of a verb in Chinese,
// Japanese and Korean: a label word right after one is the verb of a
// sentence ("重みを公開しました", "모델을 등록했다"), not a label.
const objectMarks = "を을를"

// verbEndings are the inflections that make a CJK label word a verb
// ("公開しました", "发布了", "등록했다"): the date after it belongs to the
// next sentence or list item, not to the word.
var verbEndings = []string{"し", "す", "さ", "了", "했", "한", "하", "된", "됐", "되"}

// verbLabel reports whether the label at loc in s is a CJK verb in a
// sentence rather than a label before a date: a "2026/11/26: X を公開" news
// line's verb must not date the line after it.
func verbLabel(s string, loc []int) bool {
	r, _ := utf8.DecodeRuneInString(s[loc[0]:])
	if !unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s[:loc[0]], " "))
	if strings.ContainsRune(objectMarks, before) {
		return true
	}
	after := strings.TrimLeft(s[loc[1]:], " ")
	for _, e := range verbEndings {
		if strings.HasPrefix(after, e) {
			return true
		}
	}
	return false
}

// labeledDate returns the first date that follows a label matched by re
// closely, in the labelled texts of the page.
func (m *pageMeta) labeledDate(re *regexp.Regexp, dayFirst bool) (time.Time, bool) {
	for _, s := range m.labeled {
		for _, loc := range re.FindAllStringIndex(s, 3) {
			if verbLabel(s, loc) {
				continue
			}
			if t, at, _, ok := textDateAt(s[loc[1]:], dayFirst); ok && at <= maxLabelGap {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// headlineDate returns the date printed nearest the first headline: the
// first one after it or the last one before it, whichever is closer,
// counting the distance before it beforeH1Weight times (a masthead prints
// today's date just above the headline, a byline the story's just below);
// or the first after a later headline.
// beforeH1Weight weighs the distance of a date before the headline
// against one after it.
const beforeH1Weight = 2

func (m *pageMeta) headlineDate(dayFirst, updates bool) (time.Time, bool) {
	if len(m.afterH1) == 0 {
		return time.Time{}, false
	}
	after, at, okAfter := m.lex.firstPublishedDate(m.afterH1[0].String(), dayFirst, updates)
	b := m.beforeH1.String()
	b = b[max(0, len(b)-beforeH1Chars):]
	before, bt, okBefore := m.lex.lastPublishedDate(b, dayFirst, updates)
	switch {
	case okBefore && (!okAfter || beforeH1Weight*(len(b)-bt) < at):
		return before, true
	case okAfter:
		return after, true
	}
	for _, buf := range m.afterH1[1:] {
		if t, _, ok := m.lex.firstPublishedDate(buf.String(), dayFirst, updates); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// maxDatesScanned bounds the dates read in one text.
const maxDatesScanned = 8

// firstPublishedDate returns the first date in s, and where it starts,
// that no update label ("Updated", "Zuletzt geändert am:") comes just
// before, unless updates is set.
func (lx *lexicon) firstPublishedDate(s string, dayFirst, updates bool) (time.Time, int, bool) {
	off := 0
	for i := 0; i < maxDatesScanned; i++ {
		t, at, end, ok := textDateAt(s[off:], dayFirst)
		if !ok {
			break
		}
		if (updates || !updatedBefore(s, off, off+at)) && !lx.profileBefore(s, off, off+at) {
			return t, off + at, true
		}
		off += end
	}
	return time.Time{}, 0, false
}

// lastPublishedDate is firstPublishedDate for the last such date in s.
func (lx *lexicon) lastPublishedDate(s string, dayFirst, updates bool) (time.Time, int, bool) {
	var last time.Time
	lastAt, off := -1, 0
	for i := 0; i < maxDatesScanned; i++ {
		t, at, end, ok := textDateAt(s[off:], dayFirst)
		if !ok {
			break
		}
		if (updates || !updatedBefore(s, off, off+at)) && !lx.profileBefore(s, off, off+at) {
			last, lastAt = t, off+at
		}
		off += end
	}
	return last, lastAt, lastAt >= 0
}

// updatedBefore reports whether the last date label within maxLabelGap
// bytes before s[at:], and after s[:from] (the date before), is an update
// label.
func updatedBefore(s string, from, at int) bool {
	from = max(from, at-maxLabelGap)
	for from > 0 && !utf8.RuneStart(s[from]) {
		from--
	}
	before := s[from:at]
	if strings.Contains(before, "更新") {
		before = changelogHeadingRe.ReplaceAllLiteralString(before, "")
	}
	return lastMatch(revisedLabelRe, before) > lastMatch(publishedLabelRe, before)
}

// profileBefore reports whether the text within maxLabelGap bytes before
// s[at:], and after s[:from] (the date before), ends in a profile's
// sign-up label.
func (lx *lexicon) profileBefore(s string, from, at int) bool {
	from = max(from, at-maxLabelGap)
	for from > 0 && !utf8.RuneStart(s[from]) {
		from--
	}
	return lx.profile.MatchString(s[from:at])
}

// changelogHeadingRe matches the CJK headings of a list of dated news
// ("更新情報", "更新履歴", "更新日志"): their 更新 labels no later change;
// the entries under them are dated each by its own date.
var changelogHeadingRe = regexp.MustCompile(`更新(?:情報|情报|履歴|履历|日志|日誌|记录|紀錄|記録|内容|內容)`)

// lastMatch returns where the last match of re in s starts, or -1.
func lastMatch(re *regexp.Regexp, s string) int {
	last := -1
	for _, m := range re.FindAllStringIndex(s, 4) {
		last = m[0]
	}
	return last
}

// maxTitleDateGap is how far after the headline printed on the page a date
// may start and still be the story's date line.
const maxTitleDateGap = 300

// pageDate returns the date printed nearest after the headline title in
// the page's text body, when one follows it closely; else the first date
// on the page that is no poster's sign-up day. A masthead prints the
// reader's today above the headline, the story its own date below it.
func (lx *lexicon) pageDate(body, title string, dayFirst bool) (time.Time, bool) {
	if i := strings.Index(body, title); title != "" && i >= 0 {
		if t, at, ok := lx.firstPublishedDate(body[i+len(title):], dayFirst, true); ok && at <= maxTitleDateGap {
			return t, true
		}
	}
	t, _, ok := lx.firstPublishedDate(body, dayFirst, true)
	return t, ok
}
