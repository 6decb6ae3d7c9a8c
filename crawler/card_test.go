package crawler

import (
	"strings"
	"testing"
	"time"

	"github.com/modelwire/modelwire/event"
)

func TestCardPage(t *testing.T) {
	created := time.Date(2025, 9, 1, 23, 58, 4, 0, time.UTC)
	tests := []struct {
		name     string
		card     string
		license  string
		bases    []string
		has      []string
		hasNot   []string
		tags     []string
		pipeline string
	}{
		{
			name: "front matter and a table",
			card: "---\nlicense: mit\nbase_model:\n- org/Base-7B\n- org/Other\ntags: [chat, code]\npipeline_tag: text-generation\n---\n# Model\n\n" +
				"| Benchmark | Model |\n|---|---|\n| MMLU | 81.2 |\n",
			license: "mit", bases: []string{"org/Base-7B", "org/Other"}, tags: []string{"chat", "code"}, pipeline: "text-generation",
			has:    []string{"<table>", "<td>MMLU</td>", "<td>81.2</td>", "License: mit.", "Base model: org/Base-7B, org/Other."},
			hasNot: []string{"license: mit\n", "---"},
		},
		{
			name:    "licence named as other",
			card:    "---\nlicense: other\nlicense_name: kestrel-community\nlicense_link: LICENSE\n---\nText.\n",
			license: "kestrel-community", has: []string{"License: kestrel-community."},
		},
		{
			name: "no front matter",
			card: "# Title\n\nSome *text* with <b>raw HTML</b>.\n",
			has:  []string{"<em>text</em>", "<b>raw HTML</b>"},
		},
		{
			name: "front matter that is not YAML",
			card: "---\nlicense: [unclosed\n---\nBody stays.\n",
			has:  []string{"Body stays."}, hasNot: []string{"unclosed"},
		},
		{
			name: "dashes never closed are text",
			card: "---\nnot front matter\n",
			has:  []string{"not front matter"},
		},
		{
			name: "no card at all",
			has:  []string{"Model repository org/Model-7B on Hugging Face, created 1 September 2025."},
		},
		{
			name: "markup in the id and in the text is escaped or inert",
			card: "<script>alert(1)</script>\n\nHello.",
			has:  []string{"Hello."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo := &event.Repository{Hub: event.HubHuggingFace, ID: "org/Model-7B", Author: "org",
				URL: "https://hub.example/org/Model-7B", CreatedAt: created}
			var card []byte
			if tt.card != "" {
				card = []byte(tt.card)
			}
			page := string(cardPage(repo, card))
			for _, s := range append([]string{"<title>org/Model-7B</title>", `<link rel="canonical" href="https://hub.example/org/Model-7B">`,
				`<meta property="article:published_time" content="2025-09-01T23:58:04Z">`}, tt.has...) {
				if !strings.Contains(page, s) {
					t.Errorf("page lacks %q:\n%s", s, page)
				}
			}
			for _, s := range tt.hasNot {
				if strings.Contains(page, s) {
					t.Errorf("page has %q:\n%s", s, page)
				}
			}
			if repo.License != tt.license || strings.Join(repo.BaseModels, "|") != strings.Join(tt.bases, "|") ||
				strings.Join(repo.Tags, "|") != strings.Join(tt.tags, "|") || repo.PipelineTag != tt.pipeline {
				t.Errorf("repository %+v", repo)
			}
		})
	}
}

func TestCardPageEscapesTheRepository(t *testing.T) {
	repo := &event.Repository{ID: `o/<img src=x onerror=y>`, URL: `https://hub.example/"x`}
	page := string(cardPage(repo, nil))
	if strings.Contains(page, "<img") || strings.Contains(page, `href="https://hub.example/"x"`) {
		t.Errorf("unescaped:\n%s", page)
	}
}

func FuzzCardPage(f *testing.F) {
	f.Add([]byte("---\nlicense: mit\n---\n# A\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("\ufeff---\nbase_model: [a, 1, {b: c}]\n...\ntext"))
	f.Fuzz(func(t *testing.T, card []byte) {
		repo := &event.Repository{ID: "o/m"}
		page := cardPage(repo, card)
		if !strings.HasSuffix(string(page), "</article></body></html>\n") {
			t.Fatalf("page not closed")
		}
	})
}
