package extractor

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// Limits that keep one page's cost bounded, whatever it holds.
const (
	// maxPageBytes is the most of a page that is parsed.
	maxPageBytes = 16 << 20
	// maxDepth is the deepest element the extractor looks into; deeper
	// subtrees (adversarial nesting) are ignored.
	maxDepth = 256
	// charsetScanBytes is how far into a page a <meta charset> is looked for.
	charsetScanBytes = 16 << 10
)

// metaCharset finds a charset declaration anywhere in a page's first bytes,
// for pages whose <meta charset> sits beyond the 1024 bytes the HTML
// standard's prescan (charset.DetermineEncoding) reads.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)

// decode returns page as UTF-8. A page that is valid UTF-8 is taken as such
// whatever it declares (saved pages are often re-encoded); otherwise the
// charset of its byte-order mark or <meta> declaration is used, and
// windows-1252 when it declares none (the HTML standard's default).
func decode(page []byte) []byte {
	if len(page) > maxPageBytes {
		page = page[:maxPageBytes]
	}
	if utf8.Valid(page) {
		return page
	}
	enc, name, certain := charset.DetermineEncoding(page, "")
	if !certain && name == "windows-1252" {
		head := page[:min(len(page), charsetScanBytes)]
		if m := metaCharset.FindSubmatch(head); m != nil {
			if e, n := charset.Lookup(string(m[1])); e != nil {
				enc, name = e, n
			}
		}
	}
	if name == "utf-8" || enc == nil {
		// Declared UTF-8 but broken: keep what is valid, as a browser would.
		return bytes.ToValidUTF8(page, []byte("\uFFFD"))
	}
	if enc == encoding.Nop {
		enc = charmap.Windows1252
	}
	out, _, err := transform.Bytes(enc.NewDecoder(), page)
	if err != nil {
		return bytes.ToValidUTF8(page, []byte("\uFFFD"))
	}
	return out
}

// Parse decodes page (its declared or sniffed charset) and parses it into
// the DOM the extractor reads, names a table cell wraps over a line break
// joined (joinWrappedNames). Callers that read tables of a page
// themselves (Tables) parse it with Parse to see what the extractor sees.
func Parse(page []byte) (*html.Node, error) {
	doc, err := html.ParseWithOptions(bytes.NewReader(decode(page)), html.ParseOptionEnableScripting(true))
	if err != nil {
		return nil, fmt.Errorf("parsing html: %w", err)
	}
	joinWrappedNames(doc)
	return doc, nil
}

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

// isElem reports whether n is an element of type a.
func isElem(n *html.Node, a atom.Atom) bool {
	return n != nil && n.Type == html.ElementNode && n.DataAtom == a
}

// textContent appends the text under n to b, with runs of white space
// collapsed to one space, skipping scripts, styles and templates; when
// spaced, with a space after every text node too.
func textContent(b *strings.Builder, n *html.Node, depth int, spaced bool) {
	if depth > maxDepth {
		return
	}
	switch n.Type {
	case html.TextNode:
		appendCollapsed(b, n.Data)
		if spaced {
			appendSpace(b)
		}
		return
	case html.ElementNode:
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Svg:
			return
		case atom.Br, atom.P, atom.Div, atom.Li, atom.Td, atom.Th, atom.Tr:
			appendSpace(b)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		textContent(b, c, depth+1, spaced)
	}
}

// text returns n's text with white space collapsed and trimmed.
func text(n *html.Node) string {
	var b strings.Builder
	textContent(&b, n, 0, false)
	return strings.TrimSpace(b.String())
}

// spacedText is text with a space after every text node, so that parts
// printed in elements side by side stay apart.
func spacedText(n *html.Node) string {
	var b strings.Builder
	textContent(&b, n, 0, true)
	return strings.TrimSpace(b.String())
}

// appendCollapsed appends s to b with runs of white space as one space and
// no space at the start of b, and bytes that are no UTF-8 as U+FFFD. The
// text between is written a run at a time.
func appendCollapsed(b *strings.Builder, s string) {
	start := 0 // s[start:i] is text still to write
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isSpace(r):
			b.WriteString(s[start:i])
			appendSpace(b)
		case r == utf8.RuneError && size == 1:
			b.WriteString(s[start:i])
			b.WriteRune('\uFFFD')
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b.WriteString(s[start:])
}

// appendSpace appends one space to b unless it is empty or ends in one.
func appendSpace(b *strings.Builder) {
	if n := b.Len(); n > 0 {
		if c := b.String()[n-1]; c != ' ' && c != '\n' {
			b.WriteByte(' ')
		}
	}
}

// isSpace reports white space, including the no-break and zero-width
// spaces pages use for layout.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', 0xA0, 0x2007, 0x202F, 0x200B, 0xFEFF, 0x3000, 0x2028, 0x2029:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// collapse returns s with white space runs as one space, trimmed.
func collapse(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	appendCollapsed(&b, s)
	return strings.TrimSpace(b.String())
}
