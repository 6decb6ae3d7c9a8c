package crawler

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/gocolly/colly/v2"
)

// newCollector returns the colly collector every request of a Crawler goes
// through. It is configured here once and never changed afterwards;
// request clones it (Clone shares the HTTP client and its connection
// pool) to attach one request's context and callbacks, so it is safe for
// concurrent use.
//
// The fields are set after NewCollector, which applies COLLY_* environment
// variables after its options: only cmd reads the environment, so none of
// them changes what the crawler does (colly still logs unknown COLLY_*
// names through the standard log package).
func newCollector(cfg Config, transport http.RoundTripper, archived bool) *colly.Collector {
	col := colly.NewCollector()
	col.UserAgent = cfg.UserAgent
	// robots.go reads robots.txt: RFC 9309 status rules, Crawl-delay, one
	// cache for every source.
	col.IgnoreRobotsTxt = true
	// The pass and the Seen store decide what is fetched again.
	col.AllowURLRevisit = true
	// 304, 4xx and 5xx answers reach the callbacks with their status and
	// headers, for conditional GET, retries and robots.txt.
	col.ParseHTTPErrorResponse = true
	// bodyTransport aborts an oversize body; colly would truncate it.
	col.MaxBodySize = 0
	// Pages are decoded by the HTML rules (toUTF8), feeds and sitemaps by
	// their XML declaration; see request.
	col.DetectCharset = false
	// Scope is the pass's (allowed_domains, include, exclude, max_depth,
	// max_pages).
	col.AllowedDomains, col.DisallowedDomains = nil, nil
	col.MaxDepth, col.MaxRequests = 0, 0
	col.CacheDir = "" // conditional GET and the Seen store, not a disk cache
	col.TraceHTTP = false
	col.Async = false    // the pass's bounded workers are the parallelism
	col.DisableCookies() // one Crawler serves every source: no session state
	// Config.Timeout bounds a request, body included (colly's default is 10s).
	col.SetRequestTimeout(cfg.Timeout)
	if archived {
		// captureTransport copies what bodyTransport decodes, as received.
		transport = captureTransport{next: transport}
	}
	col.WithTransport(&bodyTransport{next: transport, limit: cfg.MaxBodyBytes})
	// fetch follows redirects hop by hop: each one is checked against
	// robots.txt, the redirect chain and the pass's claims, and scheduled
	// by its host's politeness.
	col.SetRedirectHandler(func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse })
	// Politeness is the Crawler's (hosts.go): no colly LimitRule.
	return col
}

// request sends one GET for u through colly and returns the answer: its
// status and headers whatever the status, its body (decoded and bounded
// by limit) only for a 2xx. With htmlOnly, a 2xx answer whose
// Content-Type is not HTML fails with ErrNotHTML before its body is read.
// It blocks until the body is read; ctx cancels it.
func (c *Crawler) request(ctx context.Context, u *url.URL, hdr http.Header, limit int64, htmlOnly bool) (*answer, error) {
	col := c.collector.Clone()
	col.Context = withBodyLimit(ctx, limit)
	ans := &answer{}
	var refused error
	col.OnResponseHeaders(func(r *colly.Response) {
		ans.status, ans.header = r.StatusCode, r.Headers.Clone()
		// colly transcodes a body by the Content-Type charset before
		// OnResponse, even with DetectCharset off; the crawler decodes it
		// itself (toUTF8 by the HTML rules: byte-order mark, Content-Type,
		// <meta>; feeds and sitemaps by their XML declaration), so colly's
		// copy of the headers loses Content-Type.
		r.Headers.Del("Content-Type")
		if ct := ans.header.Get("Content-Type"); htmlOnly && is2xx(r.StatusCode) && strings.TrimSpace(ct) != "" && !isHTML(ct, nil) {
			refused = fmt.Errorf("%s: %w (%s)", u, ErrNotHTML, ct)
			r.Request.Abort()
		}
	})
	col.OnResponse(func(r *colly.Response) {
		if is2xx(r.StatusCode) {
			ans.body = r.Body
		}
	})
	err := col.Request(http.MethodGet, u.String(), nil, nil, hdr)
	switch {
	case refused != nil:
		return nil, refused
	case err != nil:
		// http.Client's *url.Error repeats the method and URL.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("fetching %s: %w", u, err)
	}
	return ans, nil
}

func is2xx(status int) bool { return status >= 200 && status <= 299 }
