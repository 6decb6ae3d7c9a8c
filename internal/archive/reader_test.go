package archive_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/nlnwa/gowarc/v3"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/internal/archive"
	"github.com/modelwire/modelwire/internal/archive/warciotest"
)

// wgetCrawl mirrors a small site with Debian's wget --warc-file and
// returns the WARC file it wrote.
func wgetCrawl(t *testing.T, h http.Handler, extra ...string) string {
	t.Helper()
	if _, err := exec.LookPath("wget"); err != nil {
		t.Fatal("wget is not installed (apt-get install wget; .ci/run installs it)")
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	dir := t.TempDir()
	args := append([]string{"--quiet", "--recursive", "--level=2", "--no-parent", "--tries=1", "--timeout=5",
		"--directory-prefix", filepath.Join(dir, "mirror"), "--warc-file", filepath.Join(dir, "crawl")}, extra...)
	cmd := exec.Command("wget", append(args, srv.URL+"/")...)
	if out, err := cmd.CombinedOutput(); err != nil {
		// wget exits 8 when some page answered an error: the crawl is
		// still written.
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 8 {
			t.Fatalf("wget: %v\n%s", err, out)
		}
	}
	return filepath.Join(dir, "crawl.warc.gz")
}

func smallSite() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><body><a href="/a.html">a</a> <a href="/b.html">b</a> <a href="/chunked.html">c</a> <a href="/gone.html">gone</a></body></html>`)
	})
	for _, p := range []string{"a", "b"} {
		mux.HandleFunc("/"+p+".html", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, "<html><head><title>page %s</title></head><body><p>Body of page %s.</p></body></html>", p, p)
		})
	}
	mux.HandleFunc("/chunked.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><body><p>first chunk</p>"))
		w.(http.Flusher).Flush() // no Content-Length: sent chunked
		w.Write([]byte("<p>second chunk</p></body></html>"))
	})
	return mux
}

func TestReaderReadsWgetWARC(t *testing.T) {
	file := wgetCrawl(t, smallSite())
	warciotest.Check(t, file)
	resps, errs := readAll(t, file)
	if len(errs) > 0 {
		t.Fatalf("errors reading wget's WARC: %v", errs)
	}
	got := map[string]string{}
	for _, r := range resps {
		body, err := r.Body(1 << 20)
		if err != nil {
			t.Fatalf("%s: %v", r.URL, err)
		}
		path := r.URL[max(strings.LastIndex(r.URL, "/"), 0):]
		got[path] = strconv.Itoa(r.Status) + " " + string(body)
		if r.Date.IsZero() {
			t.Errorf("%s: no date", r.URL)
		}
	}
	for path, want := range map[string]string{
		"/a.html":       "200 <html><head><title>page a</title></head><body><p>Body of page a.</p></body></html>",
		"/chunked.html": "200 <html><body><p>first chunk</p><p>second chunk</p></body></html>",
		"/gone.html":    "404 404 page not found\n",
	} {
		if got[path] != want {
			t.Errorf("%s read as %q, want %q", path, got[path], want)
		}
	}
}

func TestReaderSkipsCorruptRecordAndReadsOn(t *testing.T) {
	var xs []crawler.Exchange
	for i := range 5 {
		page := fmt.Sprintf("<html><body><p>article number %d %s</p></body></html>", i, strings.Repeat("filler text ", 200))
		xs = append(xs, exchange(fmt.Sprintf("http://news.test/%d.html", i), 200, http.Header{"Content-Type": {"text/html"}}, []byte(page)))
	}
	dir := t.TempDir()
	files := archiveAll(t, archive.Config{Dir: dir}, xs...)
	recs := warciotest.Index(t, files[0], "warc-type,warc-target-uri,offset,length")
	var off, length int64
	for _, r := range recs {
		if r["warc-type"] == "response" && r["warc-target-uri"] == "http://news.test/2.html" {
			off, _ = strconv.ParseInt(r["offset"], 10, 64)
			length, _ = strconv.ParseInt(r["length"], 10, 64)
		}
	}
	if length == 0 {
		t.Fatalf("no response record for 2.html in %v", recs)
	}

	tests := []struct {
		name    string
		corrupt func(b []byte)
	}{
		{"deflate data", func(b []byte) { // bytes in the middle of the gzip member
			for i := off + length/2; i < off+length/2+16; i++ {
				b[i] ^= 0x5a
			}
		}},
		{"gzip header", func(b []byte) { b[off], b[off+1] = 'X', 'Y' }},
		{"truncated", nil}, // the file ends in the middle of the record
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := os.ReadFile(files[0])
			if err != nil {
				t.Fatal(err)
			}
			if tt.corrupt != nil {
				tt.corrupt(data)
			} else {
				data = data[:off+length/2]
			}
			bad := filepath.Join(t.TempDir(), "bad.warc.gz")
			os.WriteFile(bad, data, 0o644)
			resps, errs := readAll(t, bad)
			if len(errs) != 1 || errs[0].Offset != off {
				t.Fatalf("errors %v, want one naming offset %d", errs, off)
			}
			if !strings.Contains(errs[0].Error(), fmt.Sprintf("record at offset %d", off)) {
				t.Errorf("error %q does not name the offset", errs[0])
			}
			var urls []string
			for _, r := range resps {
				urls = append(urls, r.URL)
			}
			want := []string{"http://news.test/0.html", "http://news.test/1.html", "http://news.test/3.html", "http://news.test/4.html"}
			if tt.corrupt == nil {
				want = want[:2]
			}
			if strings.Join(urls, " ") != strings.Join(want, " ") {
				t.Errorf("read %v, want %v: the record before and every record after the corrupt one", urls, want)
			}
		})
	}
}

func TestResponseBodyDecodes(t *testing.T) {
	var deflated bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&deflated, gzip.BestSpeed)
	zw.Write([]byte("hello"))
	zw.Close()
	tests := []struct {
		name    string
		hdr     http.Header
		payload []byte
		want    string
		bad     bool
	}{
		{"identity", http.Header{}, []byte("hello"), "hello", false},
		{"gzip", http.Header{"Content-Encoding": {"gzip"}}, deflated.Bytes(), "hello", false},
		{"chunked", http.Header{"Transfer-Encoding": {"chunked"}}, []byte("3\r\nhel\r\n2\r\nlo\r\n0\r\n\r\n"), "hello", false},
		{"chunked, stored de-chunked", http.Header{"Transfer-Encoding": {"chunked"}}, []byte("hello"), "hello", false},
		{"broken gzip", http.Header{"Content-Encoding": {"gzip"}}, []byte("not gzip"), "", true},
		{"brotli", http.Header{"Content-Encoding": {"br"}}, []byte("x"), "", true},
		{"too large", http.Header{}, bytes.Repeat([]byte("x"), 11), "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := archive.Response{Header: tt.hdr, Payload: tt.payload}.Body(10)
			if (err != nil) != tt.bad || string(got) != tt.want {
				t.Errorf("Body = %q, %v; want %q, error %v", got, err, tt.want, tt.bad)
			}
		})
	}
}

// TestReaderTakesOnlyItsResponsesHTMLConversion: a conversion record is
// the page's rendered form only when it is HTML and refers to the response
// just read; another tool's text extraction, or a conversion of another
// record, leaves the response as it is.
func TestReaderTakesOnlyItsResponsesHTMLConversion(t *testing.T) {
	dir := t.TempDir()
	w := gowarc.NewWarcFileWriter(gowarc.WithFileNameGenerator(&gowarc.PatternNameGenerator{Directory: dir, Prefix: "other-"}), gowarc.WithCompression(true))
	build := func(kind gowarc.RecordType, uri, ct, block string, extra ...string) gowarc.WarcRecord {
		rb := gowarc.NewRecordBuilder(kind, gowarc.WithAddMissingDigest(true))
		rb.AddWarcHeader(gowarc.WarcTargetURI, uri)
		rb.AddWarcHeaderTime(gowarc.WarcDate, fetched)
		rb.AddWarcHeader(gowarc.ContentType, ct)
		for i := 0; i+1 < len(extra); i += 2 {
			rb.AddWarcHeader(extra[i], extra[i+1])
		}
		rb.WriteString(block)
		rec, _, err := rb.Build()
		if err != nil {
			t.Fatal(err)
		}
		return rec
	}
	http200 := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
	a := build(gowarc.Response, "http://news.test/a", "application/http;msgtype=response", http200+"<p>a</p>")
	aID := "<" + a.WarcHeader().GetId(gowarc.WarcRecordID) + ">"
	text := build(gowarc.Conversion, "http://news.test/a", "text/plain", "a", gowarc.WarcRefersTo, aID)
	b := build(gowarc.Response, "http://news.test/b", "application/http;msgtype=response", http200+"<p>b</p>")
	stray := build(gowarc.Conversion, "http://news.test/a", "text/html", "<p>rendered a</p>", gowarc.WarcRefersTo, aID)
	for _, rec := range []gowarc.WarcRecord{a, text, b, stray} {
		if res := w.Write(rec); res[0].Err != nil {
			t.Fatal(res[0].Err)
		}
	}
	w.Close()
	files, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	if len(files) != 1 {
		t.Fatalf("files: %v", files)
	}
	warciotest.Check(t, files[0])
	resps, errs := readAll(t, files[0])
	if len(errs) > 0 || len(resps) != 2 {
		t.Fatalf("read %d responses, errors %v", len(resps), errs)
	}
	for _, r := range resps {
		body, ct, _, err := r.Page(1 << 20)
		if r.Rendered != nil || err != nil || ct != "text/html" || !strings.HasPrefix(string(body), "<p>") || strings.Contains(string(body), "rendered") {
			t.Errorf("%s: page %q %q %v, rendered %q", r.URL, body, ct, err, r.Rendered)
		}
	}
}
