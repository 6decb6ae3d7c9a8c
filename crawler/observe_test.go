package crawler

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/modelwire/modelwire/internal/testsite"
	"github.com/modelwire/modelwire/internal/wait"
	"github.com/modelwire/modelwire/internal/waittest"
)

// leaseTable is an in-memory stand-in for the lease bucket several
// processes share: a host passes to another owner only when none of the
// holder's requests is in flight and gap has passed since the last ended.
type leaseTable struct {
	mu       sync.Mutex
	owner    map[string]string
	inFlight map[string]int
	freeAt   map[string]time.Time
	handover int
}

func newLeaseTable() *leaseTable {
	return &leaseTable{owner: map[string]string{}, inFlight: map[string]int{}, freeAt: map[string]time.Time{}}
}

// leasesOf is one process's view of a leaseTable.
type leasesOf struct {
	t  *leaseTable
	id string
}

func (l leasesOf) Acquire(ctx context.Context, host string, gap time.Duration) (func(), error) {
	t := l.t
	for {
		t.mu.Lock()
		o := t.owner[host]
		if o == l.id || o == "" || (t.inFlight[host] == 0 && !time.Now().Before(t.freeAt[host])) {
			if o != l.id {
				t.handover++
			}
			t.owner[host] = l.id
			t.inFlight[host]++
			t.mu.Unlock()
			return func() {
				t.mu.Lock()
				t.inFlight[host]--
				t.freeAt[host] = time.Now().Add(gap)
				t.mu.Unlock()
			}, nil
		}
		t.mu.Unlock()
		if err := wait.Sleep(ctx, 2*time.Millisecond); err != nil {
			return nil, err
		}
	}
}

// TestHostLeasesAcrossCrawlers runs two crawlers — two replicas — on the
// same source at once. Each alone keeps the delay; only the leases make
// them keep it together, so by the server's clock no two requests may
// arrive closer than the delay (within arrival jitter) and never two at once.
func TestHostLeasesAcrossCrawlers(t *testing.T) {
	site := testsite.New(testsite.Options{Extra: 12, Delay: 2 * time.Millisecond})
	defer site.Close()
	const delay = 60 * time.Millisecond
	src := Source{Name: "shared", Feeds: []string{site.URL + "/feed.xml"}, Delay: delay, Parallelism: 1}
	table := newLeaseTable()
	seen := newMemorySeen() // the replicas share what was fetched, as with mw_seen
	a, pubA, _ := newTestCrawler(t, Config{}, WithHostLeases(leasesOf{table, "a"}), WithSeen(seen))
	b, pubB, _ := newTestCrawler(t, Config{}, WithHostLeases(leasesOf{table, "b"}), WithSeen(seen))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for _, c := range []*Crawler{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Crawl(ctx, src); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	reqs := site.Requests()
	published := len(pubA.all()) + len(pubB.all())
	if published < len(site.Articles) {
		t.Fatalf("published %d pages, want at least the %d articles", published, len(site.Articles))
	}
	if m := site.MaxInFlight(); m != 1 {
		t.Errorf("%d requests in flight at once across both crawlers, want 1", m)
	}
	times := make([]time.Time, len(reqs))
	for i, r := range reqs {
		times[i] = r.At
	}
	if n := waittest.MaxInWindow(times, delay/2); n > 1 {
		t.Errorf("%d requests arrived within %v; the delay is %v", n, delay/2, delay)
	}
	if table.handover == 0 {
		t.Errorf("no lease was ever taken")
	}
}

// TestRunUpdates reloads sources while they run: an unchanged source keeps
// its schedule, a changed one restarts with its new settings, an added one
// is crawled at once, a removed one stops, and a list with a bad source is
// refused while the current sources go on.
func TestRunUpdates(t *testing.T) {
	var mu sync.Mutex
	reads := map[string]int{}
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/feed-") {
			fmt.Fprint(w, htmlPage("a", "article"))
			return
		}
		mu.Lock()
		reads[r.URL.Path]++
		mu.Unlock()
		feedOf(w, r)
	}))
	count := func(path string) int {
		mu.Lock()
		defer mu.Unlock()
		return reads[path]
	}
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		waittest.Eventually(t, 10*time.Second, what, ok, func() string {
			mu.Lock()
			defer mu.Unlock()
			return fmt.Sprintf("feed reads %v", reads)
		})
	}
	source := func(name, feed string) Source {
		return Source{Name: name, Feeds: []string{srv.URL + feed}, Schedule: "@every 1h", Delay: time.Millisecond}
	}
	c, _, logs := newTestCrawler(t, Config{})
	ctx, cancel := context.WithCancel(context.Background())
	updates := make(chan []Source)
	done := make(chan error, 1)
	go func() {
		done <- c.RunUpdates(ctx, []Source{source("keep", "/feed-keep"), source("change", "/feed-old"), source("drop", "/feed-drop")}, updates)
	}()
	waitFor("the first passes", func() bool {
		return count("/feed-keep") == 1 && count("/feed-old") == 1 && count("/feed-drop") == 1
	})

	updates <- []Source{source("keep", "/feed-keep"), source("change", "/feed-new"), source("add", "/feed-add")}
	waitFor("the changed and added sources", func() bool { return count("/feed-new") == 1 && count("/feed-add") == 1 })
	updates <- []Source{{Name: "bad", Schedule: "now and then"}}
	waitFor("the refusal", func() bool { return hasLine(logs.String(), "new sources refused") })
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("RunUpdates: %v", err)
	}
	for path, want := range map[string]int{"/feed-keep": 1, "/feed-old": 1, "/feed-drop": 1, "/feed-new": 1, "/feed-add": 1} {
		if got := count(path); got != want {
			t.Errorf("%s read %d times, want %d (an unchanged source must keep its schedule)", path, got, want)
		}
	}
	if !hasLine(logs.String(), `msg="sources reloaded" sources=3 added=1 changed=1 removed=1`) {
		t.Errorf("no reload summary in the log:\n%s", logs)
	}
}

// TestObserver sees every pass start and end, with its live Stats.
func TestObserver(t *testing.T) {
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed" {
			feedOf(w, r, "/a", "/b")
			return
		}
		fmt.Fprint(w, htmlPage("a", "article"))
	}))
	o := &recordingObserver{}
	c, _, _ := newTestCrawler(t, Config{}, WithObserver(o))
	src := Source{Name: "obs", Feeds: []string{srv.URL + "/feed"}, Delay: time.Millisecond}
	crawl(t, c, src)
	crawl(t, c, src)
	if !slices.Equal(o.events, []string{"start obs", "end obs 2", "start obs", "end obs 0"}) {
		t.Errorf("observed %q", o.events)
	}
}

type recordingObserver struct {
	mu     sync.Mutex
	events []string
}

func (o *recordingObserver) PassStarted(st *Stats) {
	o.mu.Lock()
	o.events = append(o.events, "start "+st.Snapshot().Source)
	o.mu.Unlock()
}

func (o *recordingObserver) PassEnded(st *Stats) {
	o.mu.Lock()
	o.events = append(o.events, fmt.Sprintf("end %s %d", st.Snapshot().Source, st.Snapshot().Fetched))
	o.mu.Unlock()
}

// TestQueuedPages counts the pages waiting in a running pass's frontier,
// and none once it ended.
func TestQueuedPages(t *testing.T) {
	hold := make(chan struct{})
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed":
			feedOf(w, r, "/a", "/b", "/c", "/d", "/e")
			return
		case "/robots.txt":
			http.NotFound(w, r)
			return
		}
		<-hold
		fmt.Fprint(w, htmlPage("a", "article"))
	}))
	o := &statsObserver{started: make(chan *Stats, 1)}
	c, _, _ := newTestCrawler(t, Config{}, WithObserver(o))
	src := Source{Name: "q", Feeds: []string{srv.URL + "/feed"}, Delay: time.Millisecond, Parallelism: 1}
	done := make(chan struct{})
	go func() { crawl(t, c, src); close(done) }()
	st := <-o.started
	// Two workers (twice the parallelism) each hold a page: one being
	// fetched, one waiting its turn at the host; three wait in the queue.
	waittest.Poll(5*time.Second, func() bool { return st.Snapshot().Queued == 3 })
	if q := st.Snapshot().Queued; q != 3 {
		t.Errorf("queued %d while the first page is fetched, want 3", q)
	}
	close(hold)
	<-done
	if s := st.Snapshot(); s.Queued != 0 || s.Fetched != 5 {
		t.Errorf("after the pass: queued %d, fetched %d", s.Queued, s.Fetched)
	}
}

type statsObserver struct{ started chan *Stats }

func (o *statsObserver) PassStarted(st *Stats) { o.started <- st }
func (o *statsObserver) PassEnded(*Stats)      {}
