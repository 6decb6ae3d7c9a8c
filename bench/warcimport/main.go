// Command warcimport measures `modelwire import` (the built binary) on a
// large generated WARC file: records/s, MB/s (of the compressed file) and
// peak RSS, and prints one JSON line for bench/summary.py.
//
// The file holds, per generated article page, the request, response and
// metadata records modelwire's own archive writes (internal/archive,
// gzip per record), each page padded to -page-kb of HTML as real news
// pages are (navigation, scripts, related links), plus -offsite pages on
// another domain that the import's --domain filter passes over.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/internal/archive"
	"github.com/modelwire/modelwire/internal/testsite"
)

func main() {
	bin := flag.String("bin", "bin/modelwire", "the modelwire binary")
	pages := flag.Int("pages", 20000, "article pages in the file")
	offsite := flag.Int("offsite", 5000, "pages on another domain, filtered out")
	pageKB := flag.Int("page-kb", 60, "HTML per page, in KiB")
	dir := flag.String("dir", ".bench/warcimport", "work directory (the WARC file is kept between runs)")
	name := flag.String("name", "", "result name (default import-<pages>)")
	flag.Parse()
	if *name == "" {
		*name = fmt.Sprintf("import-%d", *pages)
	}
	if err := run(*bin, *pages, *offsite, *pageKB, *dir, *name); err != nil {
		fmt.Fprintln(os.Stderr, "warcimport:", err)
		os.Exit(1)
	}
}

func run(bin string, pages, offsite, pageKB int, dir, name string) error {
	warcDir := filepath.Join(dir, fmt.Sprintf("warc-%d-%d-%d", pages, offsite, pageKB))
	files, _ := filepath.Glob(filepath.Join(warcDir, "*.warc.gz"))
	if len(files) == 0 {
		if err := generate(warcDir, pages, offsite, pageKB); err != nil {
			return err
		}
		files, _ = filepath.Glob(filepath.Join(warcDir, "*.warc.gz"))
	}
	var size int64
	for _, f := range files {
		if st, err := os.Stat(f); err == nil {
			size += st.Size()
		}
	}
	data := filepath.Join(dir, "data-"+name)
	os.RemoveAll(data)
	cfg := filepath.Join(dir, "modelwire.yaml")
	if err := os.WriteFile(cfg, []byte("nats:\n  listen: \"\"\nhttp:\n  addr: \"\"\n"), 0o644); err != nil {
		return err
	}
	args := append([]string{"import", "--config", cfg, "--data", data, "--domain", "news.bench", "--json", "--log-level", "warn"}, files...)
	cmd := exec.Command(bin, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s import: %w", bin, err)
	}
	wall := time.Since(start).Seconds()
	var sum struct {
		Records int64 `json:"records"`
		Pages   int64 `json:"pages"`
		Added   int64 `json:"articles_added"`
		Corrupt int64 `json:"corrupt_records"`
	}
	if err := json.Unmarshal(out.Bytes(), &sum); err != nil {
		return fmt.Errorf("import summary: %w\n%s", err, out.String())
	}
	ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	res := map[string]any{
		"name": name, "pages": pages, "offsite": offsite, "page_kb": pageKB,
		"records": sum.Records, "articles": sum.Added, "file_mb": float64(size) / 1e6,
		"wall_s": wall, "records_per_s": float64(sum.Records) / wall, "mb_per_s": float64(size) / 1e6 / wall,
		"pages_per_s": float64(sum.Pages) / wall,
	}
	if ru != nil {
		res["peak_rss_mb"] = float64(ru.Maxrss) / 1024
		res["cpu_s"] = time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
	}
	os.RemoveAll(data)
	return json.NewEncoder(os.Stdout).Encode(res)
}

// generate writes the WARC file(s) with the archive writer.
func generate(dir string, pages, offsite, pageKB int) error {
	w, err := archive.Open(archive.Config{Dir: dir, MaxFileSize: 1 << 40, Software: "modelwire bench"})
	if err != nil {
		return err
	}
	site := testsite.New(testsite.Options{Extra: 50})
	site.Close() // only its articles are used
	pad := padding(pageKB << 10)
	at := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	for i := range pages + offsite {
		a := site.Articles[i%len(site.Articles)]
		host := "news.bench"
		if i >= pages {
			host = "elsewhere.bench"
		}
		a.Path = fmt.Sprintf("/%d%s", i, a.Path)
		a.Keyword = fmt.Sprintf("kw%dx", i)
		a.Body = append(append([]string{}, a.Body...), "Report "+a.Keyword+".")
		html := strings.Replace(testsite.Render(a, "http://"+host), "</body>", pad+"</body>", 1)
		x := crawler.Exchange{Method: "GET", URL: "http://" + host + a.Path, Proto: "HTTP/1.1",
			RequestHeader: http.Header{"Host": {host}, "User-Agent": {"modelwire-bench"}},
			Status:        200, StatusText: "200 OK", ResponseProto: "HTTP/1.1",
			ResponseHeader: http.Header{"Content-Type": {"text/html; charset=utf-8"}},
			Body:           []byte(html), At: at.Add(time.Duration(i) * time.Second), Source: "bench", Via: "http://" + host + "/feed.xml"}
		if err := w.Archive(context.Background(), x); err != nil {
			return err
		}
	}
	return w.Close()
}

// padding is page furniture: scripts, menus and related links.
func padding(n int) string {
	var b strings.Builder
	b.WriteString(`<script>window.dataLayer=window.dataLayer||[];`)
	for i := 0; b.Len() < n/2; i++ {
		fmt.Fprintf(&b, `dataLayer.push({"event":"view","slot":%d,"id":"%x"});`, i, i*2654435761)
	}
	b.WriteString(`</script><nav class="related"><ul>`)
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, `<li><a href="/related/%d.html">Related story number %d about open-weight models</a></li>`, i, i)
	}
	b.WriteString(`</ul></nav>`)
	return b.String()
}
