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
	"fmt"
	"net/url"
	"strings"

	"github.com/RadhiFadlillah/whatlanggo"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/modelwire/modelwire/event"
)

// ErrNoContent reports a page that holds no article text.
var ErrNoContent = errors.New("no article content")

// ErrPanic reports a page whose reading panicked: a bug the page exposed,
// logged with the page and skipped, never retried.
var ErrPanic = errors.New("extractor panic")

// Analyzer finds what an article says about AI models — vendors, models,
// benchmark claims, releases — and records it on the article. tables are the
// data tables of the article's page (benchmark tables, mostly).
type Analyzer interface {
	Analyze(a *event.Article, tables []Table)
}

// Extractor turns HTML pages into articles. It is safe for concurrent use.
type Extractor struct {
	analyzer Analyzer
	// lex holds the words of each language the extractor reads
	// (words.yaml), parsed once.
	lex *lexicon
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
	x := &Extractor{lex: mustLexicon()}
	for _, o := range opts {
		o(x)
	}
	return x
}

// Extract extracts the article in page, fetched from pageURL. It fails with
// ErrNoContent when the page has no article text.
func (x *Extractor) Extract(page []byte, pageURL string) (event.Article, error) {
	return x.ExtractPage(page, event.Page{URL: pageURL})
}

// ExtractPage extracts the article of a fetched page: body is the page's
// decoded HTML, fetched from p.FinalURL (or p.URL). What the fetch knew of
// the page beyond its HTML — the model repository it is the card of — is on
// the article before the analysis, which weighs it (intel reads a
// repository as first-hand release evidence).
//
// A panic while reading a hostile page becomes an error for that page:
// one page never takes a batch or a worker down with it.
func (x *Extractor) ExtractPage(body []byte, p event.Page) (a event.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", ErrPanic, r)
		}
	}()
	pageURL := p.URL
	if p.FinalURL != "" {
		pageURL = p.FinalURL
	}
	a, tables, err := x.ExtractArticle(body, pageURL)
	if err != nil {
		return a, err
	}
	a.Repository = p.Repository
	if x.analyzer != nil {
		x.analyzer.Analyze(&a, tables)
	}
	return a, nil
}

// ExtractArticle extracts main text, metadata and data tables, without
// analysis. page is the raw page in any charset it declares; pageURL, when
// given, resolves relative links and supplies a date in its path.
//
// The page is parsed once and every field is read from that one DOM. The
// main text comes from a Readability-style scorer written here rather than
// from go-trafilatura, which the project used first: measured on the 88
// pages of the articles eval set in one run, go-trafilatura (with its
// fallbacks, as it needs them for its quality) spent ~39 ms and 8,000 KB a
// page — cloning the DOM three times, running go-readability and
// go-domdistiller, and htmldate with go-dateparser — against a few ms here,
// for a higher F1 (see bench/eval_extract.sh). A page whose text is weak
// — short, or far from the page's own description or JSON-LD articleBody —
// gets a second opinion from Readability, which runs on one page in six to
// twelve of the eval sets (see articleText); a.Extraction names the path
// taken. Metadata is read from JSON-LD, meta tags, <time> and byline
// elements, the URL and visible date lines, with parsers for the handful of
// date shapes news pages use.
func (x *Extractor) ExtractArticle(page []byte, pageURL string) (event.Article, []Table, error) {
	a := event.Article{URL: pageURL, CanonicalURL: pageURL, Authors: []string{}}
	doc, err := Parse(page)
	if err != nil {
		return a, nil, err
	}
	u, err := url.Parse(pageURL)
	if err != nil || u.Host == "" {
		u = nil
	}
	cc := make(classes, 256)
	m := collectMeta(doc, cc, x.lex)
	m.pageURL = u
	declared := m.declaredLanguage()
	a.SiteName = m.siteName(u)
	a.Title = m.title(a.SiteName, u)
	a.Authors = m.authors()
	a.PublishedAt, a.UpdatedAt = m.dates(u, dayFirst(declared, u))
	if c := resolve(u, m.canonical); c != "" {
		a.CanonicalURL = c
	} else if c := resolve(u, m.meta("og:url")); c != "" {
		a.CanonicalURL = c
	}
	a.Image = resolve(u, firstNonEmpty(m.meta("og:image", "og:image:url", "twitter:image", "twitter:image:src"), m.ldArticle().image))

	tables := Tables(doc)
	a.Text, a.Extraction = articleText(doc, u, textHints{title: a.Title, authors: a.Authors, bios: m.authorBios(a.Authors), lex: x.lex}, m.signals(), cc)
	if a.Text == "" {
		return a, tables, ErrNoContent
	}
	if a.PublishedAt.IsZero() {
		// Last resort: the first date in the article (not a poster's
		// sign-up day: see profileBefore), then on the page
		// (the one just after the headline, if any: see pageDate).
		if t, _, ok := x.lex.firstPublishedDate(a.Text[:min(len(a.Text), 2000)], dayFirst(declared, u), true); ok {
			a.PublishedAt = t
		} else if t, ok := x.lex.pageDate(text(findBody(doc)), a.Title, dayFirst(declared, u)); ok {
			a.PublishedAt = t
		} else if t, ok := m.summaryDate(dayFirst(declared, u)); ok {
			a.PublishedAt = t
		}
	}
	a.Language = Language(a.Text, declared)
	a.ID = event.DocID(a.CanonicalURL)
	return a, tables, nil
}

// minFallbackChars is the extracted text below which a JSON-LD articleBody,
// when longer, is taken instead.
const minFallbackChars = 200

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// dayFirst reports whether the page reads 05/06/2025 as 5 June: everywhere
// but in American (and Canadian, Philippine) English.
func dayFirst(declared string, u *url.URL) bool {
	lang := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(declared)), "_", "-")
	switch lang {
	case "en-us", "en-ca", "en-ph":
		return false
	}
	if !strings.HasPrefix(lang, "en") && lang != "" || strings.HasPrefix(lang, "en-") {
		return true
	}
	if u == nil {
		return lang != "" && lang != "en"
	}
	host := u.Hostname()
	i := strings.LastIndexByte(host, '.')
	switch host[i+1:] {
	case "com", "org", "net", "us", "gov", "edu", "io", "co":
		return false
	}
	return true
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
	info := detectLanguage(sample)
	if code := info.Lang.Iso6391(); code != "" && (info.IsReliable() || declared == "") {
		return code
	}
	return declared
}

// newsLatin are the Latin-script languages detectLanguage tries first.
var newsLatin = map[whatlanggo.Lang]bool{
	whatlanggo.Eng: true, whatlanggo.Spa: true, whatlanggo.Por: true, whatlanggo.Fra: true,
	whatlanggo.Deu: true, whatlanggo.Ita: true, whatlanggo.Nld: true, whatlanggo.Vie: true,
	whatlanggo.Ind: true, whatlanggo.Tur: true, whatlanggo.Pol: true, whatlanggo.Ron: true,
	whatlanggo.Ces: true, whatlanggo.Hun: true, whatlanggo.Swe: true, whatlanggo.Dan: true,
	whatlanggo.Nob: true, whatlanggo.Fin: true, whatlanggo.Hrv: true, whatlanggo.Slv: true,
	whatlanggo.Lit: true, whatlanggo.Lav: true, whatlanggo.Est: true,
}

// hasLatinRelatives are the languages of newsLatin with a close relative
// outside it (Nynorsk, Javanese, Azerbaijani, Turkmen and Uzbek, Afrikaans),
// which only the full comparison tells apart.
var hasLatinRelatives = map[whatlanggo.Lang]bool{
	whatlanggo.Nob: true, whatlanggo.Dan: true, whatlanggo.Ind: true,
	whatlanggo.Tur: true, whatlanggo.Nld: true,
}
