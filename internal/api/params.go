package api

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/modelwire/modelwire/indexer"
	"github.com/modelwire/modelwire/internal/bus"
)

// Limits on request parameters.
const (
	// MaxQueryBytes bounds the q parameter.
	MaxQueryBytes = 1000
	// MaxValueBytes bounds every other parameter value.
	MaxValueBytes = 200
	// MaxValues bounds how often a repeatable parameter (vendor, model) may
	// be given.
	MaxValues = 20
	// MaxWindow bounds offset+limit of a search, as Elasticsearch's
	// index.max_result_window does.
	MaxWindow = 10000
	// DefaultReleases and MaxReleases are the default and largest page of
	// /api/releases.
	DefaultReleases = 50
	MaxReleases     = 1000
)

// langCode matches an ISO 639 language code ("en", "zh", "fil").
var langCode = regexp.MustCompile(`^[a-z]{2,3}$`)

// paramError is a bad request parameter; the API answers it with HTTP 400
// and this as JSON.
type paramError struct {
	Message string `json:"error"`
	Param   string `json:"param,omitempty"`
}

func (e *paramError) Error() string { return e.Message }

func badParam(name, format string, args ...any) *paramError {
	return &paramError{Param: name, Message: name + ": " + fmt.Sprintf(format, args...)}
}

// params reads a query string strictly: only the allowed names, each at
// most once unless repeatable, every value within MaxValueBytes.
type params struct {
	v url.Values
}

func readParams(v url.Values, allowed, repeatable []string) (params, *paramError) {
	for name, vals := range v {
		if name == "" {
			return params{}, &paramError{Param: "(empty)", Message: "(empty): a parameter without a name"}
		}
		if !slices.Contains(allowed, name) && !slices.Contains(repeatable, name) {
			return params{}, &paramError{Param: name, Message: fmt.Sprintf("%s: unknown parameter (allowed: %s)", clipName(name), strings.Join(append(append([]string{}, allowed...), repeatable...), ", "))}
		}
		if len(vals) > 1 && !slices.Contains(repeatable, name) {
			return params{}, badParam(name, "given %d times; give it once", len(vals))
		}
		if len(vals) > MaxValues {
			return params{}, badParam(name, "given %d times; at most %d", len(vals), MaxValues)
		}
		for _, val := range vals {
			limit := MaxValueBytes
			if name == "q" {
				limit = MaxQueryBytes
			}
			if len(val) > limit {
				return params{}, badParam(name, "longer than %d bytes", limit)
			}
			if !utf8.ValidString(val) {
				return params{}, badParam(name, "not valid UTF-8")
			}
		}
	}
	return params{v}, nil
}

// clipName keeps an unknown parameter name short in error messages.
func clipName(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return strings.ToValidUTF8(s, "?")
}

func (p params) str(name string) string { return strings.TrimSpace(p.v.Get(name)) }

// list returns the non-empty values of a repeatable parameter; each value
// may also hold several, comma-separated.
func (p params) list(name string) []string {
	var out []string
	for _, v := range p.v[name] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// intIn reads an integer in [lo, hi]; absent is def.
func (p params) intIn(name string, def, lo, hi int) (int, *paramError) {
	s := p.str(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, badParam(name, "%q is not an integer between %d and %d", clip(s), lo, hi)
	}
	return n, nil
}

// date reads YYYY-MM-DD or RFC 3339; absent is the zero time.
func (p params) date(name string) (time.Time, *paramError) {
	s := p.str(name)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339, time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, checkDate(name, t)
		}
	}
	return time.Time{}, badParam(name, "%q is not a date (YYYY-MM-DD or RFC 3339)", clip(s))
}

// checkDate refuses a date outside the range the stores answer for.
func checkDate(name string, t time.Time) *paramError {
	if indexer.CheckDate(name, t) != nil {
		return badParam(name, "%s is not between %s and %s", t.Format(time.DateOnly),
			indexer.MinDate.Format(time.DateOnly), indexer.MaxDate.AddDate(0, 0, -1).Format(time.DateOnly))
	}
	return nil
}

func (p params) lang(name string) (string, *paramError) {
	s := strings.ToLower(p.str(name))
	if s != "" && !langCode.MatchString(s) {
		return "", badParam(name, "%q is not a language code (ISO 639-1, like en or zh)", clip(s))
	}
	return s, nil
}

func clip(s string) string {
	if len(s) > 40 {
		for i := 40; i > 0; i-- {
			if utf8.RuneStart(s[i]) {
				return s[:i] + "…"
			}
		}
	}
	return s
}

// Parameters of each endpoint.
var (
	searchParams     = []string{"q", "lang", "since", "until", "limit", "offset"}
	searchRepeatable = []string{"vendor", "model", "benchmark"}
	releaseParams    = []string{"model", "since", "limit"}
	streamParams     = []string{"since", "last_event_id"}
	filterRepeatable = []string{"vendor", "model"}
)

// searchQuery reads the parameters of /api/search (and of the search page).
func searchQuery(v url.Values) (indexer.Query, *paramError) {
	p, perr := readParams(v, searchParams, searchRepeatable)
	if perr != nil {
		return indexer.Query{}, perr
	}
	return p.searchQuery()
}

func (p params) searchQuery() (indexer.Query, *paramError) {
	q := indexer.Query{Text: p.str("q"), Vendors: p.list("vendor"), Models: p.list("model"), Benchmarks: p.list("benchmark")}
	var perr *paramError
	if q.Language, perr = p.lang("lang"); perr != nil {
		return q, perr
	}
	if q.Since, perr = p.date("since"); perr != nil {
		return q, perr
	}
	if q.Until, perr = p.date("until"); perr != nil {
		return q, perr
	}
	if !q.Since.IsZero() && !q.Until.IsZero() && !q.Until.After(q.Since) {
		return q, badParam("until", "must be after since")
	}
	if q.Limit, perr = p.intIn("limit", indexer.DefaultLimit, 1, indexer.MaxLimit); perr != nil {
		return q, perr
	}
	if q.Offset, perr = p.intIn("offset", 0, 0, MaxWindow-q.Limit); perr != nil {
		return q, perr
	}
	if len(q.Vendors) > MaxValues || len(q.Models) > MaxValues {
		return q, badParam("vendor", "at most %d vendors and %d models", MaxValues, MaxValues)
	}
	if len(q.Benchmarks) > MaxValues {
		return q, badParam("benchmark", "at most %d benchmarks", MaxValues)
	}
	if err := q.Validate(); errors.Is(err, indexer.ErrQueryTooLong) {
		return q, badParam("q", "%v", err)
	} else if err != nil {
		return q, &paramError{Message: err.Error()}
	}
	return q, nil
}

// releaseQuery reads the parameters of /api/releases.
func releaseQuery(v url.Values) (indexer.ReleaseQuery, *paramError) {
	p, perr := readParams(v, releaseParams, []string{"vendor"})
	if perr != nil {
		return indexer.ReleaseQuery{}, perr
	}
	q := indexer.ReleaseQuery{Vendors: p.list("vendor"), Model: p.str("model")}
	if len(q.Vendors) > MaxValues {
		return q, badParam("vendor", "at most %d vendors", MaxValues)
	}
	if q.Since, perr = p.date("since"); perr != nil {
		return q, perr
	}
	if q.Limit, perr = p.intIn("limit", DefaultReleases, 1, MaxReleases); perr != nil {
		return q, perr
	}
	return q, nil
}

// streamRequest is what /api/releases/stream delivers: which subjects,
// from where.
type streamRequest struct {
	filter []string
	start  bus.ReleaseStart
}

// streamQuery reads the parameters of /api/releases/stream. lastEventID is
// the Last-Event-ID header, which a browser sends when it reconnects; it
// wins over the last_event_id parameter, which wins over since.
// canon resolves the vendor and model filters to canonical names.
func streamQuery(v url.Values, lastEventID string, canon func(vendors, models []string) ([]string, []string)) (streamRequest, *paramError) {
	p, perr := readParams(v, streamParams, filterRepeatable)
	if perr != nil {
		return streamRequest{}, perr
	}
	vendors, models := p.list("vendor"), p.list("model")
	if len(vendors)*max(len(models), 1) > MaxValues {
		return streamRequest{}, badParam("vendor", "at most %d vendor and model pairs", MaxValues)
	}
	req := streamRequest{filter: bus.ReleaseFilter(canon(vendors, models))}
	id, name := strings.TrimSpace(lastEventID), "Last-Event-ID"
	if id == "" {
		id, name = p.str("last_event_id"), "last_event_id"
	}
	if id != "" {
		// Stream sequences are below 2^63; a larger one would overflow
		// where the stream resumes (after it: +1).
		seq, err := strconv.ParseUint(id, 10, 63)
		if err != nil {
			return req, badParam(name, "%q is not a stream sequence number (0 to %d)", clip(id), uint64(math.MaxInt64))
		}
		req.start.AfterSeq = seq
		if seq == 0 {
			req.start.All = true
		}
		return req, nil
	}
	start, err := bus.ParseReleaseStart(p.str("since"), time.Now())
	if err != nil {
		return req, badParam("since", "%v", err)
	}
	if perr := checkDate("since", start.Since); perr != nil {
		return req, perr
	}
	req.start = start
	return req, nil
}
