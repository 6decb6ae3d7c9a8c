// Package waittest helps tests of concurrent code wait for what happens
// over time, in one way everywhere: Eventually polls a condition up to a
// deadline, Background runs a long-running func until the test ends and
// checks how it stopped, MaxInWindow counts the most events in any
// window of time (politeness, rate limits), and Buffer takes a log or a
// command's output while the test reads it. It never asserts on timing
// itself: a slow machine makes a test slower, not wrong.
package waittest

import (
	"bytes"
	"context"
	"slices"
	"sync"
	"testing"
	"time"
)

// pollEvery is how often Poll and Eventually check their condition.
const pollEvery = 20 * time.Millisecond

// Poll checks cond every 20ms until it holds (true) or timeout passes
// (false). For a test that must report, and go on to release what it
// holds, before it fails.
func Poll(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(pollEvery)
	}
	return true
}

// Eventually polls cond until it holds; past timeout it fails the test
// with "timed out after <timeout> waiting for <what>", and then each of
// details' results on a line of its own (a process's log, the state seen
// last), computed at that moment.
func Eventually(t testing.TB, timeout time.Duration, what string, cond func() bool, details ...func() string) {
	t.Helper()
	if Poll(timeout, cond) {
		return
	}
	msg := "timed out after " + timeout.String() + " waiting for " + what
	for _, d := range details {
		msg += "\n" + d()
	}
	t.Fatal(msg)
}

// Background runs f in a goroutine until the test ends: then it cancels
// f's context, waits for f to return and reports an error f returned.
func Background(t testing.TB, f func(context.Context) error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("background run: %v", err)
		}
	})
}

// MaxInWindow returns the most of times that fall within any window of
// length w (times need not be sorted; the slice is sorted in place).
func MaxInWindow(times []time.Time, w time.Duration) int {
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	best, j := 0, 0
	for i := range times {
		for times[i].Sub(times[j]) >= w {
			j++
		}
		best = max(best, i-j+1)
	}
	return best
}

// Buffer is a bytes.Buffer that a goroutine may write (a logger, a
// command's output) while the test reads it. The zero value is empty and
// ready.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p.
func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

// String returns what was written so far.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
