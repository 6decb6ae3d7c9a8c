package webhook

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 3, 6, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name, in string
		want     time.Duration
	}{
		{"empty", "", 0},
		{"seconds", "120", 2 * time.Minute},
		{"negative seconds", "-5", 0},
		{"huge seconds are capped at a day", "99999999999", 24 * time.Hour},
		{"http date", now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{"date in the past", now.Add(-time.Hour).Format(http.TimeFormat), 0},
		{"garbage", "soon", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parseRetryAfter(tt.in, now); got != tt.want {
				t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestDeliveryErrorPermanent(t *testing.T) {
	for status, want := range map[int]bool{0: false, 302: true, 400: true, 401: true, 404: true, 408: false, 429: false, 500: false, 503: false} {
		if got := (&deliveryError{status: status}).permanent(); got != want {
			t.Errorf("status %d: permanent = %v, want %v", status, got, want)
		}
	}
}

// TestSignature: a signature covers the timestamp, the delivery id and the
// body; a changed one of them, an old timestamp (a replay) or a wrong
// secret does not verify.
func TestSignature(t *testing.T) {
	now := time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC)
	body := []byte(`{"kind":"release"}`)
	sig := Sign("s3cret", now, "MW_RELEASES-7", body)
	if !strings.HasPrefix(sig, "t=1751371200,v1=") || len(sig) != len("t=1751371200,v1=")+64 {
		t.Fatalf("signature %q, want t=<unix>,v1=<64 hex>", sig)
	}
	tests := []struct {
		name, secret, header, delivery string
		body                           []byte
		at                             time.Time
		ok                             bool
	}{
		{"genuine", "s3cret", sig, "MW_RELEASES-7", body, now.Add(time.Minute), true},
		{"another v1 beside it", "s3cret", sig + ",v1=00ff", "MW_RELEASES-7", body, now, true},
		{"replayed later", "s3cret", sig, "MW_RELEASES-7", body, now.Add(DefaultSignatureTolerance + time.Second), false},
		{"from the future", "s3cret", sig, "MW_RELEASES-7", body, now.Add(-DefaultSignatureTolerance - time.Second), false},
		{"other delivery id", "s3cret", sig, "MW_RELEASES-8", body, now, false},
		{"other body", "s3cret", sig, "MW_RELEASES-7", []byte(`{"kind":"forged"}`), now, false},
		{"wrong secret", "guess", sig, "MW_RELEASES-7", body, now, false},
		{"timestamp changed", "s3cret", strings.Replace(sig, "t=1751371200", "t=1751371260", 1), "MW_RELEASES-7", body, now, false},
		{"old body-only form", "s3cret", "sha256=" + strings.Repeat("0", 64), "MW_RELEASES-7", body, now, false},
		{"empty", "s3cret", "", "MW_RELEASES-7", body, now, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := VerifySignature(tt.secret, tt.header, tt.delivery, tt.body, tt.at, 0)
			if (err == nil) != tt.ok {
				t.Errorf("VerifySignature = %v, want ok %v", err, tt.ok)
			}
			if err != nil && !errors.Is(err, ErrBadSignature) {
				t.Errorf("err = %v, want ErrBadSignature", err)
			}
		})
	}
}
