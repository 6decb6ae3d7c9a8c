// Package reload tells a long-running process when to reload its
// configuration: when a signal arrives (SIGHUP, which the caller relays on
// a channel) or when the content of a watched file or directory changes —
// written in place, replaced by a rename as editors do, or swapped behind a
// symlink as Kubernetes does with a mounted ConfigMap.
package reload

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Options configures Run. Zero values mean defaults.
type Options struct {
	// Paths are files and directories (not recursive) whose content
	// triggers a reload when it changes.
	Paths []string
	// Signals, if set, triggers a reload on every value received.
	Signals <-chan os.Signal
	// Debounce is how long file events are gathered before the content is
	// compared (default 300ms): one save is often several events.
	Debounce time.Duration
	Logger   *slog.Logger
}

// Run calls reload once per trigger until ctx ends, with why saying what
// triggered it ("signal hangup", "changed: /etc/modelwire/modelwire.yaml").
// A file event that leaves the content as it was triggers nothing. reload
// runs on Run's goroutine: triggers arriving meanwhile are folded into one.
// Run fails only if the watches cannot be set up.
func Run(ctx context.Context, opts Options, reload func(ctx context.Context, why string)) error {
	if opts.Debounce <= 0 {
		opts.Debounce = 300 * time.Millisecond
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	var events <-chan fsnotify.Event
	var errs <-chan error
	if len(opts.Paths) > 0 {
		w, err := fsnotify.NewWatcher()
		if err != nil {
			return fmt.Errorf("watching files: %w", err)
		}
		defer w.Close()
		dirs := map[string]bool{}
		for _, p := range opts.Paths {
			// Watch the directory a file is in: a rename or a symlink swap
			// replaces the file's inode, and a watch on it would go quiet.
			dir := p
			if fi, err := os.Stat(p); err != nil || !fi.IsDir() {
				dir = filepath.Dir(p)
			}
			if !dirs[dir] {
				if err := w.Add(dir); err != nil {
					return fmt.Errorf("watching %s: %w", dir, err)
				}
				dirs[dir] = true
			}
		}
		events, errs = w.Events, w.Errors
	}
	sums := digests(opts.Paths)
	var debounce <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case sig := <-opts.Signals:
			sums = digests(opts.Paths)
			reload(ctx, "signal "+sig.String())
		case <-events:
			if debounce == nil {
				debounce = time.After(opts.Debounce)
			}
		case err := <-errs:
			opts.Logger.Warn("file watch error", "err", err)
		case <-debounce:
			debounce = nil
			next := digests(opts.Paths)
			var changed []string
			for _, p := range opts.Paths {
				if next[p] != sums[p] {
					changed = append(changed, p)
				}
			}
			sums = next
			if len(changed) > 0 {
				reload(ctx, fmt.Sprintf("changed: %s", changed))
			}
		}
	}
}

// digests returns a content digest per path: a file's bytes, or a
// directory's file names and bytes; "" when it cannot be read.
func digests(paths []string) map[string]string {
	out := make(map[string]string, len(paths))
	for _, p := range paths {
		out[p] = digest(p)
	}
	return out
}

func digest(path string) string {
	h := sha256.New()
	fi, err := os.Stat(path)
	if err != nil {
		return ""
	}
	if !fi.IsDir() {
		data, err := os.ReadFile(path)
		if err != nil {
			return ""
		}
		h.Write(data)
		return string(h.Sum(nil))
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return ""
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if e.Type().IsRegular() || e.Type()&fs.ModeSymlink != 0 {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(path, n))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(data))
		h.Write(data)
	}
	return string(h.Sum(nil))
}
