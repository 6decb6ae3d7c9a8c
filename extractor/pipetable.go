package extractor

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Markdown tables a page shows as text. A README renderer leaves Markdown
// inside a raw HTML block unrendered (a table in <details> or in a
// centred <div>), so the page shows its rows as "| a | b |" lines; read
// as a table they give the same grid a rendered one would.

// inlineAtoms are the elements that sit inside a line of text: their text
// belongs to the line of the block around them.
var inlineAtoms = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Br: true, atom.Code: true, atom.Del: true,
	atom.Em: true, atom.Font: true, atom.I: true, atom.Img: true, atom.Kbd: true, atom.Mark: true,
	atom.Q: true, atom.S: true, atom.Small: true, atom.Span: true, atom.Strong: true,
	atom.Sub: true, atom.Sup: true, atom.U: true,
}

// skipAtoms hold no text a reader sees as a table's.
var skipAtoms = map[atom.Atom]bool{
	atom.Pre: true, atom.Script: true, atom.Style: true, atom.Textarea: true, atom.Table: true,
	atom.Noscript: true, atom.Template: true,
}

// pipeTables appends the Markdown tables written in n's own lines of text
// (its text and inline elements, up to its first block child and between
// block children); block children are read on their own.
func (tb *tables) pipeTables(n *html.Node) {
	if n.Type != html.ElementNode || inlineAtoms[n.DataAtom] || skipAtoms[n.DataAtom] || !ownPipe(n) {
		return
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && !inlineAtoms[c.DataAtom] {
			b.WriteByte('\n') // a block child ends the line
			continue
		}
		inlineSource(&b, c, 0)
		if b.Len() > maxPipeSource {
			break
		}
	}
	tb.pipeLines(strings.Split(b.String(), "\n"))
}

// maxPipeSource bounds the text read from one element for pipe tables.
const maxPipeSource = 1 << 20

// ownPipe reports a "|" in one of n's own text children, the cheap test
// before its lines are read.
func ownPipe(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && strings.Contains(c.Data, "|") {
			return true
		}
	}
	return false
}

// inlineSource writes the text of an inline node as the page's source
// lays it out: line breaks of the text kept, a <br> (a line break inside
// a cell) as a space, images as nothing.
func inlineSource(b *strings.Builder, n *html.Node, depth int) {
	if depth > maxDepth || b.Len() > maxPipeSource {
		return
	}
	switch n.Type {
	case html.TextNode:
		b.WriteString(strings.ReplaceAll(n.Data, "\r", ""))
		return
	case html.ElementNode:
		switch {
		case n.DataAtom == atom.Br:
			b.WriteByte(' ')
			return
		case !inlineAtoms[n.DataAtom]:
			b.WriteByte('\n')
			return
		}
	default:
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		inlineSource(b, c, depth+1)
	}
}

// pipeLines finds the tables in lines: a header row of cells between
// pipes, a delimiter row ("| :--- | ---: |") of as many cells, and the
// rows after them up to a line with no pipe.
func (tb *tables) pipeLines(lines []string) {
	for i := 0; i+1 < len(lines) && len(tb.out) < maxTables && tb.cells > 0; i++ {
		head := pipeCells(lines[i])
		if len(head) == 0 || !delimiterRow(pipeCells(lines[i+1]), len(head)) {
			continue
		}
		width := min(len(head), maxRowCells)
		t := Table{Heading: tb.headings()}
		t.Rows = append(t.Rows, tb.pipeRow(head[:width], true))
		j := i + 2
		for ; j < len(lines) && len(t.Rows) < maxTableRows && tb.cells > 0; j++ {
			cells := pipeCells(lines[j])
			if len(cells) == 0 {
				break
			}
			t.Rows = append(t.Rows, tb.pipeRow(cells[:min(len(cells), width)], false))
		}
		if len(t.Rows) >= 2 {
			tb.out = append(tb.out, t)
		}
		i = j - 1
	}
}

// pipeRow makes the cells of one row within the page's budget.
func (tb *tables) pipeRow(texts []string, head bool) []Cell {
	row := make([]Cell, 0, len(texts))
	for _, t := range texts {
		if tb.cells <= 0 {
			break
		}
		tb.cells--
		text, strong := markdownCell(t[:min(len(t), 4*maxCellBytes)])
		if len(text) > maxCellBytes {
			text = strings.ToValidUTF8(text[:maxCellBytes], "")
		}
		row = append(row, Cell{Text: text, Header: head, Strong: strong, ColSpan: 1, RowSpan: 1})
	}
	return row
}

// pipeCells splits a line written as a table row into its cells' raw
// texts, nil when it is none: a line holding a pipe, its outer pipes
// optional; an escaped pipe ("\|") or one inside backticks stays in its
// cell.
func pipeCells(line string) []string {
	line = strings.TrimSpace(line)
	if !strings.Contains(line, "|") || line == "|" {
		return nil
	}
	line = strings.TrimPrefix(line, "|")
	if strings.HasSuffix(line, "|") && !strings.HasSuffix(line, `\|`) {
		line = line[:len(line)-1]
	}
	var cells []string
	start, code := 0, false
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '`':
			code = !code
		case '|':
			if !code {
				cells = append(cells, line[start:i])
				start = i + 1
			}
		}
	}
	return append(cells, line[start:])
}

// delimiterRow reports the row under a table's header: n cells of
// hyphens, each with an optional colon at either end.
func delimiterRow(cells []string, n int) bool {
	if len(cells) != n {
		return false
	}
	for _, c := range cells {
		c = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(c), ":"), ":")
		if c == "" || strings.Trim(c, "-") != "" {
			return false
		}
	}
	return true
}

// markdownCell returns a raw cell's text as a renderer would show it
// (links and images by their text, code marks, emphasis marks and escapes
// dropped, white space collapsed) and whether emphasis wraps all of it.
func markdownCell(t string) (string, bool) {
	t = strings.TrimSpace(t)
	strong := len(t) > 4 && (strings.HasPrefix(t, "**") && strings.HasSuffix(t, "**") || strings.HasPrefix(t, "__") && strings.HasSuffix(t, "__"))
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c == '!' && i+1 < len(t) && t[i+1] == '[':
			// ![alt](src): an image shows no text
			if end := linkEnd(t, i+1); end > 0 {
				i = end - 1
				continue
			}
			b.WriteByte(c)
		case c == '[':
			if end := linkEnd(t, i); end > 0 {
				inner, _ := markdownCell(t[i+1 : strings.IndexByte(t[i:], ']')+i])
				b.WriteString(inner)
				i = end - 1
				continue
			}
			b.WriteByte(c)
		case c == '\\' && i+1 < len(t):
			i++
			b.WriteByte(t[i])
		case c == '`' || (c == '*' || c == '_') && emphasisMark(t, i):
		default:
			b.WriteByte(c)
		}
	}
	return collapse(b.String()), strong
}

// linkEnd returns the end of a Markdown link "[text](target)" opening at
// i, or 0 when none opens there.
func linkEnd(t string, i int) int {
	close := strings.IndexByte(t[i:], ']')
	if close < 0 || i+close+1 >= len(t) || t[i+close+1] != '(' {
		return 0
	}
	end := strings.IndexByte(t[i+close+1:], ')')
	if end < 0 {
		return 0
	}
	return i + close + 1 + end + 1
}

// emphasisMark reports a "*" or "_" that opens or closes emphasis: one at
// either end of the cell or of a word, not one inside a word
// ("sam2_hiera_large").
func emphasisMark(t string, i int) bool {
	prevWord := i > 0 && isWordByte(t[i-1])
	nextWord := i+1 < len(t) && isWordByte(t[i+1])
	return !(prevWord && nextWord)
}

func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}
