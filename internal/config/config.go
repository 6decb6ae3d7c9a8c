// Package config is the one home of modelwire's configuration: the YAML
// file's keys and what they mean (Keys, from which the README's table is
// written), every default (Default, DefaultSource, DefaultHuggingFace,
// DefaultWebhook), every check (Validate, run after the environment
// overrides), and the mapping onto the packages' own types
// (Config.CrawlerConfig, Source.CrawlerSource, …; see convert.go). The
// packages take what they are given; none keeps defaults of its own for a
// configuration key.
//
// The files of the package:
//
//	config.go    the keys as Go types; Load and Parse
//	defaults.go  every key's default
//	env.go       the environment overrides (MODELWIRE_*, secret_env, token_env)
//	validate.go  every check, each naming its key
//	convert.go   the mapping onto crawler.Config, crawler.Source, chromium.Options, archive.Config, indexer.ElasticConfig, webhook.Config, bus.Auth
//	keys.go      what each key means: the README's configuration table
//	runtime.go   the Go runtime's memory settings (runtime.*)
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"go.yaml.in/yaml/v3"
)

// Config is the whole configuration file.
type Config struct {
	// DataDir holds the embedded NATS store, the embedded search index and
	// the WARC archive.
	DataDir       string        `yaml:"data_dir"`
	NATS          NATS          `yaml:"nats"`
	HTTP          HTTP          `yaml:"http"`
	Crawler       Crawler       `yaml:"crawler"`
	Elasticsearch Elasticsearch `yaml:"elasticsearch"`
	Notify        Notify        `yaml:"notify"`
	Archive       Archive       `yaml:"archive"`
	Runtime       Runtime       `yaml:"runtime"`
	Sources       []Source      `yaml:"sources"`

	// fromEnv names, by key, the environment variable that set it, for
	// the messages of Validate.
	fromEnv map[string]string
}

// NATS selects the message bus.
type NATS struct {
	// URL of an external NATS server with JetStream; empty runs an embedded
	// server in DataDir/nats.
	URL string `yaml:"url"`
	// Listen is where the embedded server accepts clients; an explicit ""
	// accepts in-process clients only.
	Listen *string `yaml:"listen"`
	// Replicas is the replica count of the streams (3 on a cluster).
	Replicas int `yaml:"replicas"`

	// Credentials for an external server, at most one kind: User and
	// Password, Token, NKeyFile (a file holding an nkey seed) or CredsFile
	// (a NATS credentials file with a user JWT). With none, a process whose
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
	// CAFile verifies the server's certificate (empty: the system's).
	CAFile string `yaml:"ca_file"`
	// CertFile and KeyFile are the client's certificate and key, for
	// servers that verify clients.
	CertFile string `yaml:"cert_file"`
	KeyFile  string `yaml:"key_file"`
}

// HTTP configures the API, the search page and the probes.
type HTTP struct {
	// Addr is the listen address; an explicit "" disables the server.
	Addr *string `yaml:"addr"`
	// CORSOrigins are the origins ("https://app.example", or "*") whose
	// pages may call the API from a browser; empty sends no CORS headers.
	CORSOrigins []string `yaml:"cors_origins"`
	// AllowedHosts are the host names (Host header, any port) the API and
	// the probes answer besides IP addresses; "*" for any. Empty: the
	// listen address's host name and localhost. Others get HTTP 400, so a
	// hostile page cannot reach a local server through DNS rebinding.
	AllowedHosts []string `yaml:"allowed_hosts"`
}

// Notify configures who else is told about release events.
type Notify struct {
	Webhooks []Webhook `yaml:"webhooks"`
}

// Webhook is an HTTP endpoint that receives each matching release event.
// Webhooks are configured by the operator, so loopback and private
// addresses are allowed.
type Webhook struct {
	URL string `yaml:"url"`
	// Vendors and Models restrict the events sent (any spelling the
	// catalog resolves); empty means all.
	Vendors []string `yaml:"vendors"`
	Models  []string `yaml:"models"`
	// Secret, if set, signs each delivery (webhook.Sign,
	// webhook.VerifySignature).
	Secret string `yaml:"secret"`
	// SecretEnv names an environment variable holding the secret; when set
	// and non-empty it wins over Secret.
	SecretEnv string `yaml:"secret_env"`
	// MaxAttempts is how often an event refused with a 4xx status (other
	// than 408 and 429) is tried before it is dead-lettered. Network
	// errors, 5xx, 408 and 429 are retried until they succeed.
	MaxAttempts int `yaml:"max_attempts"`
	// Timeout bounds one delivery.
	Timeout time.Duration `yaml:"timeout"`
	// Format is the payload: "json" (the release event as modelwire
	// publishes it) or a chat product's incoming-webhook message (see
	// webhook.Formats).
	Format string `yaml:"format"`
	// Kinds restricts the events sent by kind: "release" (a model's first
	// announcement) and "corroboration" (a later source reporting it);
	// empty means both. A chat channel often wants only releases.
	Kinds []string `yaml:"kinds"`
}

// Crawler holds settings shared by every source.
type Crawler struct {
	// UserAgent is sent with every request.
	UserAgent string `yaml:"user_agent"`
	// AllowPrivateNetworks permits loopback, private and link-local
	// addresses.
	AllowPrivateNetworks bool `yaml:"allow_private_networks"`
	// Timeout bounds one request.
	Timeout time.Duration `yaml:"timeout"`
	// MaxBodyBytes bounds one response body.
	MaxBodyBytes int64 `yaml:"max_body_bytes"`
	// RecrawlAfter is how long a fetched article is not requested again
	// unless its feed or sitemap date changes.
	RecrawlAfter time.Duration `yaml:"recrawl_after"`
	// MaxCrawlDelay caps a robots.txt Crawl-delay.
	MaxCrawlDelay time.Duration `yaml:"max_crawl_delay"`
	// MaxRetries is how often a 429 or 5xx answer is retried (negative:
	// never).
	MaxRetries int `yaml:"max_retries"`
	// MaxRedirects bounds one redirect chain.
	MaxRedirects int `yaml:"max_redirects"`
	// Chromium is the headless browser that renders the pages of sources
	// with render: chromium or auto.
	Chromium Chromium `yaml:"chromium"`
}

// Chromium configures the headless browser shared by the sources that
// render their pages. It starts with the first page to render.
type Chromium struct {
	// Path is the browser binary (empty: chromium, chromium-browser or
	// google-chrome on PATH).
	Path string `yaml:"path"`
	// Tabs is how many pages render at once in the process.
	Tabs int `yaml:"tabs"`
	// PageTimeout bounds one page's rendering.
	PageTimeout time.Duration `yaml:"page_timeout"`
	// IdleWait bounds the wait for a page's network to settle after it
	// loaded.
	IdleWait time.Duration `yaml:"idle_wait"`
	// MaxHeapMB bounds a page's JavaScript heap.
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
	// IndexPrefix names the aliases <prefix>-articles and <prefix>-releases,
	// so several deployments can share a cluster.
	IndexPrefix string `yaml:"index_prefix"`
}

// Archive configures the WARC archive of every answer the crawler
// receives (see internal/archive), which reprocess and import read.
type Archive struct {
	// WARC turns the archive on (false: pages live only in MW_PAGES, for
	// its retention).
	WARC *bool `yaml:"warc"`
	// Dir is where WARC files are written (empty: DATA/warc; read it with
	// Config.ArchiveDir). Each process writes its own files; replicas may
	// share a volume.
	Dir string `yaml:"dir"`
	// MaxFileSize closes a file at this many bytes.
	MaxFileSize int64 `yaml:"max_file_size"`
	// MaxFileAge closes a file this long after it was opened.
	MaxFileAge time.Duration `yaml:"max_file_age"`
	// Keep is what is kept of closed files: "" everything, an age ("90d",
	// "720h") or a total size ("50GB", "500MiB").
	Keep string `yaml:"keep"`
}

// Source is one configured place to crawl (see crawler.Source, which
// Source.CrawlerSource makes of it).
type Source struct {
	Name           string   `yaml:"name"`
	Feeds          []string `yaml:"feeds"`
	Sitemaps       []string `yaml:"sitemaps"`
	StartURLs      []string `yaml:"start_urls"`
	AllowedDomains []string `yaml:"allowed_domains"`
	MaxDepth       int      `yaml:"max_depth"`
	Include        []string `yaml:"include"`
	Exclude        []string `yaml:"exclude"`
	// Delay is a pointer so that an explicit 0 (no pause) differs from
	// unset (the default).
	Delay       *time.Duration `yaml:"delay"`
	Parallelism int            `yaml:"parallelism"`
	Schedule    string         `yaml:"schedule"`
	MaxPages    int            `yaml:"max_pages"`
	HuggingFace *HuggingFace   `yaml:"huggingface"`
	Render      string         `yaml:"render"`
}

// HuggingFace makes a source watch organisations on the Hugging Face Hub.
type HuggingFace struct {
	Authors  []string `yaml:"authors"`
	Endpoint string   `yaml:"endpoint"`
	Limit    int      `yaml:"limit"`
	// TokenEnv names an environment variable holding a Hub access token,
	// read into Token by Env.
	TokenEnv string `yaml:"token_env"`
	Token    string `yaml:"-"`
}

// Load reads the file at path ("": none, every key at its default) and
// returns it as Parse does.
func Load(path string, getenv func(string) string) (Config, error) {
	if path == "" {
		return Parse(nil, getenv)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("reading config: %w", err)
	}
	c, err := Parse(data, getenv)
	if err != nil {
		return Config{}, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// Parse decodes YAML strictly (an unknown key is an error naming it),
// applies the environment read through getenv (nil: none; see Env) and
// the defaults, and validates the result, reporting every problem.
func Parse(data []byte, getenv func(string) string) (Config, error) {
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return Config{}, fmt.Errorf("decoding: %w", err)
	}
	if getenv != nil {
		c = c.Env(getenv)
	}
	c = c.WithDefaults()
	if err := c.Validate(); err != nil {
		return Config{}, err
	}
	return c, nil
}
