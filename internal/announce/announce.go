package announce

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/probe"
)

// keySeed spreads release keys over a ReleaseAnnouncer's locks.
var keySeed = maphash.MakeSeed()

// maxReleaseSources bounds the sources remembered per release.
const maxReleaseSources = 100

// releaseState is the value of a release key in the mw_releases bucket.
type releaseState struct {
	FirstSeen time.Time `json:"first_seen"`
	Announced bool      `json:"announced"`
	// Announcer is the article that claimed the release event (it is on
	// MW_RELEASES once Announced), at ClaimedAt; other articles reporting
	// the release wait for it and corroborate.
	Announcer string    `json:"announcer,omitempty"`
	ClaimedAt time.Time `json:"claimed_at,omitzero"`
	Sources   []string  `json:"sources"`
	// Quiet marks a release first found by reprocessing or import without
	// --announce: it is settled (Announced) though no event was published,
	// and is never announced later.
	Quiet bool `json:"quiet,omitempty"`
}

// mode is how announce treats the events it makes.
type mode uint8

const (
	live        mode = iota // a page fetched now: publish every event
	replay                  // reprocess, import: publish nothing
	replayFirst             // reprocess, import with --announce: publish releases found for the first time only
)

// claimTimeout is how long a claim to announce a release holds before
// another article takes it over (its process died between claiming and
// announcing); claimPoll is how often a waiting article looks again.
const (
	claimTimeout = 30 * time.Second
	claimPoll    = 20 * time.Millisecond
)

// ReleaseAnnouncer publishes release events: the first article that reports
// a release announces it, later articles publish corroborations — exactly
// once each across replicas: the first article claims the release in the
// mw_releases bucket (Create succeeds once), the others wait for its event
// and corroborate it, and the stream drops duplicate message ids of
// redeliveries. Safe for concurrent use.
type ReleaseAnnouncer struct {
	js            jetstream.JetStream
	kv            releaseStates
	minConfidence float64
	log           *slog.Logger
	now           func() time.Time
	// keyLocks serialise this process's updates of one release key (by
	// its hash), so concurrent workers reporting the same release queue up
	// instead of losing compare-and-set races on the bucket and retrying;
	// replicas in other processes are still ordered by the revision check.
	keyLocks [64]sync.Mutex

	announced, corroborated atomic.Int64
	// latency observes, by kind, the time from the fetch of the page
	// reporting a release to the event's publication (nil until
	// RegisterMetrics).
	latency *prometheus.HistogramVec
}

// NewReleaseAnnouncer returns an announcer using the mw_releases bucket.
// Releases below minConfidence are not announced.
func NewReleaseAnnouncer(ctx context.Context, js jetstream.JetStream, minConfidence float64, log *slog.Logger) (*ReleaseAnnouncer, error) {
	kv, err := openReleaseStates(ctx, js)
	if err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &ReleaseAnnouncer{js: js, kv: kv, minConfidence: minConfidence, log: log.With("stage", "releases"), now: time.Now}, nil
}

// RegisterMetrics registers modelwire_release_events_total{kind} on reg:
// the release (first seen) and corroboration events this announcer
// published.
//
// It also registers modelwire_release_latency_seconds{kind}: the time from
// the fetch of the page reporting a release to the event's publication.
func (r *ReleaseAnnouncer) RegisterMetrics(reg prometheus.Registerer) {
	r.latency = probe.Register(reg, prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "modelwire_release_latency_seconds",
		Help:    "Time from the fetch of the page reporting a release to the release event's publication, by kind: release (first seen) or corroboration.",
		Buckets: probe.LatencyBuckets,
	}, []string{"kind"}))
	for kind, n := range map[string]*atomic.Int64{event.KindRelease: &r.announced, event.KindCorroboration: &r.corroborated} {
		probe.Register(reg, prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name:        "modelwire_release_events_total",
			Help:        "Release events published by this process, by kind: release (first seen) or corroboration.",
			ConstLabels: prometheus.Labels{"kind": kind},
		}, func() float64 { return float64(n.Load()) }))
	}
}

// Counts returns the releases announced and corroborations published.
func (r *ReleaseAnnouncer) Counts() (announced, corroborated int64) {
	return r.announced.Load(), r.corroborated.Load()
}

// Announce publishes an event for every release a reports. It is
// idempotent: redelivering the same article publishes nothing new.
func (r *ReleaseAnnouncer) Announce(ctx context.Context, a event.Article) error {
	for _, rel := range a.Releases {
		if !r.announceable(rel) {
			continue
		}
		if _, err := r.announce(ctx, a, rel, live); err != nil {
			return fmt.Errorf("release %s/%s: %w", rel.Vendor, rel.Model, err)
		}
	}
	return nil
}

// announceable reports whether a release makes an event: a named model,
// confident enough, that the article announces or releases alongside one
// it announces — a model it only mentions, compares against, builds on,
// recalls, plans or denies never does.
func (r *ReleaseAnnouncer) announceable(rel event.Release) bool {
	return rel.Model != "" && rel.Confidence >= r.minConfidence && event.Releasing(rel.Role)
}

// Record folds the releases a reports into mw_releases as Announce does,
// for an article read again from an archive (reprocess, import) rather
// than fetched now, and returns one event per release — the release
// event for the article that announced it, a corroboration for the others
// — for the caller to fold into the store's release records. A release no
// one reported before is announced only when announce is set; otherwise
// it is recorded quietly (first seen: when a was fetched) and never
// announced later. Nothing else is published: a release already announced
// is not announced again, and corroborations are recorded, not sent.
func (r *ReleaseAnnouncer) Record(ctx context.Context, a event.Article, announce bool) ([]event.ReleaseEvent, error) {
	m := replay
	if announce {
		m = replayFirst
	}
	var evs []event.ReleaseEvent
	for _, rel := range a.Releases {
		if !r.announceable(rel) {
			continue
		}
		ev, err := r.announce(ctx, a, rel, m)
		if err != nil {
			return evs, fmt.Errorf("release %s/%s: %w", rel.Vendor, rel.Model, err)
		}
		evs = append(evs, ev)
	}
	return evs, nil
}

// Withdraw takes the article at url out of the sources of the releases
// under keys in mw_releases: a reprocessed article that no longer reports
// them. A release left without sources stays settled: it is never
// announced again.
func (r *ReleaseAnnouncer) Withdraw(ctx context.Context, url string, keys []string) error {
	for _, key := range keys {
		if err := r.withdraw(ctx, url, key); err != nil {
			return fmt.Errorf("release %s: %w", key, err)
		}
	}
	return nil
}

func (r *ReleaseAnnouncer) withdraw(ctx context.Context, url, key string) error {
	mu := &r.keyLocks[maphash.String(keySeed, key)%uint64(len(r.keyLocks))]
	mu.Lock()
	defer mu.Unlock()
	for attempt := 0; attempt < 20; attempt++ {
		entry, err := r.kv.Get(ctx, key)
		if errors.Is(err, jetstream.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		var st releaseState
		if err := json.Unmarshal(entry.Value(), &st); err != nil {
			return fmt.Errorf("%w: state of %s: %v", event.ErrSchema, key, err)
		}
		if !slices.Contains(st.Sources, url) {
			return nil
		}
		st.Sources = slices.DeleteFunc(st.Sources, func(s string) bool { return s == url })
		if _, err := r.kv.Update(ctx, key, mustJSON(st), entry.Revision()); err == nil {
			return nil
		}
	}
	return errors.New("too many concurrent updates")
}

// SourcesByArticle returns, for each article URL in mw_releases, the keys
// of the releases it is a source of.
func (r *ReleaseAnnouncer) SourcesByArticle(ctx context.Context) (map[string][]string, error) {
	out := map[string][]string{}
	keys, err := r.kv.Keys(ctx)
	if err != nil {
		return nil, err
	}
	for _, key := range keys {
		entry, err := r.kv.Get(ctx, key)
		if errors.Is(err, jetstream.ErrKeyNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		var st releaseState
		if err := json.Unmarshal(entry.Value(), &st); err != nil {
			continue
		}
		for _, u := range st.Sources {
			out[u] = append(out[u], key)
		}
	}
	return out, nil
}

func (r *ReleaseAnnouncer) announce(ctx context.Context, a event.Article, rel event.Release, m mode) (event.ReleaseEvent, error) {
	key := event.ReleaseKey(rel.Vendor, rel.Model)
	mu := &r.keyLocks[maphash.String(keySeed, key)%uint64(len(r.keyLocks))]
	mu.Lock()
	defer mu.Unlock()
	if err := r.adoptOlderKey(ctx, a, rel, key); err != nil {
		return event.ReleaseEvent{}, err
	}
	for attempt := 0; attempt < 200; attempt++ {
		entry, err := r.kv.Get(ctx, key)
		if errors.Is(err, jetstream.ErrKeyNotFound) {
			now := r.now().UTC()
			st := releaseState{FirstSeen: now, Announcer: a.URL, ClaimedAt: now}
			if m != live && !a.FetchedAt.IsZero() && a.FetchedAt.Before(now) {
				st.FirstSeen = a.FetchedAt.UTC() // first seen when it was fetched
			}
			if _, err := r.kv.Create(ctx, key, mustJSON(st)); err != nil && !errors.Is(err, jetstream.ErrKeyExists) {
				return event.ReleaseEvent{}, err
			}
			continue // claimed (or lost the race): read it back
		}
		if err != nil {
			return event.ReleaseEvent{}, err
		}
		var st releaseState
		if err := json.Unmarshal(entry.Value(), &st); err != nil {
			return event.ReleaseEvent{}, fmt.Errorf("%w: state of %s: %v", event.ErrSchema, key, err)
		}
		rev := entry.Revision()
		if m != live && st.Announced && slices.Contains(st.Sources, a.URL) {
			// Already counted: the event for the store only.
			kind := event.KindCorroboration
			if st.Announcer == a.URL {
				kind = event.KindRelease
			}
			return r.releaseEvent(kind, key, a, rel, st), nil
		}
		if !st.Announced {
			stale := ""
			if st.Announcer != a.URL {
				if r.now().Sub(st.ClaimedAt) < claimTimeout {
					// Another article is announcing the release: wait for
					// its event, then corroborate it.
					select {
					case <-ctx.Done():
						return event.ReleaseEvent{}, ctx.Err()
					case <-time.After(claimPoll):
					}
					continue
				}
				// Its process died after claiming: take the claim over.
				stale = st.Announcer
				st.Announcer, st.ClaimedAt = a.URL, r.now().UTC()
				if rev, err = r.kv.Update(ctx, key, mustJSON(st), rev); err != nil {
					continue
				}
			}
			if !slices.Contains(st.Sources, a.URL) {
				st.Sources = append(st.Sources, a.URL)
			}
			ev := r.releaseEvent(event.KindRelease, key, a, rel, st)
			dup := false
			if m == replay {
				st.Quiet = true
			} else if dup, err = r.publish(ctx, ev, "release:"+key); err != nil {
				return event.ReleaseEvent{}, err
			}
			st.Announced = true
			if !dup || stale == "" {
				// The event on the stream is this article's (a duplicate
				// is its own, from a delivery that died before recording
				// it).
				if _, err := r.kv.Update(ctx, key, mustJSON(st), rev); err != nil {
					continue
				}
				if st.Quiet {
					r.log.Info("release recorded, not announced", "key", key, "url", a.URL)
					return ev, nil
				}
				r.announced.Add(1)
				r.observe(event.KindRelease, a)
				r.log.Info("release announced", "key", key, "url", a.URL)
				return ev, nil
			}
			// The stale claimer's event reached the stream before its
			// process died: this article corroborates it.
			st.Sources = slices.DeleteFunc(st.Sources, func(s string) bool { return s == a.URL })
			st.Sources = append(st.Sources, stale)
		}
		if slices.Contains(st.Sources, a.URL) {
			return r.releaseEvent(event.KindCorroboration, key, a, rel, st), nil // this article is already counted
		}
		if len(st.Sources) < maxReleaseSources {
			st.Sources = append(st.Sources, a.URL)
		}
		if m != live && !a.FetchedAt.IsZero() && a.FetchedAt.Before(st.FirstSeen) {
			st.FirstSeen = a.FetchedAt.UTC() // an older sighting, from an archive
		}
		ev := r.releaseEvent(event.KindCorroboration, key, a, rel, st)
		if m == live {
			if _, err := r.publish(ctx, ev, "corroboration:"+key+":"+a.ID); err != nil {
				return event.ReleaseEvent{}, err
			}
		}
		if _, err := r.kv.Update(ctx, key, mustJSON(st), rev); err != nil {
			continue
		}
		if m == live {
			r.corroborated.Add(1)
			r.observe(event.KindCorroboration, a)
		}
		return ev, nil
	}
	return event.ReleaseEvent{}, fmt.Errorf("release %s: still being announced by another article, or too many concurrent updates (retried on redelivery)", key)
}

// maxOlderKeys bounds the older spellings of a release key looked up.
const maxOlderKeys = 16

// olderKeys are the keys a release may have been announced under before
// its model and vendor had canonical identities: the article's own
// spellings of them ("moonshot.kimi-k2" for Kimi-K2, "alibaba.qwen-3" for
// "Qwen 3", "zippu-ai.glm-4-5" for a garbled maker).
func olderKeys(a event.Article, rel event.Release, key string) []string {
	vendors := []string{rel.Vendor}
	for _, v := range a.Vendors {
		if v.ID == rel.Vendor {
			vendors = append(vendors, v.Mentions...)
		}
	}
	models := []string{}
	for _, m := range a.Models {
		if m.Name == rel.Model || rel.ModelID != "" && m.ID == rel.ModelID {
			models = append(models, m.Mentions...)
		}
	}
	var out []string
	for _, v := range vendors {
		for _, m := range append(models, rel.Model) {
			k := event.ReleaseKey(v, m)
			if k != key && !slices.Contains(out, k) && len(out) < maxOlderKeys {
				out = append(out, k)
			}
		}
	}
	return out
}

// adoptOlderKey records a release first announced under an older key (see
// olderKeys) as announced under key too, so it is corroborated rather than
// announced again; it does nothing once key is known.
func (r *ReleaseAnnouncer) adoptOlderKey(ctx context.Context, a event.Article, rel event.Release, key string) error {
	if _, err := r.kv.Get(ctx, key); !errors.Is(err, jetstream.ErrKeyNotFound) {
		return nil // known (or unreadable: the claim loop reports it)
	}
	for _, old := range olderKeys(a, rel, key) {
		entry, err := r.kv.Get(ctx, old)
		if errors.Is(err, jetstream.ErrKeyNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		var st releaseState
		if err := json.Unmarshal(entry.Value(), &st); err != nil || !st.Announced {
			continue
		}
		if _, err := r.kv.Create(ctx, key, mustJSON(st)); err != nil && !errors.Is(err, jetstream.ErrKeyExists) {
			return err
		}
		r.log.Info("release announced before under an older key", "key", key, "older_key", old)
		return nil
	}
	return nil
}

// MigrateReleaseKeys moves the states of mw_releases to the keys newKey
// gives them (an older key's canonical key, or "" to leave it), so a
// release announced before entity resolution is corroborated, not
// announced again, under its canonical key. A state already under the new
// key is merged: announced if either was, the earliest first sighting,
// the sources of both. Older keys stay. It returns how many states moved.
func MigrateReleaseKeys(ctx context.Context, js jetstream.JetStream, newKey func(old string) string) (int, error) {
	kv, err := openReleaseStates(ctx, js)
	if err != nil {
		return 0, err
	}
	keys, err := kv.Keys(ctx)
	if err != nil {
		return 0, err
	}
	moved := 0
	for _, old := range keys {
		nk := newKey(old)
		if nk == "" || nk == old {
			continue
		}
		entry, err := kv.Get(ctx, old)
		if err != nil {
			return moved, fmt.Errorf("reading %s: %w", old, err)
		}
		var st releaseState
		if err := json.Unmarshal(entry.Value(), &st); err != nil {
			return moved, fmt.Errorf("%w: state of %s: %v", event.ErrSchema, old, err)
		}
		if err := mergeState(ctx, kv, nk, st); err != nil {
			return moved, fmt.Errorf("moving %s to %s: %w", old, nk, err)
		}
		moved++
	}
	return moved, nil
}

// mergeState writes st under key, merged with the state already there.
func mergeState(ctx context.Context, kv releaseStates, key string, st releaseState) error {
	for attempt := 0; attempt < 20; attempt++ {
		entry, err := kv.Get(ctx, key)
		if errors.Is(err, jetstream.ErrKeyNotFound) {
			_, err := kv.Create(ctx, key, mustJSON(st))
			if errors.Is(err, jetstream.ErrKeyExists) {
				continue
			}
			return err
		}
		if err != nil {
			return err
		}
		var cur releaseState
		if err := json.Unmarshal(entry.Value(), &cur); err != nil {
			return fmt.Errorf("%w: state of %s: %v", event.ErrSchema, key, err)
		}
		if !cur.Announced && st.Announced {
			cur.Announcer, cur.ClaimedAt = st.Announcer, st.ClaimedAt
		}
		cur.Announced = cur.Announced || st.Announced
		if !st.FirstSeen.IsZero() && (cur.FirstSeen.IsZero() || st.FirstSeen.Before(cur.FirstSeen)) {
			cur.FirstSeen = st.FirstSeen
		}
		for _, src := range st.Sources {
			if !slices.Contains(cur.Sources, src) && len(cur.Sources) < maxReleaseSources {
				cur.Sources = append(cur.Sources, src)
			}
		}
		if _, err := kv.Update(ctx, key, mustJSON(cur), entry.Revision()); err == nil {
			return nil
		}
	}
	return fmt.Errorf("state of %s keeps changing", key)
}

// observe records the latency of an event of kind about a.
func (r *ReleaseAnnouncer) observe(kind string, a event.Article) {
	if r.latency != nil && !a.FetchedAt.IsZero() {
		r.latency.WithLabelValues(kind).Observe(time.Since(a.FetchedAt).Seconds())
	}
}

func (r *ReleaseAnnouncer) releaseEvent(kind, key string, a event.Article, rel event.Release, st releaseState) event.ReleaseEvent {
	ev := event.ReleaseEvent{
		Kind:        kind,
		Key:         key,
		Vendor:      event.Slug(rel.Vendor),
		Model:       rel.Model,
		ModelID:     rel.ModelID,
		FirstSeen:   st.FirstSeen,
		PublishedAt: rel.PublishedAt,
		Role:        rel.Role,
		Confidence:  rel.Confidence,
		Evidence:    rel.Evidence,
		ArticleURL:  a.URL,
		Title:       a.Title,
		Sources:     st.Sources,
	}
	if ev.PublishedAt.IsZero() {
		ev.PublishedAt = a.PublishedAt
	}
	ev.SeenAt = a.FetchedAt
	if ev.SeenAt.IsZero() {
		ev.SeenAt = r.now().UTC()
	}
	for _, m := range a.Models {
		if m.Name == rel.Model {
			ev.ParamsTotalB, ev.ParamsActiveB, ev.License, ev.OpenWeights = m.ParamsTotalB, m.ParamsActiveB, m.License, m.OpenWeights
			ev.Parent = m.Parent
			break
		}
	}
	for _, c := range a.Claims {
		if c.Model == rel.Model {
			ev.Claims = append(ev.Claims, c)
		}
	}
	return ev
}

// publish publishes ev with msgID; duplicate is true when the stream
// already held a message with that ID (within its duplicate window).
func (r *ReleaseAnnouncer) publish(ctx context.Context, ev event.ReleaseEvent, msgID string) (duplicate bool, err error) {
	data, err := event.Encode(ev)
	if err != nil {
		return false, err
	}
	ack, err := r.js.Publish(ctx, event.ReleaseSubject(ev.Vendor, ev.Model), data, jetstream.WithMsgID(msgID))
	if err != nil {
		return false, err
	}
	return ack.Duplicate, nil
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only plain structs are marshalled here
	}
	return b
}
