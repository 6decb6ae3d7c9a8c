// Package warciotest runs Python's warcio — a WARC reader other than the
// one modelwire writes with — over files in tests: `warcio check` and
// `warcio index`. It is installed from PyPI into .cache/venv by `make
// venv` (from .ci/test-requirements.txt; make test and .ci/run call it); MODELWIRE_WARCIO names
// another warcio executable. A test that needs it fails, never skips,
// when it is missing.
package warciotest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os/exec"
	"testing"

	"github.com/modelwire/modelwire/internal/venvtest"
)

// Path returns the warcio executable, failing t when there is none.
func Path(t testing.TB) string {
	return venvtest.Bin(t, "MODELWIRE_WARCIO", "warcio", "warcio")
}

// Check runs `warcio check -v` on files and fails t unless it accepts
// them all.
func Check(t testing.TB, files ...string) {
	t.Helper()
	out, err := exec.Command(Path(t), append([]string{"check", "-v"}, files...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("warcio check %v: %v\n%s", files, err, out)
	}
}

// Record is one line of `warcio index`.
type Record map[string]string

// Index runs `warcio index` on file with the given fields (warc-type,
// warc-target-uri, http:status, offset, …) and returns its records.
func Index(t testing.TB, file string, fields string) []Record {
	t.Helper()
	out, err := exec.Command(Path(t), "index", "-f", fields, file).Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("warcio index %s: %v\n%s", file, err, stderr)
	}
	var recs []Record
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var raw map[string]any
		if err := json.Unmarshal(sc.Bytes(), &raw); err != nil {
			t.Fatalf("warcio index line %q: %v", sc.Text(), err)
		}
		rec := Record{}
		for k, v := range raw {
			b, _ := json.Marshal(v)
			if s, ok := v.(string); ok {
				rec[k] = s
			} else {
				rec[k] = string(b)
			}
		}
		recs = append(recs, rec)
	}
	return recs
}
