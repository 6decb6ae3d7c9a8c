package chromium

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// treeMemory returns the memory of process pid and all its descendants
// (Chromium's renderer, GPU and utility processes): the sum of their
// proportional set sizes, which counts memory shared between them once,
// from /proc/<pid>/smaps_rollup — or of their resident sets where that
// file cannot be read. Linux only.
func treeMemory(pid int) (int64, error) {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return 0, fmt.Errorf("reading /proc: %w", err)
	}
	children := map[int][]int{}
	for _, e := range entries {
		child, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if ppid, ok := parentOf(child); ok {
			children[ppid] = append(children[ppid], child)
		}
	}
	var total int64
	seen := map[int]bool{}
	queue := []int{pid}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if seen[p] {
			continue
		}
		seen[p] = true
		total += processMemory(p)
		queue = append(queue, children[p]...)
	}
	if total == 0 {
		return 0, errors.New("no memory figures for the browser's processes")
	}
	return total, nil
}

// parentOf reads the parent pid from /proc/<pid>/stat.
func parentOf(pid int) (int, bool) {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return 0, false
	}
	// "pid (comm) state ppid …": comm may hold spaces and parentheses.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 2 {
		return 0, false
	}
	ppid, err := strconv.Atoi(f[1])
	return ppid, err == nil
}

// processMemory returns a process's proportional set size in bytes, or
// its resident set size; 0 when neither can be read.
func processMemory(pid int) int64 {
	dir := filepath.Join("/proc", strconv.Itoa(pid))
	if kb, ok := field(filepath.Join(dir, "smaps_rollup"), "Pss:"); ok {
		return kb << 10
	}
	if kb, ok := field(filepath.Join(dir, "status"), "VmRSS:"); ok {
		return kb << 10
	}
	return 0
}

// field reads the kB value of the line starting with key in a /proc file.
func field(path, key string) (int64, bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, key) {
			continue
		}
		fs := strings.Fields(line[len(key):])
		if len(fs) == 0 {
			return 0, false
		}
		v, err := strconv.ParseInt(fs[0], 10, 64)
		return v, err == nil
	}
	return 0, false
}
