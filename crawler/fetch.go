package crawler

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// policy is the politeness a source asks for.
type policy struct {
	delay       time.Duration
	parallelism int
}

// fetchSpec describes one fetch, redirects included.
type fetchSpec struct {
	url                string // normalised absolute URL
	etag, lastModified string // validators for a conditional request
	robots             bool   // check robots.txt on every hop
	htmlOnly           bool   // refuse a non-HTML Content-Type before reading the body
	maxBody            int64  // 0: Config.MaxBodyBytes
	// bearer, if set, is sent as "Authorization: Bearer …" to bearerHost
	// (host:port) only, whatever host a redirect leads to.
	bearer, bearerHost string
	policy             policy
	stats              *Stats
	// onRedirect is called with each redirect target; an error stops the
	// chain and is returned.
	onRedirect func(to string) error
	// archive is what the archive is told about the fetch beyond the
	// exchange.
	archive archiveInfo
	// hold leaves the exchange of a 2xx answer unarchived on the answer
	// (answer.held), for the caller to archive with what it makes of the
	// page (render: auto keeps the rendered DOM beside it). Redirects and
	// other answers are archived as they arrive.
	hold bool
}

// answer is the final answer of a fetch.
type answer struct {
	url    string // the URL that answered, after redirects (normalised)
	status int
	header http.Header
	body   []byte // decoded Content-Encoding; only for 2xx
	// at is when the answer arrived, to the millisecond (the precision
	// of a WARC date and of the search store's versions).
	at time.Time
	// held is the answer's exchange, not archived yet (fetchSpec.hold).
	held *Exchange
}

// fetch GETs spec.url, following redirects itself so that every hop is
// checked against robots.txt, scheduled by the host's politeness and
// counted. It returns the final answer whatever its status; errors are
// transport failures, oversize bodies, robots refusals, redirect loops and
// the like.
func (c *Crawler) fetch(ctx context.Context, spec fetchSpec) (*answer, error) {
	cur := spec.url
	chain := []string{cur}
	for {
		u, err := url.Parse(cur)
		if err != nil {
			return nil, fmt.Errorf("parsing %q: %w", cur, err)
		}
		delay := spec.policy.delay
		if spec.robots {
			rules, err := c.robotsFor(ctx, u, spec.policy, spec.stats)
			if err != nil {
				return nil, err
			}
			if !rules.allowed(u) {
				if rules.temporary {
					return nil, fmt.Errorf("%s: %w", cur, errRobotsUnavailable)
				}
				return nil, fmt.Errorf("%s: %w", cur, ErrDisallowed)
			}
			delay = max(delay, min(rules.crawlDelay, c.cfg.MaxCrawlDelay))
		}
		ans, err := c.fetchRetrying(ctx, u, spec, delay)
		if err != nil {
			return nil, err
		}
		if !isRedirect(ans.status) {
			ans.url = cur
			return ans, nil
		}
		next := resolveNormalize(u, ans.header.Get("Location"))
		switch {
		case next == "":
			return nil, &StatusError{Code: ans.status}
		case slices.Contains(chain, next):
			return nil, fmt.Errorf("%w: %s → %s", ErrRedirectLoop, cur, next)
		case len(chain) > c.cfg.MaxRedirects:
			return nil, fmt.Errorf("%w: more than %d from %s", ErrTooManyRedirects, c.cfg.MaxRedirects, spec.url)
		}
		if spec.onRedirect != nil {
			if err := spec.onRedirect(next); err != nil {
				return nil, err
			}
		}
		chain = append(chain, next)
		cur = next
	}
}

func isRedirect(status int) bool {
	switch status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// fetchRetrying makes one request, repeating it after 429 and 5xx answers:
// Retry-After is honoured (429, 503), otherwise the wait doubles from
// Config.RetryBackoff. The whole host waits, not just this request. A wait
// longer than Config.MaxRetryWait pauses the host and fails with
// ErrHostPaused. After Config.MaxRetries the last answer is returned.
func (c *Crawler) fetchRetrying(ctx context.Context, u *url.URL, spec fetchSpec, delay time.Duration) (*answer, error) {
	h := c.hosts.get(u.Host)
	for attempt := 0; ; attempt++ {
		ans, err := c.fetchOnce(ctx, h, u, spec, delay)
		if err != nil || !retryable(ans.status) || attempt >= c.cfg.MaxRetries {
			return ans, err
		}
		wait := c.cfg.RetryBackoff << attempt
		if ra, ok := retryAfter(ans.header, c.now()); ok &&
			(ans.status == http.StatusTooManyRequests || ans.status == http.StatusServiceUnavailable) {
			wait = ra
		}
		h.pause(time.Now().Add(wait))
		if wait > c.cfg.MaxRetryWait {
			return nil, fmt.Errorf("%w: %s answered %d and asked to wait %s", ErrHostPaused, u.Host, ans.status, wait)
		}
		c.log.Debug("retrying", "url", u.String(), "status", ans.status, "wait", wait, "attempt", attempt+1)
	}
}

func retryable(status int) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// maxRetryAfter bounds a requested wait: a host may ask to be left alone
// for a day at most. Past Config.MaxRetryWait the host is paused rather
// than waited for, so this only bounds the pause.
const maxRetryAfter = 24 * time.Hour

// retryAfter reads how long an answer asks to wait: its Retry-After header
// (seconds or an HTTP date), or else the seconds until its rate-limit
// window resets (rateLimitReset) — clamped to [0, maxRetryAfter]: a number
// of seconds too large for a Duration would wrap negative, a date
// centuries ahead pause the host for good.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return rateLimitReset(h)
	}
	if d, ok := seconds(v); ok {
		return d, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(t.Sub(now), 0), maxRetryAfter), true
	}
	return 0, false
}

// rateLimitReset reads the seconds until a rate-limit window resets, as
// APIs such as the Hugging Face Hub's announce them: the "t" parameter of
// the IETF RateLimit header (`"api";r=0;t=42`), or RateLimit-Reset.
func rateLimitReset(h http.Header) (time.Duration, bool) {
	for _, item := range strings.Split(h.Get("RateLimit"), ",") {
		for _, param := range strings.Split(item, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(param), "=")
			if ok && strings.TrimSpace(k) == "t" {
				if d, ok := seconds(strings.TrimSpace(v)); ok {
					return d, true
				}
			}
		}
	}
	return seconds(strings.TrimSpace(h.Get("RateLimit-Reset")))
}

// seconds reads a non-negative whole number of seconds, clamped to
// maxRetryAfter (more digits than a uint64 holds included).
func seconds(v string) (time.Duration, bool) {
	if !isDigits(v) {
		return 0, false
	}
	s, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		s = math.MaxUint64
	}
	return time.Duration(min(s, uint64(maxRetryAfter/time.Second))) * time.Second, true
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// fetchOnce sends one request when the host's politeness allows — and,
// with HostLeases, while this process holds the host's lease — and returns
// the answer.
func (c *Crawler) fetchOnce(ctx context.Context, h *host, u *url.URL, spec fetchSpec, delay time.Duration) (*answer, error) {
	if c.leases != nil {
		done, err := c.leases.Acquire(ctx, u.Host, delay)
		if err != nil {
			return nil, fmt.Errorf("%s: waiting for the host's lease: %w", u, err)
		}
		defer done()
	}
	_, release, err := h.acquire(ctx, spec.policy.parallelism, delay, max(c.cfg.MaxRetryWait, delay))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", u, err)
	}
	defer release()
	spec.stats.requests.Add(1)

	hdr := http.Header{} // colly adds its User-Agent
	hdr.Set("Accept-Encoding", "gzip, deflate")
	if spec.htmlOnly {
		hdr.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
	} else {
		hdr.Set("Accept", "*/*")
	}
	if spec.etag != "" {
		hdr.Set("If-None-Match", spec.etag)
	}
	if spec.lastModified != "" {
		hdr.Set("If-Modified-Since", spec.lastModified)
	}
	if spec.bearer != "" && strings.EqualFold(u.Host, spec.bearerHost) {
		hdr.Set("Authorization", "Bearer "+spec.bearer)
	}
	limit := spec.maxBody
	if limit <= 0 {
		limit = c.cfg.MaxBodyBytes
	}
	var cp *capture
	rctx := ctx
	if c.archive != nil {
		cp = &capture{}
		rctx = withCapture(ctx, cp)
	}
	rctx = httptrace.WithClientTrace(rctx, &httptrace.ClientTrace{
		WroteRequest: func(httptrace.WroteRequestInfo) {
			now := time.Now()
			h.sent(now)
			if cp != nil {
				cp.sent.Store(now.UnixNano())
			}
		},
	})
	ans, err := c.request(rctx, u, hdr, limit, spec.htmlOnly)
	if err != nil {
		return nil, err
	}
	ans.at = c.now().UTC().Truncate(time.Millisecond)
	spec.stats.bytes.Add(int64(len(ans.body)))
	if cp != nil {
		x, ok := cp.exchange(ans.at, spec.archive)
		switch {
		case !ok:
		case spec.hold && is2xx(ans.status):
			ans.held = &x
		default:
			if err := c.archiveExchange(ctx, x); err != nil {
				return nil, err
			}
		}
	}
	return ans, nil
}

// robotsFor returns the robots.txt rules of u's origin, fetching them (with
// the host's politeness) when the cache has none. An unreachable host or a
// 5xx answer means "disallow everything" (RFC 9309), a 4xx "allow
// everything"; a refused private address is an error.
func (c *Crawler) robotsFor(ctx context.Context, u *url.URL, pol policy, st *Stats) (*robots, error) {
	origin := u.Scheme + "://" + u.Host
	return c.robots.get(ctx, origin, func(ctx context.Context) (*robots, error) {
		ans, err := c.fetch(ctx, fetchSpec{url: origin + "/robots.txt", maxBody: maxRobotsBytes, policy: pol, stats: st})
		switch {
		case errors.Is(err, ErrTooLarge):
			c.log.Warn("robots.txt too large; treating as disallow-all", "url", origin+"/robots.txt")
			return parseRobots(http.StatusServiceUnavailable, nil, c.cfg.UserAgent), nil
		case err != nil:
			return nil, fmt.Errorf("robots.txt: %w", err)
		}
		r := parseRobots(ans.status, ans.body, c.cfg.UserAgent)
		if ans.status >= 500 {
			r.temporary = true
			c.log.Warn("robots.txt unavailable; not crawling the host for now", "url", origin+"/robots.txt", "status", ans.status)
		}
		return r, nil
	})
}

// logAttrsOf returns the URL and error attributes of a failed fetch,
// adding "status" for HTTP errors.
func logAttrsOf(u string, err error) []any {
	attrs := []any{"url", u, "err", err}
	var se *StatusError
	if errors.As(err, &se) {
		attrs = append(attrs, "status", se.Code)
	}
	return attrs
}
