package pipeline

import (
	"testing"
	"time"
)

func TestOutagePause(t *testing.T) {
	var o outage
	steps := []struct {
		down bool
		want time.Duration
	}{
		{false, 0},
		{true, time.Second},
		{true, 2 * time.Second},
		{true, 4 * time.Second},
		{true, 8 * time.Second},
		{true, 16 * time.Second},
		{true, 30 * time.Second},
		{true, 30 * time.Second},
		{false, 0}, // something was stored: back to normal
		{true, time.Second},
	}
	for i, s := range steps {
		if got := o.next(s.down); got != s.want {
			t.Errorf("step %d (down %v): pause %v, want %v", i, s.down, got, s.want)
		}
	}
}
