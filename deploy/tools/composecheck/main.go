// Command composecheck validates a Compose file the way `docker compose
// config` does — with compose-go, the loader Docker Compose itself uses:
// schema validation, interpolation, extends/anchors, and model checks.
// It exists because no Docker Compose v2 binary can be installed here; it
// lives in its own module so its dependencies stay out of modelwire's.
//
//	go run . ../../compose/docker-compose.yml
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/compose-spec/compose-go/v2/cli"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: composecheck FILE...")
		os.Exit(2)
	}
	for _, f := range os.Args[1:] {
		abs, err := filepath.Abs(f)
		if err != nil {
			fail(f, err)
		}
		opts, err := cli.NewProjectOptions([]string{abs},
			cli.WithWorkingDirectory(filepath.Dir(abs)),
			cli.WithOsEnv,
			cli.WithConsistency(true),
			cli.WithResolvedPaths(true),
		)
		if err != nil {
			fail(f, err)
		}
		p, err := opts.LoadProject(context.Background())
		if err != nil {
			fail(f, err)
		}
		fmt.Printf("%s: valid (project %q, %d services)\n", f, p.Name, len(p.Services))
	}
}

func fail(f string, err error) {
	fmt.Fprintf(os.Stderr, "%s: %v\n", f, err)
	os.Exit(1)
}
