// Command gotrafilatura extracts pages with go-trafilatura alone, the
// baseline modelwire's extractor is measured against. It reads the same
// manifest as `modelwire extract --manifest` (PATH<TAB>URL lines, plain or
// gzip pages) and prints the same JSON Lines article fields, one page after
// the other on one goroutine, so its docs/s compare with `modelwire extract -j 1`.
//
// Usage:
//
//	go -C bench run ./gotrafilatura MANIFEST.tsv > out.jsonl   (bench/ is its own Go module)
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	trafilatura "github.com/markusmobius/go-trafilatura"
)

type article struct {
	URL         string    `json:"url"`
	Title       string    `json:"title"`
	PublishedAt time.Time `json:"published_at,omitzero"`
	Authors     []string  `json:"authors"`
	Language    string    `json:"language"`
	SiteName    string    `json:"site_name"`
	Text        string    `json:"text"`
}

type result struct {
	Source  string  `json:"source"`
	Article article `json:"article"`
	Error   string  `json:"error,omitempty"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gotrafilatura MANIFEST.tsv")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gotrafilatura:", err)
		os.Exit(1)
	}
}

func run(manifest string, out io.Writer) error {
	data, err := os.ReadFile(manifest)
	if err != nil {
		return fmt.Errorf("reading manifest: %w", err)
	}
	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		path, pageURL, _ := strings.Cut(line, "\t")
		if !filepath.IsAbs(path) {
			path = filepath.Join(filepath.Dir(manifest), path)
		}
		if err := enc.Encode(extract(path, pageURL)); err != nil {
			return fmt.Errorf("writing output: %w", err)
		}
	}
	return w.Flush()
}

func extract(path, pageURL string) result {
	r := result{Source: path}
	page, err := readPage(path)
	if err != nil {
		r.Error = err.Error()
		return r
	}
	opts := trafilatura.Options{EnableFallback: true, ExcludeComments: true}
	if u, err := url.Parse(pageURL); err == nil && u.Host != "" {
		opts.OriginalURL = u
	}
	res, err := trafilatura.Extract(bytes.NewReader(page), opts)
	if err != nil {
		r.Error = err.Error()
		return r
	}
	m := res.Metadata
	r.Article = article{URL: pageURL, Title: m.Title, Language: m.Language, SiteName: m.Sitename,
		Text: res.ContentText, PublishedAt: m.Date, Authors: []string{}}
	for _, a := range strings.Split(m.Author, ";") {
		if a = strings.TrimSpace(a); a != "" {
			r.Article.Authors = append(r.Article.Authors, a)
		}
	}
	return r
}

func readPage(path string) ([]byte, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(raw, []byte{0x1f, 0x8b}) {
		return raw, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	defer zr.Close()
	return io.ReadAll(zr)
}
