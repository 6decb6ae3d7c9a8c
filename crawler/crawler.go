// Package crawler fetches pages from configured sources — RSS, Atom and
// JSON feeds, sitemaps (indexes, .gz, news sitemaps, and those robots.txt
// names) and start pages with link following — and hands each new or
// changed HTML page to a Publisher.
//
// What it promises:
//   - robots.txt is obeyed for the configured User-Agent, Crawl-delay
//     honoured up to a cap;
//   - politeness is per host for the whole Crawler: a source's delay is the
//     least time between two request starts to a host — counted from when
//     a request was sent, if that was later than its start (a connection
//     slow to set up does not bring the next request closer on the wire) —,
//     its parallelism the most requests in flight there, whichever sources,
//     feeds, sitemaps and links point at the host; with HostLeases it holds
//     across crawlers in several processes, which take turns on a host;
//   - URLs are normalised (see Normalize) and a page's rel=canonical is its
//     key, so one article reached by feed, sitemap and link is fetched once
//     — when the canonical URL is on the page's own site (SameSite) or
//     answers with the same page; a canonical elsewhere is refused and
//     carried as the page's RejectedCanonical, and a URL is recorded as
//     fetched only when it was;
//   - what was fetched is remembered in a Seen store: validators for
//     conditional requests, content hashes so unchanged pages publish
//     nothing, and fetch times so articles are not re-requested within
//     Config.RecrawlAfter unless their feed or sitemap date says they
//     changed; feeds, sitemaps and start pages are re-requested (con-
//     ditionally) on every pass;
//   - bad input is refused clearly: oversize bodies are aborted, non-HTML
//     skipped, redirect loops cut, 429/503 Retry-After and 5xx back-off
//     honoured with bounded retries, private addresses refused after DNS
//     resolution on every hop (see guard.go).
//
// Every request is made by colly (github.com/gocolly/colly/v2) in its
// synchronous mode: the pass's bounded pool of workers calls it for one
// URL at a time, so there is no goroutine per queued URL, and callbacks
// take the status, headers and body (collector.go). The crawler keeps in
// its own hands what colly cannot do across sources or without losing
// data: per-host politeness (hosts.go; no colly LimitRule), robots.txt
// (robots.go; colly's is off), redirects one hop at a time through the
// loop check, robots and the SSRF guard (guard.go), bodies decoded and
// aborted past the limit rather than truncated or gunzipped without a
// bound (body.go; colly's MaxBodySize is off), charsets by the HTML rules
// rather than colly's Content-Type transcoding, and what is fetched again
// (the pass and the Seen store; colly's visited set is off). The COLLY_*
// environment variables colly reads are overridden. Feeds are read with
// gofeed, robots.txt with temoto/robotstxt, links and canonical URLs with
// x/net/html, charsets with x/net/html/charset.
package crawler

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"regexp"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/modelwire/modelwire/event"
)

// Publisher receives every new or changed HTML page. Publish must not
// return until the page is stored durably downstream; an error is logged,
// counted, and the page is fetched again on the next pass.
type Publisher interface {
	Publish(ctx context.Context, p event.Page) error
}

// Pacer holds the crawler back while the stages downstream are behind.
// Wait blocks until the next page may be fetched, or ctx ends (then it
// returns ctx's error).
type Pacer interface {
	Wait(ctx context.Context) error
}

// Config holds settings shared by every source. The crawler takes them
// as given: internal/config holds the operator's defaults (the README's
// configuration table), and a zero value here means none or off.
type Config struct {
	// UserAgent is sent with every request and matched against robots.txt
	// groups by its product token ("modelwire" in "modelwire/0.1 (+…)").
	UserAgent string
	// AllowPrivateNetworks permits loopback, private and link-local
	// addresses; they are refused by default.
	AllowPrivateNetworks bool
	// Timeout bounds one request, body included (0: none).
	Timeout time.Duration
	// MaxBodyBytes bounds one decoded response body (0: no bound); a
	// larger one is aborted and counted as "too_large".
	MaxBodyBytes int64
	// MaxRedirects bounds one redirect chain (0: redirects are not
	// followed).
	MaxRedirects int
	// RecrawlAfter is how long a fetched article is left alone unless its
	// feed or sitemap date changes (0: it is asked for, conditionally, on
	// every pass).
	RecrawlAfter time.Duration
	// MaxCrawlDelay caps a robots.txt Crawl-delay (0: no cap).
	MaxCrawlDelay time.Duration
	// MaxRetries is how often a 429 or 5xx answer is retried (0 or
	// negative: never).
	MaxRetries int

	// The crawler's own tuning, not configuration: zero values mean the
	// values named below.

	// RetryBackoff is the wait before the first retry after a 5xx; it
	// doubles with each retry (DefaultRetryBackoff).
	RetryBackoff time.Duration
	// MaxRetryWait is the longest wait honoured — Retry-After or back-off;
	// a host asking for more is paused and its URLs fail with
	// ErrHostPaused until the wait is over (DefaultMaxRetryWait).
	MaxRetryWait time.Duration
	// RobotsTTL is how long a robots.txt is cached (DefaultRobotsTTL).
	RobotsTTL time.Duration
}

// The crawler's tuning: what zero RetryBackoff, MaxRetryWait and RobotsTTL
// mean.
const (
	DefaultRetryBackoff = 500 * time.Millisecond
	DefaultMaxRetryWait = time.Minute
	DefaultRobotsTTL    = 24 * time.Hour
)

// noBodyBound is MaxBodyBytes when there is none: larger than any body,
// small enough that the arithmetic of a bound cannot overflow.
const noBodyBound = 1 << 62

// tuned returns cfg with the tuning at its values and "none" spelt as the
// bound the code compares against.
func (cfg Config) tuned() Config {
	set := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	set(&cfg.RetryBackoff, DefaultRetryBackoff)
	set(&cfg.MaxRetryWait, DefaultMaxRetryWait)
	set(&cfg.RobotsTTL, DefaultRobotsTTL)
	set(&cfg.MaxCrawlDelay, math.MaxInt64)
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = noBodyBound
	}
	cfg.MaxRedirects = max(cfg.MaxRedirects, 0)
	cfg.MaxRetries = max(cfg.MaxRetries, 0)
	return cfg
}

// Crawler crawls sources and publishes their pages. It is safe for
// concurrent use: Crawl, Once and Run may run at the same time and share
// the per-host politeness, the robots.txt cache and the Seen store.
type Crawler struct {
	cfg       Config
	pub       Publisher
	seen      Seen
	log       *slog.Logger
	transport http.RoundTripper
	collector *colly.Collector // configured once, cloned per request
	hosts     *hosts
	robots    *robotsCache
	leases    HostLeases    // nil: this crawler alone fetches its hosts
	observer  Observer      // nil: nobody watches the passes
	pacer     Pacer         // nil: pages are fetched as fast as politeness allows
	renderer  Renderer      // nil: sources that render their pages fail
	archive   Archiver      // nil: answers are not archived
	feedSlot  chan struct{} // one feed parsed at a time (see Crawler.parseFeed)
	now       func() time.Time
}

// Option configures a Crawler.
type Option func(*Crawler)

// WithLogger sets the logger (default: discard).
func WithLogger(l *slog.Logger) Option { return func(c *Crawler) { c.log = l } }

// WithTransport replaces the HTTP transport colly sends requests through
// (default: a guarded transport that refuses private addresses unless
// Config.AllowPrivateNetworks). It is wrapped to decode and bound bodies.
func WithTransport(t http.RoundTripper) Option { return func(c *Crawler) { c.transport = t } }

// WithClock sets the clock used for fetch times and recrawl decisions
// (default time.Now). Politeness always uses real time.
func WithClock(now func() time.Time) Option { return func(c *Crawler) { c.now = now } }

// WithPacer makes every page fetch wait for p first, so a crawl with no
// politeness delay does not run ahead of the stages that handle its pages
// (feeds, sitemaps and robots.txt are not held back).
func WithPacer(p Pacer) Option { return func(c *Crawler) { c.pacer = p } }

// WithSeen sets the store of what was fetched (default: an in-memory store
// that lasts as long as the Crawler). Use a shared store — the mw_seen
// bucket — so restarts and replicas see each other's fetches.
func WithSeen(s Seen) Option { return func(c *Crawler) { c.seen = s } }

// New returns a Crawler that publishes to pub.
func New(cfg Config, pub Publisher, opts ...Option) *Crawler {
	cfg = cfg.tuned()
	c := &Crawler{
		cfg:      cfg,
		pub:      pub,
		log:      slog.New(slog.DiscardHandler),
		hosts:    newHosts(),
		robots:   newRobotsCache(cfg.RobotsTTL),
		feedSlot: make(chan struct{}, 1),
		now:      time.Now,
	}
	for _, o := range opts {
		o(c)
	}
	if c.seen == nil {
		c.seen = newMemorySeen()
	}
	if c.transport == nil {
		c.transport = newTransport(cfg, checkPublic)
	}
	c.collector = newCollector(cfg, c.transport, c.archive != nil)
	return c
}

// Crawl makes one pass over src: robots.txt sitemaps, sitemaps, feeds and
// start pages, then the pages they list, within src.MaxPages. Failures of
// single URLs are logged and counted in the returned Stats, never returned;
// Crawl fails only for an include or exclude pattern that does not
// compile, or when ctx ends.
func (c *Crawler) Crawl(ctx context.Context, src Source) (*Stats, error) {
	st := newStats(src.Name, c.now())
	include, err := compileAll(src.Include)
	if err != nil {
		return st, fmt.Errorf("source %s: include: %w", src.Name, err)
	}
	exclude, err := compileAll(src.Exclude)
	if err != nil {
		return st, fmt.Errorf("source %s: exclude: %w", src.Name, err)
	}
	p := newPass(c, src, st, include, exclude)
	if c.observer != nil {
		c.observer.PassStarted(st)
	}
	if !p.noBrowser() {
		p.run(ctx)
	}
	st.duration.Store(int64(c.now().Sub(st.started)))
	if c.observer != nil {
		c.observer.PassEnded(st)
	}
	snap := st.Snapshot()
	c.log.Info("crawl pass done", append(snap.LogAttrs(), "duration", snap.Duration.Round(time.Millisecond))...)
	return st, ctx.Err()
}

func compileAll(pats []string) ([]*regexp.Regexp, error) {
	out := make([]*regexp.Regexp, 0, len(pats))
	for _, p := range pats {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, err
		}
		out = append(out, re)
	}
	return out, nil
}
