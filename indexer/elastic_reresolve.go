package indexer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/elastic/go-elasticsearch/v8/esapi"
	"github.com/elastic/go-elasticsearch/v8/esutil"
)

// scrollKeepAlive is how long Elasticsearch keeps a Reresolve scroll open
// between pages.
const scrollKeepAlive = 2 * time.Minute

// scrollPage is one page of a scroll over an index.
type scrollPage struct {
	ScrollID string `json:"_scroll_id"`
	Hits     struct {
		Hits []struct {
			ID     string          `json:"_id"`
			Source json.RawMessage `json:"_source"`
		} `json:"hits"`
	} `json:"hits"`
}

// scroll calls fn with every page of the documents behind index.
func (e *Elastic) scroll(ctx context.Context, index string, fn func(scrollPage) error) error {
	body, _ := json.Marshal(map[string]any{"size": reresolvePage, "sort": []string{"_doc"}})
	var page scrollPage
	err := e.call(ctx, esapi.SearchRequest{Index: []string{index}, Body: bytes.NewReader(body), Scroll: scrollKeepAlive}, &page)
	var re *responseError
	if errors.As(err, &re) && re.Status == http.StatusNotFound {
		return nil // nothing stored yet
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", index, err)
	}
	defer func() {
		if page.ScrollID != "" {
			clear, _ := json.Marshal(map[string]any{"scroll_id": page.ScrollID})
			e.call(context.WithoutCancel(ctx), esapi.ClearScrollRequest{Body: bytes.NewReader(clear)}, nil)
		}
	}()
	for len(page.Hits.Hits) > 0 {
		if err := fn(page); err != nil {
			return err
		}
		next := scrollPage{}
		if err := e.call(ctx, esapi.ScrollRequest{ScrollID: page.ScrollID, Scroll: scrollKeepAlive}, &next); err != nil {
			return fmt.Errorf("reading %s: %w", index, err)
		}
		page = next
	}
	return nil
}

// Reresolve gives every stored article and release record the canonical
// identities r knows, as Embedded.Reresolve does. An article is written
// back with its own version (its fetch time), so a newer fetch stored in
// the meantime wins; a release record whose key changes moves to the new
// key, merged with any record already there.
func (e *Elastic) Reresolve(ctx context.Context, r Renamer, progress func(ReresolveStats)) (ReresolveStats, error) {
	var st ReresolveStats
	if progress == nil {
		progress = func(ReresolveStats) {}
	}
	if err := e.ensure(ctx); err != nil {
		return st, err
	}
	err := e.scroll(ctx, e.articles, func(page scrollPage) error {
		var items []esutil.BulkIndexerItem
		for _, h := range page.Hits.Hits {
			st.Articles++
			var src articleSource
			if err := json.Unmarshal(h.Source, &src); err != nil {
				return fmt.Errorf("%w: stored article %s: %v", ErrPermanent, h.ID, err)
			}
			id := reresolveArticle(r, src.Vendors, src.Models)
			if sameStrings(id.vendors, nonNil(src.Vendors)) && sameStrings(id.models, nonNil(src.Models)) &&
				sameStrings(id.ids, nonNil(src.ModelIDs)) && sameStrings(id.unknown, nonNil(src.Unknown)) {
				continue
			}
			src.Vendors, src.Models, src.ModelKeys, src.ModelIDs, src.Unknown = id.vendors, id.models, id.keys, id.ids, id.unknown
			src.Names, src.Fingerprint = id.names, "" // see Embedded.Reresolve
			body, err := json.Marshal(src)
			if err != nil {
				return fmt.Errorf("%w: encoding article %s: %v", ErrPermanent, h.ID, err)
			}
			v := max(src.FetchedAt.UnixMilli(), 0)
			items = append(items, esutil.BulkIndexerItem{Action: "index", Index: e.articles, RequireAlias: true,
				DocumentID: h.ID, Version: &v, VersionType: "external_gte", Body: bytes.NewReader(body)})
		}
		for k, o := range e.send(ctx, items) {
			switch err := o.err(true); {
			case errors.Is(err, ErrStale):
				// fetched again meanwhile, and indexed with today's identities
			case err != nil:
				return fmt.Errorf("writing article %s: %w", items[k].DocumentID, err)
			default:
				st.ArticlesChanged++
			}
		}
		progress(st)
		return nil
	})
	if err != nil {
		return st, err
	}
	if err := e.reresolveReleases(ctx, r, &st); err != nil {
		return st, err
	}
	progress(st)
	return st, e.Refresh(ctx)
}

// reresolveReleases moves release records to their canonical keys.
func (e *Elastic) reresolveReleases(ctx context.Context, r Renamer, st *ReresolveStats) error {
	recs := map[string]ReleaseRecord{}
	var order []string
	err := e.scroll(ctx, e.releases, func(page scrollPage) error {
		for _, h := range page.Hits.Hits {
			var src releaseSource
			if err := json.Unmarshal(h.Source, &src); err != nil {
				return fmt.Errorf("%w: stored release %s: %v", ErrPermanent, h.ID, err)
			}
			if src.Key == "" {
				src.Key = h.ID
			}
			recs[h.ID] = src.ReleaseRecord
			order = append(order, h.ID)
		}
		return nil
	})
	if err != nil {
		return err
	}
	out := map[string]ReleaseRecord{}
	var gone []string
	for _, key := range order {
		rec := recs[key]
		st.Releases++
		nr := reresolveRelease(r, rec)
		if nr.Key != key {
			st.ReleasesRenamed++
			gone = append(gone, key)
			if _, ok := out[nr.Key]; ok {
				st.ReleasesMerged++
			} else if old, ok := recs[nr.Key]; ok {
				nr = mergeRecords(reresolveRelease(r, old), nr)
				st.ReleasesMerged++
			}
		}
		if prev, ok := out[nr.Key]; ok {
			nr = mergeRecords(prev, nr)
		}
		out[nr.Key] = nr
	}
	var items []esutil.BulkIndexerItem
	for key, rec := range out {
		if old, ok := recs[key]; ok && jsonEqual(old, rec) {
			continue
		}
		src := releaseSource{ReleaseRecord: rec, ModelKey: modelKey(rec.Model), Count: len(rec.Sources)}
		body, err := json.Marshal(src)
		if err != nil {
			return fmt.Errorf("%w: encoding release %s: %v", ErrPermanent, key, err)
		}
		items = append(items, esutil.BulkIndexerItem{Action: "index", Index: e.releases, RequireAlias: true,
			DocumentID: key, Body: bytes.NewReader(body)})
	}
	for _, key := range gone {
		if _, kept := out[key]; !kept {
			items = append(items, esutil.BulkIndexerItem{Action: "delete", Index: e.releases, DocumentID: key})
		}
	}
	for k, o := range e.send(ctx, items) {
		if err := o.err(false); err != nil && !(items[k].Action == "delete" && o.status == http.StatusNotFound) {
			return fmt.Errorf("writing release %s: %w", items[k].DocumentID, err)
		}
	}
	return nil
}

// Unknown lists the model names no catalog knows that the stored articles
// name, most frequent first (at most limit), each with the number of
// articles and the URLs of the latest three, as Embedded.Unknown does.
func (e *Elastic) Unknown(ctx context.Context, limit int) ([]UnknownName, error) {
	body, _ := json.Marshal(map[string]any{
		"size": 0,
		"aggs": map[string]any{"names": map[string]any{
			"terms": map[string]any{"field": "unknown_models", "size": max(limit, 1)},
			"aggs": map[string]any{"latest": map[string]any{"top_hits": map[string]any{
				"size": 3, "_source": []string{"url"},
				"sort": []any{map[string]any{"published_at": map[string]any{"order": "desc", "missing": "_last"}}},
			}}},
		}},
	})
	var res struct {
		Aggregations struct {
			Names struct {
				Buckets []struct {
					Key      string `json:"key"`
					DocCount int    `json:"doc_count"`
					Latest   struct {
						Hits struct {
							Hits []struct {
								Source struct {
									URL string `json:"url"`
								} `json:"_source"`
							} `json:"hits"`
						} `json:"hits"`
					} `json:"latest"`
				} `json:"buckets"`
			} `json:"names"`
		} `json:"aggregations"`
	}
	err := e.call(ctx, esapi.SearchRequest{Index: []string{e.articles}, Body: bytes.NewReader(body)}, &res)
	var re *responseError
	if errors.As(err, &re) && re.Status == http.StatusNotFound && re.Type == "index_not_found_exception" {
		return []UnknownName{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("counting unknown models in %s: %w", e.articles, err)
	}
	out := []UnknownName{}
	for _, b := range res.Aggregations.Names.Buckets {
		u := UnknownName{Name: b.Key, Articles: b.DocCount, Sources: []string{}}
		for _, h := range b.Latest.Hits.Hits {
			u.Sources = append(u.Sources, h.Source.URL)
		}
		out = append(out, u)
	}
	return out, nil
}
