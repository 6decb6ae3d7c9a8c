package console

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// Printable returns s without the characters that drive a terminal rather
// than print: C0 and C1 controls (ESC starts the CSI and OSC sequences
// that move the cursor, retitle the window or write the clipboard), DEL,
// and the bidirectional overrides that make text read other than it is.
// Tabs and newlines become spaces. Everything modelwire prints for people
// from crawled or stored data goes through it; --json output is escaped by
// the encoder instead.
func Printable(s string) string {
	clean := true
	for _, r := range s {
		if !keep(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case !keep(r):
			return -1
		}
		return r
	}, s)
}

// keep reports whether r is safe to print to a terminal.
func keep(r rune) bool {
	switch {
	case r == unicode.ReplacementChar:
		return true
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return false
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return false // bidirectional embeddings, overrides, isolates and marks
	}
	return true
}

// PrintableLines is printable for each line of s, keeping the line breaks.
func PrintableLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = Printable(l)
	}
	return strings.Join(lines, "\n")
}

// TextWriter returns a writer that passes text to w through
// PrintableLines: line breaks are kept, every other character that drives
// a terminal is dropped. Each Write should hold whole lines or at least
// whole runes, as fmt.Fprint* calls do.
func TextWriter(w io.Writer) io.Writer { return textWriter{w} }

type textWriter struct{ w io.Writer }

func (t textWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(t.w, PrintableLines(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// JSONTerminal wraps w for JSON output that may reach a terminal: the
// encoder escapes C0 controls (ESC is \u001b) but writes C1 controls
// (U+0080–U+009F; U+009B is a one-character CSI) as they are. They can
// only occur inside JSON strings, so writing them as \u0080… keeps the
// JSON valid and the same once decoded.
func JSONTerminal(w io.Writer) io.Writer { return c1Escaper{w} }

type c1Escaper struct{ w io.Writer }

func (e c1Escaper) Write(p []byte) (int, error) {
	if !bytes.Contains(p, []byte{0xc2}) {
		return e.w.Write(p)
	}
	var b bytes.Buffer
	for i := 0; i < len(p); i++ {
		if p[i] == 0xc2 && i+1 < len(p) && p[i+1] >= 0x80 && p[i+1] <= 0x9f {
			fmt.Fprintf(&b, `\u%04x`, p[i+1])
			i++
			continue
		}
		b.WriteByte(p[i])
	}
	if _, err := e.w.Write(b.Bytes()); err != nil {
		return 0, err
	}
	return len(p), nil
}
