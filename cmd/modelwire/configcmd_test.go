package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestConfigCheck(t *testing.T) {
	out, errOut, code := run(t, "config", "check", "--config", filepath.Join("..", "..", "configs", "modelwire.yaml"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"nats:          embedded", "search store:  embedded index", "qwen-blog", "@every 30m", "NEXT RUN"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestConfigCheckListsEveryProblem(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte(`nats:
  listen: nowhere
sources:
  - name: a
  - name: b
    feeds: ["ftp://x/feed"]
    schedule: "whenever"
`), 0o644)
	_, errOut, code := run(t, "config", "check", "--config", bad)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, want := range []string{"nats.listen", "sources[0] (a): needs at least one of", `sources[1] (b): feeds: "ftp://x/feed"`, "sources[1] (b): schedule"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
}

// TestConfigCheckChromium: a source that renders its pages needs a
// browser; config check names it, or says it is missing and exits 1.
func TestConfigCheckChromium(t *testing.T) {
	dir := t.TempDir()
	write := func(path string) string {
		f := filepath.Join(dir, "c.yaml")
		os.WriteFile(f, []byte(`crawler:
  chromium:
    path: `+path+`
sources:
  - name: spa-news
    start_urls: [https://vendor.example/news]
    render: chromium
  - name: hf-labs
    huggingface:
      authors: [deepseek-ai, Qwen]
`), 0o644)
		return f
	}
	_, errOut, code := run(t, "config", "check", "--config", write("/nonexistent/chromium"))
	if code != 1 || !strings.Contains(errOut, "spa-news") || !strings.Contains(errOut, "/nonexistent/chromium") {
		t.Errorf("missing browser: exit %d, stderr %q", code, errOut)
	}
	out, errOut, code := run(t, "config", "check", "--config", write("chromium"))
	if code != 0 || !strings.Contains(out, "chromium:") || !strings.Contains(out, "renders spa-news") {
		t.Errorf("installed browser: exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, "HUB ORGS") || !strings.Contains(out, "RENDER") {
		t.Errorf("table lacks the hub and render columns:\n%s", out)
	}
}

// TestConfigCheckAfterEnvironment: what the environment sets is checked
// like the file, and rules that would fail only when the store opens (an
// index prefix Elasticsearch refuses) fail config check.
func TestConfigCheckAfterEnvironment(t *testing.T) {
	t.Setenv("MODELWIRE_ES_URL", "es:9200")
	_, errOut, code := run(t, "config", "check")
	if code != 1 || !strings.Contains(errOut, `elasticsearch.addresses (from MODELWIRE_ES_URL): "es:9200" is not an http(s) URL`) {
		t.Errorf("MODELWIRE_ES_URL=es:9200: exit %d, stderr %q", code, errOut)
	}
	t.Setenv("MODELWIRE_ES_URL", "")
	bad := filepath.Join(t.TempDir(), "prefix.yaml")
	os.WriteFile(bad, []byte("elasticsearch:\n  index_prefix: Modelwire\n"), 0o644)
	_, errOut, code = run(t, "config", "check", "--config", bad)
	if code != 1 || !strings.Contains(errOut, `elasticsearch.index_prefix: index prefix "Modelwire"`) {
		t.Errorf("bad index prefix: exit %d, stderr %q", code, errOut)
	}
}

// TestConfigCheckShowsRuntime: the garbage collector's settings are shown,
// with the environment's when GOGC or GOMEMLIMIT are set.
func TestConfigCheckShowsRuntime(t *testing.T) {
	out, _, code := run(t, "config", "check")
	if code != 0 || !strings.Contains(out, "go runtime:    gc_percent 400, memory_limit 384MiB") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	t.Setenv("GOMEMLIMIT", "900MiB")
	if out, _, _ := run(t, "config", "check"); !strings.Contains(out, "GOMEMLIMIT=900MiB (environment)") {
		t.Errorf("GOMEMLIMIT not shown:\n%s", out)
	}
}

func TestBadLogFlags(t *testing.T) {
	for _, args := range [][]string{{"--log-format", "xml", "version"}, {"--log-level", "loud", "version"}} {
		if _, errOut, code := run(t, args...); code != 1 || !strings.Contains(errOut, args[0]) {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
}
