// Package probe serves what an orchestrator and a monitoring system ask of
// a stage process — a crawler, extractor or indexer running on its own:
// /healthz (the process is alive), /readyz (what it depends on answers)
// and /metrics (Prometheus).
package probe

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Check reports whether one dependency answers; nil means ready.
type Check func(ctx context.Context) error

// Options configures a Server. Zero values mean defaults.
type Options struct {
	// Checks are run on every /readyz, concurrently, by name.
	Checks map[string]Check
	// Gatherer is served on /metrics (nil: no /metrics).
	Gatherer prometheus.Gatherer
	// Timeout bounds each check (default 3s).
	Timeout time.Duration
	// AllowedHosts are the Host names answered besides IP addresses (see
	// AllowHosts); empty means "localhost" only.
	AllowedHosts []string
	Logger       *slog.Logger
}

// Server answers the probes. It is safe for concurrent use.
type Server struct {
	checks   map[string]Check
	timeout  time.Duration
	log      *slog.Logger
	handler  http.Handler
	stopping atomic.Bool
}

// New returns a probe server.
func New(opts Options) *Server {
	if opts.Timeout <= 0 {
		opts.Timeout = 3 * time.Second
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{checks: opts.Checks, timeout: opts.Timeout, log: opts.Logger}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", s.readyz)
	if opts.Gatherer != nil {
		mux.Handle("GET /metrics", promhttp.HandlerFor(opts.Gatherer, promhttp.HandlerOpts{}))
	}
	s.handler = AllowHosts(hostsOrLocal(opts.AllowedHosts), mux)
	return s
}

func hostsOrLocal(hosts []string) []string {
	if len(hosts) == 0 {
		return []string{"localhost"}
	}
	return hosts
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

// readyz answers 200 when every check passes, 503 with the failures
// otherwise — and 503 once the process is shutting down, so a load
// balancer stops sending it work.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	results := map[string]string{}
	ready := !s.stopping.Load()
	if !ready {
		results["shutdown"] = "stopping"
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	names := make([]string, 0, len(s.checks))
	for name := range s.checks {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(r.Context(), s.timeout)
			defer cancel()
			res := "ok"
			if err := s.checks[name](ctx); err != nil {
				res = err.Error()
			}
			mu.Lock()
			defer mu.Unlock()
			results[name] = res
			if res != "ok" {
				ready = false
			}
		}()
	}
	wg.Wait()
	status := http.StatusOK
	if !ready {
		status = http.StatusServiceUnavailable
	}
	writeJSON(w, status, map[string]any{"ready": ready, "checks": results})
}

// ListenAndServe serves on addr until ctx ends; then /readyz answers 503
// and the server shuts down, letting requests in progress finish.
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
		WriteTimeout:      30 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	stop := context.AfterFunc(ctx, func() { s.stopping.Store(true) })
	defer stop()
	return RunServer(ctx, srv, ln, "probe server", 5*time.Second, s.log)
}

// RunServer serves srv on ln until ctx ends, then shuts it down, letting
// requests in progress finish for up to grace before it closes them. name
// ("http server") opens its log line and its errors. It closes ln.
func RunServer(ctx context.Context, srv *http.Server, ln net.Listener, name string, grace time.Duration, log *slog.Logger) error {
	log.Info(name+" listening", "url", "http://"+ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("%s: %w", name, err)
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.WithoutCancel(ctx), grace)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		srv.Close()
		return fmt.Errorf("%s shutdown: %w", name, err)
	}
	<-errc // http.ErrServerClosed
	return nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// LatencyBuckets bound the latencies from a page's fetch to a later stage
// (stored, announced): 2ms to 2 minutes, 25% apart, fine enough to read a
// p99 from.
var LatencyBuckets = prometheus.ExponentialBucketsRange(0.002, 120, 50)

// Register registers c on reg and returns it — or the collector already
// registered there under the same description, so that the parts of one
// process (stages, the HTTP API) share their collectors. A nil reg
// registers nothing: c then counts for nobody.
func Register[C prometheus.Collector](reg prometheus.Registerer, c C) C {
	if reg == nil {
		return c
	}
	if err := reg.Register(c); err != nil {
		if are, ok := errors.AsType[prometheus.AlreadyRegisteredError](err); ok {
			if existing, ok := are.ExistingCollector.(C); ok {
				return existing
			}
		}
	}
	return c
}
