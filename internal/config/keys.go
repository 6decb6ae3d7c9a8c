package config

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// Key is one key of the configuration file and what it means.
type Key struct {
	// Name is the key's path: "crawler.timeout", "sources[].delay".
	Name string
	// Default is how the README shows a default the table of defaults
	// cannot say by itself (one that depends on other keys); empty: the
	// value in Default, DefaultSource, DefaultHuggingFace or
	// DefaultWebhook.
	Default string
	// Meaning says what the key does, in the README's words (Markdown).
	Meaning string
}

// Keys lists every key the configuration accepts, in the order of the
// README's table, which Table writes from it. A test fails when a key is
// missing here or listed here but unknown to the decoder.
var Keys = []Key{
	{Name: "data_dir", Meaning: "embedded NATS store (`DATA/nats`), embedded index (`DATA/index`) and the WARC archive (`DATA/warc`)"},
	{Name: "nats.url", Meaning: "external NATS server with JetStream (comma-separated for a cluster); unset runs an embedded server"},
	{Name: "nats.listen", Meaning: "where the embedded server accepts clients, who log in as `modelwire` with the password in `DATA/nats.password` (generated, 0600); `\"\"` = in-process only"},
	{Name: "nats.replicas", Meaning: "stream replicas (3 on a cluster)"},
	{Name: "nats.user", Meaning: "user for an external server, with `nats.password`; one kind of credentials (`user`, `token`, `nkey_file`, `creds_file`), and with none `DATA/nats.password` if it exists"},
	{Name: "nats.password", Meaning: "the user's password"},
	{Name: "nats.token", Meaning: "a token for an external server"},
	{Name: "nats.nkey_file", Meaning: "a file holding an nkey seed"},
	{Name: "nats.creds_file", Meaning: "a NATS credentials file (user JWT and seed)"},
	{Name: "nats.tls.ca_file", Default: "the system's", Meaning: "the CA that signed an external server's certificate"},
	{Name: "nats.tls.cert_file", Meaning: "client certificate, for mutual TLS (with `key_file`)"},
	{Name: "nats.tls.key_file", Meaning: "client key, for mutual TLS (with `cert_file`)"},
	{Name: "http.addr", Meaning: "API, live stream and search page (`run`, `serve`); `/healthz`, `/readyz`, `/metrics` (every process; `--http-addr` overrides); `\"\"` disables"},
	{Name: "http.cors_origins", Meaning: "origins allowed to call the API from a browser (`\"*\"` for any)"},
	{Name: "http.allowed_hosts", Default: "listen host, `localhost`", Meaning: "host names (`Host` header) the API and probes answer besides IP addresses (`\"*\"` for any); others get 400"},
	{Name: "notify.webhooks[].url", Meaning: "where each matching release event is POSTed (private addresses allowed)"},
	{Name: "notify.webhooks[].vendors", Default: "all", Meaning: "only these vendors' events (any spelling the catalog resolves)"},
	{Name: "notify.webhooks[].models", Default: "all", Meaning: "only these models' events (any spelling, or a model id)"},
	{Name: "notify.webhooks[].secret", Meaning: "signs each delivery (`X-Modelwire-Signature`)"},
	{Name: "notify.webhooks[].secret_env", Meaning: "the environment variable holding the secret; wins over `secret`"},
	{Name: "notify.webhooks[].max_attempts", Meaning: "tries of an event refused with a 4xx (not 408 or 429) before it is dead-lettered; network errors, 5xx, 408 and 429 are retried until they succeed"},
	{Name: "notify.webhooks[].timeout", Meaning: "bounds one delivery"},
	{Name: "notify.webhooks[].kinds", Default: "both", Meaning: "only these kinds of event: `release` (a model's first announcement), `corroboration` (a later source reporting it); a chat channel often wants only releases"},
	{Name: "notify.webhooks[].format", Meaning: "`json`, or a chat product's message: `slack`, `discord`, `teams`, `mattermost`"},
	{Name: "crawler.user_agent", Meaning: "sent with every request; robots.txt groups are matched by its first word"},
	{Name: "crawler.allow_private_networks", Meaning: "permit loopback/private/link-local addresses"},
	{Name: "crawler.timeout", Meaning: "per request, body included"},
	{Name: "crawler.max_body_bytes", Meaning: "larger bodies are refused"},
	{Name: "crawler.recrawl_after", Meaning: "a fetched article is not requested again sooner unless its feed/sitemap date changes"},
	{Name: "crawler.max_crawl_delay", Meaning: "cap on a robots.txt `Crawl-delay`"},
	{Name: "crawler.max_retries", Meaning: "retries of a 429/5xx answer (Retry-After honoured; negative: never)"},
	{Name: "crawler.max_redirects", Meaning: "longest redirect chain"},
	{Name: "crawler.chromium.path", Default: "`chromium` on PATH", Meaning: "browser binary for sources with `render` (also `chromium-browser`, `google-chrome`)"},
	{Name: "crawler.chromium.tabs", Meaning: "pages rendering at once in the process"},
	{Name: "crawler.chromium.page_timeout", Meaning: "per rendered page, network-idle wait included"},
	{Name: "crawler.chromium.idle_wait", Meaning: "longest wait after load for the network to be idle"},
	{Name: "crawler.chromium.max_heap_mb", Meaning: "JavaScript heap of a page's renderer"},
	{Name: "elasticsearch.addresses", Meaning: "use Elasticsearch instead of the embedded index (`http(s)://host:port`)"},
	{Name: "elasticsearch.username", Meaning: "HTTP basic auth user"},
	{Name: "elasticsearch.password", Meaning: "its password"},
	{Name: "elasticsearch.api_key", Meaning: "an API key (base64 `id:key`), instead of username and password"},
	{Name: "elasticsearch.ca_cert", Default: "the system's", Meaning: "PEM file of the authorities that sign the cluster's certificate"},
	{Name: "elasticsearch.insecure_skip_verify", Meaning: "skip TLS certificate checks (development only)"},
	{Name: "elasticsearch.index_prefix", Meaning: "names the aliases `<prefix>-articles` and `<prefix>-releases`, so deployments can share a cluster; lower case letters, digits, `-` and `_`"},
	{Name: "archive.warc", Meaning: "keep every answer the crawler receives as WARC files"},
	{Name: "archive.dir", Default: "`DATA/warc`", Meaning: "where the WARC files are written (each process its own files)"},
	{Name: "archive.max_file_size", Meaning: "close a file at this many bytes (1 GiB)"},
	{Name: "archive.max_file_age", Meaning: "close a file this long after it was opened"},
	{Name: "archive.keep", Default: "all", Meaning: "delete the oldest closed files past an age (`90d`, `720h`) or a total size (`50GB`, `500MiB`)"},
	{Name: "runtime.gc_percent", Meaning: "how much the heap grows before the garbage collector runs (Go's `GOGC`, which wins when set; negative: never)"},
	{Name: "runtime.memory_limit", Meaning: "soft memory limit the collector keeps the process under (Go's `GOMEMLIMIT`, which wins when set): a size in `B`, `KiB`, `MiB`, `GiB` or `off`; about 90% of a container's memory limit"},
	{Name: "sources[].name", Meaning: "required; names the source in logs, metrics and pages"},
	{Name: "sources[].feeds", Meaning: "RSS, Atom or JSON Feed URLs; their items are fetched wherever they point"},
	{Name: "sources[].sitemaps", Meaning: "sitemap or sitemap-index URLs (XML, `.gz`, news, plain text); the sitemaps in the hosts' robots.txt are read too"},
	{Name: "sources[].start_urls", Meaning: "pages fetched on every pass; their links are followed up to `max_depth`"},
	{Name: "sources[].allowed_domains", Default: "hosts of `start_urls` and `sitemaps`", Meaning: "links and sitemap entries are kept to these domains and their subdomains"},
	{Name: "sources[].max_depth", Meaning: "how many links deep to follow from `start_urls` (0: start pages only)"},
	{Name: "sources[].include", Meaning: "URL regular expressions; a page must match one"},
	{Name: "sources[].exclude", Meaning: "URL regular expressions; a page must match none"},
	{Name: "sources[].delay", Meaning: "least time between two requests to a host (`0s`: none); a longer robots.txt `Crawl-delay` wins, up to `crawler.max_crawl_delay`"},
	{Name: "sources[].parallelism", Meaning: "most requests in flight to a host"},
	{Name: "sources[].schedule", Meaning: "a cron expression or `@every 10m`, `@hourly`, `@daily`"},
	{Name: "sources[].max_pages", Meaning: "page requests of one pass; the rest wait for the next"},
	{Name: "sources[].render", Meaning: "`chromium`: fetch the pages in headless Chromium; `auto`: only those whose plain fetch has almost no text but scripts"},
	{Name: "sources[].huggingface.authors", Meaning: "Hugging Face organisations (or users) whose new model repositories are fetched, each its model card"},
	{Name: "sources[].huggingface.endpoint", Meaning: "the Hub"},
	{Name: "sources[].huggingface.limit", Meaning: "newest repositories per organisation and pass (at most 1000)"},
	{Name: "sources[].huggingface.token_env", Meaning: "the environment variable holding an access token, for higher rate limits"},
}

// Table returns the README's configuration table: a Markdown row per key
// of Keys with its default and meaning.
func Table() string {
	var b strings.Builder
	b.WriteString("| key | default | meaning |\n|---|---|---|\n")
	for _, k := range Keys {
		def := k.Default
		if def == "" {
			def = defaultText(k.Name)
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", k.Name, def, k.Meaning)
	}
	return b.String()
}

// AcceptedKeys returns the path of every key the decoder accepts, from
// the yaml tags of Config: "crawler.timeout", "sources[].delay".
func AcceptedKeys() []string {
	var out []string
	var walk func(t reflect.Type, prefix string)
	walk = func(t reflect.Type, prefix string) {
		for f := range t.Fields() {
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if !f.IsExported() || name == "-" || name == "" {
				continue
			}
			key := prefix + name
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			switch {
			case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
				walk(ft.Elem(), key+"[].")
			case ft.Kind() == reflect.Struct && ft != reflect.TypeFor[time.Time]():
				walk(ft, key+".")
			default:
				out = append(out, key)
			}
		}
	}
	walk(reflect.TypeFor[Config](), "")
	return out
}

// defaultText is the README's form of key's value in the table of
// defaults: `value`, or — when there is none.
func defaultText(key string) string {
	root := reflect.ValueOf(Default())
	switch {
	case strings.HasPrefix(key, "sources[].huggingface."):
		root, key = reflect.ValueOf(DefaultHuggingFace()), strings.TrimPrefix(key, "sources[].huggingface.")
	case strings.HasPrefix(key, "sources[]."):
		root, key = reflect.ValueOf(DefaultSource()), strings.TrimPrefix(key, "sources[].")
	case strings.HasPrefix(key, "notify.webhooks[]."):
		root, key = reflect.ValueOf(DefaultWebhook()), strings.TrimPrefix(key, "notify.webhooks[].")
	}
	v := root
	for part := range strings.SplitSeq(key, ".") {
		v = fieldByTag(v, part)
		if !v.IsValid() {
			return "—"
		}
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return "—"
		}
		v = v.Elem()
	}
	switch x := v.Interface().(type) {
	case time.Duration:
		return "`" + shortDuration(x) + "`"
	case string:
		if x == "" {
			return "—"
		}
		return "`" + x + "`"
	case []string:
		return "—"
	case bool:
		return "`" + strconv.FormatBool(x) + "`"
	}
	return "`" + fmt.Sprint(v.Interface()) + "`"
}

// fieldByTag returns the field of struct v whose yaml name is name.
func fieldByTag(v reflect.Value, name string) reflect.Value {
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return reflect.Value{}
	}
	for i := range v.NumField() {
		if tag, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("yaml"), ","); tag == name {
			return v.Field(i)
		}
	}
	return reflect.Value{}
}

// shortDuration writes d as a person would: "24h", "1h", "30s", "500ms".
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
