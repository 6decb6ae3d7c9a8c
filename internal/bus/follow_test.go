package bus_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/bus"
	"github.com/modelwire/modelwire/internal/bus/bustest"
)

func TestFollowReleases(t *testing.T) {
	js := bustest.Start(t)
	bustest.PublishRelease(t, js, "deepseek", "DeepSeek-R2")
	if _, err := js.Publish(context.Background(), "mw.releases.deepseek.garbage", []byte("not an event")); err != nil {
		t.Fatal(err)
	}
	bustest.PublishRelease(t, js, "qwen", "QwQ-32B")
	bustest.PublishRelease(t, js, "deepseek", "DeepSeek-V4")

	tests := []struct {
		name    string
		filter  []string
		start   bus.ReleaseStart
		stopAt  int
		want    string
		skipped int
	}{
		{"all, skipping garbage", bus.ReleaseFilter(nil, nil), bus.ReleaseStart{All: true}, 3, "DeepSeek-R2@1,QwQ-32B@3,DeepSeek-V4@4", 1},
		{"one vendor", bus.ReleaseFilter([]string{"deepseek"}, nil), bus.ReleaseStart{All: true}, 2, "DeepSeek-R2@1,DeepSeek-V4@4", 1},
		{"one model", bus.ReleaseFilter(nil, []string{"QwQ-32B"}), bus.ReleaseStart{All: true}, 1, "QwQ-32B@3", 0},
		{"after a sequence", bus.ReleaseFilter(nil, nil), bus.ReleaseStart{AfterSeq: 3}, 1, "DeepSeek-V4@4", 0},
		{"since an hour ago", bus.ReleaseFilter(nil, nil), bus.ReleaseStart{Since: time.Now().Add(-time.Hour)}, 3, "DeepSeek-R2@1,QwQ-32B@3,DeepSeek-V4@4", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			var got []string
			skipped, err := bus.FollowReleases(ctx, js, tt.filter, tt.start, func(seq uint64, ev event.ReleaseEvent) error {
				got = append(got, ev.Model+"@"+strconv.FormatUint(seq, 10))
				if len(got) == tt.stopAt {
					return bus.ErrStopFollowing
				}
				return nil
			})
			if err != nil || ctx.Err() != nil {
				t.Fatalf("err %v, ctx %v (got %v)", err, ctx.Err(), got)
			}
			if strings.Join(got, ",") != tt.want || skipped != tt.skipped {
				t.Errorf("got %v, skipped %d; want %s, %d", got, skipped, tt.want, tt.skipped)
			}
		})
	}
	t.Run("a handler error is returned", func(t *testing.T) {
		boom := errors.New("boom")
		_, err := bus.FollowReleases(context.Background(), js, bus.ReleaseFilter(nil, nil), bus.ReleaseStart{All: true},
			func(uint64, event.ReleaseEvent) error { return boom })
		if !errors.Is(err, boom) {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("ending ctx ends following quietly", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		n := 0
		_, err := bus.FollowReleases(ctx, js, bus.ReleaseFilter(nil, nil), bus.ReleaseStart{All: true},
			func(uint64, event.ReleaseEvent) error {
				if n++; n == 3 {
					cancel()
				}
				return nil
			})
		if err != nil || n != 3 {
			t.Errorf("err %v after %d events", err, n)
		}
	})
	t.Run("hooks: open, skip, idle", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		var calls []string
		events := 0
		_, err := bus.FollowReleases(ctx, js, bus.ReleaseFilter(nil, nil), bus.ReleaseStart{All: true},
			func(uint64, event.ReleaseEvent) error { calls = append(calls, "event"); events++; return nil },
			bus.OnOpen(func() error { calls = append(calls, "open"); return nil }),
			bus.OnSkip(func(subject string, _ error) { calls = append(calls, "skip "+subject) }),
			bus.OnIdle(20*time.Millisecond, func() error {
				if events < 3 { // the stream is still being read
					return nil
				}
				calls = append(calls, "idle")
				return bus.ErrStopFollowing
			}))
		want := "open,event,skip mw.releases.deepseek.garbage,event,event,idle"
		if err != nil || strings.Join(calls, ",") != want {
			t.Errorf("calls %v, err %v; want %s", calls, err, want)
		}
	})
	t.Run("an open hook's error is returned", func(t *testing.T) {
		boom := errors.New("boom")
		_, err := bus.FollowReleases(context.Background(), js, bus.ReleaseFilter(nil, nil), bus.ReleaseStart{All: true},
			func(uint64, event.ReleaseEvent) error { return nil }, bus.OnOpen(func() error { return boom }))
		if !errors.Is(err, boom) {
			t.Errorf("err = %v", err)
		}
	})
}
