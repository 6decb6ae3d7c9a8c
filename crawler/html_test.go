package crawler

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestParseHTML(t *testing.T) {
	tests := []struct {
		name          string
		html          string
		wantCanonical string
		wantLinks     []string
	}{
		{
			name:          "canonical and links",
			html:          `<html><head><link rel="canonical" href="/news/1.html?utm_source=x"></head><body><a href="a.html">a</a> <a href="/b#c">b</a> <a href="a.html#again">dup</a></body></html>`,
			wantCanonical: "https://site.example/news/1.html",
			wantLinks:     []string{"https://site.example/zh/a.html", "https://site.example/b"},
		},
		{
			name:          "rel list, upper case",
			html:          `<LINK REL="Canonical alternate" HREF="https://Other.Example/x"><a href="mailto:x@y">m</a><a href="javascript:void(0)">j</a><a href="#top">t</a>`,
			wantCanonical: "https://other.example/x",
		},
		{
			name:      "base href",
			html:      `<head><base href="https://cdn.example/en/"></head><a href="p.html">p</a>`,
			wantLinks: []string{"https://cdn.example/en/p.html"},
		},
		{
			name:      "only first canonical",
			html:      `<link rel=canonical href="/one"><link rel=canonical href="/two"><a href=//x.example/y>y</a>`,
			wantLinks: []string{"https://x.example/y"}, wantCanonical: "https://site.example/one",
		},
		{
			name:      "broken html",
			html:      `<a href="/ok">ok</a><a href="/unterminated`,
			wantLinks: []string{"https://site.example/ok"},
		},
		{name: "empty", html: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info := parseHTML([]byte(tt.html), "https://site.example/zh/page.html", true)
			if info.Canonical != tt.wantCanonical {
				t.Errorf("canonical = %q, want %q", info.Canonical, tt.wantCanonical)
			}
			if !slices.Equal(info.Links, tt.wantLinks) {
				t.Errorf("links = %q, want %q", info.Links, tt.wantLinks)
			}
			if noLinks := parseHTML([]byte(tt.html), "https://site.example/zh/page.html", false); len(noLinks.Links) != 0 {
				t.Errorf("links collected without wantLinks: %q", noLinks.Links)
			}
		})
	}
}

func TestToUTF8(t *testing.T) {
	zh := "<p>阿里巴巴发布通义千问</p>"
	ja := "<p>音声理解で最高水準</p>"
	fr := "<p>Modèle publié à Paris</p>"
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String(zh)
	sjis, _ := japanese.ShiftJIS.NewEncoder().String(ja)
	latin1, _ := charmap.ISO8859_1.NewEncoder().String(fr)
	long := "<!doctype html><html><head>" + strings.Repeat("<meta name=x content=y>", 80) + "</head><body>" + zh + "</body></html>"
	tests := []struct {
		name, body, contentType, want, wantCharset string
	}{
		{"utf-8 declared", zh, "text/html; charset=utf-8", zh, "utf-8"},
		{"gbk by meta", `<meta charset="gbk">` + gbk, "text/html", `<meta charset="gbk">` + zh, "gbk"},
		{"gbk by http-equiv", `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">` + gbk, "", `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">` + zh, "gbk"},
		{"shift_jis by header", sjis, "text/html; charset=Shift_JIS", ja, "shift_jis"},
		{"latin-1 by header", latin1, "text/html; charset=iso-8859-1", fr, "windows-1252"},
		{"header beats meta", `<meta charset="gbk">` + sjis, "text/html; charset=shift_jis", `<meta charset="gbk">` + ja, "shift_jis"},
		{"bom", "\xef\xbb\xbf" + zh, "text/html; charset=gbk", zh, "utf-8"},
		{"undeclared utf-8 past the prescan window", long, "text/html", long, "utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, cs, err := toUTF8([]byte(tt.body), tt.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want || cs != tt.wantCharset {
				t.Errorf("toUTF8 = %q (%s), want %q (%s)", got, cs, tt.want, tt.wantCharset)
			}
		})
	}
}

func TestIsHTML(t *testing.T) {
	tests := []struct {
		ct   string
		body string
		want bool
	}{
		{"text/html; charset=utf-8", "", true},
		{"application/xhtml+xml", "", true},
		{"TEXT/HTML", "", true},
		{"application/pdf", "%PDF-1.4", false},
		{"application/json", "{}", false},
		{"text/plain", "<html>", false},
		{"", "<!DOCTYPE html><html><body>x", true},
		{"", "%PDF-1.4 binary", false},
		{"nonsense;;", "<html>", false},
	}
	for _, tt := range tests {
		t.Run(tt.ct+"|"+tt.body, func(t *testing.T) {
			if got := isHTML(tt.ct, []byte(tt.body)); got != tt.want {
				t.Errorf("isHTML(%q, %q) = %v, want %v", tt.ct, tt.body, got, tt.want)
			}
		})
	}
}

func FuzzParseHTML(f *testing.F) {
	f.Add([]byte(`<link rel=canonical href="/c"><base href="https://b.example/"><a href="x">x</a>`))
	f.Add([]byte(`<a href="%zz">bad</a><a href="http://[::1">v6</a>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		info := parseHTML(body, "https://site.example/a/b.html", true)
		for _, l := range append(info.Links, info.Canonical) {
			if l == "" {
				continue
			}
			if n, err := Normalize(l); err != nil || n != l {
				t.Fatalf("link %q is not normalised (%q, %v)", l, n, err)
			}
		}
		if len(info.Links) > maxLinks {
			t.Fatalf("%d links, over the cap", len(info.Links))
		}
		if _, _, err := toUTF8(body, "text/html"); err != nil {
			t.Fatalf("toUTF8: %v", err)
		}
	})
}

func BenchmarkParseHTML(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<!doctype html><html><head><link rel="canonical" href="https://news.example/story.html"></head><body>`)
	for i := range 300 {
		sb.WriteString(`<p>Some paragraph text about models and benchmarks.</p><a href="/news/`)
		sb.WriteString(strings.Repeat("s", i%30))
		sb.WriteString(`.html?utm_source=home#c">link</a>`)
	}
	sb.WriteString("</body></html>")
	body := []byte(sb.String())
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		parseHTML(body, "https://news.example/", true)
	}
}
