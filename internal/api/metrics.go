package api

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/modelwire/modelwire/internal/probe"
)

// metrics are the server's Prometheus collectors.
type metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	streams  prometheus.Gauge
}

// newMetrics creates the collectors and registers them on reg (nil: not
// registered, so they count for nobody). Collectors already registered by
// another Server on the same registry are shared.
func newMetrics(reg prometheus.Registerer) *metrics {
	return &metrics{
		requests: probe.Register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "modelwire_http_requests_total",
			Help: "HTTP requests by handler, method and status code.",
		}, []string{"handler", "method", "code"})),
		duration: probe.Register(reg, prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "modelwire_http_request_duration_seconds",
			Help:    "Time to answer HTTP requests by handler (for the live stream: how long it stayed open).",
			Buckets: prometheus.DefBuckets,
		}, []string{"handler", "method"})),
		streams: probe.Register(reg, prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "modelwire_http_streams_open",
			Help: "Server-Sent Events streams currently open.",
		})),
	}
}

// instrument counts and times h's requests under the handler label name.
func (m *metrics) instrument(name string, h http.HandlerFunc) http.Handler {
	labels := prometheus.Labels{"handler": name}
	return promhttp.InstrumentHandlerDuration(m.duration.MustCurryWith(labels),
		promhttp.InstrumentHandlerCounter(m.requests.MustCurryWith(labels), h))
}
