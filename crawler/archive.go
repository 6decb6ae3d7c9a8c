package crawler

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"sync/atomic"
	"time"

	"github.com/modelwire/modelwire/event"
)

// Archiver keeps every answer the crawler receives — a WARC writer, say.
// The crawler archives an answer before it publishes the page or records
// the fetch in the Seen store, and a failure to archive fails the fetch
// (counted as "archive", tried again on the next pass): so a page that
// reached the index is always in the archive. Archive must not return
// before x is stored as durably as pages are published. Implementations
// must be safe for concurrent use.
type Archiver interface {
	Archive(ctx context.Context, x Exchange) error
}

// WithArchive makes the crawler hand every answer it reads — pages,
// feeds, sitemaps, robots.txt, redirects, errors, 304s — to a (default:
// none). Answers the crawler refuses before reading their body (not
// HTML, too large) are not archived.
func WithArchive(a Archiver) Option { return func(c *Crawler) { c.archive = a } }

// ErrArchive wraps a failure to archive an answer; the fetch fails and is
// tried again on the next pass.
var ErrArchive = errors.New("archiving the answer failed")

// Exchange is one HTTP request and the answer to it, as sent and received
// on the wire.
type Exchange struct {
	// Method, URL and Proto are the request line; RequestHeader holds the
	// headers sent (Host included).
	Method, URL, Proto string
	RequestHeader      http.Header
	// Status and StatusText ("200 OK") are the answer's status;
	// ResponseProto its protocol ("HTTP/1.1").
	Status                    int
	StatusText, ResponseProto string
	// ResponseHeader holds the headers received, Content-Encoding and
	// Content-Length included (a chunked body is stored de-chunked,
	// without its Transfer-Encoding).
	ResponseHeader http.Header
	// Body is the body as received: still compressed if the server sent
	// it so. Truncated is set when only its start was read (an error
	// answer's body, of which the crawler reads a few kilobytes) or, with
	// an empty Body, when the body could not be captured at all (a
	// browser's redirect).
	Body      []byte
	Truncated bool
	// IP is the address of the server that answered, if known.
	IP string
	// Sent is when the request was written to its connection, At when
	// the answer was received (millisecond precision; Sent is zero when
	// unknown). The page published from the answer carries At as its
	// FetchedAt.
	Sent, At time.Time
	// Source, Via and Hint say how a page was found: the configured
	// source, the feed, sitemap or page that listed it, and what the
	// listing said about it. Empty for robots.txt, feeds and sitemaps.
	Source string
	Via    string
	Hint   event.Hint
	// Previous is when the URL was last answered in full, for a 304.
	Previous time.Time
	// Rendered is the document as a browser's scripts left it (its
	// serialised DOM, UTF-8) when the crawler rendered this answer's page,
	// and RenderedAt when the DOM was taken: the page published from it
	// carries RenderedAt as its FetchedAt. An archive keeps it beside the
	// answer it was rendered from (a WARC conversion record).
	Rendered   []byte
	RenderedAt time.Time
}

// archiveInfo is what a fetch tells the archive beyond the exchange.
type archiveInfo struct {
	source, via string
	hint        event.Hint
	previous    time.Time
}

// captureKey is the request context key of a *capture.
type captureKey struct{}

// capture collects one request and its answer as they pass through
// captureTransport.
type capture struct {
	req *http.Request
	// The answer's status line and headers, copied as they arrived
	// (bodyTransport removes Content-Encoding and Content-Length later).
	answered   bool
	status     int
	statusText string
	proto      string
	header     http.Header
	length     int64 // Content-Length; -1 when unknown
	ip         string
	body       bytes.Buffer
	eof        bool         // the whole body was read
	sent       atomic.Int64 // when the request was written, Unix ns (set by fetchOnce's trace)
}

// withCapture returns ctx carrying c, which captureTransport fills.
func withCapture(ctx context.Context, c *capture) context.Context {
	ctx = context.WithValue(ctx, captureKey{}, c)
	return httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		GotConn: func(info httptrace.GotConnInfo) {
			if a := info.Conn.RemoteAddr(); a != nil {
				c.ip = a.String()
			}
		},
	})
}

// captureTransport records, for requests whose context carries a capture,
// the request as sent and the answer's status, headers and body as
// received: it sits below bodyTransport, which decodes the body. Safe for
// concurrent use.
type captureTransport struct {
	next http.RoundTripper
}

// RoundTrip sends req and tees the answer's body into the capture.
func (t captureTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	c, _ := req.Context().Value(captureKey{}).(*capture)
	resp, err := t.next.RoundTrip(req)
	if c == nil || err != nil {
		return resp, err
	}
	c.req, c.answered = req, true
	c.status, c.statusText, c.header, c.length = resp.StatusCode, resp.Status, resp.Header.Clone(), resp.ContentLength
	c.proto = resp.Proto
	if resp.ProtoMajor != 1 {
		// WARC holds HTTP/1.x messages: an HTTP/2 exchange is written in
		// that form, as browser-based archivers do.
		c.proto = "HTTP/1.1"
	}
	resp.Body = &teeBody{ReadCloser: resp.Body, c: c}
	return resp, nil
}

// teeBody copies what is read of a body into its capture.
type teeBody struct {
	io.ReadCloser
	c *capture
}

func (b *teeBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.c.body.Write(p[:n])
	if err == io.EOF {
		b.c.eof = true
	}
	return n, err
}

// exchange builds the Exchange of a captured request and answer.
func (c *capture) exchange(at time.Time, info archiveInfo) (Exchange, bool) {
	if !c.answered {
		return Exchange{}, false
	}
	hdr := c.req.Header.Clone()
	if hdr == nil {
		hdr = http.Header{}
	}
	host := c.req.Host
	if host == "" {
		host = c.req.URL.Host
	}
	hdr.Set("Host", host)
	x := Exchange{
		Method: c.req.Method, URL: c.req.URL.String(), Proto: "HTTP/1.1", RequestHeader: hdr,
		Status: c.status, StatusText: c.statusText, ResponseProto: c.proto,
		ResponseHeader: c.header,
		Body:           c.body.Bytes(),
		Truncated:      !c.eof && (c.length < 0 || int64(c.body.Len()) < c.length),
		IP:             c.ip, At: at,
		Source: info.source, Via: info.via, Hint: info.hint,
	}
	if ns := c.sent.Load(); ns != 0 {
		x.Sent = time.Unix(0, ns).UTC().Truncate(time.Millisecond)
	}
	if c.status == http.StatusNotModified {
		x.Previous = info.previous
	}
	return x, true
}

// archiveExchange hands x to the archive, if there is one.
func (c *Crawler) archiveExchange(ctx context.Context, x Exchange) error {
	if c.archive == nil {
		return nil
	}
	if err := c.archive.Archive(ctx, x); err != nil {
		return fmt.Errorf("%s: %w: %w", x.URL, ErrArchive, err)
	}
	return nil
}
