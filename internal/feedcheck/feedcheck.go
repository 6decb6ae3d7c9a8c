// Package feedcheck parses feeds with Python's feedparser — the parser
// most feed readers' behaviour is measured against, and not the code that
// writes modelwire's feeds — for tests. feedparser is installed from PyPI
// into .cache/venv by `make venv` (which `make test` and .ci/run call);
// MODELWIRE_PYTHON names another Python that has it. A test that needs it
// fails, never skips, when it is missing.
package feedcheck

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"testing"

	"github.com/modelwire/modelwire/internal/venvtest"
)

// Feed is what feedparser made of a feed.
type Feed struct {
	// Version is feedparser's name of the format ("atom10").
	Version string `json:"version"`
	// Bozo is set when the feed is not well-formed; BozoException says why.
	Bozo          bool   `json:"bozo"`
	BozoException string `json:"bozo_exception"`
	Encoding      string `json:"encoding"`
	ID            string `json:"id"`
	Title         string `json:"title"`
	Subtitle      string `json:"subtitle"`
	Link          string `json:"link"`
	Links         []Link `json:"links"`
	Author        string `json:"author"`
	Generator     string `json:"generator"`
	// Updated is the parsed date, RFC 3339 in UTC, "" when absent or
	// unparsable.
	Updated string  `json:"updated"`
	Entries []Entry `json:"entries"`
}

// Entry is one entry as feedparser read it.
type Entry struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Link      string   `json:"link"`
	Links     []Link   `json:"links"`
	Published string   `json:"published"`
	Updated   string   `json:"updated"`
	Summary   string   `json:"summary"`
	Content   []string `json:"content"`
	Tags      []string `json:"tags"`
}

// Link is a link of a feed or an entry.
type Link struct {
	Rel   string `json:"rel"`
	Type  string `json:"type"`
	Href  string `json:"href"`
	Title string `json:"title"`
}

// script reads a feed on stdin and prints what feedparser made of it.
const script = `
import json, sys, time, feedparser
d = feedparser.parse(sys.stdin.buffer.read())
def iso(st):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", st) if st else ""
def links(x):
    return [{"rel": l.get("rel", ""), "type": l.get("type", ""), "href": l.get("href", ""), "title": l.get("title", "")} for l in x.get("links", [])]
f = d.feed
print(json.dumps({
  "version": d.get("version", ""), "bozo": bool(d.get("bozo")), "bozo_exception": str(d.get("bozo_exception", "")),
  "encoding": d.get("encoding", ""), "id": f.get("id", ""), "title": f.get("title", ""), "subtitle": f.get("subtitle", ""),
  "link": f.get("link", ""), "links": links(f), "author": f.get("author", ""), "generator": f.get("generator", ""),
  "updated": iso(f.get("updated_parsed")),
  "entries": [{
    "id": e.get("id", ""), "title": e.get("title", ""), "link": e.get("link", ""), "links": links(e),
    "published": iso(e.get("published_parsed")), "updated": iso(e.get("updated_parsed")),
    "summary": e.get("summary", ""), "content": [c.get("value", "") for c in e.get("content", [])],
    "tags": [t.get("term", "") for t in e.get("tags", [])],
  } for e in d.entries],
}))
`

// Python returns the Python with feedparser, failing t when there is none.
func Python(t testing.TB) string {
	return venvtest.Bin(t, "MODELWIRE_PYTHON", "python", "feedparser's Python")
}

// Parse runs feedparser over body and fails t unless it ran; the caller
// checks what it found (Bozo, Version, the entries).
func Parse(t testing.TB, body []byte) Feed {
	t.Helper()
	cmd := exec.Command(Python(t), "-c", script)
	cmd.Stdin = bytes.NewReader(body)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("feedparser: %v\n%s", err, stderr.String())
	}
	var f Feed
	if err := json.Unmarshal(out, &f); err != nil {
		t.Fatalf("feedparser output: %v\n%s", err, out)
	}
	return f
}
