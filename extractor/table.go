package extractor

import (
	"strings"

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
	// maxRowCells is the most cells kept per row.
	maxRowCells = 64
	// maxPageCells is the most cells kept over all tables.
	maxPageCells = 20000
	// maxCellBytes is the most text kept per cell.
	maxCellBytes = 1 << 10
)

// Tables returns the data tables under n: every <table> with at least two
// rows, as cell texts with whitespace collapsed. Nested tables are returned
// on their own and not repeated inside their parent's cells. At most 64
// tables of 500 rows of 64 cells, 20,000 cells in all, and 1 KB of text per
// cell are returned.
func Tables(n *html.Node) []Table {
	tb := tables{cells: maxPageCells}
	tb.find(n, 0)
	return tb.out
}

// tables collects the tables of one page within the bounds.
type tables struct {
	out   []Table
	cells int // cells left in the page's budget
}

func (tb *tables) find(n *html.Node, depth int) {
	if depth > maxDepth || len(tb.out) >= maxTables || tb.cells <= 0 {
		return
	}
	if n.Type == html.ElementNode && n.DataAtom == atom.Table {
		if t := tb.table(n); len(t) >= 2 {
			tb.out = append(tb.out, t)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		tb.find(c, depth+1)
	}
}

func (tb *tables) table(t *html.Node) Table {
	var rows Table
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil && len(rows) < maxTableRows && tb.cells > 0 && depth < maxDepth; c = c.NextSibling {
			if c.Type != html.ElementNode || c.DataAtom == atom.Table {
				continue
			}
			if c.DataAtom == atom.Tr {
				var row []string
				for cell := c.FirstChild; cell != nil && len(row) < maxRowCells && tb.cells > 0; cell = cell.NextSibling {
					if cell.Type == html.ElementNode && (cell.DataAtom == atom.Td || cell.DataAtom == atom.Th) {
						row = append(row, cellText(cell))
						tb.cells--
					}
				}
				if len(row) > 0 {
					rows = append(rows, row)
				}
				continue
			}
			walk(c, depth+1)
		}
	}
	walk(t, 0)
	return rows
}

// cellText returns the text of a table cell, without nested tables, with
// white space collapsed and cut to maxCellBytes.
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
