// Package hubtest serves a fake Hugging Face Hub on loopback for tests and
// benchmarks: the model list of the Hub's public API (GET /api/models with
// author, sort=createdAt, direction, limit and full) and the raw-file
// server (/{org}/{name}/raw/main/README.md), from fixtures written by hand
// in the shape the Hub documents (testdata/models.json, testdata/cards).
// Answers carry ETags and honour If-None-Match, as the Hub's do; a request
// log and injected rate limiting (429 with the Hub's RateLimit header) let
// tests check what a crawler asked for and how it behaved.
package hubtest

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

//go:embed testdata
var fixtures embed.FS

// Model is one repository in the fake Hub's list, in the API's documented
// shape; fields the crawler does not read are kept as the Hub sends them.
type Model struct {
	ObjectID     string    `json:"_id"`
	ID           string    `json:"id"`
	ModelID      string    `json:"modelId"`
	Author       string    `json:"author"`
	SHA          string    `json:"sha"`
	LastModified time.Time `json:"lastModified"`
	CreatedAt    time.Time `json:"createdAt"`
	Private      bool      `json:"private"`
	Disabled     bool      `json:"disabled"`
	Gated        any       `json:"gated"`
	Downloads    int       `json:"downloads"`
	Likes        int       `json:"likes"`
	LibraryName  string    `json:"library_name,omitempty"`
	Tags         []string  `json:"tags"`
	PipelineTag  string    `json:"pipeline_tag,omitempty"`
	Siblings     []Sibling `json:"siblings,omitempty"`
}

// Sibling is a file of a repository.
type Sibling struct {
	RFilename string `json:"rfilename"`
}

// Request is one request the Hub saw.
type Request struct {
	Path   string // with the query
	Status int
	// Auth is the Authorization header sent.
	Auth string
	// Conditional is true when the request carried If-None-Match.
	Conditional bool
}

// Hub is a running fake Hub. Close it when done. Its methods are safe for
// concurrent use.
type Hub struct {
	*httptest.Server

	mu          sync.Mutex
	models      []Model
	cards       map[string]string // repository id → README.md
	requests    []Request
	rateLimited int // API requests still to answer 429
}

// New starts a Hub serving the fixtures: two repositories of deepseek-ai
// (DeepSeek-V4 and DeepSeek-V4-Base, with cards), one of kestrel-ai, an
// organisation no catalog knows (Kestrel-13B-Instruct), and a private
// repository of kestrel-ai that a crawler must not fetch.
func New() *Hub {
	h := &Hub{cards: map[string]string{}}
	data, err := fixtures.ReadFile("testdata/models.json")
	if err != nil {
		panic(err) // embedded
	}
	if err := json.Unmarshal(data, &h.models); err != nil {
		panic(fmt.Sprintf("hubtest: testdata/models.json: %v", err))
	}
	cards, _ := fs.Glob(fixtures, "testdata/cards/*.md")
	for _, p := range cards {
		b, _ := fixtures.ReadFile(p)
		name := strings.TrimSuffix(strings.TrimPrefix(p, "testdata/cards/"), ".md")
		h.cards[strings.Replace(name, "__", "/", 1)] = string(b)
	}
	h.Server = httptest.NewServer(http.HandlerFunc(h.serve))
	return h
}

// Models returns the repositories the Hub lists, private ones included.
func (h *Hub) Models() []Model {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.models)
}

// Add lists a new repository with a card ("" for none).
func (h *Hub) Add(m Model, card string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if m.ModelID == "" {
		m.ModelID = m.ID
	}
	if m.Author == "" {
		m.Author, _, _ = strings.Cut(m.ID, "/")
	}
	h.models = append(h.models, m)
	if card != "" {
		h.cards[m.ID] = card
	}
}

// Touch marks repository id changed at t, with a new card if card is not
// "".
func (h *Hub) Touch(id string, t time.Time, card string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for i := range h.models {
		if h.models[i].ID == id {
			h.models[i].LastModified = t
		}
	}
	if card != "" {
		h.cards[id] = card
	}
}

// RateLimit makes the next n API requests answer 429 Too Many Requests
// with the Hub's RateLimit header, asking to wait one second.
func (h *Hub) RateLimit(n int) {
	h.mu.Lock()
	h.rateLimited = n
	h.mu.Unlock()
}

// Requests returns the requests seen so far, robots.txt included.
func (h *Hub) Requests() []Request {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.requests)
}

// CardRequests counts the requests for model cards with a full answer
// (200): cards downloaded.
func (h *Hub) CardRequests() int {
	n := 0
	for _, r := range h.Requests() {
		if strings.HasSuffix(r.Path, "/raw/main/README.md") && r.Status == http.StatusOK {
			n++
		}
	}
	return n
}

func (h *Hub) serve(w http.ResponseWriter, r *http.Request) {
	status := h.answer(w, r)
	h.mu.Lock()
	h.requests = append(h.requests, Request{Path: r.URL.RequestURI(), Status: status,
		Auth: r.Header.Get("Authorization"), Conditional: r.Header.Get("If-None-Match") != ""})
	h.mu.Unlock()
}

// answer writes the answer to r and returns its status.
func (h *Hub) answer(w http.ResponseWriter, r *http.Request) int {
	switch {
	case r.URL.Path == "/robots.txt":
		b, _ := fixtures.ReadFile("testdata/robots.txt")
		return send(w, r, "text/plain; charset=utf-8", b)
	case r.URL.Path == "/api/models":
		h.mu.Lock()
		limited := h.rateLimited > 0
		if limited {
			h.rateLimited--
		}
		h.mu.Unlock()
		if limited {
			w.Header().Set("RateLimit", `"api";r=0;t=1`)
			w.Header().Set("RateLimit-Policy", `"fixed window";"api";q=500;w=300`)
			http.Error(w, `{"error":"rate limit reached"}`, http.StatusTooManyRequests)
			return http.StatusTooManyRequests
		}
		return h.list(w, r)
	case strings.HasSuffix(r.URL.Path, "/raw/main/README.md"):
		id := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/"), "/raw/main/README.md")
		h.mu.Lock()
		card, ok := h.cards[id]
		h.mu.Unlock()
		if !ok {
			http.Error(w, "Entry not found", http.StatusNotFound)
			return http.StatusNotFound
		}
		return send(w, r, "text/plain; charset=utf-8", []byte(card))
	}
	http.Error(w, "Not Found", http.StatusNotFound)
	return http.StatusNotFound
}

// list answers GET /api/models as the Hub does for the parameters a
// crawler sends.
func (h *Hub) list(w http.ResponseWriter, r *http.Request) int {
	q := r.URL.Query()
	author := q.Get("author")
	h.mu.Lock()
	var out []Model
	for _, m := range h.models {
		if m.Private || (author != "" && !strings.EqualFold(m.Author, author)) {
			continue // the API lists public repositories to anonymous callers
		}
		if q.Get("full") != "true" {
			m.Siblings, m.LastModified, m.SHA = nil, time.Time{}, ""
		}
		out = append(out, m)
	}
	h.mu.Unlock()
	if q.Get("sort") == "createdAt" {
		slices.SortStableFunc(out, func(a, b Model) int { return a.CreatedAt.Compare(b.CreatedAt) })
		if q.Get("direction") == "-1" {
			slices.Reverse(out)
		}
	}
	if n, err := strconv.Atoi(q.Get("limit")); err == nil && n >= 0 && n < len(out) {
		out = out[:n]
	}
	if out == nil {
		out = []Model{}
	}
	b, _ := json.Marshal(out)
	return send(w, r, "application/json; charset=utf-8", b)
}

// send writes b with an ETag, or 304 when the request already has it.
func send(w http.ResponseWriter, r *http.Request, contentType string, b []byte) int {
	sum := sha256.Sum256(b)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return http.StatusNotModified
	}
	w.Header().Set("Content-Type", contentType)
	w.Write(b)
	return http.StatusOK
}
