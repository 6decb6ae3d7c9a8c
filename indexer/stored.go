package indexer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/elastic/go-elasticsearch/v8/esapi"

	"github.com/modelwire/modelwire/event"
)

// Fingerprint is a hash of what the store keeps of an article — every
// indexed field and its releases — but not when it was fetched: two
// extractions of one page have the same fingerprint exactly when they
// would be stored alike. Reprocessing compares it with the stored one
// (Stored) to count the articles it changed.
func Fingerprint(a event.Article) string {
	return articleSourceOf(a).Fingerprint
}

func fingerprint(s articleSource, releases []event.Release) string {
	s.FetchedAt, s.Fingerprint = time.Time{}, ""
	b, _ := json.Marshal(struct { // plain structs: cannot fail
		Doc      articleSource   `json:"doc"`
		Releases []event.Release `json:"releases"`
	}{s, releases})
	return event.Hash(b)[:32]
}

// StoredArticle is what Stored tells of an indexed article.
type StoredArticle struct {
	// Fingerprint is "" for a document written before fingerprints were
	// kept.
	Fingerprint string
	// URL is the page the document was extracted from; CanonicalURL its
	// canonical URL.
	URL, CanonicalURL string
}

// Stored returns what is stored of those of ids that are indexed; ids not
// indexed are absent.
func (e *Embedded) Stored(ctx context.Context, ids []string) (map[string]StoredArticle, error) {
	out := make(map[string]StoredArticle, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = []string{"fingerprint", "url", "canonical_url"}
	res, err := e.articles.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("reading stored articles: %w", err)
	}
	for _, h := range res.Hits {
		out[h.ID] = StoredArticle{Fingerprint: str(h.Fields["fingerprint"]), URL: str(h.Fields["url"]), CanonicalURL: str(h.Fields["canonical_url"])}
	}
	return out, nil
}

// Stored returns what is stored of those of ids that are indexed; ids not
// indexed are absent.
func (e *Elastic) Stored(ctx context.Context, ids []string) (map[string]StoredArticle, error) {
	out := make(map[string]StoredArticle, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	if err := e.ensure(ctx); err != nil {
		return nil, err
	}
	body, _ := json.Marshal(map[string]any{"ids": ids})
	var res struct {
		Docs []struct {
			ID     string `json:"_id"`
			Found  bool   `json:"found"`
			Source struct {
				Fingerprint  string `json:"fingerprint"`
				URL          string `json:"url"`
				CanonicalURL string `json:"canonical_url"`
			} `json:"_source"`
			Error json.RawMessage `json:"error"`
		} `json:"docs"`
	}
	req := esapi.MgetRequest{Index: e.articles, Body: bytes.NewReader(body), SourceIncludes: []string{"fingerprint", "url", "canonical_url"}}
	if err := e.call(ctx, req, &res); err != nil {
		return nil, fmt.Errorf("reading stored articles: %w", err)
	}
	for _, d := range res.Docs {
		if len(d.Error) > 0 {
			return nil, fmt.Errorf("reading stored article %s: %s", d.ID, d.Error)
		}
		if d.Found {
			out[d.ID] = StoredArticle{Fingerprint: d.Source.Fingerprint, URL: d.Source.URL, CanonicalURL: d.Source.CanonicalURL}
		}
	}
	return out, nil
}

// withoutSources returns rec without the given sources.
func withoutSources(rec ReleaseRecord, urls []string) ReleaseRecord {
	rec.Sources = slices.DeleteFunc(slices.Clone(rec.Sources), func(s string) bool { return slices.Contains(urls, s) })
	return rec
}

// RemoveReleaseSources takes urls out of the sources of the release
// record under key, deleting the record when no source is left (the
// release is withdrawn: no article reports it any more). It reports
// whether the record was deleted; a missing record is no error.
func (e *Embedded) RemoveReleaseSources(ctx context.Context, key string, urls []string) (deleted bool, err error) {
	e.releaseMu.Lock()
	defer e.releaseMu.Unlock()
	rec, err := e.release(key)
	if err != nil || rec.Key == "" {
		return false, err
	}
	rec = withoutSources(rec, urls)
	if len(rec.Sources) == 0 {
		if err := e.releases.Delete(key); err != nil {
			return false, fmt.Errorf("deleting release %s: %w", key, err)
		}
		return true, nil
	}
	data, _ := json.Marshal(rec) // plain struct: cannot fail
	doc := map[string]any{"vendor": rec.Vendor, "model_key": modelKey(rec.Model), "first_seen": rec.FirstSeen, "record": string(data)}
	if err := e.releases.Index(key, doc); err != nil {
		return false, fmt.Errorf("writing release %s: %w", key, err)
	}
	return false, nil
}

// RemoveReleaseSources takes urls out of the sources of the release
// record under key, deleting the record when no source is left (the
// release is withdrawn: no article reports it any more). It reports
// whether the record was deleted; a missing record is no error. Like
// IndexReleases it writes with if_seq_no and retries when another writer
// changed the record meanwhile.
func (e *Elastic) RemoveReleaseSources(ctx context.Context, key string, urls []string) (deleted bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, e.cfg.WriteTimeout)
	defer cancel()
	if err := e.ensure(ctx); err != nil {
		return false, err
	}
	for round := 0; round < releaseAttempts; round++ {
		stored, err := e.getReleases(ctx, []string{key})
		if err != nil {
			return false, err
		}
		cur, ok := stored[key]
		if !ok {
			return false, nil
		}
		rec := cur.src
		rec.ReleaseRecord = withoutSources(rec.ReleaseRecord, urls)
		rec.Count = len(rec.Sources)
		seq, term := int(cur.seqNo), int(cur.primaryTerm)
		var req esapi.Request
		if rec.Count == 0 {
			req = esapi.DeleteRequest{Index: e.releases, DocumentID: key, IfSeqNo: &seq, IfPrimaryTerm: &term, Refresh: "true"}
		} else {
			body, _ := json.Marshal(rec) // plain struct: cannot fail
			req = esapi.IndexRequest{Index: e.releases, DocumentID: key, Body: bytes.NewReader(body), IfSeqNo: &seq, IfPrimaryTerm: &term, Refresh: "true"}
		}
		err = e.call(ctx, req, nil)
		var re *responseError
		if errors.As(err, &re) && re.Status == http.StatusConflict {
			continue // another writer changed it: read it again
		}
		if err != nil {
			return false, fmt.Errorf("withdrawing sources of release %s: %w", key, err)
		}
		return rec.Count == 0, nil
	}
	return false, fmt.Errorf("release %s: still changing under other writers after %d attempts", key, releaseAttempts)
}
