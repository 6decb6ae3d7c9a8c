package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/extractor"
	"github.com/modelwire/modelwire/internal/announce"
	"github.com/modelwire/modelwire/internal/config"
	"github.com/modelwire/modelwire/internal/console"
	"github.com/modelwire/modelwire/internal/reprocess"
)

// replayFlags are the flags reprocess and import share.
type replayFlags struct {
	since    string
	announce bool
	json     bool
}

func (f *replayFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.since, "since", "", "only responses fetched on or after this date (YYYY-MM-DD or RFC 3339; the WARC-Date)")
	cmd.Flags().BoolVar(&f.announce, "announce", false, "announce releases found for the first time on MW_RELEASES (default: record them, not announce)")
	cmd.Flags().BoolVar(&f.json, "json", false, "print the summary as JSON")
}

func newReprocessCmd(g *globals) *cobra.Command {
	var (
		f         replayFlags
		sources   []string
		urlPrefix string
		files     []string
	)
	cmd := &cobra.Command{
		Use:   "reprocess [--since DATE] [--source NAME]... [--url-prefix P] [--warc FILE]... [--announce]",
		Short: "Run the current extractor and catalog over the archive and update the index in place",
		Long: `Reprocess reads the WARC archive (archive.dir, default DATA/warc; or the files
given with --warc), runs every archived HTML page through the current extractor
and catalog, and updates the search store in place: the same document ids (the
hash of the canonical URL), no duplicates; a page older than the stored version
of its document is left alone. Release records are recomputed: releases an
article reports now are recorded, those it no longer reports are withdrawn from
it (and a release no article reports any more is removed). A release that was
announced is never announced again; one found for the first time is recorded,
and announced on MW_RELEASES only with --announce.

It works on the embedded index (stop modelwire run first: the index has one
writer) and on Elasticsearch, also as a job beside running stages. A corrupt
record is reported with its file and offset and skipped. A progress bar shows
on a terminal; a summary is printed at the end.`,
		Example: `  modelwire reprocess --config configs/modelwire.yaml
  modelwire reprocess --since 2025-07-01 --source deepseek-blog
  modelwire reprocess --warc data/warc/modelwire-20250701090000000-00001-4242~host.warc.gz`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := g.loadConfig()
			if err != nil {
				return err
			}
			opts := reprocess.Options{Sources: sources, URLPrefix: urlPrefix}
			if len(files) == 0 {
				if files, err = archiveFiles(c.ArchiveDir()); err != nil {
					return err
				}
				if len(files) == 0 {
					return fmt.Errorf("no WARC files in %s (archive.dir): nothing to reprocess", c.ArchiveDir())
				}
			}
			opts.Files = files
			return runReplay(cmd.Context(), g, c, f, opts)
		},
	}
	f.add(cmd)
	cmd.Flags().StringSliceVar(&sources, "source", nil, "only pages of this configured source (repeatable)")
	cmd.Flags().StringVar(&urlPrefix, "url-prefix", "", "only pages whose URL starts with this")
	cmd.Flags().StringSliceVar(&files, "warc", nil, "read this WARC file instead of the archive (repeatable)")
	return cmd
}

func newImportCmd(g *globals) *cobra.Command {
	var (
		f       replayFlags
		domains []string
	)
	cmd := &cobra.Command{
		Use:   "import FILE.warc[.gz]... [--domain D]... [--since DATE] [--announce]",
		Short: "Backfill the index from web archives (CC-NEWS, a wget --warc-file crawl, another archive)",
		Long: `Import reads WARC files — Common Crawl's CC-NEWS, a wget --warc-file crawl,
another crawler's or modelwire's own archive — and indexes the HTML pages
(status 200) of the configured sources: within a source's allowed domains (for a
source of feeds only, its feeds' hosts) and its include/exclude patterns; with
--domain, the pages of those domains and their subdomains; with neither and no
sources configured, every page. Documents already in the index (by canonical
URL) are left alone, so importing a file twice adds nothing the second time.
Releases are recorded as reprocess records them: never announced again, and
announced only with --announce when found for the first time.

Files are streamed record by record: memory stays flat on archives of many
gigabytes. A corrupt or truncated record is reported with its file and offset
and skipped; the records after it are read.`,
		Example: `  modelwire import --config configs/modelwire.yaml CC-NEWS-20250701000000-00001.warc.gz
  modelwire import --domain qwenlm.github.io --since 2025-01-01 crawl.warc.gz`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := g.loadConfig()
			if err != nil {
				return err
			}
			opts := reprocess.Options{Files: args, Import: true, Domains: domains}
			if len(domains) == 0 {
				for _, s := range c.Sources {
					sc, err := crawler.NewScope(s.CrawlerSource())
					if err != nil {
						return err
					}
					opts.Scopes = append(opts.Scopes, reprocess.Scope{Name: s.Name, Scope: sc})
				}
			}
			return runReplay(cmd.Context(), g, c, f, opts)
		},
	}
	f.add(cmd)
	cmd.Flags().StringSliceVar(&domains, "domain", nil, "import the pages of this domain and its subdomains (repeatable; default: the configured sources' scopes)")
	return cmd
}

// archiveFiles lists the WARC files of an archive directory, oldest name
// first — files being written (.open) included: their records so far are
// complete.
func archiveFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && (strings.HasSuffix(n, ".warc.gz") || strings.HasSuffix(n, ".warc") || strings.HasSuffix(n, ".warc.gz.open")) {
			out = append(out, filepath.Join(dir, n))
		}
	}
	sort.Strings(out)
	return out, nil
}

// runReplay runs reprocess or import against the configured NATS (for
// the release state) and store.
func runReplay(ctx context.Context, g *globals, c config.Config, f replayFlags, opts reprocess.Options) error {
	var err error
	if opts.Since, err = parseDateFlag("since", f.since); err != nil {
		return err
	}
	for _, file := range opts.Files {
		if _, err := os.Stat(file); err != nil {
			return err
		}
	}
	log := g.logger()
	c.NATS.Listen = new(string) // an embedded server needs no clients but this process
	node, err := connectNATS(ctx, c, log, "modelwire-reprocess", true)
	if err != nil {
		return err
	}
	defer node.Close()
	st, err := openStore(ctx, c, log)
	if err != nil {
		return err
	}
	defer closeStore(st, log)
	store, ok := st.(reprocess.Store)
	if !ok {
		return errors.New("this search store cannot be reprocessed into")
	}
	ex, err := newExtractor(g)
	if err != nil {
		return err
	}
	announcer, err := announce.NewReleaseAnnouncer(ctx, node.js, minReleaseConfidence, log)
	if err != nil {
		return err
	}
	opts.Announce, opts.NoContent, opts.Logger = f.announce, extractor.ErrNoContent, log
	opts.MaxBodyBytes = c.Crawler.MaxBodyBytes
	var stop func()
	opts.Progress, stop = progress(g.stderr, log)
	sum, err := reprocess.Run(ctx, ex, store, announcer, opts)
	stop()
	printReplaySummary(g.stdout, sum, f.json, opts.Import)
	if err != nil {
		return err
	}
	if sum.Corrupt > 0 {
		log.Warn("some records could not be read; see the errors above", "corrupt_records", sum.Corrupt)
	}
	return nil
}

// progress returns the progress callback: a bar of the bytes read, with
// records and pages, on a terminal (mpb, as run --once draws); elsewhere a
// log line every 10 seconds. stop ends it.
func progress(w io.Writer, log *slog.Logger) (func(reprocess.Progress), func()) {
	if console.IsTerminal(w) {
		p := mpb.New(mpb.WithOutput(w), mpb.WithWidth(32), mpb.WithRefreshRate(150*time.Millisecond))
		var bar *mpb.Bar
		var records, pages, file, files atomic.Int64
		counts := decor.Any(func(decor.Statistics) string {
			return fmt.Sprintf("file %d/%d, %d records, %d pages", file.Load(), files.Load(), records.Load(), pages.Load())
		}, decor.WC{W: 40, C: decor.DindentRight})
		return func(pr reprocess.Progress) {
				if bar == nil {
					bar = p.AddBar(pr.TotalBytes, mpb.PrependDecorators(decor.Name("reading "), decor.CountersKibiByte("% .1f / % .1f", decor.WC{W: 24, C: decor.DindentRight})),
						mpb.AppendDecorators(counts, decor.AverageSpeed(decor.SizeB1024(0), "% .1f", decor.WC{W: 12}), decor.Name("  ETA "), decor.AverageETA(decor.ET_STYLE_MMSS)))
				}
				records.Store(pr.Records)
				pages.Store(pr.Pages)
				file.Store(int64(pr.File))
				files.Store(int64(pr.Files))
				bar.SetCurrent(pr.Bytes)
			}, func() {
				if bar != nil {
					bar.SetTotal(-1, true)
				}
				p.Wait()
			}
	}
	last := time.Now()
	return func(p reprocess.Progress) {
		if time.Since(last) < 10*time.Second {
			return
		}
		last = time.Now()
		pct := 0.0
		if p.TotalBytes > 0 {
			pct = 100 * float64(p.Bytes) / float64(p.TotalBytes)
		}
		log.Info("reading WARC files", "file", p.File, "files", p.Files, "percent", fmt.Sprintf("%.1f", pct),
			"records", p.Records, "pages", p.Pages, "corrupt_records", p.Corrupt)
	}, func() {}
}

// printReplaySummary prints what a reprocess or import did.
func printReplaySummary(w io.Writer, s reprocess.Summary, asJSON, imported bool) {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.Encode(s)
		return
	}
	verb := "reprocessed"
	if imported {
		verb = "imported"
	}
	rate := ""
	if secs := s.Duration.Seconds(); secs > 0 {
		rate = fmt.Sprintf(" (%.0f records/s, %.1f MB/s)", float64(s.Records)/secs, float64(s.Bytes)/1e6/secs)
	}
	fmt.Fprintf(w, "%s %d files, %d records, %.1f MB in %s%s\n", verb, s.Files, s.Records, float64(s.Bytes)/1e6, s.Duration.Round(time.Millisecond), rate)
	fmt.Fprintf(w, "  pages read         %d of %d responses\n", s.Pages, s.Responses)
	fmt.Fprintf(w, "  articles added     %d\n", s.Added)
	fmt.Fprintf(w, "  articles changed   %d\n", s.Changed)
	fmt.Fprintf(w, "  articles unchanged %d\n", s.Unchanged)
	if imported {
		fmt.Fprintf(w, "  already indexed    %d\n", s.AlreadyIndexed)
	}
	fmt.Fprintf(w, "  duplicates         %d\n", s.Duplicates)
	fmt.Fprintf(w, "  older than stored  %d\n", s.Stale)
	fmt.Fprintf(w, "  releases added     %d\n", s.ReleasesAdded)
	fmt.Fprintf(w, "  releases withdrawn %d\n", s.ReleasesWithdrawn)
	fmt.Fprintf(w, "  corrupt records    %d\n", s.Corrupt)
	fmt.Fprintf(w, "  failed             %d\n", s.Failed)
	reasons := make([]string, 0, len(s.Skipped))
	for r := range s.Skipped {
		reasons = append(reasons, r)
	}
	slices.Sort(reasons)
	for _, r := range reasons {
		fmt.Fprintf(w, "  skipped: %-10s %d\n", r, s.Skipped[r])
	}
}
