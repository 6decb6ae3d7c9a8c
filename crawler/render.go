package crawler

import (
	"bytes"
	"context"
	"errors"
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
	// Document, if set, is the document's answer as the crawler fetched
	// it (render: auto): the browser is given it rather than fetching the
	// document again, so the DOM is built from the very answer the
	// crawler archives.
	Document *Document
}

// Document is an HTTP answer handed to the browser.
type Document struct {
	Status int
	// Header is the answer's header; Body its body, decoded (any
	// Content-Encoding undone).
	Header http.Header
	Body   []byte
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
	// Exchanges are the HTTP exchanges of the document as the browser
	// made them, in order: each redirect, then the answer whose DOM HTML
	// is (At when it arrived). The browser hands bodies over decoded, so
	// an exchange's ResponseHeader says so: no Content-Encoding, the
	// Content-Length of the body it holds — as browser-based archivers
	// write them. Empty when the browser was given RenderRequest.Document
	// or could not capture them.
	Exchanges []Exchange
}

// WithRenderer sets the browser that fetches the pages of sources with
// Source.Render set (default: none; such sources fail with ErrNoBrowser).
func WithRenderer(r Renderer) Option { return func(c *Crawler) { c.renderer = r } }

// fetchPage fetches a start page or an article: plainly, or in the browser
// as the source's Render asks.
func (p *pass) fetchPage(ctx context.Context, spec fetchSpec) (*answer, error) {
	switch p.src.Render {
	case RenderChromium:
		return p.c.render(ctx, spec, nil)
	case RenderAuto:
		// The answer is archived once it is known whether it is rendered:
		// then with its DOM.
		spec.hold = true
		ans, err := p.c.fetch(ctx, spec)
		if err != nil {
			return nil, err
		}
		if !is2xx(ans.status) || !isHTML(ans.header.Get("Content-Type"), ans.body) || !needsRendering(ans.body) {
			if ans.held != nil {
				if err := p.c.archiveExchange(ctx, *ans.held); err != nil {
					return nil, err
				}
			}
			return ans, nil
		}
		// The page is a shell its scripts fill: render it, from the
		// answer just fetched (its redirects are claimed already).
		spec.url, spec.onRedirect = ans.url, nil
		return p.c.render(ctx, spec, ans)
	}
	return p.c.fetch(ctx, spec)
}

// render loads spec.url in the browser — given plain's body, if plain is
// the page fetched already — and archives what the browser received with
// the DOM it built. robots.txt, the host's politeness and its lease hold
// as for a plain fetch (one page, however many requests its scripts
// make), and every request the page makes passes renderAllow.
func (c *Crawler) render(ctx context.Context, spec fetchSpec, plain *answer) (*answer, error) {
	if c.renderer == nil {
		return nil, ErrNoBrowser
	}
	res, err := c.renderPage(ctx, spec, plain)
	if err != nil {
		if plain != nil && plain.held != nil {
			// The answer was received all the same.
			err = errors.Join(err, c.archiveExchange(ctx, *plain.held))
		}
		return nil, err
	}
	at := c.now().UTC().Truncate(time.Millisecond)
	if err := c.archiveRendered(ctx, spec.archive, plain, res, at); err != nil {
		return nil, err
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
	hdr.Set("Content-Type", renderedType)
	return &answer{url: final, status: res.Status, header: hdr, body: res.HTML, at: at}, nil
}

// renderedType is the Content-Type of a rendered page.
const renderedType = "text/html; charset=utf-8"

// renderPage takes the host's lease and politeness and has the browser
// render spec.url.
func (c *Crawler) renderPage(ctx context.Context, spec fetchSpec, plain *answer) (*Rendered, error) {
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
	req := RenderRequest{URL: spec.url, UserAgent: c.cfg.UserAgent,
		Allow: c.renderAllow(ctx, u, spec.policy, spec.stats), MaxBytes: limit}
	if plain != nil {
		req.Document = &Document{Status: plain.status, Header: plain.header, Body: plain.body}
	}
	res, err := c.renderer.Render(ctx, req)
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
	return res, nil
}

// archiveRendered archives a rendered page: the answer its DOM was built
// from — plain's, or the browser's own exchanges, redirects included —
// with the DOM beside the last.
func (c *Crawler) archiveRendered(ctx context.Context, info archiveInfo, plain *answer, res *Rendered, at time.Time) error {
	if c.archive == nil {
		return nil
	}
	if plain != nil && plain.held != nil {
		x := *plain.held
		if len(res.Exchanges) > 0 {
			// The browser fetched the document after all: keep the
			// crawler's answer as it is, the DOM beside the browser's.
			if err := c.archiveExchange(ctx, x); err != nil {
				return err
			}
		} else {
			x.Rendered, x.RenderedAt = res.HTML, at
			return c.archiveExchange(ctx, x)
		}
	}
	xs := res.Exchanges
	if len(xs) == 0 {
		// The browser's answer went uncaptured: its status and headers,
		// the body marked missing.
		hdr := http.Header{}
		if u, err := url.Parse(res.URL); err == nil {
			hdr.Set("Host", u.Host)
		}
		hdr.Set("User-Agent", c.cfg.UserAgent)
		xs = []Exchange{{Method: http.MethodGet, URL: res.URL, Proto: "HTTP/1.1", RequestHeader: hdr,
			Status: res.Status, ResponseProto: "HTTP/1.1", ResponseHeader: res.Header, Truncated: true, At: at}}
	}
	for i, x := range xs {
		x.Source, x.Via, x.Hint = info.source, info.via, info.hint
		if i == len(xs)-1 {
			x.Rendered, x.RenderedAt = res.HTML, at
		}
		if err := c.archiveExchange(ctx, x); err != nil {
			return err
		}
	}
	return nil
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
