package extractor

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// adversarialPages are inputs built to exhaust an extractor: each must come
// back (with an article or an error) without a panic.
func adversarialPages() map[string][]byte {
	para := "<p>" + strings.Repeat("Words of an ordinary sentence, repeated. ", 20) + "</p>"
	return map[string][]byte{
		"deep nesting":          []byte(strings.Repeat("<div>", 50000) + para + strings.Repeat("</div>", 50000)),
		"deep inline nesting":   []byte("<p>" + strings.Repeat("<b><i>", 50000) + "text" + para),
		"megabyte attribute":    []byte(`<div class="` + strings.Repeat("a", 2<<20) + `" id="` + strings.Repeat("share ", 1<<18) + `">` + para + `</div>`),
		"ten megabytes of text": []byte("<p>" + strings.Repeat("word ", 2<<20) + "</p>"),
		"invalid utf-8":         []byte("<p>\xff\xfe\xc3\x28 " + strings.Repeat("\xe2\x82", 1000) + "</p>" + para),
		"bogus charset":         []byte(`<meta charset="x-no-such-charset"><p>caf` + "\xe9" + `</p>` + para),
		"utf-16 bom":            append([]byte{0xff, 0xfe}, []byte("<\x00p\x00>\x00h\x00i\x00")...),
		"many tables":           []byte(strings.Repeat("<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>", 20000)),
		"huge json-ld":          []byte(`<script type="application/ld+json">` + strings.Repeat(`{"@type":"NewsArticle","author":[`, 5000) + `</script>` + para),
		"empty":                 nil,
		// Eighty thousand parts, each compared with every heading.
		"megabyte title": []byte("<title>" + strings.Repeat("Several more words - ", 80000) + "</title>" + strings.Repeat("<h2>"+strings.Repeat("long heading words ", 20)+"</h2>", 8) + para),
	}
}

func TestAdversarialPages(t *testing.T) {
	for name, page := range adversarialPages() {
		t.Run(name, func(t *testing.T) {
			a, _, err := testExtractor.ExtractArticle(page, "https://example.com/2025/06/30/x")
			if err == nil && a.Text == "" {
				t.Error("no error but no text")
			}
			if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
				t.Error("invalid UTF-8 in output")
			}
		})
	}
}

func utf8Valid(s string) bool { return utf8.ValidString(s) }

func init() {
	// Nested suspect containers once cost 2^depth side measurements.
	para := "<p>" + strings.Repeat("Words of an ordinary sentence, repeated. ", 20) + "</p>"
	nestedSuspects = []byte(strings.Repeat(`<div class="widget">`, 200) + para + strings.Repeat("</div>", 200))
}

var nestedSuspects []byte

func TestNestedSuspectContainers(t *testing.T) {
	if _, _, err := testExtractor.ExtractArticle(nestedSuspects, ""); err != nil && err != ErrNoContent {
		t.Fatal(err)
	}
}

func TestTablesBounded(t *testing.T) {
	row := "<tr>" + strings.Repeat("<td>1</td>", 1000) + "</tr>"
	tests := []struct {
		name  string
		page  string
		check func([]Table) string
	}{
		{"many tables", strings.Repeat("<table><tr><td>a</td></tr><tr><td>b</td></tr></table>", 1000), func(ts []Table) string {
			if len(ts) > maxTables {
				return "too many tables"
			}
			return ""
		}},
		{"wide rows", "<table>" + row + row + "</table>", func(ts []Table) string {
			if len(ts) != 1 || len(ts[0].Rows[0]) > maxRowCells {
				return "row not cut"
			}
			return ""
		}},
		{"many cells", strings.Repeat("<table>"+strings.Repeat(row[:4]+strings.Repeat("<td>1</td>", 60)+"</tr>", 100)+"</table>", 5), func(ts []Table) string {
			n := 0
			for _, tb := range ts {
				for _, r := range tb.Rows {
					n += len(r)
				}
			}
			if n > maxPageCells {
				return "page cells not bounded"
			}
			return ""
		}},
		{"huge spans", "<table>" + strings.Repeat(`<tr><td colspan="100000" rowspan="100000">1</td><td rowspan="9999">2</td></tr>`, 600) + "</table>", func(ts []Table) string {
			n := 0
			for _, r := range ts[0].Rows {
				if len(r) > maxRowCells {
					return "merged row not cut"
				}
				n += len(r)
			}
			if len(ts[0].Rows) > maxTableRows || n > maxPageCells {
				return "merged cells not bounded"
			}
			return ""
		}},
		{"huge cell", "<table><tr><td>" + strings.Repeat("wörd ", 1<<20) + "</td></tr><tr><td>x</td></tr></table>", func(ts []Table) string {
			if len(ts) != 1 || len(ts[0].Rows[0][0].Text) > maxCellBytes || !utf8.ValidString(ts[0].Rows[0][0].Text) {
				return "cell not cut to valid UTF-8"
			}
			return ""
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Parse([]byte(tc.page))
			if err != nil {
				t.Fatal(err)
			}
			if msg := tc.check(Tables(doc)); msg != "" {
				t.Error(msg)
			}
		})
	}
}
