package extractor

import (
	"net/url"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
)

// readabilityText is the second opinion on a page's main text: Mozilla
// Readability's algorithm as codeberg.org/readeck/go-readability/v2 ports
// it, rendered to lines the way the primary extractor renders its own
// choice (so the same furniture lines and story ends are dropped). It
// works on a copy of doc and returns "" when Readability finds no article.
//
// Of the two Go ports, github.com/go-shiori/go-readability (which
// go-trafilatura pulls in) says in its README that it is deprecated in
// favour of this one, and follows Readability.js 0.5; readeck's fork
// follows Readability.js 0.6, is released with semantic versions (v2.1.3,
// 2026), and halved the port's time and cut its allocations fourteenfold
// on large pages. Measured here (BenchmarkSecondOpinion), it takes about
// 2.3 ms on a weak page of the articles eval set.
func readabilityText(doc *html.Node, u *url.URL, h textHints, cc classes) string {
	p := readability.NewParser()
	p.MaxElemsToParse = maxReadabilityElems
	art, err := p.ParseDocument(doc, u)
	if err != nil || art.Node == nil {
		return ""
	}
	s := scorer{useClass: false, cc: cc, kept: make(map[*html.Node]prose)}
	r := renderer{s: &s}
	r.render(art.Node, 0, false)
	r.flush()
	return joinBlocks(r.blocks, h)
}

// maxReadabilityElems bounds the pages the second opinion reads.
const maxReadabilityElems = 20000
