package api

import (
	"net/url"
	"testing"

	"github.com/modelwire/modelwire/indexer"
)

// FuzzSearchQuery checks that any query string is either refused with a
// named parameter or yields a query within the limits.
func FuzzSearchQuery(f *testing.F) {
	for _, s := range []string{"q=DeepSeek&limit=5", "limit=0", "offset=9990&limit=10", "vendor=a,b&vendor=c", "since=2025-01-01&until=2024-01-01", "%zz", "lang=EN"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q, perr := searchQuery(v)
		if perr != nil {
			if perr.Param == "" || perr.Message == "" {
				t.Fatalf("%q: error without a parameter: %+v", raw, perr)
			}
			return
		}
		if q.Limit < 1 || q.Limit > indexer.MaxLimit || q.Offset < 0 || q.Offset+q.Limit > MaxWindow || len(q.Text) > MaxQueryBytes {
			t.Fatalf("%q: accepted out-of-limits query %+v", raw, q)
		}
		if !q.Since.IsZero() && !q.Until.IsZero() && !q.Until.After(q.Since) {
			t.Fatalf("%q: accepted an empty date range", raw)
		}
	})
}
