package extractor

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Bounds on what Tables returns for one page, against adversarial pages:
// real articles hold a few tables of tens of rows.
const (
	// maxTables is the most tables returned.
	maxTables = 64
	// maxTableRows is the most rows kept per table.
	maxTableRows = 500
	// maxRowCells is the most cells (grid slots) kept per row.
	maxRowCells = 64
	// maxPageCells is the most grid slots kept over all tables, merged
	// cells counted once per slot they cover.
	maxPageCells = 20000
	// maxCellBytes is the most text kept per cell.
	maxCellBytes = 1 << 10
	// maxMarkBytes is the longest superscript dropped from a cell's text
	// as a footnote mark ("GPT-4o¹", "85.3<sup>†</sup>", "<sup>[a]</sup>").
	maxMarkBytes = 6
)

// Table is a data table laid out as a grid, the way a reader sees it: a
// merged cell (colspan, rowspan) fills every slot it covers, so column i
// of every row lies under column i of the header rows. Rows may be shorter
// than the widest row where the page leaves slots empty.
type Table struct {
	// Caption is the table's <caption> text, "" when it has none.
	Caption string
	// Heading is the text of the headings (<h1>–<h6>) the table stands
	// under, outermost first, and of the bold line right above it that
	// titles it (see leadLine), joined by " / " ("Leaderboard /
	// Evaluations in MTEB / Embedding Models"), "" when none: what a table
	// under "OmniParseBench" scores.
	Heading string
	Rows    [][]Cell
}

// Cell is one slot of a table grid.
type Cell struct {
	// Text is the cell's text with white space collapsed and footnote
	// superscripts dropped.
	Text string
	// Header marks a <th> cell or a cell of <thead>.
	Header bool
	// Strong marks a cell whose text is all bold or emphasised (<b>,
	// <strong>, <em>): how tables mark their best scores.
	Strong bool
	// Spanned marks a slot covered by a merged cell that starts above or
	// to the left; Text repeats that cell's text.
	Spanned bool
	// ColSpan and RowSpan are the merged cell's extent, 1 when unmerged,
	// on the slot where the cell starts.
	ColSpan, RowSpan int
}

// UnmarshalText makes a plain string a cell, so that test fixtures and
// configuration can write a table as rows of strings.
func (c *Cell) UnmarshalText(text []byte) error {
	*c = Cell{Text: string(text), ColSpan: 1, RowSpan: 1}
	return nil
}

// Texts returns the table's cell texts, row by row.
func (t Table) Texts() [][]string {
	out := make([][]string, len(t.Rows))
	for i, row := range t.Rows {
		out[i] = make([]string, len(row))
		for j, c := range row {
			out[i][j] = c.Text
		}
	}
	return out
}

// TableOf returns a table of plain cells with the given texts.
func TableOf(rows [][]string) Table {
	t := Table{Rows: make([][]Cell, len(rows))}
	for i, row := range rows {
		t.Rows[i] = make([]Cell, len(row))
		for j, text := range row {
			t.Rows[i][j] = Cell{Text: text, ColSpan: 1, RowSpan: 1}
		}
	}
	return t
}

// Tables returns the data tables under n: every <table> with at least two
// rows, laid out as a grid (see Table), and every Markdown table a page
// shows as text ("| a | b |" lines, see pipeTables). Nested tables are returned on their
// own and not repeated inside their parent's cells. At most 64 tables of
// 500 rows of 64 slots, 20,000 slots in all, and 1 KB of text per cell are
// returned. n is a page read by Parse, which joins the names a cell wraps
// over a line break.
func Tables(n *html.Node) []Table {
	tb := tables{cells: maxPageCells}
	tb.find(n, 0)
	return tb.out
}

// tables collects the tables of one page within the bounds.
type tables struct {
	out     []Table
	cells   int       // slots left in the page's budget
	heading [6]string // the text of the last heading of each level
}

// headings returns the headings the next table stands under, outermost
// first.
func (tb *tables) headings() string {
	var parts []string
	for _, h := range tb.heading {
		if h != "" {
			parts = append(parts, h)
		}
	}
	return strings.Join(parts, " / ")
}

func (tb *tables) find(n *html.Node, depth int) {
	if depth > maxDepth || len(tb.out) >= maxTables || tb.cells <= 0 {
		return
	}
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			level := int(n.Data[1] - '1')
			tb.heading[level] = cellText(n)
			clear(tb.heading[level+1:]) // a new section ends the deeper ones
		case atom.Table:
			if t := tb.table(n); len(t.Rows) >= 2 {
				t.Heading = tb.headings()
				if lead := leadLine(n); lead != "" {
					t.Heading = strings.TrimPrefix(t.Heading+" / "+lead, " / ")
				}
				tb.out = append(tb.out, t)
			}
		}
	}
	tb.pipeTables(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		tb.find(c, depth+1)
	}
}

// maxTableLeadChars bounds the text of a table's lead line (see leadLine).
const maxTableLeadChars = 160

// leadLine returns the text of the paragraph right before table t when
// all of it is bold or emphasised and short — the title a README gives
// the table below it ("**XNLI (Conneau et al., 2018)**", "**MMLU
// results**") where it writes no heading — or when it is a bare name
// (titleLine); "" otherwise.
func leadLine(t *html.Node) string {
	p := t.PrevSibling
	for p != nil && p.Type == html.TextNode && strings.TrimSpace(p.Data) == "" {
		p = p.PrevSibling
	}
	if p != nil && p.Type == html.TextNode {
		// A README left as Markdown around the table's HTML: its last
		// line, "**MUGE Retrieval**:".
		text := strings.TrimSpace(p.Data)
		return markdownLead(text[strings.LastIndexByte(text, '\n')+1:])
	}
	if p == nil || p.Type != html.ElementNode || p.DataAtom != atom.P {
		return ""
	}
	text := cellText(p)
	if len(text) > maxTableLeadChars || !strongCell(p) && !titleLine(text) {
		return ""
	}
	return text
}

// maxTitleWords bounds the words of a plain paragraph read as a table's
// title (see titleLine).
const maxTitleWords = 4

// titleLine reports a plain paragraph that is only a name, the title a
// README writes unbolded right above its table ("MMAU", "Big Bench
// Audio"): at most maxTitleWords words, each opening with a capital or a
// digit, no sentence's or clause's mark.
func titleLine(text string) bool {
	words := strings.Fields(text)
	if len(words) == 0 || len(words) > maxTitleWords || strings.ContainsAny(text, ".,:;!?。，：") {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// markdownLead returns the text of a Markdown line that is all bold
// ("**XNLI (Conneau et al., 2018)**", "**MUGE Retrieval**:"), a colon
// after it or none, at most maxTableLeadChars long; "" for any other line.
func markdownLead(line string) string {
	l := strings.TrimSpace(line)
	l = strings.TrimSpace(strings.TrimRight(l, ":："))
	inner, open := strings.CutPrefix(l, "**")
	inner, closed := strings.CutSuffix(inner, "**")
	if !open || !closed || inner == "" || strings.Contains(inner, "**") || len(inner) > maxTableLeadChars {
		return ""
	}
	return strings.TrimSpace(inner)
}

// grid lays out the cells of one table as the HTML table model does: each
// cell takes the first free slot of its row, and a merged cell reserves
// the slots below it for the rows it spans.
type grid struct {
	rows [][]Cell
	// below holds, per column, the cell still covering that column in the
	// next rows and how many rows it covers yet.
	below []pending
}

type pending struct {
	cell Cell
	left int
}

func (tb *tables) table(t *html.Node) Table {
	var out Table
	var g grid
	var walk func(n *html.Node, depth int, head bool)
	walk = func(n *html.Node, depth int, head bool) {
		for c := n.FirstChild; c != nil && len(g.rows) < maxTableRows && tb.cells > 0 && depth < maxDepth; c = c.NextSibling {
			if c.Type != html.ElementNode || c.DataAtom == atom.Table {
				continue
			}
			switch c.DataAtom {
			case atom.Caption:
				if out.Caption == "" {
					out.Caption = cellText(c)
				}
			case atom.Tr:
				tb.row(&g, c, head)
			case atom.Thead, atom.Tbody, atom.Tfoot:
				// A merged cell never reaches past its row group.
				g.below = g.below[:0]
				walk(c, depth+1, head || c.DataAtom == atom.Thead)
				g.below = g.below[:0]
			default:
				walk(c, depth+1, head || c.DataAtom == atom.Thead)
			}
		}
	}
	walk(t, 0, false)
	out.Rows = g.rows
	return out
}

// row lays out one <tr>.
func (tb *tables) row(g *grid, tr *html.Node, head bool) {
	var row []Cell
	col := 0
	// fill copies the cells of merged rows above into the free slots
	// from col on, up to the next slot that is free.
	fill := func() {
		for col < len(g.below) && g.below[col].left > 0 && col < maxRowCells && tb.cells > 0 {
			p := &g.below[col]
			c := p.cell
			c.Spanned, c.ColSpan, c.RowSpan = true, 1, 1
			row = append(row, c)
			p.left--
			col++
			tb.cells--
		}
	}
	for cell := tr.FirstChild; cell != nil && col < maxRowCells && tb.cells > 0; cell = cell.NextSibling {
		if cell.Type != html.ElementNode || (cell.DataAtom != atom.Td && cell.DataAtom != atom.Th) {
			continue
		}
		fill()
		c := Cell{
			Text:    cellText(cell),
			Header:  head || cell.DataAtom == atom.Th,
			Strong:  strongCell(cell),
			ColSpan: span(cell, "colspan", maxRowCells),
			RowSpan: span(cell, "rowspan", maxTableRows),
		}
		for k := 0; k < c.ColSpan && col < maxRowCells && tb.cells > 0; k++ {
			slot := c
			if k > 0 {
				slot.Spanned, slot.ColSpan, slot.RowSpan = true, 1, 1
			}
			row = append(row, slot)
			for len(g.below) <= col {
				g.below = append(g.below, pending{})
			}
			if c.RowSpan > 1 {
				p := slot
				if k == 0 {
					p.ColSpan, p.RowSpan = 1, 1
				}
				g.below[col] = pending{cell: p, left: c.RowSpan - 1}
			}
			col++
			tb.cells--
		}
	}
	fill()
	if len(row) > 0 {
		g.rows = append(g.rows, row)
	}
}

// span reads a colspan or rowspan attribute: 1 when absent or invalid, at
// most limit.
func span(n *html.Node, name string, limit int) int {
	for _, a := range n.Attr {
		if a.Key != name {
			continue
		}
		v, err := strconv.Atoi(strings.TrimSpace(a.Val))
		if err != nil || v < 1 {
			return 1
		}
		return min(v, limit)
	}
	return 1
}

// strongCell reports a cell whose text is all inside <b>, <strong> or <em>.
func strongCell(n *html.Node) bool {
	total, strong := 0, 0
	var walk func(n *html.Node, in bool, depth int)
	walk = func(n *html.Node, in bool, depth int) {
		if depth > maxDepth {
			return
		}
		if n.Type == html.TextNode {
			k := len(strings.TrimSpace(n.Data))
			total += k
			if in {
				strong += k
			}
			return
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.B, atom.Strong, atom.Em:
				in = true
			case atom.Table, atom.Sup:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, in, depth+1)
		}
	}
	walk(n, false, 0)
	return total > 0 && strong == total
}

// cellText returns the text of a table cell, without nested tables and
// footnote superscripts, with white space collapsed and cut to
// maxCellBytes. A superscript inside a word stays in it ("τ<sup>2</sup>-Bench"
// reads "τ2-Bench"); a name a line break splits at a hyphen was joined
// by Parse (joinWrappedNames).
func cellText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		if b.Len() > maxCellBytes || depth > maxDepth {
			return
		}
		switch {
		case n.Type == html.TextNode:
			appendCollapsed(&b, n.Data[:min(len(n.Data), 4*maxCellBytes)])
			appendSpace(&b)
		case n.Type == html.ElementNode && (n.DataAtom == atom.Table || n.DataAtom == atom.Script || n.DataAtom == atom.Style):
			return
		case n.Type == html.ElementNode && n.DataAtom == atom.Sup && footnoteMark(n):
			if inWord(n) {
				t := strings.TrimRight(b.String(), " ")
				b.Reset()
				b.WriteString(t)
				b.WriteString(strings.TrimSpace(supText(n)))
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	s := strings.TrimSpace(b.String())
	if len(s) > maxCellBytes {
		s = strings.ToValidUTF8(s[:maxCellBytes], "")
	}
	return s
}

// inWord reports a superscript of letters or digits written between the
// letters of one word: text before it ends without a space and text after
// it starts without one ("τ<sup>2</sup>-Bench", "10<sup>9</sup>x").
func inWord(n *html.Node) bool {
	t := strings.TrimSpace(supText(n))
	if t == "" {
		return false
	}
	for _, r := range t {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	prev, next := n.PrevSibling, n.NextSibling
	if prev == nil || next == nil || prev.Type != html.TextNode || next.Type != html.TextNode {
		return false
	}
	p, q := prev.Data, next.Data
	return p != "" && q != "" && !isSpace(rune(p[len(p)-1])) && !isSpace(rune(q[0]))
}

// supText returns the text under a superscript, bounded.
func supText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if b.Len() > maxMarkBytes {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// footnoteMark reports a superscript short enough to be a footnote mark
// rather than text: "1", "†", "*", "[a]".
func footnoteMark(n *html.Node) bool {
	t := strings.TrimSpace(supText(n))
	return len(t) <= maxMarkBytes && utf8.RuneCountInString(t) <= 3
}
