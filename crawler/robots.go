package crawler

import (
	"bufio"
	"bytes"
	"context"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// maxRobotsBytes bounds robots.txt; RFC 9309 asks crawlers to read at least
// 500 KiB.
const maxRobotsBytes = 512 << 10

// robots is what a host's robots.txt says to our User-Agent.
type robots struct {
	data       *robotstxt.RobotsData
	agent      string // our product token, as robots.txt groups name it
	crawlDelay time.Duration
	sitemaps   []string
	temporary  bool // from a 5xx answer: kept for robotsRetry only
}

// robotsRetry is how long a failed or 5xx robots.txt is kept before the
// next try.
const robotsRetry = 5 * time.Minute

// allowed reports whether u may be fetched.
func (r *robots) allowed(u *url.URL) bool {
	if r == nil || r.data == nil {
		return true
	}
	return r.data.TestAgent(u.RequestURI(), r.agent)
}

// agentToken is the product token of a User-Agent ("modelwire" for
// "modelwire/0.1 (+https://…)"), which robots.txt groups name.
func agentToken(ua string) string {
	tok, _, _ := strings.Cut(strings.TrimSpace(ua), "/")
	tok, _, _ = strings.Cut(tok, " ")
	return strings.ToLower(tok)
}

// parseRobots reads a robots.txt answer for userAgent. Per RFC 9309, a 4xx
// answer allows everything and a 5xx one (or an unreachable host) forbids
// everything; lines the parser rejects (rules before any User-agent, bad
// Crawl-delay values) are dropped rather than failing the whole file.
func parseRobots(status int, body []byte, userAgent string) *robots {
	data, err := robotstxt.FromStatusAndBytes(status, body)
	if err != nil && status >= 200 && status < 300 {
		data, err = robotstxt.FromBytes(sanitizeRobots(body))
	}
	if err != nil || data == nil {
		data, _ = robotstxt.FromStatusAndBytes(503, nil) // disallow all
	}
	r := &robots{data: data, agent: agentToken(userAgent), sitemaps: data.Sitemaps}
	if g := data.FindGroup(r.agent); g != nil {
		r.crawlDelay = g.CrawlDelay
	}
	return r
}

// sanitizeRobots keeps only the lines temoto/robotstxt accepts: nothing
// before the first User-agent line and no Crawl-delay that is not a number.
func sanitizeRobots(body []byte) []byte {
	var out bytes.Buffer
	inGroup := false
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 0, 4096), maxRobotsBytes)
	for sc.Scan() {
		line := sc.Text()
		content, _, _ := strings.Cut(line, "#")
		key, val, ok := strings.Cut(content, ":")
		key = strings.ToLower(strings.TrimSpace(key))
		val = strings.TrimSpace(val)
		switch {
		case !ok:
			continue
		case key == "user-agent" || key == "useragent":
			inGroup = true
		case key == "sitemap":
		case key == "crawl-delay" || key == "crawldelay":
			if _, err := strconv.ParseFloat(val, 64); err != nil || !inGroup {
				continue
			}
		case !inGroup:
			continue
		}
		out.WriteString(key + ": " + val + "\n")
	}
	return out.Bytes()
}

// robotsCache keeps each origin's robots.txt for a TTL, fetching it once
// even when many workers ask at the same time. Shared by every source.
type robotsCache struct {
	ttl time.Duration
	mu  sync.Mutex
	m   map[string]*robotsEntry
}

type robotsEntry struct {
	ready   chan struct{} // closed once rules or err is set
	rules   *robots
	err     error
	fetched time.Time
}

func newRobotsCache(ttl time.Duration) *robotsCache {
	return &robotsCache{ttl: ttl, m: map[string]*robotsEntry{}}
}

// get returns the rules for origin ("scheme://host:port"), calling fetch
// when none are cached or they are older than the TTL. A fetch error is
// cached too (for the same TTL) except when ctx ended.
func (c *robotsCache) get(ctx context.Context, origin string, fetch func(ctx context.Context) (*robots, error)) (*robots, error) {
	c.mu.Lock()
	e := c.m[origin]
	if e != nil {
		select {
		case <-e.ready:
			ttl := c.ttl
			if e.err != nil || (e.rules != nil && e.rules.temporary) {
				ttl = min(ttl, robotsRetry)
			}
			if time.Since(e.fetched) > ttl {
				e = nil
			}
		default:
		}
	}
	owner := e == nil
	if owner {
		e = &robotsEntry{ready: make(chan struct{})}
		c.m[origin] = e
	}
	c.mu.Unlock()
	if owner {
		e.rules, e.err = fetch(ctx)
		e.fetched = time.Now()
		if e.err != nil && ctx.Err() != nil {
			c.mu.Lock()
			delete(c.m, origin)
			c.mu.Unlock()
		}
		close(e.ready)
	}
	select {
	case <-e.ready:
		return e.rules, e.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
