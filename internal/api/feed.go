package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/modelwire/modelwire/indexer"
)

// Feeds: Atom 1.0 (RFC 4287) and JSON Feed 1.1 of the release records and
// of saved searches. Both are small fixed formats written with
// encoding/xml and encoding/json: the Go feed writers model a feed with a
// single link and a single category (gorilla/feeds), where a release entry
// needs two links (its model page and the announcing article) and a
// category per vendor and model.

// Feed sizes.
const (
	DefaultFeedEntries = 50
	MaxFeedEntries     = 200
	// feedMaxAge is how long a client or proxy may reuse a feed without
	// asking again; after it, a conditional GET costs one 304.
	feedMaxAge = 60
)

// Content types of the feeds.
const (
	atomType     = "application/atom+xml"
	jsonFeedType = "application/feed+json"
)

// feedIDSpace is the namespace of the name-based (SHA-1) UUIDs that are the
// entries' ids: the same release or article has the same id in every feed
// and on every install, however the feed was filtered or reached.
var feedIDSpace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://github.com/modelwire/modelwire/feeds"))

// feed is a feed before it is written as Atom or JSON Feed.
type feed struct {
	ID, Title, Subtitle string
	Self, Home          string // absolute URLs of the feed and of the page it follows
	// Updated is the newest entry's Updated; zero for an empty feed.
	Updated time.Time
	Entries []feedEntry
}

// feedEntry is one release or article.
type feedEntry struct {
	ID    string
	Title string
	// Link is the entry's own page (a model page, an article); Related the
	// article announcing a release.
	Link, Related      string
	Published, Updated time.Time
	Summary            string
	ContentHTML        string
	Tags               []string
}

// Feed parameters.
var (
	releaseFeedParams = []string{"model", "limit"}
	searchFeedParams  = []string{"q", "lang", "limit"}
)

// releasesFeed serves the release records as a feed: one entry per
// release, newest first sighting first, filtered by vendor and model.
func (s *Server) releasesFeed(w http.ResponseWriter, r *http.Request) {
	p, perr := readParams(r.URL.Query(), releaseFeedParams, []string{"vendor"})
	var limit int
	if perr == nil {
		limit, perr = p.intIn("limit", DefaultFeedEntries, 1, MaxFeedEntries)
	}
	if perr != nil {
		writeError(w, http.StatusBadRequest, perr)
		return
	}
	q := indexer.ReleaseQuery{Vendors: p.list("vendor"), Model: p.str("model"), Limit: limit}
	var models []string
	if q.Vendors, models = s.canonical(q.Vendors, []string{q.Model}); q.Model != "" {
		q.Model = models[0]
	}
	recs, err := s.store.Releases(r.Context(), q)
	if err != nil {
		s.fail(w, r, "listing releases", err)
		return
	}
	base := baseURL(r)
	f := feed{Title: "modelwire: model releases", Self: base + r.URL.Path + canonicalQuery(r.URL.Query()),
		Home: base + "/" + canonicalQuery(filterValues(r.URL.Query(), "vendor", "model"))}
	f.ID = f.Self
	if filt := describeFilters(q.Vendors, q.Model); filt != "" {
		f.Title += " (" + filt + ")"
	}
	f.Subtitle = "New AI model releases as modelwire finds them in the news: one entry per release, dated by its announcement."
	for _, rec := range recs {
		e := releaseEntry(base, rec)
		f.Entries = append(f.Entries, e)
		if e.Updated.After(f.Updated) {
			f.Updated = e.Updated
		}
	}
	s.writeFeed(w, r, f)
}

// releaseEntry is the feed entry of a release: its model page, the
// announcing article, the announcement date as published and the last
// sighting as updated.
func releaseEntry(base string, rec indexer.ReleaseRecord) feedEntry {
	e := feedEntry{
		ID:        "urn:uuid:" + uuid.NewSHA1(feedIDSpace, []byte("release:"+rec.Key)).String(),
		Title:     rec.Model + " (" + rec.Vendor + ")",
		Link:      base + ModelPath(rec.Key),
		Published: rec.AnnouncedAt().UTC(),
		Updated:   rec.LastSeen.UTC(),
		Summary:   rec.Evidence,
		Tags:      []string{rec.Vendor, rec.Model},
	}
	if e.Updated.IsZero() || e.Updated.Before(rec.FirstSeen) {
		e.Updated = rec.FirstSeen.UTC()
	}
	if len(rec.Sources) > 0 {
		e.Related = rec.Sources[0]
	}
	var b bytes.Buffer
	entryTemplate.Execute(&b, struct {
		R          indexer.ReleaseRecord
		Page       string
		Announcing string
	}{rec, e.Link, e.Related})
	e.ContentHTML = b.String()
	if e.Summary == "" {
		e.Summary = "Announced " + formatDate(e.Published) + "."
	}
	return e
}

// entryTemplate is the HTML content of a release entry.
var entryTemplate = template.Must(template.New("entry").Funcs(template.FuncMap{
	"date": formatDate, "percent": percent, "params": formatParams, "value": claimValue,
}).Parse(`<p><strong>{{.R.Model}}</strong> from {{.R.Vendor}}, announced {{date .R.AnnouncedAt}}` +
	`{{if not .R.PublishedAt.IsZero}} (first seen {{date .R.FirstSeen}}){{end}}; confidence {{percent .R.Confidence}}.</p>` +
	`{{if or .R.ParamsTotalB .R.License .R.OpenWeights}}<p>{{with .R.ParamsTotalB}}{{params .}} parameters{{end}}` +
	`{{with .R.ParamsActiveB}} ({{params .}} active){{end}}{{with .R.License}} · {{.}} licence{{end}}{{if .R.OpenWeights}} · open weights{{end}}</p>{{end}}` +
	`{{with .R.Evidence}}<blockquote>{{.}}</blockquote>{{end}}` +
	`{{with .Announcing}}<p>Announcement: <a href="{{.}}">{{with $.R.Title}}{{.}}{{else}}{{$.Announcing}}{{end}}</a></p>{{end}}` +
	`{{with .R.Claims}}<ul>{{range .}}<li>{{.Benchmark}} {{value .}}{{with .Target}} vs {{.}}{{end}}</li>{{end}}</ul>{{end}}` +
	`<p>{{len .R.Sources}} source{{if ne (len .R.Sources) 1}}s{{end}} · <a href="{{.Page}}">model page</a></p>`))

// searchFeed serves a saved search as a feed: the newest matching
// articles, with the search's text and filters.
func (s *Server) searchFeed(w http.ResponseWriter, r *http.Request) {
	p, perr := readParams(r.URL.Query(), searchFeedParams, searchRepeatable)
	var q indexer.Query
	if perr == nil {
		q, perr = p.searchQuery()
	}
	if perr == nil {
		q.Limit, perr = p.intIn("limit", indexer.DefaultLimit*2, 1, indexer.MaxLimit)
	}
	if perr != nil {
		writeError(w, http.StatusBadRequest, perr)
		return
	}
	q.Newest = true
	q.Vendors, q.Models = s.canonical(q.Vendors, q.Models)
	q.Benchmarks = s.benchmarks(q.Benchmarks)
	res, err := s.store.Search(r.Context(), q)
	if err != nil {
		s.fail(w, r, "searching", err)
		return
	}
	base := baseURL(r)
	f := feed{Self: base + r.URL.Path + canonicalQuery(r.URL.Query()),
		Home: base + "/" + canonicalQuery(filterValues(r.URL.Query(), "q", "vendor", "model", "lang"))}
	f.ID = f.Self
	f.Title = "modelwire search"
	if q.Text != "" {
		f.Title += ": " + q.Text
	}
	if filt := describeFilters(q.Vendors, strings.Join(q.Models, ", ")); filt != "" {
		f.Title += " (" + filt + ")"
	}
	f.Subtitle = "The newest articles matching a modelwire search."
	for _, h := range res.Hits {
		e := feedEntry{
			ID:        "urn:uuid:" + uuid.NewSHA1(feedIDSpace, []byte("article:"+h.ID)).String(),
			Title:     h.Title,
			Link:      h.URL,
			Published: h.PublishedAt.UTC(),
			Updated:   h.FetchedAt.UTC(),
			Summary:   html.UnescapeString(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(h.Snippet)),
			Tags:      append(append([]string{}, h.Vendors...), h.Models...),
		}
		if e.Title == "" {
			e.Title = h.URL
		}
		if e.Updated.IsZero() {
			e.Updated = e.Published
		}
		f.Entries = append(f.Entries, e)
		if e.Updated.After(f.Updated) {
			f.Updated = e.Updated
		}
	}
	s.writeFeed(w, r, f)
}

// writeFeed writes f in the format the path asks for (.atom or .json),
// with an ETag (a hash of the body) and Last-Modified (the newest entry),
// answering a conditional GET that matches either with 304.
func (s *Server) writeFeed(w http.ResponseWriter, r *http.Request, f feed) {
	var body []byte
	var ctype string
	if strings.HasSuffix(r.URL.Path, ".json") {
		body, ctype = jsonFeedOf(f), jsonFeedType
	} else {
		body, ctype = atomOf(f), atomType
	}
	sum := sha256.Sum256(body)
	h := w.Header()
	h.Set("Content-Type", ctype+"; charset=utf-8")
	h.Set("ETag", `"`+hex.EncodeToString(sum[:12])+`"`)
	h.Set("Cache-Control", "public, max-age="+strconv.Itoa(feedMaxAge))
	// ServeContent answers If-None-Match and If-Modified-Since (and HEAD);
	// a zero time sends no Last-Modified.
	http.ServeContent(w, r, "", f.Updated.Truncate(time.Second), bytes.NewReader(body))
}

// Atom 1.0.

type atomFeed struct {
	XMLName   xml.Name      `xml:"http://www.w3.org/2005/Atom feed"`
	ID        string        `xml:"id"`
	Title     atomText      `xml:"title"`
	Subtitle  *atomText     `xml:"subtitle,omitempty"`
	Updated   string        `xml:"updated"`
	Links     []atomLink    `xml:"link"`
	Author    atomPerson    `xml:"author"`
	Generator atomGenerator `xml:"generator"`
	Entries   []atomEntry   `xml:"entry"`
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

type atomLink struct {
	Rel   string `xml:"rel,attr"`
	Type  string `xml:"type,attr,omitempty"`
	Href  string `xml:"href,attr"`
	Title string `xml:"title,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomGenerator struct {
	URI  string `xml:"uri,attr"`
	Name string `xml:",chardata"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Links      []atomLink     `xml:"link"`
	Published  string         `xml:"published,omitempty"`
	Updated    string         `xml:"updated"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Content    *atomText      `xml:"content,omitempty"`
}

// atomTime writes an RFC 3339 date; Atom requires one on every feed and
// entry, so an unknown time is the epoch.
func atomTime(t time.Time) string {
	if t.IsZero() {
		t = time.Unix(0, 0)
	}
	return t.UTC().Format(time.RFC3339)
}

func atomOf(f feed) []byte {
	a := atomFeed{
		ID: f.ID, Title: atomText{Type: "text", Body: f.Title}, Updated: atomTime(f.Updated),
		Links: []atomLink{
			{Rel: "self", Type: atomType, Href: f.Self},
			{Rel: "alternate", Type: "text/html", Href: f.Home},
		},
		Author:    atomPerson{Name: "modelwire", URI: f.Home},
		Generator: atomGenerator{URI: "https://github.com/modelwire/modelwire", Name: "modelwire"},
	}
	if f.Subtitle != "" {
		a.Subtitle = &atomText{Type: "text", Body: f.Subtitle}
	}
	for _, e := range f.Entries {
		ae := atomEntry{ID: e.ID, Title: atomText{Type: "text", Body: e.Title}, Updated: atomTime(e.Updated),
			Links: []atomLink{{Rel: "alternate", Type: "text/html", Href: e.Link}}}
		if e.Related != "" {
			ae.Links = append(ae.Links, atomLink{Rel: "related", Type: "text/html", Href: e.Related, Title: "announcement"})
		}
		if !e.Published.IsZero() {
			ae.Published = atomTime(e.Published)
		}
		for _, t := range e.Tags {
			if t != "" {
				ae.Categories = append(ae.Categories, atomCategory{Term: t})
			}
		}
		if e.Summary != "" {
			ae.Summary = &atomText{Type: "text", Body: e.Summary}
		}
		if e.ContentHTML != "" {
			ae.Content = &atomText{Type: "html", Body: e.ContentHTML}
		}
		a.Entries = append(a.Entries, ae)
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", " ")
	enc.Encode(a) // plain structs of strings: cannot fail
	b.WriteByte('\n')
	return b.Bytes()
}

// JSON Feed 1.1.

type jsonFeed struct {
	Version     string       `json:"version"`
	Title       string       `json:"title"`
	HomePageURL string       `json:"home_page_url"`
	FeedURL     string       `json:"feed_url"`
	Description string       `json:"description,omitempty"`
	Authors     []jsonAuthor `json:"authors"`
	Items       []jsonItem   `json:"items"`
}

type jsonAuthor struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type jsonItem struct {
	ID            string   `json:"id"`
	URL           string   `json:"url"`
	ExternalURL   string   `json:"external_url,omitempty"`
	Title         string   `json:"title"`
	ContentHTML   string   `json:"content_html,omitempty"`
	ContentText   string   `json:"content_text,omitempty"`
	Summary       string   `json:"summary,omitempty"`
	DatePublished string   `json:"date_published,omitempty"`
	DateModified  string   `json:"date_modified,omitempty"`
	Tags          []string `json:"tags,omitempty"`
}

func jsonFeedOf(f feed) []byte {
	j := jsonFeed{Version: "https://jsonfeed.org/version/1.1", Title: f.Title, HomePageURL: f.Home, FeedURL: f.Self,
		Description: f.Subtitle, Authors: []jsonAuthor{{Name: "modelwire", URL: f.Home}}, Items: []jsonItem{}}
	for _, e := range f.Entries {
		it := jsonItem{ID: e.ID, URL: e.Link, ExternalURL: e.Related, Title: e.Title, ContentHTML: e.ContentHTML, Summary: e.Summary, Tags: e.Tags}
		if it.ContentHTML == "" { // content_html or content_text is required
			it.ContentText = e.Summary
		}
		if !e.Published.IsZero() {
			it.DatePublished = e.Published.UTC().Format(time.RFC3339)
		}
		if !e.Updated.IsZero() {
			it.DateModified = e.Updated.UTC().Format(time.RFC3339)
		}
		j.Items = append(j.Items, it)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	enc.Encode(j) // plain structs: cannot fail
	return b.Bytes()
}

// baseURL is the scheme and host the client reached this server at, for
// the absolute links feeds need; behind a TLS-terminating proxy the
// X-Forwarded-Proto header says "https".
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// canonicalQuery is "?" and v with its keys sorted, or "" when empty, so
// one feed has one URL (and one id) whatever order its parameters came in.
func canonicalQuery(v url.Values) string {
	if enc := v.Encode(); enc != "" {
		return "?" + enc
	}
	return ""
}

// filterValues keeps the named parameters of v.
func filterValues(v url.Values, names ...string) url.Values {
	out := url.Values{}
	for _, n := range names {
		if vals, ok := v[n]; ok {
			out[n] = vals
		}
	}
	return out
}

func describeFilters(vendors []string, model string) string {
	var parts []string
	if len(vendors) > 0 {
		parts = append(parts, "vendor "+strings.Join(vendors, ", "))
	}
	if model != "" {
		parts = append(parts, "model "+model)
	}
	return strings.Join(parts, "; ")
}

// ModelPath is the path of a release's model page: /model/ and its id,
// each segment escaped, so an id may hold a '/' ("deepseek/deepseek-v3").
func ModelPath(id string) string {
	segs := strings.Split(id, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return "/model/" + strings.Join(segs, "/")
}

// percent writes a confidence as a whole percentage.
func percent(c float64) string { return strconv.Itoa(int(c*100+0.5)) + "%" }

// formatParams writes a parameter count in billions: "671B", "1.5B", "1T".
func formatParams(b float64) string {
	if b >= 1000 {
		return strconv.FormatFloat(b/1000, 'f', -1, 64) + "T"
	}
	return strconv.FormatFloat(b, 'f', -1, 64) + "B"
}
