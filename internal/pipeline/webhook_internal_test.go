package pipeline

import (
	"net/http"
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
