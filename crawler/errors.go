package crawler

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
)

// Sentinel errors; match them with errors.Is.
var (
	// ErrTooLarge reports a response body over Config.MaxBodyBytes; the
	// download is aborted, never truncated.
	ErrTooLarge = errors.New("response body too large")
	// ErrDisallowed reports a URL that robots.txt forbids for our User-Agent.
	ErrDisallowed = errors.New("disallowed by robots.txt")
	// ErrRedirectLoop reports a redirect back to a URL already in the chain.
	ErrRedirectLoop = errors.New("redirect loop")
	// ErrTooManyRedirects reports a chain longer than Config.MaxRedirects.
	ErrTooManyRedirects = errors.New("too many redirects")
	// ErrHostPaused reports a host that asked (Retry-After, or repeated
	// server errors) to be left alone for longer than Config.MaxRetryWait.
	ErrHostPaused = errors.New("host paused")
	// ErrNotHTML reports a page whose Content-Type is not HTML or XHTML.
	ErrNotHTML = errors.New("not an HTML page")
	// ErrEncoding reports a body that cannot be decoded (Content-Encoding
	// or charset).
	ErrEncoding = errors.New("cannot decode body")
	// ErrPrivateAddress reports a request to a loopback, private,
	// link-local or otherwise non-public address while
	// Config.AllowPrivateNetworks is false.
	ErrPrivateAddress = errors.New("refusing non-public address")
	// ErrInvalidFeed reports a feed that cannot be read as RSS, Atom or
	// JSON Feed.
	ErrInvalidFeed = errors.New("invalid feed")
	// ErrInvalidSitemap reports a sitemap that is neither a sitemaps.org
	// urlset or sitemap index nor a plain-text list of URLs.
	ErrInvalidSitemap = errors.New("invalid sitemap")
	// ErrInvalidHubListing reports an answer of the Hugging Face Hub's
	// model list that is not the JSON array of models the API documents.
	ErrInvalidHubListing = errors.New("invalid Hugging Face model list")
	// ErrNoBrowser reports a source that renders its pages (render:
	// chromium or auto) on a crawler without a browser: Chromium is not
	// installed, or could not start.
	ErrNoBrowser = errors.New("no browser to render pages")
	// ErrRender reports a page the browser could not render: it crashed,
	// ran out of its memory or time, or left for another page.
	ErrRender = errors.New("rendering failed")
)

// errRobotsUnavailable reports a host whose robots.txt answered 5xx: it
// may not be crawled now, but may be on the next pass.
var errRobotsUnavailable = errors.New("robots.txt unavailable")

// errSeenStore wraps a failure to read the Seen store.
var errSeenStore = errors.New("seen store")

// StatusError is an HTTP answer that carries no usable page.
type StatusError struct {
	Code int
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("http %d %s", e.Code, http.StatusText(e.Code))
}

// temporary reports whether a later pass may succeed where this one failed:
// network trouble, timeouts, 5xx, 429, a paused host, no browser (yet). Robots refusals, 4xx
// answers, oversize bodies and the like are final until the recrawl
// interval has passed.
func temporary(err error) bool {
	var se *StatusError
	switch {
	case errors.As(err, &se):
		return se.Code == http.StatusTooManyRequests || se.Code == http.StatusRequestTimeout || se.Code >= 500
	case errors.Is(err, ErrTooLarge), errors.Is(err, ErrDisallowed), errors.Is(err, ErrRedirectLoop),
		errors.Is(err, ErrTooManyRedirects), errors.Is(err, ErrNotHTML), errors.Is(err, ErrPrivateAddress),
		errors.Is(err, ErrEncoding), errors.Is(err, ErrInvalidFeed), errors.Is(err, ErrInvalidSitemap),
		errors.Is(err, ErrInvalidHubListing), errors.Is(err, ErrRender):
		return false
	}
	return true
}

// reason names an error for the failure counters and logs.
func reason(err error) string {
	var se *StatusError
	var ne net.Error
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("http_%d", se.Code)
	case errors.Is(err, ErrTooLarge):
		return "too_large"
	case errors.Is(err, ErrPrivateAddress):
		return "private_address"
	case errors.Is(err, ErrRedirectLoop):
		return "redirect_loop"
	case errors.Is(err, ErrTooManyRedirects):
		return "too_many_redirects"
	case errors.Is(err, ErrHostPaused):
		return "host_paused"
	case errors.Is(err, errRobotsUnavailable):
		return "robots_unavailable"
	case errors.Is(err, errSeenStore):
		return "seen_store"
	case errors.Is(err, ErrArchive):
		return "archive"
	case errors.Is(err, ErrInvalidFeed):
		return "invalid_feed"
	case errors.Is(err, ErrInvalidSitemap):
		return "invalid_sitemap"
	case errors.Is(err, ErrInvalidHubListing):
		return "invalid_hub_listing"
	case errors.Is(err, ErrNoBrowser):
		return "no_browser"
	case errors.Is(err, ErrRender):
		return "render"
	case errors.Is(err, ErrEncoding):
		return "encoding"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "canceled"
	}
	return "network"
}
