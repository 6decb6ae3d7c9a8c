package crawlstate

import (
	"sync"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/modelwire/modelwire/crawler"
)

// Metrics exports the crawler's pass counters to Prometheus: it is a
// crawler.Observer (pass it with crawler.WithObserver) and a
// prometheus.Collector (register it). Counters are the totals of finished
// passes plus the live counts of running ones, per source. Safe for
// concurrent use.
type Metrics struct {
	mu       sync.Mutex
	finished map[string]*sourceTotals
	running  map[*crawler.Stats]bool

	requests, bytes, pages, skipped, failed, robots, passes, queued *prometheus.Desc
}

// sourceTotals sums the finished passes over one source.
type sourceTotals struct {
	snap   crawler.Snapshot
	passes int
}

// NewMetrics returns an empty exporter.
func NewMetrics() *Metrics {
	src := []string{"source"}
	return &Metrics{
		finished: map[string]*sourceTotals{},
		running:  map[*crawler.Stats]bool{},
		requests: prometheus.NewDesc("modelwire_crawler_requests_total", "HTTP requests sent, by source (robots.txt, feeds, sitemaps, pages, redirects, retries).", src, nil),
		bytes:    prometheus.NewDesc("modelwire_crawler_bytes_total", "Decoded bytes of response bodies read, by source.", src, nil),
		pages: prometheus.NewDesc("modelwire_crawler_pages_total",
			"Pages and listings by source and status: fetched (pages published), documents (feeds, sitemaps and Hub model lists read), not_modified (304), unchanged (same content), rendered (loaded in the browser).",
			[]string{"source", "status"}, nil),
		skipped: prometheus.NewDesc("modelwire_crawler_skipped_total", "URLs not fetched or not published, by source and reason.", []string{"source", "reason"}, nil),
		failed:  prometheus.NewDesc("modelwire_crawler_failed_total", "URLs that failed, by source and reason (http_404, timeout, too_large, publish, …).", []string{"source", "reason"}, nil),
		robots:  prometheus.NewDesc("modelwire_crawler_robots_denied_total", "URLs robots.txt disallowed, by source.", src, nil),
		passes:  prometheus.NewDesc("modelwire_crawler_passes_total", "Passes over a source finished, by source.", src, nil),
		queued:  prometheus.NewDesc("modelwire_crawler_queued_pages", "Pages waiting in the frontier of the running passes, by source.", src, nil),
	}
}

// PassStarted implements crawler.Observer.
func (m *Metrics) PassStarted(st *crawler.Stats) {
	m.mu.Lock()
	m.running[st] = true
	m.mu.Unlock()
}

// PassEnded implements crawler.Observer.
func (m *Metrics) PassEnded(st *crawler.Stats) {
	snap := st.Snapshot()
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.running, st)
	t := m.finished[snap.Source]
	if t == nil {
		t = &sourceTotals{}
		m.finished[snap.Source] = t
	}
	t.snap = addSnapshots(t.snap, snap)
	t.passes++
}

// Queued returns the pages waiting in the frontiers of the running passes.
func (m *Metrics) Queued() int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	var n int64
	for st := range m.running {
		n += st.Snapshot().Queued
	}
	return n
}

// Describe implements prometheus.Collector.
func (m *Metrics) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{m.requests, m.bytes, m.pages, m.skipped, m.failed, m.robots, m.passes, m.queued} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (m *Metrics) Collect(ch chan<- prometheus.Metric) {
	m.mu.Lock()
	totals := map[string]crawler.Snapshot{}
	passes := map[string]int{}
	for src, t := range m.finished {
		totals[src] = t.snap
		passes[src] = t.passes
	}
	queued := map[string]int64{}
	for st := range m.running {
		snap := st.Snapshot()
		totals[snap.Source] = addSnapshots(totals[snap.Source], snap)
		queued[snap.Source] += snap.Queued
	}
	m.mu.Unlock()
	counter := func(d *prometheus.Desc, v int64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, float64(v), labels...)
	}
	for src, s := range totals {
		counter(m.requests, s.Requests, src)
		counter(m.bytes, s.Bytes, src)
		counter(m.pages, s.Fetched, src, "fetched")
		counter(m.pages, s.Documents, src, "documents")
		counter(m.pages, s.NotModified, src, "not_modified")
		counter(m.pages, s.Unchanged, src, "unchanged")
		counter(m.pages, s.Rendered, src, "rendered")
		counter(m.robots, s.Skipped[crawler.SkipRobots], src)
		counter(m.passes, int64(passes[src]), src)
		ch <- prometheus.MustNewConstMetric(m.queued, prometheus.GaugeValue, float64(queued[src]), src)
		for reason, n := range s.Skipped {
			counter(m.skipped, n, src, reason)
		}
		for reason, n := range s.Failed {
			counter(m.failed, n, src, reason)
		}
	}
}

// addSnapshots returns the counters of a and b added up.
func addSnapshots(a, b crawler.Snapshot) crawler.Snapshot {
	out := crawler.Snapshot{
		Source:      b.Source,
		Requests:    a.Requests + b.Requests,
		Fetched:     a.Fetched + b.Fetched,
		Documents:   a.Documents + b.Documents,
		NotModified: a.NotModified + b.NotModified,
		Unchanged:   a.Unchanged + b.Unchanged,
		Bytes:       a.Bytes + b.Bytes,
		Rendered:    a.Rendered + b.Rendered,
		Skipped:     map[string]int64{},
		Failed:      map[string]int64{},
		Duration:    a.Duration + b.Duration,
	}
	for _, m := range []map[string]int64{a.Skipped, b.Skipped} {
		for k, v := range m {
			out.Skipped[k] += v
		}
	}
	for _, m := range []map[string]int64{a.Failed, b.Failed} {
		for k, v := range m {
			out.Failed[k] += v
		}
	}
	return out
}
