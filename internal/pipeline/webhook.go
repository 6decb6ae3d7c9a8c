package pipeline

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
	// HeaderSignature carries "sha256=<hex HMAC-SHA256 of the body>" when
	// the webhook has a secret.
	HeaderSignature = "X-Modelwire-Signature"
	// HeaderEvent is the event's kind: "release" or "corroboration".
	HeaderEvent = "X-Modelwire-Event"
	// HeaderDelivery identifies the event ("MW_RELEASES-<seq>"); it is the
	// same on every retry, so receivers can drop duplicates.
	HeaderDelivery = "X-Modelwire-Delivery"
)

// maxRetryAfter bounds how long a receiver's Retry-After can hold an event.
const maxRetryAfter = time.Hour

// Webhook is one endpoint that receives release events.
type Webhook struct {
	URL string
	// Vendors and Models restrict the events sent; empty means all.
	Vendors, Models []string
	// Secret, if set, signs each body (see HeaderSignature).
	Secret string
	// MaxAttempts is how often an event refused with a 4xx status other
	// than 408 and 429 is tried before it is dead-lettered (default 5).
	MaxAttempts int
	// Timeout bounds one delivery (default 10s).
	Timeout time.Duration
	// Format is the payload: FormatJSON (the event as stored, the
	// default) or a chat product's incoming-webhook message (see Formats).
	Format string
}

// WebhookOptions are the code-level hooks of a WebhookNotifier. Zero
// values mean defaults.
type WebhookOptions struct {
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

// WebhookNotifier POSTs the release events matching one webhook's filter to
// it, through a durable consumer of MW_RELEASES named after the URL (see
// bus.WebhookConsumerName), so no event is lost while modelwire or the
// receiver is down. An event is acknowledged only after a 2xx answer;
// network errors, 5xx, 408 and 429 are retried with growing delays until
// they succeed; other refusals are dead-lettered to MW_DLQ after
// MaxAttempts. Events go out one at a time, in stream order.
type WebhookNotifier struct {
	js      jetstream.JetStream
	hook    Webhook
	name    string
	client  *http.Client
	backoff func(uint64) time.Duration
	log     *slog.Logger
	sent    *prometheus.CounterVec
}

// webhookDeliveries counts delivery attempts by webhook and outcome; one
// collector is shared by every notifier on a registry.
func webhookDeliveries(reg prometheus.Registerer) *prometheus.CounterVec {
	c := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "modelwire_webhook_deliveries_total",
		Help: "Webhook delivery attempts by webhook (consumer name) and outcome (ok, retry, dead_letter).",
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

// NewWebhookNotifier returns a notifier for hook.
func NewWebhookNotifier(js jetstream.JetStream, hook Webhook, opts WebhookOptions) *WebhookNotifier {
	if hook.MaxAttempts <= 0 {
		hook.MaxAttempts = 5
	}
	if hook.Timeout <= 0 {
		hook.Timeout = 10 * time.Second
	}
	if opts.Client == nil {
		opts.Client = &http.Client{
			Timeout: hook.Timeout,
			// A redirected POST would turn into a GET: report it instead.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}
	if opts.Backoff == nil {
		opts.Backoff = retryDelay
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	name := bus.WebhookConsumerName(hook.URL)
	sent := webhookDeliveries(opts.Registerer)
	for _, outcome := range []string{"ok", "retry", "dead_letter"} {
		sent.WithLabelValues(name, outcome) // every series exists from the start, at 0
	}
	return &WebhookNotifier{
		js: js, hook: hook, name: name, client: opts.Client, backoff: opts.Backoff,
		log:  opts.Logger.With("stage", "webhook", "webhook", name),
		sent: sent,
	}
}

// Name returns the durable consumer name of the webhook.
func (w *WebhookNotifier) Name() string { return w.name }

// Run delivers events until ctx ends; the delivery in flight is finished.
func (w *WebhookNotifier) Run(ctx context.Context) error {
	if !slices.Contains(Formats, cmp.Or(w.hook.Format, FormatJSON)) {
		return fmt.Errorf("webhook %s: unknown format %q (want one of %s)", w.name, w.hook.Format, strings.Join(Formats, ", "))
	}
	cfg := bus.WebhookConsumer(w.name, bus.ReleaseFilter(w.hook.Vendors, w.hook.Models), 2*w.hook.Timeout+30*time.Second)
	cons, err := ensureConsumer(ctx, w.js, event.StreamReleases, cfg, w.log)
	if err != nil || cons == nil {
		return err
	}
	return consume(ctx, cons, 1, 0, w.deliver)
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

func (w *WebhookNotifier) deliver(ctx context.Context, m jetstream.Msg) {
	ev, err := event.DecodeReleaseEvent(m.Data())
	if err != nil {
		w.sent.WithLabelValues(w.name, "dead_letter").Inc()
		deadLetter(ctx, w.js, w.name, m, w.log, err)
		return
	}
	md, err := m.Metadata()
	if err != nil {
		retry(m, w.log, fmt.Errorf("reading message metadata: %w", err))
		return
	}
	log := w.log.With("key", ev.Key, "seq", md.Sequence.Stream, "attempt", md.NumDelivered)
	body, err := Payload(w.hook.Format, ev, m.Data())
	if err != nil { // Run checked the format: cannot happen
		retry(m, log, err)
		return
	}
	derr := w.post(ctx, ev.Kind, fmt.Sprintf("%s-%d", md.Stream, md.Sequence.Stream), body)
	switch {
	case derr == nil:
		w.sent.WithLabelValues(w.name, "ok").Inc()
		ackOrLog(m, log)
	case derr.permanent() && md.NumDelivered >= uint64(w.hook.MaxAttempts):
		w.sent.WithLabelValues(w.name, "dead_letter").Inc()
		deadLetter(ctx, w.js, w.name, m, log, fmt.Errorf("webhook refused the event %d times: %w", md.NumDelivered, derr))
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
func (w *WebhookNotifier) post(ctx context.Context, kind, delivery string, body []byte) *deliveryError {
	ctx, cancel := context.WithTimeout(ctx, w.hook.Timeout)
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
		req.Header.Set(HeaderSignature, Sign(w.hook.Secret, body))
	}
	resp, err := w.client.Do(req)
	if err != nil {
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

// Sign returns the signature header value of body under secret:
// "sha256=" and the hex HMAC-SHA256.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
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
