package crawlstate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/event"
)

// SeenStore keeps the crawler's fetch records in the JetStream KV bucket
// mw_seen (event.BucketSeen), so every crawler replica and restart shares
// validators, content hashes and fetch times. It implements crawler.Seen
// and is safe for concurrent use.
type SeenStore struct {
	kv jetstream.KeyValue
}

// NewSeenStore opens the mw_seen bucket, which bus.Setup creates.
func NewSeenStore(ctx context.Context, js jetstream.JetStream) (*SeenStore, error) {
	kv, err := js.KeyValue(ctx, event.BucketSeen)
	if err != nil {
		return nil, fmt.Errorf("opening bucket %s: %w", event.BucketSeen, err)
	}
	return &SeenStore{kv: kv}, nil
}

// Get returns the record under key; ok is false when there is none. A
// value that does not decode is reported as an error, not as "unseen".
func (s *SeenStore) Get(ctx context.Context, key string) (crawler.Record, bool, error) {
	var rec crawler.Record
	e, err := s.kv.Get(ctx, key)
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return rec, false, nil
	}
	if err != nil {
		return rec, false, fmt.Errorf("reading %s/%s: %w", event.BucketSeen, key, err)
	}
	if err := json.Unmarshal(e.Value(), &rec); err != nil {
		return rec, false, fmt.Errorf("decoding %s/%s: %w", event.BucketSeen, key, err)
	}
	return rec, true, nil
}

// Put stores rec under key.
func (s *SeenStore) Put(ctx context.Context, key string, rec crawler.Record) error {
	data, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("encoding record of %s: %w", rec.URL, err)
	}
	if _, err := s.kv.Put(ctx, key, data); err != nil {
		return fmt.Errorf("writing %s/%s: %w", event.BucketSeen, key, err)
	}
	return nil
}
