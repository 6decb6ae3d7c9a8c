package api

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/modelwire/modelwire/indexer"
)

func rec(vendor string, announced time.Time) indexer.ReleaseRecord {
	return indexer.ReleaseRecord{Key: vendor + "." + announced.Format("20060102"), Vendor: vendor, Model: "M", PublishedAt: announced, FirstSeen: announced.Add(24 * time.Hour)}
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// bars sums a timeline's bars per period and vendor: "2025-01 deepseek=2".
func barCounts(tl *timeline) []string {
	var out []string
	for _, b := range tl.Bars {
		out = append(out, fmt.Sprintf("%s %s=%d", b.Period, b.Vendor, b.Count))
	}
	return out
}

func TestTimeline(t *testing.T) {
	recs := []indexer.ReleaseRecord{
		rec("deepseek", day("2025-01-20")), rec("deepseek", day("2025-01-27")), rec("qwen", day("2025-01-31")),
		rec("qwen", day("2025-03-02")), rec("moonshot", day("2025-03-15")), rec("qwen", day("2024-11-30")),
		{Key: "undated", Vendor: "x"}, // no date at all: not drawn
	}
	now := day("2025-03-20")
	t.Run("months", func(t *testing.T) {
		tl := buildTimeline(recs, timelineRange{every: "month"}, url.Values{}, now)
		if tl.Every != "month" || !tl.From.Equal(day("2024-11-01")) || !tl.To.Equal(day("2025-04-01")) || tl.Total != 6 || tl.Max != 3 {
			t.Fatalf("every %s from %s to %s total %d max %d", tl.Every, tl.From, tl.To, tl.Total, tl.Max)
		}
		// Stacked in the vendors' overall rank: qwen (3) below deepseek (2).
		want := []string{"November 2024 qwen=1", "January 2025 qwen=1", "January 2025 deepseek=2", "March 2025 qwen=1", "March 2025 moonshot=1"}
		if got := barCounts(tl); !slices.Equal(got, want) {
			t.Errorf("bars %q, want %q", got, want)
		}
		// Vendors ranked by releases; the legend toggles the vendor filter.
		var legend []string
		for _, l := range tl.Legend {
			legend = append(legend, fmt.Sprintf("%s=%d %s", l.Vendor, l.Count, l.Href))
		}
		if want := []string{"qwen=3 ?vendor=qwen", "deepseek=2 ?vendor=deepseek", "moonshot=1 ?vendor=moonshot"}; !slices.Equal(legend, want) {
			t.Errorf("legend %q, want %q", legend, want)
		}
		// Stacked: the biggest vendor at the bottom, bars reach the top for the max.
		jan := tl.Bars[1:3]
		near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
		if jan[0].Vendor != "qwen" || !near(jan[0].Y+jan[0].H, float64(tl.PlotBottom)) || !near(jan[1].Y+jan[1].H, jan[0].Y) || !near(jan[1].Y, chartTop) {
			t.Errorf("January's stack %+v", jan)
		}
		if tl.Bars[0].Href != "?since=2024-11-01&until=2024-12-01&vendor=qwen" {
			t.Errorf("bar link %s", tl.Bars[0].Href)
		}
		if len(tl.XLabels) != 5 || tl.XLabels[2].Text != "Jan 2025" || tl.XLabels[3].Text != "Feb" {
			t.Errorf("x labels %+v", tl.XLabels)
		}
	})
	t.Run("weeks when asked, within a range", func(t *testing.T) {
		tr := timelineRange{every: "week", from: day("2025-01-15"), to: day("2025-02-01")}
		tl := buildTimeline(recs, tr, url.Values{"q": {"DeepSeek"}, "vendor": {"deepseek"}, "offset": {"10"}}, now)
		if tl.Every != "week" || !tl.From.Equal(day("2025-01-13")) || !tl.To.Equal(day("2025-02-03")) || tl.Total != 3 {
			t.Fatalf("every %s from %s to %s total %d", tl.Every, tl.From, tl.To, tl.Total)
		}
		want := []string{"week of 2025-01-20 deepseek=1", "week of 2025-01-27 deepseek=1", "week of 2025-01-27 qwen=1"}
		if got := barCounts(tl); !slices.Equal(got, want) {
			t.Errorf("bars %q, want %q", got, want)
		}
		// A bar filters to its vendor and week, keeping the query and the zoom, dropping the page offset.
		if h := tl.Bars[2].Href; h != "?q=DeepSeek&since=2025-01-27&until=2025-02-03&vendor=qwen" {
			t.Errorf("bar link %s", h)
		}
		if !tl.Legend[0].Active || tl.Legend[0].Vendor != "deepseek" || tl.Legend[0].Href != "?q=DeepSeek" {
			t.Errorf("legend %+v", tl.Legend)
		}
		if tl.FromValue != "2025-01-15" || tl.ToValue != "2025-01-31" { // as asked, not as aligned
			t.Errorf("form %s – %s", tl.FromValue, tl.ToValue)
		}
	})
	t.Run("the selected period", func(t *testing.T) {
		tl := buildTimeline(recs, timelineRange{every: "month"}, url.Values{"since": {"2025-01-01"}, "until": {"2025-02-01"}}, now)
		var sel []string
		for _, b := range tl.Bars {
			if b.Selected {
				sel = append(sel, b.Vendor)
			}
		}
		if !tl.Selected || !slices.Equal(sel, []string{"qwen", "deepseek"}) {
			t.Errorf("selected %v %v", tl.Selected, sel)
		}
	})
	t.Run("auto picks weeks up to half a year, months beyond", func(t *testing.T) {
		if tl := buildTimeline(recs[:6], timelineRange{}, url.Values{}, now); tl.Every != "week" || len(tl.Bars) != 6 {
			t.Errorf("every %s, %d bars", tl.Every, len(tl.Bars))
		}
		long := append(slices.Clone(recs), rec("zhipu", day("2024-06-01")))
		if tl := buildTimeline(long, timelineRange{}, url.Values{}, now); tl.Every != "month" {
			t.Errorf("every %s over ten months", tl.Every)
		}
	})
	t.Run("no dated release, no chart", func(t *testing.T) {
		if tl := buildTimeline(recs[6:], timelineRange{}, url.Values{}, now); tl != nil {
			t.Errorf("timeline %+v", tl)
		}
	})
	t.Run("many vendors share the other colour", func(t *testing.T) {
		var many []indexer.ReleaseRecord
		for i := range 12 {
			for range 12 - i {
				many = append(many, rec(fmt.Sprintf("v%02d", i), day("2025-01-10")))
			}
		}
		tl := buildTimeline(many, timelineRange{}, url.Values{}, now)
		last := tl.Legend[len(tl.Legend)-1]
		if len(tl.Legend) != timelineVendors+1 || last.Vendor != "other" || last.Count != 4+3+2+1 || last.Href != "" {
			t.Errorf("legend %+v", tl.Legend)
		}
		// One segment for the others, on top, filtering to the period only.
		top := tl.Bars[len(tl.Bars)-1]
		if len(tl.Bars) != timelineVendors+1 || top.Vendor != "other" || top.Count != 10 || top.Color != otherColor ||
			top.Href != "?since=2025-01-06&until=2025-01-13" || top.Title != "other: 10 releases, week of 2025-01-06" {
			t.Errorf("%d bars, top %+v", len(tl.Bars), top)
		}
	})
	t.Run("a long range keeps the latest buckets", func(t *testing.T) {
		tl := buildTimeline(recs, timelineRange{every: "week", from: day("2015-01-01")}, url.Values{}, now)
		if n := (tl.To.Sub(tl.From)) / (7 * 24 * time.Hour); n != maxWeekBuckets {
			t.Errorf("%d weeks, want at most %d", n, maxWeekBuckets)
		}
	})
}

func TestTimelineRangeParams(t *testing.T) {
	tests := []struct {
		query    string
		from, to string
		err      string
	}{
		{"from=2025-01&to=2025-03", "2025-01-01", "2025-04-01", ""},
		{"from=2025-01-15&to=2025-01-31", "2025-01-15", "2025-02-01", ""},
		{"every=week", "", "", ""},
		{"every=day", "", "", `every: "day" is not week or month`},
		{"from=January", "", "", `from: "January" is not a month (YYYY-MM) or a date (YYYY-MM-DD)`},
		{"from=2025-03&to=2025-01", "", "", "to: must be after from"},
	}
	for _, tt := range tests {
		v, _ := url.ParseQuery(tt.query)
		_, tr, perr := pageQuery(v)
		switch {
		case tt.err != "":
			if perr == nil || perr.Message != tt.err {
				t.Errorf("%s: error %v, want %s", tt.query, perr, tt.err)
			}
		case perr != nil:
			t.Errorf("%s: %v", tt.query, perr)
		case tt.from != "" && (tr.from.Format(time.DateOnly) != tt.from || tr.to.Format(time.DateOnly) != tt.to):
			t.Errorf("%s: %s – %s", tt.query, tr.from, tr.to)
		}
	}
	if _, perr := searchQuery(url.Values{"every": {"week"}}); perr == nil {
		t.Errorf("/api/search takes the timeline's parameters")
	}
}
