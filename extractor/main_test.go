package extractor

import (
	"flag"
	"os"
	"testing"
)

// fuzzMinimizeTime replaces go test's default -fuzzminimizetime of 60s
// when the flag is not given. ExtractArticle takes about a millisecond an
// input, and the fuzzer minimises every input that finds new coverage: the
// byte-subset pass of its minimiser is quadratic in the input's length and
// never ends on a page-sized input, so with the default each new input cost
// a minute and `go test -fuzz` ran a handful of inputs a minute.
const fuzzMinimizeTime = "2s"

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
