package chromium

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httputil"
	"sync"
	"time"

	"github.com/modelwire/modelwire/crawler"
)

// DialFunc connects to network address addr ("host:port").
type DialFunc func(ctx context.Context, network, addr string) (net.Conn, error)

// proxy is the browser's only way out: Chromium is started with
// --proxy-server pointing here (loopback included, through
// --proxy-bypass-list=<-loopback>), and every connection it asks for —
// HTTPS tunnels by CONNECT, plain HTTP by absolute URL — is dialled with
// dial, which refuses what the crawler refuses (crawler.GuardedDialer:
// private and loopback addresses, checked after DNS resolution). So no
// script on a rendered page reaches an address the crawler would not,
// whatever it asks for and however its host name resolves.
//
// Written here because the job is small — CONNECT and one reverse proxy
// from the standard library — and a general proxy library would add
// options (MITM, caching) that must stay off.
type proxy struct {
	dial DialFunc
	log  *slog.Logger
	srv  *http.Server
	ln   net.Listener
	rp   *httputil.ReverseProxy

	mu    sync.Mutex
	conns map[net.Conn]struct{} // tunnels, closed with the proxy
	// refusals are the addresses dial refused (ErrPrivateAddress), so a
	// page that failed can say why; bounded by maxRefusals.
	refusals map[string]error
}

// maxRefusals bounds the refusals remembered.
const maxRefusals = 256

// startProxy listens on a loopback port and serves until close.
func startProxy(dial DialFunc, timeout time.Duration, log *slog.Logger) (*proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &proxy{dial: dial, log: log, ln: ln, conns: map[net.Conn]struct{}{}, refusals: map[string]error{}}
	guarded := func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dial(ctx, network, addr)
		if errors.Is(err, crawler.ErrPrivateAddress) {
			p.refuse(addr, err)
		}
		return c, err
	}
	p.dial = guarded
	p.rp = &httputil.ReverseProxy{
		// The request is in absolute form already: pass it on unchanged
		// but for the hop-by-hop headers ReverseProxy drops.
		Rewrite: func(r *httputil.ProxyRequest) { r.Out.URL = r.In.URL },
		Transport: &http.Transport{
			Proxy:                 nil,
			DialContext:           guarded,
			ResponseHeaderTimeout: timeout,
			MaxIdleConnsPerHost:   4,
			IdleConnTimeout:       30 * time.Second,
		},
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			p.log.Debug("browser request refused or failed", "url", r.URL.String(), "err", err)
			http.Error(w, err.Error(), http.StatusBadGateway)
		},
	}
	p.srv = &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second}
	go p.srv.Serve(ln)
	return p, nil
}

// refuse remembers that addr was refused for err.
func (p *proxy) refuse(addr string, err error) {
	p.mu.Lock()
	if len(p.refusals) >= maxRefusals {
		clear(p.refusals)
	}
	p.refusals[addr] = err
	p.mu.Unlock()
}

// refused returns why addr was refused, or nil.
func (p *proxy) refused(addr string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.refusals[addr]
}

// addr is the proxy's "host:port".
func (p *proxy) addr() string { return p.ln.Addr().String() }

// ServeHTTP handles one request of the browser.
func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodConnect {
		if r.URL.Host == "" {
			http.Error(w, "this is a forward proxy", http.StatusBadRequest)
			return
		}
		p.rp.ServeHTTP(w, r)
		return
	}
	upstream, err := p.dial(r.Context(), "tcp", r.Host)
	if err != nil {
		p.log.Debug("browser connection refused or failed", "addr", r.Host, "err", err)
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	hj, ok := w.(http.Hijacker)
	if !ok {
		upstream.Close()
		http.Error(w, "cannot tunnel", http.StatusInternalServerError)
		return
	}
	client, buf, err := hj.Hijack()
	if err != nil {
		upstream.Close()
		return
	}
	if _, err := client.Write([]byte("HTTP/1.1 200 Connection Established\r\n\r\n")); err != nil {
		client.Close()
		upstream.Close()
		return
	}
	p.track(client, upstream)
	go func() {
		defer p.untrack(client, upstream)
		done := make(chan struct{}, 2)
		go func() {
			// What the browser sent after CONNECT, already buffered.
			if n := buf.Reader.Buffered(); n > 0 {
				b, _ := buf.Reader.Peek(n)
				upstream.Write(b)
			}
			io.Copy(upstream, client)
			closeWrite(upstream)
			done <- struct{}{}
		}()
		go func() {
			io.Copy(client, upstream)
			closeWrite(client)
			done <- struct{}{}
		}()
		<-done
		<-done
	}()
}

func closeWrite(c net.Conn) {
	if tc, ok := c.(interface{ CloseWrite() error }); ok {
		tc.CloseWrite()
		return
	}
	c.Close()
}

func (p *proxy) track(conns ...net.Conn) {
	p.mu.Lock()
	for _, c := range conns {
		p.conns[c] = struct{}{}
	}
	p.mu.Unlock()
}

func (p *proxy) untrack(conns ...net.Conn) {
	p.mu.Lock()
	for _, c := range conns {
		c.Close()
		delete(p.conns, c)
	}
	p.mu.Unlock()
}

// close stops the proxy and every tunnel.
func (p *proxy) close() error {
	err := p.srv.Close()
	p.mu.Lock()
	for c := range p.conns {
		c.Close()
	}
	p.mu.Unlock()
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}
