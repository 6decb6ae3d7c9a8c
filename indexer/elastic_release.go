package indexer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/elastic/go-elasticsearch/v8/esapi"
	"github.com/elastic/go-elasticsearch/v8/esutil"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/wait"
)

// Release query limits.
const (
	DefaultReleaseLimit = 50
	MaxReleaseLimit     = 1000
)

// releaseAttempts bounds the read-modify-write rounds of IndexReleases when
// other writers keep changing the same release; between rounds it waits a
// random time up to releaseBackoff times the round, so racing writers
// spread out.
const (
	releaseAttempts = 10
	releaseBackoff  = 20 * time.Millisecond
)

// releaseSource is a release as stored in Elasticsearch (_source): the
// record, plus the folded model name filters match and the number of
// sources to sort by.
type releaseSource struct {
	ReleaseRecord
	ModelKey string `json:"model_key"`
	Count    int    `json:"count"`
}

// mergeRelease folds one event into a stored release (zero if none), as
// MergeRelease does for the embedded store.
func mergeRelease(r releaseSource, ev event.ReleaseEvent) releaseSource {
	r.ReleaseRecord = MergeRelease(r.ReleaseRecord, ev)
	r.ModelKey = modelKey(r.Model)
	r.Count = len(r.Sources)
	return r
}

// storedRelease is a release document with its concurrency token.
type storedRelease struct {
	src         releaseSource
	raw         []byte
	seqNo       int64
	primaryTerm int64
}

// IndexReleases merges release events into one document per release key in
// the releases alias and returns one error per event, classified as for
// Index (there is no ErrStale: an old event still adds its source).
//
// Merging needs the stored document: without scripts (the cluster may have
// none) the union of sources cannot be done server-side, and a
// doc_as_upsert would replace the sources array. So each round reads the
// documents, merges in memory and writes them back with if_seq_no and
// if_primary_term (or create for a new key); a write that lost a race to
// another writer is merged again from the fresh document, up to
// releaseAttempts rounds. An event that changes nothing writes nothing.
func (e *Elastic) IndexReleases(ctx context.Context, evs []event.ReleaseEvent) []error {
	errs := make([]error, len(evs))
	if len(evs) == 0 {
		return errs
	}
	ctx, cancel := context.WithTimeout(ctx, e.cfg.WriteTimeout)
	defer cancel()
	if err := e.ensure(ctx); err != nil {
		return fill(errs, err)
	}
	groups := map[string][]int{}
	var pending []string
	for i, ev := range evs {
		if ev.Key == "" || len(ev.Key) > maxIDBytes {
			errs[i] = fmt.Errorf("%w: release event without a valid key (%d bytes)", ErrPermanent, len(ev.Key))
			continue
		}
		if _, ok := groups[ev.Key]; !ok {
			pending = append(pending, ev.Key)
		}
		groups[ev.Key] = append(groups[ev.Key], i)
	}
	setGroup := func(key string, err error) {
		for _, i := range groups[key] {
			errs[i] = err
		}
	}
	for round := 0; round < releaseAttempts && len(pending) > 0; round++ {
		if round > 0 {
			wait.Sleep(ctx, rand.N(releaseBackoff*time.Duration(round)))
		}
		stored, err := e.getReleases(ctx, pending)
		if err != nil {
			for _, key := range pending {
				setGroup(key, err)
			}
			return errs
		}
		var items []esutil.BulkIndexerItem
		var keys []string
		for _, key := range pending {
			cur, found := stored[key]
			merged := cur.src
			for _, i := range groups[key] {
				merged = mergeRelease(merged, evs[i])
			}
			body, err := json.Marshal(merged)
			if err != nil {
				setGroup(key, fmt.Errorf("%w: encoding release %s: %v", ErrPermanent, key, err))
				continue
			}
			it := esutil.BulkIndexerItem{Index: e.releases, RequireAlias: true, DocumentID: key, Body: bytes.NewReader(body)}
			if found {
				if bytes.Equal(body, cur.raw) {
					setGroup(key, nil)
					continue
				}
				it.Action, it.IfSeqNo, it.IfPrimaryTerm = "index", &cur.seqNo, &cur.primaryTerm
			} else {
				it.Action = "create"
			}
			items = append(items, it)
			keys = append(keys, key)
		}
		pending = nil
		for k, o := range e.send(ctx, items) {
			if o.failed == nil && o.status == http.StatusConflict {
				pending = append(pending, keys[k]) // another writer was first: merge again
				continue
			}
			setGroup(keys[k], o.err(false))
		}
	}
	for _, key := range pending {
		setGroup(key, fmt.Errorf("release %s: still changing under other writers after %d attempts", key, releaseAttempts))
	}
	return errs
}

// getReleases reads the stored documents of keys; missing keys are absent
// from the map.
func (e *Elastic) getReleases(ctx context.Context, keys []string) (map[string]storedRelease, error) {
	body, _ := json.Marshal(map[string]any{"ids": keys})
	var res struct {
		Docs []struct {
			ID          string          `json:"_id"`
			Found       bool            `json:"found"`
			SeqNo       int64           `json:"_seq_no"`
			PrimaryTerm int64           `json:"_primary_term"`
			Source      json.RawMessage `json:"_source"`
			Error       json.RawMessage `json:"error"`
		} `json:"docs"`
	}
	if err := e.call(ctx, esapi.MgetRequest{Index: e.releases, Body: bytes.NewReader(body)}, &res); err != nil {
		return nil, fmt.Errorf("reading releases: %w", err)
	}
	out := make(map[string]storedRelease, len(res.Docs))
	for _, d := range res.Docs {
		if len(d.Error) > 0 {
			return nil, fmt.Errorf("reading release %s: %s", d.ID, d.Error)
		}
		if !d.Found {
			continue
		}
		var src releaseSource
		if err := json.Unmarshal(d.Source, &src); err != nil {
			return nil, fmt.Errorf("decoding stored release %s: %w", d.ID, err)
		}
		raw, _ := json.Marshal(src) // canonical form, to compare with a merge
		out[d.ID] = storedRelease{src: src, raw: raw, seqNo: d.SeqNo, primaryTerm: d.PrimaryTerm}
	}
	return out, nil
}

// Releases returns the stored releases that match q, newest first sighting
// first. Vendors are vendor ids, Model is folded like article model filters,
// and Since bounds first_seen from below.
func (e *Elastic) Releases(ctx context.Context, q ReleaseQuery) ([]ReleaseRecord, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultReleaseLimit
	}
	limit = min(limit, MaxReleaseLimit)
	filter := []any{}
	if q.Key != "" {
		filter = append(filter, map[string]any{"term": map[string]any{"key": q.Key}})
	}
	if len(q.Vendors) > 0 {
		filter = append(filter, terms("vendor", q.Vendors, event.Slug))
	}
	if q.Model != "" {
		filter = append(filter, modelFilter("model_id", "model_key", []string{q.Model}))
	}
	if !q.Since.IsZero() {
		filter = append(filter, map[string]any{"range": map[string]any{"first_seen": map[string]any{"gte": q.Since.Format(time.RFC3339Nano)}}})
	}
	body, _ := json.Marshal(map[string]any{
		"query": map[string]any{"bool": map[string]any{"filter": filter}},
		"size":  limit,
		"sort":  []any{map[string]any{"first_seen": "desc"}, map[string]any{"key": "asc"}},
	})
	var res struct {
		Hits struct {
			Hits []struct {
				Source releaseSource `json:"_source"`
			} `json:"hits"`
		} `json:"hits"`
	}
	err := e.call(ctx, esapi.SearchRequest{Index: []string{e.releases}, Body: bytes.NewReader(body)}, &res)
	var re *responseError
	if errors.As(err, &re) && re.Status == http.StatusNotFound && re.Type == "index_not_found_exception" {
		return nil, fmt.Errorf("no index %s on Elasticsearch: no release has been stored with this index prefix yet", e.releases)
	}
	if err != nil {
		return nil, fmt.Errorf("searching %s: %w", e.releases, err)
	}
	out := make([]ReleaseRecord, 0, len(res.Hits.Hits))
	for _, h := range res.Hits.Hits {
		rec := h.Source.ReleaseRecord
		rec.Sources, rec.Claims = nonNil(rec.Sources), nonNilClaims(rec.Claims)
		out = append(out, rec)
	}
	return out, nil
}

func nonNilClaims(c []event.Claim) []event.Claim {
	if c == nil {
		return []event.Claim{}
	}
	return c
}
