package bus

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/event"
)

// ErrStopFollowing, returned by a FollowReleases handler or hook, ends
// following without an error.
var ErrStopFollowing = errors.New("stop following")

// FollowOption sets a hook of FollowReleases.
type FollowOption func(*follow)

type follow struct {
	open      func() error
	idle      func() error
	idleEvery time.Duration
	skip      func(subject string, err error)
}

// OnOpen calls f once the consumer is open, before the first event (an
// HTTP stream sends its headers then). An error from f ends following.
func OnOpen(f func() error) FollowOption { return func(o *follow) { o.open = f } }

// OnIdle calls f whenever every passes without an event (an HTTP stream
// sends a keep-alive then). An error from f ends following.
func OnIdle(every time.Duration, f func() error) FollowOption {
	return func(o *follow) { o.idleEvery, o.idle = every, f }
}

// OnSkip tells f of each message on the stream that is not a release event
// (it is skipped and counted).
func OnSkip(f func(subject string, err error)) FollowOption { return func(o *follow) { o.skip = f } }

// FollowReleases reads the release events on filter (see ReleaseFilter)
// from start, in stream order, through an ordered consumer, and hands each
// with its stream sequence to handle until ctx ends or handle returns an
// error. Messages that are not release events are skipped and counted in
// the returned skipped. Nothing is acknowledged: following never changes
// what other readers get. It is the one reading loop of `modelwire watch`
// and the API's live stream.
func FollowReleases(ctx context.Context, js jetstream.JetStream, filter []string, start ReleaseStart,
	handle func(seq uint64, ev event.ReleaseEvent) error, opts ...FollowOption) (skipped int, err error) {
	var o follow
	for _, opt := range opts {
		opt(&o)
	}
	cons, err := js.OrderedConsumer(ctx, event.StreamReleases, ReleaseReader(filter, start))
	if err != nil {
		return 0, fmt.Errorf("reading %s: %w", event.StreamReleases, err)
	}
	it, err := cons.Messages()
	if err != nil {
		return 0, fmt.Errorf("reading %s: %w", event.StreamReleases, err)
	}
	defer it.Stop()
	stop := context.AfterFunc(ctx, it.Stop)
	defer stop()
	if o.open != nil {
		if err := o.open(); err != nil {
			return 0, stopped(err)
		}
	}
	var next []jetstream.NextOpt
	if o.idle != nil {
		next = append(next, jetstream.NextMaxWait(o.idleEvery))
	}
	for {
		m, err := it.Next(next...)
		switch {
		case err == nil:
		case o.idle != nil && errors.Is(err, nats.ErrTimeout):
			if err := o.idle(); err != nil {
				return skipped, stopped(err)
			}
			continue
		case ctx.Err() != nil:
			return skipped, nil
		default:
			return skipped, fmt.Errorf("reading %s: %w", event.StreamReleases, err)
		}
		ev, err := event.DecodeReleaseEvent(m.Data())
		var md *jetstream.MsgMetadata
		if err == nil {
			md, err = m.Metadata()
		}
		if err != nil {
			skipped++
			if o.skip != nil {
				o.skip(m.Subject(), err)
			}
			continue
		}
		if err := handle(md.Sequence.Stream, ev); err != nil {
			return skipped, stopped(err)
		}
	}
}

// stopped is err, or nil for ErrStopFollowing.
func stopped(err error) error {
	if errors.Is(err, ErrStopFollowing) {
		return nil
	}
	return err
}
