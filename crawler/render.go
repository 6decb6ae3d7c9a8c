package crawler

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Renderer loads a page in a browser, lets its scripts run and returns the
// document they built. crawler/chromium implements it with headless
// Chromium. Implementations must be safe for concurrent use.
type Renderer interface {
	Render(ctx context.Context, req RenderRequest) (*Rendered, error)
}

// RenderRequest is one page to render.
type RenderRequest struct {
	// URL is the page (normalised, absolute).
	URL string
	// UserAgent is sent with every request the page makes.
	UserAgent string
	// Allow is asked before every request the page makes — its document,
	// each redirect of it (navigation true), scripts, data it loads — and
	// the request is blocked when it returns an error. It may block (it
	// reads robots.txt) and is safe for concurrent use.
	Allow func(u *url.URL, navigation bool) error
	// MaxBytes bounds the rendered document; a larger one fails with
	// ErrTooLarge.
	MaxBytes int64
}

// Rendered is a page as its scripts left it.
type Rendered struct {
	// URL is the document's URL after redirects.
	URL string
	// Status and Header are the document's HTTP answer.
	Status int
	Header http.Header
	// HTML is the serialised DOM (document.documentElement.outerHTML).
	HTML []byte
}

// WithRenderer sets the browser that fetches the pages of sources with
// Source.Render set (default: none; such sources fail with ErrNoBrowser).
func WithRenderer(r Renderer) Option { return func(c *Crawler) { c.renderer = r } }

// fetchPage fetches a start page or an article: plainly, or in the browser
// as the source's Render asks.
func (p *pass) fetchPage(ctx context.Context, spec fetchSpec) (*answer, error) {
	switch p.src.Render {
	case RenderChromium:
		return p.c.render(ctx, spec)
	case RenderAuto:
		ans, err := p.c.fetch(ctx, spec)
		if err != nil || !is2xx(ans.status) || !isHTML(ans.header.Get("Content-Type"), ans.body) || !needsRendering(ans.body) {
			return ans, err
		}
		// The page is a shell its scripts fill: render it (the plain
		// fetch's redirects are claimed already).
		spec.url, spec.onRedirect = ans.url, nil
		return p.c.render(ctx, spec)
	}
	return p.c.fetch(ctx, spec)
}

// render loads spec.url in the browser: robots.txt, the host's politeness
// and its lease hold as for a plain fetch (one page, however many requests
// its scripts make), and every request the page makes passes renderAllow.
func (c *Crawler) render(ctx context.Context, spec fetchSpec) (*answer, error) {
	if c.renderer == nil {
		return nil, ErrNoBrowser
	}
	u, err := url.Parse(spec.url)
	if err != nil {
		return nil, fmt.Errorf("parsing %q: %w", spec.url, err)
	}
	rules, err := c.robotsFor(ctx, u, spec.policy, spec.stats)
	if err != nil {
		return nil, err
	}
	if !rules.allowed(u) {
		if rules.temporary {
			return nil, fmt.Errorf("%s: %w", spec.url, errRobotsUnavailable)
		}
		return nil, fmt.Errorf("%s: %w", spec.url, ErrDisallowed)
	}
	delay := max(spec.policy.delay, min(rules.crawlDelay, c.cfg.MaxCrawlDelay))
	if c.leases != nil {
		done, err := c.leases.Acquire(ctx, u.Host, delay)
		if err != nil {
			return nil, fmt.Errorf("%s: waiting for the host's lease: %w", u, err)
		}
		defer done()
	}
	h := c.hosts.get(u.Host)
	_, release, err := h.acquire(ctx, spec.policy.parallelism, delay, max(c.cfg.MaxRetryWait, delay))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", u, err)
	}
	defer release()
	spec.stats.requests.Add(1)
	spec.stats.rendered.Add(1)
	limit := spec.maxBody
	if limit <= 0 {
		limit = c.cfg.MaxBodyBytes
	}
	res, err := c.renderer.Render(ctx, RenderRequest{URL: spec.url, UserAgent: c.cfg.UserAgent,
		Allow: c.renderAllow(ctx, u, spec.policy, spec.stats), MaxBytes: limit})
	if err != nil {
		return nil, err
	}
	spec.stats.bytes.Add(int64(len(res.HTML)))
	if retryable(res.Status) {
		wait := c.cfg.RetryBackoff
		if ra, ok := retryAfter(res.Header, c.now()); ok {
			wait = ra
		}
		h.pause(time.Now().Add(min(wait, c.cfg.MaxRetryWait)))
	}
	final := spec.url
	if n, err := Normalize(res.URL); err == nil && n != spec.url {
		final = n
		if spec.onRedirect != nil {
			if err := spec.onRedirect(final); err != nil {
				return nil, err
			}
		}
	}
	hdr := res.Header.Clone()
	if hdr == nil {
		hdr = http.Header{}
	}
	// The DOM is serialised as UTF-8 whatever the page's charset was.
	hdr.Set("Content-Type", "text/html; charset=utf-8")
	// Rendered pages are not archived (Chromium fetched them, not the
	// crawler's transport).
	return &answer{url: final, status: res.Status, header: hdr, body: res.HTML, at: c.now().UTC().Truncate(time.Millisecond)}, nil
}

// renderAllow decides on every request a rendered page makes. Only http(s)
// is fetched. The document and its redirects obey robots.txt like any page.
// The page's own resources on its host obey that host's robots.txt (read
// already for the page); resources elsewhere (script and font CDNs) are
// not pages and are loaded. Which addresses may be reached at all is the
// browser's dialer's business (GuardedDialer).
func (c *Crawler) renderAllow(ctx context.Context, page *url.URL, pol policy, st *Stats) func(u *url.URL, navigation bool) error {
	return func(u *url.URL, navigation bool) error {
		if u.Scheme != "http" && u.Scheme != "https" {
			return fmt.Errorf("%s: only http(s) is fetched", u.Scheme)
		}
		if !navigation && !strings.EqualFold(u.Host, page.Host) {
			return nil
		}
		rules, err := c.robotsFor(ctx, u, pol, st)
		if err != nil {
			return err
		}
		if !rules.allowed(u) {
			return fmt.Errorf("%s: %w", u, ErrDisallowed)
		}
		return nil
	}
}

// Thresholds of needsRendering.
const (
	// shellMaxTextRunes is the visible text below which a page with
	// scripts is taken for a shell its scripts fill.
	shellMaxTextRunes = 200
	// minScriptBytes is the inline script that counts as a bundle; a
	// tracking snippet is smaller.
	minScriptBytes = 1024
)

// needsRendering reports whether a page is a shell that scripts fill in:
// almost no visible text in its body, but script bundles (an external
// script, or a large inline one). Pages that carry their text in the HTML
// — all server-rendered ones, whatever scripts they also load — are not
// rendered.
func needsRendering(page []byte) bool {
	z := html.NewTokenizer(bytes.NewReader(page))
	var (
		inBody, inScript          bool
		hidden                    int // depth in style, noscript, template, svg
		text, scripts, scriptSize int
	)
	for {
		switch z.Next() {
		case html.ErrorToken:
			return scripts > 0 && text < shellMaxTextRunes
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			switch a {
			case atom.Body:
				inBody = true
			case atom.Script:
				inScript, scriptSize = true, 0
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if string(k) == "src" && len(bytes.TrimSpace(v)) > 0 {
						scripts++
					}
				}
			case atom.Style, atom.Noscript, atom.Template, atom.Svg:
				hidden++
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.Script:
				if inScript && scriptSize >= minScriptBytes {
					scripts++
				}
				inScript = false
			case atom.Style, atom.Noscript, atom.Template, atom.Svg:
				hidden = max(hidden-1, 0)
			}
		case html.TextToken:
			switch {
			case inScript:
				scriptSize += len(z.Raw())
			case inBody && hidden == 0:
				text += visibleRunes(z.Text())
				if text >= shellMaxTextRunes {
					return false
				}
			}
		}
	}
}

// visibleRunes counts the letters and digits in b.
func visibleRunes(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
		b = b[size:]
	}
	return n
}

// noBrowser reports a source that renders its pages on a crawler without a
// browser, once per pass.
func (p *pass) noBrowser() bool {
	if p.src.Render == "" || p.c.renderer != nil {
		return false
	}
	p.st.fail(reason(ErrNoBrowser))
	p.log.Error("source renders its pages in a browser, and there is none: install Chromium (Debian: apt-get install chromium) or set crawler.chromium.path; the source is not crawled",
		"render", p.src.Render, "err", ErrNoBrowser)
	return true
}
