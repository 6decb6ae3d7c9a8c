// Package config loads modelwire's YAML configuration: strict decoding (an
// unknown key is an error naming it), a default for every field, and
// environment overrides for addresses and secrets applied by the caller.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/internal/archive"
)

// Config is the whole configuration file.
type Config struct {
	// DataDir holds the embedded NATS store and the embedded search index
	// (default "data").
	DataDir       string           `yaml:"data_dir"`
	NATS          NATS             `yaml:"nats"`
	HTTP          HTTP             `yaml:"http"`
	Crawler       Crawler          `yaml:"crawler"`
	Elasticsearch Elasticsearch    `yaml:"elasticsearch"`
	Notify        Notify           `yaml:"notify"`
	Archive       Archive          `yaml:"archive"`
	Sources       []crawler.Source `yaml:"sources"`
}

// Archive configures the WARC archive of every answer the crawler
// receives (see internal/archive), which reprocess and import read.
type Archive struct {
	// WARC turns the archive on (default true; false: pages live only in
	// MW_PAGES, for its retention).
	WARC *bool `yaml:"warc"`
	// Dir is where WARC files are written (default DATA/warc; read it with
	// Config.ArchiveDir). Each process writes its own files; replicas may
	// share a volume.
	Dir string `yaml:"dir"`
	// MaxFileSize closes a file at this many bytes (default 1 GiB).
	MaxFileSize int64 `yaml:"max_file_size"`
	// MaxFileAge closes a file this long after it was opened (default 1h).
	MaxFileAge time.Duration `yaml:"max_file_age"`
	// Keep is what is kept of closed files: "" everything (the default),
	// an age ("90d", "720h") or a total size ("50GB", "500MiB").
	Keep string `yaml:"keep"`
}

// NATS selects the message bus.
type NATS struct {
	// URL of an external NATS server with JetStream; empty runs an embedded
	// server in DataDir/nats.
	URL string `yaml:"url"`
	// Listen is where the embedded server accepts clients (default
	// "127.0.0.1:4222"); an explicit "" accepts in-process clients only.
	Listen *string `yaml:"listen"`
	// Replicas is the replica count of the streams (default 1; 3 on a cluster).
	Replicas int `yaml:"replicas"`

	// Credentials for an external server, at most one kind: User and
	// Password (MODELWIRE_NATS_USER, MODELWIRE_NATS_PASSWORD), Token
	// (MODELWIRE_NATS_TOKEN), NKeyFile, a file holding an nkey seed
	// (MODELWIRE_NATS_NKEY_FILE), or CredsFile, a NATS credentials file
	// with a user JWT (MODELWIRE_NATS_CREDS). With none, a process whose
	// data directory holds the embedded server's password (nats.password)
	// logs in with it. The embedded server, when it listens on a port,
	// always requires that password.
	User      string `yaml:"user"`
	Password  string `yaml:"password"`
	Token     string `yaml:"token"`
	NKeyFile  string `yaml:"nkey_file"`
	CredsFile string `yaml:"creds_file"`
	// TLS secures the connection to an external server.
	TLS NATSTLS `yaml:"tls"`
}

// NATSTLS configures TLS to an external NATS server.
type NATSTLS struct {
	// CAFile verifies the server's certificate (default: the system's).
	CAFile string `yaml:"ca_file"`
	// CertFile and KeyFile are the client's certificate and key, for
	// servers that verify clients.
	CertFile string `yaml:"cert_file"`
	KeyFile  string `yaml:"key_file"`
}

// HTTP configures the API and search page.
type HTTP struct {
	// Addr is the listen address (default "127.0.0.1:8080"); "" disables it.
	Addr *string `yaml:"addr"`
	// CORSOrigins are the origins ("https://app.example", or "*") whose
	// pages may call the API from a browser; empty sends no CORS headers.
	CORSOrigins []string `yaml:"cors_origins"`
	// AllowedHosts are the host names (Host header, any port) the API and
	// the probes answer besides IP addresses; "*" for any. Default: the
	// listen address's host name and localhost. Others get HTTP 400, so a
	// hostile page cannot reach a local server through DNS rebinding.
	AllowedHosts []string `yaml:"allowed_hosts"`
}

// Notify configures who else is told about release events.
type Notify struct {
	Webhooks []Webhook `yaml:"webhooks"`
}

// Webhook is an HTTP endpoint that receives each matching release event as
// a JSON POST. Webhooks are configured by the operator, so loopback and
// private addresses are allowed.
type Webhook struct {
	URL string `yaml:"url"`
	// Vendors and Models restrict the events sent (vendor ids, model
	// names); empty means all.
	Vendors []string `yaml:"vendors"`
	Models  []string `yaml:"models"`
	// Secret, if set, signs each delivery: X-Modelwire-Signature:
	// t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.delivery id.body">
	// (pipeline.Sign, pipeline.VerifySignature).
	Secret string `yaml:"secret"`
	// SecretEnv names an environment variable holding the secret, so it
	// need not be written in the file; when set and non-empty it wins
	// over Secret.
	SecretEnv string `yaml:"secret_env"`
	// MaxAttempts is how often an event refused with a 4xx status (other
	// than 408 and 429) is tried before it is dead-lettered (default 5).
	// Network errors, 5xx, 408 and 429 are retried until they succeed.
	MaxAttempts int `yaml:"max_attempts"`
	// Timeout bounds one delivery (default 10s).
	Timeout time.Duration `yaml:"timeout"`
	// Format is the payload: "json" (the release event as modelwire
	// publishes it, the default) or a chat product's incoming-webhook
	// message: "slack", "discord", "teams" or "mattermost".
	Format string `yaml:"format"`
	// Kinds restricts the events sent by kind: "release" (a model's first
	// announcement) and "corroboration" (a later source reporting it);
	// empty means both. A chat channel often wants only releases.
	Kinds []string `yaml:"kinds"`
}

// WebhookKinds are the values notify.webhooks[].kinds takes.
var WebhookKinds = []string{"release", "corroboration"}

// WebhookFormats are the values notify.webhooks[].format takes.
var WebhookFormats = []string{"json", "slack", "discord", "teams", "mattermost"}

// Crawler holds settings shared by every source.
type Crawler struct {
	// UserAgent is sent with every request.
	UserAgent string `yaml:"user_agent"`
	// AllowPrivateNetworks permits loopback, private and link-local
	// addresses (refused by default).
	AllowPrivateNetworks bool `yaml:"allow_private_networks"`
	// Timeout bounds one request (default 30s).
	Timeout time.Duration `yaml:"timeout"`
	// MaxBodyBytes bounds one response body (default 10 MiB).
	MaxBodyBytes int64 `yaml:"max_body_bytes"`
	// RecrawlAfter is how long a fetched article is not requested again
	// unless its feed or sitemap date changes (default 24h).
	RecrawlAfter time.Duration `yaml:"recrawl_after"`
	// MaxCrawlDelay caps a robots.txt Crawl-delay (default 10s).
	MaxCrawlDelay time.Duration `yaml:"max_crawl_delay"`
	// MaxRetries is how often a 429 or 5xx answer is retried (default 2;
	// negative: never).
	MaxRetries int `yaml:"max_retries"`
	// MaxRedirects bounds one redirect chain (default 10).
	MaxRedirects int `yaml:"max_redirects"`
	// Chromium is the headless browser that renders the pages of sources
	// with render: chromium or auto.
	Chromium Chromium `yaml:"chromium"`
}

// Chromium configures the headless browser shared by the sources that
// render their pages. It starts with the first page to render. Zero values
// mean the defaults of package crawler/chromium.
type Chromium struct {
	// Path is the browser binary (default: chromium, chromium-browser or
	// google-chrome on PATH).
	Path string `yaml:"path"`
	// Tabs is how many pages render at once in the process (default 2).
	Tabs int `yaml:"tabs"`
	// PageTimeout bounds one page's rendering (default 30s).
	PageTimeout time.Duration `yaml:"page_timeout"`
	// IdleWait bounds the wait for a page's network to settle after it
	// loaded (default 5s).
	IdleWait time.Duration `yaml:"idle_wait"`
	// MaxHeapMB bounds a page's JavaScript heap (default 512).
	MaxHeapMB int `yaml:"max_heap_mb"`
}

// Elasticsearch selects and configures the Elasticsearch store; with no
// addresses the embedded store is used.
type Elasticsearch struct {
	Addresses          []string `yaml:"addresses"`
	Username           string   `yaml:"username"`
	Password           string   `yaml:"password"`
	APIKey             string   `yaml:"api_key"`
	CACert             string   `yaml:"ca_cert"`
	InsecureSkipVerify bool     `yaml:"insecure_skip_verify"`
	// IndexPrefix names the aliases <prefix>-articles and <prefix>-releases
	// (default "modelwire"), so several deployments can share a cluster.
	IndexPrefix string `yaml:"index_prefix"`
}

// Defaults.
const (
	DefaultDataDir      = "data"
	DefaultNATSListen   = "127.0.0.1:4222"
	DefaultHTTPAddr     = "127.0.0.1:8080"
	DefaultUserAgent    = "modelwire/0.1 (+https://github.com/modelwire/modelwire)"
	DefaultTimeout      = 30 * time.Second
	DefaultMaxBodyBytes = 10 << 20

	DefaultWebhookAttempts = 5
	DefaultWebhookTimeout  = 10 * time.Second
)

// Load reads and decodes the file at path; an empty path gives the defaults.
// The result has defaults applied but no environment overrides.
func Load(path string) (Config, error) {
	if path == "" {
		return Config{}.WithDefaults(), nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("reading config: %w", err)
	}
	c, err := Parse(data)
	if err != nil {
		return Config{}, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// Parse decodes YAML strictly, applies defaults and validates.
func Parse(data []byte) (Config, error) {
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return Config{}, fmt.Errorf("decoding: %w", err)
	}
	c = c.WithDefaults()
	if err := c.Validate(); err != nil {
		return Config{}, err
	}
	return c, nil
}

// WithDefaults returns c with every unset field at its default.
func (c Config) WithDefaults() Config {
	if c.DataDir == "" {
		c.DataDir = DefaultDataDir
	}
	if c.NATS.Listen == nil {
		c.NATS.Listen = ptr(DefaultNATSListen)
	}
	if c.NATS.Replicas == 0 {
		c.NATS.Replicas = 1
	}
	if c.HTTP.Addr == nil {
		c.HTTP.Addr = ptr(DefaultHTTPAddr)
	}
	if c.Crawler.UserAgent == "" {
		c.Crawler.UserAgent = DefaultUserAgent
	}
	if c.Crawler.Timeout == 0 {
		c.Crawler.Timeout = DefaultTimeout
	}
	if c.Crawler.MaxBodyBytes == 0 {
		c.Crawler.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if c.Archive.WARC == nil {
		c.Archive.WARC = ptr(true)
	}
	if c.Archive.MaxFileSize == 0 {
		c.Archive.MaxFileSize = archive.DefaultMaxFileSize
	}
	if c.Archive.MaxFileAge == 0 {
		c.Archive.MaxFileAge = archive.DefaultMaxFileAge
	}
	for i, s := range c.Sources {
		c.Sources[i] = s.WithDefaults()
	}
	for i := range c.Notify.Webhooks {
		w := &c.Notify.Webhooks[i]
		if w.MaxAttempts == 0 {
			w.MaxAttempts = DefaultWebhookAttempts
		}
		if w.Timeout == 0 {
			w.Timeout = DefaultWebhookTimeout
		}
		if w.Format == "" {
			w.Format = WebhookFormats[0]
		}
	}
	return c
}

// Validate reports every problem in c, joined, each naming its key.
func (c Config) Validate() error {
	var errs []error
	if c.NATS.Listen != nil && *c.NATS.Listen != "" {
		if _, _, err := net.SplitHostPort(*c.NATS.Listen); err != nil {
			errs = append(errs, fmt.Errorf("nats.listen: %v", err))
		}
	}
	if c.HTTP.Addr != nil && *c.HTTP.Addr != "" {
		if _, _, err := net.SplitHostPort(*c.HTTP.Addr); err != nil {
			errs = append(errs, fmt.Errorf("http.addr: %v", err))
		}
	}
	errs = append(errs, c.NATS.validateAuth()...)
	if c.NATS.Replicas < 0 || c.NATS.Replicas > 5 {
		errs = append(errs, fmt.Errorf("nats.replicas: %d is not between 1 and 5", c.NATS.Replicas))
	}
	if c.Crawler.Timeout < 0 {
		errs = append(errs, errors.New("crawler.timeout must not be negative"))
	}
	if c.Crawler.MaxBodyBytes < 0 {
		errs = append(errs, errors.New("crawler.max_body_bytes must not be negative"))
	}
	if c.Crawler.RecrawlAfter < 0 || c.Crawler.MaxCrawlDelay < 0 || c.Crawler.MaxRedirects < 0 {
		errs = append(errs, errors.New("crawler.recrawl_after, max_crawl_delay and max_redirects must not be negative"))
	}
	if c.Archive.MaxFileSize < 0 || c.Archive.MaxFileAge < 0 {
		errs = append(errs, errors.New("archive.max_file_size and max_file_age must not be negative"))
	}
	if _, err := archive.ParseKeep(c.Archive.Keep); err != nil {
		errs = append(errs, fmt.Errorf("archive.keep: %v", err))
	}
	if ch := c.Crawler.Chromium; ch.Tabs < 0 || ch.PageTimeout < 0 || ch.IdleWait < 0 || ch.MaxHeapMB < 0 {
		errs = append(errs, errors.New("crawler.chromium: tabs, page_timeout, idle_wait and max_heap_mb must not be negative"))
	}
	names := map[string]bool{}
	for i, s := range c.Sources {
		key := fmt.Sprintf("sources[%d]", i)
		if s.Name != "" {
			key = fmt.Sprintf("sources[%d] (%s)", i, s.Name)
			if names[s.Name] {
				errs = append(errs, fmt.Errorf("%s: duplicate name", key))
			}
			names[s.Name] = true
		}
		if err := s.Validate(); err != nil {
			for _, e := range unjoin(err) {
				errs = append(errs, fmt.Errorf("%s: %w", key, e))
			}
		}
	}
	for _, a := range c.Elasticsearch.Addresses {
		if !strings.HasPrefix(a, "http://") && !strings.HasPrefix(a, "https://") {
			errs = append(errs, fmt.Errorf("elasticsearch.addresses: %q is not an http(s) URL", a))
		}
	}
	for _, o := range c.HTTP.CORSOrigins {
		if o == "*" {
			continue
		}
		if u, err := url.Parse(o); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
			errs = append(errs, fmt.Errorf("http.cors_origins: %q is not \"*\" or an origin like https://app.example", o))
		}
	}
	for _, h := range c.HTTP.AllowedHosts {
		if h == "" || strings.ContainsAny(h, "/ \t") {
			errs = append(errs, fmt.Errorf("http.allowed_hosts: %q is not a host name", h))
		}
	}
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
		if w.Format != "" && !slices.Contains(WebhookFormats, w.Format) {
			errs = append(errs, fmt.Errorf("%s: format %q is not one of %s", key, w.Format, strings.Join(WebhookFormats, ", ")))
		}
		for _, k := range w.Kinds {
			if !slices.Contains(WebhookKinds, k) {
				errs = append(errs, fmt.Errorf("%s: kinds: %q is not one of %s", key, k, strings.Join(WebhookKinds, ", ")))
			}
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

// Env applies the environment overrides MODELWIRE_DATA, MODELWIRE_NATS_URL,
// MODELWIRE_NATS_USER, MODELWIRE_NATS_PASSWORD, MODELWIRE_NATS_TOKEN,
// MODELWIRE_NATS_NKEY_FILE, MODELWIRE_NATS_CREDS,
// MODELWIRE_ES_URL (comma-separated), MODELWIRE_ES_USERNAME,
// MODELWIRE_ES_PASSWORD and MODELWIRE_ES_API_KEY, each webhook's
// secret_env and each Hugging Face source's token_env, read through getenv.
func (c Config) Env(getenv func(string) string) Config {
	if v := getenv("MODELWIRE_DATA"); v != "" {
		c.DataDir = v
	}
	if v := getenv("MODELWIRE_NATS_URL"); v != "" {
		c.NATS.URL = v
	}
	for _, o := range []struct {
		env string
		dst *string
	}{
		{"MODELWIRE_NATS_USER", &c.NATS.User}, {"MODELWIRE_NATS_PASSWORD", &c.NATS.Password},
		{"MODELWIRE_NATS_TOKEN", &c.NATS.Token}, {"MODELWIRE_NATS_NKEY_FILE", &c.NATS.NKeyFile},
		{"MODELWIRE_NATS_CREDS", &c.NATS.CredsFile},
	} {
		if v := getenv(o.env); v != "" {
			*o.dst = v
		}
	}
	if v := getenv("MODELWIRE_ES_URL"); v != "" {
		c.Elasticsearch.Addresses = strings.Split(v, ",")
	}
	if v := getenv("MODELWIRE_ES_USERNAME"); v != "" {
		c.Elasticsearch.Username = v
	}
	if v := getenv("MODELWIRE_ES_PASSWORD"); v != "" {
		c.Elasticsearch.Password = v
	}
	if v := getenv("MODELWIRE_ES_API_KEY"); v != "" {
		c.Elasticsearch.APIKey = v
	}
	if len(c.Notify.Webhooks) > 0 {
		hooks := slices.Clone(c.Notify.Webhooks)
		for i, h := range hooks {
			if v := getenv(h.SecretEnv); h.SecretEnv != "" && v != "" {
				hooks[i].Secret = v
			}
		}
		c.Notify.Webhooks = hooks
	}
	if len(c.Sources) > 0 {
		sources := slices.Clone(c.Sources)
		for i, s := range sources {
			if s.HuggingFace == nil || s.HuggingFace.TokenEnv == "" {
				continue
			}
			if v := getenv(s.HuggingFace.TokenEnv); v != "" {
				hf := *s.HuggingFace
				hf.Token = v
				sources[i].HuggingFace = &hf
			}
		}
		c.Sources = sources
	}
	return c
}

// ArchiveDir returns where WARC files are written: archive.dir, or
// DATA/warc.
func (c Config) ArchiveDir() string {
	if c.Archive.Dir != "" {
		return c.Archive.Dir
	}
	return filepath.Join(c.DataDir, "warc")
}

// ArchiveConfig returns the archive writer's configuration.
func (c Config) ArchiveConfig() archive.Config {
	keep, _ := archive.ParseKeep(c.Archive.Keep) // checked by Validate
	return archive.Config{Dir: c.ArchiveDir(), MaxFileSize: c.Archive.MaxFileSize, MaxFileAge: c.Archive.MaxFileAge, Keep: keep}
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func ptr[T any](v T) *T { return &v }
