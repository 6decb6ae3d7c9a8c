package config

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Runtime sets the Go runtime's garbage collector for the process. Go's
// own GOGC and GOMEMLIMIT environment variables, when set, win over both
// keys (the runtime reads them before modelwire starts).
type Runtime struct {
	// GCPercent is how much the heap grows before a collection (GOGC);
	// negative turns the collector off.
	GCPercent int `yaml:"gc_percent"`
	// MemoryLimit is the soft memory limit the collector keeps the
	// process under (GOMEMLIMIT): a size in bytes with an optional unit
	// (B, KiB, MiB, GiB, TiB), or "off". Set it to about 90% of a
	// container's memory limit.
	MemoryLimit string `yaml:"memory_limit"`
}

// memoryUnits are the units of Runtime.MemoryLimit, those GOMEMLIMIT takes.
var memoryUnits = []struct {
	suffix string
	factor int64
}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40}, {"B", 1}}

// MemoryLimitBytes returns MemoryLimit in bytes (math.MaxInt64 for "off",
// which is what the runtime takes for no limit).
func (r Runtime) MemoryLimitBytes() (int64, error) {
	s := strings.TrimSpace(r.MemoryLimit)
	if s == "off" {
		return math.MaxInt64, nil
	}
	num, factor := s, int64(1)
	for _, u := range memoryUnits {
		if n, ok := strings.CutSuffix(s, u.suffix); ok {
			num, factor = strings.TrimSpace(n), u.factor
			break
		}
	}
	v, err := strconv.ParseInt(num, 10, 64)
	if err != nil || v <= 0 || v > math.MaxInt64/factor {
		return 0, fmt.Errorf("%q is not a size such as 384MiB or 1GiB, or off", r.MemoryLimit)
	}
	return v * factor, nil
}
