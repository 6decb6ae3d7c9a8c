package intel_test

import (
	"testing"
	"time"

	"github.com/modelwire/modelwire/event"
)

func TestRepositoryRelease(t *testing.T) {
	created := time.Date(2025, 8, 19, 14, 5, 0, 0, time.UTC)
	tests := []struct {
		name         string
		repo         *event.Repository
		title, text  string
		model        string // the one release: siblings, bases and rivals the card names are not
		vendor       string
		vendorListed bool // the vendor is in a.Vendors
	}{
		{
			name:  "vendor's own organisation",
			repo:  &event.Repository{Hub: event.HubHuggingFace, ID: "deepseek-ai/DeepSeek-V4", Author: "deepseek-ai", CreatedAt: created, License: "mit"},
			title: "deepseek-ai/DeepSeek-V4",
			text: "DeepSeek-V4 is a Mixture-of-Experts language model. We release DeepSeek-V4 and DeepSeek-V4-Base. " +
				"It outperforms GPT-4o and Qwen2.5-72B on MMLU.",
			model: "DeepSeek-V4", vendor: "deepseek", vendorListed: true,
		},
		{
			name:  "organisation spelt in another case",
			repo:  &event.Repository{Hub: event.HubHuggingFace, ID: "MOONSHOTAI/Kimi-K3", CreatedAt: created},
			title: "MOONSHOTAI/Kimi-K3", text: "Model card.",
			model: "Kimi-K3", vendor: "moonshot", vendorListed: true,
		},
		{
			name:  "unknown organisation, empty card",
			repo:  &event.Repository{Hub: event.HubHuggingFace, ID: "nova-labs/Nova-7B-Instruct", CreatedAt: created},
			title: "nova-labs/Nova-7B-Instruct", text: "Model repository nova-labs/Nova-7B-Instruct on Hugging Face.",
			model: "Nova-7B-Instruct", vendor: "nova-labs", vendorListed: true,
		},
		{
			name:  "a packaging of a model",
			repo:  &event.Repository{Hub: event.HubHuggingFace, ID: "Qwen/Qwen3-8B-FP8", CreatedAt: created},
			title: "Qwen/Qwen3-8B-FP8", text: "This is the FP8 version of Qwen3-8B, a large language model.",
			model: "Qwen3-8B", vendor: "alibaba", vendorListed: true,
		},
		{
			name:  "a fine-tune of another vendor's model",
			repo:  &event.Repository{Hub: event.HubHuggingFace, ID: "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B", CreatedAt: created},
			title: "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B", text: "DeepSeek-R1-Distill-Qwen-7B is distilled from DeepSeek-R1 on Qwen2.5-Math-7B.",
			model: "DeepSeek-R1-Distill-Qwen-7B", vendor: "deepseek", vendorListed: true,
		},
	}
	an := newAnalyzer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := event.Article{Title: tt.title, Text: tt.text, Language: "en", Repository: tt.repo,
				PublishedAt: created.Add(48 * time.Hour)}
			an.Analyze(&a, nil)
			if len(a.Releases) != 1 {
				t.Fatalf("releases %+v, want exactly %s", a.Releases, tt.model)
			}
			r := a.Releases[0]
			if r.Model != tt.model || r.Vendor != tt.vendor {
				t.Errorf("release %s/%s, want %s/%s", r.Vendor, r.Model, tt.vendor, tt.model)
			}
			if r.Confidence < 0.95 {
				t.Errorf("confidence %.2f, want first-hand (≥ 0.95)", r.Confidence)
			}
			if !r.PublishedAt.Equal(created) {
				t.Errorf("published %v, want the repository's creation %v", r.PublishedAt, created)
			}
			if r.Evidence == "" {
				t.Error("no evidence")
			}
			var model *event.Model
			for i := range a.Models {
				if a.Models[i].Name == tt.model {
					model = &a.Models[i]
				}
			}
			if model == nil || model.Vendor != tt.vendor {
				t.Errorf("models %+v lack %s by %s", a.Models, tt.model, tt.vendor)
			}
			if tt.repo.License != "" && model != nil && model.License != tt.repo.License {
				t.Errorf("licence %q, want the card's %q", model.License, tt.repo.License)
			}
			listed := false
			for _, v := range a.Vendors {
				listed = listed || v.ID == tt.vendor
			}
			if listed != tt.vendorListed {
				t.Errorf("vendors %+v, want %s listed", a.Vendors, tt.vendor)
			}
		})
	}
}

func TestRepositoryReleaseLeavesArticlesAlone(t *testing.T) {
	a := event.Article{Title: "DeepSeek releases DeepSeek-V3", Language: "en",
		Text: "DeepSeek today released DeepSeek-V3, an open-weight Mixture-of-Experts language model with 671B parameters."}
	newAnalyzer(t).Analyze(&a, nil)
	if len(a.Releases) != 1 || a.Releases[0].Model != "DeepSeek-V3" || a.Releases[0].Confidence >= 0.95 {
		t.Fatalf("releases %+v, want DeepSeek-V3 from the text alone", a.Releases)
	}
}
