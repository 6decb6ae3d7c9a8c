package event

import (
	"strings"
	"unicode"
)

// Streams and subjects of the pipeline (see design.md).
const (
	// StreamPages holds fetched pages.
	StreamPages = "MW_PAGES"
	// SubjectPages is where the crawler publishes pages.
	SubjectPages = "mw.pages.fetched"
	// SubjectPagesAll matches every page subject.
	SubjectPagesAll = "mw.pages.>"

	// StreamArticles holds extracted articles.
	StreamArticles = "MW_ARTICLES"
	// SubjectArticles is where the extractor publishes articles.
	SubjectArticles = "mw.articles.extracted"
	// SubjectArticlesAll matches every article subject.
	SubjectArticlesAll = "mw.articles.>"

	// StreamReleases holds release events, one subject per vendor and model.
	StreamReleases = "MW_RELEASES"
	// SubjectReleasesAll matches every release event.
	SubjectReleasesAll = "mw.releases.>"

	// StreamDLQ holds dead letters.
	StreamDLQ = "MW_DLQ"
	// SubjectDLQAll matches every dead letter.
	SubjectDLQAll = "mw.dlq.>"

	// BucketSeen is the KV bucket of fetched URLs (validators, content hash).
	BucketSeen = "mw_seen"
	// BucketReleases is the KV bucket of release keys already announced.
	BucketReleases = "mw_releases"
	// BucketBodies is the object store for page bodies too large for a message.
	BucketBodies = "mw_bodies"
)

// ReleaseSubject returns the subject of release events for a vendor and model:
// mw.releases.<vendor slug>.<model slug>.
func ReleaseSubject(vendor, model string) string {
	return ReleaseSubjectOf(Slug(vendor), Slug(model))
}

// ReleaseSubjectOf returns mw.releases.<vendor>.<model> for subject tokens
// used as given: slugs, or the wildcard "*" in a filter.
func ReleaseSubjectOf(vendor, model string) string {
	return "mw.releases." + vendor + "." + model
}

// ReleaseKey returns the identity of a release: "<vendor slug>.<model slug>".
// It is also valid as a KV key.
func ReleaseKey(vendor, model string) string {
	return Slug(vendor) + "." + Slug(model)
}

// DLQSubject returns the dead-letter subject for a stage ("extractor", "indexer").
func DLQSubject(stage string) string {
	return "mw.dlq." + Slug(stage)
}

// Slug folds a name into a subject token: lower case, letters and digits
// kept (any script), everything else a single '-', trimmed. The result never
// contains '.', ' ', '*' or '>'. "Qwen2.5-72B" becomes "qwen2-5-72b".
// An empty or all-punctuation name becomes "unknown".
func Slug(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return "unknown"
	}
	return b.String()
}
