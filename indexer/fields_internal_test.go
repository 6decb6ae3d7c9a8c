package indexer

import (
	"slices"
	"testing"

	"github.com/modelwire/modelwire/event"
)

func TestNameParts(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Qwen2.5-Max", "Qwen 2.5 Max"},
		{"DeepSeek-V3.1", "DeepSeek V 3.1"},
		{"GLM-4.5", "GLM 4.5"},
		{"Kimi K2", "Kimi K 2"},
		{"Llama 3.1 405B", "Llama 3.1 405 B"},
		{"Qwen3-235B-A22B", "Qwen 3 235 B A 22 B"},
		{"通义千问2.5", "通义千问 2.5"},
		{"MiniMax", "MiniMax"},
		{"v1.", "v 1"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := nameParts(tt.in); got != tt.want {
			t.Errorf("nameParts(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNameTerms(t *testing.T) {
	a := event.Article{
		Vendors: []event.Vendor{{ID: "alibaba", Name: "Alibaba"}, {ID: "deepseek", Name: "DeepSeek"}},
		Models:  []event.Model{{Name: "Qwen2.5-Max", Family: "Qwen"}, {Name: "DeepSeek-V3", Family: "DeepSeek"}},
	}
	want := []string{"Alibaba", "DeepSeek", "Qwen2.5-Max", "Qwen 2.5 Max", "Qwen", "DeepSeek-V3", "DeepSeek V 3"}
	if got := nameTerms(a); !slices.Equal(got, want) {
		t.Errorf("nameTerms = %q, want %q", got, want)
	}
}
