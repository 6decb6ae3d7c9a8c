package crawler

import (
	"context"
	"errors"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/modelwire/modelwire/event"
)

// kind is what a queued URL is.
type kind uint8

const (
	kindRobots  kind = iota // robots.txt, read for its Sitemap lines
	kindSitemap             // a sitemap or sitemap index
	kindFeed                // an RSS, Atom or JSON feed
	kindStart               // a start URL
	kindPage                // a feed item, sitemap entry or followed link
	kindHubList             // a Hugging Face organisation's model list
	kindCard                // a Hugging Face repository, fetched as its model card
)

// page reports whether a task of kind k is a page (an article, or a model
// card) rather than a document that lists pages.
func (k kind) page() bool { return k == kindPage || k == kindCard }

// Pass limits.
const (
	maxSitemapsPerPass = 500
	maxSitemapNesting  = 3
	progressEvery      = 30 * time.Second
	maxWorkers         = 16
)

// errDuplicate stops a redirect chain that reaches a URL this pass already
// handled.
var errDuplicate = errors.New("already handled in this pass")

// task is one URL to handle in a pass.
type task struct {
	url    string // normalised
	kind   kind
	depth  int       // links followed from a start URL
	nested int       // sitemap-index nesting
	parent string    // URL of the feed, sitemap or page that listed it
	listed time.Time // newest date the listing gave (lastmod, published, updated)
	hint   event.Hint
	taken  bool // a worker (or a canonical/redirect claim) has it
	// author is the organisation a Hub list asks for; repo the repository
	// a card task fetches.
	author string
	repo   *event.Repository
}

// pass is one crawl of one source: a frontier of tasks — feeds, sitemaps
// and start pages before the pages they list — worked by a bounded pool.
type pass struct {
	c                *Crawler
	src              Source
	st               *Stats
	log              *slog.Logger
	pol              policy
	include, exclude []*regexp.Regexp
	domains          []string     // links and sitemap entries stay within these
	pages            atomic.Int64 // page requests reserved against MaxPages

	mu        sync.Mutex
	cond      *sync.Cond
	docs      []*task // robots, sitemaps, feeds, start pages: taken first
	queue     []*task // pages
	known     map[string]*task
	open      int             // tasks queued or running
	docsBusy  int             // documents being worked on
	sitemaps  int             // sitemaps queued
	stopped   bool            // ctx ended
	partial   map[string]bool // listing URLs with an entry that failed or was cut
	listings  map[string]Record
	listOrder []string
}

func newPass(c *Crawler, src Source, st *Stats, include, exclude []*regexp.Regexp) *pass {
	p := &pass{
		c: c, src: src, st: st, include: include, exclude: exclude,
		log:      c.log.With("source", src.Name),
		domains:  src.domains(),
		pol:      policy{delay: max(src.Delay, 0), parallelism: max(src.Parallelism, 1)},
		known:    map[string]*task{},
		partial:  map[string]bool{},
		listings: map[string]Record{},
	}
	p.cond = sync.NewCond(&p.mu)
	return p
}

// run seeds the frontier and works it until it is empty or ctx ends.
func (p *pass) run(ctx context.Context) {
	stop := context.AfterFunc(ctx, func() {
		p.mu.Lock()
		p.stopped = true
		p.cond.Broadcast()
		p.mu.Unlock()
	})
	defer stop()
	p.seed()

	done := make(chan struct{})
	go p.progress(done)
	var wg sync.WaitGroup
	for range min(2*p.pol.parallelism, maxWorkers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := p.next(); t != nil; t = p.next() {
				p.handle(ctx, t)
				p.finish(t)
			}
		}()
	}
	wg.Wait()
	close(done)
	p.st.queued.Store(0) // an interrupted pass leaves its frontier
	p.saveListings(ctx)
}

// seed queues robots.txt of the hosts the source crawls as a site, then
// its sitemaps, feeds and start URLs.
func (p *pass) seed() {
	origins := map[string]bool{}
	for _, raw := range append(append([]string{}, p.src.Sitemaps...), p.src.StartURLs...) {
		if u, err := url.Parse(raw); err == nil && u.Host != "" {
			o := u.Scheme + "://" + u.Host
			if !origins[o] {
				origins[o] = true
				p.enqueueRaw(o+"/robots.txt", kindRobots)
			}
		}
	}
	for _, s := range p.src.Sitemaps {
		p.enqueueRaw(s, kindSitemap)
	}
	for _, f := range p.src.Feeds {
		p.enqueueRaw(f, kindFeed)
	}
	for _, s := range p.src.StartURLs {
		p.enqueueRaw(s, kindStart)
	}
	if hf := p.src.HuggingFace; hf != nil {
		for _, a := range hf.Authors {
			if u, err := Normalize(hf.listURL(a)); err == nil {
				p.enqueue(&task{url: u, kind: kindHubList, author: a})
			}
		}
	}
}

func (p *pass) enqueueRaw(raw string, k kind) {
	u, err := Normalize(raw)
	if err != nil {
		p.st.fail("bad_url")
		p.log.Warn("bad URL in source", "url", raw, "err", err)
		return
	}
	p.enqueue(&task{url: u, kind: k})
}

// enqueue adds t unless its URL is already known in this pass; a second
// listing of a queued page adds what it says to the first (title, dates).
func (p *pass) enqueue(t *task) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if prev := p.known[t.url]; prev != nil {
		if !prev.taken {
			mergeHint(prev, t)
		}
		if t.kind.page() {
			p.st.skip(SkipDuplicate)
		}
		return false
	}
	if t.kind == kindSitemap {
		if p.sitemaps >= maxSitemapsPerPass || t.nested > maxSitemapNesting {
			p.st.skip(SkipMaxPages)
			p.partial[t.parent] = true
			return false
		}
		p.sitemaps++
	}
	if t.kind.page() && len(p.queue) >= p.maxQueued() {
		p.st.skip(SkipMaxPages)
		p.partial[t.parent] = true
		return false
	}
	p.known[t.url] = t
	if t.kind.page() {
		p.queue = append(p.queue, t)
		p.st.queued.Add(1)
	} else {
		p.docs = append(p.docs, t)
	}
	p.open++
	p.cond.Signal()
	return true
}

// maxQueued bounds the queued pages; more than MaxPages are queued because
// many of them are usually skipped as not due. A pass without MaxPages
// queues at most maxQueuedPages.
func (p *pass) maxQueued() int {
	if p.src.MaxPages <= 0 {
		return maxQueuedPages
	}
	return min(10*p.src.MaxPages+100, maxQueuedPages)
}

// maxQueuedPages bounds the queue of a pass: the frontier of ten passes of
// the largest sources modelwire is configured with.
const maxQueuedPages = 100_000

func mergeHint(dst, src *task) {
	if dst.hint.Title == "" {
		dst.hint.Title = src.hint.Title
	}
	if dst.hint.PublishedAt.IsZero() {
		dst.hint.PublishedAt = src.hint.PublishedAt
	}
	if dst.hint.Feed == "" {
		dst.hint.Feed = src.hint.Feed
	}
	if src.listed.After(dst.listed) {
		dst.listed = src.listed
	}
}

// next returns the next task to work on, documents first, or nil when the
// frontier is empty and nothing is running, or ctx ended.
func (p *pass) next() *task {
	p.mu.Lock()
	defer p.mu.Unlock()
	for {
		if p.stopped {
			return nil
		}
		// Pages wait until no document is queued or being read, so that
		// every listing's hints (title, dates) are merged before a page is
		// fetched.
		var t *task
		switch {
		case len(p.docs) > 0:
			t, p.docs = p.docs[0], p.docs[1:]
		case len(p.queue) > 0 && p.docsBusy == 0:
			t, p.queue = p.queue[0], p.queue[1:]
			p.st.queued.Add(-1)
		case p.open == 0:
			p.cond.Broadcast()
			return nil
		default:
			p.cond.Wait()
			continue
		}
		if t.taken { // claimed by a redirect or a canonical link meanwhile
			p.open--
			p.st.skip(SkipDuplicate)
			continue
		}
		t.taken = true
		if !t.kind.page() {
			p.docsBusy++
		}
		return t
	}
}

// finish marks a task returned by next as done.
func (p *pass) finish(t *task) {
	p.mu.Lock()
	p.open--
	if !t.kind.page() {
		p.docsBusy--
	}
	if p.open == 0 || p.docsBusy == 0 {
		p.cond.Broadcast()
	}
	p.mu.Unlock()
}

// claim takes url for the caller — a redirect target or a canonical URL —
// and reports false if this pass already handled or is handling it. A
// queued task for url will be skipped.
func (p *pass) claim(u string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if t := p.known[u]; t != nil {
		if t.taken {
			return false
		}
		t.taken = true
		return true
	}
	p.known[u] = &task{url: u, kind: kindPage, taken: true}
	return true
}

// markPartial notes that an entry of the listing at u failed or was cut,
// so the next pass visits the listing's entries again.
func (p *pass) markPartial(u string) {
	if u == "" {
		return
	}
	p.mu.Lock()
	p.partial[u] = true
	p.mu.Unlock()
}

// keepListing holds the record of a listing (sitemap, feed, start page)
// until the pass ends, when it is known whether all its entries were
// handled.
func (p *pass) keepListing(rec Record) {
	p.mu.Lock()
	if _, ok := p.listings[rec.URL]; !ok {
		p.listOrder = append(p.listOrder, rec.URL)
	}
	p.listings[rec.URL] = rec
	p.mu.Unlock()
}

// saveListings stores the listings' records, marked for a full revisit when
// an entry failed, was cut, or the pass was interrupted.
func (p *pass) saveListings(ctx context.Context) {
	interrupted := ctx.Err() != nil
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, u := range p.listOrder {
		rec := p.listings[u]
		rec.Revisit = rec.Revisit || p.partial[u] || interrupted
		p.put(sctx, rec)
	}
}

// put stores rec, logging and counting a failure.
func (p *pass) put(ctx context.Context, rec Record) {
	if err := p.c.seen.Put(ctx, SeenKey(rec.URL), rec); err != nil {
		p.st.fail("seen_store")
		p.log.Warn("storing fetch record failed", "url", rec.URL, "err", err)
	}
}

// progress logs the counters every progressEvery until done closes.
func (p *pass) progress(done <-chan struct{}) {
	t := time.NewTicker(progressEvery)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
			p.mu.Lock()
			queued := len(p.docs) + len(p.queue)
			p.mu.Unlock()
			p.log.Info("crawl progress", append(p.st.Snapshot().LogAttrs(), "queued", queued)...)
		}
	}
}

// inScope reports whether a listed or linked page belongs to the source:
// within allowed_domains (unless anyDomain, for feed items) and matching
// include/exclude.
func (p *pass) inScope(link string, anyDomain bool) bool {
	u, err := url.Parse(link)
	if err != nil {
		return false
	}
	if !anyDomain && !domainAllowed(u.Hostname(), p.domains) {
		return false
	}
	for _, re := range p.exclude {
		if re.MatchString(link) {
			return false
		}
	}
	if len(p.include) == 0 {
		return true
	}
	for _, re := range p.include {
		if re.MatchString(link) {
			return true
		}
	}
	return false
}

// addPage queues a page found in a listing if it is in scope.
func (p *pass) addPage(t *task, anyDomain bool) {
	if !p.inScope(t.url, anyDomain) {
		p.st.skip(SkipScope)
		return
	}
	p.enqueue(t)
}

// domainAllowed reports whether host is one of domains or a subdomain of one.
func domainAllowed(host string, domains []string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, d := range domains {
		d = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(d), "."))
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}
