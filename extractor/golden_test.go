package extractor

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current output")

// goldenPages are the hand-made pages of testdata/pages with the URLs they
// are extracted as.
var goldenPages = []struct{ file, url string }{
	{"news-jsonld.html", "https://daily.example/tech/acme-wren-7b?utm_source=feed"},
	{"zh-dateline.html", "https://news.example.cn/tech/12345.html"},
	{"de-latin1.html", "https://www.beispiel-zeitung.de/wirtschaft/ki-modell"},
	// og:url and og:image with query strings ("&amp;section="): read
	// once, as HTML escapes them, the URLs keep their '&'.
	{"og-url-query.html", "https://news.example/amp/story"},
}

// goldenArticle is the part of an article the golden files pin down.
type goldenArticle struct {
	CanonicalURL string   `json:"canonical_url"`
	Title        string   `json:"title"`
	PublishedAt  string   `json:"published_at"`
	UpdatedAt    string   `json:"updated_at"`
	Authors      []string `json:"authors"`
	Language     string   `json:"language"`
	SiteName     string   `json:"site_name"`
	Image        string   `json:"image"`
	Text         []string `json:"text"`
	Tables       int      `json:"tables"`
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func TestExtractArticleGolden(t *testing.T) {
	for _, p := range goldenPages {
		t.Run(p.file, func(t *testing.T) {
			page, err := os.ReadFile(filepath.Join("testdata", "pages", p.file))
			if err != nil {
				t.Fatal(err)
			}
			a, tables, err := testExtractor.ExtractArticle(page, p.url)
			if err != nil {
				t.Fatalf("ExtractArticle: %v", err)
			}
			got, err := json.MarshalIndent(goldenArticle{
				CanonicalURL: a.CanonicalURL, Title: a.Title, PublishedAt: rfc3339(a.PublishedAt),
				UpdatedAt: rfc3339(a.UpdatedAt), Authors: a.Authors, Language: a.Language,
				SiteName: a.SiteName, Image: a.Image, Text: strings.Split(a.Text, "\n"), Tables: len(tables),
			}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", strings.TrimSuffix(p.file, ".html")+".json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("article differs from %s (go test -update rewrites it)\ngot:\n%s\nwant:\n%s", golden, got, want)
			}
		})
	}
}

// FuzzExtractArticle feeds arbitrary bytes to the HTML path: it must never
// panic, and what it returns must be valid UTF-8.
func FuzzExtractArticle(f *testing.F) {
	for _, p := range goldenPages {
		page, err := os.ReadFile(filepath.Join("testdata", "pages", p.file))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(page)
	}
	for _, p := range tailPages {
		// The tail pages take every path: merged blocks, story ends, the
		// second opinion, captions.
		page, err := os.ReadFile(filepath.Join("testdata", "tail", p.file))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(page)
	}
	for _, p := range shapePages {
		page, err := os.ReadFile(filepath.Join("testdata", "shapes", p.file+".html"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(page)
	}
	f.Add([]byte("<div><div><div><p>x</p></div>"))
	f.Add([]byte("<meta charset=shift_jis><p>\x82\xa0\x82\xa2</p>"))
	f.Add([]byte(`<html lang="en-GB"><title>Post | Site</title><meta property="article:published_time" content="2020-02-25T02:25:54Z"><h1>Site</h1><h1><span class="date">24.02.20</span>Post<small>sub</small></h1><p><b>Published on </b>02/10/2020</p><table><tr><td>a, b</td></tr></table>`))
	f.Add([]byte("<details>\n| Model | COCO AP<sub>50</sub> |\n| :-- | --: |\n| [A-1](u) | **5.0** |\n| `a|b` \\| c |\n</details>"))
	f.Add([]byte(`<script>{"published_at":"2019-03-02T06:22:28+01:00"}</script><header><article><p>Aktualisiert am 17.01.2021</p></article>`))
	f.Add([]byte(`<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-13-45T99:99:99+99:99","author":{"name":[1,2]}}</script><h1>t</h1><time datetime="0">`))
	f.Fuzz(func(t *testing.T, page []byte) {
		a, tables, err := testExtractor.ExtractArticle(page, "https://example.com/2025/06/30/story")
		if err != nil {
			return
		}
		for _, s := range append([]string{a.Text, a.Title, a.SiteName, a.Language, a.CanonicalURL}, a.Authors...) {
			if !utf8Valid(s) {
				t.Fatalf("invalid UTF-8 in output: %q", s)
			}
		}
		for _, tb := range tables {
			for _, row := range tb.Rows {
				for _, c := range row {
					if !utf8Valid(c.Text) || len(c.Text) > 1<<10 {
						t.Fatalf("table cell %q: invalid UTF-8 or longer than 1 KB", c.Text)
					}
				}
			}
		}
	})
}
