package crawler

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// maxSitemapEntries is the protocol's limit of entries in one sitemap file.
const maxSitemapEntries = 50000

// sitemap is a parsed sitemap file: either a sitemap index (Sitemaps) or a
// list of pages (Pages).
type sitemap struct {
	Sitemaps []sitemapEntry
	Pages    []sitemapEntry
}

// sitemapEntry is one <url> or <sitemap>: the normalised location, its
// lastmod and, for news sitemaps, the publication date and title.
type sitemapEntry struct {
	Loc       string
	Lastmod   time.Time
	Published time.Time
	Title     string
}

// xmlSitemap matches both <urlset> and <sitemapindex>; element names are
// matched without their namespace, so news:news and news:title decode too.
type xmlSitemap struct {
	XMLName xml.Name
	URLs    []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
		News    struct {
			PublicationDate string `xml:"publication_date"`
			Title           string `xml:"title"`
		} `xml:"news"`
	} `xml:"url"`
	Sitemaps []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
	} `xml:"sitemap"`
}

// parseSitemap parses a sitemap file — XML urlset or sitemap index, plain
// or gzip-compressed, or a plain-text list of URLs — resolving locations
// against base and normalising them. Entries that are not http(s) URLs are
// dropped. Page entries are returned newest first (by lastmod or
// publication date), so a max_pages budget goes to fresh news. At most
// limit decompressed bytes are read.
//
// The sitemaps.org format is decoded here with encoding/xml rather than a
// sitemap library: the Go ones either fetch child sitemaps themselves —
// bypassing the crawler's politeness, robots, SSRF guard and conditional
// GET — or are unmaintained and ignore the news extension.
func parseSitemap(body []byte, base *url.URL, limit int64) (sitemap, error) {
	var sm sitemap
	if bytes.HasPrefix(body, []byte{0x1f, 0x8b}) {
		var err error
		if body, err = gunzip(body, limit); err != nil {
			return sm, fmt.Errorf("%w: %w", ErrInvalidSitemap, err)
		}
	}
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")))
	if len(trimmed) == 0 {
		return sm, fmt.Errorf("%w: empty", ErrInvalidSitemap)
	}
	if trimmed[0] != '<' {
		return parseTextSitemap(trimmed, base)
	}
	var doc xmlSitemap
	dec := xml.NewDecoder(bytes.NewReader(trimmed))
	dec.CharsetReader = charset.NewReaderLabel
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		return sm, fmt.Errorf("%w: %v", ErrInvalidSitemap, err)
	}
	switch doc.XMLName.Local {
	case "urlset":
		for _, u := range doc.URLs {
			if len(sm.Pages) >= maxSitemapEntries {
				break
			}
			loc := resolveNormalize(base, u.Loc)
			if loc == "" {
				continue
			}
			sm.Pages = append(sm.Pages, sitemapEntry{
				Loc:       loc,
				Lastmod:   parseW3CDate(u.Lastmod),
				Published: parseW3CDate(u.News.PublicationDate),
				Title:     clipHint(u.News.Title),
			})
		}
		sort.SliceStable(sm.Pages, func(i, j int) bool { return sm.Pages[i].newest().After(sm.Pages[j].newest()) })
	case "sitemapindex":
		for _, s := range doc.Sitemaps {
			if len(sm.Sitemaps) >= maxSitemapEntries {
				break
			}
			if loc := resolveNormalize(base, s.Loc); loc != "" {
				sm.Sitemaps = append(sm.Sitemaps, sitemapEntry{Loc: loc, Lastmod: parseW3CDate(s.Lastmod)})
			}
		}
	default:
		return sm, fmt.Errorf("%w: root element <%s>, want <urlset> or <sitemapindex>", ErrInvalidSitemap, doc.XMLName.Local)
	}
	return sm, nil
}

// newest is the later of an entry's lastmod and publication date.
func (e sitemapEntry) newest() time.Time {
	if e.Published.After(e.Lastmod) {
		return e.Published
	}
	return e.Lastmod
}

// parseTextSitemap reads a plain-text sitemap: one URL per line.
func parseTextSitemap(body []byte, base *url.URL) (sitemap, error) {
	var sm sitemap
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 0, 4096), 64<<10)
	for sc.Scan() && len(sm.Pages) < maxSitemapEntries {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		loc := resolveNormalize(base, line)
		if loc == "" || !strings.Contains(line, "://") {
			return sitemap{}, fmt.Errorf("%w: line %q is not a URL", ErrInvalidSitemap, truncate(line, 60))
		}
		sm.Pages = append(sm.Pages, sitemapEntry{Loc: loc})
	}
	if err := sc.Err(); err != nil {
		return sitemap{}, fmt.Errorf("%w: %v", ErrInvalidSitemap, err)
	}
	return sm, nil
}

// w3cLayouts are the W3C Datetime forms sitemaps use, plus RFC 1123 that
// some servers write anyway.
var w3cLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02",
	"2006-01",
	"2006",
	time.RFC1123Z,
	time.RFC1123,
}

// parseW3CDate parses a sitemap date; an unparsable or empty one is zero.
func parseW3CDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	for _, l := range w3cLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// gunzip decompresses b, failing with ErrTooLarge past limit bytes.
func gunzip(b []byte, limit int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return readLimited(zr, limit)
}

// readLimited reads r to the end, failing with ErrTooLarge past limit bytes
// rather than truncating.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	out, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(out)) > limit {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)
	}
	return out, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
