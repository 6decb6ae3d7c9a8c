package api

import (
	"bytes"
	"context"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/indexer"
)

// releasePanelSize is how many releases the page lists before live updates.
const releasePanelSize = 10

// pageCSP confines the search page to its own scripts, styles and stream.
const pageCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// pageData is what templates/page.html renders.
type pageData struct {
	// NoAutofocus leaves the query box unfocused (the header's template).
	NoAutofocus bool
	// Feeds are the page's feeds, linked with <link rel="alternate">.
	Feeds   []feedLink
	Text    string
	Query   indexer.Query
	Error   string
	Result  *indexer.Result
	First   int // 1-based rank of the first hit shown
	Last    int
	Prev    string // links to the previous and next page, if any
	Next    string
	Filters []filterLink
	Facets  []facetGroup
	// Hidden keeps the active filters when the query box is submitted.
	Hidden   []hiddenField
	Releases []indexer.ReleaseRecord
	// LastSeq is MW_RELEASES' last sequence when the panel was listed; the
	// page's script streams the releases after it.
	LastSeq uint64
	// Timeline is the chart of releases over time; nil without releases.
	Timeline *timeline
}

// feedLink is a feed of the page.
type feedLink struct {
	Title, Type, Href string
}

// filterLink is an active filter and the link that removes it.
type filterLink struct {
	Label, Remove string
}

// facetGroup is one facet: its values, each a link toggling the filter.
type facetGroup struct {
	Title  string
	Values []facetLink
}

type facetLink struct {
	Value  string
	Count  int
	Active bool
	Href   string
}

type hiddenField struct {
	Name, Value string
}

// page renders the search page: the query box, facets, hits with
// highlighted snippets, and the latest releases.
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	data := pageData{Text: strings.TrimSpace(v.Get("q"))}
	status := http.StatusOK
	q, tr, perr := pageQuery(v)
	switch {
	case perr != nil:
		status, data.Error = http.StatusBadRequest, perr.Message
	default:
		q.Vendors, q.Models = s.canonical(q.Vendors, q.Models)
		q.Benchmarks = s.benchmarks(q.Benchmarks)
		data.Query = q
		res, err := s.store.Search(r.Context(), q)
		if err != nil {
			s.log.Error("searching failed", "path", r.URL.Path, "err", err)
			status, data.Error = http.StatusInternalServerError, "Search failed; see the server log."
			break
		}
		data.Result = &res
		data.First, data.Last = q.Offset+1, q.Offset+len(res.Hits)
		if q.Offset > 0 {
			data.Prev = pageLink(v, "offset", strconv.Itoa(max(q.Offset-q.Limit, 0)))
		}
		if q.Offset+len(res.Hits) < res.Total && q.Offset+2*q.Limit <= MaxWindow {
			data.Next = pageLink(v, "offset", strconv.Itoa(q.Offset+q.Limit))
		}
		data.Filters = filters(v)
		data.Facets = []facetGroup{
			facets("Vendors", "vendor", res.Facets.Vendors, q.Vendors, v),
			facets("Models", "model", res.Facets.Models, q.Models, v),
			facets("Languages", "lang", res.Facets.Languages, nonEmpty(q.Language), v),
		}
		for _, name := range []string{"vendor", "model", "benchmark", "lang", "since", "until", "limit", "every", "from", "to"} {
			for _, val := range v[name] {
				data.Hidden = append(data.Hidden, hiddenField{name, val})
			}
		}
	}
	var recs []indexer.ReleaseRecord
	data.LastSeq, recs = s.latestReleases(r.Context())
	data.Releases = recs[:min(len(recs), releasePanelSize)]
	if perr == nil {
		data.Timeline = buildTimeline(recs, tr, v, time.Now())
	}
	data.Feeds = pageFeeds(q, perr == nil)

	s.writeHTML(w, r, status, pageTemplate, data, "the page")
}

// writeHTML renders tmpl with data into a buffer and, only when that
// succeeded, writes it with status and the pages' headers (CSP, no-store);
// what names the page in the error answer.
func (s *Server) writeHTML(w http.ResponseWriter, r *http.Request, status int, tmpl *template.Template, data any, what string) {
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, data); err != nil {
		s.fail(w, r, "rendering "+what, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", pageCSP)
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// latestReleases returns the stream's last sequence and then the release
// records, latest first (as many as the timeline draws): in this order, so
// a release that arrives in between is streamed again rather than missed
// (the page merges by key).
func (s *Server) latestReleases(ctx context.Context) (uint64, []indexer.ReleaseRecord) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	var seq uint64
	if st, err := s.js.Stream(ctx, event.StreamReleases); err == nil {
		if info, err := st.Info(ctx); err == nil {
			seq = info.State.LastSeq
		}
	}
	recs, err := s.store.Releases(ctx, indexer.ReleaseQuery{Limit: indexer.MaxReleaseLimit})
	if err != nil {
		s.log.Warn("listing releases for the page", "err", err)
	}
	return seq, recs
}

// pageQuery reads the search page's parameters: a search's, and the
// timeline's range.
func pageQuery(v url.Values) (indexer.Query, timelineRange, *paramError) {
	p, perr := readParams(v, append(slices.Clone(searchParams), timelineParams...), searchRepeatable)
	if perr != nil {
		return indexer.Query{}, timelineRange{}, perr
	}
	q, perr := p.searchQuery()
	if perr != nil {
		return q, timelineRange{}, perr
	}
	tr, perr := p.timelineRange()
	return q, tr, perr
}

// pageFeeds are the feeds a page links: the releases (of the vendors and
// model it is filtered by) and, for a search, the search's own.
func pageFeeds(q indexer.Query, ok bool) []feedLink {
	rel := url.Values{}
	if ok {
		rel["vendor"] = q.Vendors
		if len(q.Models) == 1 {
			rel.Set("model", q.Models[0])
		}
	}
	out := []feedLink{
		{Title: "modelwire: model releases (Atom)", Type: atomType, Href: "/feeds/releases.atom" + canonicalQuery(rel)},
		{Title: "modelwire: model releases (JSON Feed)", Type: jsonFeedType, Href: "/feeds/releases.json" + canonicalQuery(rel)},
	}
	if ok && (q.Text != "" || len(q.Vendors) > 0 || len(q.Models) > 0 || q.Language != "") {
		sv := url.Values{"vendor": q.Vendors, "model": q.Models}
		if q.Text != "" {
			sv.Set("q", q.Text)
		}
		if q.Language != "" {
			sv.Set("lang", q.Language)
		}
		out = append(out, feedLink{Title: "modelwire: this search (Atom)", Type: atomType, Href: "/feeds/search.atom" + canonicalQuery(sv)})
	}
	return out
}

// pageLink returns "?" + v with name set to value (empty: removed).
func pageLink(v url.Values, name, value string) string {
	out := url.Values{}
	for k, vals := range v {
		out[k] = slices.Clone(vals)
	}
	if value == "" {
		out.Del(name)
	} else {
		out.Set(name, value)
	}
	return "?" + out.Encode()
}

// toggleLink returns the link that adds value to the repeatable filter
// name, or removes it when present, back on the first page.
func toggleLink(v url.Values, name, value string) string {
	out := url.Values{}
	for k, vals := range v {
		if k != "offset" {
			out[k] = slices.Clone(vals)
		}
	}
	vals := out[name]
	if i := slices.Index(vals, value); i >= 0 {
		out[name] = slices.Delete(vals, i, i+1)
	} else if name == "lang" {
		out[name] = []string{value}
	} else {
		out[name] = append(vals, value)
	}
	return "?" + out.Encode()
}

func filters(v url.Values) []filterLink {
	var out []filterLink
	for _, f := range []struct{ name, label string }{{"vendor", "vendor"}, {"model", "model"}, {"benchmark", "benchmark"}, {"lang", "language"}, {"since", "since"}, {"until", "until"}} {
		for _, val := range v[f.name] {
			out = append(out, filterLink{Label: f.label + ": " + val, Remove: toggleLink(v, f.name, val)})
		}
	}
	return out
}

func facets(title, name string, counts []indexer.FacetCount, active []string, v url.Values) facetGroup {
	g := facetGroup{Title: title}
	for _, c := range counts {
		on := slices.ContainsFunc(active, func(a string) bool { return strings.EqualFold(a, c.Value) })
		g.Values = append(g.Values, facetLink{Value: c.Value, Count: c.Count, Active: on, Href: toggleLink(v, name, c.Value)})
	}
	return g
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// Snippet makes a store's snippet safe to embed in HTML. Stores return the
// text around a match with matched terms in <mark>…</mark> and everything
// else escaped; Snippet enforces that rather than trusting it: only
// balanced <mark> and </mark> survive as markup, and all other text is
// escaped exactly once (entities the store wrote are decoded first, so
// nothing is escaped twice).
func Snippet(s string) template.HTML {
	var b strings.Builder
	b.Grow(len(s) + 32)
	text := func(t string) {
		if strings.IndexByte(t, '&') >= 0 {
			t = html.UnescapeString(t)
		}
		template.HTMLEscape(&b, []byte(t))
	}
	open := false
	for s != "" {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			text(s)
			break
		}
		text(s[:i])
		rest := s[i:]
		switch {
		case strings.HasPrefix(rest, "<mark>"):
			if !open {
				b.WriteString("<mark>")
				open = true
			}
			s = rest[len("<mark>"):]
		case strings.HasPrefix(rest, "</mark>"):
			if open {
				b.WriteString("</mark>")
				open = false
			}
			s = rest[len("</mark>"):]
		default:
			b.WriteString("&lt;")
			s = rest[1:]
		}
	}
	if open {
		b.WriteString("</mark>")
	}
	return template.HTML(b.String())
}

// formatDate shows a date as YYYY-MM-DD; the zero time as "".
func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}
