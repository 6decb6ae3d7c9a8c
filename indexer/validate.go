package indexer

import (
	"errors"
	"fmt"
	"time"
)

// Limits on a query, the same on both stores, so no query can make a
// store do unbounded work or fail inside it: Elasticsearch refuses a
// simple_query_string of more terms than its clause limit allows, and
// Bleve keeps dates as int64 nanoseconds (years 1678 to 2262).
const (
	// MaxQueryBytes and MaxQueryTerms bound Query.Text.
	MaxQueryBytes = 1024
	MaxQueryTerms = 32
	// MaxFilterValues bounds Query.Vendors, Query.Models and
	// ReleaseQuery.Vendors.
	MaxFilterValues = 20
)

// MinDate and MaxDate bound the dates of a query: the news modelwire
// reads is from between them, and both stores represent them.
var (
	MinDate = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	MaxDate = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// ErrBadQuery reports a query no store answers: the caller's mistake, to
// be reported as such (HTTP 400), never a store failure.
var ErrBadQuery = errors.New("bad query")

// ErrQueryTooLong reports query text over MaxQueryBytes or MaxQueryTerms;
// it is an ErrBadQuery.
var ErrQueryTooLong = fmt.Errorf("%w: query too long", ErrBadQuery)

// Validate reports a query outside the limits above, as an ErrBadQuery.
func (q Query) Validate() error {
	if err := checkText(q.Text); err != nil {
		return err
	}
	if len(q.Vendors) > MaxFilterValues || len(q.Models) > MaxFilterValues || len(q.Benchmarks) > MaxFilterValues {
		return fmt.Errorf("%w: at most %d vendors, %d models and %d benchmarks", ErrBadQuery, MaxFilterValues, MaxFilterValues, MaxFilterValues)
	}
	if err := CheckDate("since", q.Since); err != nil {
		return err
	}
	return CheckDate("until", q.Until)
}

// Validate reports a release query outside the limits above, as an
// ErrBadQuery.
func (q ReleaseQuery) Validate() error {
	if len(q.Vendors) > MaxFilterValues {
		return fmt.Errorf("%w: at most %d vendors", ErrBadQuery, MaxFilterValues)
	}
	if len(q.Model) > MaxQueryBytes {
		return fmt.Errorf("%w: model name longer than %d bytes", ErrBadQuery, MaxQueryBytes)
	}
	return CheckDate("since", q.Since)
}

// CheckDate reports a date (named name) outside [MinDate, MaxDate), as an
// ErrBadQuery; the zero time means "none" and passes.
func CheckDate(name string, t time.Time) error {
	if t.IsZero() || (!t.Before(MinDate) && t.Before(MaxDate)) {
		return nil
	}
	return fmt.Errorf("%w: %s %s is outside %s to %s", ErrBadQuery, name, t.Format(time.DateOnly),
		MinDate.Format(time.DateOnly), MaxDate.AddDate(0, 0, -1).Format(time.DateOnly))
}

// checkText reports query text over MaxQueryBytes or MaxQueryTerms.
func checkText(s string) error {
	if len(s) > MaxQueryBytes {
		return fmt.Errorf("%w: %d bytes, at most %d", ErrQueryTooLong, len(s), MaxQueryBytes)
	}
	if n := len(splitQuery(s)); n > MaxQueryTerms {
		return fmt.Errorf("%w: %d terms, at most %d", ErrQueryTooLong, n, MaxQueryTerms)
	}
	return nil
}
