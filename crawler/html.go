package crawler

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// pageInfo is what the crawler needs from an HTML page: its canonical URL
// and the links it holds, both resolved and normalised.
type pageInfo struct {
	Canonical string
	Links     []string
}

// maxLinks bounds the links taken from one page.
const maxLinks = 5000

// parseHTML finds the page's <link rel=canonical> and, if wantLinks, its
// <a href> links, resolved against <base href> or pageURL and normalised.
// It reads a tokenizer stream, so it never fails: broken HTML yields what
// could be read. Pure and safe for concurrent use.
func parseHTML(body []byte, pageURL string, wantLinks bool) pageInfo {
	var info pageInfo
	base, err := url.Parse(pageURL)
	if err != nil {
		return info
	}
	seenBase := false
	seen := map[string]bool{}
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return info
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		if !hasAttr {
			continue
		}
		switch string(name) {
		case "base":
			if href := attr(z, "href"); href != "" && !seenBase {
				seenBase = true
				if b, err := url.Parse(strings.TrimSpace(href)); err == nil {
					base = base.ResolveReference(b)
				}
			}
		case "link":
			rel, href := attrs2(z, "rel", "href")
			if info.Canonical == "" && hasToken(rel, "canonical") {
				info.Canonical = resolveNormalize(base, href)
			}
		case "a":
			if !wantLinks || len(info.Links) >= maxLinks {
				continue
			}
			if link := resolveNormalize(base, attr(z, "href")); link != "" && !seen[link] {
				seen[link] = true
				info.Links = append(info.Links, link)
			}
		}
	}
}

// attr returns the value of the named attribute of the current tag.
func attr(z *html.Tokenizer, name string) string {
	v, _ := attrs2(z, name, "")
	return v
}

// attrs2 returns the values of attributes a and b of the current tag; it
// consumes the tag's attributes.
func attrs2(z *html.Tokenizer, a, b string) (va, vb string) {
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch {
		case string(k) == a:
			va = string(v)
		case b != "" && string(k) == b:
			vb = string(v)
		}
	}
	return va, vb
}

// hasToken reports whether a space-separated attribute value such as
// rel="canonical nofollow" holds tok, ignoring case.
func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// isHTML reports whether a response is an HTML or XHTML page; without a
// Content-Type the body is sniffed.
func isHTML(contentType string, body []byte) bool {
	if strings.TrimSpace(contentType) == "" {
		contentType = http.DetectContentType(body)
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// toUTF8 decodes an HTML body to UTF-8 by the HTML rules — byte-order mark,
// then the Content-Type charset, then <meta charset> — and returns it with
// the name of the encoding found. A body with no declaration that is valid
// UTF-8 is taken as UTF-8 (the HTML default, windows-1252, garbles it).
func toUTF8(body []byte, contentType string) ([]byte, string, error) {
	enc, name, certain := charset.DetermineEncoding(body, contentType)
	if name == "utf-8" || (!certain && name == "windows-1252" && utf8.Valid(body)) {
		return bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")), "utf-8", nil
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, name, fmt.Errorf("decoding %s: %w", name, err)
	}
	return out, name, nil
}

// DecodeHTML returns an answer's body as a page the crawler would publish:
// HTML or XHTML (by Content-Type, or sniffed without one), decoded to
// UTF-8 by the HTML rules. It fails with ErrNotHTML or ErrEncoding.
// Reprocessing and import use it to read archived answers as the crawler
// reads live ones.
func DecodeHTML(body []byte, contentType string) ([]byte, error) {
	if !isHTML(contentType, body) {
		return nil, ErrNotHTML
	}
	out, _, err := toUTF8(body, contentType)
	if err != nil {
		return nil, errors.Join(ErrEncoding, err)
	}
	return out, nil
}
