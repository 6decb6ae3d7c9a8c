// Package indexer is modelwire's search store: it writes extracted articles
// and release records into a full-text index and answers queries over them.
//
// Two stores satisfy the same methods: Embedded, a Bleve index in the data
// directory that needs no server (the default), and Elastic, an
// Elasticsearch 8 cluster (production). Callers declare the small interface
// they need (see internal/pipeline and cmd/modelwire) and take either.
package indexer

import (
	"errors"
	"time"

	"github.com/modelwire/modelwire/event"
)

// ErrPermanent marks a per-document failure that will never succeed on retry
// (a mapping conflict, an invalid document). Other errors are temporary.
var ErrPermanent = errors.New("permanent indexing failure")

// ErrStale reports a document older than the version already stored. It is
// not a failure: the stored document is newer, so the write is dropped.
var ErrStale = errors.New("older than the stored version")

// ErrInUse reports an embedded index held by another process, typically a
// running `modelwire run`.
var ErrInUse = errors.New("index is in use by another process")

// Query is a search request. Zero values mean "no filter"; an empty Text
// matches every document.
type Query struct {
	// Text is the user's query, in simple_query_string syntax on
	// Elasticsearch and the equivalent on the embedded store.
	Text string
	// Vendors are vendor ids. Models are canonical model ids
	// ("alibaba/qwen3-coder") or names, compared folded ("Qwen3 Coder" and
	// "qwen3-coder" alike); callers resolve other spellings to canonical
	// names first.
	Vendors []string
	Models  []string
	// Benchmarks keep the articles with a claim on one of these
	// benchmarks, compared folded (see BenchmarkKey): a benchmark also
	// finds its years, versions and subsets ("AIME" finds "AIME 2025").
	// Callers resolve other spellings to the catalog's names first.
	Benchmarks []string
	// Language is an ISO 639-1 code.
	Language string
	Since    time.Time
	Until    time.Time
	// URLs, if set, keeps only the articles fetched from these URLs.
	URLs []string
	// Newest sorts by publication date, newest first, even when the text
	// would rank by relevance (feeds of a saved search).
	Newest bool
	// Limit is the page size (default 10, at most MaxLimit); Offset skips hits.
	Limit  int
	Offset int
}

// Page size limits for Query.
const (
	DefaultLimit = 10
	MaxLimit     = 100
)

// Normalize applies the defaults and limits to q's paging.
func (q Query) Normalize() Query {
	if q.Limit <= 0 {
		q.Limit = DefaultLimit
	}
	if q.Limit > MaxLimit {
		q.Limit = MaxLimit
	}
	if q.Offset < 0 {
		q.Offset = 0
	}
	return q
}

// Result is one page of search results; its JSON is what
// `modelwire search --json` and the HTTP API print.
type Result struct {
	Total  int    `json:"total"`
	Hits   []Hit  `json:"hits"`
	Facets Facets `json:"facets"`
}

// Hit is one matching article.
type Hit struct {
	ID          string    `json:"id"`
	URL         string    `json:"url"`
	Title       string    `json:"title"`
	PublishedAt time.Time `json:"published_at,omitzero"`
	FetchedAt   time.Time `json:"fetched_at,omitzero"`
	Site        string    `json:"site"`
	Language    string    `json:"language"`
	Vendors     []string  `json:"vendors"`
	Models      []string  `json:"models"`
	Score       float64   `json:"score"`
	// Snippet is a passage of the text around the match, with matched terms
	// wrapped in <mark>…</mark>; other markup is escaped.
	Snippet string `json:"snippet"`
}

// Facets are counts of matching documents per vendor, model and language.
type Facets struct {
	Vendors   []FacetCount `json:"vendors"`
	Models    []FacetCount `json:"models"`
	Languages []FacetCount `json:"languages"`
}

// FacetCount is one facet value and the number of matching documents.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// ReleaseQuery selects release records. Zero values mean "no filter".
type ReleaseQuery struct {
	// Key selects the one release with this key.
	Key     string
	Vendors []string
	// Model is a model id or a name, compared as Query.Models are.
	Model string
	Since time.Time
	Limit int
}

// ReleaseRecord is the stored state of one release: first sighting plus every
// corroborating source; its JSON is what `modelwire releases --json` prints.
type ReleaseRecord struct {
	Key    string `json:"key"`
	Vendor string `json:"vendor"`
	// Model is the canonical display name, ModelID the model's id, Parent
	// the id of the model it is a size or variant of.
	Model     string    `json:"model"`
	ModelID   string    `json:"model_id,omitempty"`
	Parent    string    `json:"parent,omitempty"`
	FirstSeen time.Time `json:"first_seen"`
	// Role is event.RoleAnnounced when any source announced the model,
	// event.RoleAlongside when they only released it beside another.
	Role        string        `json:"role,omitempty"`
	PublishedAt time.Time     `json:"published_at,omitzero"`
	Confidence  float64       `json:"confidence"`
	Evidence    string        `json:"evidence,omitempty"`
	Title       string        `json:"title,omitempty"`
	Sources     []string      `json:"sources"`
	Claims      []event.Claim `json:"claims"`
	// LastSeen is when the latest article reporting the release was
	// fetched (at least FirstSeen).
	LastSeen time.Time `json:"last_seen,omitzero"`
	// ParamsTotalB, ParamsActiveB, License and OpenWeights are what the
	// sources say of the model: the announcing article's figures, gaps
	// filled from later ones; OpenWeights when any source says so.
	ParamsTotalB  float64 `json:"params_total_b,omitempty"`
	ParamsActiveB float64 `json:"params_active_b,omitempty"`
	License       string  `json:"license,omitempty"`
	OpenWeights   bool    `json:"open_weights,omitempty"`
}

// AnnouncedAt is the release's announcement date: the earliest
// publication date its sources give, or its first sighting without one.
func (r ReleaseRecord) AnnouncedAt() time.Time {
	if !r.PublishedAt.IsZero() {
		return r.PublishedAt
	}
	return r.FirstSeen
}

// UnknownName is a model name no catalog knows, as indexed articles name
// it: what `modelwire catalog unknown` lists for adding to the catalog.
type UnknownName struct {
	Name string `json:"name"`
	// Articles is the number of articles that name it.
	Articles int `json:"articles"`
	// Sources are the URLs of the latest articles that name it (at most
	// three).
	Sources []string `json:"sources"`
}
