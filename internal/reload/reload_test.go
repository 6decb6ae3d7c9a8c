package reload_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/modelwire/modelwire/internal/reload"
)

// start runs reload.Run until the test ends and returns the triggers. The
// watches are in place once Run answers its first trigger.
func start(t *testing.T, opts reload.Options) <-chan string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	got := make(chan string, 10)
	done := make(chan error, 1)
	go func() {
		done <- reload.Run(ctx, opts, func(_ context.Context, why string) { got <- why })
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	return got
}

func expect(t *testing.T, got <-chan string, want string) {
	t.Helper()
	select {
	case why := <-got:
		if !strings.Contains(why, want) {
			t.Errorf("reload because %q, want %q", why, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("no reload; want one for %q", want)
	}
}

func expectNone(t *testing.T, got <-chan string) {
	t.Helper()
	select {
	case why := <-got:
		t.Errorf("unexpected reload: %s", why)
	case <-time.After(500 * time.Millisecond):
	}
}

func TestReloadTriggers(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "modelwire.yaml")
	catalog := filepath.Join(dir, "catalog")
	os.WriteFile(cfg, []byte("sources: []\n"), 0o644)
	os.Mkdir(catalog, 0o755)
	os.WriteFile(filepath.Join(catalog, "vendors.yaml"), []byte("a\n"), 0o644)
	sigs := make(chan os.Signal, 1)
	got := start(t, reload.Options{Paths: []string{cfg, catalog}, Signals: sigs, Debounce: 50 * time.Millisecond})

	t.Run("signal", func(t *testing.T) {
		sigs <- syscall.SIGHUP
		expect(t, got, "signal hangup")
	})
	t.Run("written in place", func(t *testing.T) {
		os.WriteFile(cfg, []byte("sources: [x]\n"), 0o644)
		expect(t, got, cfg)
	})
	t.Run("same content again", func(t *testing.T) {
		os.WriteFile(cfg, []byte("sources: [x]\n"), 0o644)
		expectNone(t, got)
	})
	t.Run("replaced by rename", func(t *testing.T) {
		tmp := filepath.Join(dir, ".modelwire.yaml.swp")
		os.WriteFile(tmp, []byte("sources: [y]\n"), 0o644)
		os.Rename(tmp, cfg)
		expect(t, got, cfg)
	})
	t.Run("file in a watched directory", func(t *testing.T) {
		os.WriteFile(filepath.Join(catalog, "models.yaml"), []byte("b\n"), 0o644)
		expect(t, got, catalog)
	})
	t.Run("other file beside the config", func(t *testing.T) {
		os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644)
		expectNone(t, got)
	})
}

// TestSymlinkSwap is how Kubernetes updates a mounted ConfigMap: the file
// is a symlink through ..data, which is swapped to a new directory.
func TestSymlinkSwap(t *testing.T) {
	dir := t.TempDir()
	for _, v := range []string{"v1", "v2"} {
		os.Mkdir(filepath.Join(dir, v), 0o755)
		os.WriteFile(filepath.Join(dir, v, "modelwire.yaml"), []byte("version: "+v+"\n"), 0o644)
	}
	os.Symlink("v1", filepath.Join(dir, "..data"))
	cfg := filepath.Join(dir, "modelwire.yaml")
	os.Symlink(filepath.Join("..data", "modelwire.yaml"), cfg)
	sigs := make(chan os.Signal, 1)
	got := start(t, reload.Options{Paths: []string{cfg}, Signals: sigs, Debounce: 50 * time.Millisecond})
	sigs <- syscall.SIGHUP // once it is answered, the watch is in place
	expect(t, got, "signal")
	os.Symlink("v2", filepath.Join(dir, "..data_tmp"))
	if err := os.Rename(filepath.Join(dir, "..data_tmp"), filepath.Join(dir, "..data")); err != nil {
		t.Fatal(err)
	}
	expect(t, got, cfg)
}
