package crawler

import (
	"log/slog"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Skip reasons: why a URL was not fetched or not published. They are the
// keys of Snapshot.Skipped.
const (
	SkipNotDue      = "not_due"      // fetched recently; the recrawl interval has not passed
	SkipDuplicate   = "duplicate"    // same normalised or canonical URL already handled in this pass
	SkipRobots      = "robots"       // disallowed by robots.txt
	SkipContentType = "content_type" // not an HTML page
	SkipMaxPages    = "max_pages"    // over the source's max_pages for this pass
	SkipScope       = "out_of_scope" // outside allowed_domains or include/exclude
)

// Stats counts what one pass over a source did. Its methods are safe for
// concurrent use; read it with Snapshot, during or after the pass.
type Stats struct {
	source  string
	started time.Time

	requests, fetched, documents, notModified, unchanged, bytes atomic.Int64
	rendered, duration                                          atomic.Int64
	queued                                                      atomic.Int64 // pages waiting in the frontier

	mu      sync.Mutex
	skipped map[string]int64
	failed  map[string]int64
}

// Snapshot is a copy of Stats at one moment, ready to log or to export as
// metrics.
type Snapshot struct {
	Source string `json:"source"`
	// Requests is every HTTP request sent: robots.txt, feeds, sitemaps,
	// pages, redirect hops and retries.
	Requests int64 `json:"requests"`
	// Fetched is the number of HTML pages published.
	Fetched int64 `json:"fetched"`
	// Documents is the number of feeds and sitemaps read.
	Documents int64 `json:"documents"`
	// NotModified counts 304 answers to conditional requests.
	NotModified int64 `json:"not_modified"`
	// Unchanged counts full answers whose content hash was already seen.
	Unchanged int64 `json:"unchanged"`
	// Bytes is the decoded size of every body read.
	Bytes int64 `json:"bytes"`
	// Rendered counts pages loaded in the browser (Source.Render).
	Rendered int64 `json:"rendered"`
	// Queued is the number of pages waiting in the pass's frontier (0 once
	// the pass ended): with Fetched, how far a running pass has come.
	Queued int64 `json:"queued"`
	// Skipped counts URLs not fetched or not published, by reason (Skip…).
	Skipped map[string]int64 `json:"skipped"`
	// Failed counts failures by reason: "http_404", "timeout",
	// "too_large", "invalid_feed", "publish", …
	Failed   map[string]int64 `json:"failed"`
	Duration time.Duration    `json:"duration"`
}

func newStats(source string, now time.Time) *Stats {
	return &Stats{source: source, started: now, skipped: map[string]int64{}, failed: map[string]int64{}}
}

func (s *Stats) skip(reason string) {
	s.mu.Lock()
	s.skipped[reason]++
	s.mu.Unlock()
}

func (s *Stats) fail(reason string) {
	s.mu.Lock()
	s.failed[reason]++
	s.mu.Unlock()
}

// Snapshot returns a copy of the counters.
func (s *Stats) Snapshot() Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Snapshot{
		Source:      s.source,
		Requests:    s.requests.Load(),
		Fetched:     s.fetched.Load(),
		Documents:   s.documents.Load(),
		NotModified: s.notModified.Load(),
		Unchanged:   s.unchanged.Load(),
		Bytes:       s.bytes.Load(),
		Rendered:    s.rendered.Load(),
		Queued:      s.queued.Load(),
		Skipped:     maps.Clone(s.skipped),
		Failed:      maps.Clone(s.failed),
		Duration:    time.Duration(s.duration.Load()),
	}
}

// SkippedTotal sums the skip counters.
func (s Snapshot) SkippedTotal() int64 { return sum(s.Skipped) }

// FailedTotal sums the failure counters.
func (s Snapshot) FailedTotal() int64 { return sum(s.Failed) }

// LogAttrs returns the snapshot as structured log attributes with fixed
// keys: fetched, not_modified, unchanged, skipped, failed, requests,
// documents, bytes, rendered, and the groups skipped_by and failed_by.
func (s Snapshot) LogAttrs() []any {
	return []any{
		"source", s.Source, "fetched", s.Fetched, "not_modified", s.NotModified, "unchanged", s.Unchanged,
		"skipped", s.SkippedTotal(), "failed", s.FailedTotal(), "requests", s.Requests,
		"documents", s.Documents, "bytes", s.Bytes, "rendered", s.Rendered,
		slog.Group("skipped_by", byReason(s.Skipped)...), slog.Group("failed_by", byReason(s.Failed)...),
	}
}

func byReason(m map[string]int64) []any {
	out := make([]any, 0, 2*len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, k, m[k])
	}
	return out
}

func sum(m map[string]int64) int64 {
	var n int64
	for _, v := range m {
		n += v
	}
	return n
}
