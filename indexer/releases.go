package indexer

import (
	"cmp"
	"slices"

	"github.com/modelwire/modelwire/event"
)

// maxRecordSources and maxRecordClaims bound a release record.
const (
	maxRecordSources = 100
	maxRecordClaims  = 50
)

// MergeRelease folds a release event into the stored record (zero for a
// new release): the earliest first sighting wins and brings its evidence
// and title, the announcing event's model facts (parameters, licence) win
// and later events fill what it lacks, the earliest publication date, the
// latest sighting and the highest confidence win,
// sources and claims are united without duplicates (up to
// maxRecordSources and maxRecordClaims). Times are kept in UTC. Merging the
// same event twice changes nothing.
func MergeRelease(rec ReleaseRecord, ev event.ReleaseEvent) ReleaseRecord {
	first, published := ev.FirstSeen.UTC(), ev.PublishedAt.UTC()
	if rec.Key == "" {
		rec = ReleaseRecord{Key: ev.Key, Vendor: ev.Vendor, Model: ev.Model, FirstSeen: first,
			PublishedAt: published, Confidence: ev.Confidence, Evidence: ev.Evidence, Title: ev.Title}
	}
	if rec.ModelID == "" {
		rec.ModelID = ev.ModelID
	}
	rec.Parent = cmp.Or(rec.Parent, ev.Parent)
	if rec.Role == "" || ev.Role == event.RoleAnnounced {
		rec.Role = cmp.Or(ev.Role, rec.Role)
	}
	if !first.IsZero() && (rec.FirstSeen.IsZero() || first.Before(rec.FirstSeen)) {
		rec.FirstSeen = first
		if ev.Evidence != "" {
			rec.Evidence = ev.Evidence
		}
		if ev.Title != "" {
			rec.Title = ev.Title
		}
	}
	if ev.Kind == event.KindRelease { // the announcing article's figures win
		rec.ParamsTotalB = cmp.Or(ev.ParamsTotalB, rec.ParamsTotalB)
		rec.ParamsActiveB = cmp.Or(ev.ParamsActiveB, rec.ParamsActiveB)
		rec.License = cmp.Or(ev.License, rec.License)
	}
	rec.ParamsTotalB = cmp.Or(rec.ParamsTotalB, ev.ParamsTotalB)
	rec.ParamsActiveB = cmp.Or(rec.ParamsActiveB, ev.ParamsActiveB)
	rec.License = cmp.Or(rec.License, ev.License)
	rec.OpenWeights = rec.OpenWeights || ev.OpenWeights
	if seen := cmp.Or(ev.SeenAt, ev.FirstSeen).UTC(); seen.After(rec.LastSeen) {
		rec.LastSeen = seen
	}
	if rec.LastSeen.Before(rec.FirstSeen) {
		rec.LastSeen = rec.FirstSeen
	}
	if !published.IsZero() && (rec.PublishedAt.IsZero() || published.Before(rec.PublishedAt)) {
		rec.PublishedAt = published
	}
	rec.Confidence = max(rec.Confidence, ev.Confidence)
	if rec.Evidence == "" {
		rec.Evidence = ev.Evidence
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
