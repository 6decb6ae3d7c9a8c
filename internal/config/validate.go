package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/archive"
	"github.com/modelwire/modelwire/internal/webhook"
)

// MaxHubLimit bounds sources[].huggingface.limit: the most models the Hub
// lists in one answer.
const MaxHubLimit = 1000

// hubAuthorRE matches a Hub user or organisation name.
var hubAuthorRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$`)

// Validate reports every problem in c, joined, each naming its key (and
// the environment variable that set it, if one did). It checks everything
// that would fail later — in the store, the crawler, a webhook — so that
// `modelwire config check` finds it first.
func (c Config) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if c.NATS.Listen != nil && *c.NATS.Listen != "" {
		if _, _, err := net.SplitHostPort(*c.NATS.Listen); err != nil {
			bad("nats.listen: %v", err)
		}
	}
	if c.NATS.Replicas < 0 || c.NATS.Replicas > 5 {
		bad("nats.replicas: %d is not between 1 and 5", c.NATS.Replicas)
	}
	errs = append(errs, c.NATS.validateAuth()...)
	errs = append(errs, c.HTTP.problems()...)
	errs = append(errs, c.Crawler.problems()...)
	errs = append(errs, c.Elasticsearch.problems(c.origin)...)
	errs = append(errs, c.Archive.problems()...)
	if _, err := c.Runtime.MemoryLimitBytes(); err != nil {
		bad("runtime.memory_limit: %v", err)
	}
	errs = append(errs, c.webhookProblems()...)
	names := map[string]bool{}
	for i, s := range c.Sources {
		key := fmt.Sprintf("sources[%d]", i)
		if s.Name != "" {
			key = fmt.Sprintf("sources[%d] (%s)", i, s.Name)
			if names[s.Name] {
				bad("%s: duplicate name", key)
			}
			names[s.Name] = true
		}
		for _, err := range s.problems() {
			bad("%s: %w", key, err)
		}
	}
	return errors.Join(errs...)
}

// validateAuth reports conflicting NATS credentials.
func (n NATS) validateAuth() []error {
	var errs []error
	kinds := 0
	for _, set := range []bool{n.User != "", n.Token != "", n.NKeyFile != "", n.CredsFile != ""} {
		if set {
			kinds++
		}
	}
	if kinds > 1 {
		errs = append(errs, errors.New("nats: give one of user (with password), token, nkey_file and creds_file"))
	}
	if n.Password != "" && n.User == "" {
		errs = append(errs, errors.New("nats.password: needs nats.user"))
	}
	if (n.TLS.CertFile == "") != (n.TLS.KeyFile == "") {
		errs = append(errs, errors.New("nats.tls: cert_file and key_file go together"))
	}
	return errs
}

func (h HTTP) problems() []error {
	var errs []error
	if h.Addr != nil && *h.Addr != "" {
		if _, _, err := net.SplitHostPort(*h.Addr); err != nil {
			errs = append(errs, fmt.Errorf("http.addr: %v", err))
		}
	}
	for _, o := range h.CORSOrigins {
		if o == "*" {
			continue
		}
		if u, err := url.Parse(o); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
			errs = append(errs, fmt.Errorf("http.cors_origins: %q is not \"*\" or an origin like https://app.example", o))
		}
	}
	for _, a := range h.AllowedHosts {
		if a == "" || strings.ContainsAny(a, "/ \t") {
			errs = append(errs, fmt.Errorf("http.allowed_hosts: %q is not a host name", a))
		}
	}
	return errs
}

func (cr Crawler) problems() []error {
	var errs []error
	if strings.TrimSpace(cr.UserAgent) == "" {
		errs = append(errs, errors.New("crawler.user_agent: must not be empty (robots.txt rules are matched by it)"))
	}
	if cr.Timeout < 0 {
		errs = append(errs, errors.New("crawler.timeout must not be negative"))
	}
	if cr.MaxBodyBytes < 0 {
		errs = append(errs, errors.New("crawler.max_body_bytes must not be negative"))
	}
	if cr.RecrawlAfter < 0 || cr.MaxCrawlDelay < 0 || cr.MaxRedirects < 0 {
		errs = append(errs, errors.New("crawler.recrawl_after, max_crawl_delay and max_redirects must not be negative"))
	}
	if ch := cr.Chromium; ch.Tabs < 0 || ch.PageTimeout < 0 || ch.IdleWait < 0 || ch.MaxHeapMB < 0 {
		errs = append(errs, errors.New("crawler.chromium: tabs, page_timeout, idle_wait and max_heap_mb must not be negative"))
	}
	return errs
}

func (es Elasticsearch) problems(origin func(key string) string) []error {
	var errs []error
	for _, a := range es.Addresses {
		if u, err := url.Parse(a); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("elasticsearch.addresses%s: %q is not an http(s) URL such as http://127.0.0.1:9200", origin("elasticsearch.addresses"), a))
		}
	}
	if err := indexer.CheckIndexPrefix(es.IndexPrefix); err != nil {
		errs = append(errs, fmt.Errorf("elasticsearch.index_prefix: %w", err))
	}
	if es.CACert != "" {
		if _, err := os.Stat(es.CACert); err != nil {
			errs = append(errs, fmt.Errorf("elasticsearch.ca_cert: %w", err))
		}
	}
	return errs
}

func (a Archive) problems() []error {
	var errs []error
	if a.MaxFileSize < 0 || a.MaxFileAge < 0 {
		errs = append(errs, errors.New("archive.max_file_size and max_file_age must not be negative"))
	}
	if _, err := archive.ParseKeep(a.Keep); err != nil {
		errs = append(errs, fmt.Errorf("archive.keep: %v", err))
	}
	return errs
}

func (c Config) webhookProblems() []error {
	var errs []error
	urls := map[string]bool{}
	for i, w := range c.Notify.Webhooks {
		key := fmt.Sprintf("notify.webhooks[%d]", i)
		if u, err := url.Parse(w.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("%s: url %q is not an absolute http(s) URL", key, w.URL))
		} else if urls[w.URL] {
			errs = append(errs, fmt.Errorf("%s: duplicate url %s (one webhook per url; list several vendors or models instead)", key, w.URL))
		}
		urls[w.URL] = true
		if slices.Contains(w.Vendors, "") || slices.Contains(w.Models, "") {
			errs = append(errs, fmt.Errorf("%s: empty vendor or model name", key))
		}
		if w.MaxAttempts < 0 {
			errs = append(errs, fmt.Errorf("%s: max_attempts must not be negative", key))
		}
		if w.Timeout < 0 {
			errs = append(errs, fmt.Errorf("%s: timeout must not be negative", key))
		}
		if w.Format != "" && !slices.Contains(webhook.Formats, w.Format) {
			errs = append(errs, fmt.Errorf("%s: format %q is not one of %s", key, w.Format, strings.Join(webhook.Formats, ", ")))
		}
		for _, k := range w.Kinds {
			if !slices.Contains(webhook.Kinds, k) {
				errs = append(errs, fmt.Errorf("%s: kinds: %q is not one of %s", key, k, strings.Join(webhook.Kinds, ", ")))
			}
		}
	}
	return errs
}

// problems lists what is wrong with a source, each error naming its key.
func (s Source) problems() []error {
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
	case "", crawler.RenderChromium, crawler.RenderAuto:
	default:
		bad("render: %q is not %q or %q", s.Render, crawler.RenderChromium, crawler.RenderAuto)
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
	if s.Delay != nil && *s.Delay < 0 {
		bad("delay must not be negative")
	}
	if s.Parallelism < 0 {
		bad("parallelism must not be negative")
	}
	if s.MaxPages < 0 {
		bad("max_pages must not be negative")
	}
	if _, err := crawler.ParseSchedule(s.Schedule); err != nil {
		bad("schedule: %v", err)
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
	return errs
}

// problems lists what is wrong with a Hugging Face source.
func (h HuggingFace) problems() []error {
	var errs []error
	if len(h.Authors) == 0 {
		errs = append(errs, errors.New("authors: at least one organisation is needed"))
	}
	for _, a := range h.Authors {
		if !hubAuthorRE.MatchString(a) {
			errs = append(errs, fmt.Errorf("authors: %q is not a Hub user or organisation name", a))
		}
	}
	u, err := url.Parse(h.Endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || strings.Trim(u.Path, "/") != "" {
		errs = append(errs, fmt.Errorf("endpoint: %q is not an http(s) origin such as %s", h.Endpoint, DefaultHuggingFace().Endpoint))
	}
	if h.Limit < 0 || h.Limit > MaxHubLimit {
		errs = append(errs, fmt.Errorf("limit: %d is not between 1 and %d", h.Limit, MaxHubLimit))
	}
	return errs
}
