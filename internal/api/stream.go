package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/bus"
)

// streamWriteTimeout drops a client that cannot take one event in this time.
const streamWriteTimeout = 30 * time.Second

// stream serves release events as Server-Sent Events: one "data:" line of
// event.ReleaseEvent JSON per event, with "id:" the MW_RELEASES sequence so
// a reconnecting client resumes where it left off (Last-Event-ID). Each
// client reads through its own ordered consumer, so a slow client only
// slows itself.
//
// The SSE framing is written by hand: it is three lines per event, and the
// fan-out a library would add is what JetStream already does.
func (s *Server) stream(w http.ResponseWriter, r *http.Request) {
	req, perr := streamQuery(r.URL.Query(), r.Header.Get("Last-Event-ID"), s.canonical)
	if perr != nil {
		writeError(w, http.StatusBadRequest, perr)
		return
	}
	select {
	case s.streams <- struct{}{}:
		defer func() { <-s.streams }()
	default:
		w.Header().Set("Retry-After", "30")
		writeError(w, http.StatusServiceUnavailable, &paramError{Message: "too many open streams; try again later"})
		return
	}
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	go func() { // a server shutdown ends the stream
		select {
		case <-s.stopStreams:
			cancel()
		case <-ctx.Done():
		}
	}()

	cons, err := s.js.OrderedConsumer(ctx, event.StreamReleases, bus.ReleaseReader(req.filter, req.start))
	if err != nil {
		s.fail(w, r, "opening the release stream", err)
		return
	}
	it, err := cons.Messages()
	if err != nil {
		s.fail(w, r, "opening the release stream", err)
		return
	}
	defer it.Stop()
	context.AfterFunc(ctx, it.Stop)

	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
	w.WriteHeader(http.StatusOK)
	s.metrics.streams.Inc()
	defer s.metrics.streams.Dec()
	// Tell the browser how soon to reconnect, and open the stream at once.
	if !s.send(rc, w, "retry: 3000\n\n") {
		return
	}
	for {
		m, err := it.Next(jetstream.NextMaxWait(s.heartbeat))
		switch {
		case err == nil:
		case errors.Is(err, nats.ErrTimeout):
			if !s.send(rc, w, ": keep-alive\n\n") {
				return
			}
			continue
		default:
			if ctx.Err() == nil {
				s.log.Warn("release stream ended", "err", err)
			}
			return
		}
		frame, ok := sseFrame(m)
		if !ok {
			s.log.Warn("skipping an undecodable release event", "subject", m.Subject())
			continue
		}
		if !s.send(rc, w, frame) {
			return
		}
	}
}

// send writes one frame and flushes it; false means the client is gone.
func (s *Server) send(rc *http.ResponseController, w http.ResponseWriter, frame string) bool {
	rc.SetWriteDeadline(time.Now().Add(streamWriteTimeout))
	if _, err := fmt.Fprint(w, frame); err != nil {
		return false
	}
	return rc.Flush() == nil
}

// sseFrame renders a release event message as an SSE frame: "id:" the
// stream sequence, "data:" the event as one line of JSON.
func sseFrame(m jetstream.Msg) (string, bool) {
	ev, err := event.DecodeReleaseEvent(m.Data())
	if err != nil {
		return "", false
	}
	md, err := m.Metadata()
	if err != nil {
		return "", false
	}
	data, err := json.Marshal(ev) // one line: JSON strings escape newlines
	if err != nil {
		return "", false
	}
	return "id: " + strconv.FormatUint(md.Sequence.Stream, 10) + "\ndata: " + string(data) + "\n\n", true
}
