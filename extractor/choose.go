package extractor

// Extraction paths, recorded in event.Article.Extraction.
const (
	// ExtractionPrimary is the extractor's own scorer.
	ExtractionPrimary = "primary"
	// ExtractionReadability is the second opinion, Readability, taken on
	// a weak page.
	ExtractionReadability = "readability"
	// ExtractionCaptions is a photo story's captions.
	ExtractionCaptions = "captions"
	// ExtractionJSONLD is the page's JSON-LD articleBody.
	ExtractionJSONLD = "jsonld"
)
