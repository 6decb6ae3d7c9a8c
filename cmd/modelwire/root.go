package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// errSilent is returned by a command that has already reported its failure.
var errSilent = errors.New("")

// globals are the flags every command shares.
type globals struct {
	configFile string
	dataDir    string
	logFormat  string
	logLevel   string
	cpuProfile string
	// stopProfile ends the CPU profile --cpuprofile started (nil: none).
	stopProfile func()
	stdout      io.Writer
	stderr      io.Writer
}

func (g *globals) logger() *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(g.logLevel)); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	if g.logFormat == "json" {
		return slog.New(slog.NewJSONHandler(g.stderr, opts))
	}
	return slog.New(slog.NewTextHandler(g.stderr, opts))
}

func newRoot(stdout, stderr io.Writer) (*cobra.Command, *globals) {
	g := &globals{stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:   "modelwire",
		Short: "Track AI model releases across the world's news",
		Long: `modelwire crawls news sites, vendor blogs, feeds and sitemaps; extracts each
article and the models, vendors and benchmark claims it mentions; indexes them
for full-text search; and publishes one event per newly seen release on NATS.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	pf := root.PersistentFlags()
	pf.StringVarP(&g.configFile, "config", "c", "", "configuration file (YAML); default: built-in defaults with no sources")
	pf.StringVarP(&g.dataDir, "data", "d", "", "data directory (overrides data_dir and MODELWIRE_DATA)")
	pf.StringVar(&g.logFormat, "log-format", "text", "log format: text or json")
	pf.StringVar(&g.logLevel, "log-level", "info", "log level: debug, info, warn or error")
	pf.StringVar(&g.cpuProfile, "cpuprofile", "", "write a CPU profile of the whole command to `FILE` (for go tool pprof)")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		if g.cpuProfile == "" {
			return nil
		}
		f, err := os.Create(g.cpuProfile)
		if err != nil {
			return fmt.Errorf("--cpuprofile: %w", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return fmt.Errorf("--cpuprofile: %w", err)
		}
		g.stopProfile = func() {
			pprof.StopCPUProfile()
			f.Close()
		}
		return nil
	}
	root.AddCommand(
		newRunCmd(g),
		newCrawlerCmd(g),
		newExtractorCmd(g),
		newIndexerCmd(g),
		newServeCmd(g),
		newWatchCmd(g),
		newSearchCmd(g),
		newReleasesCmd(g),
		newExtractCmd(g),
		newConfigCmd(g),
		newCatalogCmd(g),
		newVersionCmd(g),
		newHealthcheckCmd(g),
		newNATSServerCmd(g),
	)
	return root, g
}

func execute(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return executeContext(ctx, args, stdout, stderr)
}

// executeContext runs the command line until ctx ends (tests stop a
// long-running command by cancelling ctx).
func executeContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root, g := newRoot(stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if g.stopProfile != nil {
		g.stopProfile()
	}
	if err != nil {
		if !errors.Is(err, errSilent) {
			fmt.Fprintln(stderr, "modelwire:", err)
		}
		return 1
	}
	return 0
}

func newVersionCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintf(g.stdout, "modelwire %s\n", version)
			return nil
		},
	}
}
