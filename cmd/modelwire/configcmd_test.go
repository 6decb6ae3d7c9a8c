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
