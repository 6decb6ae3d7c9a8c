package probe_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/modelwire/modelwire/internal/probe"
)

func TestProbes(t *testing.T) {
	reg := prometheus.NewRegistry()
	c := prometheus.NewCounter(prometheus.CounterOpts{Name: "modelwire_test_total", Help: "A test counter."})
	reg.MustRegister(c)
	c.Add(3)
	storeUp := true
	s := probe.New(probe.Options{Gatherer: reg, AllowedHosts: []string{"example.com"}, Checks: map[string]probe.Check{
		"nats": func(context.Context) error { return nil },
		"store": func(context.Context) error {
			if !storeUp {
				return errors.New("connection refused")
			}
			return nil
		},
	}})
	get := func(path string) (int, string) {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		return rec.Code, rec.Body.String()
	}
	tests := []struct {
		name     string
		path     string
		storeUp  bool
		code     int
		contains string
	}{
		{"alive", "/healthz", false, http.StatusOK, `"status":"ok"`},
		{"ready", "/readyz", true, http.StatusOK, `"ready":true`},
		{"not ready names the failing check", "/readyz", false, http.StatusServiceUnavailable, `"store":"connection refused"`},
		{"metrics", "/metrics", true, http.StatusOK, "modelwire_test_total 3"},
		{"nothing else", "/api/search", true, http.StatusNotFound, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			storeUp = tt.storeUp
			code, body := get(tt.path)
			if code != tt.code || !strings.Contains(body, tt.contains) {
				t.Errorf("GET %s: %d %q, want %d containing %q", tt.path, code, body, tt.code, tt.contains)
			}
		})
	}
}

// TestNotReadyWhileStopping: once the process is told to stop, /readyz
// fails until the server is gone.
func TestNotReadyWhileStopping(t *testing.T) {
	s := probe.New(probe.Options{AllowedHosts: []string{"example.com"}})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	url := "http://" + ln.Addr().String()
	res, err := http.Get(url + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("ready before stopping: %d", res.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
	var body struct {
		Ready  bool              `json:"ready"`
		Checks map[string]string `json:"checks"`
	}
	data, _ := io.ReadAll(rec.Body)
	if err := json.Unmarshal(data, &body); err != nil {
		t.Fatal(err)
	}
	if rec.Code != http.StatusServiceUnavailable || body.Ready || body.Checks["shutdown"] != "stopping" {
		t.Errorf("after stop: %d %s", rec.Code, data)
	}
}

// TestHostileHostHeader: a browser page whose name was made to resolve to
// a local address (DNS rebinding) sends its own name as Host; it is
// refused with a JSON 400, while addresses, localhost and the allowed
// names are answered.
func TestHostileHostHeader(t *testing.T) {
	reg := prometheus.NewRegistry()
	s := probe.New(probe.Options{Gatherer: reg, AllowedHosts: probe.DefaultAllowedHosts("mw.internal:9101")})
	for host, want := range map[string]int{
		"attacker.example":       http.StatusBadRequest,
		"attacker.example:9101":  http.StatusBadRequest,
		"localhost.attacker.com": http.StatusBadRequest,
		"127.0.0.1:9101":         http.StatusOK,
		"[::1]:9101":             http.StatusOK,
		"10.1.2.3":               http.StatusOK,
		"localhost:9101":         http.StatusOK,
		"LOCALHOST.":             http.StatusOK,
		"mw.internal:9101":       http.StatusOK,
	} {
		r := httptest.NewRequest(http.MethodGet, "/metrics", nil)
		r.Host = host
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, r)
		if w.Code != want {
			t.Errorf("Host %s: %d, want %d", host, w.Code, want)
		}
		if want == http.StatusBadRequest && (!strings.Contains(w.Body.String(), `"error"`) || w.Header().Get("Content-Type") != "application/json; charset=utf-8") {
			t.Errorf("Host %s: refusal %q is not a JSON error", host, w.Body.String())
		}
	}
}
