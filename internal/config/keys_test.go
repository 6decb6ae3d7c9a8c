package config_test

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/modelwire/modelwire/internal/config"
)

var update = flag.Bool("update", false, "rewrite the README's configuration table from config.Keys")

// TestKeysListEveryAcceptedKey: every key the decoder accepts has a row in
// config.Keys — and so in the README's table — and every row is a key.
func TestKeysListEveryAcceptedKey(t *testing.T) {
	accepted := config.AcceptedKeys()
	var listed []string
	for _, k := range config.Keys {
		if slices.Contains(listed, k.Name) {
			t.Errorf("%s is listed twice in config.Keys", k.Name)
		}
		listed = append(listed, k.Name)
		if strings.TrimSpace(k.Meaning) == "" {
			t.Errorf("%s has no meaning", k.Name)
		}
	}
	for _, k := range accepted {
		if !slices.Contains(listed, k) {
			t.Errorf("%s is accepted in the configuration but missing from config.Keys (and the README's table)", k)
		}
	}
	for _, k := range listed {
		if !slices.Contains(accepted, k) {
			t.Errorf("%s is in config.Keys but the configuration does not accept it", k)
		}
	}
	if len(accepted) < 60 {
		t.Errorf("only %d accepted keys found; the walk over Config missed some", len(accepted))
	}
}

// TestREADMEConfigTable keeps the README's configuration table the one
// config.Table writes (go test -run TestREADMEConfigTable -update rewrites
// it).
func TestREADMEConfigTable(t *testing.T) {
	const begin, end = "<!-- configuration table", "<!-- end of configuration table -->"
	path := filepath.Join("..", "..", "README.md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	i := strings.Index(readme, begin)
	j := strings.Index(readme, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no %q … %q section", begin, end)
	}
	i += strings.Index(readme[i:], "\n") + 1
	for _, v := range config.EnvVars() {
		if !strings.Contains(readme[j:], "`"+v+"`") {
			t.Errorf("README.md does not name the environment override %s after its table", v)
		}
	}
	got, want := readme[i:j], config.Table()
	if got == want {
		return
	}
	if *update {
		if err := os.WriteFile(path, []byte(readme[:i]+want+readme[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for n := range max(len(g), len(w)) {
		var gl, wl string
		if n < len(g) {
			gl = g[n]
		}
		if n < len(w) {
			wl = w[n]
		}
		if gl != wl {
			t.Fatalf("README.md's configuration table differs from config.Keys at row %d:\n  README: %s\n  Keys:   %s\n(go test ./internal/config -run TestREADMEConfigTable -update rewrites it)", n+1, gl, wl)
		}
	}
}

func TestTableDefaults(t *testing.T) {
	table := config.Table()
	for _, row := range []string{
		"| `crawler.recrawl_after` | `24h` |",
		"| `crawler.max_body_bytes` | `10485760` |",
		"| `crawler.user_agent` | `modelwire/0.1 (+https://github.com/modelwire/modelwire)` |",
		"| `sources[].delay` | `1s` |",
		"| `sources[].schedule` | `@every 30m` |",
		"| `sources[].huggingface.limit` | `50` |",
		"| `notify.webhooks[].timeout` | `10s` |",
		"| `nats.listen` | `127.0.0.1:4222` |",
		"| `archive.warc` | `true` |",
		"| `archive.max_file_age` | `1h` |",
		"| `elasticsearch.username` | — |",
		"| `sources[].max_depth` | `0` |",
		"| `runtime.memory_limit` | `384MiB` |",
	} {
		if !strings.Contains(table, row) {
			t.Errorf("table lacks %s", row)
		}
	}
}

func TestMemoryLimit(t *testing.T) {
	for in, want := range map[string]int64{"384MiB": 384 << 20, "1GiB": 1 << 30, "1048576": 1 << 20, " 512 MiB ": 512 << 20, "off": 1<<63 - 1} {
		if got, err := (config.Runtime{MemoryLimit: in}).MemoryLimitBytes(); err != nil || got != want {
			t.Errorf("%q: %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "lots", "-1MiB", "1.5GiB", "0", "99999999999TiB"} {
		if _, err := (config.Runtime{MemoryLimit: in}).MemoryLimitBytes(); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}
