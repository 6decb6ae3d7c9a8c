package bus

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/event"
)

// RetryDelay is the Nak delay for a message delivered n times: exponential
// from one second, capped at five minutes.
func RetryDelay(delivered uint64) time.Duration {
	d := time.Second
	for i := uint64(1); i < delivered && d < 5*time.Minute; i++ {
		d *= 2
	}
	return min(d, 5*time.Minute)
}

// Ack acknowledges msg, logging a failure (the message then comes back
// after its ack wait).
func Ack(msg jetstream.Msg, log *slog.Logger) {
	if err := msg.Ack(); err != nil {
		log.Warn("ack failed; the message will be redelivered", "subject", msg.Subject(), "err", err)
	}
}

// Retry Naks msg with a delay that grows with its deliveries.
func Retry(msg jetstream.Msg, log *slog.Logger, reason error) {
	var n uint64 = 1
	if md, err := msg.Metadata(); err == nil {
		n = md.NumDelivered
	}
	d := RetryDelay(n)
	log.Warn("will retry", "subject", msg.Subject(), "attempt", n, "delay", d, "err", reason)
	if err := msg.NakWithDelay(d); err != nil {
		log.Warn("nak failed; the message is redelivered after its ack wait", "err", err)
	}
}

// DeadLetter copies msg with the reason to MW_DLQ and terminates it. If the
// copy cannot be stored the message is Nak'ed instead, so nothing is lost.
func DeadLetter(ctx context.Context, js jetstream.JetStream, stage string, msg jetstream.Msg, log *slog.Logger, reason error) {
	dl := event.DeadLetter{Stage: stage, Subject: msg.Subject(), Reason: reason.Error(), At: time.Now().UTC(), Data: msg.Data()}
	if md, err := msg.Metadata(); err == nil {
		dl.Stream, dl.Seq = md.Stream, md.Sequence.Stream
	}
	data, err := event.Encode(dl)
	if err == nil && int64(len(data)) > js.Conn().MaxPayload()-PayloadHeadroom {
		// The copy would not fit in a message: refer to the original,
		// which stays in its stream until the stream's limits drop it.
		dl.Data, dl.DataOmitted = nil, true
		data, err = event.Encode(dl)
	}
	if err == nil {
		_, err = js.Publish(ctx, event.DLQSubject(stage), data,
			jetstream.WithMsgID(fmt.Sprintf("dlq:%s:%s:%d", stage, dl.Stream, dl.Seq)))
	}
	if err != nil {
		Retry(msg, log, fmt.Errorf("dead-lettering failed (%v) for: %w", err, reason))
		return
	}
	log.Error("dead-lettered", "stage", stage, "subject", dl.Subject, "seq", dl.Seq, "err", reason)
	if err := msg.Term(); err != nil {
		log.Warn("term failed", "seq", dl.Seq, "err", err)
	}
}
