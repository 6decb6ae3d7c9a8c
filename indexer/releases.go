package indexer

import (
	"slices"

	"github.com/modelwire/modelwire/event"
)

// maxRecordSources and maxRecordClaims bound a release record.
const (
	maxRecordSources = 100
	maxRecordClaims  = 50
)

// MergeRelease folds a release event into the stored record (zero for a
// new release): the earliest first sighting and publication date win,
// sources and claims are united without duplicates. Merging the same event
// twice changes nothing.
func MergeRelease(rec ReleaseRecord, ev event.ReleaseEvent) ReleaseRecord {
	if rec.Key == "" {
		rec = ReleaseRecord{Key: ev.Key, Vendor: ev.Vendor, Model: ev.Model, FirstSeen: ev.FirstSeen,
			PublishedAt: ev.PublishedAt, Confidence: ev.Confidence, Evidence: ev.Evidence, Title: ev.Title}
	}
	if !ev.FirstSeen.IsZero() && (rec.FirstSeen.IsZero() || ev.FirstSeen.Before(rec.FirstSeen)) {
		rec.FirstSeen = ev.FirstSeen
	}
	if !ev.PublishedAt.IsZero() && (rec.PublishedAt.IsZero() || ev.PublishedAt.Before(rec.PublishedAt)) {
		rec.PublishedAt = ev.PublishedAt
	}
	if ev.Confidence > rec.Confidence {
		rec.Confidence, rec.Evidence = ev.Confidence, ev.Evidence
	}
	if rec.Title == "" {
		rec.Title = ev.Title
	}
	for _, s := range append(slices.Clone(ev.Sources), ev.ArticleURL) {
		if s != "" && !slices.Contains(rec.Sources, s) && len(rec.Sources) < maxRecordSources {
			rec.Sources = append(rec.Sources, s)
		}
	}
	for _, c := range ev.Claims {
		if !slices.ContainsFunc(rec.Claims, func(x event.Claim) bool { return sameClaim(x, c) }) && len(rec.Claims) < maxRecordClaims {
			rec.Claims = append(rec.Claims, c)
		}
	}
	if rec.Sources == nil {
		rec.Sources = []string{}
	}
	if rec.Claims == nil {
		rec.Claims = []event.Claim{}
	}
	return rec
}

func sameClaim(a, b event.Claim) bool {
	if a.Model != b.Model || a.Benchmark != b.Benchmark || a.Relation != b.Relation || a.Target != b.Target {
		return false
	}
	if (a.Value == nil) != (b.Value == nil) {
		return false
	}
	return a.Value == nil || *a.Value == *b.Value
}
