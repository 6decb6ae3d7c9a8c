package webhook_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/bus/bustest"
	"github.com/modelwire/modelwire/internal/probe/probetest"
	"github.com/modelwire/modelwire/internal/waittest"
	"github.com/modelwire/modelwire/internal/webhook"
)

// receiver is a webhook endpoint on the loopback interface that answers
// with the scripted statuses in turn (then 200) and records every request.
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	statuses []int
	got      []delivery
}

type delivery struct {
	header http.Header
	body   []byte
	ev     event.ReleaseEvent
	status int
}

func newReceiver(t *testing.T, statuses ...int) *receiver {
	t.Helper()
	r := &receiver{statuses: statuses}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		ev, _ := event.DecodeReleaseEvent(body)
		r.mu.Lock()
		status := http.StatusOK
		if len(r.statuses) > 0 {
			status, r.statuses = r.statuses[0], r.statuses[1:]
		}
		r.got = append(r.got, delivery{header: req.Header.Clone(), body: body, ev: ev, status: status})
		r.mu.Unlock()
		if status == http.StatusFound {
			w.Header().Set("Location", "/elsewhere")
		}
		w.WriteHeader(status)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *receiver) deliveries() []delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]delivery(nil), r.got...)
}

// accepted returns the models of the events the receiver answered 2xx.
func (r *receiver) accepted() []string {
	var out []string
	for _, d := range r.deliveries() {
		if d.status/100 == 2 {
			out = append(out, d.ev.Model)
		}
	}
	return out
}

func fastBackoff(uint64) time.Duration { return 5 * time.Millisecond }

func TestWebhookDeliversMatchingEventsSigned(t *testing.T) {
	js := bustest.Start(t)
	signed, all := newReceiver(t), newReceiver(t)
	reg := prometheus.NewRegistry()
	hook := webhook.New(js, webhook.Config{URL: signed.URL + "/hook", Vendors: []string{"DeepSeek"}, Secret: "s3cret"},
		webhook.Options{Backoff: fastBackoff, Registerer: reg})
	open := webhook.New(js, webhook.Config{URL: all.URL}, webhook.Options{Backoff: fastBackoff, Registerer: reg})
	waittest.Background(t, hook.Run)
	waittest.Background(t, open.Run)
	waitForConsumer(t, js, hook.Name())
	waitForConsumer(t, js, open.Name())

	bustest.PublishRelease(t, js, "deepseek", "DeepSeek-R2")
	bustest.PublishRelease(t, js, "qwen", "QwQ-32B")
	bustest.PublishRelease(t, js, "deepseek", "DeepSeek-V4")
	waittest.Eventually(t, 10*time.Second, "two signed deliveries", func() bool { return len(signed.deliveries()) == 2 })
	waittest.Eventually(t, 10*time.Second, "three unsigned deliveries", func() bool { return len(all.deliveries()) == 3 })

	// Stream order; the qwen event between them was filtered out.
	if got := strings.Join(signed.accepted(), ","); got != "DeepSeek-R2,DeepSeek-V4" {
		t.Errorf("filtered webhook got %s", got)
	}
	if got := strings.Join(all.accepted(), ","); got != "DeepSeek-R2,QwQ-32B,DeepSeek-V4" {
		t.Errorf("unfiltered webhook got %s", got)
	}
	for _, d := range signed.deliveries() {
		sig, id := d.header.Get(webhook.HeaderSignature), d.header.Get(webhook.HeaderDelivery)
		if err := webhook.VerifySignature("s3cret", sig, id, d.body, time.Now(), 0); err != nil {
			t.Errorf("signature %q does not verify: %v", sig, err)
		}
		if d.header.Get("Content-Type") != "application/json" || d.header.Get(webhook.HeaderEvent) != event.KindRelease ||
			!strings.HasPrefix(d.header.Get(webhook.HeaderDelivery), event.StreamReleases+"-") {
			t.Errorf("headers %v", d.header)
		}
		var asJSON map[string]any
		if err := json.Unmarshal(d.body, &asJSON); err != nil || asJSON["vendor"] != "deepseek" {
			t.Errorf("body %s (%v)", d.body, err)
		}
	}
	for _, d := range all.deliveries() {
		if _, ok := d.header[webhook.HeaderSignature]; ok {
			t.Errorf("webhook without secret got a signature header")
		}
	}
	if n := probetest.Value(t, reg, "modelwire_webhook_deliveries_total", map[string]string{"webhook": hook.Name(), "outcome": "ok"}); n != 2 {
		t.Errorf("ok deliveries metric = %v, want 2", n)
	}
}

func TestWebhookRetries(t *testing.T) {
	tests := []struct {
		name        string
		statuses    []int // answers to the first event; then 200
		maxAttempts int
		// attempts is how often the first event is posted; deadLetter
		// whether it ends in MW_DLQ instead of being accepted.
		attempts   int
		deadLetter bool
	}{
		{"server errors are retried until accepted", []int{500, 503, 502}, 2, 4, false},
		{"408 and 429 are retried past max attempts", []int{429, 408, 429}, 2, 4, false},
		{"a 4xx is dead-lettered after max attempts", []int{400, 404, 422}, 3, 3, true},
		{"a 4xx that recovers in time is delivered", []int{401, 200}, 3, 2, false},
		{"a redirect is not followed and counts as a refusal", []int{302, 302}, 2, 2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			js := bustest.Start(t)
			rcv := newReceiver(t, tt.statuses...)
			reg := prometheus.NewRegistry()
			n := webhook.New(js, webhook.Config{URL: rcv.URL, MaxAttempts: tt.maxAttempts},
				webhook.Options{Backoff: fastBackoff, Registerer: reg})
			waittest.Background(t, n.Run)
			waitForConsumer(t, js, n.Name())
			bustest.PublishRelease(t, js, "deepseek", "DeepSeek-R2")
			bustest.PublishRelease(t, js, "moonshot", "Kimi-K2") // must follow whatever happens to the first
			waittest.Eventually(t, 10*time.Second, "the second event", func() bool {
				got := rcv.accepted()
				return len(got) > 0 && got[len(got)-1] == "Kimi-K2"
			})
			first := 0
			for _, d := range rcv.deliveries() {
				if d.ev.Model == "DeepSeek-R2" {
					first++
				}
			}
			if first != tt.attempts {
				t.Errorf("first event posted %d times, want %d", first, tt.attempts)
			}
			accepted := strings.Join(rcv.accepted(), ",")
			dlq := bustest.Msgs(t, js, event.StreamDLQ)
			if tt.deadLetter {
				if accepted != "Kimi-K2" || dlq != 1 {
					t.Fatalf("accepted %s, %d dead letters; want only Kimi-K2 and 1", accepted, dlq)
				}
				st, _ := js.Stream(context.Background(), event.StreamDLQ)
				msg, err := st.GetLastMsgForSubject(context.Background(), event.DLQSubject(n.Name()))
				if err != nil {
					t.Fatal(err)
				}
				dl, err := event.DecodeDeadLetter(msg.Data)
				if err != nil || !strings.Contains(dl.Reason, "refused the event") || dl.Stream != event.StreamReleases || len(dl.Data) == 0 {
					t.Errorf("dead letter %+v (%v)", dl, err)
				}
				if v := probetest.Value(t, reg, "modelwire_webhook_deliveries_total", map[string]string{"webhook": n.Name(), "outcome": "dead_letter"}); v != 1 {
					t.Errorf("dead_letter metric = %v", v)
				}
			} else if accepted != "DeepSeek-R2,Kimi-K2" || dlq != 0 {
				t.Errorf("accepted %s, %d dead letters; want both events, none", accepted, dlq)
			}
		})
	}
}

// An event published after the notifier was made but before its consumer
// exists (the pipeline of `run` starts alongside it) is still delivered;
// one from before the notifier was made is not.
func TestWebhookDeliversEventsFromItsStart(t *testing.T) {
	js := bustest.Start(t)
	rcv := newReceiver(t)
	bustest.PublishRelease(t, js, "qwen", "QwQ-32B")
	time.Sleep(10 * time.Millisecond) // start times are compared with the stream's clock
	n := webhook.New(js, webhook.Config{URL: rcv.URL}, webhook.Options{Backoff: fastBackoff})
	bustest.PublishRelease(t, js, "deepseek", "DeepSeek-R2")
	waittest.Background(t, n.Run)
	waitForConsumer(t, js, n.Name())
	bustest.PublishRelease(t, js, "zhipu", "GLM-4.5")
	waittest.Eventually(t, 10*time.Second, "two deliveries", func() bool { return len(rcv.accepted()) == 2 })
	if got := strings.Join(rcv.accepted(), ","); got != "DeepSeek-R2,GLM-4.5" {
		t.Errorf("deliveries %s", got)
	}
}

func TestWebhookDurableAcrossRestart(t *testing.T) {
	js := bustest.Start(t)
	rcv := newReceiver(t)
	hook := webhook.Config{URL: rcv.URL + "/hook"}
	first := webhook.New(js, hook, webhook.Options{Backoff: fastBackoff})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- first.Run(ctx) }()
	waitForConsumer(t, js, first.Name())
	bustest.PublishRelease(t, js, "deepseek", "DeepSeek-R2")
	waittest.Eventually(t, 10*time.Second, "first delivery", func() bool { return len(rcv.accepted()) == 1 })
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}

	// Published while no notifier runs.
	bustest.PublishRelease(t, js, "qwen", "QwQ-32B")
	bustest.PublishRelease(t, js, "zhipu", "GLM-4.5")
	second := webhook.New(js, hook, webhook.Options{Backoff: fastBackoff})
	if second.Name() != first.Name() {
		t.Fatalf("durable name changed: %s, %s", first.Name(), second.Name())
	}
	waittest.Background(t, second.Run)
	waittest.Eventually(t, 10*time.Second, "the events missed while stopped", func() bool { return len(rcv.accepted()) == 3 })
	if got := strings.Join(rcv.accepted(), ","); got != "DeepSeek-R2,QwQ-32B,GLM-4.5" {
		t.Errorf("deliveries %s", got)
	}
}

func TestWebhookRetriesNetworkErrors(t *testing.T) {
	js := bustest.Start(t)
	rcv := newReceiver(t)
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close() // connection refused from now on
	var mu sync.Mutex
	attempts := 0
	// The transport sends the first two attempts to the closed port, the
	// rest to the live receiver: a receiver that comes back.
	client := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		mu.Lock()
		attempts++
		n := attempts
		mu.Unlock()
		target := rcv.URL
		if n <= 2 {
			target = deadURL
		}
		r2 := r.Clone(r.Context())
		r2.URL.Host = strings.TrimPrefix(target, "http://")
		r2.Host = ""
		return http.DefaultTransport.RoundTrip(r2)
	})}
	n := webhook.New(js, webhook.Config{URL: rcv.URL, MaxAttempts: 1}, webhook.Options{Backoff: fastBackoff, Client: client})
	waittest.Background(t, n.Run)
	waitForConsumer(t, js, n.Name())
	bustest.PublishRelease(t, js, "deepseek", "DeepSeek-R2")
	waittest.Eventually(t, 10*time.Second, "delivery after the receiver came back", func() bool { return len(rcv.accepted()) == 1 })
	mu.Lock()
	defer mu.Unlock()
	if attempts != 3 || bustest.Msgs(t, js, event.StreamDLQ) != 0 {
		t.Errorf("attempts %d, dead letters %d; want 3 and 0", attempts, bustest.Msgs(t, js, event.StreamDLQ))
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestSign(t *testing.T) {
	// Known answer, computed with Python's hmac over
	// "1700000000.MW_RELEASES-1.The quick brown fox jumps over the lazy dog".
	got := webhook.Sign("key", time.Unix(1700000000, 0), "MW_RELEASES-1", []byte("The quick brown fox jumps over the lazy dog"))
	want := "t=1700000000,v1=29be4e8d18d2cc13c840d904e3e4521ddf8dd3dabcc04688d1f01d8ef9b5283a"
	if got != want {
		t.Errorf("Sign = %s, want %s", got, want)
	}
}

// waitForConsumer waits until the durable consumer exists, so events
// published next are delivered to it (it starts with new events).
func waitForConsumer(t *testing.T, js jetstream.JetStream, name string) {
	t.Helper()
	waittest.Eventually(t, 10*time.Second, "consumer "+name, func() bool {
		_, err := js.Consumer(context.Background(), event.StreamReleases, name)
		return err == nil
	})
}

// TestWebhookKinds: a webhook taking only releases gets no corroborations;
// they are acknowledged without a delivery and counted as skipped.
func TestWebhookKinds(t *testing.T) {
	js := bustest.Start(t)
	recv := newReceiver(t)
	reg := prometheus.NewRegistry()
	hook := webhook.New(js, webhook.Config{URL: recv.URL, Kinds: []string{event.KindRelease}},
		webhook.Options{Backoff: fastBackoff, Registerer: reg})
	waittest.Background(t, hook.Run)
	waitForConsumer(t, js, hook.Name())

	bustest.PublishRelease(t, js, "moonshot", "Kimi K2")
	corr := event.ReleaseEvent{Kind: event.KindCorroboration, Key: event.ReleaseKey("moonshot", "Kimi K2"), Vendor: "moonshot", Model: "Kimi K2",
		FirstSeen: time.Now().UTC(), Confidence: 0.9, ArticleURL: "https://other.example/kimi-k2"}
	data, err := event.Encode(corr)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := js.Publish(context.Background(), event.ReleaseSubject("moonshot", "Kimi K2"), data); err != nil {
		t.Fatal(err)
	}
	bustest.PublishRelease(t, js, "deepseek", "DeepSeek-V4")
	waittest.Eventually(t, 10*time.Second, "two releases delivered", func() bool { return len(recv.deliveries()) == 2 })
	waittest.Eventually(t, 10*time.Second, "the corroboration skipped", func() bool {
		return probetest.Value(t, reg, "modelwire_webhook_deliveries_total", map[string]string{"webhook": hook.Name(), "outcome": "skipped"}) == 1
	})
	for _, d := range recv.deliveries() {
		if d.ev.Kind != event.KindRelease {
			t.Errorf("delivered a %s event", d.ev.Kind)
		}
	}
}
