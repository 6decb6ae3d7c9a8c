package pipeline_test

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/extractor"
	"github.com/modelwire/modelwire/internal/bus"
	"github.com/modelwire/modelwire/internal/pipeline"
)

// The hostile suite of the pipeline (run them all with -run Hostile).

// syncBuffer is a log sink safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestHostileOversizePages: a page whose text is 3 MB of "<" (each
// written \u003c in JSON, six bytes) and a page with a 3 MB title. The
// first is extracted with its text cut to fit one message and marked
// truncated; the second cannot fit whatever is cut and is dead-lettered
// at once. Neither is retried, so nothing stalls.
func TestHostileOversizePages(t *testing.T) {
	js := startNATS(t)
	ex := pipeline.NewExtractStage(js, extractor.New(), pipeline.ExtractOptions{NoContent: extractor.ErrNoContent})
	runStage(t, ex.Run)
	ctx := context.Background()
	lt := page(t, "https://hostile.example/lt", "<html><head><title>lt</title></head><body><p>"+strings.Repeat("<", 3<<20)+"</p></body></html>")
	title := page(t, "https://hostile.example/title", "<html><head><title>"+strings.Repeat("T", 3<<20)+"</title></head><body><p>"+
		strings.Repeat("Some article text. ", 20)+"</p></body></html>")
	pub := pipeline.NewPagePublisher(js, js.Conn().MaxPayload())
	for _, p := range []event.Page{lt, title} {
		if err := pub.Publish(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "both pages settled", func() bool {
		extracted, _, failed := ex.Counts()
		return extracted == 1 && failed == 1
	})

	st, _ := js.Stream(ctx, event.StreamArticles)
	msg, err := st.GetLastMsgForSubject(ctx, event.SubjectArticles)
	if err != nil {
		t.Fatal(err)
	}
	a, err := event.DecodeArticle(msg.Data)
	if err != nil {
		t.Fatal(err)
	}
	if a.URL != lt.URL || !a.TextTruncated || len(a.Text) < 100_000 || strings.Trim(a.Text, "<") != "" || len(msg.Data) > 1<<20 {
		t.Errorf("article %s: truncated %v, %d bytes of text in a %d-byte message", a.URL, a.TextTruncated, len(a.Text), len(msg.Data))
	}
	dst, _ := js.Stream(ctx, event.StreamDLQ)
	dm, err := dst.GetLastMsgForSubject(ctx, event.DLQSubject("extractor"))
	if err != nil {
		t.Fatal(err)
	}
	dl, _ := event.DecodeDeadLetter(dm.Data)
	if !strings.Contains(dl.Reason, "too large for one message") {
		t.Errorf("dead letter reason %q", dl.Reason)
	}
	cons, err := js.Consumer(ctx, event.StreamPages, bus.ConsumerExtractor)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := cons.Info(ctx)
	if info.NumRedelivered != 0 || info.NumAckPending != 0 || info.AckFloor.Stream != 2 {
		t.Errorf("consumer: %d redelivered, %d pending, ack floor %d; want every page settled on its first delivery",
			info.NumRedelivered, info.NumAckPending, info.AckFloor.Stream)
	}
}

// TestHostileWebhookTokenNotLogged: webhook URLs carry secrets in the
// user info, the path and the query. Whether the receiver is unreachable
// or refuses, no part of the secret reaches the log or the dead letter.
func TestHostileWebhookTokenNotLogged(t *testing.T) {
	js := startNATS(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close() // nothing listens there now
	refusing := newReceiver(t, 404, 404, 404)
	secrets := []string{"SECRET-PW", "SECRET-PATH", "SECRET-QUERY"}
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	for _, base := range []string{"http://" + closed, refusing.URL} {
		u := strings.Replace(base, "http://", "http://hook:SECRET-PW@", 1) + "/services/SECRET-PATH?token=SECRET-QUERY"
		n := pipeline.NewWebhookNotifier(js, pipeline.Webhook{URL: u, MaxAttempts: 2, Timeout: time.Second},
			pipeline.WebhookOptions{Backoff: fastBackoff, Logger: log})
		runStage(t, n.Run)
		waitForConsumer(t, js, n.Name())
	}
	publishRelease(t, js, "deepseek", "DeepSeek-R2")
	waitFor(t, "the refused event dead-lettered", func() bool { return dlqCount(t, js) == 1 })
	waitFor(t, "the unreachable receiver retried", func() bool { return strings.Count(logs.String(), "connection refused") >= 2 })

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
