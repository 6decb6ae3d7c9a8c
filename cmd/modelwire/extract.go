package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/extractor"
	"github.com/modelwire/modelwire/internal/pipeline"
)

// maxInputBytes bounds one input file of `modelwire extract`.
const maxInputBytes = 64 << 20

func newExtractCmd(g *globals) *cobra.Command {
	var pageURL, manifest string
	var workers int
	cmd := &cobra.Command{
		Use:   "extract [--url URL] [--manifest TSV] [FILE|- ...]",
		Short: "Extract articles and release intelligence from saved HTML pages",
		Long: `Extract reads saved HTML pages (plain or gzip-compressed; "-" is standard
input) and prints one JSON object per input, in input order (JSON Lines):

  {"source": PATH, "article": {"url","canonical_url","title","published_at",
   "authors","language","site_name","text"}, "vendors": [], "models": [],
   "claims": [], "releases": []}

An input that cannot be read or holds no article yields {"source": PATH,
"error": "..."} and the others go on; the exit code is then 1. A page with no
article text keeps what it says of itself there too: "article" with its title,
date and authors and an empty text.

--manifest names a file of "PATH<TAB>URL" lines (relative paths are relative to
the manifest); --url gives the page URL of the FILE arguments.`,
		Example: `  modelwire extract --url https://example.com/post saved.html
  modelwire extract --manifest pages.tsv > out.jsonl
  curl -s https://example.com/post | modelwire extract --url https://example.com/post -`,
		RunE: func(cmd *cobra.Command, args []string) error {
			inputs := make([]extractInput, 0, len(args))
			for _, a := range args {
				inputs = append(inputs, extractInput{path: a, url: pageURL})
			}
			if manifest != "" {
				m, err := readManifest(manifest)
				if err != nil {
					return err
				}
				inputs = append(inputs, m...)
			}
			if len(inputs) == 0 {
				return fmt.Errorf("nothing to extract: give FILE arguments, - for standard input, or --manifest")
			}
			x, err := newExtractor(g)
			if err != nil {
				return err
			}
			failed, err := runExtract(x, inputs, workers, g.stdout, cmd.InOrStdin())
			if err != nil {
				return err
			}
			if failed > 0 {
				fmt.Fprintf(g.stderr, "modelwire: %d of %d inputs failed\n", failed, len(inputs))
				return errSilent
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&pageURL, "url", "", "URL the FILE arguments were fetched from")
	cmd.Flags().StringVar(&manifest, "manifest", "", "file of PATH<TAB>URL lines to extract")
	cmd.Flags().IntVarP(&workers, "workers", "j", runtime.GOMAXPROCS(0), "pages extracted in parallel")
	return cmd
}

type extractInput struct {
	path, url string
}

func readManifest(path string) ([]extractInput, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading manifest: %w", err)
	}
	base := filepath.Dir(path)
	var out []extractInput
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p, u, _ := strings.Cut(line, "\t")
		if p == "" {
			return nil, fmt.Errorf("manifest %s line %d: empty path", path, n+1)
		}
		if !filepath.IsAbs(p) && p != "-" {
			p = filepath.Join(base, p)
		}
		out = append(out, extractInput{path: p, url: strings.TrimSpace(u)})
	}
	return out, nil
}

type extractArticle struct {
	URL          string `json:"url"`
	CanonicalURL string `json:"canonical_url"`
	// RejectedCanonical is a canonical URL the page declared on another
	// site, not taken as its identity (as the pipeline does; no fetch
	// confirms it here).
	RejectedCanonical string    `json:"rejected_canonical,omitempty"`
	Title             string    `json:"title"`
	PublishedAt       time.Time `json:"published_at,omitzero"`
	Authors           []string  `json:"authors"`
	Language          string    `json:"language"`
	SiteName          string    `json:"site_name"`
	Text              string    `json:"text"`
	Extraction        string    `json:"extraction,omitempty"`
}

type extractResult struct {
	Source   string          `json:"source"`
	Article  extractArticle  `json:"article"`
	Vendors  []event.Vendor  `json:"vendors"`
	Models   []event.Model   `json:"models"`
	Claims   []event.Claim   `json:"claims"`
	Releases []event.Release `json:"releases"`
}

type extractFailure struct {
	Source string `json:"source"`
	Error  string `json:"error"`
	// Article is what the page says of itself when it holds no article
	// text (extractor.ErrNoContent): title, date, authors, with no text.
	Article *extractArticle `json:"article,omitempty"`
}

// runExtract extracts inputs with a bounded pool of workers and writes the
// results in input order. It returns the number of failed inputs.
func runExtract(x *extractor.Extractor, inputs []extractInput, workers int, out io.Writer, stdin io.Reader) (int, error) {
	if workers < 1 {
		workers = 1
	}
	results := make([]chan any, len(inputs))
	for i := range results {
		results[i] = make(chan any, 1)
	}
	sem := make(chan struct{}, workers)
	go func() {
		for i, in := range inputs {
			sem <- struct{}{}
			go func() {
				defer func() { <-sem }()
				results[i] <- extractOne(x, in, stdin)
			}()
		}
	}()
	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	failed := 0
	for _, ch := range results {
		r := <-ch
		if _, ok := r.(extractFailure); ok {
			failed++
		}
		if err := enc.Encode(r); err != nil {
			return failed, fmt.Errorf("writing output: %w", err)
		}
	}
	return failed, w.Flush()
}

func extractOne(x *extractor.Extractor, in extractInput, stdin io.Reader) any {
	page, err := readPage(in.path, stdin)
	if err != nil {
		return extractFailure{Source: in.path, Error: err.Error()}
	}
	a, err := x.Extract(page, in.url)
	if errors.Is(err, extractor.ErrNoContent) {
		art := outputArticle(a, in.url)
		return extractFailure{Source: in.path, Error: err.Error(), Article: &art}
	}
	if err != nil {
		return extractFailure{Source: in.path, Error: err.Error()}
	}
	return extractResult{
		Source:   in.path,
		Article:  outputArticle(a, in.url),
		Vendors:  nonNil(a.Vendors),
		Models:   nonNil(a.Models),
		Claims:   nonNil(a.Claims),
		Releases: nonNil(a.Releases),
	}
}

// outputArticle returns the output fields of a, extracted from a page given
// with pageURL.
func outputArticle(a event.Article, pageURL string) extractArticle {
	var rejected string
	if pageURL != "" {
		a.CanonicalURL, rejected = pipeline.CanonicalOf(a.CanonicalURL, a.URL, "")
	}
	return extractArticle{
		URL: a.URL, CanonicalURL: a.CanonicalURL, RejectedCanonical: rejected, Title: a.Title, PublishedAt: a.PublishedAt,
		Authors: nonNil(a.Authors), Language: a.Language, SiteName: a.SiteName, Text: a.Text,
		Extraction: a.Extraction,
	}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// readPage reads a plain or gzip-compressed page, at most maxInputBytes.
func readPage(path string, stdin io.Reader) ([]byte, error) {
	var r io.Reader
	if path == "-" {
		r = stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	} else {
		r = br
	}
	data, err := io.ReadAll(io.LimitReader(r, maxInputBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if len(data) > maxInputBytes {
		return nil, fmt.Errorf("reading %s: larger than %d MiB", path, maxInputBytes>>20)
	}
	return data, nil
}
