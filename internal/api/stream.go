package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

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

	rc := http.NewResponseController(w)
	opened := false
	open := func() error {
		opened = true
		h := w.Header()
		h.Set("Content-Type", "text/event-stream; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		h.Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
		w.WriteHeader(http.StatusOK)
		s.metrics.streams.Inc()
		// Tell the browser how soon to reconnect, and open the stream at once.
		return s.send(rc, w, "retry: 3000\n\n")
	}
	_, err := bus.FollowReleases(ctx, s.js, req.filter, req.start, func(seq uint64, ev event.ReleaseEvent) error {
		return s.send(rc, w, sseFrame(seq, ev))
	},
		bus.OnOpen(open),
		bus.OnIdle(s.heartbeat, func() error { return s.send(rc, w, ": keep-alive\n\n") }),
		bus.OnSkip(func(subject string, err error) {
			s.log.Warn("skipping an undecodable release event", "subject", subject, "err", err)
		}))
	if opened {
		s.metrics.streams.Dec()
	}
	switch {
	case err == nil || errors.Is(err, errClientGone):
	case !opened:
		s.fail(w, r, "opening the release stream", err)
	case ctx.Err() == nil:
		s.log.Warn("release stream ended", "err", err)
	}
}

// errClientGone ends a stream whose client went away.
var errClientGone = errors.New("client gone")

// send writes one frame and flushes it; errClientGone means the client
// is gone.
func (s *Server) send(rc *http.ResponseController, w http.ResponseWriter, frame string) error {
	rc.SetWriteDeadline(time.Now().Add(streamWriteTimeout))
	if _, err := fmt.Fprint(w, frame); err != nil {
		return errClientGone
	}
	if rc.Flush() != nil {
		return errClientGone
	}
	return nil
}

// sseFrame renders a release event as an SSE frame: "id:" its stream
// sequence, "data:" the event as one line of JSON.
func sseFrame(seq uint64, ev event.ReleaseEvent) string {
	data, _ := json.Marshal(ev) // one line: JSON strings escape newlines; a decoded event always encodes
	return "id: " + strconv.FormatUint(seq, 10) + "\ndata: " + string(data) + "\n\n"
}
