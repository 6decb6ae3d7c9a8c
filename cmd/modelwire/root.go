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
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/modelwire/modelwire/internal/config"
	"github.com/modelwire/modelwire/internal/console"
	"github.com/modelwire/modelwire/internal/redact"
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
	quiet      bool
	verbose    bool
	// levelSet is true when --log-level was given: it then wins over
	// --quiet, --verbose and the progress display's quieter default.
	levelSet   bool
	cpuProfile string
	// stopProfile ends the CPU profile --cpuprofile started (nil: none).
	stopProfile func()
	stdout      io.Writer
	stderr      io.Writer
}

func (g *globals) logger() *slog.Logger { return g.loggerTo(g.stderr, g.level()) }

// level is the log level the flags ask for: --log-level, else warn with
// --quiet, debug with --verbose, info by default.
func (g *globals) level() slog.Level {
	var level slog.Level
	switch {
	case g.levelSet:
		if err := level.UnmarshalText([]byte(g.logLevel)); err != nil {
			level = slog.LevelInfo
		}
	case g.quiet:
		level = slog.LevelWarn
	case g.verbose:
		level = slog.LevelDebug
	}
	return level
}

// loggerTo returns a logger writing at level and above to w.
func (g *globals) loggerTo(w io.Writer, level slog.Level) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	// Credentials in URLs (a NATS password, a feed's API key) never reach
	// the log.
	if g.logFormat == "json" {
		return slog.New(redact.Handler(slog.NewJSONHandler(w, opts)))
	}
	return slog.New(redact.Handler(slog.NewTextHandler(w, opts)))
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
	pf.StringVar(&g.logLevel, "log-level", "info", "log level: debug, info, warn or error (wins over --quiet and --verbose)")
	pf.BoolVarP(&g.quiet, "quiet", "q", false, "log only warnings and errors; no progress display")
	pf.BoolVarP(&g.verbose, "verbose", "v", false, "log everything, debug messages included (on a terminal, beside the progress display)")
	pf.StringVar(&g.cpuProfile, "cpuprofile", "", "write a CPU profile of the whole command to `FILE` (for go tool pprof)")
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		applyRuntime(config.Default().Runtime)
		if g.quiet && g.verbose {
			return errors.New("--quiet and --verbose: choose one")
		}
		var l slog.Level
		if err := l.UnmarshalText([]byte(g.logLevel)); err != nil {
			return fmt.Errorf("--log-level %q: want debug, info, warn or error", g.logLevel)
		}
		g.levelSet = cmd.Flags().Changed("log-level")
		if g.logFormat != "text" && g.logFormat != "json" {
			return fmt.Errorf("--log-format %q: want text or json", g.logFormat)
		}
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
		newModelCmd(g),
		newExtractCmd(g),
		newReprocessCmd(g),
		newImportCmd(g),
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
	root.SetArgs(queryTermsAfterDashes(root, args))
	err := root.ExecuteContext(ctx)
	if g.stopProfile != nil {
		g.stopProfile()
	}
	if err != nil {
		if !errors.Is(err, errSilent) {
			fmt.Fprintln(stderr, "modelwire:", console.PrintableLines(redact.Text(err.Error())))
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

// queryTermsAfterDashes lets a command whose arguments are query text
// (annotated queryArgs) take terms that start with '-' — exclusions, as in
// `modelwire search DeepSeek -Qwen` — without a "--": every argument that
// is not one of the command's flags (or a flag's value) moves after a
// "--", so the flag parser reads it as a term. A single-dash argument is a
// flag only when it is exactly a known shorthand ("-n") or one with its
// number ("-n5"); "-news" is a term even though -n is a flag. Unknown
// "--long" arguments stay flags and fail as such.
func queryTermsAfterDashes(root *cobra.Command, args []string) []string {
	cmd, _, err := root.Find(args)
	if err != nil || cmd.Annotations[queryArgs] == "" {
		return args
	}
	flags := cmd.Flags()
	flags.AddFlagSet(cmd.InheritedFlags())
	var keep, terms []string
	path := strings.Fields(cmd.CommandPath())[1:] // the subcommand names
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			terms = append(terms, args[i+1:]...)
			i = len(args)
		case strings.HasPrefix(a, "--"):
			keep = append(keep, a)
			name, _, hasValue := strings.Cut(a[2:], "=")
			if f := flags.Lookup(name); f != nil && !hasValue && f.NoOptDefVal == "" && i+1 < len(args) {
				i++
				keep = append(keep, args[i])
			}
		case len(a) >= 2 && a[0] == '-':
			f := flags.ShorthandLookup(a[1:2])
			switch {
			case f != nil && len(a) == 2:
				keep = append(keep, a)
				if f.NoOptDefVal == "" && i+1 < len(args) {
					i++
					keep = append(keep, args[i])
				}
			case f != nil && f.Value.Type() == "int" && isDigits(a[2:]):
				keep = append(keep, a)
			default:
				terms = append(terms, a)
			}
		case len(path) > 0 && a == path[0]:
			keep = append(keep, a)
			path = path[1:]
		default:
			terms = append(terms, a)
		}
	}
	if len(terms) == 0 {
		return keep
	}
	return append(append(keep, "--"), terms...)
}

// queryArgs annotates a command whose arguments are query text.
const queryArgs = "query-args"

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}
