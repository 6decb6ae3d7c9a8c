package indexer

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/elastic/go-elasticsearch/v8"
	"github.com/elastic/go-elasticsearch/v8/esapi"
	"github.com/elastic/go-elasticsearch/v8/esutil"
)

// templates holds the index templates (settings and mappings) of the
// articles and releases indices, as JSON. They live beside the code that
// writes and queries their fields, so both change together.
//
//go:embed templates/*.json
var templates embed.FS

// mappingVersion is the suffix of the concrete indices this build creates
// (<prefix>-articles-v1). A mapping change that needs a new index raises it:
// the new index is created, filled, and the alias swapped to it.
const mappingVersion = 1

// ElasticConfig is how to reach the Elasticsearch cluster. Addresses and
// IndexPrefix are required (internal/config holds the operator's
// defaults); the zero value of the tuning (Workers, FlushBytes,
// WriteTimeout) means its default.
type ElasticConfig struct {
	// Addresses are the cluster's HTTP endpoints ("http://127.0.0.1:9200").
	Addresses []string
	// Username and Password authenticate with HTTP basic auth; APIKey (the
	// base64 "id:key" token) takes precedence over them.
	Username string
	Password string
	APIKey   string
	// CACert is a PEM bundle of the authorities that sign the cluster's
	// certificate; empty means the system pool.
	CACert []byte
	// InsecureSkipVerify disables TLS certificate checks (development only).
	InsecureSkipVerify bool
	// IndexPrefix names the aliases <prefix>-articles and <prefix>-releases,
	// their indices and templates ("modelwire": modelwire-articles,
	// modelwire-articles-v1, …). See CheckIndexPrefix.
	IndexPrefix string
	// SearchOnly opens the store for searching: nothing is installed and
	// writes fail.
	SearchOnly bool
	// Workers is the number of bulk requests in flight (default: CPUs).
	Workers int
	// FlushBytes is the size at which a bulk request is sent (default 5 MB).
	FlushBytes int
	// WriteTimeout bounds one Index or IndexReleases call (default 60s).
	WriteTimeout time.Duration
}

var prefixPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,100}$`)

// Validate reports the first problem with c.
func (c ElasticConfig) Validate() error {
	if len(c.Addresses) == 0 {
		return errors.New("elasticsearch: no addresses")
	}
	if err := CheckIndexPrefix(c.IndexPrefix); err != nil {
		return fmt.Errorf("elasticsearch: %w", err)
	}
	return nil
}

// CheckIndexPrefix reports a prefix Elasticsearch would refuse in index,
// alias and template names: it must be lower case letters, digits, '-'
// and '_', starting with a letter or digit, at most 101 characters.
func CheckIndexPrefix(prefix string) error {
	if !prefixPattern.MatchString(prefix) {
		return fmt.Errorf("index prefix %q: use lower case letters, digits, '-' and '_', starting with a letter or digit", prefix)
	}
	return nil
}

func (c ElasticConfig) withDefaults() ElasticConfig {
	if c.Workers <= 0 {
		c.Workers = runtime.NumCPU()
	}
	if c.FlushBytes <= 0 {
		c.FlushBytes = 5 << 20
	}
	if c.WriteTimeout <= 0 {
		c.WriteTimeout = time.Minute
	}
	return c
}

// ElasticOption sets a code-level hook of the Elastic store.
type ElasticOption func(*Elastic)

// WithLogger sends the store's notices (Elasticsearch unreachable,
// templates installed) to l; by default they are discarded.
func WithLogger(l *slog.Logger) ElasticOption {
	return func(e *Elastic) { e.log = l }
}

// Elastic is the search store on an Elasticsearch 8 cluster. Documents are
// written and read through the aliases <prefix>-articles and
// <prefix>-releases, so a mapping change is a new index plus an alias swap.
//
// The store needs no running cluster to open: templates and the first
// indices are installed on the first call that finds the cluster reachable,
// and until then writes fail with temporary errors, so callers retry and
// nothing is lost. It is safe for concurrent use. The caller closes it.
type Elastic struct {
	cfg      ElasticConfig
	client   *elasticsearch.Client
	bulk     esutil.BulkIndexer
	log      *slog.Logger
	articles string // alias
	releases string // alias

	setupMu sync.Mutex
	ready   atomic.Bool // templates and aliases are in place

	life   sync.RWMutex // writers hold it shared, Close exclusively
	closed bool
}

// OpenElastic returns a store on the cluster cfg names. It tries once,
// within ctx, to install the index templates and aliases; when the cluster
// cannot be reached it logs that and returns the store anyway, which
// installs them on its first successful write. Only a bad configuration is
// an error.
func OpenElastic(ctx context.Context, cfg ElasticConfig, opts ...ElasticOption) (*Elastic, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConnsPerHost:   cfg.Workers + 4,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 2 * time.Minute,
		TLSClientConfig:       &tls.Config{InsecureSkipVerify: cfg.InsecureSkipVerify}, //nolint:gosec // opt-in for development clusters
	}
	if len(cfg.CACert) > 0 {
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(cfg.CACert) {
			return nil, errors.New("elasticsearch: ca_cert holds no PEM certificate")
		}
		tr.TLSClientConfig.RootCAs = pool
	}
	client, err := elasticsearch.NewClient(elasticsearch.Config{
		Addresses:    cfg.Addresses,
		Username:     cfg.Username,
		Password:     cfg.Password,
		APIKey:       cfg.APIKey,
		Transport:    tr,
		MaxRetries:   2,
		RetryBackoff: func(attempt int) time.Duration { return time.Duration(attempt) * 100 * time.Millisecond },
	})
	if err != nil {
		return nil, fmt.Errorf("elasticsearch client: %w", err)
	}
	e := &Elastic{
		cfg:      cfg,
		client:   client,
		log:      slog.New(slog.DiscardHandler),
		articles: cfg.IndexPrefix + "-articles",
		releases: cfg.IndexPrefix + "-releases",
	}
	for _, o := range opts {
		o(e)
	}
	if cfg.SearchOnly {
		return e, nil
	}
	e.bulk, err = esutil.NewBulkIndexer(esutil.BulkIndexerConfig{
		Client:        client,
		NumWorkers:    cfg.Workers,
		FlushBytes:    cfg.FlushBytes,
		FlushInterval: time.Second, // Index flushes explicitly; this bounds stragglers
		FilterPath:    []string{"errors", "items.*._id", "items.*.status", "items.*.error.type", "items.*.error.reason", "items.*._seq_no", "items.*._primary_term"},
	})
	if err != nil {
		return nil, fmt.Errorf("elasticsearch bulk indexer: %w", err)
	}
	if err := e.ensure(ctx); err != nil {
		e.log.Warn("elasticsearch not ready; writes are retried until it is", "addresses", cfg.Addresses, "err", err)
	}
	return e, nil
}

// Close sends what is queued, makes every write visible to searches, and
// releases the connections.
func (e *Elastic) Close() error {
	e.life.Lock()
	defer e.life.Unlock()
	if e.closed {
		return nil
	}
	e.closed = true
	ctx, cancel := context.WithTimeout(context.Background(), e.cfg.WriteTimeout)
	defer cancel()
	if e.cfg.SearchOnly {
		return e.client.Close(ctx)
	}
	err := e.bulk.Close(ctx)
	if e.ready.Load() {
		if rerr := e.Refresh(ctx); rerr != nil {
			err = errors.Join(err, rerr)
		}
	}
	return errors.Join(err, e.client.Close(ctx))
}

// Prefix returns the index prefix: the aliases are Prefix()+"-articles"
// and Prefix()+"-releases".
func (e *Elastic) Prefix() string { return e.cfg.IndexPrefix }

// Refresh makes every document written so far visible to searches, which
// Elasticsearch otherwise does within a second.
func (e *Elastic) Refresh(ctx context.Context) error {
	req := esapi.IndicesRefreshRequest{Index: []string{e.articles, e.releases}, IgnoreUnavailable: new(true)}
	if err := e.call(ctx, req, nil); err != nil {
		return fmt.Errorf("refreshing %s: %w", e.articles, err)
	}
	return nil
}

// Count returns the number of documents behind the articles alias.
func (e *Elastic) Count(ctx context.Context) (int, error) {
	var res struct {
		Count int `json:"count"`
	}
	if err := e.call(ctx, esapi.CountRequest{Index: []string{e.articles}}, &res); err != nil {
		return 0, fmt.Errorf("counting %s: %w", e.articles, err)
	}
	return res.Count, nil
}

// errSearchOnly is the answer to a write on a store opened with SearchOnly.
var errSearchOnly = errors.New("elasticsearch store opened for searching only")

// ensure installs the templates and indices once; after a failure the next
// call tries again.
func (e *Elastic) ensure(ctx context.Context) error {
	if e.cfg.SearchOnly {
		return errSearchOnly
	}
	if e.ready.Load() {
		return nil
	}
	e.setupMu.Lock()
	defer e.setupMu.Unlock()
	if e.ready.Load() {
		return nil
	}
	langs, err := e.languageAnalyzers(ctx)
	if err != nil {
		return err
	}
	for _, kind := range []string{"articles", "releases"} {
		body, err := e.templateBody(kind, langs)
		if err != nil {
			return err
		}
		if err := e.installTemplate(ctx, kind, body); err != nil {
			return err
		}
		if err := e.ensureAlias(ctx, kind); err != nil {
			return err
		}
		if err := e.updateMapping(ctx, kind, body); err != nil {
			return err
		}
	}
	e.ready.Store(true)
	e.log.Info("elasticsearch ready", "articles", e.articles, "releases", e.releases, "language_analyzers", langs)
	return nil
}

// languageAnalyzer is a built-in analyzer added as a subfield of title and
// text (title.en, text.cjk, …) when the cluster has it; the fields
// themselves always use "standard", which every cluster has.
type languageAnalyzer struct{ subfield, analyzer string }

// languageCandidates are the language analyzers modelwire uses when the
// cluster offers them (they come with the analysis-common module, which
// full distributions include and the dev node lacks).
var languageCandidates = []languageAnalyzer{{"en", "english"}, {"cjk", "cjk"}}

// languageAnalyzers asks the cluster which candidates it has, by analysing
// a word with each.
func (e *Elastic) languageAnalyzers(ctx context.Context) ([]string, error) {
	var have []string
	for _, l := range languageCandidates {
		body, _ := json.Marshal(map[string]string{"analyzer": l.analyzer, "text": "released"})
		err := e.call(ctx, esapi.IndicesAnalyzeRequest{Body: bytes.NewReader(body)}, nil)
		var re *responseError
		switch {
		case err == nil:
			have = append(have, l.subfield)
		case errors.As(err, &re) && re.Status == http.StatusBadRequest:
			// not installed
		default:
			return nil, fmt.Errorf("probing analyzer %s: %w", l.analyzer, err)
		}
	}
	return have, nil
}

// templateBody returns the index template of kind ("articles" or
// "releases") for this prefix, with the language subfields in langs.
func (e *Elastic) templateBody(kind string, langs []string) ([]byte, error) {
	raw, err := templates.ReadFile("templates/" + kind + ".json")
	if err != nil {
		return nil, err
	}
	var t map[string]any
	if err := json.Unmarshal(raw, &t); err != nil {
		return nil, fmt.Errorf("template %s: %w", kind, err)
	}
	t["index_patterns"] = []string{e.cfg.IndexPrefix + "-" + kind + "-*"}
	if kind == "articles" && len(langs) > 0 {
		props := t["template"].(map[string]any)["mappings"].(map[string]any)["properties"].(map[string]any)
		for _, field := range []string{"title", "text"} {
			f := props[field].(map[string]any)
			sub := map[string]any{}
			for _, l := range languageCandidates {
				for _, have := range langs {
					if have == l.subfield {
						s := map[string]any{"type": "text", "analyzer": l.analyzer}
						if opts, ok := f["index_options"]; ok {
							s["index_options"] = opts
						}
						sub[l.subfield] = s
					}
				}
			}
			f["fields"] = sub
		}
	}
	return json.Marshal(t)
}

func (e *Elastic) installTemplate(ctx context.Context, kind string, body []byte) error {
	name := e.cfg.IndexPrefix + "-" + kind
	if err := e.call(ctx, esapi.IndicesPutIndexTemplateRequest{Name: name, Body: bytes.NewReader(body)}, nil); err != nil {
		return fmt.Errorf("installing index template %s: %w", name, err)
	}
	return nil
}

// ensureAlias creates <prefix>-<kind>-v<mappingVersion> with the alias as
// its write index, unless the alias already exists. Several processes may
// race here; every outcome leaves the alias in place.
func (e *Elastic) ensureAlias(ctx context.Context, kind string) error {
	alias := e.cfg.IndexPrefix + "-" + kind
	res, err := esapi.IndicesExistsAliasRequest{Name: []string{alias}}.Do(ctx, e.client)
	if err != nil {
		return fmt.Errorf("checking alias %s: %w", alias, err)
	}
	res.Body.Close()
	switch res.StatusCode {
	case http.StatusOK:
		return nil
	case http.StatusNotFound:
	default:
		return fmt.Errorf("checking alias %s: %s", alias, res.Status())
	}
	index := fmt.Sprintf("%s-v%d", alias, mappingVersion)
	body, _ := json.Marshal(map[string]any{"aliases": map[string]any{alias: map[string]any{"is_write_index": true}}})
	err = e.call(ctx, esapi.IndicesCreateRequest{Index: index, Body: bytes.NewReader(body)}, nil)
	var re *responseError
	if errors.As(err, &re) && re.Type == "resource_already_exists_exception" {
		// The index exists (another process, or an earlier half-done
		// start); make sure it carries the alias.
		actions, _ := json.Marshal(map[string]any{"actions": []any{
			map[string]any{"add": map[string]any{"index": index, "alias": alias, "is_write_index": true}},
		}})
		err = e.call(ctx, esapi.IndicesUpdateAliasesRequest{Body: bytes.NewReader(actions)}, nil)
	}
	if err != nil {
		return fmt.Errorf("creating index %s with alias %s: %w", index, alias, err)
	}
	e.log.Info("created index", "index", index, "alias", alias)
	return nil
}

// updateMapping puts the template's mapping on the indices behind the alias,
// so fields added since they were created exist before documents carrying
// them arrive (a strict mapping would refuse those documents for good). A
// change Elasticsearch cannot make in place (another type or analyzer)
// fails here, and writes wait, instead of being dead-lettered: that
// change needs a new index and an alias swap.
func (e *Elastic) updateMapping(ctx context.Context, kind string, template []byte) error {
	var t struct {
		Template struct {
			Mappings json.RawMessage `json:"mappings"`
		} `json:"template"`
	}
	if err := json.Unmarshal(template, &t); err != nil {
		return fmt.Errorf("template %s: %w", kind, err)
	}
	alias := e.cfg.IndexPrefix + "-" + kind
	err := e.call(ctx, esapi.IndicesPutMappingRequest{Index: []string{alias}, Body: bytes.NewReader(t.Template.Mappings)}, nil)
	if err != nil {
		return fmt.Errorf("updating the mapping of %s (a change that needs a new index?): %w", alias, err)
	}
	return nil
}

// responseError is an error answer from Elasticsearch.
type responseError struct {
	Status int
	Type   string
	Reason string
}

func (r *responseError) Error() string {
	if r.Type == "" {
		return fmt.Sprintf("elasticsearch answered %d", r.Status)
	}
	return fmt.Sprintf("elasticsearch answered %d %s: %s", r.Status, r.Type, r.Reason)
}

// call performs req and decodes a successful JSON answer into out (unless
// out is nil); an error answer becomes a *responseError.
func (e *Elastic) call(ctx context.Context, req esapi.Request, out any) error {
	res, err := req.Do(ctx, e.client)
	if err != nil {
		return fmt.Errorf("elasticsearch unreachable: %w", err)
	}
	defer res.Body.Close()
	if res.IsError() {
		return decodeError(res.StatusCode, res.Body)
	}
	if out == nil {
		_, err = io.Copy(io.Discard, res.Body)
		return err
	}
	if err := json.NewDecoder(res.Body).Decode(out); err != nil {
		return fmt.Errorf("decoding elasticsearch answer: %w", err)
	}
	return nil
}

func decodeError(status int, body io.Reader) error {
	var r struct {
		Error json.RawMessage `json:"error"`
	}
	re := &responseError{Status: status}
	data, _ := io.ReadAll(io.LimitReader(body, 64<<10))
	if json.Unmarshal(data, &r) == nil && len(r.Error) > 0 {
		var detail struct {
			Type      string `json:"type"`
			Reason    string `json:"reason"`
			RootCause []struct {
				Type   string `json:"type"`
				Reason string `json:"reason"`
			} `json:"root_cause"`
		}
		if json.Unmarshal(r.Error, &detail) == nil {
			re.Type, re.Reason = detail.Type, detail.Reason
			if len(detail.RootCause) > 0 && detail.RootCause[0].Reason != "" && detail.RootCause[0].Reason != detail.Reason {
				re.Reason += " (" + detail.RootCause[0].Reason + ")"
			}
		} else {
			re.Reason = strings.Trim(string(r.Error), `"`)
		}
	} else {
		re.Reason = strings.TrimSpace(string(data))
	}
	return re
}
