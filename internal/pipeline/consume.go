package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// consume hands the messages of cons to handle on workers goroutines until
// ctx ends; then it stops pulling, lets the workers finish the messages
// already delivered, and returns. handle gets a context that outlives ctx
// so in-flight work can complete.
func consume(ctx context.Context, cons jetstream.Consumer, workers int, handle func(context.Context, jetstream.Msg)) error {
	if workers < 1 {
		workers = 1
	}
	it, err := cons.Messages(jetstream.PullMaxMessages(workers * 2))
	if err != nil {
		return fmt.Errorf("pulling from consumer: %w", err)
	}
	work := context.WithoutCancel(ctx)
	msgs := make(chan jetstream.Msg)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for m := range msgs {
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

// ensureConsumer creates or updates a durable consumer, retrying with
// growing pauses while NATS is unreachable, until ctx ends. It returns
// (nil, nil) when ctx ended first, so a stage stopped before it started
// stops cleanly.
func ensureConsumer(ctx context.Context, js jetstream.JetStream, stream string, cfg jetstream.ConsumerConfig, log *slog.Logger) (jetstream.Consumer, error) {
	wait := time.Second
	for {
		cons, err := js.CreateOrUpdateConsumer(ctx, stream, cfg)
		if err == nil {
			return cons, nil
		}
		if ctx.Err() != nil {
			return nil, nil
		}
		log.Warn("cannot create consumer; retrying", "stream", stream, "consumer", cfg.Durable, "retry_in", wait, "err", err)
		sleep(ctx, wait)
		if ctx.Err() != nil {
			return nil, nil
		}
		wait = min(2*wait, 30*time.Second)
	}
}
