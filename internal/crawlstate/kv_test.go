package crawlstate_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/crawler"
	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/bus/bustest"
	"github.com/modelwire/modelwire/internal/config"
	"github.com/modelwire/modelwire/internal/crawlstate"
	"github.com/modelwire/modelwire/internal/pipeline"
	"github.com/modelwire/modelwire/internal/testsite"
)

// startNATS starts a real embedded NATS server with modelwire's streams.
func startNATS(t *testing.T) jetstream.JetStream { return bustest.Start(t) }

// recorder keeps the published pages.
type recorder struct {
	mu    sync.Mutex
	pages []event.Page
}

func (r *recorder) Publish(_ context.Context, p event.Page) error {
	r.mu.Lock()
	r.pages = append(r.pages, p)
	r.mu.Unlock()
	return nil
}

func (r *recorder) urls() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, p := range r.pages {
		out = append(out, p.URL)
	}
	return out
}

// crawlerConfig is the crawler's configuration of a production run (the
// defaults of internal/config), allowed onto the loopback test sites.
func crawlerConfig() crawler.Config {
	cfg := config.Default().CrawlerConfig()
	cfg.UserAgent, cfg.AllowPrivateNetworks = "modelwire-test/1.0", true
	return cfg
}

// pass runs one crawl with a fresh Crawler — as a restarted process or
// another replica would — sharing only the mw_seen bucket, recrawling
// articles after recrawl (0: the default).
func pass(t *testing.T, seen crawler.Seen, recrawl time.Duration, src crawler.Source) (crawler.Snapshot, *recorder) {
	t.Helper()
	cfg := crawlerConfig()
	if recrawl > 0 {
		cfg.RecrawlAfter = recrawl
	}
	rec := &recorder{}
	c := crawler.New(cfg, rec, crawler.WithSeen(seen))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st, err := c.Crawl(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	return st.Snapshot(), rec
}

// articleHits returns the article requests of log[from:] that got a full
// answer (200) and how many were asked for at all.
func articleHits(site *testsite.Site, log []testsite.Request) (full []string, asked int) {
	paths := map[string]bool{}
	for _, a := range site.Articles {
		paths[a.Path] = true
	}
	for _, r := range log {
		p, _, _ := strings.Cut(r.Path, "?")
		if !paths[p] {
			continue
		}
		asked++
		if r.Status == http.StatusOK {
			full = append(full, p)
		}
	}
	return full, asked
}

func siteSource(site *testsite.Site) crawler.Source {
	return crawler.Source{
		Name:        "aiwire",
		Sitemaps:    []string{site.URL + "/sitemap.xml"},
		Feeds:       []string{site.URL + "/feed.xml", site.URL + "/zh/atom.xml"},
		StartURLs:   []string{site.URL + "/"},
		Delay:       time.Millisecond,
		Parallelism: 4,
	}
}

// TestConditionalGET keeps validators and hashes in mw_seen across
// crawler instances: a second pass downloads nothing unchanged, a changed
// article is re-fetched alone, and with a zero recrawl interval every
// article is asked for conditionally and answers 304.
func TestConditionalGET(t *testing.T) {
	js := startNATS(t)
	seen, err := crawlstate.NewSeenStore(context.Background(), js)
	if err != nil {
		t.Fatal(err)
	}
	site := testsite.New(testsite.Options{Extra: 8, ExtraZH: 4})
	defer site.Close()
	src := siteSource(site)
	n := len(site.Articles)

	snap, rec := pass(t, seen, 0, src)
	if len(rec.urls()) != n+1 || snap.FailedTotal() != 0 {
		t.Fatalf("first pass published %d pages (want %d articles + home), stats %+v", len(rec.urls()), n, snap)
	}

	t.Run("nothing changed", func(t *testing.T) {
		from := len(site.Requests())
		snap, rec := pass(t, seen, 0, src)
		full, asked := articleHits(site, site.Requests()[from:])
		if asked != 0 || len(rec.urls()) != 0 {
			t.Errorf("second pass asked for %d articles (%v full), published %v", asked, full, rec.urls())
		}
		// Home page, both feeds and both child sitemaps answer 304; the
		// sitemap index is read in full (its children can change alone).
		if snap.NotModified != 5 {
			t.Errorf("not modified = %d, want 5; stats %+v", snap.NotModified, snap)
		}
		for _, r := range site.Requests()[from:] {
			if r.Path != "/robots.txt" && r.Path != "/sitemap.xml" && !r.Conditional {
				t.Errorf("%s requested without validators", r.Path)
			}
		}
	})

	t.Run("one article changed", func(t *testing.T) {
		site.Touch(2, "Update: the company has published the model card.")
		from := len(site.Requests())
		snap, rec := pass(t, seen, 0, src)
		full, asked := articleHits(site, site.Requests()[from:])
		want := site.ArticleURL(site.Articles[2])
		if asked != 1 || len(full) != 1 || len(rec.urls()) != 1 || rec.urls()[0] != want {
			t.Errorf("asked %d, downloaded %v, published %v; want only %s", asked, full, rec.urls(), want)
		}
		if snap.Skipped[crawler.SkipNotDue] == 0 {
			t.Errorf("no article skipped as not due: %+v", snap)
		}
	})

	t.Run("recrawl due: every article asked conditionally", func(t *testing.T) {
		site.Touch(3, "Correction: the parameter count was misreported.")
		from := len(site.Requests())
		snap, rec := pass(t, seen, time.Nanosecond, src)
		full, asked := articleHits(site, site.Requests()[from:])
		if asked != n || len(full) != 1 || full[0] != site.Articles[3].Path {
			t.Errorf("asked %d of %d articles, downloaded %v; want all asked, only %s downloaded", asked, n, full, site.Articles[3].Path)
		}
		if len(rec.urls()) != 1 || snap.NotModified < int64(n-1) {
			t.Errorf("published %v, not modified %d", rec.urls(), snap.NotModified)
		}
	})
}

// TestUnchangedHash covers a server without validators: the content hash
// in mw_seen tells that a re-downloaded page did not change.
func TestUnchangedHash(t *testing.T) {
	js := startNATS(t)
	seen, err := crawlstate.NewSeenStore(context.Background(), js)
	if err != nil {
		t.Fatal(err)
	}
	site := testsite.New(testsite.Options{Extra: 6, NoValidators: true})
	defer site.Close()
	src := siteSource(site)
	pass(t, seen, 0, src)
	site.Touch(1, "A new paragraph.")
	from := len(site.Requests())
	snap, rec := pass(t, seen, time.Nanosecond, src)
	full, _ := articleHits(site, site.Requests()[from:])
	n := len(site.Articles)
	if len(full) != n {
		t.Errorf("downloaded %d articles, want all %d (no validators)", len(full), n)
	}
	if len(rec.urls()) != 1 || rec.urls()[0] != site.ArticleURL(site.Articles[1]) || snap.Unchanged < int64(n-1) {
		t.Errorf("published %v, unchanged %d; want only the touched article", rec.urls(), snap.Unchanged)
	}
}

// TestBigPage publishes a page larger than the NATS max payload: the body
// goes to the mw_bodies object store, the message carries the reference.
func TestBigPage(t *testing.T) {
	js := startNATS(t)
	words := []string{"DeepSeek", "Qwen", "model", "benchmark", "parameters", "released", "open", "weights", "the", "and"}
	var b strings.Builder
	b.WriteString("<!doctype html><html><head><title>Big</title></head><body><article>")
	r := rand.New(rand.NewPCG(1, 2))
	for b.Len() < 400_000 {
		b.WriteString("<p>")
		for range 40 {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteString(fmt.Sprintf("%d ", r.IntN(1000)))
		}
		b.WriteString("</p>")
	}
	b.WriteString("</article></body></html>")
	big := b.String()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, big)
	}))
	defer srv.Close()

	pub := pipeline.NewPagePublisher(js, 64<<10)
	c := crawler.New(crawlerConfig(), pub)
	st, err := c.Crawl(context.Background(), crawler.Source{Name: "big", StartURLs: []string{srv.URL + "/big"}, Delay: time.Millisecond})
	if err != nil || st.Snapshot().Fetched != 1 {
		t.Fatalf("crawl: %v, stats %+v", err, st.Snapshot())
	}
	stream, err := js.Stream(context.Background(), event.StreamPages)
	if err != nil {
		t.Fatal(err)
	}
	msg, err := stream.GetLastMsgForSubject(context.Background(), event.SubjectPages)
	if err != nil {
		t.Fatal(err)
	}
	if len(msg.Data) > 64<<10 {
		t.Errorf("message of %d bytes, over the max payload", len(msg.Data))
	}
	page, err := event.DecodePage(msg.Data)
	if err != nil {
		t.Fatal(err)
	}
	if page.BodyRef == "" || len(page.Body) != 0 {
		t.Fatalf("page body inline (%d bytes), ref %q", len(page.Body), page.BodyRef)
	}
	obs, err := js.ObjectStore(context.Background(), event.BucketBodies)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := obs.GetBytes(context.Background(), page.BodyRef)
	if err != nil {
		t.Fatal(err)
	}
	got, err := event.Decompress(stored, 0)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != big || page.ContentHash != event.Hash([]byte(big)) {
		t.Errorf("stored body differs (%d bytes, want %d)", len(got), len(big))
	}
	if len(stored) >= len(big) {
		t.Errorf("stored body not compressed: %d bytes for %d", len(stored), len(big))
	}
}
