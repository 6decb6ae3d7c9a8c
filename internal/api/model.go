package api

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/modelpage"
)

// templateFuncs are the helpers every page template may call.
var templateFuncs = template.FuncMap{
	"snippet":   Snippet,
	"date":      formatDate,
	"datetime":  formatDateTime,
	"rfc3339":   formatRFC3339,
	"percent":   percent,
	"params":    formatParams,
	"value":     claimValue,
	"modelpath": ModelPath,
	"num":       svgNumber,
	"lastDay":   lastDay,
}

// modelTemplate is the model page, parsed once.
var modelTemplate = template.Must(template.New("model.html").Funcs(templateFuncs).
	ParseFS(assets, "templates/model.html", "templates/header.html"))

// modelData is what templates/model.html renders.
type modelData struct {
	Text        string // the header's query box: empty
	Hidden      []hiddenField
	NoAutofocus bool
	Feeds       []feedLink
	Error       string
	M           *modelpage.Model
	// SearchAll, Feed and JSON link to the model's articles, its release
	// feed and this page as JSON.
	SearchAll, Feed, JSON string
}

// modelLinks are the links of a model's JSON.
type modelLinks struct {
	Page   string `json:"page"`
	Search string `json:"search"`
	Feed   string `json:"feed"`
}

// modelJSON is /api/models/<id>: the model and links to its pages.
type modelJSON struct {
	modelpage.Model
	Links modelLinks `json:"links"`
}

func linksOf(m modelpage.Model) modelLinks {
	model := url.Values{"model": {m.Name}}.Encode()
	return modelLinks{Page: ModelPath(m.ID), Search: "/?" + model, Feed: "/feeds/releases.atom?" + model}
}

// modelPage renders /model/{id...}: the model's announcement, sources,
// claims and variants.
func (s *Server) modelPage(w http.ResponseWriter, r *http.Request) {
	if perr := noParams(r); perr != nil {
		s.renderModel(w, r, http.StatusBadRequest, modelData{Error: perr.Message})
		return
	}
	id := r.PathValue("id")
	m, err := modelpage.Load(r.Context(), s.store, id)
	switch {
	case errors.Is(err, modelpage.ErrNotFound):
		s.renderModel(w, r, http.StatusNotFound, modelData{Error: "No release of a model with the id " + strconv.Quote(clip(id)) + " has been seen."})
		return
	case err != nil:
		s.log.Error("loading a model page failed", "path", r.URL.Path, "err", err)
		s.renderModel(w, r, http.StatusInternalServerError, modelData{Error: "Loading the model failed; see the server log."})
		return
	}
	l := linksOf(m)
	s.renderModel(w, r, http.StatusOK, modelData{M: &m, SearchAll: l.Search, Feed: l.Feed, JSON: apiModelPath(m.ID),
		Feeds: []feedLink{
			{Title: m.Name + " releases (Atom)", Type: atomType, Href: l.Feed},
			{Title: m.Name + " releases (JSON Feed)", Type: jsonFeedType, Href: "/feeds/releases.json?" + url.Values{"model": {m.Name}}.Encode()},
		}})
}

func (s *Server) renderModel(w http.ResponseWriter, r *http.Request, status int, data modelData) {
	data.NoAutofocus = true
	s.writeHTML(w, r, status, modelTemplate, data, "the model page")
}

// modelAPI answers /api/models/{id...} with the model page as JSON.
func (s *Server) modelAPI(w http.ResponseWriter, r *http.Request) {
	if perr := noParams(r); perr != nil {
		writeError(w, http.StatusBadRequest, perr)
		return
	}
	id := r.PathValue("id")
	m, err := modelpage.Load(r.Context(), s.store, id)
	switch {
	case errors.Is(err, modelpage.ErrNotFound):
		writeError(w, http.StatusNotFound, &paramError{Param: "id", Message: "id: no release of a model with the id " + strconv.Quote(clip(id)) + " has been seen"})
	case err != nil:
		s.fail(w, r, "loading the model", err)
	default:
		writeJSON(w, http.StatusOK, modelJSON{Model: m, Links: linksOf(m)})
	}
}

// apiModelPath is the path of a model's JSON: /api/models/ and its id.
func apiModelPath(id string) string {
	return "/api/models" + strings.TrimPrefix(ModelPath(id), "/model")
}

// noParams refuses any query parameter: the model pages take none.
func noParams(r *http.Request) *paramError {
	_, perr := readParams(r.URL.Query(), nil, nil)
	return perr
}

// claimValue writes what a claim says: "88.5%", "outperforms", "matches".
func claimValue(c event.Claim) string {
	s := ""
	if c.Value != nil {
		s = strconv.FormatFloat(*c.Value, 'f', -1, 64)
		switch c.Unit {
		case "":
		case "%":
			s += "%"
		default:
			s += " " + c.Unit
		}
	}
	if c.Relation != "" && c.Relation != "score" {
		if s != "" {
			return c.Relation + " (" + s + ")"
		}
		return c.Relation
	}
	if s == "" {
		return "—"
	}
	return s
}

// formatDateTime shows a time as "2006-01-02 15:04 UTC"; zero as "".
func formatDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

// formatRFC3339 writes a time for a datetime attribute; zero as "".
func formatRFC3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
