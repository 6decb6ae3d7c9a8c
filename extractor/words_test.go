package extractor

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestWordsYAML(t *testing.T) {
	var w wordLists
	if err := yaml.Unmarshal(wordsYAML, &w); err != nil {
		t.Fatal(err)
	}
	lists := map[string]map[string][]string{
		"story_end": w.StoryEnd, "promo_labels": w.PromoLabels, "sign_up": w.SignUp,
		"sign_up_what": w.SignUpWhat, "newsletter_verbs": w.NewsletterVerbs,
	}
	for name, byLang := range lists {
		if len(byLang) == 0 {
			t.Errorf("%s: empty", name)
		}
		seen := map[string]string{}
		for lang, phrases := range byLang {
			for _, p := range phrases {
				if p != strings.ToLower(p) || strings.TrimSpace(p) != p || p == "" {
					t.Errorf("%s/%s: %q is not a trimmed lower-case phrase", name, lang, p)
				}
				if other, ok := seen[p]; ok {
					t.Errorf("%s/%s: %q is also under %s", name, lang, p, other)
				}
				seen[p] = lang
			}
		}
	}
}

func TestParseLexiconErrors(t *testing.T) {
	for name, data := range map[string]string{
		"unknown list": "story_ends: {de: [kommentare]}\n",
		"not a map":    "story_end: [kommentare]\n",
		"upper case":   "story_end: {de: [Kommentare]}\n",
		"empty list":   "story_end: {de: [kommentare], zh: [评论]}\npromo_labels: {en: [related]}\nsign_up: {en: [sign up]}\nsign_up_what: {en: []}\nnewsletter_verbs: {en: [get]}\n",
		"empty phrase": "story_end: {de: [kommentare, \"\"], zh: [评论]}\npromo_labels: {en: [related]}\nsign_up: {en: [sign up]}\nsign_up_what: {en: [inbox]}\nnewsletter_verbs: {en: [get]}\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := parseLexicon([]byte(data)); err == nil {
				t.Error("parsed, want an error")
			}
		})
	}
}
