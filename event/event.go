// Package event is modelwire's message schema: the records that travel between
// the crawler, the extractor and the indexer over NATS JetStream, the subject
// and stream names they travel on, and their JSON encoding.
//
// The package is a leaf: it imports only the standard library, so every other
// package may depend on it. Every record carries a schema version ("v"); Decode
// refuses versions newer than this build understands.
package event

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"
)

// SchemaVersion is the version of the records this build writes.
const SchemaVersion = 1

// ErrSchema reports a record that cannot be decoded: malformed JSON, a missing
// required field or a schema version newer than SchemaVersion. A message that
// fails with ErrSchema never succeeds on redelivery.
var ErrSchema = errors.New("invalid record")

// Page is one fetched HTML page, as the crawler publishes it on SubjectPages.
type Page struct {
	Version int `json:"v"`
	// URL is the normalised URL that was requested.
	URL string `json:"url"`
	// FinalURL is the URL after redirects, when it differs from URL.
	FinalURL string `json:"final_url,omitempty"`
	// Source is the name of the configured source that found the page.
	Source string `json:"source"`
	// Status is the HTTP status code of the response.
	Status int `json:"status"`
	// ContentType is the response's Content-Type header.
	ContentType string `json:"content_type,omitempty"`
	// ETag and LastModified are the validators the server sent.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// FetchedAt is when the response was received.
	FetchedAt time.Time `json:"fetched_at"`
	// Hint carries what the feed or sitemap said about the page, if anything.
	Hint Hint `json:"hint,omitzero"`
	// ContentHash is the hex SHA-256 of the decoded (uncompressed) body.
	ContentHash string `json:"content_hash"`
	// Body is the page's HTML, gzip-compressed, decoded to UTF-8.
	// It is empty when BodyRef is set.
	Body []byte `json:"body,omitempty"`
	// BodyRef names the object-store entry holding the compressed body when
	// it was too large for one message.
	BodyRef string `json:"body_ref,omitempty"`
	// Canonical is the page's rel=canonical as the crawler accepted it: on
	// the page's own site, or on another one that answered with the same
	// page. Empty when the page names none, names itself, or was refused.
	Canonical string `json:"canonical,omitempty"`
	// RejectedCanonical is a rel=canonical on another site that did not
	// answer with this page; the page keeps its own URL as its identity.
	RejectedCanonical string `json:"rejected_canonical,omitempty"`
	// Repository is set when the page is the card of a model repository
	// (a Hugging Face model card): the repository itself is first-hand
	// evidence of a release.
	Repository *Repository `json:"repository,omitempty"`
}

// Repository describes a model repository on a model hub, as the hub's API
// lists it. A page that carries one is the repository's card.
type Repository struct {
	// Hub names the hub: HubHuggingFace.
	Hub string `json:"hub"`
	// ID is the repository's id on the hub, "<author>/<name>"
	// ("deepseek-ai/DeepSeek-V3").
	ID string `json:"id"`
	// Author is the organisation or user owning it ("deepseek-ai").
	Author string `json:"author"`
	// URL is the repository's page on the hub.
	URL string `json:"url"`
	// CreatedAt is when the repository was created; LastModified when it
	// last changed.
	CreatedAt    time.Time `json:"created_at,omitzero"`
	LastModified time.Time `json:"last_modified,omitzero"`
	// License, BaseModels, Tags and PipelineTag come from the card's front
	// matter and the hub's listing.
	License     string   `json:"license,omitempty"`
	BaseModels  []string `json:"base_models,omitempty"`
	Tags        []string `json:"tags,omitempty"`
	PipelineTag string   `json:"pipeline_tag,omitempty"`
}

// HubHuggingFace is Repository.Hub for the Hugging Face Hub.
const HubHuggingFace = "huggingface"

// Hint is what a feed or sitemap entry said about a page before it was fetched.
type Hint struct {
	Title       string    `json:"title,omitempty"`
	PublishedAt time.Time `json:"published_at,omitzero"`
	Feed        string    `json:"feed,omitempty"`
}

// Article is an extracted article with what modelwire found in it, as the
// extractor publishes it on SubjectArticles and the indexer stores it.
type Article struct {
	Version int `json:"v,omitempty"`
	// ID is the document id: DocID of the canonical URL.
	ID           string `json:"id,omitempty"`
	URL          string `json:"url"`
	CanonicalURL string `json:"canonical_url"`
	// RejectedCanonical is a canonical URL the page declared (rel=canonical
	// or og:url) that was not taken as its identity: it is on another site
	// and fetching it did not give the same page.
	RejectedCanonical string `json:"rejected_canonical,omitempty"`
	// TextTruncated is set when Text was cut to fit the article into one
	// message (see the extractor stage's size budget).
	TextTruncated bool      `json:"text_truncated,omitempty"`
	Source        string    `json:"source,omitempty"`
	Title         string    `json:"title"`
	PublishedAt   time.Time `json:"published_at,omitzero"`
	UpdatedAt     time.Time `json:"updated_at,omitzero"`
	Authors       []string  `json:"authors"`
	Language      string    `json:"language"`
	SiteName      string    `json:"site_name"`
	Image         string    `json:"image,omitempty"`
	Text          string    `json:"text"`
	// Extraction names the method that produced Text: "primary" (the
	// extractor's own scorer), "readability" (the second opinion on a weak
	// page), "captions" (a photo story told in its captions), "slides" (a
	// slideshow's slides, hidden until clicked on), "noscript" (the text a
	// page keeps for readers without scripts) or "jsonld" (the page's
	// JSON-LD articleBody). Empty in records written before it.
	Extraction string `json:"extraction,omitempty"`
	// FetchedAt is when the page was fetched; it orders versions of one
	// document, so an older fetch never overwrites a newer one.
	FetchedAt time.Time `json:"fetched_at,omitzero"`
	// ContentHash is the hex SHA-256 of the page body the article came from.
	ContentHash string `json:"content_hash,omitempty"`
	// Repository is the model repository the article is the card of, if
	// any (see Page.Repository).
	Repository *Repository `json:"repository,omitempty"`

	Vendors  []Vendor  `json:"vendors,omitempty"`
	Models   []Model   `json:"models,omitempty"`
	Claims   []Claim   `json:"claims,omitempty"`
	Releases []Release `json:"releases,omitempty"`
}

// Vendor is an organisation that makes AI models, as mentioned in an article.
type Vendor struct {
	// ID is the catalog's canonical slug ("deepseek"), or a slug of the name
	// for a vendor the catalog does not know.
	ID string `json:"id"`
	// Name is the canonical display name ("Zhipu AI"), however the article
	// spelt it.
	Name string `json:"name"`
	// Mentions are the spellings the article used ("Zippu AI", "智谱"),
	// kept as evidence.
	Mentions   []string    `json:"mentions,omitempty"`
	Count      int         `json:"count"`
	Resolution *Resolution `json:"resolution,omitempty"`
}

// Model is a named AI model mentioned in an article.
type Model struct {
	// ID is the model's stable identity: "<vendor>/<slug of the canonical
	// name>" ("deepseek/deepseek-v3"); provisional for a model no catalog
	// knows (Resolution.Provisional).
	ID string `json:"id,omitempty"`
	// Name is the canonical display name ("Qwen3-Coder"), however the
	// article spelt it; Mentions are the spellings it used ("qwen 3
	// coder", "Kwen3-Coder"), kept as evidence.
	Name     string   `json:"name"`
	Vendor   string   `json:"vendor,omitempty"`
	Family   string   `json:"family,omitempty"`
	Mentions []string `json:"mentions,omitempty"`
	// Parent is the id of the model this one is a size or variant of
	// ("alibaba/qwen2-5-72b" for Qwen2.5-72B-Instruct).
	Parent     string      `json:"parent,omitempty"`
	Resolution *Resolution `json:"resolution,omitempty"`
	Count      int         `json:"count"`
	// ParamsTotalB and ParamsActiveB are parameter counts in billions, 0 when unknown.
	ParamsTotalB  float64  `json:"params_total_b,omitempty"`
	ParamsActiveB float64  `json:"params_active_b,omitempty"`
	License       string   `json:"license,omitempty"`
	Modalities    []string `json:"modalities,omitempty"`
	OpenWeights   bool     `json:"open_weights,omitempty"`
	// Role is what the article does with the model (RoleAnnounced, …,
	// RoleMentioned) and Evidence the sentence that says so.
	Role     string `json:"role,omitempty"`
	Evidence string `json:"evidence,omitempty"`
}

// Roles of a model in an article. Only RoleAnnounced and RoleAlongside
// make releases (Releasing).
const (
	// RoleAnnounced: the article announces the model as newly released
	// by its maker (the article's subject, its author's own model, the
	// object of a release verb).
	RoleAnnounced = "announced"
	// RoleAlongside: released with an announced model (a size or variant
	// of it, a model offered for download beside it).
	RoleAlongside = "alongside"
	// RoleCompared: a comparison target or baseline ("outperforms X", a
	// benchmark table's other columns, a rival named beside the release).
	RoleCompared = "compared"
	// RoleBuiltOn: built on, distilled from, fine-tuned from or thanked.
	RoleBuiltOn = "built_on"
	// RoleHistorical: released before ("last year's X").
	RoleHistorical = "historical"
	// RolePlanned: to be released later.
	RolePlanned = "planned"
	// RoleDenied: denied or reported as a rumour.
	RoleDenied = "denied"
	// RoleMentioned: named and nothing more.
	RoleMentioned = "mentioned"
)

// Releasing reports whether a model of the given role is released: only
// an announced model and one released alongside it are. An empty role
// (records written before roles existed) counts as announced.
func Releasing(role string) bool {
	return role == "" || role == RoleAnnounced || role == RoleAlongside
}

// Resolution says how sure an identity is and why: "catalogued name",
// "sounds like Qwen, beside Alibaba", "not in the catalog: introduced as a
// model".
type Resolution struct {
	Confidence float64 `json:"confidence"`
	Reason     string  `json:"reason"`
	// Provisional marks an identity no catalog knows: a discovery whose id
	// may change once the catalog lists it.
	Provisional bool `json:"provisional,omitempty"`
}

// Claim is a benchmark score or a comparison an article states about a model.
type Claim struct {
	Model     string `json:"model"`
	Benchmark string `json:"benchmark,omitempty"`
	// Value is the score; nil for a pure comparison.
	Value *float64 `json:"value,omitempty"`
	Unit  string   `json:"unit,omitempty"`
	// Relation is "score", "outperforms", "matches", "comparable",
	// "efficiency", or "leads" (ranks first on Benchmark, no value).
	Relation string `json:"relation,omitempty"`
	Target   string `json:"target,omitempty"`
	Evidence string `json:"evidence,omitempty"`
}

// Release is a model an article announces as newly released.
type Release struct {
	// Model is the canonical display name, ModelID the model's id
	// (Model.ID).
	Model       string    `json:"model"`
	ModelID     string    `json:"model_id,omitempty"`
	Vendor      string    `json:"vendor"`
	Confidence  float64   `json:"confidence"`
	Evidence    string    `json:"evidence,omitempty"`
	PublishedAt time.Time `json:"published_at,omitzero"`
	// Role is RoleAnnounced or RoleAlongside.
	Role string `json:"role,omitempty"`
}

// ReleaseEvent is published on ReleaseSubject(vendor, model): once when a
// release is first seen (Kind "release") and again as later articles
// corroborate it (Kind "corroboration").
type ReleaseEvent struct {
	Version int    `json:"v"`
	Kind    string `json:"kind"`
	// Key is "<vendor>.<model slug>", the release's identity.
	Key    string `json:"key"`
	Vendor string `json:"vendor"`
	// Model is the canonical display name, ModelID the model's id;
	// Parent is the id of the model it is a size or variant of
	// ("alibaba/qwen2-5-72b" for Qwen2.5-72B-Instruct), "" for none.
	Model     string    `json:"model"`
	ModelID   string    `json:"model_id,omitempty"`
	Parent    string    `json:"parent,omitempty"`
	FirstSeen time.Time `json:"first_seen"`
	// PublishedAt is when the article behind this event was published,
	// Role what it does with the model (RoleAnnounced or RoleAlongside),
	// Confidence how sure the analysis is and Evidence the sentence that
	// says so.
	PublishedAt time.Time `json:"published_at,omitzero"`
	Role        string    `json:"role,omitempty"`
	Confidence  float64   `json:"confidence"`
	Evidence    string    `json:"evidence,omitempty"`
	// ArticleURL and Title name the article behind this event.
	ArticleURL string `json:"article_url"`
	Title      string `json:"title,omitempty"`
	// Sources are the URLs of every article known to report the release so far.
	Sources []string `json:"sources"`
	Claims  []Claim  `json:"claims,omitempty"`
	// SeenAt is when the article behind this event was fetched; zero in
	// events written before it existed.
	SeenAt time.Time `json:"seen_at,omitzero"`
	// ParamsTotalB, ParamsActiveB, License and OpenWeights are what the
	// article says of the model (see Model), zero when it says nothing.
	ParamsTotalB  float64 `json:"params_total_b,omitempty"`
	ParamsActiveB float64 `json:"params_active_b,omitempty"`
	License       string  `json:"license,omitempty"`
	OpenWeights   bool    `json:"open_weights,omitempty"`
}

// Event kinds of ReleaseEvent.
const (
	KindRelease       = "release"
	KindCorroboration = "corroboration"
)

// DeadLetter is a message that can never succeed, published on DLQSubject
// with the reason, so an operator can inspect or replay it.
type DeadLetter struct {
	Version int       `json:"v"`
	Stage   string    `json:"stage"`
	Stream  string    `json:"stream"`
	Subject string    `json:"subject"`
	Seq     uint64    `json:"seq"`
	Reason  string    `json:"reason"`
	At      time.Time `json:"at"`
	Data    []byte    `json:"data"`
	// DataOmitted is set when the message was too large to copy into
	// Data; it stays in Stream at Seq until the stream's limits drop it.
	DataOmitted bool `json:"data_omitted,omitempty"`
}

// DocID returns the document id of a canonical URL: the first 32 hex digits
// of its SHA-256.
func DocID(canonicalURL string) string {
	sum := sha256.Sum256([]byte(canonicalURL))
	return hex.EncodeToString(sum[:16])
}

// Hash returns the hex SHA-256 of b.
func Hash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// gzipWriters reuses compressors: a gzip.Writer holds hundreds of
// kilobytes of tables, too costly to build once per page.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed) // valid level: no error
	return zw
}}

// Compress gzips b for Page.Body. It is safe for concurrent use.
func Compress(b []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(b)/4 + 64)
	zw := gzipWriters.Get().(*gzip.Writer)
	zw.Reset(&buf)
	zw.Write(b) // writes to a bytes.Buffer never fail
	zw.Close()
	gzipWriters.Put(zw)
	return buf.Bytes()
}

// Decompress reverses Compress, reading at most limit bytes of output
// (0 means no limit).
func Decompress(b []byte, limit int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%w: body: %v", ErrSchema, err)
	}
	var r io.Reader = zr
	if limit > 0 {
		r = io.LimitReader(zr, limit+1)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%w: body: %v", ErrSchema, err)
	}
	if limit > 0 && int64(len(out)) > limit {
		return nil, fmt.Errorf("%w: body larger than %d bytes", ErrSchema, limit)
	}
	return out, nil
}

// Encode returns the JSON encoding of a record, stamping the schema version.
func Encode[T Page | Article | ReleaseEvent | DeadLetter](rec T) ([]byte, error) {
	switch r := any(&rec).(type) {
	case *Page:
		r.Version = SchemaVersion
	case *Article:
		r.Version = SchemaVersion
	case *ReleaseEvent:
		r.Version = SchemaVersion
	case *DeadLetter:
		r.Version = SchemaVersion
	}
	return json.Marshal(rec)
}

// DecodePage decodes a Page and checks its required fields.
func DecodePage(data []byte) (Page, error) {
	var p Page
	if err := decode(data, &p, &p.Version); err != nil {
		return p, err
	}
	if p.URL == "" {
		return p, fmt.Errorf("%w: page without url", ErrSchema)
	}
	if len(p.Body) == 0 && p.BodyRef == "" {
		return p, fmt.Errorf("%w: page %s without body", ErrSchema, p.URL)
	}
	return p, nil
}

// DecodeArticle decodes an Article and checks its required fields.
func DecodeArticle(data []byte) (Article, error) {
	var a Article
	if err := decode(data, &a, &a.Version); err != nil {
		return a, err
	}
	if a.URL == "" || a.ID == "" {
		return a, fmt.Errorf("%w: article without url or id", ErrSchema)
	}
	return a, nil
}

// DecodeReleaseEvent decodes a ReleaseEvent and checks its required fields.
func DecodeReleaseEvent(data []byte) (ReleaseEvent, error) {
	var e ReleaseEvent
	if err := decode(data, &e, &e.Version); err != nil {
		return e, err
	}
	if e.Key == "" || e.Vendor == "" || e.Model == "" {
		return e, fmt.Errorf("%w: release event without key, vendor or model", ErrSchema)
	}
	return e, nil
}

// DecodeDeadLetter decodes a DeadLetter.
func DecodeDeadLetter(data []byte) (DeadLetter, error) {
	var d DeadLetter
	err := decode(data, &d, &d.Version)
	return d, err
}

func decode(data []byte, v any, version *int) error {
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%w: %v", ErrSchema, err)
	}
	if *version > SchemaVersion {
		return fmt.Errorf("%w: schema version %d is newer than %d", ErrSchema, *version, SchemaVersion)
	}
	return nil
}
