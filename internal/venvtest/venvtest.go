// Package venvtest finds, for tests, the executables of the test-only
// Python venv that `make venv` installs into .cache/venv at the module root
// (from .ci/test-requirements.txt; make test and .ci/run call it).
package venvtest

import (
	"os"
	"path/filepath"
	"testing"
)

// Bin returns the venv's executable name, or the path that the environment
// variable env names when it is set; it fails t (never skips) when the
// executable is missing, saying that what needs it is not installed.
func Bin(t testing.TB, env, name, what string) string {
	t.Helper()
	if p := os.Getenv(env); p != "" {
		return p
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("%s: no go.mod above the working directory", what)
		}
		dir = parent
	}
	p := filepath.Join(dir, ".cache", "venv", "bin", name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("%s is not installed at %s: run `make venv` (make test does) or set %s", what, p, env)
	}
	return p
}
