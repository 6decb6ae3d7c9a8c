package indexer_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/modelwire/modelwire/indexer"
)

// esURL is the dev Elasticsearch node the integration tests use.
func esURL() string {
	if u := os.Getenv("MODELWIRE_TEST_ES_URL"); u != "" {
		return strings.TrimRight(u, "/")
	}
	return "http://127.0.0.1:9200"
}

var esCheck struct {
	once sync.Once
	err  error
}

// requireES fails the test, never skips it, when the node does not answer.
func requireES(t testing.TB) {
	t.Helper()
	esCheck.once.Do(func() {
		c := http.Client{Timeout: 5 * time.Second}
		res, err := c.Get(esURL() + "/_cluster/health")
		if err != nil {
			esCheck.err = err
			return
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			esCheck.err = fmt.Errorf("cluster health answered %s", res.Status)
		}
	})
	if esCheck.err != nil {
		t.Fatalf("Elasticsearch is not reachable at %s (%v): start the dev node with `make es-up` (or set MODELWIRE_TEST_ES_URL)", esURL(), esCheck.err)
	}
}

// uniquePrefix returns an index prefix no other test run uses, and deletes
// its indices and templates when the test ends.
func uniquePrefix(t testing.TB) string {
	t.Helper()
	b := make([]byte, 4)
	rand.Read(b)
	prefix := "mwtest-" + hex.EncodeToString(b)
	t.Cleanup(func() { deletePrefix(t, prefix) })
	return prefix
}

func deletePrefix(t testing.TB, prefix string) {
	var aliases map[string]any
	if status, _ := esDo(t, "GET", "/"+prefix+"-*/_alias", nil, &aliases); status == http.StatusOK {
		for index := range aliases {
			esDo(t, "DELETE", "/"+index, nil, nil)
		}
	}
	for _, kind := range []string{"articles", "releases"} {
		esDo(t, "DELETE", "/_index_template/"+prefix+"-"+kind, nil, nil)
	}
}

// esDo sends a raw request to the dev node and decodes the JSON answer into
// out (if not nil). It returns the status and the raw body.
func esDo(t testing.TB, method, path string, body any, out any) (int, []byte) {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, esURL()+path, r)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	if out != nil && res.StatusCode < 300 {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s %s: %v\n%s", method, path, err, data)
		}
	}
	return res.StatusCode, data
}

// openElastic opens a store with a fresh prefix on the dev node; it is
// closed when the test ends.
func openElastic(t testing.TB, cfg indexer.ElasticConfig) *indexer.Elastic {
	t.Helper()
	requireES(t)
	if cfg.Addresses == nil {
		cfg.Addresses = []string{esURL()}
	}
	if cfg.IndexPrefix == "" {
		cfg.IndexPrefix = uniquePrefix(t)
	}
	s, err := indexer.OpenElastic(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func refresh(t testing.TB, s *indexer.Elastic) {
	t.Helper()
	if err := s.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// proxy forwards TCP connections from a loopback port to Elasticsearch; it
// plays an Elasticsearch that goes away (down: the port refuses and open
// connections are cut) and comes back (up) on the same address.
type proxy struct {
	addr, target string

	mu    sync.Mutex
	ln    net.Listener
	conns map[net.Conn]bool
}

// newProxy reserves a free port for a proxy to target, starting down.
func newProxy(t *testing.T, target string) *proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{addr: ln.Addr().String(), target: strings.TrimPrefix(target, "http://"), conns: map[net.Conn]bool{}}
	ln.Close()
	t.Cleanup(p.down)
	return p
}

func (p *proxy) url() string { return "http://" + p.addr }

func (p *proxy) up(t *testing.T) {
	t.Helper()
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		t.Fatal(err)
	}
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go p.serve(c)
		}
	}()
}

func (p *proxy) serve(c net.Conn) {
	back, err := net.Dial("tcp", p.target)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	p.conns[c], p.conns[back] = true, true
	p.mu.Unlock()
	go func() { io.Copy(back, c); back.Close() }()
	io.Copy(c, back)
	c.Close()
}

func (p *proxy) down() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for c := range p.conns {
		c.Close()
		delete(p.conns, c)
	}
}
