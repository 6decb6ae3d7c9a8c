// Package console writes for people at a terminal: progress bars for long
// work (drawn with github.com/vbauerster/mpb) and tables aligned in
// terminal cells, where a Chinese, Japanese or Korean character takes two
// (text/tabwriter counts it as one, and misaligns every multilingual
// list).
package console

import (
	"io"
	"os"
	"strings"

	"github.com/mattn/go-runewidth"
	"golang.org/x/term"
)

// IsTerminal reports whether w is a terminal that can draw progress: a
// character device, with TERM set to something other than "dumb".
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return false
	}
	return os.Getenv("TERM") != "dumb"
}

// Table collects rows and writes them aligned in columns, two spaces
// apart, without trailing spaces. Columns set with AlignRight are
// right-aligned (numbers). It is not safe for concurrent use.
type Table struct {
	rows  [][]string
	right map[int]bool
}

// NewTable returns a table whose first row is header (none when empty).
func NewTable(header ...string) *Table {
	t := &Table{right: map[int]bool{}}
	if len(header) > 0 {
		t.Row(header...)
	}
	return t
}

// AlignRight right-aligns the given columns (0-based).
func (t *Table) AlignRight(cols ...int) *Table {
	for _, c := range cols {
		t.right[c] = true
	}
	return t
}

// Row adds a row; tabs and line breaks in cells become spaces, and
// characters that drive a terminal are dropped (Printable).
func (t *Table) Row(cells ...string) {
	row := make([]string, len(cells))
	for i, c := range cells {
		row[i] = strings.Join(strings.Fields(Printable(c)), " ")
	}
	t.rows = append(t.rows, row)
}

// WriteTo writes the table to w.
func (t *Table) WriteTo(w io.Writer) (int64, error) {
	var widths []int
	for _, r := range t.rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], runewidth.StringWidth(c))
		}
	}
	var b strings.Builder
	for _, r := range t.rows {
		var line strings.Builder
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-runewidth.StringWidth(c))
			if t.right[i] {
				line.WriteString(pad + c)
			} else {
				line.WriteString(c + pad)
			}
			line.WriteString("  ")
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}

// Clip shortens s to at most n terminal cells, ending with "…" when cut.
func Clip(s string, n int) string {
	return runewidth.Truncate(s, n, "…")
}
