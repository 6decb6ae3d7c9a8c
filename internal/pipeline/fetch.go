package pipeline

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/internal/bus"
	"github.com/modelwire/modelwire/internal/wait"
)

// fetchBatches pulls batches of up to n messages, waiting at most maxWait
// to fill one, and hands each to handle until ctx ends. handle gets a
// context that outlives ctx by grace, so the batch in flight completes;
// while it runs, its messages are marked in progress every keepAlive so a
// slow write (a store outage) does not get them redelivered elsewhere.
// handle returns how long to pause before the next batch (a store that is
// down).
func fetchBatches(ctx context.Context, cons jetstream.Consumer, n int, maxWait, keepAlive, grace time.Duration, log *slog.Logger, handle func(context.Context, []jetstream.Msg) time.Duration) {
	work, cancel := bus.WorkContext(ctx, grace)
	defer cancel()
	for ctx.Err() == nil {
		batch, err := cons.Fetch(n, jetstream.FetchMaxWait(maxWait))
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			log.Warn("fetch failed", "err", err)
			wait.Sleep(ctx, time.Second)
			continue
		}
		var msgs []jetstream.Msg
		for m := range batch.Messages() {
			msgs = append(msgs, m)
		}
		if len(msgs) == 0 {
			continue
		}
		stop := keepInProgress(msgs, keepAlive)
		pause := handle(work, msgs)
		stop()
		wait.Sleep(ctx, pause)
	}
}

// maxOutagePause bounds the pause of a stage whose store is down, and so
// how long after the store is back the stage notices.
const maxOutagePause = 30 * time.Second

// outage follows a store that fails every item of a batch: it is down, it
// does not refuse single documents. Then the stage stops pulling for a
// growing pause and hands the batch back for that long, rather than let
// each message's own retry delay grow for as long as the outage lasts —
// which would delay recovery by as much again. Not safe for concurrent
// use: one fetch loop owns it.
type outage struct{ batches int }

// next returns the pause after a batch: none when anything was stored
// (down is false), else 1s, doubling up to maxOutagePause.
func (o *outage) next(down bool) time.Duration {
	if !down {
		o.batches = 0
		return 0
	}
	o.batches++
	return min(time.Second<<min(o.batches-1, 6), maxOutagePause)
}

// keepInProgress tells JetStream every interval that msgs are still being
// worked on, until the returned func is called.
func keepInProgress(msgs []jetstream.Msg, interval time.Duration) (stop func()) {
	if interval <= 0 {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				for _, m := range msgs {
					m.InProgress() // fails harmlessly for those already acknowledged
				}
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}
