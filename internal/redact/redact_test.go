package redact_test

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/modelwire/modelwire/internal/redact"
)

func TestURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.com/a?id=7", "https://example.com/a?id=7"},
		{"nats://crawler:s3cret@n1:4222", "nats://crawler:REDACTED@n1:4222"},
		{"nats://t0ken@n1:4222", "nats://REDACTED@n1:4222"},
		{"https://api.example/feed.xml?api_key=abc&page=2", "https://api.example/feed.xml?api_key=REDACTED&page=2"},
		{"https://h.example/x?access_token=a&X-Amz-Signature=b&sig=c&Client-Secret=d", "https://h.example/x?access_token=REDACTED&X-Amz-Signature=REDACTED&sig=REDACTED&Client-Secret=REDACTED"},
		{"https://h.example/x?token", "https://h.example/x?token"}, // no value to hide
		{"not a url", "not a url"},
		{"/relative?token=x", "/relative?token=x"},
	}
	for _, tt := range tests {
		if got := redact.URL(tt.in); got != tt.want {
			t.Errorf("URL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEndpoint(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://hooks.slack.com/services/T0/B0/XXXX", "https://hooks.slack.com/…"},
		{"https://user:pw@hooks.example/", "https://hooks.example"},
		{"https://hooks.example?token=x", "https://hooks.example/…"},
		{"::", redact.Mask},
	}
	for _, tt := range tests {
		if got := redact.Endpoint(tt.in); got != tt.want {
			t.Errorf("Endpoint(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestText(t *testing.T) {
	in := `connecting to nats nats://a:pw1@n1:4222,nats://a:pw2@n2:4222: Post "https://h.example/x?token=t0k": refused`
	got := redact.Text(in)
	for _, secret := range []string{"pw1", "pw2", "t0k"} {
		if strings.Contains(got, secret) {
			t.Errorf("Text left %s in %q", secret, got)
		}
	}
	if !strings.Contains(got, "n2:4222") || !strings.Contains(got, "refused") {
		t.Errorf("Text changed more than the secrets: %q", got)
	}
}

// TestHandler: whatever a log line carries a URL in — message, string,
// error, Stringer, group, a logger's own attributes — its secrets are
// masked, and the rest of the line is kept.
func TestHandler(t *testing.T) {
	var b bytes.Buffer
	log := slog.New(redact.Handler(slog.NewTextHandler(&b, nil))).With("nats", "nats://u:with-attrs@h:4222")
	log.Info("fetching https://x.example/feed?key=in-message failed",
		"url", "https://x.example/p?token=in-string",
		"err", fmt.Errorf("wrapped: %w", errors.New(`Get "https://u:in-error@x.example/": EOF`)),
		slog.Group("g", "u", "https://x.example/?password=in-group"),
		"n", 42)
	out := b.String()
	for _, secret := range []string{"with-attrs", "in-message", "in-string", "in-error", "in-group"} {
		if strings.Contains(out, secret) {
			t.Errorf("%s reached the log: %s", secret, out)
		}
	}
	for _, kept := range []string{"n=42", "g.u=", "fetching https://x.example/feed?key=REDACTED failed", "wrapped:"} {
		if !strings.Contains(out, kept) {
			t.Errorf("log line lacks %q: %s", kept, out)
		}
	}
}
