package api_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/modelwire/modelwire/internal/api"
)

// TestHostileRequests: client input that used to reach a store or NATS
// and fail there with a 500 — dates the stores cannot represent, a
// Last-Event-ID that overflows when resumed after, more terms than
// Elasticsearch allows, a list parameter of any length, a Host of a
// rebinding attacker — gets a 400 with a JSON error.
func TestHostileRequests(t *testing.T) {
	f := newFixture(t, api.Options{})
	manyVendors := strings.TrimSuffix(strings.Repeat("v,", api.MaxValues+5), ",")
	tests := []struct {
		name, path string
		header     []string
		param      string
	}{
		{"since 1600", "/api/search?since=1600-01-01", nil, "since"},
		{"until 9999", "/api/search?until=9999-12-31", nil, "until"},
		{"41 terms", "/api/search?q=" + url.QueryEscape(strings.Repeat("a ", 41)), nil, "q"},
		{"vendors in one comma list", "/api/search?vendor=" + manyVendors, nil, "vendor"},
		{"releases since 1600", "/api/releases?since=1600-01-01", nil, "since"},
		{"releases of a comma list of vendors", "/api/releases?vendor=" + manyVendors, nil, "vendor"},
		{"Last-Event-ID overflow", "/api/releases/stream", []string{"Last-Event-ID", "18446744073709551615"}, "Last-Event-ID"},
		{"Last-Event-ID over 2^63", "/api/releases/stream", []string{"Last-Event-ID", "9223372036854775808"}, "Last-Event-ID"},
		{"last_event_id overflow", "/api/releases/stream?last_event_id=18446744073709551615", nil, "last_event_id"},
		{"stream since 1600", "/api/releases/stream?since=1600-01-01", nil, "since"},
		{"rebinding Host", "/api/search?q=deepseek", []string{"Host", "attacker.example"}, "Host"},
		{"rebinding Host on /metrics", "/metrics", []string{"Host", "attacker.example:8080"}, "Host"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, f.srv.URL+tt.path, nil)
			for i := 0; i+1 < len(tt.header); i += 2 {
				if tt.header[i] == "Host" {
					req.Host = tt.header[i+1]
				} else {
					req.Header.Set(tt.header[i], tt.header[i+1])
				}
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var e struct{ Error, Param string }
			if err := json.NewDecoder(resp.Body).Decode(&e); err != nil || resp.StatusCode != http.StatusBadRequest || e.Error == "" || e.Param != tt.param {
				t.Errorf("%d %+v (%v); want 400 with a JSON error on %s", resp.StatusCode, e, err, tt.param)
			}
		})
	}
	// The limits themselves are answered.
	resp, _ := get(t, f.srv.URL+"/api/search?since=1900-01-01&until=2199-12-31")
	if resp.StatusCode != http.StatusOK {
		t.Errorf("dates at the limits: %d, want 200", resp.StatusCode)
	}
}
