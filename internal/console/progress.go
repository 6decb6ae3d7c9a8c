package console

import (
	"errors"
	"io"
	"strconv"
	"sync"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// Counts is how far a crawl has come through the pipeline.
type Counts struct {
	// Fetched are pages fetched and handed to the extractor; Queued are
	// pages the crawl knows of and has not fetched yet. Together they
	// are the pages to do, as far as is known.
	Fetched, Queued int64
	// Extracted are pages the extractor finished (with an article or
	// without); Articles the articles it made of them.
	Extracted, Articles int64
	// Indexed are articles the index settled (stored, unchanged or failed).
	Indexed int64
}

// progressEvery is how often the bars read the counts.
const progressEvery = 150 * time.Millisecond

// Progress draws three bars — pages fetched, extracted, articles indexed —
// each with its count, its rate and, for the crawl, the time left, until
// Stop. Write prints lines above the bars (a log handler's output). Safe
// for concurrent use.
type Progress struct {
	out   io.Writer
	read  func() Counts
	p     *mpb.Progress
	bars  [3]*mpb.Bar
	stop  chan struct{}
	done  chan struct{}
	once  sync.Once
	start time.Time
}

// StartProgress draws on w (a terminal) what read returns, until Stop.
func StartProgress(w io.Writer, read func() Counts) *Progress {
	pr := &Progress{out: w, read: read, stop: make(chan struct{}), done: make(chan struct{}), start: time.Now()}
	pr.p = mpb.New(mpb.WithOutput(w), mpb.WithWidth(32), mpb.WithRefreshRate(progressEvery), mpb.WithAutoRefresh())
	name := func(s string) decor.Decorator { return decor.Name(s, decor.WC{W: 10, C: decor.DindentRight}) }
	counter := func(unit string) decor.Decorator {
		return decor.Any(func(s decor.Statistics) string {
			return strconv.FormatInt(s.Current, 10) + " / " + strconv.FormatInt(s.Total, 10) + unit
		}, decor.WC{W: 22, C: decor.DindentRight})
	}
	speed := decor.AverageSpeed(0, "%.1f/s", decor.WC{W: 9})
	pr.bars[0] = pr.p.AddBar(0, mpb.PrependDecorators(name("fetched"), counter(" pages")),
		mpb.AppendDecorators(speed, decor.Name("  ETA "), decor.AverageETA(decor.ET_STYLE_MMSS)))
	pr.bars[1] = pr.p.AddBar(0, mpb.PrependDecorators(name("extracted"), counter(" pages")),
		mpb.AppendDecorators(decor.AverageSpeed(0, "%.1f/s", decor.WC{W: 9})))
	pr.bars[2] = pr.p.AddBar(0, mpb.PrependDecorators(name("indexed"), counter(" articles")),
		mpb.AppendDecorators(decor.AverageSpeed(0, "%.1f/s", decor.WC{W: 9})))
	go pr.loop()
	return pr
}

func (pr *Progress) loop() {
	defer close(pr.done)
	t := time.NewTicker(progressEvery)
	defer t.Stop()
	for {
		pr.update(false)
		select {
		case <-pr.stop:
			pr.update(true)
			return
		case <-t.C:
		}
	}
}

// update sets the bars from the counts; final completes them.
func (pr *Progress) update(final bool) {
	c := pr.read()
	set := func(b *mpb.Bar, cur, total int64) {
		b.SetTotal(max(total, cur), final)
		b.SetCurrent(cur)
	}
	set(pr.bars[0], c.Fetched, c.Fetched+c.Queued)
	set(pr.bars[1], c.Extracted, c.Fetched)
	set(pr.bars[2], c.Indexed, c.Articles)
}

// Write prints b above the bars (after Stop, to the terminal directly).
func (pr *Progress) Write(b []byte) (int, error) {
	n, err := pr.p.Write(b)
	var done mpb.ErrDone[*mpb.Progress]
	if errors.As(err, &done) {
		return pr.out.Write(b)
	}
	return n, err
}

// Stop draws the final counts, completes the bars and returns once they
// are drawn. Stopping twice is harmless.
func (pr *Progress) Stop() {
	pr.once.Do(func() {
		close(pr.stop)
		<-pr.done
		pr.p.Wait()
	})
}
