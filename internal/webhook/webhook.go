package webhook

import (
	"bytes"
	"cmp"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/bus"
)

// Headers of a webhook delivery.
const (
	// HeaderSignature carries "t=<unix seconds>,v1=<hex HMAC-SHA256>" when
	// the webhook has a secret; see Sign and VerifySignature.
	HeaderSignature = "X-Modelwire-Signature"
	// HeaderEvent is the event's kind: "release" or "corroboration".
	HeaderEvent = "X-Modelwire-Event"
	// HeaderDelivery identifies the event ("MW_RELEASES-<seq>"); it is the
	// same on every retry, so receivers can drop duplicates.
	HeaderDelivery = "X-Modelwire-Delivery"
)

// maxRetryAfter bounds how long a receiver's Retry-After can hold an event.
const maxRetryAfter = time.Hour

// Kinds are the kinds of release event a webhook may restrict itself to
// (Config.Kinds).
var Kinds = []string{event.KindRelease, event.KindCorroboration}

// Config is one endpoint that receives release events. It is taken as
// given: internal/config holds the defaults of notify.webhooks[].
type Config struct {
	URL string
	// Vendors and Models restrict the events sent; empty means all.
	Vendors, Models []string
	// Secret, if set, signs each body (see HeaderSignature).
	Secret string
	// MaxAttempts is how often an event refused with a 4xx status other
	// than 408 and 429 is tried before it is dead-lettered (at least once).
	MaxAttempts int
	// Timeout bounds one delivery (0: no bound).
	Timeout time.Duration
	// Format is the payload: FormatJSON (the event as stored; also what
	// "" means) or a chat product's incoming-webhook message (see Formats).
	Format string
	// Kinds restricts the events sent by kind (event.KindRelease,
	// event.KindCorroboration); empty means all. Events of other kinds are
	// acknowledged without a delivery.
	Kinds []string
}

// Options are the code-level hooks of a Notifier. Zero
// values mean defaults.
type Options struct {
	// Client sends the requests (default: an http.Client with the
	// webhook's timeout that does not follow redirects).
	Client *http.Client
	// Backoff is the delay before attempt n+1 after n failed attempts
	// (default: exponential from 1s, capped at 5 minutes).
	Backoff func(attempt uint64) time.Duration
	// Registerer receives the delivery counter (nil: no metrics).
	Registerer prometheus.Registerer
	Logger     *slog.Logger
}

// Notifier POSTs the release events matching one webhook's filter to
// it, through a durable consumer of MW_RELEASES named after the URL (see
// bus.WebhookConsumerName), so no event is lost while modelwire or the
// receiver is down. An event is acknowledged only after a 2xx answer;
// network errors, 5xx, 408 and 429 are retried with growing delays until
// they succeed; other refusals are dead-lettered to MW_DLQ after
// MaxAttempts. Events go out one at a time, in stream order.
type Notifier struct {
	js      jetstream.JetStream
	hook    Config
	name    string
	client  *http.Client
	backoff func(uint64) time.Duration
	log     *slog.Logger
	sent    *prometheus.CounterVec
	since   time.Time // events from then on are delivered by a new consumer
}

// webhookDeliveries counts delivery attempts by webhook and outcome; one
// collector is shared by every notifier on a registry.
func webhookDeliveries(reg prometheus.Registerer) *prometheus.CounterVec {
	c := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "modelwire_webhook_deliveries_total",
		Help: "Webhook delivery attempts by webhook (consumer name) and outcome (ok, retry, dead_letter; skipped: an event of a kind the webhook does not take).",
	}, []string{"webhook", "outcome"})
	if reg == nil {
		return c
	}
	if err := reg.Register(c); err != nil {
		if are, ok := errors.AsType[prometheus.AlreadyRegisteredError](err); ok {
			return are.ExistingCollector.(*prometheus.CounterVec)
		}
	}
	return c
}

// New returns a notifier for hook.
func New(js jetstream.JetStream, hook Config, opts Options) *Notifier {
	hook.MaxAttempts = max(hook.MaxAttempts, 1)
	hook.Timeout = max(hook.Timeout, 0)
	if opts.Client == nil {
		opts.Client = &http.Client{
			Timeout: hook.Timeout,
			// A redirected POST would turn into a GET: report it instead.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}
	if opts.Backoff == nil {
		opts.Backoff = bus.RetryDelay
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	name := bus.WebhookConsumerName(hook.URL)
	sent := webhookDeliveries(opts.Registerer)
	for _, outcome := range []string{"ok", "retry", "dead_letter", "skipped"} {
		sent.WithLabelValues(name, outcome) // every series exists from the start, at 0
	}
	return &Notifier{
		js: js, hook: hook, name: name, client: opts.Client, backoff: opts.Backoff,
		log:  opts.Logger.With("stage", "webhook", "webhook", name),
		sent: sent, since: time.Now(),
	}
}

// Name returns the durable consumer name of the webhook.
func (w *Notifier) Name() string { return w.name }

// Run delivers events until ctx ends; the delivery in flight is finished.
func (w *Notifier) Run(ctx context.Context) error {
	if !slices.Contains(Formats, cmp.Or(w.hook.Format, FormatJSON)) {
		return fmt.Errorf("webhook %s: unknown format %q (want one of %s)", w.name, w.hook.Format, strings.Join(Formats, ", "))
	}
	cfg := bus.WebhookConsumer(w.name, bus.ReleaseFilter(w.hook.Vendors, w.hook.Models), 2*w.hook.Timeout+30*time.Second, w.since)
	cons, err := bus.EnsureConsumer(ctx, w.js, event.StreamReleases, cfg, w.log)
	if err != nil || cons == nil {
		return err
	}
	return bus.Consume(ctx, cons, 1, 0, w.deliver)
}

// deliveryError is a failed delivery: the status (0 for a network error)
// and how long the receiver asked to wait.
type deliveryError struct {
	status     int
	retryAfter time.Duration
	err        error
}

func (e *deliveryError) Error() string { return e.err.Error() }

// permanent reports a refusal that will not change by retrying alone:
// a 3xx or a 4xx other than 408 Request Timeout and 429 Too Many Requests.
func (e *deliveryError) permanent() bool {
	return e.status >= 300 && e.status < 500 && e.status != http.StatusRequestTimeout && e.status != http.StatusTooManyRequests
}

func (w *Notifier) deliver(ctx context.Context, m jetstream.Msg) {
	ev, err := event.DecodeReleaseEvent(m.Data())
	if err != nil {
		w.sent.WithLabelValues(w.name, "dead_letter").Inc()
		bus.DeadLetter(ctx, w.js, w.name, m, w.log, err)
		return
	}
	md, err := m.Metadata()
	if err != nil {
		bus.Retry(m, w.log, fmt.Errorf("reading message metadata: %w", err))
		return
	}
	log := w.log.With("key", ev.Key, "seq", md.Sequence.Stream, "attempt", md.NumDelivered)
	if len(w.hook.Kinds) > 0 && !slices.Contains(w.hook.Kinds, ev.Kind) {
		w.sent.WithLabelValues(w.name, "skipped").Inc()
		bus.Ack(m, log)
		return
	}
	body, err := Payload(w.hook.Format, ev, m.Data())
	if err != nil { // Run checked the format: cannot happen
		bus.Retry(m, log, err)
		return
	}
	derr := w.post(ctx, ev.Kind, fmt.Sprintf("%s-%d", md.Stream, md.Sequence.Stream), body)
	switch {
	case derr == nil:
		w.sent.WithLabelValues(w.name, "ok").Inc()
		bus.Ack(m, log)
	case derr.permanent() && md.NumDelivered >= uint64(w.hook.MaxAttempts):
		w.sent.WithLabelValues(w.name, "dead_letter").Inc()
		bus.DeadLetter(ctx, w.js, w.name, m, log, fmt.Errorf("webhook refused the event %d times: %w", md.NumDelivered, derr))
	default:
		w.sent.WithLabelValues(w.name, "retry").Inc()
		d := max(w.backoff(md.NumDelivered), min(derr.retryAfter, maxRetryAfter))
		log.Warn("webhook delivery failed; will retry", "delay", d, "err", derr)
		if err := m.NakWithDelay(d); err != nil {
			log.Warn("nak failed; the event is redelivered after its ack wait", "err", err)
		}
	}
}

// post sends one event; nil means the receiver answered 2xx.
func (w *Notifier) post(ctx context.Context, kind, delivery string, body []byte) *deliveryError {
	cancel := context.CancelFunc(func() {})
	if w.hook.Timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, w.hook.Timeout)
	}
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.hook.URL, bytes.NewReader(body))
	if err != nil {
		return &deliveryError{status: http.StatusBadRequest, err: fmt.Errorf("building request: %w", err)}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "modelwire-webhook/1")
	req.Header.Set(HeaderEvent, kind)
	req.Header.Set(HeaderDelivery, delivery)
	if w.hook.Secret != "" {
		req.Header.Set(HeaderSignature, Sign(w.hook.Secret, time.Now(), delivery, body))
	}
	resp, err := w.client.Do(req)
	if err != nil {
		// http.Client's error repeats the URL, whose path or query is
		// often the webhook's secret: keep only the cause.
		if ue, ok := errors.AsType[*url.Error](err); ok {
			err = ue.Err
		}
		return &deliveryError{err: fmt.Errorf("posting to webhook: %w", err)}
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // let the connection be reused
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	return &deliveryError{
		status:     resp.StatusCode,
		retryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()),
		err:        fmt.Errorf("webhook answered %s", resp.Status),
	}
}

// Sign returns the signature header value of one delivery attempt:
// "t=<unix seconds>,v1=<hex HMAC-SHA256>", the HMAC keyed with secret over
// the timestamp, the delivery id (HeaderDelivery) and the body, joined by
// "." — "1751360000.MW_RELEASES-42.{...}". The timestamp is the attempt's,
// so a receiver that refuses old timestamps (VerifySignature) and delivery
// ids it already took cannot be fed a captured delivery again.
func Sign(secret string, t time.Time, delivery string, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + hex.EncodeToString(signature(secret, ts, delivery, body))
}

func signature(secret, ts, delivery string, body []byte) []byte {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts + "." + delivery + "."))
	mac.Write(body)
	return mac.Sum(nil)
}

// DefaultSignatureTolerance is how far a signature's timestamp may be from
// the receiver's clock: long enough for clock skew and a slow network,
// short enough that a receiver can remember every delivery id it took
// within it.
const DefaultSignatureTolerance = 5 * time.Minute

// ErrBadSignature reports a delivery whose signature does not verify.
var ErrBadSignature = errors.New("bad webhook signature")

// VerifySignature checks the signature header of a delivery as a
// receiver should: well formed, its timestamp within tolerance of now
// (DefaultSignatureTolerance if zero), and an HMAC that matches one of its
// v1 values (compared in constant time). Receivers should also drop a
// delivery id they already took.
func VerifySignature(secret, header, delivery string, body []byte, now time.Time, tolerance time.Duration) error {
	if tolerance <= 0 {
		tolerance = DefaultSignatureTolerance
	}
	var ts string
	var sigs [][]byte
	for _, part := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			if b, err := hex.DecodeString(v); err == nil {
				sigs = append(sigs, b)
			}
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || len(sigs) == 0 {
		return fmt.Errorf("%w: want t=<unix seconds>,v1=<hex>", ErrBadSignature)
	}
	if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
		return fmt.Errorf("%w: timestamp %s is %s away from now (tolerance %s)", ErrBadSignature, ts, d.Round(time.Second), tolerance)
	}
	want := signature(secret, ts, delivery, body)
	for _, s := range sigs {
		if hmac.Equal(s, want) {
			return nil
		}
	}
	return fmt.Errorf("%w: no v1 signature matches", ErrBadSignature)
}

// parseRetryAfter reads a Retry-After header: seconds or an HTTP date.
// Anything else, or a time in the past, is zero.
func parseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		return time.Duration(min(max(s, 0), 86400)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return 0
}
