package webhook_test

import (
	"context"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/bus/bustest"
	"github.com/modelwire/modelwire/internal/probe/probetest"
	"github.com/modelwire/modelwire/internal/waittest"
	"github.com/modelwire/modelwire/internal/webhook"
)

// The hostile suite of the webhooks (run them all with -run Hostile).

// TestHostileWebhookTokenNotLogged: webhook URLs carry secrets in the
// user info, the path and the query. Whether the receiver is unreachable
// or refuses, no part of the secret reaches the log or the dead letter.
func TestHostileWebhookTokenNotLogged(t *testing.T) {
	js := bustest.Start(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close() // nothing listens there now
	refusing := newReceiver(t, 404, 404, 404)
	secrets := []string{"SECRET-PW", "SECRET-PATH", "SECRET-QUERY"}
	logs := &waittest.Buffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	reg := prometheus.NewRegistry()
	var unreachable string
	for _, base := range []string{"http://" + closed, refusing.URL} {
		u := strings.Replace(base, "http://", "http://hook:SECRET-PW@", 1) + "/services/SECRET-PATH?token=SECRET-QUERY"
		n := webhook.New(js, webhook.Config{URL: u, MaxAttempts: 2, Timeout: time.Second},
			webhook.Options{Backoff: fastBackoff, Logger: log, Registerer: reg})
		if unreachable == "" {
			unreachable = n.Name()
		}
		waittest.Background(t, n.Run)
		waitForConsumer(t, js, n.Name())
	}
	bustest.PublishRelease(t, js, "deepseek", "DeepSeek-R2")
	waittest.Eventually(t, 10*time.Second, "the refused event dead-lettered", func() bool { return bustest.Msgs(t, js, event.StreamDLQ) == 1 })
	waittest.Eventually(t, 10*time.Second, "the unreachable receiver retried", func() bool {
		v, _ := probetest.Find(t, reg, "modelwire_webhook_deliveries_total", map[string]string{"webhook": unreachable, "outcome": "retry"})
		return v >= 2
	})

	st, _ := js.Stream(context.Background(), event.StreamDLQ)
	var all strings.Builder
	all.WriteString(logs.String())
	for seq := uint64(1); ; seq++ {
		m, err := st.GetMsg(context.Background(), seq)
		if err != nil {
			break
		}
		dl, _ := event.DecodeDeadLetter(m.Data)
		all.WriteString(dl.Reason)
	}
	for _, s := range secrets {
		if strings.Contains(all.String(), s) {
			t.Errorf("%s reached the log or a dead letter:\n%s", s, all.String())
		}
	}
	if !strings.Contains(all.String(), "webhook delivery failed") {
		t.Errorf("the failures are not logged:\n%s", all.String())
	}
}
