package archive

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Keep is how much of the archive is kept: closed files older than Age,
// or the oldest beyond Bytes in total, are deleted. The zero value keeps
// everything.
type Keep struct {
	Age   time.Duration
	Bytes int64
}

// String returns k as ParseKeep reads it.
func (k Keep) String() string {
	switch {
	case k.Age > 0 && k.Age%(24*time.Hour) == 0:
		return strconv.FormatInt(int64(k.Age/(24*time.Hour)), 10) + "d"
	case k.Age > 0:
		return k.Age.String()
	case k.Bytes > 0:
		return strconv.FormatInt(k.Bytes, 10) + "B"
	}
	return ""
}

// sizeUnits are the units ParseKeep accepts for a total size.
var sizeUnits = []struct {
	suffix string
	factor int64
}{
	{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40},
	{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12}, {"B", 1},
}

// ParseKeep reads archive.keep: "" (keep everything), an age — "90d",
// "720h" — or a total size — "50GB", "500MiB".
func ParseKeep(s string) (Keep, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Keep{}, nil
	}
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.ParseFloat(n, 64)
		if err != nil || days <= 0 {
			return Keep{}, fmt.Errorf("%q: not a positive number of days", s)
		}
		return Keep{Age: time.Duration(days * float64(24*time.Hour))}, nil
	}
	for _, u := range sizeUnits {
		if n, ok := strings.CutSuffix(s, u.suffix); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(n), 64)
			if err != nil || v <= 0 {
				return Keep{}, fmt.Errorf("%q: not a positive size", s)
			}
			return Keep{Bytes: int64(v * float64(u.factor))}, nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return Keep{Age: d}, nil
	}
	return Keep{}, fmt.Errorf("%q is not an age (90d, 720h) or a total size (50GB, 500MiB)", s)
}

// prune deletes the closed files Keep does not keep: those of this
// writer's naming (PREFIX-….warc.gz), oldest first. Files still being
// written (.open) are never touched. Several processes sharing the
// directory prune the same way; a file another one deleted first is no
// error.
func (w *Writer) prune() {
	keep := w.cfg.Keep
	if keep.Age <= 0 && keep.Bytes <= 0 {
		return
	}
	entries, err := os.ReadDir(w.cfg.Dir)
	if err != nil {
		w.log.Warn("reading the archive directory", "dir", w.cfg.Dir, "err", err)
		return
	}
	type file struct {
		path string
		mod  time.Time
		size int64
	}
	var files []file
	for _, e := range entries {
		if e.IsDir() || !isArchiveFile(e.Name(), w.cfg.Prefix) {
			continue
		}
		if info, err := e.Info(); err == nil {
			files = append(files, file{filepath.Join(w.cfg.Dir, e.Name()), info.ModTime(), info.Size()})
		}
	}
	slices.SortFunc(files, func(a, b file) int { return b.mod.Compare(a.mod) }) // newest first
	var total int64
	now := time.Now()
	for _, f := range files {
		total += f.size
		old := keep.Age > 0 && now.Sub(f.mod) > keep.Age
		over := keep.Bytes > 0 && total > keep.Bytes && total != f.size // the newest file stays
		if !old && !over {
			continue
		}
		if err := os.Remove(f.path); err != nil && !os.IsNotExist(err) {
			w.log.Warn("pruning the archive", "file", f.path, "err", err)
			continue
		}
		w.pruned.Add(1)
		w.log.Info("archive file pruned", "file", f.path, "keep", keep.String())
	}
}
