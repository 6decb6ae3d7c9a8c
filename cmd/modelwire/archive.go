package main

import (
	"fmt"
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/internal/archive"
	"github.com/modelwire/modelwire/internal/config"
)

// openArchive opens the WARC archive the crawler of this process writes
// (none with archive.warc: false) and returns the crawler option and the
// archive's close, to run after the crawler stopped.
func openArchive(c config.Config, reg prometheus.Registerer, log *slog.Logger) ([]crawler.Option, func(), error) {
	if !*c.Archive.WARC {
		log.Info("archive off (archive.warc: false): pages are kept in MW_PAGES only")
		return nil, func() {}, nil
	}
	cfg := c.ArchiveConfig()
	cfg.Software = "modelwire " + version
	w, err := archive.Open(cfg, archive.WithLogger(log.With("component", "archive")))
	if err != nil {
		return nil, nil, fmt.Errorf("opening the archive (archive.dir %s): %w", cfg.Dir, err)
	}
	if reg != nil {
		w.RegisterMetrics(reg)
	}
	log.Info("archiving every answer as WARC", "dir", cfg.Dir, "max_file_size", cfg.MaxFileSize, "max_file_age", cfg.MaxFileAge, "keep", cfg.Keep.String())
	closeArchive := func() {
		w.Close()
		records, bytes, failures, _ := w.Stats()
		log.Info("archive closed", "dir", cfg.Dir, "records", records, "bytes", bytes, "failures", failures)
	}
	return []crawler.Option{crawler.WithArchive(w)}, closeArchive, nil
}
