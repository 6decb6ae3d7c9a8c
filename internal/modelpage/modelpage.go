// Package modelpage assembles what modelwire knows about one model — its
// release record, the articles that reported it in time order, the
// benchmark claims made about it, its variants — from the search store,
// for the model page (/model/<id>), /api/models/<id> and `modelwire model`.
//
// A model's id is its release record's key, treated as opaque: today
// "<vendor>.<model slug>", later a canonical id that may hold a '/'.
package modelpage

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/indexer"
)

// ErrNotFound reports an id (or name) no release record has.
var ErrNotFound = errors.New("no such model")

// Store is what a model page reads. indexer.Embedded and indexer.Elastic
// satisfy it.
type Store interface {
	Search(ctx context.Context, q indexer.Query) (indexer.Result, error)
	Releases(ctx context.Context, q indexer.ReleaseQuery) ([]indexer.ReleaseRecord, error)
}

// maxRelated bounds the release records of one vendor read to find a
// model's variants.
const maxRelated = indexer.MaxReleaseLimit

// Model is one model's page; its JSON is what /api/models/<id> and
// `modelwire model --json` print.
type Model struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Vendor string `json:"vendor"`
	// ParamsTotalB and ParamsActiveB are parameter counts in billions, 0
	// when no source gave one.
	ParamsTotalB  float64      `json:"params_total_b,omitempty"`
	ParamsActiveB float64      `json:"params_active_b,omitempty"`
	License       string       `json:"license,omitempty"`
	OpenWeights   bool         `json:"open_weights"`
	Confidence    float64      `json:"confidence"`
	Announcement  Announcement `json:"announcement"`
	FirstSeen     time.Time    `json:"first_seen"`
	LastSeen      time.Time    `json:"last_seen"`
	// Sources are every article that reported the release, the announcing
	// one first, the later ones in time order.
	Sources []Source `json:"sources"`
	// Claims are the benchmark claims its sources credit to this model
	// (not those about the models it is compared with).
	Claims []event.Claim `json:"claims"`
	// Variants are the vendor's releases that are sizes or variants of
	// this model ("Qwen3-235B-A22B" of "Qwen3"), by the parent links of
	// their identities; VariantOf the nearest released model this one is
	// a size or variant of.
	Variants  []Ref `json:"variants"`
	VariantOf *Ref  `json:"variant_of,omitempty"`
}

// Announcement is how the release was announced: the date (the earliest
// publication date any source gives), and the article, title and
// sentence that made modelwire announce it.
type Announcement struct {
	Date     time.Time `json:"date"`
	URL      string    `json:"url,omitempty"`
	Title    string    `json:"title,omitempty"`
	Site     string    `json:"site,omitempty"`
	Evidence string    `json:"evidence,omitempty"`
}

// Source is one article that reported the release; Title, Site, Language
// and the dates are empty when the article is not in the index.
type Source struct {
	URL         string    `json:"url"`
	Title       string    `json:"title,omitempty"`
	Site        string    `json:"site,omitempty"`
	Language    string    `json:"language,omitempty"`
	PublishedAt time.Time `json:"published_at,omitzero"`
	FetchedAt   time.Time `json:"fetched_at,omitzero"`
	// Announcing marks the article behind the release event.
	Announcing bool `json:"announcing,omitempty"`
}

// Ref names another model.
type Ref struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Load returns the page of the model with release key id.
func Load(ctx context.Context, s Store, id string) (Model, error) {
	recs, err := s.Releases(ctx, indexer.ReleaseQuery{Key: id, Limit: 1})
	if err != nil {
		return Model{}, fmt.Errorf("reading release %s: %w", id, err)
	}
	if len(recs) == 0 {
		return Model{}, fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	rec := recs[0]
	m := Model{
		ID: rec.Key, Name: rec.Model, Vendor: rec.Vendor,
		ParamsTotalB: rec.ParamsTotalB, ParamsActiveB: rec.ParamsActiveB, License: rec.License, OpenWeights: rec.OpenWeights,
		Confidence: rec.Confidence, FirstSeen: rec.FirstSeen, LastSeen: cmp.Or(rec.LastSeen, rec.FirstSeen),
		Announcement: Announcement{Date: rec.AnnouncedAt(), Title: rec.Title, Evidence: rec.Evidence},
		Claims:       credited(rec.Claims, rec.Model), Variants: []Ref{},
	}
	if m.Sources, err = sources(ctx, s, rec.Sources); err != nil {
		return Model{}, err
	}
	if len(m.Sources) > 0 {
		a := m.Sources[0]
		m.Announcement.URL, m.Announcement.Site = a.URL, a.Site
		m.Announcement.Title = cmp.Or(m.Announcement.Title, a.Title)
	}
	if err := variants(ctx, s, &m, rec); err != nil {
		return Model{}, err
	}
	return m, nil
}

// credited returns the claims credited to the model named name.
func credited(cs []event.Claim, name string) []event.Claim {
	out := []event.Claim{}
	for _, c := range cs {
		if c.Model == "" || fold(c.Model) == fold(name) {
			out = append(out, c)
		}
	}
	return out
}

// sources looks the release's articles up in the index: the first (the
// announcing one) stays first, the others are ordered by publication
// date, then fetch time, undated ones last.
func sources(ctx context.Context, s Store, urls []string) ([]Source, error) {
	out := make([]Source, 0, len(urls))
	if len(urls) == 0 {
		return out, nil
	}
	found := map[string]indexer.Hit{}
	for chunk := range slices.Chunk(urls, indexer.MaxLimit) {
		res, err := s.Search(ctx, indexer.Query{URLs: chunk, Limit: indexer.MaxLimit})
		if err != nil {
			return nil, fmt.Errorf("reading the sources: %w", err)
		}
		for _, h := range res.Hits {
			found[h.URL] = h
		}
	}
	for i, u := range urls {
		src := Source{URL: u, Announcing: i == 0}
		if h, ok := found[u]; ok {
			src.Title, src.Site, src.Language, src.PublishedAt, src.FetchedAt = h.Title, h.Site, h.Language, h.PublishedAt, h.FetchedAt
		}
		out = append(out, src)
	}
	slices.SortStableFunc(out[1:], func(a, b Source) int {
		ta, tb := cmp.Or(a.PublishedAt, a.FetchedAt), cmp.Or(b.PublishedAt, b.FetchedAt)
		switch {
		case ta.IsZero() || tb.IsZero():
			return cmp.Compare(boolInt(ta.IsZero()), boolInt(tb.IsZero()))
		default:
			return ta.Compare(tb)
		}
	})
	return out, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// variants fills m's variants and the model it is a variant of, among the
// vendor's releases, by the parent links of the models' identities
// ("alibaba/qwen3-235b-a22b" → "alibaba/qwen3"): a release descends from m
// when its parent, its parent's parent … is m. A parent no release record
// holds ("alibaba/qwen2-5-72b" between Qwen2.5-72B-Instruct and Qwen2.5)
// is followed by its id, whose slug extends its own parent's. Records
// written before models had ids fall back to their names' slugs.
func variants(ctx context.Context, s Store, m *Model, rec indexer.ReleaseRecord) error {
	recs, err := s.Releases(ctx, indexer.ReleaseQuery{Vendors: []string{m.Vendor}, Limit: maxRelated})
	if err != nil {
		return fmt.Errorf("reading the vendor's releases: %w", err)
	}
	byID := map[string]indexer.ReleaseRecord{}
	for _, r := range recs {
		if r.ModelID != "" {
			byID[r.ModelID] = r
		}
	}
	self := identity(rec)
	var parent indexer.ReleaseRecord
	for _, r := range recs {
		if r.Key == m.ID || identity(r) == self {
			continue
		}
		if descends(r, self, byID) {
			m.Variants = append(m.Variants, Ref{ID: r.Key, Name: r.Model})
		} else if descends(rec, identity(r), byID) && len(identity(r)) > len(identity(parent)) {
			parent = r
		}
	}
	if parent.Key != "" {
		m.VariantOf = &Ref{ID: parent.Key, Name: parent.Model}
	}
	slices.SortFunc(m.Variants, func(a, b Ref) int { return cmp.Compare(a.Name, b.Name) })
	return nil
}

// identity is a record's model id, or for a record written before models
// had ids "<vendor>/<slug of its name>".
func identity(r indexer.ReleaseRecord) string {
	if r.ModelID != "" {
		return r.ModelID
	}
	return r.Vendor + "/" + event.Slug(r.Model)
}

// maxLineage bounds the parent links followed from one model.
const maxLineage = 16

// descends reports whether release r is a size or variant of the model
// with id, through parent links (and ids, where a link has no record).
func descends(r indexer.ReleaseRecord, id string, byID map[string]indexer.ReleaseRecord) bool {
	if r.Parent == "" {
		if r.Role != "" {
			return false // a model of its own: records with roles carry their parent
		}
		// A record written before release events carried parents: its
		// id's slug extends its parent's.
		return strings.HasPrefix(identity(r), id+"-")
	}
	p := r.Parent
	for range maxLineage {
		if p == id {
			return true
		}
		up, ok := byID[p]
		if !ok || up.Parent == "" {
			return strings.HasPrefix(p, id+"-")
		}
		p = up.Parent
	}
	return false
}

// Find returns the release records a user's name for a model means: the
// record whose key it is, else those whose model name folds to the same
// letters and digits ("deepseek v3" finds DeepSeek-V3), across vendors.
// When none does, suggestions are records whose names contain it.
func Find(ctx context.Context, s Store, name string) (matches, suggestions []indexer.ReleaseRecord, err error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, nil, fmt.Errorf("%w: empty name", ErrNotFound)
	}
	if recs, err := s.Releases(ctx, indexer.ReleaseQuery{Key: name, Limit: 1}); err != nil || len(recs) > 0 {
		return recs, nil, err
	}
	recs, err := s.Releases(ctx, indexer.ReleaseQuery{Model: name, Limit: 20})
	if err != nil || len(recs) > 0 {
		return recs, nil, err
	}
	all, err := s.Releases(ctx, indexer.ReleaseQuery{Limit: indexer.MaxReleaseLimit})
	if err != nil {
		return nil, nil, err
	}
	want := fold(name)
	for _, r := range all {
		if strings.Contains(fold(r.Model), want) || strings.Contains(want, fold(r.Model)) {
			suggestions = append(suggestions, r)
		}
	}
	return nil, suggestions, nil
}

// fold keeps a name's letters and digits, lower-cased, as release filters
// compare model names.
func fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
