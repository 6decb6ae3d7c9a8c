package main

import (
	"os"
	"runtime/debug"
	"strconv"

	"github.com/modelwire/modelwire/internal/config"
)

// applyRuntime sets the garbage collector as runtime.gc_percent and
// runtime.memory_limit say, except where Go's own GOGC or GOMEMLIMIT are
// set: the runtime has read those already, and they win. Every command
// starts with the defaults; one that loads a configuration applies its
// values then.
func applyRuntime(r config.Runtime) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(r.GCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		if n, err := r.MemoryLimitBytes(); err == nil { // checked by Validate
			debug.SetMemoryLimit(n)
		}
	}
}

// runtimeSettings describes the collector's settings and where they come
// from, for config check.
func runtimeSettings(r config.Runtime) string {
	gc := "gc_percent " + strconv.Itoa(r.GCPercent)
	if v := os.Getenv("GOGC"); v != "" {
		gc = "GOGC=" + v + " (environment)"
	}
	limit := "memory_limit " + r.MemoryLimit
	if v := os.Getenv("GOMEMLIMIT"); v != "" {
		limit = "GOMEMLIMIT=" + v + " (environment)"
	}
	return gc + ", " + limit
}
