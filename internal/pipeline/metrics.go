package pipeline

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/modelwire/modelwire/internal/probe"
)

// Document outcomes, the result label of modelwire_index_documents_total
// and modelwire_extract_pages_total.
const (
	resultIndexed      = "indexed"
	resultStale        = "stale"
	resultRetried      = "retried"
	resultDeadLettered = "dead_lettered"
	resultExtracted    = "extracted"
	resultNoArticle    = "no_article"
)

// extractMetrics are the extract stage's collectors.
type extractMetrics struct {
	duration prometheus.Histogram
	pages    *prometheus.CounterVec
}

func newExtractMetrics(reg prometheus.Registerer) extractMetrics {
	m := extractMetrics{
		duration: probe.Register(reg, prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "modelwire_extract_duration_seconds",
			Help:    "Time to extract one page into an article (decompressed HTML in, article out).",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		})),
		pages: probe.Register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "modelwire_extract_pages_total",
			Help: "Pages handled by the extractor by result: extracted, no_article, retried, dead_lettered.",
		}, []string{"result"})),
	}
	for _, r := range []string{resultExtracted, resultNoArticle, resultRetried, resultDeadLettered} {
		m.pages.WithLabelValues(r) // every series exists from the start, at 0
	}
	return m
}

// indexMetrics are the index stages' collectors; kind is "articles" or
// "releases".
type indexMetrics struct {
	bulk     prometheus.Observer
	failures prometheus.Counter
	docs     *prometheus.CounterVec
	// latency is from the page's fetch to its article stored (articles only).
	latency prometheus.Observer
}

func newIndexMetrics(reg prometheus.Registerer, kind string) indexMetrics {
	bulk := probe.Register(reg, prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "modelwire_index_bulk_duration_seconds",
		Help:    "Time to write one batch into the search store (a bulk request on Elasticsearch), by kind.",
		Buckets: prometheus.ExponentialBuckets(.005, 2.5, 10),
	}, []string{"kind"}))
	failures := probe.Register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "modelwire_index_bulk_failures_total",
		Help: "Batches the search store failed to write in full (some or all items are retried), by kind.",
	}, []string{"kind"}))
	docs := probe.Register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "modelwire_index_documents_total",
		Help: "Documents handled by the indexer by kind and result: indexed, stale, retried, dead_lettered.",
	}, []string{"kind", "result"}))
	m := indexMetrics{
		bulk:     bulk.WithLabelValues(kind),
		failures: failures.WithLabelValues(kind),
		docs:     docs.MustCurryWith(prometheus.Labels{"kind": kind}),
	}
	if kind == "articles" {
		m.latency = probe.Register(reg, prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "modelwire_index_latency_seconds",
			Help:    "Time from a page's fetch to its article being stored in the search store.",
			Buckets: probe.LatencyBuckets,
		}))
	}
	for _, r := range []string{resultIndexed, resultStale, resultRetried, resultDeadLettered} {
		m.docs.WithLabelValues(r) // every series exists from the start, at 0
	}
	return m
}
