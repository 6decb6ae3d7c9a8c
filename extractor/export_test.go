package extractor

import (
	"net/url"

	"golang.org/x/net/html"
)

// testExtractor is the Extractor the tests share, built once.
var testExtractor = New()

// WeakPage reports whether ExtractArticle finds the primary text of page
// weak and asks Readability for a second opinion (photo stories aside).
func WeakPage(page []byte, pageURL string) bool {
	doc, _, h, m, cc, err := prepare(page, pageURL)
	if err != nil {
		return false
	}
	text := mainText(findBody(doc), h, cc)
	n := len([]rune(text))
	return weak(text, n, m.signals()) && outdoable(text, n, m.signals())
}

// SecondOpinion parses page and returns a func that gets Readability's
// text for it, as ExtractArticle does on a weak page (on a copy of the
// parsed page, so the func may be called again).
func SecondOpinion(page []byte, pageURL string) func() string {
	doc, u, h, _, cc, err := prepare(page, pageURL)
	return func() string {
		if err != nil {
			return ""
		}
		return readabilityText(doc, u, h, cc)
	}
}

func prepare(page []byte, pageURL string) (*html.Node, *url.URL, textHints, *pageMeta, classes, error) {
	doc, err := Parse(page)
	if err != nil {
		return nil, nil, textHints{}, nil, nil, err
	}
	u, err := url.Parse(pageURL)
	if err != nil || u.Host == "" {
		u = nil
	}
	cc := make(classes)
	m := collectMeta(doc, cc, testExtractor.lex)
	m.pageURL = u
	authors := m.authors()
	h := textHints{title: m.title(m.siteName(u), u), authors: authors, bios: m.authorBios(authors), lex: testExtractor.lex}
	return doc, u, h, m, cc, nil
}
