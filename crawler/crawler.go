// Package crawler fetches pages from configured sources — RSS/Atom feeds,
// sitemaps and start pages with link following — and hands each HTML page to
// a Publisher. It is built on colly (fetching, politeness, link following)
// and gofeed (feed parsing).
package crawler

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/mmcdole/gofeed"

	"github.com/modelwire/modelwire/event"
)

// Publisher receives every fetched HTML page. Publish must not return until
// the page is stored durably downstream; an error is logged and counted.
type Publisher interface {
	Publish(ctx context.Context, p event.Page) error
}

// Config holds settings shared by every source. Zero values mean defaults.
type Config struct {
	// UserAgent is sent with every request.
	UserAgent string
	// AllowPrivateNetworks permits loopback, private and link-local
	// addresses; they are refused by default.
	AllowPrivateNetworks bool
	// Timeout bounds one request (default 30s).
	Timeout time.Duration
	// MaxBodyBytes bounds one response body (default 10 MiB).
	MaxBodyBytes int64
}

// Crawler crawls sources and publishes their pages. It is safe for
// concurrent use; each Crawl call runs its own colly collector.
type Crawler struct {
	cfg       Config
	pub       Publisher
	log       *slog.Logger
	transport http.RoundTripper
	now       func() time.Time
}

// Option configures a Crawler.
type Option func(*Crawler)

// WithLogger sets the logger (default: discard).
func WithLogger(l *slog.Logger) Option { return func(c *Crawler) { c.log = l } }

// WithTransport replaces the HTTP transport (default: a guarded transport
// that refuses private addresses unless Config.AllowPrivateNetworks).
func WithTransport(t http.RoundTripper) Option { return func(c *Crawler) { c.transport = t } }

// WithClock sets the clock used for fetch times (default time.Now).
func WithClock(now func() time.Time) Option { return func(c *Crawler) { c.now = now } }

// New returns a Crawler that publishes to pub.
func New(cfg Config, pub Publisher, opts ...Option) *Crawler {
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = 10 << 20
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "modelwire"
	}
	c := &Crawler{cfg: cfg, pub: pub, log: slog.New(slog.DiscardHandler), now: time.Now}
	for _, o := range opts {
		o(c)
	}
	if c.transport == nil {
		c.transport = newTransport(cfg)
	}
	return c
}

// Stats counts what one pass over a source did. Safe to read after Crawl
// returns.
type Stats struct {
	Source   string
	Fetched  int64 // HTML pages published
	Feeds    int64 // feeds fetched and parsed
	Skipped  int64 // responses that were not HTML pages
	Failed   int64 // requests or publishes that failed
	Failures map[string]int64
	Duration time.Duration
	mu       sync.Mutex
}

func (s *Stats) fail(reason string) {
	atomic.AddInt64(&s.Failed, 1)
	s.mu.Lock()
	if s.Failures == nil {
		s.Failures = map[string]int64{}
	}
	s.Failures[reason]++
	s.mu.Unlock()
}

// request context keys
const (
	kindKey   = "mw_kind"
	feedKind  = "feed"
	pageKind  = "page"  // a feed item
	startKind = "start" // a start page or a page linked from one
	depthKey  = "mw_depth"
	hintTitle = "mw_hint_title"
	hintDate  = "mw_hint_date"
	hintFeed  = "mw_hint_feed"
)

// Crawl fetches src once: its feeds and their items, and its start pages
// with links followed to src.MaxDepth. Failures of single requests are
// logged and counted, never returned; Crawl fails only if ctx ends.
func (c *Crawler) Crawl(ctx context.Context, src Source) (*Stats, error) {
	src = src.WithDefaults()
	st := &Stats{Source: src.Name}
	start := c.now()
	log := c.log.With("source", src.Name)

	include, err := compileAll(src.Include)
	if err != nil {
		return st, fmt.Errorf("source %s: include: %w", src.Name, err)
	}
	exclude, err := compileAll(src.Exclude)
	if err != nil {
		return st, fmt.Errorf("source %s: exclude: %w", src.Name, err)
	}
	col := colly.NewCollector(
		colly.UserAgent(c.cfg.UserAgent),
		colly.Async(true),
		colly.StdlibContext(ctx),
		colly.MaxBodySize(int(c.cfg.MaxBodyBytes)),
		colly.DetectCharset(),
	)
	col.WithTransport(c.transport)
	col.SetRequestTimeout(c.cfg.Timeout)
	if err := col.Limit(&colly.LimitRule{DomainGlob: "*", Delay: src.PolitenessDelay(), Parallelism: src.Parallelism}); err != nil {
		return st, fmt.Errorf("source %s: limit: %w", src.Name, err)
	}
	var pages atomic.Int64
	col.OnRequest(func(r *colly.Request) {
		if r.Ctx.Get(kindKey) != feedKind && pages.Add(1) > int64(src.MaxPages) {
			r.Abort()
		}
	})
	col.OnError(func(r *colly.Response, err error) {
		reason := "network"
		if r.StatusCode > 0 {
			reason = fmt.Sprintf("http %d", r.StatusCode)
		}
		st.fail(reason)
		log.Warn("fetch failed", "url", r.Request.URL.String(), "status", r.StatusCode, "err", err)
	})
	col.OnResponse(func(r *colly.Response) {
		switch r.Ctx.Get(kindKey) {
		case feedKind:
			c.onFeed(ctx, col, r, st, log)
		default:
			c.onPage(ctx, src.Name, r, st, log)
		}
	})
	col.OnHTML("a[href]", func(e *colly.HTMLElement) {
		depth, _ := e.Request.Ctx.GetAny(depthKey).(int)
		if e.Request.Ctx.Get(kindKey) != startKind || depth >= src.MaxDepth {
			return
		}
		link := e.Request.AbsoluteURL(e.Attr("href"))
		if link == "" || !follow(link, src.AllowedDomains, include, exclude) {
			return
		}
		ctxt := colly.NewContext()
		ctxt.Put(kindKey, startKind)
		ctxt.Put(depthKey, depth+1)
		// colly refuses URLs this pass already requested; that error is expected.
		if err := col.Request(http.MethodGet, link, nil, ctxt, nil); err != nil {
			log.Debug("link not followed", "url", link, "err", err)
		}
	})

	for _, f := range src.Feeds {
		ctxt := colly.NewContext()
		ctxt.Put(kindKey, feedKind)
		ctxt.Put(hintFeed, f)
		if err := col.Request(http.MethodGet, f, nil, ctxt, nil); err != nil {
			st.fail("request")
			log.Warn("cannot request feed", "url", f, "err", err)
		}
	}
	for _, u := range src.StartURLs {
		ctxt := colly.NewContext()
		ctxt.Put(kindKey, startKind)
		ctxt.Put(depthKey, 0)
		if err := col.Request(http.MethodGet, u, nil, ctxt, nil); err != nil {
			st.fail("request")
			log.Warn("cannot request start page", "url", u, "err", err)
		}
	}
	col.Wait()
	st.Duration = c.now().Sub(start)
	log.Info("crawl pass done", "fetched", st.Fetched, "feeds", st.Feeds, "skipped", st.Skipped, "failed", st.Failed, "duration", st.Duration.Round(time.Millisecond))
	return st, ctx.Err()
}

func (c *Crawler) onFeed(ctx context.Context, col *colly.Collector, r *colly.Response, st *Stats, log *slog.Logger) {
	feedURL := r.Request.URL.String()
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(r.Body))
	if err != nil {
		st.fail("invalid feed")
		log.Warn("invalid feed", "url", feedURL, "err", err)
		return
	}
	atomic.AddInt64(&st.Feeds, 1)
	for _, item := range feed.Items {
		link := strings.TrimSpace(item.Link)
		if link == "" && len(item.Links) > 0 {
			link = strings.TrimSpace(item.Links[0])
		}
		link = r.Request.AbsoluteURL(link)
		if link == "" {
			continue
		}
		ctxt := colly.NewContext()
		ctxt.Put(kindKey, pageKind)
		ctxt.Put(hintFeed, feedURL)
		ctxt.Put(hintTitle, item.Title)
		if item.PublishedParsed != nil {
			ctxt.Put(hintDate, item.PublishedParsed.UTC().Format(time.RFC3339))
		} else if item.UpdatedParsed != nil {
			ctxt.Put(hintDate, item.UpdatedParsed.UTC().Format(time.RFC3339))
		}
		if err := col.Request(http.MethodGet, link, nil, ctxt, nil); err != nil {
			log.Debug("feed item not requested", "url", link, "err", err)
		}
	}
}

func (c *Crawler) onPage(ctx context.Context, source string, r *colly.Response, st *Stats, log *slog.Logger) {
	pageURL := r.Request.URL.String()
	ct := r.Headers.Get("Content-Type")
	if !isHTML(ct, r.Body) {
		atomic.AddInt64(&st.Skipped, 1)
		log.Debug("not an HTML page", "url", pageURL, "content_type", ct)
		return
	}
	p := event.Page{
		URL:          pageURL,
		Source:       source,
		Status:       r.StatusCode,
		ContentType:  ct,
		ETag:         r.Headers.Get("ETag"),
		LastModified: r.Headers.Get("Last-Modified"),
		FetchedAt:    c.now().UTC(),
		ContentHash:  event.Hash(r.Body),
		Body:         event.Compress(r.Body),
		Hint: event.Hint{
			Title: r.Ctx.Get(hintTitle),
			Feed:  r.Ctx.Get(hintFeed),
		},
	}
	if d := r.Ctx.Get(hintDate); d != "" {
		p.Hint.PublishedAt, _ = time.Parse(time.RFC3339, d)
	}
	if err := c.pub.Publish(ctx, p); err != nil {
		st.fail("publish")
		log.Error("publishing page failed", "url", pageURL, "err", err)
		return
	}
	atomic.AddInt64(&st.Fetched, 1)
}

// isHTML reports whether a response is an HTML or XHTML page.
func isHTML(contentType string, body []byte) bool {
	if contentType == "" {
		contentType = http.DetectContentType(body)
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

func follow(link string, domains []string, include, exclude []*regexp.Regexp) bool {
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	if !domainAllowed(u.Hostname(), domains) {
		return false
	}
	for _, re := range exclude {
		if re.MatchString(link) {
			return false
		}
	}
	if len(include) == 0 {
		return true
	}
	for _, re := range include {
		if re.MatchString(link) {
			return true
		}
	}
	return false
}

// domainAllowed reports whether host is one of domains or a subdomain of one.
func domainAllowed(host string, domains []string) bool {
	host = strings.ToLower(host)
	for _, d := range domains {
		d = strings.ToLower(strings.TrimPrefix(d, "."))
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
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
