package bus_test

import (
	"slices"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/internal/bus"
)

func TestReleaseFilter(t *testing.T) {
	tests := []struct {
		name            string
		vendors, models []string
		want            []string
	}{
		{"everything", nil, nil, []string{"mw.releases.>"}},
		{"one vendor", []string{"DeepSeek"}, nil, []string{"mw.releases.deepseek.*"}},
		{"one model", nil, []string{"Qwen2.5-Max"}, []string{"mw.releases.*.qwen2-5-max"}},
		{"pairs, folded and deduplicated", []string{"qwen", "deepseek", "DeepSeek"}, []string{"R1", "r1"},
			[]string{"mw.releases.deepseek.r1", "mw.releases.qwen.r1"}},
		{"wildcards are folded away", []string{"*"}, []string{">"}, []string{"mw.releases.unknown.unknown"}},
		{"model id", nil, []string{"alibaba/Qwen3-Coder"}, []string{"mw.releases.alibaba.qwen3-coder"}},
		{"model id names its vendor", []string{"deepseek"}, []string{"alibaba/qwen3"}, []string{"mw.releases.alibaba.qwen3"}},
		{"model id and name", []string{"deepseek"}, []string{"alibaba/qwen3", "DeepSeek-R1"}, []string{"mw.releases.alibaba.qwen3", "mw.releases.deepseek.deepseek-r1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := bus.ReleaseFilter(tt.vendors, tt.models); !slices.Equal(got, tt.want) {
				t.Errorf("ReleaseFilter(%q, %q) = %q, want %q", tt.vendors, tt.models, got, tt.want)
			}
		})
	}
}

func TestReleaseReader(t *testing.T) {
	since := time.Date(2025, 3, 6, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		start  bus.ReleaseStart
		policy jetstream.DeliverPolicy
		seq    uint64
		time   bool
	}{
		{"new only", bus.ReleaseStart{}, jetstream.DeliverNewPolicy, 0, false},
		{"all", bus.ReleaseStart{All: true}, jetstream.DeliverAllPolicy, 0, false},
		{"since", bus.ReleaseStart{Since: since}, jetstream.DeliverByStartTimePolicy, 0, true},
		{"resume after a sequence wins", bus.ReleaseStart{All: true, AfterSeq: 41, Since: since}, jetstream.DeliverByStartSequencePolicy, 42, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := bus.ReleaseReader([]string{"mw.releases.>"}, tt.start)
			if cfg.DeliverPolicy != tt.policy || cfg.OptStartSeq != tt.seq || (cfg.OptStartTime != nil) != tt.time {
				t.Errorf("config %+v", cfg)
			}
			if tt.time && !cfg.OptStartTime.Equal(since) {
				t.Errorf("start time %v", cfg.OptStartTime)
			}
		})
	}
}

func TestWebhookConsumerName(t *testing.T) {
	a, b := bus.WebhookConsumerName("https://hooks.example/a?token=x"), bus.WebhookConsumerName("https://hooks.example/b")
	if a == b || len(a) != len("webhook-")+12 || a != bus.WebhookConsumerName("https://hooks.example/a?token=x") {
		t.Errorf("names %q %q", a, b)
	}
}
