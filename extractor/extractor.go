// Package extractor turns fetched HTML into articles: main text, title,
// dates, authors, language and site metadata, and — through an Analyzer —
// the vendors, models, claims and releases an article mentions.
//
// Everything here is pure: bytes in, records out, no I/O, no context, no
// global state mutated after start-up. That keeps it fast to test and to
// benchmark; NATS and the search store live in internal/pipeline.
package extractor

import (
	"errors"
	"strings"

	"github.com/RadhiFadlillah/whatlanggo"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/modelwire/modelwire/event"
)

// ErrNoContent reports a page that holds no article text.
var ErrNoContent = errors.New("no article content")

// Analyzer finds what an article says about AI models — vendors, models,
// benchmark claims, releases — and records it on the article. tables are the
// data tables of the article's page (benchmark tables, mostly).
type Analyzer interface {
	Analyze(a *event.Article, tables []Table)
}

// Table is an HTML table as rows of cell texts; the first row is usually
// the header.
type Table [][]string

// Extractor turns HTML pages into articles. It is safe for concurrent use.
type Extractor struct {
	analyzer Analyzer
}

// Option configures an Extractor.
type Option func(*Extractor)

// WithAnalyzer runs a after each extraction to fill vendors, models, claims
// and releases.
func WithAnalyzer(a Analyzer) Option {
	return func(x *Extractor) { x.analyzer = a }
}

// New returns an Extractor.
func New(opts ...Option) *Extractor {
	x := &Extractor{}
	for _, o := range opts {
		o(x)
	}
	return x
}

// Extract extracts the article in page, fetched from pageURL. It fails with
// ErrNoContent when the page has no article text.
func (x *Extractor) Extract(page []byte, pageURL string) (event.Article, error) {
	a, tables, err := ExtractArticle(page, pageURL)
	if err != nil {
		return a, err
	}
	if x.analyzer != nil {
		x.analyzer.Analyze(&a, tables)
	}
	return a, nil
}

// ExtractArticle extracts main text, metadata and data tables, without
// analysis.
func ExtractArticle(page []byte, pageURL string) (event.Article, []Table, error) {
	a := event.Article{URL: pageURL, CanonicalURL: pageURL, Authors: []string{}}
	doc, err := parse(page)
	if err != nil {
		return a, nil, err
	}
	tables := Tables(doc)
	body := findBody(doc)
	a.Text = mainText(body, "")
	if a.Text == "" {
		return a, tables, ErrNoContent
	}
	a.Language = Language(a.Text, "")
	a.ID = event.DocID(a.CanonicalURL)
	return a, tables, nil
}

// findBody returns doc's <body>, or doc itself when it has none.
func findBody(doc *html.Node) *html.Node {
	for h := doc.FirstChild; h != nil; h = h.NextSibling {
		if isElem(h, atom.Html) {
			for b := h.FirstChild; b != nil; b = b.NextSibling {
				if isElem(b, atom.Body) {
					return b
				}
			}
		}
	}
	return doc
}

// Language returns the ISO 639-1 code of text's language, detected from the
// text itself; declared (e.g. <html lang>) is used when detection is unsure.
func Language(text, declared string) string {
	declared = strings.ToLower(strings.TrimSpace(declared))
	if i := strings.IndexAny(declared, "-_"); i > 0 {
		declared = declared[:i]
	}
	sample := text
	if len(sample) > 2000 {
		sample = sample[:2000]
	}
	info := whatlanggo.Detect(sample)
	if code := info.Lang.Iso6391(); code != "" && (info.IsReliable() || declared == "") {
		return code
	}
	return declared
}
