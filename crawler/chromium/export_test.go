package chromium

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// KillBrowser kills the running browser with SIGKILL, as a crash would,
// and waits until the Browser notices.
func KillBrowser(b *Browser) error {
	b.mu.Lock()
	run := b.run
	b.mu.Unlock()
	if run == nil || run.pid == 0 {
		return errors.New("no browser runs")
	}
	p, err := os.FindProcess(run.pid)
	if err != nil {
		return err
	}
	if err := p.Signal(syscall.SIGKILL); err != nil {
		return err
	}
	select {
	case <-run.ctx.Done():
		return nil
	case <-time.After(10 * time.Second):
		return errors.New("the browser's death went unnoticed")
	}
}
