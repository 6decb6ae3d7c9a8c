package extractor

import (
	"net/url"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
)

// readabilityText is the second opinion on a page's main text: Mozilla
// Readability's algorithm as codeberg.org/readeck/go-readability/v2 ports
// it, rendered to lines the way the primary extractor renders its own
// choice. It works on a copy of doc and returns "" when Readability finds
// no article.
func readabilityText(doc *html.Node, u *url.URL, h textHints, cc classes) string {
	p := readability.NewParser()
	p.MaxElemsToParse = maxReadabilityElems
	art, err := p.ParseDocument(doc, u)
	if err != nil || art.Node == nil {
		return ""
	}
	s := scorer{useClass: false, cc: cc, kept: make(map[*html.Node]bool)}
	r := renderer{s: &s}
	r.render(art.Node, 0, false)
	r.flush()
	return joinBlocks(r.blocks, h)
}

// maxReadabilityElems bounds the pages the second opinion reads.
const maxReadabilityElems = 20000
