package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/bus"
)

// Extractor turns a fetched page (its decoded body, and what the crawler
// knew of it) into an article; the error is ExtractOptions.NoContent for
// pages that hold no article.
type Extractor interface {
	ExtractPage(body []byte, p event.Page) (event.Article, error)
}

// Announcer publishes release events for an extracted article.
type Announcer interface {
	Announce(ctx context.Context, a event.Article) error
}

// maxPageBytes bounds a decompressed page body.
const maxPageBytes = 32 << 20

// ExtractStage consumes MW_PAGES with the durable "extractor" consumer,
// extracts each page and publishes the article to MW_ARTICLES. Any number
// of stages, in any processes, may share the consumer.
type ExtractStage struct {
	js        jetstream.JetStream
	ex        atomic.Pointer[extractorRef]
	announcer Announcer
	metrics   extractMetrics
	noContent error
	log       *slog.Logger
	workers   int
	grace     time.Duration
	budget    int // most bytes of an article message

	extracted, skipped, failed atomic.Int64
}

// ExtractOptions configures an ExtractStage. Zero values mean defaults.
type ExtractOptions struct {
	// Workers is the number of pages handled at once (default 4 ×
	// GOMAXPROCS: a page waits on NATS round trips — publishing the
	// article, announcing releases — about as long as it is extracted).
	Workers int
	// NoContent is the extractor's error for a page without an article;
	// such pages are acknowledged and counted as skipped.
	NoContent error
	// Announcer, if set, publishes the article's releases.
	Announcer Announcer
	// Grace bounds the pages in flight after Run is told to stop
	// (default bus.DefaultGrace).
	Grace time.Duration
	// Registerer receives the stage's metrics (nil: none).
	Registerer prometheus.Registerer
	Logger     *slog.Logger
}

// extractorRef boxes an Extractor for an atomic pointer.
type extractorRef struct{ Extractor }

// NewExtractStage returns an extract stage.
func NewExtractStage(js jetstream.JetStream, ex Extractor, opts ExtractOptions) *ExtractStage {
	if opts.Workers <= 0 {
		opts.Workers = 4 * runtime.GOMAXPROCS(0)
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	s := &ExtractStage{js: js, announcer: opts.Announcer, metrics: newExtractMetrics(opts.Registerer),
		noContent: opts.NoContent, log: opts.Logger.With("stage", "extractor"), workers: opts.Workers, grace: opts.Grace,
		budget: articleBudget(js.Conn().MaxPayload())}
	s.ex.Store(&extractorRef{ex})
	return s
}

// SetExtractor replaces the extractor — after a catalog reload, say. Pages
// being extracted finish with the old one. Safe for concurrent use.
func (s *ExtractStage) SetExtractor(ex Extractor) { s.ex.Store(&extractorRef{ex}) }

// Run consumes pages until ctx ends, then drains in-flight work.
func (s *ExtractStage) Run(ctx context.Context) error {
	cons, err := bus.EnsureConsumer(ctx, s.js, event.StreamPages, bus.ExtractorConsumer(), s.log)
	if err != nil || cons == nil {
		return err
	}
	return bus.Consume(ctx, cons, s.workers, s.grace, s.handle)
}

// Counts returns pages extracted, skipped (no article) and failed so far.
func (s *ExtractStage) Counts() (extracted, skipped, failed int64) {
	return s.extracted.Load(), s.skipped.Load(), s.failed.Load()
}

func (s *ExtractStage) handle(ctx context.Context, msg jetstream.Msg) {
	page, err := event.DecodePage(msg.Data())
	if err != nil {
		s.deadLetter(ctx, msg, s.log, err)
		return
	}
	log := s.log.With("url", page.URL)
	body, err := s.body(ctx, page)
	if errors.Is(err, event.ErrSchema) || errors.Is(err, jetstream.ErrObjectNotFound) {
		s.deadLetter(ctx, msg, log, err)
		return
	}
	if err != nil {
		s.retry(ctx, msg, log, err)
		return
	}
	start := time.Now()
	a, err := s.extract(body, page)
	s.metrics.duration.Observe(time.Since(start).Seconds())
	if s.noContent != nil && errors.Is(err, s.noContent) {
		s.skipped.Add(1)
		s.metrics.pages.WithLabelValues(resultNoArticle).Inc()
		s.log.Debug("no article on page", "url", page.URL, "err", err)
		bus.Ack(msg, s.log)
		return
	}
	if err != nil {
		s.deadLetter(ctx, msg, log, err)
		return
	}
	data, fitted, err := encodeArticle(a, s.budget)
	if err != nil {
		s.deadLetter(ctx, msg, log, err)
		return
	}
	if fitted.TextTruncated {
		log.Warn("article text cut to fit one message", "text_bytes", len(a.Text), "kept_bytes", len(fitted.Text), "budget", s.budget)
	}
	if _, err := s.js.Publish(ctx, event.SubjectArticles, data,
		jetstream.WithMsgID("article:"+a.ID+":"+page.ContentHash)); err != nil {
		if errors.Is(err, nats.ErrMaxPayload) {
			s.deadLetter(ctx, msg, log, fmt.Errorf("publishing article: %w", err))
			return
		}
		s.retry(ctx, msg, log, fmt.Errorf("publishing article: %w", err))
		return
	}
	if s.announcer != nil {
		if err := s.announcer.Announce(ctx, a); err != nil {
			if errors.Is(err, jetstream.ErrInvalidKey) { // never stored, however often tried
				s.deadLetter(ctx, msg, log, fmt.Errorf("announcing releases: %w", err))
				return
			}
			s.retry(ctx, msg, log, fmt.Errorf("announcing releases: %w", err))
			return
		}
	}
	s.extracted.Add(1)
	s.metrics.pages.WithLabelValues(resultExtracted).Inc()
	bus.Ack(msg, s.log)
}

// deadLetter counts a page that can never be extracted and dead-letters it.
func (s *ExtractStage) deadLetter(ctx context.Context, msg jetstream.Msg, log *slog.Logger, err error) {
	s.failed.Add(1)
	s.metrics.pages.WithLabelValues(resultDeadLettered).Inc()
	bus.DeadLetter(ctx, s.js, "extractor", msg, log, err)
}

// retry Naks a page that failed for a passing reason — unless this was
// its last delivery (bus.ExtractorMaxDeliver), when it is dead-lettered
// rather than silently dropped by JetStream.
func (s *ExtractStage) retry(ctx context.Context, msg jetstream.Msg, log *slog.Logger, err error) {
	if md, merr := msg.Metadata(); merr == nil && md.NumDelivered >= bus.ExtractorMaxDeliver {
		s.deadLetter(ctx, msg, log, fmt.Errorf("giving up after %d deliveries: %w", md.NumDelivered, err))
		return
	}
	s.metrics.pages.WithLabelValues(resultRetried).Inc()
	bus.Retry(msg, log, err)
}

// extract runs the stage's extractor on a page.
func (s *ExtractStage) extract(body []byte, page event.Page) (event.Article, error) {
	return ArticleOf(s.ex.Load(), body, page)
}

// ArticleOf runs ex on a page's decoded body and completes the article
// from the page — URL, document id, source, fetch time, content hash, the
// listing's title and date as fallbacks — as the extract stage does, so
// reprocessing an archived page gives the article a live fetch gave. A
// panic on hostile input becomes an error.
func ArticleOf(ex Extractor, body []byte, page event.Page) (a event.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extractor panic: %v", r)
		}
	}()
	pageURL := page.URL
	if page.FinalURL != "" {
		pageURL = page.FinalURL
	}
	a, err = ex.ExtractPage(body, page)
	if err != nil {
		return a, err
	}
	a.URL = pageURL
	a.CanonicalURL, a.RejectedCanonical = CanonicalOf(a.CanonicalURL, pageURL, page.Canonical)
	a.ID = event.DocID(a.CanonicalURL)
	a.Source = page.Source
	a.FetchedAt = page.FetchedAt
	a.ContentHash = page.ContentHash
	if a.Title == "" {
		a.Title = page.Hint.Title
	}
	if a.PublishedAt.IsZero() {
		a.PublishedAt = page.Hint.PublishedAt
	}
	return a, nil
}

// CanonicalOf returns the identity of a page fetched from pageURL that
// declares the canonical URL declared (rel=canonical or og:url): the
// declared URL when it is on the page's own site or is the one the crawler
// confirmed (confirmed, by fetching it), else pageURL — and then the
// declared one as rejected. So no page can take another site's article's
// document id.
func CanonicalOf(declared, pageURL, confirmed string) (canonical, rejected string) {
	switch {
	case declared == "" || declared == pageURL:
		return pageURL, ""
	case crawler.SameSite(declared, pageURL):
		return declared, ""
	case confirmed != "":
		if n, err := crawler.Normalize(declared); err == nil && n == confirmed {
			return declared, ""
		}
	}
	return pageURL, declared
}

func (s *ExtractStage) body(ctx context.Context, page event.Page) ([]byte, error) {
	compressed := page.Body
	if page.BodyRef != "" {
		obs, err := s.js.ObjectStore(ctx, event.BucketBodies)
		if err != nil {
			return nil, fmt.Errorf("object store: %w", err)
		}
		if compressed, err = obs.GetBytes(ctx, page.BodyRef); err != nil {
			return nil, fmt.Errorf("reading body %s: %w", page.BodyRef, err)
		}
	}
	return event.Decompress(compressed, maxPageBytes)
}
