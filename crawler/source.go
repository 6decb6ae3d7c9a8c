package crawler

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// Source is one configured place to crawl: feeds, sitemaps and start pages,
// with the politeness and scope that apply to it. Zero values mean defaults.
type Source struct {
	// Name identifies the source in logs, metrics and pages.
	Name string `yaml:"name"`
	// Feeds are RSS, Atom or JSON Feed URLs; their items are fetched,
	// wherever they point.
	Feeds []string `yaml:"feeds"`
	// Sitemaps are sitemap or sitemap-index URLs (XML, .gz, news sitemaps
	// or plain text). The sitemaps named in the robots.txt of the hosts of
	// Sitemaps and StartURLs are read too.
	Sitemaps []string `yaml:"sitemaps"`
	// StartURLs are pages fetched on every pass; links on them are followed
	// up to MaxDepth within AllowedDomains.
	StartURLs []string `yaml:"start_urls"`
	// AllowedDomains limits followed links and sitemap entries to these
	// domains and their subdomains (default: the hosts of StartURLs and
	// Sitemaps).
	AllowedDomains []string `yaml:"allowed_domains"`
	// MaxDepth is how many links deep to follow from StartURLs (0: start
	// pages only).
	MaxDepth int `yaml:"max_depth"`
	// Include and Exclude are URL regular expressions; a page URL from a
	// feed, a sitemap or a link must match one Include (if any) and no
	// Exclude.
	Include []string `yaml:"include"`
	Exclude []string `yaml:"exclude"`
	// Delay is the least time between the starts of two requests to one
	// host (default 1s when unset; an explicit 0 means no pause; read it
	// with PolitenessDelay); a longer robots.txt Crawl-delay wins, up to a
	// cap. It holds for the whole crawler: sources sharing a host share it.
	Delay *time.Duration `yaml:"delay"`
	// Parallelism is the most requests in flight to one host (default 2).
	Parallelism int `yaml:"parallelism"`
	// Schedule is a cron expression or "@every 30m" (default "@every 30m").
	Schedule string `yaml:"schedule"`
	// MaxPages bounds the page requests (start pages and articles) of one
	// pass (default 1000); pages left over are fetched on the next pass.
	MaxPages int `yaml:"max_pages"`
	// HuggingFace makes the source watch organisations on the Hugging Face
	// Hub: their new (or changed) model repositories are fetched as pages,
	// each the repository's model card.
	HuggingFace *HuggingFace `yaml:"huggingface"`
	// Render fetches the source's pages (start pages and articles) in a
	// headless browser, for pages whose text their scripts write:
	// RenderChromium renders every page, RenderAuto only those whose plain
	// fetch has almost no text but scripts; "" (default) renders none.
	Render string `yaml:"render"`
}

// Render modes of Source.Render.
const (
	RenderChromium = "chromium"
	RenderAuto     = "auto"
)

// Source defaults.
const (
	DefaultDelay       = time.Second
	DefaultParallelism = 2
	DefaultSchedule    = "@every 30m"
	DefaultMaxPages    = 1000
)

// WithDefaults returns s with every zero value replaced by its default.
func (s Source) WithDefaults() Source {
	if s.Delay == nil {
		d := DefaultDelay
		s.Delay = &d
	}
	if s.Parallelism == 0 {
		s.Parallelism = DefaultParallelism
	}
	if s.Schedule == "" {
		s.Schedule = DefaultSchedule
	}
	if s.MaxPages == 0 {
		s.MaxPages = DefaultMaxPages
	}
	if s.HuggingFace != nil {
		hf := s.HuggingFace.withDefaults()
		s.HuggingFace = &hf
	}
	if len(s.AllowedDomains) == 0 {
		for _, raw := range append(append([]string{}, s.StartURLs...), s.Sitemaps...) {
			if u, err := url.Parse(raw); err == nil && u.Hostname() != "" && !slices.Contains(s.AllowedDomains, u.Hostname()) {
				s.AllowedDomains = append(s.AllowedDomains, u.Hostname())
			}
		}
	}
	return s
}

// PolitenessDelay returns the pause between requests to one host.
func (s Source) PolitenessDelay() time.Duration {
	if s.Delay == nil {
		return DefaultDelay
	}
	return *s.Delay
}

// Validate reports every problem with s, joined.
func (s Source) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if strings.TrimSpace(s.Name) == "" {
		bad("name is required")
	}
	if len(s.Feeds)+len(s.Sitemaps)+len(s.StartURLs) == 0 && s.HuggingFace == nil {
		bad("needs at least one of feeds, sitemaps, start_urls or huggingface")
	}
	if s.HuggingFace != nil {
		for _, err := range s.HuggingFace.problems() {
			bad("huggingface: %v", err)
		}
	}
	switch s.Render {
	case "", RenderChromium, RenderAuto:
	default:
		bad("render: %q is not %q or %q", s.Render, RenderChromium, RenderAuto)
	}
	for _, list := range []struct {
		key  string
		urls []string
	}{{"feeds", s.Feeds}, {"sitemaps", s.Sitemaps}, {"start_urls", s.StartURLs}} {
		for _, raw := range list.urls {
			u, err := url.Parse(raw)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				bad("%s: %q is not an http(s) URL", list.key, raw)
			}
		}
	}
	if s.MaxDepth < 0 {
		bad("max_depth must not be negative")
	}
	if s.PolitenessDelay() < 0 {
		bad("delay must not be negative")
	}
	if s.Parallelism < 0 {
		bad("parallelism must not be negative")
	}
	if s.MaxPages < 0 {
		bad("max_pages must not be negative")
	}
	if s.Schedule != "" {
		if _, err := ParseSchedule(s.Schedule); err != nil {
			bad("schedule: %v", err)
		}
	}
	for _, list := range []struct {
		key  string
		pats []string
	}{{"include", s.Include}, {"exclude", s.Exclude}} {
		for _, p := range list.pats {
			if _, err := regexp.Compile(p); err != nil {
				bad("%s: %v", list.key, err)
			}
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errors.Join(errs...)
}

// ParseSchedule parses a cron expression (five fields, or six with seconds)
// or a descriptor such as "@every 30m", "@hourly" or "@daily".
func ParseSchedule(spec string) (cron.Schedule, error) {
	return scheduleParser.Parse(spec)
}

var scheduleParser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)
