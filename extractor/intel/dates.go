package intel

import (
	"bytes"
	"iter"
	"time"
	"unicode/utf8"
)

// The readers of dates in text, each for one form the package knows: a
// date in digits ("2025-04-16", "2024年6月", "tháng 3 năm 2024"), a month
// number with its day or part ("11月24日", "11월 초", "giữa tháng 11"), an
// English month name or abbreviation with its day and year ("November 24th,
// 2025", "Oct. 28", "Dec 3"), a day before its unit ("4日", "4일", "ngày
// 3/12"). What a date means for a release (past, fresh, earlier than the
// page) is decided by their callers: pastDateBy, monthPast and periodPast
// (releases.go, olddates.go), datedFresh (genre.go), earlierMonth.

// The units that make a number part of a date: after it in Chinese,
// Japanese and Korean ("2025年", "11月", "24日"; "2025년", "11월", "24일"),
// before it in Vietnamese ("năm 2025", "tháng 11", "ngày 24"). rest is
// the text after the number, before the text before it.

func yearUnitAfter(rest []byte) bool     { return hasPrefixIn(rest, []string{"年", "년"}) }
func yearUnitBefore(before []byte) bool  { return hasSuffixIn(before, []string{"năm", "Năm"}) }
func monthUnitAfter(rest []byte) bool    { return hasPrefixIn(rest, []string{"月", "월"}) }
func monthUnitBefore(before []byte) bool { return hasSuffixIn(before, []string{"tháng", "Tháng"}) }
func dayUnitAfter(rest []byte) bool      { return hasPrefixIn(rest, []string{"日", "일"}) }
func dayUnitBefore(before []byte) bool   { return hasSuffixIn(before, []string{"ngày", "Ngày"}) }

// dayMonthBefore returns the day of a Vietnamese date written day/month
// after a word of the day ("ngày 26/11", "hôm 6/12"), where before ends
// at the slash before the month; 0 for none.
func dayMonthBefore(before []byte) int {
	b, ok := bytes.CutSuffix(before, []byte("/"))
	if !ok {
		return 0
	}
	k := len(b)
	for k > 0 && len(b)-k < 2 && isDigit(b[k-1]) {
		k--
	}
	if k == len(b) || k > 0 && isDigit(b[k-1]) || !hasSuffixIn(bytes.TrimRight(b[:k], " "), []string{"ngày", "Ngày", "hôm", "Hôm"}) {
		return 0
	}
	if d := atoiSmall(string(b[k:])); d <= 31 {
		return d
	}
	return 0
}

// numericDate reads a year and month written with CJK or Vietnamese units
// or in digits in text: "2024年6月", "2024 年 6 月", "2024년 3월", "tháng 3
// năm 2024", "2024.03.01", "2024-03". It takes the last year and the last
// month text writes, apart or together; a month alone is taken in the
// publication year, or the year before when it lies ahead of the
// publication month, and a year alone before the publication's as its
// December.
func (s *state) numericDate(text []byte) (year, month int, ok bool) {
	pub := s.a.PublishedAt
	for i := 0; i < len(text); i++ {
		if !isDigit(text[i]) || i > 0 && isDigit(text[i-1]) {
			continue
		}
		j := i
		for j < len(text) && isDigit(text[j]) {
			j++
		}
		n := 0
		for _, c := range text[i:j] {
			n = n*10 + int(c-'0')
		}
		rest := bytes.TrimLeft(text[j:], " ")
		before := bytes.TrimRight(text[:i], " ")
		if leadingYear(text[i:]) > 0 && j+2 < len(text) && (text[j] == '.' || text[j] == '-' || text[j] == '/') && isDigit(text[j+1]) {
			// "2025.03.01", "2025-03-01", "2025/03": a numeric date.
			k := j + 1
			mo := 0
			for k < len(text) && isDigit(text[k]) && k < j+3 {
				mo = mo*10 + int(text[k]-'0')
				k++
			}
			if mo >= 1 && mo <= 12 && (k == len(text) || !isDigit(text[k])) {
				year, month = n, mo
			}
			i = k
			continue
		}
		switch {
		case yearUnitAfter(rest) || yearUnitBefore(before):
			if j-i == 4 {
				year = n
			}
		case monthUnitAfter(rest) || monthUnitBefore(before):
			if n >= 1 && n <= 12 && j-i <= 2 {
				month = n
				if y, ok := bytes.CutPrefix(text[j:], []byte("/")); ok && monthUnitBefore(before) && leadingYear(y) > 0 {
					year = leadingYear(y) // "tháng 12/2025"
					j += 1 + 4
				}
			}
		}
		i = j
	}
	if month == 0 {
		if year != 0 && year < pub.Year() {
			return year, 12, true
		}
		return 0, 0, false
	}
	if year == 0 {
		year = yearOfMonth(pub, month)
	}
	return year, month, true
}

// shortNumbers yields where each number of one or two digits in text (a
// month or a day) starts and ends; longer runs of digits are none.
func shortNumbers(text []byte) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		for i := 0; i < len(text); i++ {
			if !isDigit(text[i]) {
				continue
			}
			j := i
			for j < len(text) && isDigit(text[j]) {
				j++
			}
			if j-i <= 2 && !yield(i, j) {
				return
			}
			i = j
		}
	}
}

// monthNumbers calls f with each date text writes with a month number
// ("2025年11月", "11월 초", "tháng 11 năm 2025", "11月24日", "ngày 26/11"): its year (the
// publication's, or the year before for a month ahead of it, when text
// gives none), month, and day (from a day or a month part; 0 for none),
// until f returns true.
func (s *state) monthNumbers(text []byte, f func(year, month, day int) bool) {
	pub := s.a.PublishedAt
	for i, j := range shortNumbers(text) {
		month := atoiSmall(string(text[i:j]))
		before, rest := bytes.TrimRight(text[:i], " "), bytes.TrimLeft(text[j:], " ")
		day, year := 0, 0
		switch {
		case monthUnitAfter(rest):
			_, w := utf8.DecodeRune(rest)
			rest = bytes.TrimLeft(rest[w:], " ")
			day = s.dayOrPart(rest)
			if y := numberBefore(before, 4, "年", "년"); len(y) == 4 {
				year = atoi4(y) // "2025年11月"
			}
		case dayMonthBefore(before) > 0:
			// "ngày 26/11", "hôm 6/12/2025": a Vietnamese day/month.
			day = dayMonthBefore(before)
			if y, ok := bytes.CutPrefix(text[j:], []byte("/")); ok && leadingYear(y) > 0 {
				year = leadingYear(y)
			}
		case monthUnitBefore(before):
			before = bytes.TrimRight(before[:len(before)-len("tháng")], " ")
			day = s.monthPartBefore(before)
			if y, ok := bytes.CutPrefix(rest, []byte("năm ")); ok && len(y) >= 4 && isDigit(y[0]) {
				year = atoi4(y)
			} else if y, ok := bytes.CutPrefix(text[j:], []byte("/")); ok && leadingYear(y) > 0 {
				year = leadingYear(y) // "tháng 12/2025"
			}
		default:
			continue
		}
		if month < 1 || month > 12 {
			continue
		}
		if year == 0 {
			year = yearOfMonth(pub, month)
		}
		if f(year, month, day) {
			return
		}
	}
}

// dayOrPart reads what follows a month number: a day ("24日", "24일") or a
// part of the month ("上旬", "초"); 0 for neither.
func (s *state) dayOrPart(rest []byte) int {
	if n, w := leadingDay(rest); n > 0 && dayUnitAfter(rest[w:]) {
		return n
	}
	best, day := 0, 0
	for w, d := range s.an.cat.MonthParts {
		if len(w) > best && bytes.HasPrefix(rest, []byte(w)) && !continuesWord(rest[len(w):], w) {
			best, day = len(w), d
		}
	}
	return day
}

// monthPartBefore reads the part of a month that ends b, before the
// Vietnamese "tháng" ("giữa", "cuối"); 0 for none.
func (s *state) monthPartBefore(b []byte) int {
	w := b[bytes.LastIndexByte(b, ' ')+1:]
	for part, d := range s.an.cat.MonthParts {
		if bytes.EqualFold(w, []byte(part)) {
			return d
		}
	}
	return 0
}

// continuesWord reports a Latin letter right after a month part spelled
// in Latin letters ("đầu" in "đầuX"); a CJK part ends where it ends.
func continuesWord(after []byte, part string) bool {
	return len(after) > 0 && isAlnum(after[0]) && len(part) > 0 && part[0] < utf8.RuneSelf
}

// numberBefore returns the number that b ends with before one of units
// ("12月", "2025年 ", "11월"): the last digits, at most width of them, past
// spaces; nil for none.
func numberBefore(b []byte, width int, units ...string) []byte {
	for _, u := range units {
		if t, ok := bytes.CutSuffix(b, []byte(u)); ok {
			t = bytes.TrimRight(t, " ")
			k := len(t)
			for k > 0 && isDigit(t[k-1]) && len(t)-k < width {
				k--
			}
			if k < len(t) {
				return t[k:]
			}
		}
	}
	return nil
}

// viMonthAfter reads the month after a Vietnamese day: "/12" or " tháng
// 12"; 0 when none follows.
func viMonthAfter(rest []byte) int {
	if t, ok := bytes.CutPrefix(rest, []byte("/")); ok {
		rest = t
	} else if t, ok := bytes.CutPrefix(bytes.TrimLeft(rest, " "), []byte("tháng ")); ok {
		rest = t
	} else {
		return 0
	}
	k := 0
	for k < len(rest) && k < 2 && isDigit(rest[k]) {
		k++
	}
	if n := atoiSmall(string(rest[:k])); n >= 1 && n <= 12 {
		return n
	}
	return 0
}

// englishMonths calls f with each English month name in text (where it
// starts and ends, and its month) until f returns true, and reports
// whether f did; an abbreviation counts with its period ("Oct. 28") or
// before a day ("Dec 3"). Month names start with a capital: it looks
// only at capitalised words.
func (s *state) englishMonths(text []byte, f func(at, end, month int) bool) bool {
	for at := 0; at < len(text); at++ {
		if !isUpper(text[at]) || at > 0 && isAlnum(text[at-1]) {
			continue
		}
		k := at + 1
		for k < len(text) && isLower(text[k]) {
			k++
		}
		end := k
		if k < len(text) && text[k] == '.' {
			end = k + 1 // "Oct. 28"
		}
		m := s.an.monthOf(text[at:end]) // "October", "Oct."
		if m == 0 {
			end, m = k, s.an.monthName(text[at:k], dayAfter(text[k:])) // "May.", "Dec 3"
		}
		if m > 0 && (end == len(text) || !isAlnum(text[end])) && f(at, end, m) {
			return true
		}
		at = k - 1
	}
	return false
}

// monthOf returns the month an English month name w, or its abbreviation
// with a period ("Oct.", "Sept."), names (1 to 12, the lexicon's months),
// or 0.
func (an *Analyzer) monthOf(w []byte) int {
	if len(w) < 3 || len(w) > 9 {
		return 0
	}
	for i, m := range an.cat.Months {
		if len(m) == len(w) && string(w) == m {
			return i + 1
		}
	}
	// An abbreviation and its period: "Oct.", "Sept.".
	if a, ok := bytes.CutSuffix(w, []byte(".")); ok {
		return an.monthAbbreviation(a)
	}
	return 0
}

// monthName returns the month an English month word w names: a name or
// an abbreviation with its period (monthOf), or, before a day, an
// abbreviation without one ("Dec 3"); 0 for none.
func (an *Analyzer) monthName(w []byte, beforeDay bool) int {
	if m := an.monthOf(w); m > 0 || !beforeDay {
		return m
	}
	return an.monthAbbreviation(w)
}

// monthAbbreviation returns the month whose English name a abbreviates,
// or 0: its first three letters ("Oct", "Dec"), or four where the press
// writes four ("Sept"), never any other start of a name ("Octo", "Marc").
func (an *Analyzer) monthAbbreviation(a []byte) int {
	if len(a) < 3 || len(a) > 4 {
		return 0
	}
	for i, m := range an.cat.Months {
		if len(a) < len(m) && m[:len(a)] == string(a) && (len(a) == 3 || string(a) == "Sept") {
			return i + 1
		}
	}
	return 0
}

// dayAfter reports a day number after a space at the start of b: what
// follows a month in "Dec 3" or "Oct. 28".
func dayAfter(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("."))
	return len(b) > 1 && b[0] == ' ' && isDigit(b[1])
}

// dayAfterMonth reads the day that follows an English month name
// ("September 30", "November 24th, 2025"; 0 for none) and returns it with
// the text after it: past the spaces and commas that close a day, or past
// spaces when there is no day.
func dayAfterMonth(after []byte) (day int, rest []byte) {
	after = bytes.TrimLeft(after, " ")
	if rest, ok := bytes.CutPrefix(after, []byte(",")); ok {
		if rest = bytes.TrimLeft(rest, " "); firstDay(rest) > 0 {
			after = rest // "July, 16th, 2025"
		}
	}
	n, w := leadingDay(after)
	if n == 0 {
		return 0, after
	}
	return n, bytes.TrimLeft(ordinalCut(after[w:]), " ,")
}

// ordinalCut strips the English ordinal ending of a day ("st", "nd",
// "rd", "th": "December 31st, 2024", "May 2nd") from the start of b.
func ordinalCut(b []byte) []byte {
	for _, o := range []string{"st", "nd", "rd", "th"} {
		if rest, ok := bytes.CutPrefix(b, []byte(o)); ok && (len(rest) == 0 || !isLetterASCII(rest[0])) {
			return rest
		}
	}
	return b
}

// firstDay returns the day of the month leadingDay reads, or 0.
func firstDay(b []byte) int {
	n, _ := leadingDay(b)
	return n
}

// leadingDay reads a day of the month (1 to 31, one or two digits) at the
// start of b and returns it with its width, or 0.
func leadingDay(b []byte) (int, int) {
	w := 0
	for w < len(b) && isDigit(b[w]) {
		w++
	}
	if w == 0 || w > 2 {
		return 0, 0
	}
	n := int(b[0] - '0')
	if w == 2 {
		n = n*10 + int(b[1]-'0')
	}
	if n < 1 || n > 31 {
		return 0, 0
	}
	return n, w
}

// leadingYear reads a year from 2000 to 2999 at the start of b, four
// digits and no fifth ("2025" in "2025)"); 0 for none.
func leadingYear(b []byte) int {
	if len(b) >= 4 && b[0] == '2' && isDigit(b[1]) && isDigit(b[2]) && isDigit(b[3]) && (len(b) == 4 || !isDigit(b[4])) {
		return atoi4(b)
	}
	return 0
}

// atoi4 reads the four digits that b starts with.
func atoi4(b []byte) int {
	return int(b[0]-'0')*1000 + int(b[1]-'0')*100 + int(b[2]-'0')*10 + int(b[3]-'0')
}

// englishYear returns the year of an English month name followed by
// after ("November 24, 2025", "November"): the year after it, else the
// publication year, or the year before for a month ahead of the page's.
func (s *state) englishYear(after []byte, month int) int {
	_, rest := dayAfterMonth(after)
	if year := leadingYear(rest); year > 0 {
		return year
	}
	return yearOfMonth(s.a.PublishedAt, month)
}

// yearOfMonth returns the year of a month a text writes without one: the
// publication's, or the year before when the month lies ahead of it
// ("11月上旬" read in January is last November).
func yearOfMonth(pub time.Time, month int) int {
	if month > int(pub.Month()) {
		return pub.Year() - 1
	}
	return pub.Year()
}

// monthsBefore returns how many months year and month lie before pub's
// month: 0 for its own, less for a month after it.
func monthsBefore(pub time.Time, year, month int) int {
	return (pub.Year()-year)*12 + int(pub.Month()) - month
}

// dayPast reports a day (0: the month's last, when the month is over;
// none in pub's own month) at least days before pub: a month that is
// over is dated by its last day, the latest the release can be ("in
// July" read on August 24).
func dayPast(pub time.Time, year, month, day, days int) bool {
	if day == 0 {
		if year == pub.Year() && month == int(pub.Month()) {
			return false
		}
		day = time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, pub.Location()).Day()
	}
	return sinceDay(pub, year, month, day) >= time.Duration(days)*24*time.Hour
}

// withinDays reports a day of month (0: pub's month, or the month before
// when the day lies ahead of pub) at most days before pub, and not after it.
func withinDays(pub time.Time, month, day, days int) bool {
	if day < 1 || day > 31 {
		return false
	}
	year := pub.Year()
	if month == 0 {
		month = int(pub.Month())
		if day > pub.Day() {
			month--
		}
	} else {
		year = yearOfMonth(pub, month)
	}
	gap := sinceDay(pub, year, month, day)
	return gap >= 0 && gap <= time.Duration(days)*24*time.Hour
}

// sinceDay returns the time from the start of a day (in pub's location;
// a month or day past its end runs on into the next) to pub.
func sinceDay(pub time.Time, year, month, day int) time.Duration {
	return pub.Sub(time.Date(year, time.Month(month), day, 0, 0, 0, 0, pub.Location()))
}
