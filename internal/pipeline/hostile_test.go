package pipeline_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/extractor"
	"github.com/modelwire/modelwire/internal/bus"
	"github.com/modelwire/modelwire/internal/bus/bustest"
	"github.com/modelwire/modelwire/internal/pipeline"
	"github.com/modelwire/modelwire/internal/waittest"
)

// The hostile suite of the pipeline (run them all with -run Hostile).

// TestHostileOversizePages: a page whose text is 3 MB of "<" (each
// written \u003c in JSON, six bytes) and a page with a 3 MB title. The
// first is extracted with its text cut to fit one message and marked
// truncated; the second cannot fit whatever is cut and is dead-lettered
// at once. Neither is retried, so nothing stalls.
func TestHostileOversizePages(t *testing.T) {
	js := bustest.Start(t)
	ex := pipeline.NewExtractStage(js, extractor.New(), pipeline.ExtractOptions{NoContent: extractor.ErrNoContent})
	waittest.Background(t, ex.Run)
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
	waittest.Eventually(t, 10*time.Second, "both pages settled", func() bool {
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
