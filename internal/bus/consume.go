package bus

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/internal/wait"
)

// PayloadHeadroom is kept free under the server's max payload for
// headers.
const PayloadHeadroom = 16 << 10

// DefaultGrace is how long in-flight work may go on after a stage is told
// to stop; then its context is cancelled, so a write that hangs fails and
// its messages are Nak'ed.
const DefaultGrace = 20 * time.Second

// WorkContext returns the context handlers run in: it outlives ctx by
// grace, so work in flight when ctx ends can complete.
func WorkContext(ctx context.Context, grace time.Duration) (context.Context, context.CancelFunc) {
	if grace <= 0 {
		grace = DefaultGrace
	}
	work, cancel := context.WithCancel(context.WithoutCancel(ctx))
	stop := context.AfterFunc(ctx, func() {
		t := time.AfterFunc(grace, cancel)
		context.AfterFunc(work, func() { t.Stop() })
	})
	return work, func() { stop(); cancel() }
}

// Consume hands the messages of cons to handle on workers goroutines until
// ctx ends; then it stops pulling, lets the workers finish the messages
// they have started, Naks those delivered but not started (so another
// replica takes them at once), and returns. handle gets a context that
// outlives ctx by grace.
func Consume(ctx context.Context, cons jetstream.Consumer, workers int, grace time.Duration, handle func(context.Context, jetstream.Msg)) error {
	if workers < 1 {
		workers = 1
	}
	it, err := cons.Messages(jetstream.PullMaxMessages(workers * 2))
	if err != nil {
		return fmt.Errorf("pulling from consumer: %w", err)
	}
	work, cancel := WorkContext(ctx, grace)
	defer cancel()
	msgs := make(chan jetstream.Msg)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for m := range msgs {
				if ctx.Err() != nil {
					m.Nak()
					continue
				}
				handle(work, m)
			}
		}()
	}
	stop := context.AfterFunc(ctx, it.Drain)
	defer stop()
	for {
		m, err := it.Next()
		if errors.Is(err, jetstream.ErrMsgIteratorClosed) {
			break
		}
		if err != nil {
			continue // transient: heartbeats missed, reconnecting; the iterator recovers
		}
		msgs <- m
	}
	close(msgs)
	wg.Wait()
	return nil
}

// EnsureConsumer creates or updates a durable consumer, retrying with
// growing pauses while NATS is unreachable, until ctx ends. It returns
// (nil, nil) when ctx ended first, so a stage stopped before it started
// stops cleanly. Where a durable consumer starts is fixed when it is first
// created (NATS refuses to change it): an existing one keeps its deliver
// policy and start time, and takes the rest of cfg.
func EnsureConsumer(ctx context.Context, js jetstream.JetStream, stream string, cfg jetstream.ConsumerConfig, log *slog.Logger) (jetstream.Consumer, error) {
	pause := time.Second
	for {
		want := cfg
		if old, err := js.Consumer(ctx, stream, cfg.Durable); err == nil && cfg.Durable != "" {
			was := old.CachedInfo().Config
			want.DeliverPolicy, want.OptStartTime, want.OptStartSeq = was.DeliverPolicy, was.OptStartTime, was.OptStartSeq
		}
		cons, err := js.CreateOrUpdateConsumer(ctx, stream, want)
		if err == nil {
			return cons, nil
		}
		if ctx.Err() != nil {
			return nil, nil
		}
		log.Warn("cannot create consumer; retrying", "stream", stream, "consumer", cfg.Durable, "retry_in", pause, "err", err)
		wait.Sleep(ctx, pause)
		if ctx.Err() != nil {
			return nil, nil
		}
		pause = min(2*pause, 30*time.Second)
	}
}
