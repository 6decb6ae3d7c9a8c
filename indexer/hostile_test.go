package indexer_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/indexer"
)

// TestHostileQueries: queries a client can send that no store can answer
// — text over the length or term limits, dates outside the range, too
// many filter values — are refused as ErrBadQuery by both stores, before
// they reach the engine (an Elasticsearch error, a Bleve date overflow),
// and the limits themselves are answered by both.
func TestHostileQueries(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	t0 := time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC)
	stores := map[string]interface {
		Search(context.Context, indexer.Query) (indexer.Result, error)
		Releases(context.Context, indexer.ReleaseQuery) ([]indexer.ReleaseRecord, error)
	}{"embedded": openTemp(t), "elastic": openElastic(t, indexer.ElasticConfig{})}
	for name, s := range stores {
		if errs := s.(interface {
			Index(context.Context, []event.Article) []error
		}).Index(ctx, corpus(t0)); errors.Join(errs...) != nil {
			t.Fatalf("%s: indexing: %v", name, errors.Join(errs...))
		}
	}
	refresh(t, stores["elastic"].(*indexer.Elastic))

	many := make([]string, indexer.MaxFilterValues+1)
	for i := range many {
		many[i] = fmt.Sprintf("vendor%d", i)
	}
	date := func(y int) time.Time { return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC) }
	bad := []struct {
		name string
		q    indexer.Query
		rq   *indexer.ReleaseQuery
	}{
		{name: "33 terms", q: indexer.Query{Text: strings.Repeat("a ", indexer.MaxQueryTerms+1)}},
		{name: "over 1 KiB", q: indexer.Query{Text: strings.Repeat("x", indexer.MaxQueryBytes+1)}},
		{name: "since 1600", q: indexer.Query{Since: date(1600)}},
		{name: "until 9999-12-31", q: indexer.Query{Until: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)}},
		{name: "21 vendors", q: indexer.Query{Vendors: many}},
		{name: "21 models", q: indexer.Query{Models: many}},
		{name: "releases since 1600", rq: &indexer.ReleaseQuery{Since: date(1600)}},
		{name: "releases of 21 vendors", rq: &indexer.ReleaseQuery{Vendors: many}},
	}
	good := []indexer.Query{
		{Text: strings.TrimSpace(strings.Repeat("a ", indexer.MaxQueryTerms))},
		{Since: indexer.MinDate, Until: indexer.MaxDate.Add(-time.Nanosecond)},
		{Vendors: many[:indexer.MaxFilterValues]},
	}
	for name, s := range stores {
		for _, tt := range bad {
			t.Run(name+"/"+tt.name, func(t *testing.T) {
				var err error
				if tt.rq != nil {
					_, err = s.Releases(ctx, *tt.rq)
				} else {
					_, err = s.Search(ctx, tt.q)
				}
				if !errors.Is(err, indexer.ErrBadQuery) {
					t.Errorf("err = %v, want ErrBadQuery", err)
				}
			})
		}
		for i, q := range good {
			t.Run(fmt.Sprintf("%s/at the limit %d", name, i), func(t *testing.T) {
				if _, err := s.Search(ctx, q); err != nil {
					t.Errorf("a query at the limits failed: %v", err)
				}
			})
		}
		t.Run(name+"/releases at the limits", func(t *testing.T) {
			if _, err := s.Releases(ctx, indexer.ReleaseQuery{Since: indexer.MinDate, Vendors: many[:indexer.MaxFilterValues]}); err != nil {
				t.Errorf("a release query at the limits failed: %v", err)
			}
		})
	}
}
