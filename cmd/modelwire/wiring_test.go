package main

import (
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/modelwire/modelwire/configs"
)

// TestLiveNamesReload: the names the API's filters resolve with follow a
// catalog reload — a family added to MODELWIRE_CATALOG is known after it.
func TestLiveNamesReload(t *testing.T) {
	dir := t.TempDir()
	fsys := configs.CatalogFS()
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("MODELWIRE_CATALOG", dir)
	log := slog.New(slog.DiscardHandler)
	names := newNames(log)
	if names == nil {
		t.Fatal("the catalog did not load")
	}
	if got := names.CanonicalModel("zorblax 7 pro"); got != "zorblax 7 pro" {
		t.Fatalf("before the reload, an unknown name resolved to %q", got)
	}
	fams := filepath.Join(dir, "families.yaml")
	b, err := os.ReadFile(fams)
	if err != nil {
		t.Fatal(err)
	}
	added := strings.Replace(string(b), "families:\n", "families:\n  - {id: zorblax, vendor: deepseek, name: Zorblax, stems: [Zorblax], modalities: [text]}\n", 1)
	if err := os.WriteFile(fams, []byte(added), 0o644); err != nil {
		t.Fatal(err)
	}
	names.reload(log)
	if got := names.CanonicalModel("zorblax 7 pro"); got != "Zorblax-7-Pro" {
		t.Errorf("after the reload, CanonicalModel(zorblax 7 pro) = %q, want Zorblax-7-Pro", got)
	}
	if err := os.WriteFile(fams, []byte("families: [oops"), 0o644); err != nil {
		t.Fatal(err)
	}
	names.reload(log) // a catalog that does not load leaves the names as they were
	if got := names.CanonicalModel("zorblax 7 pro"); got != "Zorblax-7-Pro" {
		t.Errorf("after a failed reload, CanonicalModel(zorblax 7 pro) = %q, want Zorblax-7-Pro", got)
	}
}
