package bus

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/event"
)

// ReleaseFilter returns the subjects of MW_RELEASES that carry the events
// of the given vendors and models: every pair of them, each vendor's every
// model, or every vendor's model of that name. Names are folded with
// event.Slug, so "DeepSeek-R1" matches mw.releases.*.deepseek-r1; callers
// resolve other spellings to canonical names first. A model id
// ("alibaba/qwen3-coder") names its vendor too and gives its one subject.
// With neither it returns the whole stream, mw.releases.>.
func ReleaseFilter(vendors, models []string) []string {
	if len(vendors) == 0 && len(models) == 0 {
		return []string{event.SubjectReleasesAll}
	}
	var out, names []string
	for _, m := range models {
		if v, name, ok := strings.Cut(m, "/"); ok && strings.TrimSpace(v) != "" && strings.TrimSpace(name) != "" {
			out = append(out, event.ReleaseSubject(v, name))
			continue
		}
		names = append(names, m)
	}
	if len(out) > 0 && len(names) == 0 {
		slices.Sort(out)
		return slices.Compact(out)
	}
	vs, ms := slugs(vendors, "*"), slugs(names, "*")
	for _, v := range vs {
		for _, m := range ms {
			out = append(out, event.ReleaseSubjectOf(v, m))
		}
	}
	return out
}

// slugs folds names into subject tokens, sorted and without duplicates;
// none gives the wildcard.
func slugs(names []string, wildcard string) []string {
	if len(names) == 0 {
		return []string{wildcard}
	}
	out := make([]string, 0, len(names))
	for _, n := range names {
		out = append(out, event.Slug(n))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// ReleaseStart is where a reader of MW_RELEASES begins. The zero value
// means "new events only".
type ReleaseStart struct {
	// All replays the whole stream.
	All bool
	// AfterSeq resumes after this stream sequence (an SSE Last-Event-ID).
	AfterSeq uint64
	// Since replays events stored at or after this time.
	Since time.Time
}

// ParseReleaseStart reads a replay start: "" (new events only), "all", a
// duration back from now ("2h", "30m") or a date (YYYY-MM-DD or RFC 3339).
func ParseReleaseStart(s string, now time.Time) (ReleaseStart, error) {
	switch s = strings.TrimSpace(s); {
	case s == "":
		return ReleaseStart{}, nil
	case s == "all":
		return ReleaseStart{All: true}, nil
	}
	if d, err := time.ParseDuration(s); err == nil {
		if d <= 0 {
			return ReleaseStart{}, fmt.Errorf("%q: a duration back from now must be positive", s)
		}
		return ReleaseStart{Since: now.Add(-d)}, nil
	}
	for _, layout := range []string{time.RFC3339, time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return ReleaseStart{Since: t}, nil
		}
	}
	return ReleaseStart{}, fmt.Errorf("%q is not \"all\", a duration (2h) or a date (YYYY-MM-DD or RFC 3339)", s)
}

// ReleaseReader returns the configuration of an ordered (ephemeral,
// flow-controlled) consumer reading the release events on filter from
// start. AfterSeq wins over All, which wins over Since.
func ReleaseReader(filter []string, start ReleaseStart) jetstream.OrderedConsumerConfig {
	cfg := jetstream.OrderedConsumerConfig{
		FilterSubjects:    filter,
		DeliverPolicy:     jetstream.DeliverNewPolicy,
		InactiveThreshold: time.Minute,
	}
	switch {
	case start.AfterSeq > 0:
		cfg.DeliverPolicy, cfg.OptStartSeq = jetstream.DeliverByStartSequencePolicy, start.AfterSeq+1
	case start.All:
		cfg.DeliverPolicy = jetstream.DeliverAllPolicy
	case !start.Since.IsZero():
		t := start.Since
		cfg.DeliverPolicy, cfg.OptStartTime = jetstream.DeliverByStartTimePolicy, &t
	}
	return cfg
}

// WebhookConsumerName returns the durable consumer name of the webhook at
// url: "webhook-" and the first 12 hex digits of the URL's SHA-256, so the
// name is stable across restarts and reveals nothing of the URL.
func WebhookConsumerName(url string) string {
	sum := sha256.Sum256([]byte(url))
	return "webhook-" + hex.EncodeToString(sum[:6])
}

// WebhookConsumer is the durable pull consumer of MW_RELEASES that feeds
// one webhook. It delivers one event at a time, in stream order, from
// since (the notifier's start) on when it is first created, so an event
// published while the process was still setting the consumer up is not
// missed; it never gives up on an event by itself (the notifier decides
// when to dead-letter).
func WebhookConsumer(name string, filter []string, ackWait time.Duration, since time.Time) jetstream.ConsumerConfig {
	return jetstream.ConsumerConfig{
		Durable:        name,
		Description:    "delivers release events to a webhook",
		FilterSubjects: filter,
		AckPolicy:      jetstream.AckExplicitPolicy,
		AckWait:        ackWait,
		MaxDeliver:     -1,
		MaxAckPending:  1,
		DeliverPolicy:  jetstream.DeliverByStartTimePolicy,
		OptStartTime:   &since,
	}
}
