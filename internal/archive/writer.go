// Package archive keeps every answer the crawler receives as WARC records
// (ISO 28500, WARC/1.1) and reads WARC files back — modelwire's own and
// any other crawler's (wget --warc-file, Heritrix, Common Crawl's CC-NEWS)
// — for reprocessing and import.
//
// Records are built, written and parsed by github.com/nlnwa/gowarc/v3, the
// WARC library of the National Library of Norway's crawler; this package
// only decides what goes into them: a request and a response record per
// answer (a revisit record, profile server-not-modified, for a 304),
// linked by WARC-Concurrent-To, plus a metadata record saying how a page
// was found (source, via, the listing's title and date), as Heritrix
// writes one. A page rendered in a browser adds a conversion record: the
// DOM its scripts built (text/html), WARC-Refers-To the response it was
// built from, as browser-based archivers keep a page's rendered form
// beside what the server sent.
//
// Files are gzip-compressed record by record, written under a name ending
// in .open and renamed when closed: at archive.max_file_size, after
// archive.max_file_age, and when the process stops. Names are unique
// across processes and hosts, as Heritrix and wget make them:
// PREFIX-TIMESTAMP-SERIAL-PID~HOST~RANDOM.warc.gz.
package archive

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nlnwa/gowarc/v3"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/internal/probe"
)

// Config configures a Writer. The settings that are configuration
// (archive.*) are taken as given — internal/config holds their defaults —
// and a zero value means none.
type Config struct {
	// Dir is where the files are written; it is created if missing.
	Dir string
	// MaxFileSize is the size at which a file is closed and the next one
	// opened (0: no bound; a record is never split).
	MaxFileSize int64
	// MaxFileAge is how long a file stays open at most, so that closed
	// files reach a volume snapshot or an object-store sync soon (0: until
	// the size bound or Close).
	MaxFileAge time.Duration
	// Keep is what is kept of closed files (default: everything).
	Keep Keep
	// Prefix starts every file name (default DefaultPrefix).
	Prefix string
	// Software names the writer in each file's warcinfo record.
	Software string
}

// DefaultPrefix is what an empty Config.Prefix means.
const DefaultPrefix = "modelwire"

// Writer writes answers to WARC files in Config.Dir: one writer per
// process, one file open at a time. It is safe for concurrent use; Close
// it to close the open file.
type Writer struct {
	cfg     Config
	w       *gowarc.WarcFileWriter
	log     *slog.Logger
	stop    chan struct{}
	stopped sync.WaitGroup
	once    sync.Once

	records, bytes, failures, pruned atomic.Int64
}

// Option configures a Writer.
type Option func(*Writer)

// WithLogger sets the logger (default: discard).
func WithLogger(l *slog.Logger) Option { return func(w *Writer) { w.log = l } }

// Open creates Config.Dir if needed, prunes it by Config.Keep and returns
// a Writer. The first file is opened with the first record.
func Open(cfg Config, opts ...Option) (*Writer, error) {
	if cfg.Dir == "" {
		return nil, errors.New("archive: no directory")
	}
	if cfg.Prefix == "" {
		cfg.Prefix = DefaultPrefix
	}
	if err := os.MkdirAll(cfg.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("archive: %w", err)
	}
	w := &Writer{cfg: cfg, log: slog.New(slog.DiscardHandler), stop: make(chan struct{})}
	for _, o := range opts {
		o(w)
	}
	w.w = gowarc.NewWarcFileWriter(
		gowarc.WithFileNameGenerator(newNames(cfg.Dir, cfg.Prefix)),
		gowarc.WithMaxFileSize(max(cfg.MaxFileSize, 0)),
		gowarc.WithCompression(true),
		// WARC-Concurrent-To is set by records: gowarc's option would put
		// it on a conversion record too, which the standard forbids.
		gowarc.WithWarcInfoFunc(w.warcinfo),
		gowarc.WithAfterFileCreationHook(func(name string, size int64, _ string) error {
			w.log.Info("archive file closed", "file", name, "bytes", size)
			w.prune()
			return nil
		}),
	)
	w.prune()
	if cfg.MaxFileAge > 0 {
		w.stopped.Add(1)
		go w.rotate()
	}
	return w, nil
}

// warcinfo fills the warcinfo record that opens every file.
func (w *Writer) warcinfo(rb gowarc.WarcRecordBuilder) error {
	f := &gowarc.WarcFields{}
	software := w.cfg.Software
	if software == "" {
		software = "modelwire"
	}
	f.Set("software", software+" (gowarc)")
	f.Set("format", "WARC File Format 1.1")
	f.Set("conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/")
	if h, err := os.Hostname(); err == nil {
		f.Set("hostname", h)
	}
	_, err := rb.WriteString(f.String())
	return err
}

// rotate closes the open file every MaxFileAge until Close.
func (w *Writer) rotate() {
	defer w.stopped.Done()
	t := time.NewTicker(w.cfg.MaxFileAge)
	defer t.Stop()
	for {
		select {
		case <-w.stop:
			return
		case <-t.C:
			if err := w.w.Rotate(); err != nil {
				w.log.Warn("closing the archive file failed", "err", err)
			}
		}
	}
}

// Close closes the open file (renaming it without .open). Records
// archived after Close fail.
func (w *Writer) Close() error {
	w.once.Do(func() {
		close(w.stop)
		w.stopped.Wait()
		w.w.Close()
	})
	return nil
}

// Stats returns the records written and their bytes (uncompressed),
// the answers that could not be archived, and the files pruned.
func (w *Writer) Stats() (records, bytes, failures, pruned int64) {
	return w.records.Load(), w.bytes.Load(), w.failures.Load(), w.pruned.Load()
}

// RegisterMetrics registers modelwire_archive_records_total,
// modelwire_archive_bytes_total, modelwire_archive_failures_total and
// modelwire_archive_files_pruned_total on reg.
func (w *Writer) RegisterMetrics(reg prometheus.Registerer) {
	for _, m := range []struct {
		name, help string
		v          *atomic.Int64
	}{
		{"modelwire_archive_records_total", "WARC records written to the archive.", &w.records},
		{"modelwire_archive_bytes_total", "Bytes of WARC records written to the archive, before compression.", &w.bytes},
		{"modelwire_archive_failures_total", "Answers that could not be archived (their fetch failed and is tried again).", &w.failures},
		{"modelwire_archive_files_pruned_total", "Closed archive files deleted by archive.keep.", &w.pruned},
	} {
		v := m.v
		probe.Register(reg, prometheus.NewCounterFunc(prometheus.CounterOpts{Name: m.name, Help: m.help},
			func() float64 { return float64(v.Load()) }))
	}
}

// Archive writes x as a request record and a response record (a revisit
// record for a 304), a metadata record when x says how the page was
// found, and a conversion record holding x.Rendered, if set. It returns once the records are written to the open file (not
// synced to disk: as durable as JetStream's own file store, which syncs
// every two minutes). Safe for concurrent use.
func (w *Writer) Archive(ctx context.Context, x crawler.Exchange) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	recs, err := records(x)
	if err != nil {
		w.failures.Add(1)
		return err
	}
	res := w.w.Write(recs...)
	if res == nil {
		w.failures.Add(1)
		return errors.New("archive is closed")
	}
	var errs []error
	var n int64
	for _, r := range res {
		if r.Err != nil {
			errs = append(errs, r.Err)
		}
		n += r.BytesWritten
	}
	if err := errors.Join(errs...); err != nil {
		w.failures.Add(1)
		return fmt.Errorf("writing WARC records of %s: %w", x.URL, err)
	}
	w.records.Add(int64(len(recs)))
	w.bytes.Add(n)
	return nil
}

// Record and field names this package writes beyond gowarc's constants.
const (
	contentTypeRequest  = "application/http;msgtype=request"
	contentTypeResponse = "application/http;msgtype=response"
	// ContentTypeRendered is the Content-Type of a conversion record
	// holding a rendered page: the DOM is serialised as UTF-8.
	ContentTypeRendered = "text/html; charset=utf-8"
	profileNotModified  = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
	// Fields of the metadata record (application/warc-fields): "via" is
	// Heritrix's; the others are modelwire's.
	fieldVia       = "via"
	fieldSource    = "modelwire-source"
	fieldTitle     = "modelwire-title"
	fieldPublished = "modelwire-published"
)

// records builds the WARC records of one exchange: request, response,
// metadata (all WARC-Concurrent-To each other) and conversion (WARC-Refers-To
// the response), in that order, the order the Reader expects.
func records(x crawler.Exchange) ([]gowarc.WarcRecord, error) {
	var out []gowarc.WarcRecord
	fail := func(err error) ([]gowarc.WarcRecord, error) {
		for _, r := range out {
			r.Close()
		}
		return nil, err
	}
	fetched := map[string]string{}
	if ip := hostOf(x.IP); ip != "" {
		fetched[gowarc.WarcIPAddress] = ip
	}
	sent := x.Sent
	if sent.IsZero() {
		sent = x.At
	}
	req, err := build(gowarc.Request, sent, x.URL, contentTypeRequest, requestBlock(x), fetched)
	if err != nil {
		return fail(fmt.Errorf("request record of %s: %w", x.URL, err))
	}
	out = append(out, req)
	kind, block := gowarc.Response, responseBlock(x, true)
	extra := maps.Clone(fetched)
	if x.Status == http.StatusNotModified {
		kind, block = gowarc.Revisit, responseBlock(x, false)
		extra[gowarc.WarcProfile] = profileNotModified
		if !x.Previous.IsZero() {
			extra[gowarc.WarcRefersToTargetURI] = x.URL
			extra[gowarc.WarcRefersToDate] = x.Previous.UTC().Format(time.RFC3339Nano)
		}
	}
	if x.Truncated {
		extra[gowarc.WarcTruncated] = "length"
		if len(x.Body) == 0 {
			extra[gowarc.WarcTruncated] = "unspecified" // not captured at all
		}
	}
	resp, err := build(kind, x.At, x.URL, contentTypeResponse, block, extra)
	if err != nil {
		return fail(fmt.Errorf("response record of %s: %w", x.URL, err))
	}
	out = append(out, resp)
	if meta := metadataBlock(x); meta != nil {
		m, err := build(gowarc.Metadata, x.At, x.URL, gowarc.ApplicationWarcFields, meta, fetched)
		if err != nil {
			return fail(fmt.Errorf("metadata record of %s: %w", x.URL, err))
		}
		out = append(out, m)
	}
	for i, r := range out {
		for j, o := range out {
			if i != j {
				r.WarcHeader().AddId(gowarc.WarcConcurrentTo, o.WarcHeader().GetId(gowarc.WarcRecordID))
			}
		}
	}
	if x.Rendered != nil {
		at := x.RenderedAt
		if at.IsZero() {
			at = x.At
		}
		// WARC-Refers-To names the response; WARC-Refers-To-Target-URI
		// and -Date are for revisit records only (WARC 1.1, 5.11, 5.12):
		// the target URI says the rest.
		conv, err := build(gowarc.Conversion, at, x.URL, ContentTypeRendered, x.Rendered,
			map[string]string{gowarc.WarcRefersTo: "<" + resp.WarcHeader().GetId(gowarc.WarcRecordID) + ">"})
		if err != nil {
			return fail(fmt.Errorf("conversion record of %s: %w", x.URL, err))
		}
		out = append(out, conv)
	}
	return out, nil
}

// build makes one record with the given block.
func build(kind gowarc.RecordType, at time.Time, uri, contentType string, block []byte, extra map[string]string) (gowarc.WarcRecord, error) {
	rb := gowarc.NewRecordBuilder(kind, gowarc.WithAddMissingDigest(true), gowarc.WithStrictValidation())
	rb.AddWarcHeaderTime(gowarc.WarcDate, at)
	rb.AddWarcHeader(gowarc.WarcTargetURI, uri)
	rb.AddWarcHeader(gowarc.ContentType, contentType)
	for k, v := range extra {
		rb.AddWarcHeader(k, v)
	}
	if _, err := rb.Write(block); err != nil {
		rb.Close()
		return nil, err
	}
	rec, _, err := rb.Build()
	return rec, err
}

// hostOf returns the address of "ip:port" without the port.
func hostOf(addr string) string {
	if i := strings.LastIndexByte(addr, ':'); i > 0 {
		return strings.Trim(addr[:i], "[]")
	}
	return addr
}

// requestBlock is the HTTP request message: request line and headers.
func requestBlock(x crawler.Exchange) []byte {
	var b bytes.Buffer
	target := x.URL
	if i := strings.Index(target, "://"); i >= 0 {
		if j := strings.IndexByte(target[i+3:], '/'); j >= 0 {
			target = target[i+3+j:]
		} else {
			target = "/"
		}
	}
	if k := strings.IndexByte(target, '#'); k >= 0 {
		target = target[:k]
	}
	fmt.Fprintf(&b, "%s %s %s\r\n", x.Method, target, x.Proto)
	b.WriteString("Host: " + x.RequestHeader.Get("Host") + "\r\n")
	h := x.RequestHeader.Clone()
	h.Del("Host")
	h.Write(&b) // sorted, as net/http sends them
	b.WriteString("\r\n")
	return b.Bytes()
}

// responseBlock is the HTTP response message: status line, headers and,
// with body, the body as received.
func responseBlock(x crawler.Exchange, body bool) []byte {
	var b bytes.Buffer
	status := x.StatusText
	if status == "" {
		status = strconv.Itoa(x.Status) + " " + http.StatusText(x.Status)
	}
	fmt.Fprintf(&b, "%s %s\r\n", x.ResponseProto, status)
	x.ResponseHeader.Write(&b)
	b.WriteString("\r\n")
	if body {
		b.Write(x.Body)
	}
	return b.Bytes()
}

// metadataBlock holds how a page was found, or nil when nothing is known.
func metadataBlock(x crawler.Exchange) []byte {
	f := &gowarc.WarcFields{}
	add := func(name, value string) {
		if value = oneLine(value); value != "" {
			f.Add(name, value)
		}
	}
	add(fieldVia, x.Via)
	add(fieldSource, x.Source)
	add(fieldTitle, x.Hint.Title)
	if !x.Hint.PublishedAt.IsZero() {
		add(fieldPublished, x.Hint.PublishedAt.Format(time.RFC3339Nano))
	}
	if len(*f) == 0 {
		return nil
	}
	return []byte(f.String())
}

// oneLine folds line breaks and surrounding space, which a WARC field
// value cannot hold.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// names makes file names unique across processes and hosts:
// PREFIX-YYYYMMDDhhmmssSSS-SERIAL-PID~HOST~ID.warc (gowarc adds .gz and,
// while the file is written, .open). ID is random per Writer, so two
// writers in one process (tests run several "processes" in one), or a
// container restarted with the same PID and host name, never collide; a
// collision would still fail the create (O_EXCL), not overwrite.
type names struct {
	dir, prefix, host, id string
	pid                   int
	serial                atomic.Int64
}

func newNames(dir, prefix string) *names {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "localhost"
	}
	host = strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ' ' || r == ':' {
			return '_'
		}
		return r
	}, host)
	return &names{dir: dir, prefix: prefix, host: host, id: rand.Text()[:8], pid: os.Getpid()}
}

// NewWarcfileName implements gowarc.WarcFileNameGenerator.
func (n *names) NewWarcfileName() (string, string) {
	ts := strings.Replace(time.Now().UTC().Format("20060102150405.000"), ".", "", 1)
	return n.dir, fmt.Sprintf("%s-%s-%05d-%d~%s~%s.warc", n.prefix, ts, n.serial.Add(1), n.pid, n.host, n.id)
}

// isArchiveFile reports whether name is a closed file of this writer's
// naming, which Keep may delete.
func isArchiveFile(name, prefix string) bool {
	return strings.HasPrefix(name, prefix+"-") && strings.HasSuffix(name, ".warc.gz")
}
