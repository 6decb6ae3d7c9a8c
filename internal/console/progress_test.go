package console_test

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/modelwire/modelwire/internal/console"
)

// ansi matches terminal control sequences, to read what a person sees.
var ansi = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)

// TestProgressInATerminal draws the bars on a pseudo-terminal, as a person
// running `modelwire run --once` sees them, with a log line printed above.
func TestProgressInATerminal(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer ptmx.Close()
	defer tty.Close()
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 24, Cols: 100}); err != nil {
		t.Fatal(err)
	}
	if !console.IsTerminal(tty) {
		t.Fatal("a pseudo-terminal is not a terminal")
	}
	var screen bytes.Buffer
	var mu sync.Mutex
	copied := make(chan struct{})
	go func() {
		defer close(copied)
		buf := make([]byte, 4096)
		for {
			n, err := ptmx.Read(buf)
			mu.Lock()
			screen.Write(buf[:n])
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()

	var step atomic.Int64
	read := func() console.Counts {
		n := min(step.Add(3), 30)
		return console.Counts{Fetched: n, Queued: 30 - n, Extracted: n, Articles: n - n/10, Indexed: n - n/10}
	}
	p := console.StartProgress(tty, read)
	time.Sleep(400 * time.Millisecond)
	io.WriteString(p, "level=WARN msg=\"fetch failed\" url=https://example.com/x\n")
	for step.Load() < 30 {
		time.Sleep(20 * time.Millisecond)
	}
	p.Stop()
	p.Stop() // harmless
	io.WriteString(p, "after the bars\n")
	tty.Close()
	<-copied

	mu.Lock()
	out := ansi.ReplaceAllString(screen.String(), "")
	mu.Unlock()
	for _, want := range []string{
		"fetched", "extracted", "indexed", "ETA",
		"30 / 30 pages", "27 / 27 articles", "/s",
		`msg="fetch failed"`, "after the bars",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the terminal lacks %q:\n%s", want, out)
		}
	}
	// The bars were redrawn as the counts grew, not printed once.
	if n := strings.Count(out, "fetched"); n < 3 {
		t.Errorf("the fetched bar was drawn %d times:\n%s", n, out)
	}
}
