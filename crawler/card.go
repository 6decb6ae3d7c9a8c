package crawler

import (
	"bytes"
	"fmt"
	"html"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"go.yaml.in/yaml/v3"

	"github.com/modelwire/modelwire/event"
)

// markdown renders model cards: CommonMark with GitHub's extensions —
// tables above all, where cards put their benchmark scores. Raw HTML in a
// card is kept (cards lay out headers and tables with it): the page is
// read by the extractor, never shown in a browser. goldmark is safe for
// concurrent use.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithRendererOptions(gmhtml.WithUnsafe()),
)

// cardPage turns a model card — YAML front matter, then Markdown — into the
// HTML page the extractor reads: titled with the repository's id, dated by
// its creation, the front matter's facts (licence, base models, task) in a
// first paragraph, then the card. It fills repo's licence, base models and
// tags from the front matter. A card may be nil (the repository has none
// yet): the page then holds the repository's facts alone.
func cardPage(repo *event.Repository, card []byte) []byte {
	card = bytes.ToValidUTF8(card, []byte("\uFFFD"))
	meta, body := frontMatter(card)
	repo.License = meta.license()
	repo.BaseModels = meta.list("base_model")
	if len(repo.Tags) == 0 {
		repo.Tags = meta.list("tags")
	}
	if repo.PipelineTag == "" {
		repo.PipelineTag = meta.text("pipeline_tag")
	}

	var b bytes.Buffer
	esc := html.EscapeString
	b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n")
	fmt.Fprintf(&b, "<title>%s</title>\n<meta property=\"og:title\" content=\"%[1]s\">\n", esc(repo.ID))
	b.WriteString("<meta property=\"og:site_name\" content=\"Hugging Face\">\n<meta property=\"og:type\" content=\"article\">\n")
	fmt.Fprintf(&b, "<link rel=\"canonical\" href=\"%s\">\n", esc(repo.URL))
	if !repo.CreatedAt.IsZero() {
		fmt.Fprintf(&b, "<meta property=\"article:published_time\" content=\"%s\">\n", repo.CreatedAt.UTC().Format(time.RFC3339))
	}
	fmt.Fprintf(&b, "<meta name=\"author\" content=\"%s\">\n", esc(repo.Author))
	if len(repo.Tags) > 0 {
		fmt.Fprintf(&b, "<meta name=\"keywords\" content=\"%s\">\n", esc(strings.Join(repo.Tags, ", ")))
	}
	fmt.Fprintf(&b, "</head><body><article>\n<h1>%s</h1>\n<p>%s</p>\n", esc(repo.ID), esc(repoFacts(repo)))
	if len(bytes.TrimSpace(body)) > 0 {
		if err := markdown.Convert(body, &b); err != nil {
			// goldmark fails only when its writer does; a bytes.Buffer
			// does not.
			fmt.Fprintf(&b, "<pre>%s</pre>\n", esc(string(body)))
		}
	}
	b.WriteString("</article></body></html>\n")
	return b.Bytes()
}

// repoFacts is the first paragraph of a card's page: what the Hub and the
// front matter say of the repository, in one sentence each.
func repoFacts(repo *event.Repository) string {
	s := "Model repository " + repo.ID + " on Hugging Face"
	if !repo.CreatedAt.IsZero() {
		s += ", created " + repo.CreatedAt.UTC().Format("2 January 2006")
	}
	s += "."
	if repo.License != "" {
		s += " License: " + repo.License + "."
	}
	if len(repo.BaseModels) > 0 {
		s += " Base model: " + strings.Join(repo.BaseModels, ", ") + "."
	}
	if repo.PipelineTag != "" {
		s += " Task: " + repo.PipelineTag + "."
	}
	return s
}

// cardMeta is a card's YAML front matter, read leniently: cards are written
// by hand, and a key may hold a string or a list.
type cardMeta map[string]any

// frontMatter splits a card into its front matter ("---" lines around
// YAML at the very start) and its Markdown. Front matter that is not YAML
// is dropped; the Markdown is kept.
func frontMatter(card []byte) (cardMeta, []byte) {
	rest, ok := bytes.CutPrefix(bytes.TrimLeft(card, "\ufeff"), []byte("---"))
	if !ok {
		return nil, card
	}
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 || len(bytes.TrimSpace(rest[:nl])) > 0 {
		return nil, card
	}
	rest = rest[nl+1:]
	end := 0
	for end < len(rest) {
		line := rest[end:]
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i]
		}
		if t := bytes.TrimRight(line, " \t\r"); bytes.Equal(t, []byte("---")) || bytes.Equal(t, []byte("...")) {
			var meta cardMeta
			if err := yaml.Unmarshal(rest[:end], &meta); err != nil {
				meta = nil
			}
			return meta, rest[min(end+len(line)+1, len(rest)):]
		}
		end += len(line) + 1
	}
	return nil, card // never closed: not front matter
}

// text returns the string under key, "" when there is none.
func (m cardMeta) text(key string) string {
	s, _ := m[key].(string)
	return strings.TrimSpace(s)
}

// list returns the strings under key, a string or a list of them.
func (m cardMeta) list(key string) []string {
	var out []string
	switch v := m[key].(type) {
	case string:
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	case []any:
		for _, e := range v {
			if s, ok := e.(string); ok && strings.TrimSpace(s) != "" && utf8.ValidString(s) {
				out = append(out, strings.TrimSpace(s))
			}
		}
	}
	return out
}

// license returns the card's licence: its name when the licence is "other"
// and named (license_name), else the licence id.
func (m cardMeta) license() string {
	l := strings.Join(m.list("license"), ", ")
	if name := m.text("license_name"); name != "" && (l == "" || l == "other") {
		return name
	}
	return l
}
