package bus

import (
	"context"
	"errors"
	"fmt"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/event"
)

// ErrStopFollowing, returned by a FollowReleases handler, ends following
// without an error.
var ErrStopFollowing = errors.New("stop following")

// FollowReleases reads the release events on filter (see ReleaseFilter)
// from start, in stream order, through an ordered consumer, and hands each
// with its stream sequence to handle until ctx ends or handle returns an
// error. Messages that are not release events are skipped and counted in
// the returned skipped. Nothing is acknowledged: following never changes
// what other readers get.
func FollowReleases(ctx context.Context, js jetstream.JetStream, filter []string, start ReleaseStart,
	handle func(seq uint64, ev event.ReleaseEvent) error) (skipped int, err error) {
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
	for {
		m, err := it.Next()
		if err != nil {
			if ctx.Err() != nil {
				return skipped, nil
			}
			return skipped, fmt.Errorf("reading %s: %w", event.StreamReleases, err)
		}
		ev, err := event.DecodeReleaseEvent(m.Data())
		if err != nil {
			skipped++
			continue
		}
		md, err := m.Metadata()
		if err != nil {
			skipped++
			continue
		}
		if err := handle(md.Sequence.Stream, ev); err != nil {
			if errors.Is(err, ErrStopFollowing) {
				return skipped, nil
			}
			return skipped, err
		}
	}
}
