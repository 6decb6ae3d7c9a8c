package extractor

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

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

// pipeMarkdown renders Markdown tables only: raw HTML stays escaped text.
// goldmark is safe for concurrent use.
var pipeMarkdown = goldmark.New(goldmark.WithExtensions(extension.Table))

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

// pipeAhead reports a line holding a pipe at i, or at i+1 past one blank
// line.
func pipeAhead(lines []string, i int) bool {
	if i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	return i < len(lines) && strings.Contains(lines[i], "|")
}

// pipeLines finds the Markdown tables in lines and reads them as the
// <table>s a README renderer makes of them: goldmark (its GFM table
// extension) renders each run of lines holding a pipe, and the rendered
// tables are read like the page's own, with the headings the lines stand
// under. A line with no pipe ends a table, as a blank line does.
func (tb *tables) pipeLines(lines []string) {
	var src strings.Builder
	for i, l := range lines {
		switch {
		case strings.Contains(l, "|"):
			src.WriteString(l)
		case pipeAhead(lines, i+1) && (markdownLead(l) != "" || titleLine(strings.TrimSpace(l))):
			// "**XNLI**" or a plain "ZQBench" over the table, a blank
			// line between or none: its title, a paragraph apart, as a
			// README renderer shows it
			src.WriteString(l)
			src.WriteByte('\n')
		}
		src.WriteByte('\n')
	}
	var out bytes.Buffer
	if err := pipeMarkdown.Convert([]byte(src.String()), &out); err != nil {
		return // goldmark fails only when its writer does
	}
	doc, err := html.Parse(&out)
	if err != nil {
		return
	}
	heading := tb.headings()
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && len(tb.out) < maxTables && tb.cells > 0; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.Table {
				if t := tb.table(c); len(t.Rows) >= 2 {
					t.Heading = heading
					if lead := leadLine(c); lead != "" {
						t.Heading = strings.TrimPrefix(t.Heading+" / "+lead, " / ")
					}
					tb.out = append(tb.out, t)
				}
				continue
			}
			walk(c)
		}
	}
	walk(doc)
}
