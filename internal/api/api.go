// Package api is modelwire's HTTP side: a JSON API over the search store
// (/api/search, /api/releases, /api/models/<id>), a Server-Sent Events
// stream of release events read from MW_RELEASES (/api/releases/stream),
// Atom and JSON feeds of releases and of saved searches (/feeds/…),
// health, readiness and Prometheus metrics, and server-rendered pages: the
// search page (/) with a release timeline and a live panel of the latest
// releases, and a page per model (/model/<id>).
//
// Every handler validates its parameters strictly — an unknown or bad
// parameter gets HTTP 400 with a JSON error naming it — and bounds what it
// reads and returns. CORS headers are sent only for configured origins.
package api

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/probe"
)

// Store is the search store as the API reads it. indexer.Embedded and the
// Elasticsearch store satisfy it; it must be safe for concurrent use.
type Store interface {
	Search(ctx context.Context, q indexer.Query) (indexer.Result, error)
	Releases(ctx context.Context, q indexer.ReleaseQuery) ([]indexer.ReleaseRecord, error)
}

// Names gives the canonical identities of the names users filter by, so
// "Qwen 3 Coder", "qwen3-coder" and "큐웬3-Coder" find the same articles and
// events, and "Zhipu AI" or "智谱" the vendor zhipu. *intel.Analyzer
// satisfies it; it must be safe for concurrent use.
type Names interface {
	CanonicalModel(name string) string
	CanonicalVendor(name string) string
	CanonicalBenchmark(name string) string
}

// Options configures a Server. Store and JS are required; zero values of
// the others mean defaults.
type Options struct {
	Store Store
	// Names resolves vendor and model filters; nil compares them as given
	// (vendor ids, folded model names).
	Names Names
	// JS reads MW_RELEASES for the live stream and answers readiness.
	JS jetstream.JetStream
	// CORSOrigins may call the API from a browser ("*" for any); empty
	// sends no CORS headers.
	CORSOrigins []string
	// Registerer receives the HTTP metrics and Gatherer is served on
	// /metrics; nil Registerer means no metrics, nil Gatherer no /metrics.
	Registerer prometheus.Registerer
	Gatherer   prometheus.Gatherer
	// MaxStreams bounds the concurrent SSE clients (default 256); more get
	// HTTP 503.
	MaxStreams int
	// Heartbeat is how often an idle SSE stream gets a keep-alive comment
	// (default 15s).
	Heartbeat time.Duration
	// AllowedHosts are the Host names answered besides IP addresses, so a
	// browser page cannot reach the API through DNS rebinding (see
	// probe.AllowHosts); empty means "localhost" only.
	AllowedHosts []string
	Logger       *slog.Logger
}

//go:embed templates static
var assets embed.FS

// pageTemplate is the search page, parsed once.
var pageTemplate = template.Must(template.New("page.html").Funcs(templateFuncs).
	ParseFS(assets, "templates/page.html", "templates/header.html", "templates/timeline.html"))

// Server serves the API and the search page. It is safe for concurrent
// use; it does not own (or close) the store or the NATS connection.
type Server struct {
	store     Store
	names     Names
	js        jetstream.JetStream
	cors      []string
	log       *slog.Logger
	heartbeat time.Duration
	streams   chan struct{} // a slot per SSE client
	metrics   *metrics
	handler   http.Handler

	// stopStreams ends every SSE stream when the server shuts down.
	stopOnce    sync.Once
	stopStreams chan struct{}
}

// New returns a server; see Options.
func New(opts Options) *Server {
	if opts.MaxStreams <= 0 {
		opts.MaxStreams = 256
	}
	if opts.Heartbeat <= 0 {
		opts.Heartbeat = 15 * time.Second
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{
		store:       opts.Store,
		names:       opts.Names,
		js:          opts.JS,
		cors:        opts.CORSOrigins,
		log:         opts.Logger.With("component", "http"),
		heartbeat:   opts.Heartbeat,
		streams:     make(chan struct{}, opts.MaxStreams),
		metrics:     newMetrics(opts.Registerer),
		stopStreams: make(chan struct{}),
	}
	static, _ := fs.Sub(assets, "static") // the directory is embedded: cannot fail
	mux := http.NewServeMux()
	s.route(mux, "GET /{$}", "page", s.page)
	s.route(mux, "GET /static/", "static", http.StripPrefix("/static/", staticFiles(static)).ServeHTTP)
	s.route(mux, "GET /api/search", "search", s.search)
	s.route(mux, "GET /api/releases", "releases", s.releases)
	s.route(mux, "GET /api/releases/stream", "stream", s.stream)
	s.route(mux, "GET /api/models/{id...}", "model_api", s.modelAPI)
	s.route(mux, "GET /model/{id...}", "model", s.modelPage)
	s.route(mux, "GET /feeds/releases.atom", "feed_releases", s.releasesFeed)
	s.route(mux, "GET /feeds/releases.json", "feed_releases", s.releasesFeed)
	s.route(mux, "GET /feeds/search.atom", "feed_search", s.searchFeed)
	s.route(mux, "GET /feeds/search.json", "feed_search", s.searchFeed)
	s.route(mux, "OPTIONS /api/", "preflight", s.preflight)
	s.route(mux, "GET /healthz", "healthz", s.healthz)
	s.route(mux, "GET /readyz", "readyz", s.readyz)
	if opts.Gatherer != nil {
		mux.Handle("GET /metrics", promhttp.HandlerFor(opts.Gatherer, promhttp.HandlerOpts{}))
	}
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, &paramError{Message: "no such endpoint: " + r.Method + " " + clip(r.URL.Path)})
	})
	hosts := opts.AllowedHosts
	if len(hosts) == 0 {
		hosts = []string{"localhost"}
	}
	s.handler = probe.AllowHosts(hosts, s.secure(mux))
	return s
}

// route registers h under pattern, instrumented as handler name.
func (s *Server) route(mux *http.ServeMux, pattern, name string, h http.HandlerFunc) {
	mux.Handle(pattern, s.metrics.instrument(name, h))
}

// Handler returns the server's HTTP handler, for tests and for mounting.
func (s *Server) Handler() http.Handler { return s.handler }

// ListenAndServe listens on addr and serves until ctx ends, then shuts
// down gracefully: open SSE streams are ended, other requests get up to
// ten seconds to finish.
func (s *Server) ListenAndServe(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("http.addr %s: %w", addr, err)
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx ends (see ListenAndServe). It closes ln.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	srv.RegisterOnShutdown(func() { s.stopOnce.Do(func() { close(s.stopStreams) }) })
	return probe.RunServer(ctx, srv, ln, "http server", 10*time.Second, s.log)
}

// secure adds the headers every response carries, CORS for configured
// origins, and a write deadline for everything but the live stream.
func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		if origin := r.Header.Get("Origin"); origin != "" && len(s.cors) > 0 {
			switch {
			case slices.Contains(s.cors, "*"):
				h.Set("Access-Control-Allow-Origin", "*")
			case slices.Contains(s.cors, origin):
				h.Set("Access-Control-Allow-Origin", origin)
				h.Add("Vary", "Origin")
			}
		}
		if r.URL.Path != "/api/releases/stream" {
			http.NewResponseController(w).SetWriteDeadline(time.Now().Add(30 * time.Second))
		}
		next.ServeHTTP(w, r)
	})
}

// preflight answers CORS preflight requests of allowed origins.
func (s *Server) preflight(w http.ResponseWriter, r *http.Request) {
	if w.Header().Get("Access-Control-Allow-Origin") == "" {
		w.WriteHeader(http.StatusForbidden)
		return
	}
	w.Header().Set("Access-Control-Allow-Methods", "GET")
	w.Header().Set("Access-Control-Allow-Headers", "Last-Event-ID")
	w.Header().Set("Access-Control-Max-Age", "3600")
	w.WriteHeader(http.StatusNoContent)
}

// canonical resolves vendor and model filters to canonical ids and names
// (model ids, "vendor/model", are kept).
func (s *Server) canonical(vendors, models []string) ([]string, []string) {
	if s.names == nil {
		return vendors, models
	}
	vs := make([]string, 0, len(vendors))
	for _, v := range vendors {
		vs = append(vs, s.names.CanonicalVendor(v))
	}
	ms := make([]string, 0, len(models))
	for _, m := range models {
		if m != "" && !strings.Contains(m, "/") {
			m = s.names.CanonicalModel(m)
		}
		ms = append(ms, m)
	}
	return vs, ms
}

// benchmarks resolves benchmark filters to the catalog's names.
func (s *Server) benchmarks(names []string) []string {
	if s.names == nil {
		return names
	}
	out := make([]string, 0, len(names))
	for _, b := range names {
		out = append(out, s.names.CanonicalBenchmark(b))
	}
	return out
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	q, perr := searchQuery(r.URL.Query())
	if perr != nil {
		writeError(w, http.StatusBadRequest, perr)
		return
	}
	q.Vendors, q.Models = s.canonical(q.Vendors, q.Models)
	q.Benchmarks = s.benchmarks(q.Benchmarks)
	res, err := s.store.Search(r.Context(), q)
	if err != nil {
		s.fail(w, r, "searching", err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (s *Server) releases(w http.ResponseWriter, r *http.Request) {
	q, perr := releaseQuery(r.URL.Query())
	if perr != nil {
		writeError(w, http.StatusBadRequest, perr)
		return
	}
	var models []string
	if q.Vendors, models = s.canonical(q.Vendors, []string{q.Model}); q.Model != "" {
		q.Model = models[0]
	}
	recs, err := s.store.Releases(r.Context(), q)
	if err != nil {
		s.fail(w, r, "listing releases", err)
		return
	}
	if recs == nil {
		recs = []indexer.ReleaseRecord{}
	}
	writeJSON(w, http.StatusOK, recs)
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readyz answers 200 once NATS (the releases stream) and the store answer,
// 503 with the failing checks otherwise.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	checks := map[string]string{"nats": "ok", "store": "ok"}
	ready := true
	if _, err := s.js.Stream(ctx, event.StreamReleases); err != nil {
		checks["nats"], ready = err.Error(), false
	}
	if _, err := s.store.Releases(ctx, indexer.ReleaseQuery{Limit: 1}); err != nil {
		checks["store"], ready = err.Error(), false
	}
	status := http.StatusOK
	if !ready {
		status = http.StatusServiceUnavailable
	}
	writeJSON(w, status, map[string]any{"ready": ready, "checks": checks})
}

// fail answers a server-side failure: logged here, and the client gets a
// short message without internals.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, what string, err error) {
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		return // the client went away
	}
	if errors.Is(err, indexer.ErrBadQuery) { // the parameters passed, the store still refused them
		writeError(w, http.StatusBadRequest, &paramError{Message: err.Error()})
		return
	}
	s.log.Error(what+" failed", "path", r.URL.Path, "err", err)
	writeError(w, http.StatusInternalServerError, &paramError{Message: what + " failed; see the server log"})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // the same bytes as `modelwire search --json`
	enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, e *paramError) {
	writeJSON(w, status, e)
}

// staticFiles serves the embedded page assets with a short cache lifetime.
func staticFiles(fsys fs.FS) http.Handler {
	files := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=300")
		files.ServeHTTP(w, r)
	})
}
