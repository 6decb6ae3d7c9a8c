package crawler

import (
	"context"
	"sync"
	"time"

	"github.com/modelwire/modelwire/event"
)

// Seen remembers what the crawler fetched, keyed by SeenKey of the
// normalised URL, so that later passes — in this process or another
// replica — can ask for changes only (If-None-Match, If-Modified-Since),
// skip unchanged content and leave recently fetched articles alone.
// Implementations must be safe for concurrent use.
type Seen interface {
	// Get returns the record under key; ok is false when there is none.
	Get(ctx context.Context, key string) (rec Record, ok bool, err error)
	// Put stores rec under key, replacing any record there.
	Put(ctx context.Context, key string, rec Record) error
}

// Record is what the crawler remembers about one URL.
type Record struct {
	// URL is the normalised URL the record is about.
	URL string `json:"url"`
	// ETag and LastModified are the validators of the last full answer.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// ContentHash is the hex SHA-256 of the last decoded body.
	ContentHash string `json:"content_hash,omitempty"`
	// Status is the HTTP status of the last answer (200, 304, 404, …).
	Status int `json:"status,omitempty"`
	// FetchedAt is when the URL was last answered.
	FetchedAt time.Time `json:"fetched_at"`
	// Listed is the newest date a feed or sitemap gave for the URL when it
	// was last fetched (lastmod, publication or update date).
	Listed time.Time `json:"listed,omitzero"`
	// Canonical is the page's <link rel=canonical>, normalised, when it
	// differs from URL.
	Canonical string `json:"canonical,omitempty"`
	// EntriesAt is when the entries of this feed, sitemap or start page
	// were last queued; after RecrawlAfter they are queued again even if
	// the listing did not change, so its articles get their recrawl.
	EntriesAt time.Time `json:"entries_at,omitzero"`
	// Revisit asks the next pass to fetch this feed, sitemap or start page
	// in full and to visit its entries again: it is a sitemap index, or
	// some of its entries failed or were cut by max_pages.
	Revisit bool `json:"revisit,omitempty"`
}

// SeenKey returns the Seen key of a normalised URL: the first 32 hex digits
// of its SHA-256 (event.DocID), valid as a NATS KV key.
func SeenKey(normalizedURL string) string { return event.DocID(normalizedURL) }

// memorySeen is the Seen used when none is given: it remembers for the
// life of the Crawler only.
type memorySeen struct {
	mu sync.Mutex
	m  map[string]Record
}

func newMemorySeen() *memorySeen { return &memorySeen{m: map[string]Record{}} }

func (s *memorySeen) Get(_ context.Context, key string) (Record, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.m[key]
	return r, ok, nil
}

func (s *memorySeen) Put(_ context.Context, key string, rec Record) error {
	s.mu.Lock()
	s.m[key] = rec
	s.mu.Unlock()
	return nil
}
