package api

import (
	"cmp"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/modelwire/modelwire/indexer"
)

// The release timeline: releases over time by vendor, as a stacked bar
// chart in server-rendered SVG (no script, no external library: the chart
// is a few dozen rectangles whose every one is a link). Each bar segment
// filters the results to its vendor and period; the range form zooms.

// Timeline parameters of the search page.
var timelineParams = []string{"every", "from", "to"}

// Timeline sizes and the chart's geometry, in SVG user units (the chart
// scales to the width of the page).
const (
	// maxTimelineBuckets bounds the bars: ten years of months, three of weeks.
	maxMonthBuckets = 120
	maxWeekBuckets  = 156
	// autoWeeks is the longest range shown in weeks when every is not given.
	autoWeeks = 26 * 7 * 24 * time.Hour
	// timelineVendors is how many vendors get a colour of their own; the
	// others are drawn together as "other".
	timelineVendors = 8

	chartWidth, chartHeight          = 720, 170
	chartLeft, chartBottom, chartTop = 30, 22, 8
	maxXLabels                       = 12
	// maxBarWidth keeps a few bars from filling the chart as slabs.
	maxBarWidth = 48
)

// vendorColors are distinguishable colours (Tableau 10), by vendor rank.
var vendorColors = []string{"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7"}

const otherColor = "#9c9c9c"

// timelineRange is what the page asks the timeline to show.
type timelineRange struct {
	every    string    // "week", "month" or "" (chosen from the range)
	from, to time.Time // zero: from the first / to the last release
}

func (p params) timelineRange() (timelineRange, *paramError) {
	var tr timelineRange
	switch e := p.str("every"); e {
	case "", "week", "month":
		tr.every = e
	default:
		return tr, badParam("every", "%q is not week or month", clip(e))
	}
	var perr *paramError
	if tr.from, _, perr = p.monthOrDate("from"); perr != nil {
		return tr, perr
	}
	// to is inclusive: the whole of its day, or of its month.
	var month bool
	if tr.to, month, perr = p.monthOrDate("to"); perr != nil {
		return tr, perr
	}
	switch {
	case tr.to.IsZero():
	case month:
		tr.to = tr.to.AddDate(0, 1, 0)
	default:
		tr.to = tr.to.AddDate(0, 0, 1)
	}
	if !tr.from.IsZero() && !tr.to.IsZero() && !tr.to.After(tr.from) {
		return tr, badParam("to", "must be after from")
	}
	return tr, nil
}

// monthOrDate reads YYYY-MM-DD or YYYY-MM (month is then true); absent
// is the zero time.
func (p params) monthOrDate(name string) (t time.Time, month bool, perr *paramError) {
	s := p.str(name)
	if s == "" {
		return time.Time{}, false, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, false, nil
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return t, true, nil
	}
	return time.Time{}, false, badParam(name, "%q is not a month (YYYY-MM) or a date (YYYY-MM-DD)", clip(s))
}

// timeline is the chart as templates/timeline.html draws it.
type timeline struct {
	Every      string // "week" or "month"
	EveryParam string // what the page asked for: "", "week" or "month"
	From, To   time.Time
	Total      int // releases in the range
	Max        int // the tallest bar
	Width      int
	Height     int
	PlotBottom int
	Bars       []timelineBar
	XLabels    []timelineLabel
	YLabels    []timelineLabel
	Legend     []legendItem
	// Selected is true when the results are filtered to one bar's period.
	Selected bool
	// Form values and the parameters the range form keeps.
	FromValue, ToValue string
	Hidden             []hiddenField
	Presets            []filterLink
}

// timelineBar is one vendor's releases in one period.
type timelineBar struct {
	X, Y, W, H float64
	Color      string
	Vendor     string
	Count      int
	Period     string // "2025-07" or "week of 2025-07-07"
	Href       string
	Selected   bool
	Title      string // the tooltip
}

type timelineLabel struct {
	X, Y float64
	Text string
	Href string
}

type legendItem struct {
	Vendor string
	Color  string
	Count  int
	Href   string
	Active bool
}

// buildTimeline lays out the releases recs (announcement dates) over the
// range tr asks for; v is the page's query, which the bars' links change.
func buildTimeline(recs []indexer.ReleaseRecord, tr timelineRange, v url.Values, now time.Time) *timeline {
	var dates []time.Time
	for _, r := range recs {
		if d := r.AnnouncedAt(); !d.IsZero() {
			dates = append(dates, d.UTC())
		}
	}
	if len(dates) == 0 {
		return nil
	}
	lo, hi := slices.MinFunc(dates, time.Time.Compare), slices.MaxFunc(dates, time.Time.Compare)
	from, to := cmp.Or(tr.from, lo), cmp.Or(tr.to, hi.Add(time.Nanosecond))
	every := tr.every
	if every == "" {
		every = "month"
		if to.Sub(from) <= autoWeeks {
			every = "week"
		}
	}
	tl := &timeline{Every: every, EveryParam: tr.every, Width: chartWidth, Height: chartHeight, PlotBottom: chartHeight - chartBottom}
	starts := bucketStarts(every, from, to)
	tl.From, tl.To = starts[0], starts[len(starts)-1]
	starts = starts[:len(starts)-1] // the last is the end of the range

	// Count per bucket and vendor; rank vendors by releases in the range.
	counts := make([]map[string]int, len(starts))
	for i := range counts {
		counts[i] = map[string]int{}
	}
	perVendor := map[string]int{}
	for _, r := range recs {
		d := r.AnnouncedAt().UTC()
		if d.IsZero() || d.Before(tl.From) || !d.Before(tl.To) {
			continue
		}
		i, _ := slices.BinarySearchFunc(starts, d, func(s, t time.Time) int {
			if s.After(t) {
				return 1
			}
			return -1
		})
		counts[i-1][r.Vendor]++
		perVendor[r.Vendor]++
		tl.Total++
	}
	ranked := make([]string, 0, len(perVendor))
	for vendor := range perVendor {
		ranked = append(ranked, vendor)
	}
	slices.SortFunc(ranked, func(a, b string) int { return cmp.Or(cmp.Compare(perVendor[b], perVendor[a]), cmp.Compare(a, b)) })
	color := map[string]string{}
	for i, vendor := range ranked {
		color[vendor] = otherColor
		if i < timelineVendors {
			color[vendor] = vendorColors[i]
		}
	}
	activeVendors := v["vendor"]
	for i, vendor := range ranked {
		if i == timelineVendors {
			break
		}
		tl.Legend = append(tl.Legend, legendItem{Vendor: vendor, Color: color[vendor], Count: perVendor[vendor],
			Href: toggleLink(v, "vendor", vendor), Active: slices.Contains(activeVendors, vendor)})
	}
	if len(ranked) > timelineVendors {
		n := 0
		for _, vendor := range ranked[timelineVendors:] {
			n += perVendor[vendor]
		}
		tl.Legend = append(tl.Legend, legendItem{Vendor: "other", Color: otherColor, Count: n})
	}

	// Geometry.
	for _, c := range counts {
		sum := 0
		for _, n := range c {
			sum += n
		}
		tl.Max = max(tl.Max, sum)
	}
	plotW, plotH := float64(chartWidth-chartLeft), float64(chartHeight-chartBottom-chartTop)
	slot := plotW / float64(len(starts))
	barW := min(slot-min(2, slot/5), maxBarWidth)
	unit := plotH / float64(max(tl.Max, 1))
	since, until := v.Get("since"), v.Get("until")
	for i, start := range starts {
		end := nextBucket(every, start)
		period := periodName(every, start)
		selected := since == start.Format(time.DateOnly) && until == end.Format(time.DateOnly)
		tl.Selected = tl.Selected || selected
		y := float64(chartHeight - chartBottom)
		add := func(vendor string, n int, href string) {
			h := float64(n) * unit
			y -= h
			b := timelineBar{X: float64(chartLeft) + float64(i)*slot + (slot-barW)/2, Y: y, W: barW, H: h,
				Color: color[vendor], Vendor: vendor, Count: n, Period: period, Selected: selected, Href: href}
			b.Title = barTitle(b)
			tl.Bars = append(tl.Bars, b)
		}
		other := 0
		for r, vendor := range ranked { // the biggest vendor at the bottom, then one "other" segment
			switch n := counts[i][vendor]; {
			case n == 0:
			case r >= timelineVendors:
				other += n
			default:
				add(vendor, n, periodLink(v, start, end, vendor))
			}
		}
		if other > 0 {
			color["other"] = otherColor
			add("other", other, periodLink(v, start, end, ""))
		}
	}
	step := max(1, (len(starts)+maxXLabels-1)/maxXLabels)
	for i := 0; i < len(starts); i += step {
		tl.XLabels = append(tl.XLabels, timelineLabel{X: float64(chartLeft) + float64(i)*slot + slot/2, Y: float64(chartHeight - 6),
			Text: shortPeriod(every, starts[i]), Href: periodLink(v, starts[i], nextBucket(every, starts[i]), "")})
	}
	for _, n := range slices.Compact([]int{0, tl.Max / 2, tl.Max}) {
		tl.YLabels = append(tl.YLabels, timelineLabel{X: chartLeft - 6, Y: float64(chartHeight-chartBottom) - float64(n)*unit + 4, Text: strconv.Itoa(n)})
	}

	// The range form and its presets.
	// The form shows the range asked for, else the one drawn.
	tl.FromValue = cmp.Or(tr.from, tl.From).Format(time.DateOnly)
	tl.ToValue = cmp.Or(tr.to, tl.To).AddDate(0, 0, -1).Format(time.DateOnly)
	for k, vals := range v {
		if k == "from" || k == "to" || k == "every" || k == "offset" {
			continue
		}
		for _, val := range vals {
			tl.Hidden = append(tl.Hidden, hiddenField{k, val})
		}
	}
	slices.SortFunc(tl.Hidden, func(a, b hiddenField) int { return cmp.Compare(a.Name, b.Name) })
	month := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	tl.Presets = []filterLink{
		{Label: "last 3 months", Remove: rangeLink(v, month.AddDate(0, -2, 0), time.Time{}, "week")},
		{Label: "last 12 months", Remove: rangeLink(v, month.AddDate(0, -11, 0), time.Time{}, "month")},
		{Label: "all", Remove: rangeLink(v, time.Time{}, time.Time{}, "")},
	}
	return tl
}

// bucketStarts returns the starts of the periods covering [from, to),
// and the end of the last: months from the 1st, weeks from Monday, at
// most maxMonthBuckets or maxWeekBuckets (the latest ones).
func bucketStarts(every string, from, to time.Time) []time.Time {
	start := bucketOf(every, from)
	limit := maxMonthBuckets
	if every == "week" {
		limit = maxWeekBuckets
	}
	var out []time.Time
	for t := start; t.Before(to) || len(out) == 0; t = nextBucket(every, t) {
		out = append(out, t)
	}
	out = append(out, nextBucket(every, out[len(out)-1]))
	if len(out) > limit+1 {
		out = out[len(out)-limit-1:]
	}
	return out
}

func bucketOf(every string, t time.Time) time.Time {
	t = t.UTC()
	if every == "week" {
		d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7)) // back to Monday
	}
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

func nextBucket(every string, t time.Time) time.Time {
	if every == "week" {
		return t.AddDate(0, 0, 7)
	}
	return t.AddDate(0, 1, 0)
}

func periodName(every string, t time.Time) string {
	if every == "week" {
		return "week of " + t.Format(time.DateOnly)
	}
	return t.Format("January 2006")
}

func shortPeriod(every string, t time.Time) string {
	if every == "week" {
		return t.Format("Jan 2")
	}
	if t.Month() == time.January {
		return t.Format("Jan 2006")
	}
	return t.Format("Jan")
}

// periodLink filters the results to articles published in [start, end)
// and, when vendor is set, to that vendor; the timeline's range stays.
func periodLink(v url.Values, start, end time.Time, vendor string) string {
	out := url.Values{}
	for k, vals := range v {
		if k != "offset" {
			out[k] = slices.Clone(vals)
		}
	}
	out.Set("since", start.Format(time.DateOnly))
	out.Set("until", end.Format(time.DateOnly))
	if vendor != "" {
		out.Set("vendor", vendor)
	}
	return "?" + out.Encode()
}

// rangeLink shows the timeline from from to to (zero: open) in every.
func rangeLink(v url.Values, from, to time.Time, every string) string {
	out := url.Values{}
	for k, vals := range v {
		if k != "offset" && k != "from" && k != "to" && k != "every" {
			out[k] = slices.Clone(vals)
		}
	}
	if !from.IsZero() {
		out.Set("from", from.Format(time.DateOnly))
	}
	if !to.IsZero() {
		out.Set("to", to.Format(time.DateOnly))
	}
	if every != "" {
		out.Set("every", every)
	}
	return "?" + out.Encode()
}

// barTitle is a bar's tooltip.
func barTitle(b timelineBar) string {
	s := "s"
	if b.Count == 1 {
		s = ""
	}
	return fmt.Sprintf("%s: %d release%s, %s", b.Vendor, b.Count, s, b.Period)
}

// svgNumber writes a coordinate with at most one decimal.
func svgNumber(f float64) string { return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64) }

// lastDay is the day before t: the last day of a range ending at t.
func lastDay(t time.Time) time.Time { return t.AddDate(0, 0, -1) }
