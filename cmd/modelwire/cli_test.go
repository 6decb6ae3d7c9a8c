package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func TestQueryTermsAfterDashes(t *testing.T) {
	tests := []struct {
		args, want string
	}{
		{"search --json DeepSeek -Qwen", "search --json -- DeepSeek -Qwen"},
		{"search DeepSeek -Qwen --json", "search --json -- DeepSeek -Qwen"},
		{"search -n 5 -news DeepSeek", "search -n 5 -- -news DeepSeek"},
		{"search -n5 DeepSeek", "search -n5 -- DeepSeek"},
		{"search --limit 5 --vendor=deepseek -rumour", "search --limit 5 --vendor=deepseek -- -rumour"},
		{"--data /tmp/x search -Qwen", "--data /tmp/x search -- -Qwen"},
		{"search -d /tmp/x -deepseek", "search -d /tmp/x -- -deepseek"},
		{"search -- -x --json", "search -- -x --json"},
		{"search --bogus x", "search --bogus -- x"},
		{"search search", "search -- search"},
		{"search --json", "search --json"},
		{"search -q -v x", "search -q -v -- x"},
		{"releases -n 5", "releases -n 5"}, // not a query: unchanged
		{"run --once", "run --once"},
	}
	for _, tt := range tests {
		root, _ := newRoot(&bytes.Buffer{}, &bytes.Buffer{})
		got := queryTermsAfterDashes(root, strings.Fields(tt.args))
		if !slices.Equal(got, strings.Fields(tt.want)) {
			t.Errorf("%s\n got  %s\n want %s", tt.args, strings.Join(got, " "), tt.want)
		}
	}
}

func TestSearchUsageErrors(t *testing.T) {
	dir := t.TempDir()
	for args, want := range map[string]string{
		"search --bogus x":           "unknown flag: --bogus",
		"search -q -v x":             "--quiet and --verbose",
		"search --log-level loud x":  "--log-level",
		"model --data " + dir + " x": "no index",
	} {
		_, errOut, code := run(t, strings.Fields(args)...)
		if code == 0 || !strings.Contains(errOut, want) {
			t.Errorf("%s: exit %d, stderr %q, want %q", args, code, errOut, want)
		}
	}
}
