package crawler

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/modelwire/modelwire/event"
)

// HuggingFace is a source of organisations on the Hugging Face Hub. Every
// pass lists each organisation's models newest first through the Hub's
// public API (GET /api/models?author=…&sort=createdAt&direction=-1), and
// fetches the model card (/{repo}/raw/main/README.md) of every repository
// not seen before or whose lastModified changed. A card becomes a page at
// {endpoint}/{repo}: the card's Markdown rendered as HTML, titled with the
// repository's id, dated by its creation, carrying the repository
// (event.Repository) as first-hand release evidence.
type HuggingFace struct {
	// Authors are the organisations (or users) to watch ("deepseek-ai").
	Authors []string
	// Endpoint is the Hub's address ("https://huggingface.co").
	Endpoint string
	// Limit is how many of an organisation's newest repositories one pass
	// lists (0: as many as the Hub gives in one answer).
	Limit int
	// Token, if set, is sent as "Authorization: Bearer …" to Endpoint's
	// host only.
	Token string
}

// maxCardBytes bounds a model card; real ones are a few to a hundred KB.
const maxCardBytes = 2 << 20

// listURL is the API request listing author's newest models: full=true
// adds lastModified to each entry.
func (h HuggingFace) listURL(author string) string {
	q := url.Values{}
	q.Set("author", author)
	q.Set("sort", "createdAt")
	q.Set("direction", "-1")
	if h.Limit > 0 {
		q.Set("limit", strconv.Itoa(h.Limit))
	}
	q.Set("full", "true")
	return h.origin() + "/api/models?" + q.Encode()
}

// repoURL is the page of repository id ("org/name") on the Hub.
func (h HuggingFace) repoURL(id string) string {
	org, name, _ := strings.Cut(id, "/")
	return h.origin() + "/" + url.PathEscape(org) + "/" + url.PathEscape(name)
}

// origin is Endpoint without a trailing slash.
func (h HuggingFace) origin() string { return strings.TrimRight(h.Endpoint, "/") }

// cardURL is where the raw model card of repository id is.
func (h HuggingFace) cardURL(id string) string {
	return h.repoURL(id) + "/raw/main/README.md"
}

// hubModel is one entry of the Hub's model list, in its documented shape.
type hubModel struct {
	ID           string    `json:"id"`
	ModelID      string    `json:"modelId"`
	Author       string    `json:"author"`
	CreatedAt    time.Time `json:"createdAt"`
	LastModified time.Time `json:"lastModified"`
	Private      bool      `json:"private"`
	Disabled     bool      `json:"disabled"`
	Tags         []string  `json:"tags"`
	PipelineTag  string    `json:"pipeline_tag"`
}

// parseHubList reads the Hub's model list.
func parseHubList(body []byte) ([]hubModel, error) {
	var models []hubModel
	if err := json.Unmarshal(bytes.TrimSpace(body), &models); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidHubListing, err)
	}
	return models, nil
}

// hubEntries queues the card of every public repository of the listing t
// read, owned by the author it asked for.
func (p *pass) hubEntries(t *task, body []byte) error {
	models, err := parseHubList(body)
	if err != nil {
		return err
	}
	hf := p.src.HuggingFace
	for _, m := range models {
		id := m.ID
		if id == "" {
			id = m.ModelID
		}
		org, name, ok := strings.Cut(id, "/")
		if !ok || name == "" || strings.Contains(name, "/") || !strings.EqualFold(org, t.author) || m.Private || m.Disabled {
			continue
		}
		page, err := Normalize(hf.repoURL(id))
		if err != nil {
			continue
		}
		changed := m.LastModified
		if changed.IsZero() {
			changed = m.CreatedAt
		}
		p.addPage(&task{url: page, kind: kindCard, parent: t.url, listed: changed,
			hint: event.Hint{Title: id, PublishedAt: m.CreatedAt},
			repo: &event.Repository{Hub: event.HubHuggingFace, ID: id, Author: org, URL: page,
				CreatedAt: m.CreatedAt, LastModified: m.LastModified, Tags: m.Tags, PipelineTag: m.PipelineTag}}, true)
	}
	return nil
}

// handleCard fetches the model card of the repository t lists — unless the
// repository did not change since its card was published — and publishes
// it as a page. A repository without a card (404) is published too: the
// repository alone is the release.
func (p *pass) handleCard(ctx context.Context, t *task) {
	key := SeenKey(t.url)
	rec, ok, err := p.c.seen.Get(ctx, key)
	if err != nil {
		p.failed(ctx, t, fmt.Errorf("%w: %w", errSeenStore, err))
		return
	}
	// The Hub dates every change: a card published before is fetched
	// again only when its repository changed, however long ago that was.
	if ok && (rec.ContentHash != "" && !t.listed.After(rec.Listed) || p.notDue(rec, t)) {
		p.st.skip(SkipNotDue)
		return
	}
	if p.pages.Add(1) > p.src.pageLimit() {
		p.st.skip(SkipMaxPages)
		p.markPartial(t.parent)
		return
	}
	if p.c.pacer != nil {
		if err := p.c.pacer.Wait(ctx); err != nil {
			p.failed(ctx, t, err)
			return
		}
	}
	hf := p.src.HuggingFace
	spec := p.hubSpec(hf.cardURL(t.repo.ID))
	spec.maxBody = maxCardBytes
	if ok && rec.ContentHash != "" && rec.Status < 400 {
		spec.etag, spec.lastModified = rec.ETag, rec.LastModified
	}
	ans, err := p.c.fetch(ctx, spec)
	if err != nil {
		p.failed(ctx, t, err)
		return
	}
	now := p.c.now().UTC()
	var card []byte
	switch {
	case ans.status == http.StatusNotModified:
		p.st.notModified.Add(1)
		rec.URL, rec.FetchedAt, rec.Listed = t.url, now, later(rec.Listed, t.listed)
		p.put(ctx, rec)
		return
	case ans.status == http.StatusNotFound:
		// A repository created a moment ago often has no card yet.
	case ans.status < 200 || ans.status > 299:
		p.failed(ctx, t, &StatusError{Code: ans.status})
		return
	default:
		card = ans.body
	}
	repo := *t.repo
	body := cardPage(&repo, card)
	next := Record{URL: t.url, ETag: ans.header.Get("ETag"), LastModified: ans.header.Get("Last-Modified"),
		ContentHash: event.Hash(body), Status: ans.status, FetchedAt: now, Listed: later(rec.Listed, t.listed)}
	if ok && rec.ContentHash == next.ContentHash {
		p.st.unchanged.Add(1)
		p.put(ctx, next)
		return
	}
	page := event.Page{
		URL:          t.url,
		Source:       p.src.Name,
		Status:       http.StatusOK,
		ContentType:  "text/html; charset=utf-8",
		ETag:         next.ETag,
		LastModified: next.LastModified,
		FetchedAt:    now,
		Hint:         t.hint,
		ContentHash:  next.ContentHash,
		Body:         event.Compress(body),
		Repository:   &repo,
	}
	if err := p.c.pub.Publish(ctx, page); err != nil {
		p.st.fail("publish")
		p.markPartial(t.parent)
		p.log.Error("publishing page failed", "url", t.url, "err", err)
		return
	}
	p.st.fetched.Add(1)
	p.put(ctx, next)
}

// hubSpec is a request to the Hub: robots.txt and politeness as for any
// page, no redirect claims (a card's URL is not its page's), the token for
// the Hub's host only.
func (p *pass) hubSpec(u string) fetchSpec {
	s := fetchSpec{url: u, robots: true, policy: p.pol, stats: p.st}
	if hf := p.src.HuggingFace; hf.Token != "" {
		if eu, err := url.Parse(hf.Endpoint); err == nil {
			s.bearer, s.bearerHost = hf.Token, eu.Host
		}
	}
	return s
}
