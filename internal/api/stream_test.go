package api_test

import (
	"bufio"
	"context"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/api"
)

// frame is one Server-Sent Event, or a comment line.
type frame struct {
	id, data, comment, retry string
}

// sse is an open stream, read frame by frame on a goroutine.
type sse struct {
	resp   *http.Response
	frames chan frame
}

func openStream(t *testing.T, url string, header ...string) *sse {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	s := &sse{resp: resp, frames: make(chan frame, 100)}
	t.Cleanup(func() { cancel(); resp.Body.Close() })
	if resp.StatusCode != http.StatusOK {
		return s
	}
	go func() {
		defer close(s.frames)
		sc := bufio.NewScanner(resp.Body)
		var f frame
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				s.frames <- f
				f = frame{}
			case strings.HasPrefix(line, ":"):
				f.comment = strings.TrimSpace(line[1:])
			case strings.HasPrefix(line, "id: "):
				f.id = line[4:]
			case strings.HasPrefix(line, "data: "):
				f.data += line[6:]
			case strings.HasPrefix(line, "retry: "):
				f.retry = line[7:]
			}
		}
	}()
	return s
}

// next returns the next event (skipping comments and retry hints), or
// fails after five seconds.
func (s *sse) next(t *testing.T) (frame, event.ReleaseEvent) {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case f, ok := <-s.frames:
			if !ok {
				t.Fatal("stream ended")
			}
			if f.data == "" {
				continue
			}
			ev, err := event.DecodeReleaseEvent([]byte(f.data))
			if err != nil {
				t.Fatalf("data is not a release event: %v: %s", err, f.data)
			}
			return f, ev
		case <-timeout:
			t.Fatal("no event within 5s")
		}
	}
}

// opened waits for the stream's first frame (the retry hint), which is
// written once the server reads from JetStream.
func (s *sse) opened(t *testing.T) {
	t.Helper()
	select {
	case f := <-s.frames:
		if f.retry == "" {
			t.Fatalf("first frame %+v, want the retry hint", f)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("stream did not open within 5s")
	}
}

// quiet checks that no event arrives for a short while.
func (s *sse) quiet(t *testing.T) {
	t.Helper()
	select {
	case f := <-s.frames:
		if f.data != "" {
			t.Fatalf("unexpected event %s", f.data)
		}
	case <-time.After(200 * time.Millisecond):
	}
}

func TestStreamReplaysFiltersAndResumes(t *testing.T) {
	f := newFixture(t, api.Options{})
	r1 := f.publish(t, releaseEvent(event.KindRelease, "deepseek", "DeepSeek-R1"))
	k2 := f.publish(t, releaseEvent(event.KindRelease, "moonshot", "Kimi K2"))
	c1 := f.publish(t, releaseEvent(event.KindCorroboration, "deepseek", "DeepSeek-R1", "https://a.example/1", "https://b.example/2"))

	tests := []struct {
		name   string
		query  string
		header []string
		want   []uint64
	}{
		{"since=all replays history", "?since=all", nil, []uint64{r1, k2, c1}},
		{"since a duration", "?since=1h", nil, []uint64{r1, k2, c1}},
		{"vendor filter", "?since=all&vendor=deepseek", nil, []uint64{r1, c1}},
		{"model filter", "?since=all&model=Kimi+K2", nil, []uint64{k2}},
		{"Last-Event-ID resumes after it", "", []string{"Last-Event-ID", strconv.FormatUint(r1, 10)}, []uint64{k2, c1}},
		{"the header wins over the parameter", "?last_event_id=0", []string{"Last-Event-ID", strconv.FormatUint(k2, 10)}, []uint64{c1}},
		{"last_event_id=0 is everything", "?last_event_id=0", nil, []uint64{r1, k2, c1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openStream(t, f.srv.URL+"/api/releases/stream"+tt.query, tt.header...)
			if s.resp.StatusCode != http.StatusOK || s.resp.Header.Get("Content-Type") != "text/event-stream; charset=utf-8" {
				t.Fatalf("status %d, type %q", s.resp.StatusCode, s.resp.Header.Get("Content-Type"))
			}
			for _, seq := range tt.want {
				fr, ev := s.next(t)
				if fr.id != strconv.FormatUint(seq, 10) {
					t.Fatalf("event id %s, want %d", fr.id, seq)
				}
				if ev.Key == "" || ev.Sources == nil {
					t.Errorf("event %+v", ev)
				}
			}
			s.quiet(t)
		})
	}
	t.Run("corroboration carries its kind and sources", func(t *testing.T) {
		s := openStream(t, f.srv.URL+"/api/releases/stream", "Last-Event-ID", strconv.FormatUint(k2, 10))
		_, ev := s.next(t)
		if ev.Kind != event.KindCorroboration || len(ev.Sources) != 2 || ev.Key != "deepseek.deepseek-r1" {
			t.Errorf("event %+v", ev)
		}
	})
}

func TestStreamDeliversNewEventsOnly(t *testing.T) {
	f := newFixture(t, api.Options{Heartbeat: 50 * time.Millisecond})
	f.publish(t, releaseEvent(event.KindRelease, "deepseek", "DeepSeek-R1"))
	s := openStream(t, f.srv.URL+"/api/releases/stream")
	s.opened(t)
	// An idle stream gets keep-alive comments.
	select {
	case fr := <-s.frames:
		if fr.comment != "keep-alive" {
			t.Fatalf("idle stream sent %+v, want a keep-alive comment", fr)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no keep-alive")
	}
	// An undecodable message is skipped, the next event arrives.
	if _, err := f.js.Publish(context.Background(), "mw.releases.bad.bad", []byte("{not json")); err != nil {
		t.Fatal(err)
	}
	seq := f.publish(t, releaseEvent(event.KindRelease, "zhipu", "GLM-4.5"))
	fr, ev := s.next(t)
	if ev.Model != "GLM-4.5" || fr.id != strconv.FormatUint(seq, 10) {
		t.Errorf("got %s (id %s), want GLM-4.5 (id %d)", ev.Model, fr.id, seq)
	}
}

func TestStreamLimit(t *testing.T) {
	f := newFixture(t, api.Options{MaxStreams: 1})
	first := openStream(t, f.srv.URL+"/api/releases/stream")
	first.opened(t)
	second := openStream(t, f.srv.URL+"/api/releases/stream")
	if second.resp.StatusCode != http.StatusServiceUnavailable || second.resp.Header.Get("Retry-After") == "" {
		t.Errorf("second stream: %d, want 503 with Retry-After", second.resp.StatusCode)
	}
	_, body := get(t, f.srv.URL+"/metrics")
	if !strings.Contains(string(body), "modelwire_http_streams_open 1") {
		t.Errorf("metrics do not count the open stream")
	}
}

func TestShutdownEndsStreams(t *testing.T) {
	f := newFixture(t, api.Options{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.api.Serve(ctx, ln) }()
	s := openStream(t, "http://"+ln.Addr().String()+"/api/releases/stream")
	s.opened(t)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after its context ended")
	}
	select {
	case _, ok := <-s.frames:
		for ok {
			_, ok = <-s.frames
		}
	case <-time.After(5 * time.Second):
		t.Fatal("stream still open after shutdown")
	}
}
