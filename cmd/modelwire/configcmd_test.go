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
