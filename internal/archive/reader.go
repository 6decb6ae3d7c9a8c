package archive

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"net/textproto"
	"os"
	"strings"
	"time"

	"github.com/nlnwa/gowarc/v3"

	"github.com/modelwire/modelwire/event"
)

// DefaultMaxPayload bounds the payload of a response the Reader returns.
const DefaultMaxPayload = 32 << 20

// Response is an archived HTTP response read back from a WARC file.
type Response struct {
	// File and Offset locate the response record.
	File   string
	Offset int64
	// URL is the WARC-Target-URI; Date the WARC-Date (when the answer
	// was received).
	URL  string
	Date time.Time
	// Status and Header are the HTTP answer's.
	Status int
	Header http.Header
	// Payload is the body as the record holds it: still compressed if
	// the server sent it so, possibly chunked (see Body). It is nil when
	// TooLarge: the payload, or the rendered page, is over
	// ReaderOptions.MaxPayload.
	Payload  []byte
	TooLarge bool
	// Truncated is set when the record says the body was cut
	// (WARC-Truncated).
	Truncated bool
	// Source, Via and Hint come from the metadata record modelwire
	// writes beside a page's response; empty for other archives.
	Source string
	Via    string
	Hint   event.Hint
	// Rendered is the page as a browser's scripts left it, from an HTML
	// conversion record that refers to this response (WARC-Refers-To) and
	// follows it: modelwire writes one for each page it renders. Its
	// RenderedType is the record's Content-Type, RenderedDate its
	// WARC-Date — when the DOM was taken. Nil when there is none. Page
	// prefers it to the body.
	Rendered     []byte
	RenderedType string
	RenderedDate time.Time
}

// Page returns what a page made from this response holds: the rendered
// DOM when there is one, else the body as Body returns it; its
// Content-Type; and when it was fetched (the DOM: taken).
func (resp Response) Page(limit int64) (body []byte, contentType string, at time.Time, err error) {
	if resp.Rendered != nil {
		if int64(len(resp.Rendered)) > limit {
			return nil, "", time.Time{}, fmt.Errorf("rendered page of %d bytes over %d", len(resp.Rendered), limit)
		}
		return resp.Rendered, resp.RenderedType, resp.RenderedDate, nil
	}
	body, err = resp.Body(limit)
	return body, resp.Header.Get("Content-Type"), resp.Date, err
}

// RecordError reports a record that could not be read — corrupt,
// truncated, or bytes that are no record — at an offset in a file. The
// Reader skips it: call Next again for the records after it.
type RecordError struct {
	File   string
	Offset int64
	Err    error
}

func (e *RecordError) Error() string {
	return fmt.Sprintf("%s: record at offset %d: %v", e.File, e.Offset, e.Err)
}

func (e *RecordError) Unwrap() error { return e.Err }

// ReaderOptions configures a Reader. Zero values mean defaults.
type ReaderOptions struct {
	// MaxPayload bounds a response's payload (default DefaultMaxPayload);
	// a larger one is returned with TooLarge set and no Payload.
	MaxPayload int64
}

// Reader reads the HTTP responses of one WARC file (gzip-compressed per
// record or not) in order, one record in memory at a time (with a
// rendered page: two), so memory stays flat however large the file. A
// response's own metadata and conversion records, when they follow it,
// are read into it; other records — requests, revisits, warcinfo, other
// metadata and conversions — are passed over. It is not safe for
// concurrent use.
type Reader struct {
	path string
	opts ReaderOptions
	wf   *gowarc.WarcFileReader
	size int64

	pos       int64 // where the next record should start
	resyncing bool  // skipping a corrupt stretch: its first error was reported
	records   int64
	// pending is a response whose metadata record may follow.
	pending   *Response
	pendingID string
	out       []result // ready to return, in order
	done      bool
}

type result struct {
	resp Response
	err  error
}

// OpenReader opens a WARC file (.warc, .warc.gz, or such a file still
// being written, .open).
func OpenReader(path string, opts ReaderOptions) (*Reader, error) {
	if opts.MaxPayload <= 0 {
		opts.MaxPayload = DefaultMaxPayload
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	r := &Reader{path: path, opts: opts, size: info.Size()}
	if err := r.open(0); err != nil {
		return nil, err
	}
	return r, nil
}

// readerOptions are the gowarc options. Header fields are taken as they
// are: gowarc's checks blank a field they find invalid, and wget writes
// WARC/1.0 target URIs in angle brackets (as that version's grammar had
// them), which its WARC/1.1 URI check refuses. So the checks, and with
// them the digest checks, are off; corrupt content is told by gzip's
// checksum of each record (every WARC file of note is compressed record
// by record) and by record framing — a truncated record, bytes that are
// no record.
var readerOptions = []gowarc.WarcRecordOption{
	gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
	gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore),
	gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
	gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
}

func (r *Reader) open(offset int64) error {
	if r.wf != nil {
		r.wf.Close()
	}
	wf, err := gowarc.NewWarcFileReader(r.path, offset, readerOptions...)
	if err != nil {
		return fmt.Errorf("opening %s: %w", r.path, err)
	}
	r.wf = wf
	return nil
}

// Size returns the file's size in bytes.
func (r *Reader) Size() int64 { return r.size }

// Pos returns how far into the file the Reader has read, in bytes.
func (r *Reader) Pos() int64 { return r.pos }

// Records returns the number of records read so far, of every type.
func (r *Reader) Records() int64 { return r.records }

// Close closes the file.
func (r *Reader) Close() error {
	if r.wf == nil {
		return nil
	}
	err := r.wf.Close()
	r.wf = nil
	return err
}

// Next returns the next response. At the end of the file it returns
// io.EOF. A record that cannot be read is returned as a *RecordError
// naming its offset; the Reader has then skipped to the next record, and
// Next may be called again.
func (r *Reader) Next() (Response, error) {
	for len(r.out) == 0 {
		if r.done {
			return Response{}, io.EOF
		}
		r.step()
	}
	res := r.out[0]
	r.out = r.out[1:]
	return res.resp, res.err
}

// step reads one record and queues what it yields.
func (r *Reader) step() {
	rec, err := r.wf.Next()
	if errors.Is(err, io.EOF) {
		r.flush()
		r.done = true
		return
	}
	if err != nil {
		r.corrupt(rec, err)
		return
	}
	defer rec.Close()
	if rec.Offset > r.pos && !r.resyncing {
		// The reader skipped bytes that are no record to find this one.
		r.fail(r.pos, fmt.Errorf("%d bytes that are no WARC record, skipped", rec.Offset-r.pos))
	}
	r.pos = rec.Offset + rec.Size
	r.resyncing = false
	r.records++
	r.record(rec)
}

// corrupt reports a record gowarc could not read and moves past it: the
// reader starts again one byte further and looks for the next record.
// Only the first error of a corrupt stretch is reported.
func (r *Reader) corrupt(rec gowarc.Record, err error) {
	rec.Close()
	off := max(rec.Offset, r.pos)
	r.flush()
	if !r.resyncing {
		r.fail(off, fmt.Errorf("%w; skipped to the next record", err))
		r.resyncing = true
	}
	if off+1 >= r.size {
		r.done = true
		return
	}
	if oerr := r.open(off + 1); oerr != nil {
		r.fail(off, oerr)
		r.done = true
		return
	}
	r.pos = off + 1
}

func (r *Reader) fail(off int64, err error) {
	r.out = append(r.out, result{err: &RecordError{File: r.path, Offset: off, Err: err}})
}

// flush queues the pending response.
func (r *Reader) flush() {
	if r.pending != nil {
		r.out = append(r.out, result{resp: *r.pending})
		r.pending, r.pendingID = nil, ""
	}
}

// record handles one good record: a response is held until a record
// other than its metadata or conversion shows it complete.
func (r *Reader) record(rec gowarc.Record) {
	wr := rec.WarcRecord
	h := wr.WarcHeader()
	if r.pending != nil {
		switch {
		case wr.Type() == gowarc.Metadata && concurrentTo(h, r.pendingID):
			if b, ok := wr.Block().(gowarc.WarcFieldsBlock); ok {
				applyMetadata(r.pending, b.WarcFields())
			}
			return
		case wr.Type() == gowarc.Conversion && h.GetId(gowarc.WarcRefersTo) == r.pendingID && isHTMLType(h.Get(gowarc.ContentType)):
			r.rendered(rec, r.pending)
			return
		}
	}
	r.flush()
	if wr.Type() != gowarc.Response {
		return
	}
	block, ok := wr.Block().(gowarc.HttpResponseBlock)
	if !ok {
		return // a response of another protocol (dns:, say)
	}
	resp := Response{File: r.path, Offset: rec.Offset, URL: strings.Trim(h.Get(gowarc.WarcTargetURI), "<>"),
		Status: block.HttpStatusCode(), Truncated: h.Has(gowarc.WarcTruncated)}
	resp.Date = warcDate(h)
	resp.Header = rawHeader(block)
	payload, err := block.PayloadBytes()
	if err != nil {
		r.fail(rec.Offset, fmt.Errorf("reading the payload: %w", err))
		return
	}
	buf, err := io.ReadAll(io.LimitReader(payload, r.opts.MaxPayload+1))
	if err != nil {
		r.fail(rec.Offset, fmt.Errorf("reading the payload: %w", err))
		return
	}
	if int64(len(buf)) > r.opts.MaxPayload {
		resp.TooLarge = true
	} else {
		resp.Payload = buf
	}
	r.pending, r.pendingID = &resp, h.GetId(gowarc.WarcRecordID)
}

// blockReaderOptions read one record's block however it is typed: with
// readerOptions, gowarc reads only HTTP and warc-fields blocks and passes
// over the others (it keeps a block only when it checks its digest).
var blockReaderOptions = []gowarc.WarcRecordOption{
	gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
	gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
	gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
	gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
}

// block reads the block of the record at offset, at most limit+1 bytes.
func (r *Reader) block(offset, limit int64) ([]byte, error) {
	wf, err := gowarc.NewWarcFileReader(r.path, offset, blockReaderOptions...)
	if err != nil {
		return nil, err
	}
	defer wf.Close()
	rec, err := wf.Next()
	if err != nil {
		return nil, err
	}
	defer rec.Close()
	raw, err := rec.WarcRecord.Block().RawBytes()
	if err != nil {
		return nil, err
	}
	return io.ReadAll(io.LimitReader(raw, limit+1))
}

// rendered reads a conversion record's DOM into resp.
func (r *Reader) rendered(rec gowarc.Record, resp *Response) {
	h := rec.WarcRecord.WarcHeader()
	buf, err := r.block(rec.Offset, r.opts.MaxPayload)
	if err != nil {
		r.fail(rec.Offset, fmt.Errorf("reading the rendered page: %w", err))
		return
	}
	if int64(len(buf)) > r.opts.MaxPayload {
		resp.TooLarge, resp.Payload = true, nil
		return
	}
	resp.Rendered, resp.RenderedType, resp.RenderedDate = buf, h.Get(gowarc.ContentType), warcDate(h)
	if resp.RenderedDate.IsZero() {
		resp.RenderedDate = resp.Date
	}
}

func warcDate(h *gowarc.WarcFields) time.Time {
	if t, err := time.Parse(time.RFC3339Nano, h.Get(gowarc.WarcDate)); err == nil {
		return t.UTC()
	}
	return time.Time{}
}

// isHTMLType reports whether a Content-Type is HTML's.
func isHTMLType(ct string) bool {
	mt, _, _ := strings.Cut(strings.ToLower(ct), ";")
	mt = strings.TrimSpace(mt)
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// rawHeader returns the response's headers as recorded: gowarc's parsed
// copy (net/http's) drops Transfer-Encoding, which tells whether the
// payload is still chunked.
func rawHeader(block gowarc.HttpResponseBlock) http.Header {
	tp := textproto.NewReader(bufio.NewReader(bytes.NewReader(block.ProtocolHeaderBytes())))
	if _, err := tp.ReadLine(); err == nil { // the status line
		if h, err := tp.ReadMIMEHeader(); err == nil || len(h) > 0 {
			return http.Header(h)
		}
	}
	if h := block.HttpHeader(); h != nil {
		return h.Clone()
	}
	return http.Header{}
}

func concurrentTo(h *gowarc.WarcFields, id string) bool {
	for _, v := range h.GetAll(gowarc.WarcConcurrentTo) {
		if strings.Trim(v, "<>") == id {
			return true
		}
	}
	return false
}

func applyMetadata(resp *Response, f *gowarc.WarcFields) {
	resp.Via = f.Get(fieldVia)
	resp.Source = f.Get(fieldSource)
	resp.Hint.Title = f.Get(fieldTitle)
	if t, err := time.Parse(time.RFC3339Nano, f.Get(fieldPublished)); err == nil {
		resp.Hint.PublishedAt = t
	}
	resp.Hint.Feed = resp.Via
}

// ErrContentEncoding reports a payload whose Transfer-Encoding or
// Content-Encoding cannot be undone.
var ErrContentEncoding = errors.New("cannot decode the payload")

// Body returns the response's body as the server meant it: a chunked
// payload de-chunked (when the record kept the chunks, as wget does) and
// gzip or deflate Content-Encoding undone, at most limit bytes (a larger
// body fails).
func (resp Response) Body(limit int64) ([]byte, error) {
	body := resp.Payload
	if strings.Contains(strings.ToLower(resp.Header.Get("Transfer-Encoding")), "chunked") {
		if b, err := io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(body))); err == nil {
			body = b
		} // else the record holds it de-chunked already
	}
	var zr io.Reader
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
		if int64(len(body)) > limit {
			return nil, fmt.Errorf("body of %d bytes over %d", len(body), limit)
		}
		return body, nil
	case "gzip", "x-gzip":
		g, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, fmt.Errorf("%w: gzip: %v", ErrContentEncoding, err)
		}
		zr = g
	case "deflate":
		br := bufio.NewReader(bytes.NewReader(body))
		if head, err := br.Peek(2); err == nil && head[0]&0x0f == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 {
			z, err := zlib.NewReader(br)
			if err != nil {
				return nil, fmt.Errorf("%w: deflate: %v", ErrContentEncoding, err)
			}
			zr = z
		} else {
			zr = flate.NewReader(br)
		}
	default:
		return nil, fmt.Errorf("%w: Content-Encoding %q", ErrContentEncoding, enc)
	}
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrContentEncoding, err)
	}
	if int64(len(out)) > limit {
		return nil, fmt.Errorf("body over %d bytes", limit)
	}
	return out, nil
}
