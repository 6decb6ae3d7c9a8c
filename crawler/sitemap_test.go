package crawler

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestParseSitemapGolden parses each testdata sitemap and compares the
// result with its .golden.json (regenerate with -update).
func TestParseSitemapGolden(t *testing.T) {
	base, _ := url.Parse("https://news.example/sitemap.xml")
	for _, name := range []string{"sitemap-index.xml", "news-sitemap.xml", "urlset.xml", "sitemap.txt"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			sm, err := parseSitemap(data, base, 1<<20)
			if err != nil {
				t.Fatalf("parseSitemap: %v", err)
			}
			got, _ := json.MarshalIndent(sm, "", "  ")
			golden := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want)) {
				t.Errorf("parsed %s:\n%s\nwant:\n%s", name, got, want)
			}
		})
	}
}

func TestParseSitemapGzip(t *testing.T) {
	plain, err := os.ReadFile(filepath.Join("testdata", "urlset.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(plain)
	zw.Close()
	base, _ := url.Parse("https://news.example/sitemap.xml.gz")
	sm, err := parseSitemap(gz.Bytes(), base, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if len(sm.Pages) != 3 || sm.Pages[0].Loc != "https://news.example/new.html" {
		t.Fatalf("pages = %+v, want 3, newest first", sm.Pages)
	}
	// A gzip bomb is refused, not inflated without bound.
	if _, err := parseSitemap(gz.Bytes(), base, 100); !errors.Is(err, ErrTooLarge) {
		t.Errorf("limit 100: err = %v, want ErrTooLarge", err)
	}
}

func TestParseSitemapInvalid(t *testing.T) {
	base, _ := url.Parse("https://news.example/sitemap.xml")
	tests := []struct {
		name string
		body []byte
	}{
		{"wrong root", mustRead(t, "wrong-root.xml")},
		{"truncated xml", mustRead(t, "truncated.xml")},
		{"empty", []byte("  \n")},
		{"html page", []byte("<!doctype html><html><body>hello</body></html>")},
		{"text that is not URLs", []byte("hello world\nthis is not a sitemap")},
		{"broken gzip", []byte{0x1f, 0x8b, 0x08, 0x00, 0x01}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sm, err := parseSitemap(tt.body, base, 1<<20)
			if !errors.Is(err, ErrInvalidSitemap) {
				t.Fatalf("err = %v (result %+v), want ErrInvalidSitemap", err, sm)
			}
		})
	}
}

func TestParseW3CDate(t *testing.T) {
	tests := map[string]string{
		"2025-07-01":                        "2025-07-01T00:00:00Z",
		"2025-07-01T08:00:00+08:00":         "2025-07-01T00:00:00Z",
		"2025-07-01T08:00+08:00":            "2025-07-01T00:00:00Z",
		"2025-07-01T08:00:00.25Z":           "2025-07-01T08:00:00.25Z",
		"2025-07":                           "2025-07-01T00:00:00Z",
		" Tue, 01 Jul 2025 08:00:00 +0000 ": "2025-07-01T08:00:00Z",
		"yesterday":                         "0001-01-01T00:00:00Z",
		"":                                  "0001-01-01T00:00:00Z",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			if got := parseW3CDate(in).Format("2006-01-02T15:04:05.999999999Z07:00"); got != want {
				t.Errorf("parseW3CDate(%q) = %s, want %s", in, got, want)
			}
		})
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func FuzzParseSitemap(f *testing.F) {
	for _, name := range []string{"sitemap-index.xml", "news-sitemap.xml", "urlset.xml", "sitemap.txt", "truncated.xml"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	base, _ := url.Parse("https://news.example/sitemap.xml")
	f.Fuzz(func(t *testing.T, body []byte) {
		sm, err := parseSitemap(body, base, 1<<20)
		if err != nil {
			if !errors.Is(err, ErrInvalidSitemap) {
				t.Fatalf("error %v does not wrap ErrInvalidSitemap", err)
			}
			return
		}
		for _, e := range append(sm.Pages, sm.Sitemaps...) {
			if !strings.HasPrefix(e.Loc, "http://") && !strings.HasPrefix(e.Loc, "https://") {
				t.Fatalf("entry %q is not an http(s) URL", e.Loc)
			}
			if n, err := Normalize(e.Loc); err != nil || n != e.Loc {
				t.Fatalf("entry %q is not normalised (%q, %v)", e.Loc, n, err)
			}
		}
	})
}

func BenchmarkParseSitemap(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for i := range 1000 {
		buf.WriteString("<url><loc>https://news.example/2025/07/story-")
		buf.WriteString(strings.Repeat("x", i%40))
		buf.WriteString(".html?utm_source=sitemap</loc><lastmod>2025-07-01T08:00:00Z</lastmod></url>")
	}
	buf.WriteString("</urlset>")
	base, _ := url.Parse("https://news.example/sitemap.xml")
	b.ReportAllocs()
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		if _, err := parseSitemap(buf.Bytes(), base, 10<<20); err != nil {
			b.Fatal(err)
		}
	}
}
