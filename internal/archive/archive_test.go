package archive_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/archive"
	"github.com/modelwire/modelwire/internal/archive/warciotest"
	"github.com/modelwire/modelwire/internal/waittest"
)

var fetched = time.Date(2025, 7, 1, 9, 30, 0, 123e6, time.UTC)

func gz(s string) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.Bytes()
}

// exchange returns an answer to GET url as the crawler captures it.
func exchange(url string, status int, hdr http.Header, body []byte) crawler.Exchange {
	req := http.Header{"User-Agent": {"modelwire-test/1.0"}, "Accept-Encoding": {"gzip, deflate"}}
	req.Set("Host", strings.SplitN(strings.TrimPrefix(url, "http://"), "/", 2)[0])
	if hdr == nil {
		hdr = http.Header{}
	}
	return crawler.Exchange{Method: "GET", URL: url, Proto: "HTTP/1.1", RequestHeader: req,
		Status: status, StatusText: fmt.Sprintf("%d %s", status, http.StatusText(status)), ResponseProto: "HTTP/1.1",
		ResponseHeader: hdr, Body: body, IP: "127.0.0.1:8080", At: fetched}
}

func archiveAll(t *testing.T, cfg archive.Config, xs ...crawler.Exchange) []string {
	t.Helper()
	w, err := archive.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range xs {
		if err := w.Archive(context.Background(), x); err != nil {
			t.Fatalf("archiving %s: %v", x.URL, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(cfg.Dir, "*"))
	return files
}

func readAll(t *testing.T, file string) (resps []archive.Response, errs []*archive.RecordError) {
	t.Helper()
	r, err := archive.OpenReader(file, archive.ReaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for {
		resp, err := r.Next()
		if errors.Is(err, io.EOF) {
			return resps, errs
		}
		var re *archive.RecordError
		if errors.As(err, &re) {
			errs = append(errs, re)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		resps = append(resps, resp)
	}
}

func TestWriterRecordsReadBackByWarcioAndReader(t *testing.T) {
	page := "<html><head><title>DeepSeek-V3</title></head><body><p>DeepSeek released DeepSeek-V3.</p></body></html>"
	art := exchange("http://news.test/a.html", 200,
		http.Header{"Content-Type": {"text/html; charset=utf-8"}, "Content-Encoding": {"gzip"}, "Etag": {`"v1"`}}, gz(page))
	art.Source, art.Via = "aiwire", "http://news.test/feed.xml"
	art.Sent = fetched.Add(-45 * time.Millisecond)
	art.Hint = event.Hint{Title: "DeepSeek\nreleases V3", PublishedAt: time.Date(2025, 6, 30, 8, 0, 0, 0, time.UTC)}
	notModified := exchange("http://news.test/b.html", 304, http.Header{"Etag": {`"v2"`}}, nil)
	notModified.Previous = fetched.Add(-time.Hour)
	cut := exchange("http://news.test/boom", 500, http.Header{"Content-Type": {"text/plain"}}, []byte("internal err"))
	cut.Truncated = true
	robots := exchange("http://news.test/robots.txt", 200, http.Header{"Content-Type": {"text/plain"}}, []byte("User-agent: *\nDisallow:\n"))

	dir := t.TempDir()
	files := archiveAll(t, archive.Config{Dir: dir, Software: "modelwire test"}, robots, art, notModified, cut)
	if len(files) != 1 {
		t.Fatalf("files = %v, want one", files)
	}
	name := filepath.Base(files[0])
	host, _ := os.Hostname()
	if !regexp.MustCompile(fmt.Sprintf(`^modelwire-\d{17}-00001-%d~.+~[A-Z2-7]{8}\.warc\.gz$`, os.Getpid())).MatchString(name) || !strings.Contains(name, host) {
		t.Errorf("file name %q is not PREFIX-TIMESTAMP-SERIAL-PID~HOST~ID.warc.gz", name)
	}

	warciotest.Check(t, files[0])
	var got []string
	for _, r := range warciotest.Index(t, files[0], "warc-type,warc-target-uri,http:status,warc-profile,warc-truncated,warc-date") {
		got = append(got, strings.Join([]string{r["warc-type"], r["warc-target-uri"], r["http:status"], r["warc-profile"], r["warc-truncated"]}, " "))
		if r["warc-type"] == "response" && r["warc-date"] != "2025-07-01T09:30:00.123Z" {
			t.Errorf("WARC-Date = %q, want the fetch time to the millisecond", r["warc-date"])
		}
		if r["warc-type"] == "request" && r["warc-target-uri"] == art.URL && r["warc-date"] != "2025-07-01T09:30:00.078Z" {
			t.Errorf("request WARC-Date = %q, want when it was sent", r["warc-date"])
		}
	}
	want := []string{
		"warcinfo    ",
		"request http://news.test/robots.txt   ", "response http://news.test/robots.txt 200  ",
		"request http://news.test/a.html   ", "response http://news.test/a.html 200  ", "metadata http://news.test/a.html   ",
		"request http://news.test/b.html   ",
		"revisit http://news.test/b.html 304 http://netpreserve.org/warc/1.1/revisit/server-not-modified ",
		"request http://news.test/boom   ", "response http://news.test/boom 500  length",
	}
	if !slices.Equal(got, want) {
		t.Errorf("warcio index:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	resps, errs := readAll(t, files[0])
	if len(errs) > 0 {
		t.Fatalf("errors reading our own file: %v", errs)
	}
	if len(resps) != 3 {
		t.Fatalf("read %d responses, want 3 (robots, page, error; not the revisit)", len(resps))
	}
	a := resps[1]
	if a.URL != art.URL || a.Status != 200 || !a.Date.Equal(fetched) || a.Source != "aiwire" || a.Via != art.Via ||
		a.Hint.Title != "DeepSeek releases V3" || !a.Hint.PublishedAt.Equal(art.Hint.PublishedAt) {
		t.Errorf("page read back as %+v", a)
	}
	if a.Header.Get("Content-Encoding") != "gzip" || a.Header.Get("Etag") != `"v1"` {
		t.Errorf("headers read back as %v", a.Header)
	}
	body, err := a.Body(1 << 20)
	if err != nil || string(body) != page {
		t.Errorf("body = %q, %v; want the page", body, err)
	}
	if !resps[2].Truncated || resps[2].Status != 500 {
		t.Errorf("error answer read back as %+v", resps[2])
	}
}

func TestWriterRotatesBySizeAndAge(t *testing.T) {
	body := bytes.Repeat([]byte("<p>incompressible? no, but big enough</p>"), 2000)
	var xs []crawler.Exchange
	for i := range 6 {
		xs = append(xs, exchange(fmt.Sprintf("http://news.test/%d.html", i), 200, http.Header{"Content-Type": {"text/html"}}, body))
	}
	dir := t.TempDir()
	files := archiveAll(t, archive.Config{Dir: dir, MaxFileSize: 4 << 10}, xs...)
	if len(files) < 3 {
		t.Fatalf("size rotation: %d files, want one per record or so: %v", len(files), files)
	}
	total := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".open") {
			t.Errorf("%s left open after Close", f)
		}
		warciotest.Check(t, f)
		resps, _ := readAll(t, f)
		total += len(resps)
	}
	if total != len(xs) {
		t.Errorf("%d responses over the files, want %d", total, len(xs))
	}

	// Age: a file open longer than MaxFileAge is closed without waiting
	// for more records.
	dir = t.TempDir()
	w, err := archive.Open(archive.Config{Dir: dir, MaxFileAge: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.Archive(context.Background(), xs[0]); err != nil {
		t.Fatal(err)
	}
	waittest.Eventually(t, 5*time.Second, "a file closed by age", func() bool {
		closed, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
		return len(closed) == 1
	}, func() string {
		all, _ := filepath.Glob(filepath.Join(dir, "*"))
		return fmt.Sprint(all)
	})
}

func TestKeepPrunesOldestClosedFiles(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-48 * time.Hour)
	for i, name := range []string{"modelwire-1.warc.gz", "modelwire-2.warc.gz", "modelwire-3.warc.gz.open", "other.warc.gz"} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, bytes.Repeat([]byte{'x'}, 1000), 0o644)
		os.Chtimes(p, old.Add(time.Duration(i)*time.Hour), old.Add(time.Duration(i)*time.Hour))
	}
	w, err := archive.Open(archive.Config{Dir: dir, Keep: archive.Keep{Age: 24 * time.Hour}})
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	left, _ := filepath.Glob(filepath.Join(dir, "*"))
	for i := range left {
		left[i] = filepath.Base(left[i])
	}
	if want := []string{"modelwire-3.warc.gz.open", "other.warc.gz"}; !slices.Equal(left, want) {
		t.Errorf("after pruning by age: %v, want %v (open files and others' files stay)", left, want)
	}

	dir = t.TempDir()
	for i := range 4 {
		p := filepath.Join(dir, fmt.Sprintf("modelwire-%d.warc.gz", i))
		os.WriteFile(p, bytes.Repeat([]byte{'x'}, 1000), 0o644)
		os.Chtimes(p, old.Add(time.Duration(i)*time.Hour), old.Add(time.Duration(i)*time.Hour))
	}
	w, err = archive.Open(archive.Config{Dir: dir, Keep: archive.Keep{Bytes: 2500}})
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	left, _ = filepath.Glob(filepath.Join(dir, "*"))
	if len(left) != 2 || filepath.Base(left[0]) != "modelwire-2.warc.gz" {
		t.Errorf("after pruning to 2500 bytes: %v, want the two newest", left)
	}
}

func TestParseKeep(t *testing.T) {
	tests := []struct {
		in   string
		want archive.Keep
		bad  bool
	}{
		{"", archive.Keep{}, false},
		{"90d", archive.Keep{Age: 90 * 24 * time.Hour}, false},
		{"720h", archive.Keep{Age: 720 * time.Hour}, false},
		{"50GB", archive.Keep{Bytes: 50e9}, false},
		{"500MiB", archive.Keep{Bytes: 500 << 20}, false},
		{"1.5TiB", archive.Keep{Bytes: 3 << 39}, false},
		{"lots", archive.Keep{}, true},
		{"-3d", archive.Keep{}, true},
		{"0GB", archive.Keep{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := archive.ParseKeep(tt.in)
			if (err != nil) != tt.bad || got != tt.want {
				t.Errorf("ParseKeep(%q) = %+v, %v; want %+v, error %v", tt.in, got, err, tt.want, tt.bad)
			}
		})
	}
}

// TestWriterKeepsRenderedPage: a page rendered in a browser is archived as
// what the server sent (request, response, metadata) and the DOM its
// scripts built, a conversion record referring to the response; warcio
// accepts it, and the Reader hands the DOM over as the page.
func TestWriterKeepsRenderedPage(t *testing.T) {
	shell := `<!doctype html><html><body><div id="app"></div><script src="/app.js"></script></body></html>`
	dom := "<!DOCTYPE html>\n<html><head></head><body><div id=\"app\"><article><p>Kestrel AI released Kestrel-13B. Code name: quillwort.</p></article></div></body></html>"
	hop := exchange("http://news.test/old", 302, http.Header{"Location": {"/spa"}, "Content-Length": {"29"}}, nil)
	hop.Truncated = true // a browser keeps no redirect body
	page := exchange("http://news.test/spa", 200, http.Header{"Content-Type": {"text/html; charset=utf-8"}, "Etag": {`"s1"`}}, []byte(shell))
	page.IP = ""
	rendered := fetched.Add(2500 * time.Millisecond)
	page.Source, page.Rendered, page.RenderedAt = "spa-news", []byte(dom), rendered
	plain := exchange("http://news.test/plain.html", 200, http.Header{"Content-Type": {"text/html"}}, []byte("<p>plain</p>"))

	dir := t.TempDir()
	files := archiveAll(t, archive.Config{Dir: dir}, hop, page, plain)
	warciotest.Check(t, files...)
	recs := warciotest.Index(t, files[0], "warc-type,warc-target-uri,warc-record-id,warc-refers-to,warc-concurrent-to,content-type,warc-date,warc-truncated,http:status")
	var got []string
	ids := map[string]warciotest.Record{}
	for _, r := range recs {
		got = append(got, r["warc-type"]+" "+r["warc-target-uri"]+" "+r["warc-truncated"])
		ids[r["warc-record-id"]] = r
	}
	want := []string{"warcinfo  ",
		"request http://news.test/old ", "response http://news.test/old unspecified",
		"request http://news.test/spa ", "response http://news.test/spa ", "metadata http://news.test/spa ", "conversion http://news.test/spa ",
		"request http://news.test/plain.html ", "response http://news.test/plain.html "}
	if !slices.Equal(got, want) {
		t.Fatalf("warcio index:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	conv := recs[6]
	if ref := ids[conv["warc-refers-to"]]; ref["warc-type"] != "response" || ref["warc-target-uri"] != page.URL {
		t.Errorf("conversion refers to %q (%v), want the response of %s", conv["warc-refers-to"], ref, page.URL)
	}
	if conv["content-type"] != "text/html; charset=utf-8" || conv["warc-date"] != "2025-07-01T09:30:02.623Z" || conv["warc-concurrent-to"] != "" {
		t.Errorf("conversion record: %v", conv)
	}

	resps, errs := readAll(t, files[0])
	if len(errs) > 0 || len(resps) != 3 {
		t.Fatalf("read %d responses, errors %v; want the redirect, the page and the plain page", len(resps), errs)
	}
	r := resps[1]
	if string(r.Payload) != shell || string(r.Rendered) != dom || r.RenderedType != "text/html; charset=utf-8" ||
		!r.RenderedDate.Equal(rendered) || !r.Date.Equal(fetched) || r.Source != "spa-news" {
		t.Errorf("rendered page read back as %+v", r)
	}
	body, ct, at, err := r.Page(1 << 20)
	if err != nil || string(body) != dom || ct != "text/html; charset=utf-8" || !at.Equal(rendered) {
		t.Errorf("Page() = %q, %q, %v, %v; want the DOM", body, ct, at, err)
	}
	if _, _, _, err := r.Page(10); err == nil {
		t.Errorf("a DOM over the limit was returned")
	}
	body, ct, at, err = resps[2].Page(1 << 20)
	if err != nil || string(body) != "<p>plain</p>" || ct != "text/html" || !at.Equal(fetched) || resps[2].Rendered != nil {
		t.Errorf("plain page: %q, %q, %v, %v", body, ct, at, err)
	}
	if resps[0].Status != 302 || !resps[0].Truncated || resps[0].Rendered != nil {
		t.Errorf("redirect read back as %+v", resps[0])
	}
}
