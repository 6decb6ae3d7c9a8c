package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/modelwire/modelwire/internal/config"
)

func TestBadFiles(t *testing.T) {
	want := map[string]string{
		"unknown-key.bad.yml":                "field urll not found",
		"unknown-source-key.bad.yml":         "field delay_ms not found",
		"bad-schedule.bad.yml":               "sources[0] (blog): schedule:",
		"no-urls.bad.yml":                    "sources[0] (empty): needs at least one of feeds, sitemaps, start_urls or huggingface",
		"bad-url.bad.yml":                    `feeds: "ftp://example.com/feed.xml" is not an http(s) URL`,
		"duplicate-name.bad.yml":             "sources[1] (blog): duplicate name",
		"bad-duration.bad.yml":               "soon",
		"bad-listen.bad.yml":                 "nats.listen:",
		"bad-regexp.bad.yml":                 "include: error parsing regexp",
		"not-yaml.bad.yml":                   "decoding:",
		"bad-webhook-url.bad.yml":            `notify.webhooks[0]: url "ftp://hooks.example/x" is not an absolute http(s) URL`,
		"duplicate-webhook.bad.yml":          "notify.webhooks[1]: duplicate url https://hooks.example/modelwire",
		"bad-webhook-kind.bad.yml":           `notify.webhooks[0]: kinds: "rumour" is not one of release, corroboration`,
		"bad-webhook-format.bad.yml":         `notify.webhooks[0]: format "irc" is not one of json, slack, discord, teams, mattermost`,
		"bad-webhook-key.bad.yml":            "field vendor not found",
		"bad-cors.bad.yml":                   `http.cors_origins: "https://app.example/path"`,
		"bad-http-addr.bad.yml":              "http.addr:",
		"bad-archive-keep.bad.yml":           `archive.keep: "forever and a day" is not an age`,
		"bad-render.bad.yml":                 `sources[0] (spa): render: "always" is not "chromium" or "auto"`,
		"bad-hub.bad.yml":                    `sources[0] (hf): huggingface: authors: "deepseek-ai/DeepSeek-V3" is not a Hub user or organisation name`,
		"nats-two-credentials.bad.yml":       "nats: give one of user (with password), token, nkey_file and creds_file",
		"nats-password-without-user.bad.yml": "nats.password: needs nats.user",
		"nats-cert-without-key.bad.yml":      "nats.tls: cert_file and key_file go together",
		"bad-allowed-host.bad.yml":           `http.allowed_hosts: "https://app.example/" is not a host name`,
		"bad-index-prefix.bad.yml":           `elasticsearch.index_prefix: index prefix "Modelwire*": use lower case letters`,
		"bad-memory-limit.bad.yml":           `runtime.memory_limit: "lots" is not a size`,
	}
	files, _ := filepath.Glob("testdata/*.bad.yml")
	if len(files) != len(want) {
		t.Fatalf("%d bad files, %d expectations", len(files), len(want))
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			_, err := config.Load(f, nil)
			if err == nil {
				t.Fatal("loaded without error")
			}
			if !strings.Contains(err.Error(), want[name]) {
				t.Errorf("error %q does not contain %q", err, want[name])
			}
			if !strings.Contains(err.Error(), name) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestDefaults(t *testing.T) {
	c, err := config.Parse([]byte("sources:\n  - name: s\n    start_urls: [https://a.example/news/]\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.DataDir != "data" || *c.NATS.Listen != "127.0.0.1:4222" || *c.HTTP.Addr != "127.0.0.1:8080" || c.NATS.URL != "" {
		t.Errorf("defaults: %+v", c)
	}
	if !*c.Archive.WARC || c.ArchiveDir() != filepath.Join("data", "warc") || c.Archive.MaxFileSize != 1<<30 || c.Archive.MaxFileAge != time.Hour || c.Archive.Keep != "" {
		t.Errorf("archive defaults: %+v in %s", c.Archive, c.ArchiveDir())
	}
	s := c.Sources[0]
	if *s.Delay != time.Second || s.Parallelism != 2 || s.Schedule != "@every 30m" || s.MaxPages != 1000 {
		t.Errorf("source defaults: %+v", s)
	}
	cr := c.Crawler
	if cr.UserAgent != "modelwire/0.1 (+https://github.com/modelwire/modelwire)" || cr.Timeout != 30*time.Second || cr.MaxBodyBytes != 10<<20 ||
		cr.RecrawlAfter != 24*time.Hour || cr.MaxCrawlDelay != 10*time.Second || cr.MaxRetries != 2 || cr.MaxRedirects != 10 {
		t.Errorf("crawler defaults: %+v", cr)
	}
	if c.Elasticsearch.IndexPrefix != "modelwire" || c.Runtime.GCPercent != 400 || c.Runtime.MemoryLimit != "384MiB" {
		t.Errorf("elasticsearch %+v, runtime %+v", c.Elasticsearch, c.Runtime)
	}
	empty, err := config.Parse(nil, nil)
	if err != nil || empty.DataDir != "data" {
		t.Errorf("empty file: %v %+v", err, empty)
	}
}

func TestExplicitZeroDelay(t *testing.T) {
	c, err := config.Parse([]byte("sources:\n  - name: s\n    feeds: [https://a.example/feed]\n    delay: 0s\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if d := *c.Sources[0].Delay; d != 0 {
		t.Errorf("delay = %v, want an explicit 0 kept", d)
	}
}

func TestWebhookDefaults(t *testing.T) {
	c, err := config.Parse([]byte(`
http:
  cors_origins: ["*", "https://app.example"]
notify:
  webhooks:
    - url: http://127.0.0.1:9000/hook
      vendors: [deepseek, qwen]
      secret: s3cret
    - url: https://hooks.example/all
      max_attempts: 2
      timeout: 3s
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	hooks := c.Notify.Webhooks
	if len(hooks) != 2 || len(c.HTTP.CORSOrigins) != 2 {
		t.Fatalf("webhooks %+v, cors %v", hooks, c.HTTP.CORSOrigins)
	}
	if hooks[0].MaxAttempts != 5 || hooks[0].Timeout != 10*time.Second || hooks[0].Format != "json" || hooks[0].Secret != "s3cret" || len(hooks[0].Vendors) != 2 {
		t.Errorf("first webhook: %+v", hooks[0])
	}
	if hooks[1].MaxAttempts != 2 || hooks[1].Timeout != 3*time.Second {
		t.Errorf("second webhook: %+v", hooks[1])
	}
}

func TestListenCanBeDisabled(t *testing.T) {
	c, err := config.Parse([]byte("nats:\n  listen: \"\"\nhttp:\n  addr: \"\"\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if *c.NATS.Listen != "" || *c.HTTP.Addr != "" {
		t.Errorf("listen=%q addr=%q, want both empty", *c.NATS.Listen, *c.HTTP.Addr)
	}
}

func TestEnvOverrides(t *testing.T) {
	env := map[string]string{
		"MODELWIRE_DATA":     "/var/lib/modelwire",
		"MODELWIRE_NATS_URL": "nats://n1:4222",
		"MODELWIRE_ES_URL":   "http://es1:9200,http://es2:9200",
	}
	c, err := config.Parse(nil, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.DataDir != "/var/lib/modelwire" || c.NATS.URL != "nats://n1:4222" || len(c.Elasticsearch.Addresses) != 2 {
		t.Errorf("env not applied: %+v", c)
	}
}

// TestEnvValidated: what the environment sets is checked like the file,
// and the message names the variable.
func TestEnvValidated(t *testing.T) {
	_, err := config.Parse(nil, func(k string) string { return map[string]string{"MODELWIRE_ES_URL": "es:9200"}[k] })
	if err == nil || !strings.Contains(err.Error(), `elasticsearch.addresses (from MODELWIRE_ES_URL): "es:9200" is not an http(s) URL`) {
		t.Errorf("MODELWIRE_ES_URL=es:9200: err = %v", err)
	}
	_, err = config.Parse([]byte("elasticsearch:\n  addresses: [es:9200]\n"), nil)
	if err == nil || !strings.Contains(err.Error(), `elasticsearch.addresses: "es:9200"`) || strings.Contains(err.Error(), "from MODELWIRE") {
		t.Errorf("addresses in the file: err = %v", err)
	}
}

func TestNATSCredentialsFromEnv(t *testing.T) {
	c, err := config.Parse([]byte("nats:\n  url: nats://n1:4222\n  user: from-file\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"MODELWIRE_NATS_USER": "crawler", "MODELWIRE_NATS_PASSWORD": "s3cret", "MODELWIRE_NATS_CREDS": "/run/secrets/nats.creds"}
	c = c.Env(func(k string) string { return env[k] })
	if c.NATS.User != "crawler" || c.NATS.Password != "s3cret" || c.NATS.CredsFile != "/run/secrets/nats.creds" || c.NATS.Token != "" {
		t.Errorf("nats = %+v", c.NATS)
	}
}

func TestWebhookSecretFromEnv(t *testing.T) {
	c, err := config.Parse([]byte(`notify:
  webhooks:
    - url: https://hooks.example/a
      secret: in-file
      secret_env: HOOK_A_SECRET
    - url: https://hooks.example/b
      secret: kept
      secret_env: HOOK_B_SECRET
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"HOOK_A_SECRET": "from-env"}
	got := c.Env(func(k string) string { return env[k] })
	if s := got.Notify.Webhooks[0].Secret; s != "from-env" {
		t.Errorf("webhook a secret = %q, want the environment's", s)
	}
	if s := got.Notify.Webhooks[1].Secret; s != "kept" {
		t.Errorf("webhook b secret = %q, want the file's (its variable is unset)", s)
	}
	if s := c.Notify.Webhooks[0].Secret; s != "in-file" {
		t.Errorf("Env changed the original config's secret to %q", s)
	}
}

func TestExampleConfigLoads(t *testing.T) {
	path := filepath.Join("..", "..", "configs", "modelwire.yaml")
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	c, err := config.Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Sources) < 5 {
		t.Errorf("example config has %d sources, want several real ones", len(c.Sources))
	}
}

func TestCrawlerTuning(t *testing.T) {
	c, err := config.Parse([]byte("crawler:\n  recrawl_after: 6h\n  max_crawl_delay: 5s\n  max_retries: -1\n  max_redirects: 3\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Crawler.RecrawlAfter != 6*time.Hour || c.Crawler.MaxCrawlDelay != 5*time.Second || c.Crawler.MaxRetries != -1 || c.Crawler.MaxRedirects != 3 {
		t.Errorf("crawler = %+v", c.Crawler)
	}
	if _, err := config.Parse([]byte("crawler:\n  recrawl_after: -1h\n"), nil); err == nil || !strings.Contains(err.Error(), "recrawl_after") {
		t.Errorf("negative recrawl_after: %v", err)
	}
}

func TestHuggingFaceAndChromium(t *testing.T) {
	c, err := config.Parse([]byte(`crawler:
  chromium:
    path: /usr/bin/chromium
    tabs: 3
    page_timeout: 20s
sources:
  - name: hf-labs
    huggingface:
      authors: [deepseek-ai, Qwen]
      token_env: HF_TOKEN
    schedule: "@every 10m"
  - name: spa
    start_urls: [https://vendor.example/news]
    render: chromium
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	hf := c.Sources[0].HuggingFace
	if hf == nil || len(hf.Authors) != 2 || hf.Endpoint != "https://huggingface.co" || hf.Limit != 50 || hf.Token != "" {
		t.Fatalf("huggingface = %+v", hf)
	}
	if c.Sources[1].Render != "chromium" || c.Crawler.Chromium.Tabs != 3 || c.Crawler.Chromium.PageTimeout != 20*time.Second {
		t.Errorf("render %q, chromium %+v", c.Sources[1].Render, c.Crawler.Chromium)
	}
	got := c.Env(func(k string) string { return map[string]string{"HF_TOKEN": "hf_abc"}[k] })
	if tok := got.Sources[0].HuggingFace.Token; tok != "hf_abc" {
		t.Errorf("token = %q, want the environment's", tok)
	}
	if c.Sources[0].HuggingFace.Token != "" {
		t.Error("Env changed the original config's source")
	}
	if _, err := config.Parse([]byte("crawler:\n  chromium:\n    tabs: -1\n"), nil); err == nil || !strings.Contains(err.Error(), "crawler.chromium") {
		t.Errorf("negative tabs: %v", err)
	}
}

// TestHuggingFaceValidate: a Hugging Face source's checks, each naming its
// key, and the defaults a valid one gets.
func TestHuggingFaceValidate(t *testing.T) {
	tests := []struct {
		hf   string
		want string
	}{
		{"{}", "huggingface: authors: at least one"},
		{"{authors: [deepseek-ai/DeepSeek-V3]}", `huggingface: authors: "deepseek-ai/DeepSeek-V3" is not a Hub user`},
		{"{authors: [Qwen], endpoint: 'ftp://hub'}", "huggingface: endpoint:"},
		{"{authors: [Qwen], endpoint: 'https://huggingface.co/api'}", "huggingface: endpoint:"},
		{"{authors: [Qwen], limit: 5000}", "huggingface: limit: 5000"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, err := config.Parse([]byte("sources:\n  - name: hf\n    huggingface: "+tt.hf+"\n"), nil)
			if err == nil || !strings.Contains(err.Error(), "sources[0] (hf): "+tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
	c, err := config.Parse([]byte("sources:\n  - name: hf\n    huggingface: {authors: [Qwen, deepseek-ai, zai-org]}\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if hf := c.Sources[0].CrawlerSource().HuggingFace; hf.Endpoint != "https://huggingface.co" || hf.Limit != 50 || len(hf.Authors) != 3 {
		t.Errorf("valid source: %+v", hf)
	}
}
