package indexer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/elastic/go-elasticsearch/v8/esutil"

	"github.com/modelwire/modelwire/event"
)

// maxIDBytes is Elasticsearch's limit on a document _id.
const maxIDBytes = 512

// articleSource is an article as stored in Elasticsearch (_source).
type articleSource struct {
	URL          string        `json:"url"`
	CanonicalURL string        `json:"canonical_url,omitempty"`
	Title        string        `json:"title"`
	Text         string        `json:"text"`
	Site         string        `json:"site,omitempty"`
	Language     string        `json:"language,omitempty"`
	Source       string        `json:"source,omitempty"`
	Authors      []string      `json:"authors,omitempty"`
	Vendors      []string      `json:"vendors"`
	Models       []string      `json:"models"`
	ModelKeys    []string      `json:"model_keys"`
	ModelIDs     []string      `json:"model_ids"`
	Unknown      []string      `json:"unknown_models"`
	Benchmarks   []string      `json:"benchmarks"`
	BenchKeys    []string      `json:"benchmark_keys"`
	Names        []string      `json:"names,omitempty"`
	Claims       []event.Claim `json:"claims,omitempty"`
	Image        string        `json:"image,omitempty"`
	ContentHash  string        `json:"content_hash,omitempty"`
	PublishedAt  time.Time     `json:"published_at,omitzero"`
	UpdatedAt    time.Time     `json:"updated_at,omitzero"`
	FetchedAt    time.Time     `json:"fetched_at,omitzero"`
	Fingerprint  string        `json:"fingerprint,omitempty"`
}

func articleSourceOf(a event.Article) articleSource {
	s := articleSource{
		URL: a.URL, CanonicalURL: a.CanonicalURL, Title: a.Title, Text: a.Text,
		Site: a.SiteName, Language: a.Language, Source: a.Source, Authors: a.Authors,
		Vendors: vendorIDs(a.Vendors), Models: modelNames(a.Models), ModelKeys: modelKeys(a.Models),
		ModelIDs: modelIDs(a.Models), Unknown: unknownModels(a.Models),
		Benchmarks: benchmarks(a.Claims), BenchKeys: benchmarkKeys(a.Claims), Names: nameTerms(a), Claims: a.Claims, Image: a.Image, ContentHash: a.ContentHash,
		PublishedAt: a.PublishedAt, UpdatedAt: a.UpdatedAt, FetchedAt: a.FetchedAt,
	}
	s.Fingerprint = fingerprint(s, a.Releases)
	return s
}

// articleVersion is the external version of an article: its fetch time in
// Unix milliseconds, so a later fetch replaces an earlier one and never the
// reverse. An unknown fetch time is the oldest version, 0.
func articleVersion(a event.Article) int64 {
	return max(a.FetchedAt.UnixMilli(), 0)
}

// Index writes articles through the articles alias with one bulk request per
// worker and returns one error per article: nil when stored (a replay of the
// stored version is stored again, unchanged), ErrStale when a newer version
// is stored, an error wrapping ErrPermanent when Elasticsearch rejects the
// document, and any other error when the write may succeed later
// (Elasticsearch unreachable, overloaded or not yet set up).
//
// The _id is the article's ID (event.DocID of its canonical URL) and the
// version its fetch time, with version_type external_gte, so a re-crawl
// replaces the document and an older fetch never overwrites a newer one.
func (e *Elastic) Index(ctx context.Context, docs []event.Article) []error {
	errs := make([]error, len(docs))
	if len(docs) == 0 {
		return errs
	}
	ctx, cancel := context.WithTimeout(ctx, e.cfg.WriteTimeout)
	defer cancel()
	if err := e.ensure(ctx); err != nil {
		return fill(errs, err)
	}
	items := make([]esutil.BulkIndexerItem, 0, len(docs))
	pos := make([]int, 0, len(docs)) // items[k] is docs[pos[k]]
	for i, d := range docs {
		if d.ID == "" || len(d.ID) > maxIDBytes {
			errs[i] = fmt.Errorf("%w: article %s has no valid id (%d bytes)", ErrPermanent, d.URL, len(d.ID))
			continue
		}
		body, err := json.Marshal(articleSourceOf(d))
		if err != nil {
			errs[i] = fmt.Errorf("%w: encoding article %s: %v", ErrPermanent, d.URL, err)
			continue
		}
		v := articleVersion(d)
		items = append(items, esutil.BulkIndexerItem{
			Action:       "index",
			Index:        e.articles,
			RequireAlias: true,
			DocumentID:   d.ID,
			Version:      &v,
			VersionType:  "external_gte",
			Body:         bytes.NewReader(body),
		})
		pos = append(pos, i)
	}
	for k, r := range e.send(ctx, items) {
		errs[pos[k]] = r.err(true)
	}
	return errs
}

// outcome is Elasticsearch's answer for one bulk item.
type outcome struct {
	status      int
	errType     string
	reason      string
	seqNo       int64
	primaryTerm int64
	// failed is set when no answer came (a transport or whole-request
	// failure, or none at all).
	failed error
}

// err classifies an outcome: nil, ErrStale (a version conflict, when
// versioned), ErrPermanent for a document Elasticsearch will never accept,
// otherwise a temporary error.
func (o outcome) err(versioned bool) error {
	if o.failed != nil {
		return fmt.Errorf("elasticsearch bulk: %w", o.failed)
	}
	if o.status < 300 && o.errType == "" {
		return nil
	}
	re := &responseError{Status: o.status, Type: o.errType, Reason: o.reason}
	switch {
	case versioned && o.status == http.StatusConflict && o.errType == "version_conflict_engine_exception":
		return ErrStale
	case permanentItem(o.status, o.errType, o.reason):
		return fmt.Errorf("%w: %w", ErrPermanent, re)
	default:
		return re
	}
}

// permanentItem tells whether a per-item bulk failure is the document's own
// fault and will fail again however often it is retried: a 400 (mapping or
// parsing error, immense term, strict mapping) — except for the 400s that
// describe the cluster's state (a closed index, an alias without a write
// index), which an operator can fix.
func permanentItem(status int, typ, reason string) bool {
	if status != http.StatusBadRequest {
		return false
	}
	switch typ {
	case "index_closed_exception", "cluster_block_exception", "index_not_found_exception":
		return false
	case "illegal_argument_exception":
		return !strings.Contains(reason, "write index")
	}
	return true
}

// send runs items through the shared bulk indexer and waits for their
// answers, which come back in the order of items.
func (e *Elastic) send(ctx context.Context, items []esutil.BulkIndexerItem) []outcome {
	out := make([]outcome, len(items))
	if len(items) == 0 {
		return out
	}
	var mu sync.Mutex // the callbacks run on the indexer's workers
	answered := make([]bool, len(items))
	set := func(k int, o outcome) {
		mu.Lock()
		out[k], answered[k] = o, true
		mu.Unlock()
	}
	e.life.RLock() // Close waits, so nothing is added to a closed indexer
	defer e.life.RUnlock()
	var addErr error
	for k := range items {
		it := items[k]
		it.OnSuccess = func(_ context.Context, _ esutil.BulkIndexerItem, r esutil.BulkIndexerResponseItem) {
			set(k, outcome{status: r.Status, seqNo: r.SeqNo, primaryTerm: r.PrimTerm})
		}
		it.OnFailure = func(_ context.Context, _ esutil.BulkIndexerItem, r esutil.BulkIndexerResponseItem, err error) {
			if err != nil {
				set(k, outcome{failed: err})
				return
			}
			set(k, outcome{status: r.Status, errType: r.Error.Type, reason: r.Error.Reason})
		}
		if e.closed {
			addErr = errors.New("store is closed")
		} else {
			addErr = e.bulk.Add(ctx, it)
		}
		if addErr != nil {
			for j := k; j < len(items); j++ {
				set(j, outcome{failed: fmt.Errorf("queueing: %w", addErr)})
			}
			break
		}
	}
	var flushErr error
	if !e.closed {
		flushErr = e.bulk.Flush(ctx)
	}
	mu.Lock()
	defer mu.Unlock()
	res := make([]outcome, len(items))
	for k := range items {
		switch {
		case answered[k]:
			res[k] = out[k]
		case flushErr != nil:
			res[k] = outcome{failed: fmt.Errorf("flushing: %w", flushErr)}
		default:
			res[k] = outcome{failed: errors.New("no answer for the item")}
		}
		if res[k].status == http.StatusNotFound && res[k].errType == "index_not_found_exception" {
			// The alias is gone (deleted, or a new cluster): set up again.
			e.ready.Store(false)
		}
	}
	return res
}
