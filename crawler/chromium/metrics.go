package chromium

import (
	"errors"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/modelwire/modelwire/crawler"
)

// metrics are the renderer's collectors; nil fields when no registerer.
type metrics struct {
	duration *prometheus.HistogramVec
}

func newMetrics(reg prometheus.Registerer, b *Browser) metrics {
	if reg == nil {
		return metrics{}
	}
	m := metrics{duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "modelwire_render_duration_seconds",
		Help:    "Time to render one page in the browser, from its tab opening to its DOM read, by result: ok, failed.",
		Buckets: prometheus.ExponentialBucketsRange(0.05, 60, 16),
	}, []string{"result"})}
	reg.MustRegister(m.duration,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "modelwire_render_browser_memory_bytes",
			Help: "Memory of the running browser: the proportional set size of all its processes (0 when none runs).",
		}, func() float64 {
			n, _ := b.Memory()
			return float64(n)
		}),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "modelwire_render_browser_starts_total",
			Help: "Browsers started: the first, and one after each crash.",
		}, func() float64 { return float64(b.started.Load()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "modelwire_render_tabs_in_use",
			Help: "Pages rendering now.",
		}, func() float64 { return float64(len(b.tabs)) }))
	return m
}

// observe records one page's rendering.
func (m metrics) observe(d time.Duration, err error) {
	if m.duration == nil {
		return
	}
	result := "ok"
	if err != nil && !errors.Is(err, crawler.ErrDisallowed) {
		result = "failed"
	}
	m.duration.WithLabelValues(result).Observe(d.Seconds())
}
