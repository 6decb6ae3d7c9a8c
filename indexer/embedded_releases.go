package indexer

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/modelwire/modelwire/event"
)

func releaseMapping() mapping.IndexMapping {
	keyword := bleve.NewKeywordFieldMapping()
	keyword.Store = false
	keyword.IncludeInAll = false
	keyword.IncludeTermVectors = false
	date := bleve.NewDateTimeFieldMapping()
	date.Store = false
	date.IncludeInAll = false
	stored := bleve.NewTextFieldMapping()
	stored.Index = false
	stored.IncludeInAll = false

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt("vendor", keyword)
	doc.AddFieldMappingsAt("model_key", keyword)
	doc.AddFieldMappingsAt("model_id", keyword)
	doc.AddFieldMappingsAt("first_seen", date)
	doc.AddFieldMappingsAt("record", stored)
	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	return m
}

// IndexReleases folds release events into their release records, one per
// release key (see MergeRelease). It returns one error per event.
func (e *Embedded) IndexReleases(ctx context.Context, evs []event.ReleaseEvent) []error {
	errs := make([]error, len(evs))
	if len(evs) == 0 {
		return errs
	}
	e.releaseMu.Lock() // read-modify-write of records
	defer e.releaseMu.Unlock()
	recs := map[string]ReleaseRecord{}
	for i, ev := range evs {
		if ev.Key == "" {
			errs[i] = fmt.Errorf("%w: release event without key", ErrPermanent)
			continue
		}
		rec, ok := recs[ev.Key]
		if !ok {
			var err error
			if rec, err = e.release(ev.Key); err != nil {
				errs[i] = err
				continue
			}
		}
		recs[ev.Key] = MergeRelease(rec, ev)
	}
	batch := e.releases.NewBatch()
	for key, rec := range recs {
		data, _ := json.Marshal(rec) // plain struct: cannot fail
		doc := releaseDoc(rec, data)
		if err := batch.Index(key, doc); err != nil {
			return fill(errs, fmt.Errorf("%w: %v", ErrPermanent, err))
		}
	}
	if err := e.releases.Batch(batch); err != nil {
		for i := range errs {
			if errs[i] == nil {
				errs[i] = fmt.Errorf("writing releases: %w", err)
			}
		}
	}
	return errs
}

// releaseDoc is the embedded store's document of a release record.
func releaseDoc(rec ReleaseRecord, data []byte) map[string]any {
	return map[string]any{"vendor": rec.Vendor, "model_key": modelKey(rec.Model), "model_id": rec.ModelID, "first_seen": rec.FirstSeen, "record": string(data)}
}

// release reads the stored record of key; the zero record if there is none.
func (e *Embedded) release(key string) (ReleaseRecord, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery([]string{key}), 1, 0, false)
	req.Fields = []string{"record"}
	res, err := e.releases.Search(req)
	if err != nil {
		return ReleaseRecord{}, fmt.Errorf("reading release %s: %w", key, err)
	}
	var rec ReleaseRecord
	if len(res.Hits) == 1 {
		if err := json.Unmarshal([]byte(str(res.Hits[0].Fields["record"])), &rec); err != nil {
			return ReleaseRecord{}, fmt.Errorf("%w: stored release %s: %v", ErrPermanent, key, err)
		}
	}
	return rec, nil
}

// Releases lists release records matching q, most recently first seen first.
func (e *Embedded) Releases(ctx context.Context, q ReleaseQuery) ([]ReleaseRecord, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	var must []query.Query
	if q.Key != "" {
		must = append(must, bleve.NewDocIDQuery([]string{q.Key}))
	}
	if len(q.Vendors) > 0 {
		must = append(must, anyTerm("vendor", q.Vendors, event.Slug))
	}
	if q.Model != "" {
		must = append(must, modelQuery("model_id", "model_key", []string{q.Model}))
	}
	if !q.Since.IsZero() {
		r := bleve.NewDateRangeQuery(q.Since, time.Time{})
		r.SetField("first_seen")
		must = append(must, r)
	}
	var bq query.Query = bleve.NewMatchAllQuery()
	if len(must) > 0 {
		bq = bleve.NewConjunctionQuery(must...)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 1000)
	req := bleve.NewSearchRequestOptions(bq, limit, 0, false)
	req.Fields = []string{"record"}
	req.SortBy([]string{"-first_seen", "_id"})
	res, err := e.releases.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("listing releases: %w", err)
	}
	out := make([]ReleaseRecord, 0, len(res.Hits))
	for _, h := range res.Hits {
		var rec ReleaseRecord
		if err := json.Unmarshal([]byte(str(h.Fields["record"])), &rec); err == nil {
			out = append(out, rec)
		}
	}
	return out, nil
}
