package crawlstate

import (
	"context"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/internal/wait"
)

// backlogRefresh is how long a Backlog trusts the consumer state it read.
const backlogRefresh = 20 * time.Millisecond

// Backlog holds a producer back while a durable consumer is behind: Wait
// blocks while more than max messages wait for the consumer or are being
// handled by it. It implements crawler.Pacer for `modelwire run`, where the
// crawler shares the CPU with the stages after it: run ahead of them, it
// only queues pages (each a little older by the time it is extracted)
// and takes CPU from the work that clears the queue. The consumer's state
// is read from the server at most every 20ms, however many wait. Safe for
// concurrent use.
type Backlog struct {
	js               jetstream.JetStream
	stream, consumer string
	max              int

	mu      sync.Mutex
	cons    jetstream.Consumer
	read    time.Time
	pending int
}

// NewBacklog returns a Backlog on consumer of stream that lets at most max
// messages queue.
func NewBacklog(js jetstream.JetStream, stream, consumer string, max int) *Backlog {
	return &Backlog{js: js, stream: stream, consumer: consumer, max: max}
}

// Wait blocks while the consumer is behind, until ctx ends. When the
// consumer's state cannot be read (it does not exist yet, NATS is away) it
// does not block: pacing must never stop the crawler.
func (b *Backlog) Wait(ctx context.Context) error {
	for {
		if n, ok := b.pendingNow(ctx); !ok || n < b.max {
			return ctx.Err()
		}
		wait.Sleep(ctx, backlogRefresh)
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}

// pendingNow returns the messages queued for or held by the consumer, read
// at most backlogRefresh ago.
func (b *Backlog) pendingNow(ctx context.Context) (int, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if time.Since(b.read) < backlogRefresh {
		return b.pending, true
	}
	if b.cons == nil {
		cons, err := b.js.Consumer(ctx, b.stream, b.consumer)
		if err != nil {
			return 0, false
		}
		b.cons = cons
	}
	info, err := b.cons.Info(ctx)
	if err != nil {
		b.cons = nil // recreated, say: look it up again
		return 0, false
	}
	b.read, b.pending = time.Now(), int(info.NumPending)+info.NumAckPending
	return b.pending, true
}
