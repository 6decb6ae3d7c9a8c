package announce

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/nats-io/nats.go/jetstream"
	"golang.org/x/net/idna"

	"github.com/modelwire/modelwire/event"
)

// releaseStates is the mw_releases bucket addressed by release keys.
//
// A release key ("<vendor slug>.<model slug>", event.ReleaseKey) keeps
// letters of every script ("큐웬3"), but a KV key admits only ASCII letters,
// digits and -_=/. — a refused key failed the announcement, so its page
// was never acknowledged and the pipeline stalled on it. Each token of a
// key outside ASCII is stored in Punycode (RFC 3492, as in domain names:
// "큐웬3" → "xn--3-w66fl4v"), which is reversible and leaves ASCII keys,
// and so every key stored before, as they are.
type releaseStates struct {
	kv jetstream.KeyValue
}

// openReleaseStates opens the mw_releases bucket.
func openReleaseStates(ctx context.Context, js jetstream.JetStream) (releaseStates, error) {
	kv, err := js.KeyValue(ctx, event.BucketReleases)
	if err != nil {
		return releaseStates{}, fmt.Errorf("bucket %s: %w", event.BucketReleases, err)
	}
	return releaseStates{kv: kv}, nil
}

// Get returns the state of the release key.
func (b releaseStates) Get(ctx context.Context, key string) (jetstream.KeyValueEntry, error) {
	return b.kv.Get(ctx, stateKey(key))
}

// Create stores the state of a release key not stored yet.
func (b releaseStates) Create(ctx context.Context, key string, value []byte) (uint64, error) {
	return b.kv.Create(ctx, stateKey(key), value)
}

// Update replaces the state of a release key at revision last.
func (b releaseStates) Update(ctx context.Context, key string, value []byte, last uint64) (uint64, error) {
	return b.kv.Update(ctx, stateKey(key), value, last)
}

// Keys returns every release key stored (none: an empty list).
func (b releaseStates) Keys(ctx context.Context) ([]string, error) {
	lister, err := b.kv.ListKeys(ctx)
	if errors.Is(err, jetstream.ErrNoKeysFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w", event.BucketReleases, err)
	}
	var keys []string
	for k := range lister.Keys() {
		keys = append(keys, releaseKeyOf(k))
	}
	return keys, nil
}

// stateKey is the KV key of a release key: each dot-separated token
// outside ASCII in Punycode.
func stateKey(key string) string {
	if isASCII(key) {
		return key
	}
	tokens := strings.Split(key, ".")
	for i, t := range tokens {
		if !isASCII(t) {
			if p, err := idna.Punycode.ToASCII(t); err == nil {
				tokens[i] = p
			}
		}
	}
	return strings.Join(tokens, ".")
}

// releaseKeyOf is the release key of a KV key (stateKey reversed).
func releaseKeyOf(k string) string {
	if !strings.Contains(k, "xn--") {
		return k
	}
	tokens := strings.Split(k, ".")
	for i, t := range tokens {
		if strings.HasPrefix(t, "xn--") {
			if u, err := idna.Punycode.ToUnicode(t); err == nil {
				tokens[i] = u
			}
		}
	}
	return strings.Join(tokens, ".")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
