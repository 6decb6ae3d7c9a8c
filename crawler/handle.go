package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/modelwire/modelwire/event"
)

// handle works on one task.
func (p *pass) handle(ctx context.Context, t *task) {
	switch t.kind {
	case kindRobots:
		p.handleRobots(ctx, t)
	case kindSitemap, kindFeed, kindHubList:
		p.handleListing(ctx, t)
	case kindCard:
		p.handleCard(ctx, t)
	default:
		p.handlePage(ctx, t)
	}
}

// handleRobots reads a host's robots.txt (through the shared cache) and
// queues the sitemaps it names.
func (p *pass) handleRobots(ctx context.Context, t *task) {
	u, err := url.Parse(t.url)
	if err != nil {
		return
	}
	rules, err := p.c.robotsFor(ctx, u, p.pol, p.st)
	if err != nil {
		p.failed(ctx, t, err)
		return
	}
	for _, s := range rules.sitemaps {
		if loc := resolveNormalize(u, s); loc != "" {
			p.enqueue(&task{url: loc, kind: kindSitemap, parent: t.url})
		}
	}
}

// handleListing fetches a feed or sitemap — conditionally, unless the last
// pass left some of its entries undone — and queues its entries.
func (p *pass) handleListing(ctx context.Context, t *task) {
	key := SeenKey(t.url)
	rec, ok, err := p.c.seen.Get(ctx, key)
	if err != nil {
		p.failed(ctx, t, fmt.Errorf("%w: %w", errSeenStore, err))
		return
	}
	revisit := !ok || rec.Revisit || p.entriesDue(rec)
	spec := p.spec(t, rec, !revisit)
	spec.htmlOnly = false
	if t.kind == kindHubList {
		hub := p.hubSpec(t.url)
		hub.etag, hub.lastModified = spec.etag, spec.lastModified
		spec = hub
	}
	ans, err := p.c.fetch(ctx, spec)
	if err != nil {
		p.failed(ctx, t, err)
		return
	}
	now := p.c.now().UTC()
	next := Record{URL: t.url, ETag: ans.header.Get("ETag"), LastModified: ans.header.Get("Last-Modified"),
		Status: ans.status, FetchedAt: now, EntriesAt: rec.EntriesAt}
	switch {
	case ans.status == http.StatusNotModified:
		p.st.notModified.Add(1)
		rec.URL, rec.FetchedAt, rec.Status = t.url, now, ans.status
		p.put(ctx, rec)
		return
	case ans.status < 200 || ans.status > 299:
		p.failed(ctx, t, &StatusError{Code: ans.status})
		return
	}
	next.ContentHash = event.Hash(ans.body)
	if !revisit && rec.ContentHash == next.ContentHash {
		p.st.unchanged.Add(1)
		p.put(ctx, next)
		return
	}
	next.EntriesAt = now
	if t.kind == kindHubList {
		if err := p.hubEntries(t, ans.body); err != nil {
			p.failed(ctx, t, err)
			return
		}
		p.st.documents.Add(1)
		p.keepListing(next)
		return
	}
	base, _ := url.Parse(ans.url)
	if t.kind == kindFeed || isFeed(ans.body) {
		items, err := p.c.parseFeed(ctx, ans.body, base)
		if err != nil {
			p.failed(ctx, t, err)
			return
		}
		p.st.documents.Add(1)
		for _, it := range items {
			listed := it.Published
			if it.Updated.After(listed) {
				listed = it.Updated
			}
			p.addPage(&task{url: it.Link, kind: kindPage, parent: t.url, listed: listed,
				hint: event.Hint{Title: it.Title, PublishedAt: firstNonZero(it.Published, it.Updated), Feed: t.url}}, true)
		}
		p.keepListing(next)
		return
	}
	sm, err := parseSitemap(ans.body, base, p.c.cfg.MaxBodyBytes)
	if err != nil {
		p.failed(ctx, t, err)
		return
	}
	p.st.documents.Add(1)
	for _, s := range sm.Sitemaps {
		p.enqueue(&task{url: s.Loc, kind: kindSitemap, parent: t.url, nested: t.nested + 1, listed: s.Lastmod})
	}
	for _, e := range sm.Pages {
		p.addPage(&task{url: e.Loc, kind: kindPage, parent: t.url, listed: e.newest(),
			hint: event.Hint{Title: e.Title, PublishedAt: e.Published}}, false)
	}
	// A sitemap index is read in full every pass: its children can change
	// without it.
	next.Revisit = len(sm.Sitemaps) > 0
	p.keepListing(next)
}

func firstNonZero(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// handlePage fetches a start page or an article page and publishes it if
// it is new or changed: admitted (due, not another task's, within the
// pass's pages), fetched (conditionally when it was before), read as HTML,
// compared with what was fetched before, its canonical URL checked, then
// published and remembered.
func (p *pass) handlePage(ctx context.Context, t *task) {
	rec, seen, claimed, ok := p.admitPage(ctx, t)
	if !ok {
		return
	}
	follow := t.depth < p.src.MaxDepth
	revisit := !seen || rec.Revisit || (follow && p.entriesDue(rec))
	if p.c.pacer != nil {
		if err := p.c.pacer.Wait(ctx); err != nil {
			p.failed(ctx, t, err)
			return
		}
	}
	ans, err := p.fetchPage(ctx, p.spec(t, rec, !revisit && rec.Status < 400))
	if err != nil {
		p.failed(ctx, t, err)
		return
	}
	if ans.status == http.StatusNotModified {
		p.st.notModified.Add(1)
		rec.URL, rec.FetchedAt, rec.Status = t.url, ans.at, ans.status
		rec.Listed = later(rec.Listed, t.listed)
		p.put(ctx, rec)
		return
	}
	body, ct, ok := p.pageBody(ctx, t, ans)
	if !ok {
		return
	}
	next := Record{URL: t.url, ETag: ans.header.Get("ETag"), LastModified: ans.header.Get("Last-Modified"),
		ContentHash: event.Hash(body), Status: ans.status, FetchedAt: ans.at, Listed: later(rec.Listed, t.listed),
		EntriesAt: rec.EntriesAt}
	if follow && revisit {
		next.EntriesAt = ans.at
	}
	if seen && rec.ContentHash == next.ContentHash {
		p.st.unchanged.Add(1)
		next.Canonical = rec.Canonical
		if follow && revisit {
			p.follow(t, parseHTML(body, ans.url, true).Links)
			p.keepListing(next)
			return
		}
		p.put(ctx, next)
		return
	}
	info := parseHTML(body, ans.url, follow)
	canonical, rejected, canonicalFetched := p.checkCanonical(ctx, info.Canonical, t.url, ans.url, next.ContentHash)
	if canonical != "" {
		next.Canonical = canonical
		if !p.canonicalIsNew(ctx, next, claimed) {
			p.put(ctx, next)
			return
		}
	}
	page := event.Page{URL: t.url, Source: p.src.Name, Status: ans.status, ContentType: ct, ETag: next.ETag,
		LastModified: next.LastModified, FetchedAt: ans.at, Hint: t.hint, ContentHash: next.ContentHash,
		Body: event.Compress(body), Canonical: canonical, RejectedCanonical: rejected}
	if ans.url != t.url {
		page.FinalURL = ans.url
	}
	if !p.publish(ctx, t, page) {
		return
	}
	p.rememberAliases(ctx, t, ans, next, canonical, canonicalFetched)
	if follow {
		p.follow(t, info.Links)
		p.keepListing(next)
		return
	}
	p.put(ctx, next)
}

// admitPage decides whether t is fetched in this pass: not while its
// record says it is not due, not when another task holds its canonical
// URL, not past the pass's MaxPages. It returns t's record (seen: there
// is one) and the canonical URL t has claimed ("" for none).
func (p *pass) admitPage(ctx context.Context, t *task) (rec Record, seen bool, claimed string, ok bool) {
	rec, seen, err := p.c.seen.Get(ctx, SeenKey(t.url))
	if err != nil {
		p.failed(ctx, t, fmt.Errorf("%w: %w", errSeenStore, err))
		return rec, seen, "", false
	}
	if seen && p.notDue(rec, t) {
		p.st.skip(SkipNotDue)
		return rec, seen, "", false
	}
	if seen && rec.Canonical != "" {
		if !p.claim(rec.Canonical) {
			p.st.skip(SkipDuplicate)
			return rec, seen, "", false
		}
		claimed = rec.Canonical
	}
	if p.pages.Add(1) > p.src.pageLimit() {
		p.st.skip(SkipMaxPages)
		p.markPartial(t.parent)
		return rec, seen, claimed, false
	}
	return rec, seen, claimed, true
}

// pageBody returns the body of a 2xx HTML answer in UTF-8, with its
// Content-Type; any other answer fails t.
func (p *pass) pageBody(ctx context.Context, t *task, ans *answer) (body []byte, ct string, ok bool) {
	if ans.status < 200 || ans.status > 299 {
		p.failed(ctx, t, &StatusError{Code: ans.status})
		return nil, "", false
	}
	ct = ans.header.Get("Content-Type")
	if !isHTML(ct, ans.body) {
		p.failed(ctx, t, ErrNotHTML)
		return nil, "", false
	}
	body, _, err := toUTF8(ans.body, ct)
	if err != nil {
		p.failed(ctx, t, errors.Join(ErrEncoding, err))
		return nil, "", false
	}
	return body, ct, true
}

// canonicalIsNew reports whether the page of next, whose canonical URL is
// next.Canonical, is to be published: not when another task holds that
// URL (a duplicate) or when the canonical URL's record has the same
// content (unchanged).
func (p *pass) canonicalIsNew(ctx context.Context, next Record, claimed string) bool {
	if next.Canonical != claimed && !p.claim(next.Canonical) {
		p.st.skip(SkipDuplicate)
		return false
	}
	crec, cok, err := p.c.seen.Get(ctx, SeenKey(next.Canonical))
	if err == nil && cok && crec.ContentHash == next.ContentHash {
		p.st.unchanged.Add(1)
		return false
	}
	return true
}

// publish hands page on; a failure is counted and logged, and t's
// listing is marked partial so it is read again.
func (p *pass) publish(ctx context.Context, t *task, page event.Page) bool {
	if err := p.c.pub.Publish(ctx, page); err != nil {
		p.st.fail("publish")
		p.markPartial(t.parent)
		p.log.Error("publishing page failed", "url", t.url, "err", err)
		return false
	}
	p.st.fetched.Add(1)
	return true
}

// rememberAliases records the page published for t under the other URLs
// it was reached by: where its redirects ended, so a listing that names
// that URL does not fetch it again within RecrawlAfter, and its canonical
// URL — only when that was fetched: a page naming it does not stop it from
// being fetched in its own right.
func (p *pass) rememberAliases(ctx context.Context, t *task, ans *answer, next Record, canonical string, canonicalFetched bool) {
	if ans.url != t.url {
		p.put(ctx, Record{URL: ans.url, ETag: next.ETag, LastModified: next.LastModified, ContentHash: next.ContentHash,
			Status: ans.status, FetchedAt: ans.at, Listed: next.Listed})
	}
	if canonicalFetched {
		p.put(ctx, Record{URL: canonical, ContentHash: next.ContentHash, Status: ans.status, FetchedAt: ans.at, Listed: next.Listed})
	}
}

// follow queues the in-scope links of page t one level deeper.
func (p *pass) follow(t *task, links []string) {
	for _, l := range links {
		p.addPage(&task{url: l, kind: kindPage, depth: t.depth + 1, parent: t.url}, false)
	}
}

// spec builds the fetch of t, conditional on rec's validators if
// conditional.
func (p *pass) spec(t *task, rec Record, conditional bool) fetchSpec {
	s := fetchSpec{url: t.url, robots: true, htmlOnly: true, policy: p.pol, stats: p.st,
		onRedirect: func(to string) error {
			if !p.claim(to) {
				return errDuplicate
			}
			return nil
		}}
	if conditional {
		s.etag, s.lastModified = rec.ETag, rec.LastModified
		s.archive.previous = rec.FetchedAt
	}
	if t.kind == kindPage || t.kind == kindStart {
		s.archive.source, s.archive.via, s.archive.hint = p.src.Name, t.parent, t.hint
	}
	return s
}

// entriesDue reports whether a listing's entries were last queued longer
// than RecrawlAfter ago.
func (p *pass) entriesDue(rec Record) bool {
	return p.c.now().Sub(rec.EntriesAt) >= p.c.cfg.RecrawlAfter
}

// notDue reports whether a page fetched before may be left alone: it was
// answered within RecrawlAfter and its listing gives no newer date than
// when it was fetched. Start pages, feeds and sitemaps are always due.
func (p *pass) notDue(rec Record, t *task) bool {
	if !t.kind.page() || rec.FetchedAt.IsZero() {
		return false
	}
	if p.c.now().Sub(rec.FetchedAt) >= p.c.cfg.RecrawlAfter {
		return false
	}
	ref := rec.Listed
	if ref.IsZero() {
		ref = rec.FetchedAt
	}
	return !t.listed.After(ref)
}

// failed counts and logs a failed task. A temporary failure marks its
// listing partial so the next pass tries again; a final one (4xx, not
// HTML, too large, …) is remembered so the URL is left alone until the
// recrawl interval has passed.
func (p *pass) failed(ctx context.Context, t *task, err error) {
	switch {
	case ctx.Err() != nil:
		return
	case errors.Is(err, errDuplicate):
		p.st.skip(SkipDuplicate)
		return
	case errors.Is(err, ErrDisallowed):
		p.st.skip(SkipRobots)
		p.log.Debug("disallowed by robots.txt", "url", t.url)
		return
	case errors.Is(err, ErrNotHTML):
		p.st.skip(SkipContentType)
		p.log.Debug("not an HTML page", "url", t.url, "err", err)
	default:
		p.st.fail(reason(err))
		msg := "fetch failed"
		switch {
		case errors.Is(err, ErrInvalidFeed):
			msg = "invalid feed"
		case errors.Is(err, ErrInvalidSitemap):
			msg = "invalid sitemap"
		case errors.Is(err, ErrInvalidHubListing):
			msg = "invalid Hugging Face model list"
		}
		p.log.Warn(msg, logAttrsOf(t.url, err)...)
	}
	if temporary(err) || !t.kind.page() {
		p.markPartial(t.parent)
		return
	}
	status := 0
	var se *StatusError
	if errors.As(err, &se) {
		status = se.Code
	}
	p.put(ctx, Record{URL: t.url, Status: status, FetchedAt: p.c.now().UTC(), Listed: t.listed})
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
