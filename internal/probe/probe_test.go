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
	s := probe.New(probe.Options{Gatherer: reg, Checks: map[string]probe.Check{
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
	s := probe.New(probe.Options{})
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
