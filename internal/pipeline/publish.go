package pipeline

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/bus"
)

// PagePublisher publishes fetched pages to MW_PAGES; it implements
// crawler.Publisher. Bodies too large for one message go to the mw_bodies
// object store and the message carries a reference. Safe for concurrent use.
type PagePublisher struct {
	js         jetstream.JetStream
	maxPayload int64
	lastSeq    atomic.Uint64
	published  atomic.Int64
}

// NewPagePublisher returns a publisher; maxPayload is the connection's
// (nats.Conn.MaxPayload).
func NewPagePublisher(js jetstream.JetStream, maxPayload int64) *PagePublisher {
	return &PagePublisher{js: js, maxPayload: maxPayload}
}

// Publish stores p in MW_PAGES and returns once the stream has it.
func (p *PagePublisher) Publish(ctx context.Context, page event.Page) error {
	data, err := event.Encode(page)
	if err != nil {
		return fmt.Errorf("encoding page %s: %w", page.URL, err)
	}
	if int64(len(data)) > p.maxPayload-bus.PayloadHeadroom {
		obs, err := p.js.ObjectStore(ctx, event.BucketBodies)
		if err != nil {
			return fmt.Errorf("object store %s: %w", event.BucketBodies, err)
		}
		name := "page-" + page.ContentHash
		if _, err := obs.PutBytes(ctx, name, page.Body); err != nil {
			return fmt.Errorf("storing large body of %s: %w", page.URL, err)
		}
		page.Body, page.BodyRef = nil, name
		if data, err = event.Encode(page); err != nil {
			return fmt.Errorf("encoding page %s: %w", page.URL, err)
		}
	}
	ack, err := p.js.Publish(ctx, event.SubjectPages, data,
		jetstream.WithMsgID("page:"+event.DocID(page.URL)+":"+page.ContentHash))
	if err != nil {
		return fmt.Errorf("publishing page %s: %w", page.URL, err)
	}
	p.published.Add(1)
	for {
		cur := p.lastSeq.Load()
		if ack.Sequence <= cur || p.lastSeq.CompareAndSwap(cur, ack.Sequence) {
			break
		}
	}
	return nil
}

// LastSeq returns the highest MW_PAGES sequence this publisher has written.
func (p *PagePublisher) LastSeq() uint64 { return p.lastSeq.Load() }

// Published returns the number of pages published.
func (p *PagePublisher) Published() int64 { return p.published.Load() }
