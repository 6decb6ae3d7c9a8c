// Command modelwire tracks AI model releases across the world's news: it
// crawls sources, extracts articles and release intelligence, indexes them
// for search and publishes release events on NATS.
package main

import (
	"os"
	"runtime/debug"
)

// Garbage-collector defaults, unless GOGC or GOMEMLIMIT say otherwise. A
// page's DOM and an index batch are garbage within milliseconds, so the
// collector's default (a cycle each time the heap doubles) ran often
// enough to cost about a sixth of `modelwire run`'s CPU; letting the heap
// grow five-fold halves that, and the soft limit keeps the process well
// under half a gigabyte all the same.
const (
	defaultGCPercent   = 400
	defaultMemoryLimit = 384 << 20
)

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(defaultGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	os.Exit(execute(os.Args[1:], os.Stdout, os.Stderr))
}
