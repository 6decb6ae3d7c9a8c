// Package reprocess reads WARC files — modelwire's own archive, or any web
// archive (a wget --warc-file crawl, Common Crawl's CC-NEWS) — and runs
// every HTML page in them through the current extractor and catalog into
// the search store: reprocessing updates the articles already indexed in
// place, import backfills new ones. Release records are recomputed through
// the same announcer the live pipeline uses, so a release already
// announced is never announced again, and one found for the first time is
// announced only when asked (otherwise recorded quietly).
//
// Files are streamed record by record (see internal/archive), extraction
// runs on a bounded pool, and articles are written in bounded batches, so
// memory stays flat however large the files. A corrupt record is reported
// with its file and offset and skipped; the records after it are read.
package reprocess

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/archive"
	"github.com/modelwire/modelwire/internal/pipeline"
	"github.com/modelwire/modelwire/internal/wait"
)

// Store is the search store as reprocessing needs it (both of indexer's
// stores).
type Store interface {
	Index(ctx context.Context, docs []event.Article) []error
	IndexReleases(ctx context.Context, evs []event.ReleaseEvent) []error
	Stored(ctx context.Context, ids []string) (map[string]indexer.StoredArticle, error)
	RemoveReleaseSources(ctx context.Context, key string, urls []string) (deleted bool, err error)
}

// Releases keeps the release state shared with the live pipeline
// (announce.ReleaseAnnouncer on the mw_releases bucket).
type Releases interface {
	Record(ctx context.Context, a event.Article, announce bool) ([]event.ReleaseEvent, error)
	Withdraw(ctx context.Context, url string, keys []string) error
	SourcesByArticle(ctx context.Context) (map[string][]string, error)
}

// Scope is a configured source's scope, for import.
type Scope struct {
	Name  string
	Scope *crawler.Scope
}

// Options configures Run. Zero values mean defaults.
type Options struct {
	// Files are the WARC files, read in this order.
	Files []string
	// Import adds only documents not yet in the store (by canonical URL:
	// the first capture wins) and takes pages in Scopes or Domains only.
	// Without it, documents are updated in place and releases an article
	// no longer reports are withdrawn.
	Import bool
	// Since keeps the responses fetched at or after it (WARC-Date).
	Since time.Time
	// Sources keeps pages of these configured sources (modelwire's own
	// archive records the source of each page).
	Sources []string
	// URLPrefix keeps pages whose URL starts with it.
	URLPrefix string
	// Scopes and Domains say which pages an import takes: those in a
	// source's scope (the page gets its name) or on one of Domains (or
	// their subdomains; the page's source is "import"). With neither,
	// every page is taken.
	Scopes  []Scope
	Domains []string
	// Announce publishes the releases found for the first time.
	Announce bool
	// NoContent is the extractor's error for a page without an article.
	NoContent error
	// MaxBodyBytes bounds a page's decoded body, as the crawler's
	// crawler.max_body_bytes does (0: no bound).
	MaxBodyBytes int64
	// Workers extract at once (default GOMAXPROCS); Batch articles are
	// written at once (default 128).
	Workers, Batch int
	// Progress, if set, is called as records are read (from one
	// goroutine).
	Progress func(Progress)
	Logger   *slog.Logger
}

// Progress is how far Run got.
type Progress struct {
	// File is the number of the file being read (from 1), of Files.
	File, Files int
	// Bytes of TotalBytes (of every file) were read.
	Bytes, TotalBytes int64
	// Records were read, Pages of them extracted, Corrupt skipped.
	Records, Pages, Corrupt int64
}

// Summary is what Run did.
type Summary struct {
	Files   int   `json:"files"`
	Bytes   int64 `json:"bytes"`
	Records int64 `json:"records"`
	// Responses are the HTTP responses read; Pages those that were HTML
	// pages in scope, extracted.
	Responses int64 `json:"responses"`
	Pages     int64 `json:"pages"`
	// Skipped counts responses and pages left out, by reason.
	Skipped map[string]int64 `json:"skipped"`
	// Corrupt counts records that could not be read.
	Corrupt int64 `json:"corrupt_records"`
	// Added are articles new to the store, Changed those stored
	// differently now, Unchanged those stored as they were; Stale pages
	// older than the stored version; AlreadyIndexed (import) documents the
	// store had; Duplicates other captures of a document (an alias page,
	// a URL with a tracking query) than the one kept.
	Added          int64 `json:"articles_added"`
	Changed        int64 `json:"articles_changed"`
	Unchanged      int64 `json:"articles_unchanged"`
	Stale          int64 `json:"stale"`
	AlreadyIndexed int64 `json:"already_indexed"`
	Duplicates     int64 `json:"duplicates"`
	Failed         int64 `json:"failed"`
	// ReleasesAdded are releases no article had reported before;
	// ReleasesWithdrawn release records left without any source;
	// Announced the releases announced (with Options.Announce).
	ReleasesAdded     int64         `json:"releases_added"`
	ReleasesWithdrawn int64         `json:"releases_withdrawn"`
	Duration          time.Duration `json:"duration"`
}

// Skip reasons.
const (
	SkipNotResponse = "not_200"
	SkipFiltered    = "filtered"
	SkipScope       = "out_of_scope"
	SkipNotHTML     = "not_html"
	SkipTooLarge    = "too_large"
	SkipEncoding    = "encoding"
	SkipNoArticle   = "no_article"
)

// storeAttempts bounds the tries of a store write that fails for a
// passing reason (Elasticsearch restarting, say) before Run gives up.
const storeAttempts = 6

// work is one page on its way through Run.
type work struct {
	page    event.Page
	article event.Article
	skip    string
	err     error
}

// counters are Run's live counts.
type counters struct {
	mu                                  sync.Mutex
	skipped                             map[string]int64
	responses, pages, corrupt, records  atomic.Int64
	added, changed, unchanged, stale    atomic.Int64
	already, failed, relAdded, withdrew atomic.Int64
	duplicate                           atomic.Int64
	bytes                               atomic.Int64
}

func (c *counters) skip(reason string) {
	c.mu.Lock()
	c.skipped[reason]++
	c.mu.Unlock()
}

// Run reads opts.Files and writes what they hold into store, recording
// releases through rel (which may be nil: no release handling). It stops
// early only when ctx ends or the store keeps failing; the Summary says
// what was done either way.
func Run(ctx context.Context, ex pipeline.Extractor, store Store, rel Releases, opts Options) (Summary, error) {
	start := time.Now()
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.Batch <= 0 {
		opts.Batch = 128
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = 1 << 62 // no bound, and room to add one
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	r := &run{opts: opts, ex: ex, store: store, rel: rel, log: opts.Logger, c: counters{skipped: map[string]int64{}}}
	if len(opts.Domains) > 0 {
		var err error
		if r.domains, err = crawler.NewScope(crawler.Source{Name: "import", AllowedDomains: opts.Domains}); err != nil {
			return Summary{}, err
		}
	}
	if rel != nil {
		var err error
		if r.sources, err = rel.SourcesByArticle(ctx); err != nil {
			return Summary{}, fmt.Errorf("reading release state: %w", err)
		}
		r.known = map[string]bool{}
		for _, keys := range r.sources {
			for _, k := range keys {
				r.known[k] = true
			}
		}
	}
	pages := make(chan work, 2*opts.Workers)
	done := make(chan work, 2*opts.Workers)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		defer close(pages)
		return r.read(gctx, pages)
	})
	var wg sync.WaitGroup
	for range opts.Workers {
		wg.Add(1)
		g.Go(func() error {
			defer wg.Done()
			for w := range pages {
				r.extract(&w)
				select {
				case done <- w:
				case <-gctx.Done():
					return gctx.Err()
				}
			}
			return nil
		})
	}
	go func() { wg.Wait(); close(done) }()
	g.Go(func() error { return r.write(gctx, done) })
	err := g.Wait()
	return r.summary(time.Since(start)), err
}

// run is one Run.
type run struct {
	opts    Options
	ex      pipeline.Extractor
	store   Store
	rel     Releases
	log     *slog.Logger
	c       counters
	sources map[string][]string // article URL → release keys, before the run
	known   map[string]bool     // release keys known before the run
	domains *crawler.Scope      // Options.Domains
	files   int
}

func (r *run) summary(d time.Duration) Summary {
	c := &r.c
	c.mu.Lock()
	skipped := make(map[string]int64, len(c.skipped))
	for k, v := range c.skipped {
		skipped[k] = v
	}
	c.mu.Unlock()
	return Summary{
		Files: r.files, Bytes: c.bytes.Load(), Records: c.records.Load(), Responses: c.responses.Load(),
		Pages: c.pages.Load(), Skipped: skipped, Corrupt: c.corrupt.Load(),
		Added: c.added.Load(), Changed: c.changed.Load(), Unchanged: c.unchanged.Load(), Stale: c.stale.Load(),
		AlreadyIndexed: c.already.Load(), Duplicates: c.duplicate.Load(), Failed: c.failed.Load(),
		ReleasesAdded: c.relAdded.Load(), ReleasesWithdrawn: c.withdrew.Load(), Duration: d,
	}
}

// read streams the files' responses and sends the pages to keep.
func (r *run) read(ctx context.Context, out chan<- work) error {
	var total int64
	for _, f := range r.opts.Files {
		rd, err := archive.OpenReader(f, archive.ReaderOptions{})
		if err != nil {
			return err
		}
		total += rd.Size()
		rd.Close()
	}
	var before int64 // bytes of the files done
	for i, f := range r.opts.Files {
		rd, err := archive.OpenReader(f, archive.ReaderOptions{})
		if err != nil {
			return err
		}
		r.files = i + 1
		err = r.readFile(ctx, rd, out, func() {
			if r.opts.Progress != nil {
				r.opts.Progress(Progress{File: i + 1, Files: len(r.opts.Files), Bytes: before + rd.Pos(), TotalBytes: total,
					Records: r.c.records.Load() + rd.Records(), Pages: r.c.pages.Load(), Corrupt: r.c.corrupt.Load()})
			}
		})
		r.c.records.Add(rd.Records())
		before += rd.Size()
		r.c.bytes.Store(before)
		rd.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

func (r *run) readFile(ctx context.Context, rd *archive.Reader, out chan<- work, progress func()) error {
	for {
		resp, err := rd.Next()
		progress()
		var re *archive.RecordError
		switch {
		case errors.Is(err, io.EOF):
			return nil
		case errors.As(err, &re):
			r.c.corrupt.Add(1)
			r.log.Error("corrupt WARC record skipped", "file", re.File, "offset", re.Offset, "err", re.Err)
			continue
		case err != nil:
			return err
		}
		r.c.responses.Add(1)
		w, ok := r.page(resp)
		if !ok {
			continue
		}
		select {
		case out <- w:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// page turns a response into a page to extract, or counts why not.
func (r *run) page(resp archive.Response) (work, bool) {
	skip := func(reason string, attrs ...any) (work, bool) {
		r.c.skip(reason)
		if len(attrs) > 0 {
			r.log.Debug("response skipped", append([]any{"url", resp.URL, "reason", reason}, attrs...)...)
		}
		return work{}, false
	}
	if resp.Status != http.StatusOK {
		return skip(SkipNotResponse)
	}
	u := resp.URL
	if n, err := crawler.Normalize(u); err == nil {
		u = n
	}
	if (!r.opts.Since.IsZero() && resp.Date.Before(r.opts.Since)) ||
		(r.opts.URLPrefix != "" && !strings.HasPrefix(u, r.opts.URLPrefix)) ||
		(len(r.opts.Sources) > 0 && !slices.Contains(r.opts.Sources, resp.Source)) {
		return skip(SkipFiltered)
	}
	source := resp.Source
	if r.opts.Import {
		var ok bool
		if source, ok = r.scope(u); !ok {
			return skip(SkipScope)
		}
	}
	if resp.TooLarge {
		return skip(SkipTooLarge, "err", "payload over the limit")
	}
	// A rendered page is read as the crawler published it: its DOM.
	raw, ct, at, err := resp.Page(r.opts.MaxBodyBytes)
	if err != nil {
		return skip(SkipEncoding, "err", err)
	}
	body, err := crawler.DecodeHTML(raw, ct)
	if errors.Is(err, crawler.ErrNotHTML) {
		return skip(SkipNotHTML)
	}
	if err != nil {
		return skip(SkipEncoding, "err", err)
	}
	return work{page: event.Page{
		URL: u, Source: source, Status: resp.Status, ContentType: ct,
		ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"),
		FetchedAt: at, Hint: resp.Hint, ContentHash: event.Hash(body), Body: body,
	}}, true
}

// scope returns the source an imported page belongs to.
func (r *run) scope(u string) (string, bool) {
	for _, s := range r.opts.Scopes {
		if s.Scope.Contains(u) {
			return s.Name, true
		}
	}
	if r.domains != nil {
		return "import", r.domains.Contains(u)
	}
	return "import", len(r.opts.Scopes) == 0
}

// extract runs the extractor on w's page (the body is plain UTF-8 here,
// not compressed as on MW_PAGES).
func (r *run) extract(w *work) {
	r.c.pages.Add(1)
	a, err := pipeline.ArticleOf(r.ex, w.page.Body, w.page)
	switch {
	case r.opts.NoContent != nil && errors.Is(err, r.opts.NoContent):
		w.skip = SkipNoArticle
	case err != nil:
		w.err = err
	}
	w.article = a
	w.page.Body = nil
}

// write batches the extracted articles into the store.
func (r *run) write(ctx context.Context, in <-chan work) error {
	batch := make([]event.Article, 0, r.opts.Batch)
	for w := range in {
		switch {
		case w.skip != "":
			r.c.skip(w.skip)
			continue
		case w.err != nil:
			r.c.failed.Add(1)
			r.log.Warn("extraction failed", "url", w.page.URL, "err", w.err)
			continue
		}
		batch = append(batch, w.article)
		if len(batch) == r.opts.Batch {
			if err := r.flush(ctx, batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return r.flush(ctx, batch)
}

// flush writes one batch: what the store holds decides what is new,
// changed or (for import) left alone; then the releases of what was
// written are recorded.
func (r *run) flush(ctx context.Context, batch []event.Article) error {
	if len(batch) == 0 {
		return nil
	}
	ids := make([]string, len(batch))
	for i, a := range batch {
		ids[i] = a.ID
	}
	var stored map[string]indexer.StoredArticle
	err := r.retry(ctx, "reading stored articles", func() (err error) {
		stored, err = r.store.Stored(ctx, ids)
		return err
	})
	if err != nil {
		return err
	}
	docs := r.captures(batch, stored)
	errs := make([]error, len(docs))
	pending := make([]int, len(docs))
	for i := range pending {
		pending[i] = i
	}
	err = r.retry(ctx, "writing articles", func() error {
		sub := make([]event.Article, len(pending))
		for k, i := range pending {
			sub[k] = docs[i]
		}
		var again []int
		for k, e := range r.store.Index(ctx, sub) {
			errs[pending[k]] = e
			if e != nil && !errors.Is(e, indexer.ErrStale) && !errors.Is(e, indexer.ErrPermanent) {
				again = append(again, pending[k])
			}
		}
		pending = again
		if len(again) > 0 {
			return errs[again[0]]
		}
		return nil
	})
	if err != nil {
		return err
	}
	var written []event.Article
	for i, a := range docs {
		switch e := errs[i]; {
		case errors.Is(e, indexer.ErrStale):
			r.c.stale.Add(1)
			continue
		case e != nil:
			r.c.failed.Add(1)
			r.log.Warn("indexing failed", "url", a.URL, "doc_id", a.ID, "err", e)
			continue
		}
		fp, had := stored[a.ID]
		switch {
		case !had:
			r.c.added.Add(1)
		case fp.Fingerprint != indexer.Fingerprint(a):
			r.c.changed.Add(1)
		default:
			r.c.unchanged.Add(1)
		}
		written = append(written, a)
	}
	return r.releases(ctx, written)
}

// captures picks the articles of a batch to write. Several captures of
// one document — an alias page, a URL with a tracking query, a redirect —
// are one article, as the live crawler publishes them: a capture at the
// document's canonical URL is never replaced by one elsewhere (the crawler
// skips those as duplicates), whether it is stored already or in the same
// batch. Import also leaves alone every document already stored, and
// takes one capture per document: the canonical one, else the first.
func (r *run) captures(batch []event.Article, stored map[string]indexer.StoredArticle) []event.Article {
	canonical := func(url, canon string) bool { return url == canon }
	inBatch := map[string]bool{} // ids with a capture at the canonical URL in the batch
	for _, a := range batch {
		if canonical(a.URL, a.CanonicalURL) {
			inBatch[a.ID] = true
		}
	}
	docs := batch[:0:0]
	taken := map[string]bool{} // import: ids with a capture in docs
	for _, a := range batch {
		s, had := stored[a.ID]
		switch {
		case had && r.opts.Import:
			r.c.already.Add(1)
			continue
		case !canonical(a.URL, a.CanonicalURL) && (inBatch[a.ID] || had && canonical(s.URL, s.CanonicalURL)):
			r.c.duplicate.Add(1)
			continue
		case r.opts.Import && taken[a.ID]:
			r.c.duplicate.Add(1)
			continue
		}
		taken[a.ID] = true
		docs = append(docs, a) // reprocess: of several captures, the store keeps the newest
	}
	return docs
}

// releases records the releases of the articles written and, when
// reprocessing, withdraws the article from those it no longer reports.
func (r *run) releases(ctx context.Context, arts []event.Article) error {
	if r.rel == nil {
		return nil
	}
	var evs []event.ReleaseEvent
	for _, a := range arts {
		recorded, err := r.rel.Record(ctx, a, r.opts.Announce)
		if err != nil {
			return fmt.Errorf("recording the releases of %s: %w", a.URL, err)
		}
		now := map[string]bool{}
		for _, ev := range recorded {
			now[ev.Key] = true
			if !r.known[ev.Key] {
				r.known[ev.Key] = true
				r.c.relAdded.Add(1)
			}
		}
		evs = append(evs, recorded...)
		if r.opts.Import {
			continue
		}
		var gone []string
		for _, k := range r.sources[a.URL] {
			if !now[k] {
				gone = append(gone, k)
			}
		}
		if len(gone) == 0 {
			continue
		}
		if err := r.rel.Withdraw(ctx, a.URL, gone); err != nil {
			return fmt.Errorf("withdrawing %s from releases: %w", a.URL, err)
		}
		for _, k := range gone {
			deleted, err := r.store.RemoveReleaseSources(ctx, k, []string{a.URL})
			if err != nil {
				return fmt.Errorf("withdrawing %s from release %s: %w", a.URL, k, err)
			}
			if deleted {
				r.c.withdrew.Add(1)
				r.log.Info("release withdrawn: no article reports it any more", "key", k, "url", a.URL)
			}
		}
	}
	if len(evs) == 0 {
		return nil
	}
	return r.retry(ctx, "writing release records", func() error {
		return errors.Join(r.store.IndexReleases(ctx, evs)...)
	})
}

// retry runs f until it succeeds, ctx ends or storeAttempts tries failed,
// waiting longer after each failure.
func (r *run) retry(ctx context.Context, what string, f func() error) error {
	pause := 500 * time.Millisecond
	for attempt := 1; ; attempt++ {
		err := f()
		if err == nil {
			return nil
		}
		if attempt == storeAttempts || ctx.Err() != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		r.log.Warn("store failed; retrying", "what", what, "attempt", attempt, "in", pause, "err", err)
		if err := wait.Sleep(ctx, pause); err != nil {
			return err
		}
		pause *= 2
	}
}
