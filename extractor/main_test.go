package extractor

import (
	"flag"
	"os"
	"testing"
)

// fuzzMinimizeTime replaces go test's default -fuzzminimizetime of 60s
// when the flag is not given. The fuzzer minimises every input that finds
// new coverage; the byte-subset pass of its minimiser is quadratic in the
// input's length and, at about a millisecond an ExtractArticle call, never
// ends on a page-sized input. With a time limit the coordinator then kills
// and restarts the worker process, so with the default each new input cost
// a minute and a restart, and `go test -fuzz` ran a handful of inputs a
// minute. A limit on runs lets the worker stop on its own: one worker runs
// ~45,000 inputs a minute on the development machine.
const fuzzMinimizeTime = "300x"

func TestMain(m *testing.M) {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.fuzzminimizetime" })
	if !given {
		if err := flag.Set("test.fuzzminimizetime", fuzzMinimizeTime); err != nil {
			panic(err)
		}
	}
	os.Exit(m.Run())
}
