package indexer

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/blevesearch/bleve/v2"

	"github.com/modelwire/modelwire/event"
)

// reresolvePage is how many documents Reresolve reads and writes at once.
const reresolvePage = 200

// Reresolve gives every indexed article and release record the canonical
// identities r knows (see Renamer): article vendors, model names, ids and
// unknown names are rewritten in place; a release record whose key changes
// moves to the new key, merged with any record already there. progress, if
// not nil, is called after each page. Documents already canonical are not
// written. It is safe to run again, and to stop midway.
func (e *Embedded) Reresolve(ctx context.Context, r Renamer, progress func(ReresolveStats)) (ReresolveStats, error) {
	var st ReresolveStats
	if progress == nil {
		progress = func(ReresolveStats) {}
	}
	for from := 0; ; from += reresolvePage {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), reresolvePage, from, false)
		req.Fields = []string{"*"}
		req.SortBy([]string{"_id"})
		res, err := e.articles.SearchInContext(ctx, req)
		if err != nil {
			return st, fmt.Errorf("reading articles: %w", err)
		}
		batch := e.articles.NewBatch()
		for _, h := range res.Hits {
			st.Articles++
			f := h.Fields
			id := reresolveArticle(r, strs(f["vendors"]), strs(f["models"]))
			if sameStrings(id.vendors, strs(f["vendors"])) && sameStrings(id.models, strs(f["models"])) &&
				sameStrings(id.ids, strs(f["model_ids"])) && sameStrings(id.unknown, strs(f["unknown_models"])) {
				continue
			}
			doc := map[string]any{}
			for _, k := range []string{"url", "canonical_url", "title", "text", "site", "language", "source", "published_at", "fetched_at"} {
				if v := str(f[k]); v != "" {
					doc[k] = v
				}
			}
			doc["authors"], doc["benchmarks"] = strs(f["authors"]), strs(f["benchmarks"])
			if cj := str(f["claims_json"]); cj != "" {
				var cs []event.Claim
				if json.Unmarshal([]byte(cj), &cs) == nil {
					for i := range cs {
						if m, ok := r.Model(cs[i].Model); ok {
							cs[i].Model = m.Name
						}
					}
					setClaims(doc, cs)
				}
			}
			doc["vendors"], doc["models"], doc["model_keys"], doc["model_ids"], doc["unknown_models"] = id.vendors, id.models, id.keys, id.ids, id.unknown
			// The names field is not stored: it is written anew. The
			// fingerprint no longer matches the stored fields: "" means
			// unknown, so a reprocess rewrites the document.
			doc["names"], doc["fingerprint"] = id.names, ""
			if err := batch.Index(h.ID, doc); err != nil {
				return st, fmt.Errorf("article %s: %w", h.ID, err)
			}
			st.ArticlesChanged++
		}
		if batch.Size() > 0 {
			if err := e.articles.Batch(batch); err != nil {
				return st, fmt.Errorf("writing articles: %w", err)
			}
		}
		progress(st)
		if len(res.Hits) < reresolvePage {
			break
		}
	}
	return st, e.reresolveReleases(ctx, r, &st, progress)
}

// reresolveReleases moves release records to their canonical keys.
func (e *Embedded) reresolveReleases(ctx context.Context, r Renamer, st *ReresolveStats, progress func(ReresolveStats)) error {
	e.releaseMu.Lock()
	defer e.releaseMu.Unlock()
	n, err := e.releases.DocCount()
	if err != nil {
		return fmt.Errorf("counting releases: %w", err)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), int(n), 0, false)
	req.Fields = []string{"record"}
	res, err := e.releases.SearchInContext(ctx, req)
	if err != nil {
		return fmt.Errorf("reading releases: %w", err)
	}
	recs := map[string]ReleaseRecord{}
	for _, h := range res.Hits {
		var rec ReleaseRecord
		if err := json.Unmarshal([]byte(str(h.Fields["record"])), &rec); err != nil {
			return fmt.Errorf("%w: stored release %s: %v", ErrPermanent, h.ID, err)
		}
		if rec.Key == "" {
			rec.Key = h.ID
		}
		recs[h.ID] = rec
	}
	batch := e.releases.NewBatch()
	out := map[string]ReleaseRecord{}
	var gone []string
	for key, rec := range recs {
		st.Releases++
		nr := reresolveRelease(r, rec)
		if nr.Key == key {
			if prev, ok := out[key]; ok {
				nr = mergeRecords(prev, nr) // another record moved here first
			}
			out[key] = nr
			continue
		}
		st.ReleasesRenamed++
		gone = append(gone, key)
		if prev, ok := out[nr.Key]; ok {
			nr = mergeRecords(prev, nr)
			st.ReleasesMerged++
		} else if old, ok := recs[nr.Key]; ok {
			nr = mergeRecords(reresolveRelease(r, old), nr)
			st.ReleasesMerged++
		}
		out[nr.Key] = nr
	}
	for key, rec := range out {
		if old, ok := recs[key]; ok && jsonEqual(old, rec) {
			continue
		}
		data, _ := json.Marshal(rec) // plain struct: cannot fail
		if err := batch.Index(key, releaseDoc(rec, data)); err != nil {
			return fmt.Errorf("release %s: %w", key, err)
		}
	}
	for _, key := range gone {
		if _, kept := out[key]; !kept {
			batch.Delete(key)
		}
	}
	if batch.Size() > 0 {
		if err := e.releases.Batch(batch); err != nil {
			return fmt.Errorf("writing releases: %w", err)
		}
	}
	progress(*st)
	return nil
}

// jsonEqual reports records that encode alike.
func jsonEqual(a, b ReleaseRecord) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

// Unknown lists the model names no catalog knows that the indexed articles
// name, most frequent first (at most limit), each with the number of
// articles and the URLs of the latest three.
func (e *Embedded) Unknown(ctx context.Context, limit int) ([]UnknownName, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 0, 0, false)
	req.AddFacet("unknown", bleve.NewFacetRequest("unknown_models", max(limit, 1)))
	res, err := e.articles.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("counting unknown models: %w", err)
	}
	out := []UnknownName{}
	for _, fc := range facetCounts(res.Facets["unknown"]) {
		q := bleve.NewTermQuery(fc.Value)
		q.SetField("unknown_models")
		sreq := bleve.NewSearchRequestOptions(q, 3, 0, false)
		sreq.Fields = []string{"url"}
		sreq.SortBy([]string{"-published_at", "_id"})
		hits, err := e.articles.SearchInContext(ctx, sreq)
		if err != nil {
			return nil, fmt.Errorf("reading sources of %s: %w", fc.Value, err)
		}
		u := UnknownName{Name: fc.Value, Articles: fc.Count, Sources: []string{}}
		for _, h := range hits.Hits {
			u.Sources = append(u.Sources, str(h.Fields["url"]))
		}
		out = append(out, u)
	}
	return out, nil
}
