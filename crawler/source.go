package crawler

import (
	"math"
	"net/url"
	"slices"
	"time"

	"github.com/robfig/cron/v3"
)

// Source is one place to crawl: feeds, sitemaps and start pages, with the
// politeness and scope that apply to it. The crawler takes a source as
// given: internal/config decodes, defaults and checks the sources of the
// configuration file, and a zero value here means none or off.
type Source struct {
	// Name identifies the source in logs, metrics and pages.
	Name string
	// Feeds are RSS, Atom or JSON Feed URLs; their items are fetched,
	// wherever they point.
	Feeds []string
	// Sitemaps are sitemap or sitemap-index URLs (XML, .gz, news sitemaps
	// or plain text). The sitemaps named in the robots.txt of the hosts of
	// Sitemaps and StartURLs are read too.
	Sitemaps []string
	// StartURLs are pages fetched on every pass; links on them are followed
	// up to MaxDepth within AllowedDomains.
	StartURLs []string
	// AllowedDomains limits followed links and sitemap entries to these
	// domains and their subdomains (empty: the hosts of StartURLs and
	// Sitemaps).
	AllowedDomains []string
	// MaxDepth is how many links deep to follow from StartURLs (0: start
	// pages only).
	MaxDepth int
	// Include and Exclude are URL regular expressions; a page URL from a
	// feed, a sitemap or a link must match one Include (if any) and no
	// Exclude.
	Include []string
	Exclude []string
	// Delay is the least time between the starts of two requests to one
	// host (0: no pause); a longer robots.txt Crawl-delay wins, up to a
	// cap. It holds for the whole crawler: sources sharing a host share it.
	Delay time.Duration
	// Parallelism is the most requests in flight to one host (at least
	// one).
	Parallelism int
	// Schedule is when Run and RunUpdates crawl the source: a cron
	// expression or a descriptor such as "@every 30m" (see ParseSchedule).
	Schedule string
	// MaxPages bounds the page requests (start pages and articles) of one
	// pass (0: no bound); pages left over are fetched on the next pass.
	MaxPages int
	// HuggingFace makes the source watch organisations on the Hugging Face
	// Hub: their new (or changed) model repositories are fetched as pages,
	// each the repository's model card.
	HuggingFace *HuggingFace
	// Render fetches the source's pages (start pages and articles) in a
	// headless browser, for pages whose text their scripts write:
	// RenderChromium renders every page, RenderAuto only those whose plain
	// fetch has almost no text but scripts; "" renders none.
	Render string
}

// Render modes of Source.Render.
const (
	RenderChromium = "chromium"
	RenderAuto     = "auto"
)

// domains returns the domains a pass over s keeps to: AllowedDomains, else
// the hosts of StartURLs and Sitemaps.
func (s Source) domains() []string {
	if len(s.AllowedDomains) > 0 {
		return s.AllowedDomains
	}
	var out []string
	for _, raw := range slices.Concat(s.StartURLs, s.Sitemaps) {
		if u, err := url.Parse(raw); err == nil && u.Hostname() != "" && !slices.Contains(out, u.Hostname()) {
			out = append(out, u.Hostname())
		}
	}
	return out
}

// pageLimit is the most page requests of one pass over s.
func (s Source) pageLimit() int64 {
	if s.MaxPages <= 0 {
		return math.MaxInt64
	}
	return int64(s.MaxPages)
}

// ParseSchedule parses a cron expression (five fields, or six with seconds)
// or a descriptor such as "@every 30m", "@hourly" or "@daily".
func ParseSchedule(spec string) (cron.Schedule, error) {
	return scheduleParser.Parse(spec)
}

var scheduleParser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)
