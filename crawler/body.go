package crawler

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// maxDiscardBytes is how much of an answer that is not 2xx is read: its
// body is never used, and reading a little lets a small answer's
// connection be reused.
const maxDiscardBytes = 4 << 10

// bodyLimitKey is the request context key of the body limit (an int64) of
// one fetch; without it bodyTransport uses its own.
type bodyLimitKey struct{}

// withBodyLimit returns ctx carrying the body limit of one request.
func withBodyLimit(ctx context.Context, limit int64) context.Context {
	return context.WithValue(ctx, bodyLimitKey{}, limit)
}

// bodyTransport wraps the transport colly sends requests through so that
// colly reads bodies the way the crawler needs them. A 2xx body is decoded
// (Content-Encoding gzip or deflate, zlib-wrapped or raw) and fails with
// ErrTooLarge once more than the limit arrives — the download is aborted,
// never truncated, so colly's own MaxBodySize is switched off. Any other
// body is cut after maxDiscardBytes. Every response is marked Uncompressed,
// which keeps colly from gunzipping by itself: it would do so without a
// size bound, for .xml.gz paths and gzip Content-Types too, where
// parseSitemap does it within the limit.
//
// Hand-written because no library bounds a decoded body by erroring; safe
// for concurrent use.
type bodyTransport struct {
	next  http.RoundTripper
	limit int64 // used when the request context carries none
}

// RoundTrip sends req through the wrapped transport and wraps the body.
func (t *bodyTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	resp.Uncompressed = true
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		resp.Body = readCloser{io.LimitReader(resp.Body, maxDiscardBytes), resp.Body}
		return resp, nil
	}
	limit, _ := req.Context().Value(bodyLimitKey{}).(int64)
	if limit <= 0 {
		limit = t.limit
	}
	resp.Body = &decodedBody{
		raw:      resp.Body,
		encoding: strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))),
		length:   resp.ContentLength,
		limit:    limit,
	}
	// As net/http does when it decodes a body itself.
	resp.Header.Del("Content-Encoding")
	resp.Header.Del("Content-Length")
	resp.ContentLength = -1
	return resp, nil
}

// readCloser reads from one reader and closes another.
type readCloser struct {
	io.Reader
	io.Closer
}

// decodedBody is a response body with its Content-Encoding undone, that
// fails with ErrTooLarge past limit decoded bytes. Nothing is read before
// the first Read, so colly's OnResponseHeaders can still abort the
// download.
type decodedBody struct {
	raw      io.ReadCloser
	encoding string // Content-Encoding, lower case
	length   int64  // Content-Length on the wire; -1 when unknown
	limit    int64
	r        io.Reader // the decoder, set up on the first Read
	close    func() error
	n        int64 // decoded bytes read so far
	err      error // sticky
}

// Read reads decoded bytes.
func (b *decodedBody) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	if b.r == nil {
		if b.length > b.limit {
			b.err = fmt.Errorf("%w: Content-Length %d over %d", ErrTooLarge, b.length, b.limit)
			return 0, b.err
		}
		if b.r, b.close, b.err = decoder(b.encoding, b.raw); b.err != nil {
			return 0, b.err
		}
	}
	if room := b.limit - b.n + 1; int64(len(p)) > room {
		p = p[:room] // one byte past the limit is enough to tell
	}
	n, err := b.r.Read(p)
	b.n += int64(n)
	switch {
	case b.n > b.limit:
		b.err = fmt.Errorf("%w: more than %d bytes", ErrTooLarge, b.limit)
		return 0, b.err
	case err != nil && err != io.EOF && isFormatError(err):
		b.err = fmt.Errorf("%w: %s: %v", ErrEncoding, b.encoding, err)
		return n, b.err
	}
	return n, err
}

// Close closes the decoder and the raw body.
func (b *decodedBody) Close() error {
	if b.close != nil {
		b.close()
	}
	return b.raw.Close()
}

// decoder returns a reader undoing the Content-Encoding enc of r, and a
// function that releases it.
func decoder(enc string, r io.Reader) (io.Reader, func() error, error) {
	switch enc {
	case "", "identity":
		return r, nil, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, nil, fmt.Errorf("%w: gzip: %v", ErrEncoding, err)
		}
		return zr, zr.Close, nil
	case "deflate":
		br := bufio.NewReader(r)
		if head, err := br.Peek(2); err == nil && isZlibHeader(head) {
			zr, err := zlib.NewReader(br)
			if err != nil {
				return nil, nil, fmt.Errorf("%w: deflate: %v", ErrEncoding, err)
			}
			return zr, zr.Close, nil
		}
		fr := flate.NewReader(br)
		return fr, fr.Close, nil
	}
	return nil, nil, fmt.Errorf("%w: unsupported Content-Encoding %q", ErrEncoding, enc)
}

// isZlibHeader reports whether b starts a zlib stream (RFC 1950); some
// servers send raw DEFLATE under "deflate" instead.
func isZlibHeader(b []byte) bool {
	return b[0]&0x0f == 8 && (uint16(b[0])<<8|uint16(b[1]))%31 == 0
}

func isFormatError(err error) bool {
	var ce flate.CorruptInputError
	return errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) ||
		errors.Is(err, zlib.ErrChecksum) || errors.Is(err, zlib.ErrHeader) || errors.As(err, &ce)
}
