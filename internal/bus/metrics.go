package bus

import (
	"context"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/modelwire/modelwire/event"
)

// ConsumerRef names a durable consumer of a stream.
type ConsumerRef struct {
	Stream, Consumer string
}

// Collector is a Prometheus collector of modelwire's JetStream state, read
// from the server on every scrape: for each given durable consumer the
// messages waiting for it, those delivered and not yet acknowledged, and
// those delivered more than once; for every stream its messages, and the
// size of the dead-letter queue. Register it on the registry a process
// serves; it is safe for concurrent use.
type Collector struct {
	js        jetstream.JetStream
	consumers []ConsumerRef
	timeout   time.Duration

	up, streamMsgs, dlq, pending, ackPending, redelivered *prometheus.Desc
}

// NewCollector returns a collector of the streams and of consumers.
func NewCollector(js jetstream.JetStream, consumers ...ConsumerRef) *Collector {
	cl := []string{"stream", "consumer"}
	return &Collector{
		js:          js,
		consumers:   consumers,
		timeout:     3 * time.Second,
		up:          prometheus.NewDesc("modelwire_jetstream_up", "1 if JetStream answered the last scrape, else 0.", nil, nil),
		streamMsgs:  prometheus.NewDesc("modelwire_stream_messages", "Messages stored in a stream.", []string{"stream"}, nil),
		dlq:         prometheus.NewDesc("modelwire_dlq_messages", "Dead letters in MW_DLQ: messages that can never succeed.", nil, nil),
		pending:     prometheus.NewDesc("modelwire_consumer_pending_messages", "Messages a durable consumer has not been delivered yet.", cl, nil),
		ackPending:  prometheus.NewDesc("modelwire_consumer_ack_pending_messages", "Messages delivered to a consumer and not yet acknowledged.", cl, nil),
		redelivered: prometheus.NewDesc("modelwire_consumer_redelivered_messages", "Messages delivered to a consumer more than once and not yet acknowledged.", cl, nil),
	}
}

// Describe implements prometheus.Collector.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.up, c.streamMsgs, c.dlq, c.pending, c.ackPending, c.redelivered} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	up := 1.0
	for _, name := range []string{event.StreamPages, event.StreamArticles, event.StreamReleases, event.StreamDLQ} {
		st, err := c.js.Stream(ctx, name)
		if err != nil {
			up = 0
			continue
		}
		// Stream fetched the info just now; CachedInfo avoids asking twice.
		msgs := float64(st.CachedInfo().State.Msgs)
		ch <- prometheus.MustNewConstMetric(c.streamMsgs, prometheus.GaugeValue, msgs, name)
		if name == event.StreamDLQ {
			ch <- prometheus.MustNewConstMetric(c.dlq, prometheus.GaugeValue, msgs)
		}
	}
	for _, ref := range c.consumers {
		cons, err := c.js.Consumer(ctx, ref.Stream, ref.Consumer)
		if err != nil {
			up = 0
			continue
		}
		info := cons.CachedInfo()
		ch <- prometheus.MustNewConstMetric(c.pending, prometheus.GaugeValue, float64(info.NumPending), ref.Stream, ref.Consumer)
		ch <- prometheus.MustNewConstMetric(c.ackPending, prometheus.GaugeValue, float64(info.NumAckPending), ref.Stream, ref.Consumer)
		ch <- prometheus.MustNewConstMetric(c.redelivered, prometheus.GaugeValue, float64(info.NumRedelivered), ref.Stream, ref.Consumer)
	}
	ch <- prometheus.MustNewConstMetric(c.up, prometheus.GaugeValue, up)
}
