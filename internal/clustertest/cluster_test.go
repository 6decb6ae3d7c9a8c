//go:build cluster

package clustertest

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/modelwire/modelwire/event"
	"github.com/modelwire/modelwire/internal/announce"
	"github.com/modelwire/modelwire/internal/bus"
	"github.com/modelwire/modelwire/internal/testsite"
	"github.com/modelwire/modelwire/internal/waittest"
)

var (
	sites        = flag.Int("sites", 4, "generated sites, each its own host")
	perSite      = flag.Int("articles", 745, "generated articles per site (plus 6 handcrafted ones)")
	delay        = flag.Duration("delay", 50*time.Millisecond, "politeness delay of every source")
	parallelism  = flag.Int("parallelism", 2, "politeness parallelism of every source")
	releases     = flag.Int("releases", 100, "known releases each of two announcer processes publishes")
	esOutage     = flag.Duration("es-outage", 60*time.Second, "how long Elasticsearch is stopped")
	settleWithin = flag.Duration("settle", 12*time.Minute, "how long the pipeline may take to settle after the faults")
)

// Loopback ports of the Elasticsearch cluster: away from the dev node on
// 9200/9300 that `make test` uses.
var esNodes = []struct {
	name            string
	http, transport int
}{{"mw-ct-a", 9210, 9310}, {"mw-ct-b", 9211, 9311}}

const (
	indexPrefix = "mwct"
	badPages    = 3 // really bad messages planted on MW_PAGES
)

// TestMain makes the test binary a release announcer when MW_CT_ANNOUNCER
// names one, so that two announcer processes can race and be killed.
func TestMain(m *testing.M) {
	if name := os.Getenv("MW_CT_ANNOUNCER"); name != "" {
		os.Exit(announcerMain(name))
	}
	os.Exit(m.Run())
}

// announcerMain publishes MW_CT_RELEASES known releases through
// announce.ReleaseAnnouncer, in an order of its own, each reported by an
// article of this announcer, retrying through NATS outages.
func announcerMain(name string) int {
	n, _ := strconv.Atoi(os.Getenv("MW_CT_RELEASES"))
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	nc, err := bus.Connect(os.Getenv("MW_CT_NATS"), nil, "announcer-"+name)
	if err != nil {
		log.Error("connect", "err", err)
		return 1
	}
	defer nc.Drain()
	js, _ := jetstream.New(nc)
	ctx := context.Background()
	var a *announce.ReleaseAnnouncer
	for a == nil {
		if a, err = announce.NewReleaseAnnouncer(ctx, js, 0.5, log); err != nil {
			log.Warn("announcer", "err", err)
			time.Sleep(time.Second)
		}
	}
	r := rand.New(rand.NewPCG(uint64(len(name)), 7))
	for _, i := range r.Perm(n) {
		art := event.Article{
			URL:   fmt.Sprintf("https://%s.announcer.test/releases/%d", name, i),
			Title: fmt.Sprintf("CT vendor releases CT-Model-%d", i),
			Releases: []event.Release{{
				Vendor: "ctvendor", Model: fmt.Sprintf("CT-Model-%d", i), Confidence: 0.9,
			}},
		}
		art.ID = event.DocID(art.URL)
		for {
			actx, cancel := context.WithTimeout(ctx, 10*time.Second)
			err := a.Announce(actx, art)
			cancel()
			if err == nil {
				break
			}
			log.Warn("announce failed; retrying", "err", err)
			time.Sleep(500 * time.Millisecond)
		}
		time.Sleep(40 * time.Millisecond)
	}
	announced, corroborated := a.Counts()
	log.Info("announcer done", "announced", announced, "corroborated", corroborated)
	return 0
}

// proc is a child process the test started; only these are ever signalled.
type proc struct {
	name     string
	args     []string
	env      []string
	httpAddr string
	logPath  string

	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{}
	err  error
}

// cluster is everything the test runs.
type cluster struct {
	t        *testing.T
	root     string // repository root
	bin      string
	dir      string
	mu       sync.Mutex
	procs    []*proc
	natsURLs []string
	nats     []*proc
	esURLs   []string
	timeline []string
	start    time.Time
}

func (c *cluster) note(format string, args ...any) {
	line := fmt.Sprintf("%6.1fs  ", time.Since(c.start).Seconds()) + fmt.Sprintf(format, args...)
	c.mu.Lock()
	c.timeline = append(c.timeline, line)
	c.mu.Unlock()
	c.t.Log(line)
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// spawn starts p (again).
func (c *cluster) spawn(p *proc) {
	c.t.Helper()
	f, err := os.OpenFile(p.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		c.t.Fatal(err)
	}
	cmd := exec.Command(p.args[0], p.args[1:]...)
	cmd.Env = append(os.Environ(), p.env...)
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		f.Close()
		c.t.Fatalf("starting %s: %v", p.name, err)
	}
	done := make(chan struct{})
	p.mu.Lock()
	p.cmd, p.done, p.err = cmd, done, nil
	p.mu.Unlock()
	go func() {
		err := cmd.Wait()
		f.Close()
		p.mu.Lock()
		p.err = err
		p.mu.Unlock()
		close(done)
	}()
}

// run starts a modelwire process named name.
func (c *cluster) run(name string, env []string, args ...string) *proc {
	c.t.Helper()
	p := &proc{name: name, args: append([]string{c.bin}, args...), env: env, logPath: filepath.Join(c.dir, "logs", name+".log")}
	c.spawn(p)
	c.mu.Lock()
	c.procs = append(c.procs, p)
	c.mu.Unlock()
	return p
}

// signal sends sig to p by its recorded pid and, for SIGKILL, waits for it.
func (c *cluster) signal(p *proc, sig syscall.Signal) {
	p.mu.Lock()
	cmd, done := p.cmd, p.done
	p.mu.Unlock()
	if cmd == nil {
		return
	}
	cmd.Process.Signal(sig)
	if sig == syscall.SIGKILL {
		<-done
	}
}

// stop sends SIGTERM and waits at most d; it reports the exit code and how
// long the process took (-1: it had to be killed).
func (c *cluster) stop(p *proc, d time.Duration) (int, time.Duration) {
	p.mu.Lock()
	cmd, done := p.cmd, p.done
	p.mu.Unlock()
	start := time.Now()
	select {
	case <-done:
		return cmd.ProcessState.ExitCode(), 0
	default:
	}
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-done:
		return cmd.ProcessState.ExitCode(), time.Since(start)
	case <-time.After(d):
		cmd.Process.Kill()
		<-done
		return -1, time.Since(start)
	}
}

// es runs a deploy/elasticsearch script for one node of the test cluster.
func (c *cluster) es(script string, node int, bootstrap bool) error {
	n := esNodes[node]
	seeds := fmt.Sprintf("127.0.0.1:%d,127.0.0.1:%d", esNodes[0].transport, esNodes[1].transport)
	env := []string{
		"ES_CLUSTER_NAME=modelwire-cluster-test",
		"ES_NODE_NAME=" + n.name,
		// Its own home, whatever ES_HOME_DIR the caller exported for the dev node.
		"ES_HOME_DIR=" + c.esHome(n.name),
		fmt.Sprintf("ES_PORT=%d", n.http),
		fmt.Sprintf("ES_TRANSPORT_PORT=%d", n.transport),
		"ES_SEED_HOSTS=" + seeds,
		"ES_WAIT_STATUS=yellow",
		"ES_START_TIMEOUT=240",
		"ES_INITIAL_MASTERS=",
	}
	if bootstrap {
		env = append(env, fmt.Sprintf("ES_INITIAL_MASTERS=%s,%s", esNodes[0].name, esNodes[1].name))
	}
	cmd := exec.Command(filepath.Join(c.root, "deploy", "elasticsearch", script))
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %v\n%s", script, n.name, err, out)
	}
	return nil
}

// esBoth runs script on both nodes at once (a fresh cluster must start
// both together to elect a master).
func (c *cluster) esBoth(script string, bootstrap bool) error {
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i := range esNodes {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = c.es(script, i, bootstrap) }()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// esHome is where es-up.sh keeps a node's files (ES_HOME_DIR's default).
func (c *cluster) esHome(name string) string {
	cache := os.Getenv("ES_CACHE_DIR")
	if cache == "" {
		cache = filepath.Join(c.root, "deploy", "elasticsearch", ".cache")
	}
	return filepath.Join(cache, name)
}

func esDo(method, url string, body any, out any) (int, error) {
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, url, r)
	req.Header.Set("Content-Type", "application/json")
	client := http.Client{Timeout: 30 * time.Second}
	res, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	if out != nil && res.StatusCode < 300 {
		if err := json.Unmarshal(data, out); err != nil {
			return res.StatusCode, err
		}
	}
	return res.StatusCode, nil
}

// startNATS starts the three NATS cluster nodes.
func (c *cluster) startNATS() {
	c.t.Helper()
	var client, route []int
	for range 3 {
		client = append(client, freePort(c.t))
		route = append(route, freePort(c.t))
	}
	var routes []string
	for _, p := range route {
		routes = append(routes, fmt.Sprintf("nats://127.0.0.1:%d", p))
	}
	for i := range 3 {
		name := fmt.Sprintf("nats%d", i+1)
		conf := filepath.Join(c.dir, name+".conf")
		os.WriteFile(conf, []byte(fmt.Sprintf(`server_name: %s
host: 127.0.0.1
port: %d
max_payload: 8MB
jetstream { store_dir: %q }
cluster {
  name: modelwire-cluster-test
  host: 127.0.0.1
  port: %d
  routes: [%s]
}
`, name, client[i], filepath.Join(c.dir, name), route[i], strings.Join(routes, ", "))), 0o644)
		c.nats = append(c.nats, c.run(name, nil, "nats-server", "--nats-config", conf, "--log-format", "json"))
		c.natsURLs = append(c.natsURLs, fmt.Sprintf("nats://127.0.0.1:%d", client[i]))
	}
}

// connect connects the test to the NATS cluster.
func (c *cluster) connect() jetstream.JetStream {
	c.t.Helper()
	var err error
	var nc *nats.Conn
	for start := time.Now(); ; time.Sleep(200 * time.Millisecond) {
		if nc, err = bus.Connect(strings.Join(c.natsURLs, ","), nil, "cluster-test"); err == nil {
			break
		}
		if time.Since(start) > time.Minute {
			c.t.Fatal(err)
		}
	}
	c.t.Cleanup(nc.Close)
	js, _ := jetstream.New(nc)
	return js
}

// siteStats is politeness as one site saw it.
type siteStats struct {
	host         string
	requests     int
	maxPerSecond int
	minGap       time.Duration
	maxPer10s    int
	maxInFlight  int
	duplicates   []string // article pages answered in full more than once
	underDelay   int      // arrivals closer than the delay (client-side starts are not: arrival jitter)
	shortGaps    []string // arrivals closer than half the delay: when (test clock) and how close
	crossUnder   int      // arrivals from two different crawlers closer than the delay: leases failed
	handovers    int      // times the next request came from another crawler
	byCrawler    map[string]int
}

// politeness measures s's request log, and writes it to dir as TSV.
func politeness(s *testsite.Site, start time.Time, delay time.Duration, dir string) siteStats {
	reqs := s.Requests()
	var tsv strings.Builder
	tsv.WriteString("seconds\tpath\tstatus\tconditional\tcrawler\n")
	slices.SortFunc(reqs, func(a, b testsite.Request) int { return a.At.Compare(b.At) })
	for _, r := range reqs {
		fmt.Fprintf(&tsv, "%.4f\t%s\t%d\t%v\t%s\n", r.At.Sub(start).Seconds(), r.Path, r.Status, r.Conditional, crawlerOf(r.UserAgent))
	}
	os.WriteFile(filepath.Join(dir, strings.ReplaceAll(strings.TrimPrefix(s.URL, "http://"), ":", "_")+".tsv"), []byte(tsv.String()), 0o644)
	st := siteStats{host: strings.TrimPrefix(s.URL, "http://"), requests: len(reqs), maxInFlight: s.MaxInFlight(), minGap: time.Hour}
	times := make([]time.Time, len(reqs))
	full := map[string]int{}
	for i, r := range reqs {
		times[i] = r.At
		path, _, _ := strings.Cut(r.Path, "?")
		if r.Status == http.StatusOK && (strings.HasPrefix(path, "/gen/") || strings.HasPrefix(path, "/news/")) {
			full[path]++
		}
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	st.maxPerSecond = waittest.MaxInWindow(times, time.Second)
	st.maxPer10s = waittest.MaxInWindow(times, 10*time.Second)
	st.byCrawler = map[string]int{}
	for i, r := range reqs {
		st.byCrawler[crawlerOf(r.UserAgent)]++
		if i > 0 && crawlerOf(r.UserAgent) != crawlerOf(reqs[i-1].UserAgent) {
			st.handovers++
			if r.At.Sub(reqs[i-1].At) < delay {
				st.crossUnder++
			}
		}
	}
	for i := 1; i < len(times); i++ {
		gap := times[i].Sub(times[i-1])
		st.minGap = min(st.minGap, gap)
		if gap < delay {
			st.underDelay++
		}
		if gap < delay/2 {
			st.shortGaps = append(st.shortGaps, fmt.Sprintf("%.1fs:%v", times[i].Sub(start).Seconds(), gap.Round(time.Millisecond)))
		}
	}
	for path, n := range full {
		if n > 1 {
			st.duplicates = append(st.duplicates, fmt.Sprintf("%s×%d", path, n))
		}
	}
	slices.Sort(st.duplicates)
	return st
}

// crawlerOf returns the replica named in a crawler's User-Agent.
func crawlerOf(ua string) string {
	_, name, ok := strings.Cut(ua, "(")
	if !ok {
		return "?"
	}
	return strings.TrimSuffix(name, ")")
}

func TestCluster(t *testing.T) {
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	bin := os.Getenv("MODELWIRE_BIN")
	if bin == "" {
		bin = filepath.Join(root, "bin", "modelwire")
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("no modelwire binary at %s: run `make cluster-test` (it builds it) or set MODELWIRE_BIN", bin)
	}
	dir := t.TempDir()
	if keep := os.Getenv("MODELWIRE_CLUSTER_DIR"); keep != "" {
		dir = keep
		os.RemoveAll(dir)
	}
	os.MkdirAll(filepath.Join(dir, "logs"), 0o755)
	// A copy: rebuilding bin/modelwire while the test runs must not change
	// the processes it restarts.
	exe, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	bin = filepath.Join(dir, "modelwire")
	if err := os.WriteFile(bin, exe, 0o755); err != nil {
		t.Fatal(err)
	}
	c := &cluster{t: t, root: root, bin: bin, dir: dir, start: time.Now()}
	t.Logf("logs in %s", filepath.Join(dir, "logs"))
	t.Cleanup(func() {
		c.mu.Lock()
		procs := slices.Clone(c.procs)
		c.mu.Unlock()
		for _, p := range procs {
			c.stop(p, 30*time.Second)
		}
		for i := range esNodes {
			c.es("es-down.sh", i, false)
		}
	})

	// Elasticsearch: two fresh nodes in one cluster, on their own ports.
	for _, n := range esNodes {
		if conn, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", n.http)); err == nil {
			conn.Close()
			t.Fatalf("port %d is in use; the test cluster's Elasticsearch needs it", n.http)
		}
		os.RemoveAll(c.esHome(n.name)) // a cluster of its own every run
		c.esURLs = append(c.esURLs, fmt.Sprintf("http://127.0.0.1:%d", n.http))
	}
	esUp := make(chan error, 1)
	go func() { esUp <- c.esBoth("es-up.sh", true) }()

	// NATS: three nodes of the embedded server, each its own process.
	c.startNATS()
	js := c.connect()
	setup := time.Now()
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := bus.Setup(ctx, js, 3)
		cancel()
		if err == nil {
			break
		}
		if time.Since(setup) > 90*time.Second {
			t.Fatalf("the NATS cluster did not accept R3 streams: %v", err)
		}
		time.Sleep(time.Second)
	}
	c.note("NATS cluster up, R3 streams and buckets created (%s)", strings.Join(c.natsURLs, ", "))

	// The sites: several hosts, a few thousand articles.
	var siteList []*testsite.Site
	var sources strings.Builder
	want := map[string]bool{}
	for i := range *sites {
		s := testsite.New(testsite.Options{Extra: *perSite})
		defer s.Close()
		siteList = append(siteList, s)
		for _, a := range s.Articles {
			want[s.ArticleURL(a)] = true
		}
		fmt.Fprintf(&sources, `  - name: site%d
    sitemaps: [%[2]s/sitemap.xml]
    feeds: [%[2]s/feed.xml]
    delay: %[3]s
    parallelism: %[4]d
    schedule: "@every 30s"
`, i+1, s.URL, *delay, *parallelism)
	}
	c.note("%d sites, %d articles", len(siteList), len(want))

	if err := <-esUp; err != nil {
		t.Fatal(err)
	}
	c.note("Elasticsearch cluster up: %s", strings.Join(c.esURLs, ", "))

	cfg := filepath.Join(dir, "modelwire.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`data_dir: %s
nats:
  replicas: 3
elasticsearch:
  index_prefix: %s
crawler:
  user_agent: modelwire-cluster-test/1.0
  allow_private_networks: true
  timeout: 10s
sources:
%s`, filepath.Join(dir, "data"), indexPrefix, sources.String())), 0o644)
	env := []string{"MODELWIRE_NATS_URL=" + strings.Join(c.natsURLs, ","), "MODELWIRE_ES_URL=" + strings.Join(c.esURLs, ",")}
	if out, err := exec.Command(bin, "config", "check", "--config", cfg).CombinedOutput(); err != nil {
		t.Fatalf("config check: %v\n%s", err, out)
	}

	stage := func(name, kind string) *proc {
		addr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
		conf := cfg
		if kind == "crawler" {
			// Each crawler says who it is in its User-Agent (the robots.txt
			// product token stays the same), so the sites' request logs
			// show which replica sent what.
			data, _ := os.ReadFile(cfg)
			conf = filepath.Join(dir, name+".yaml")
			os.WriteFile(conf, bytes.Replace(data, []byte("modelwire-cluster-test/1.0"), []byte("modelwire-cluster-test/1.0 ("+name+")"), 1), 0o644)
		}
		p := c.run(name, env, kind, "--config", conf, "--http-addr", addr, "--log-format", "json", "--shutdown-timeout", "30s")
		p.httpAddr = addr
		return p
	}
	var stages []*proc
	for _, kind := range []string{"indexer", "extractor", "crawler"} {
		for i := 1; i <= 2; i++ {
			stages = append(stages, stage(fmt.Sprintf("%s-%d", kind, i), kind))
		}
	}
	serveAddr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	serve := c.run("serve", env, "serve", "--config", cfg, "--http-addr", serveAddr, "--log-format", "json")
	byName := map[string]*proc{}
	for _, p := range stages {
		byName[p.name] = p
	}
	c.note("started 2 crawlers, 2 extractors, 2 indexers, serve")

	// Known releases from two announcer processes, racing.
	self, _ := os.Executable()
	announcers := map[string]*proc{}
	for _, name := range []string{"a", "b"} {
		p := &proc{name: "announcer-" + name, args: []string{self}, logPath: filepath.Join(dir, "logs", "announcer-"+name+".log"),
			env: []string{"MW_CT_ANNOUNCER=" + name, "MW_CT_NATS=" + strings.Join(c.natsURLs, ","), fmt.Sprintf("MW_CT_RELEASES=%d", *releases)}}
		c.spawn(p)
		c.mu.Lock()
		c.procs = append(c.procs, p)
		c.mu.Unlock()
		announcers[name] = p
	}
	// Really bad input: messages on MW_PAGES that are not pages.
	for i := range badPages {
		if _, err := js.Publish(context.Background(), event.SubjectPages, []byte(fmt.Sprintf("not a page #%d", i))); err != nil {
			t.Fatal(err)
		}
	}

	// The faults, on a timeline from now.
	crawlStart := time.Now()
	at := func(d time.Duration) { time.Sleep(time.Until(crawlStart.Add(d))) }
	var faults sync.WaitGroup
	fault := func(f func()) { faults.Add(1); go func() { defer faults.Done(); f() }() }
	killRestart := func(p *proc, kill, back time.Duration) {
		fault(func() {
			at(kill)
			c.signal(p, syscall.SIGKILL)
			c.note("kill -9 %s", p.name)
			at(back)
			c.spawn(p)
			c.note("restarted %s", p.name)
		})
	}
	killRestart(announcers["a"], 2*time.Second, 4*time.Second)
	killRestart(byName["crawler-1"], 10*time.Second, 15*time.Second)
	killRestart(byName["extractor-1"], 14*time.Second, 19*time.Second)
	killRestart(byName["indexer-1"], 18*time.Second, 23*time.Second)
	fault(func() {
		at(22 * time.Second)
		n := c.nats[2]
		code, took := c.stop(n, 30*time.Second)
		c.note("stopped NATS node %s (SIGTERM; exit %d after %v)", n.name, code, took.Round(time.Millisecond))
		at(52 * time.Second)
		c.spawn(n)
		c.note("restarted NATS node %s", n.name)
	})
	fault(func() {
		at(26 * time.Second)
		c.note("stopping Elasticsearch (both nodes)")
		if err := c.esBoth("es-down.sh", false); err != nil {
			t.Error(err)
		}
		c.note("stopped Elasticsearch (both nodes); starting it again in %v", *esOutage)
		time.Sleep(*esOutage)
		c.note("starting Elasticsearch")
		if err := c.esBoth("es-up.sh", false); err != nil {
			t.Error(err)
			return
		}
		c.note("Elasticsearch back")
	})
	faults.Wait()
	c.note("all faults done; waiting for the pipeline to settle")

	// Settle: every article in Elasticsearch and nothing left in flight.
	count := func() int {
		var res struct {
			Count int `json:"count"`
		}
		esDo("POST", c.esURLs[0]+"/"+indexPrefix+"-articles/_refresh", nil, nil)
		if st, err := esDo("GET", c.esURLs[0]+"/"+indexPrefix+"-articles/_count", nil, &res); err != nil || st != 200 {
			return -1
		}
		return res.Count
	}
	idle := func() bool {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		for _, ref := range []bus.ConsumerRef{
			{Stream: event.StreamPages, Consumer: bus.ConsumerExtractor},
			{Stream: event.StreamArticles, Consumer: bus.ConsumerIndexer},
			{Stream: event.StreamReleases, Consumer: bus.ConsumerReleases},
		} {
			cons, err := js.Consumer(ctx, ref.Stream, ref.Consumer)
			if err != nil {
				return false
			}
			info := cons.CachedInfo()
			if info.NumPending > 0 || info.NumAckPending > 0 {
				return false
			}
		}
		return true
	}
	for _, p := range announcers {
		select {
		case <-p.done:
		case <-time.After(2 * time.Minute):
			t.Errorf("%s did not finish", p.name)
		}
	}
	deadline := time.Now().Add(*settleWithin)
	lastLog := time.Now()
	for !(count() >= len(want) && idle()) {
		if time.Now().After(deadline) {
			t.Errorf("not settled within %v: %d of %d articles in Elasticsearch", *settleWithin, count(), len(want))
			break
		}
		if time.Since(lastLog) > 20*time.Second {
			lastLog = time.Now()
			c.note("settling: %d of %d articles in Elasticsearch", count(), len(want))
		}
		time.Sleep(2 * time.Second)
	}
	c.note("settled: %d articles in Elasticsearch", count())

	// The figures.
	r := measure(t, c, js, want, siteList)
	for _, p := range append(stages, serve) {
		if st, body := httpGetBody(fmt.Sprintf("http://%s/readyz", p.httpAddrOr(serveAddr))); st != http.StatusOK {
			t.Errorf("%s /readyz after the faults: %d %s", p.name, st, body)
		}
	}
	for _, p := range stages {
		code, took := c.stop(p, 45*time.Second)
		r.shutdown = append(r.shutdown, fmt.Sprintf("%s exit %d in %v", p.name, code, took.Round(time.Millisecond)))
		if code != 0 {
			t.Errorf("%s: exit %d after SIGTERM (took %v)", p.name, code, took)
		}
	}
	r.elapsed = time.Since(c.start)
	r.timeline = c.timeline
	text := r.String()
	t.Log("\n" + text)
	if path := os.Getenv("MODELWIRE_CLUSTER_REPORT"); path != "" {
		os.WriteFile(path, []byte(text), 0o644)
	}

	// The verdicts.
	if r.indexed != len(want) || r.lost > 0 || r.duplicates > 0 {
		t.Errorf("indexed %d documents for %d articles: %d lost, %d duplicated", r.indexed, len(want), r.lost, r.duplicates)
	}
	if r.releaseEvents != r.releaseKeys || r.releasesTwice > 0 || r.releaseKeys < *releases {
		t.Errorf("%d release events for %d releases (%d announced twice); want one per release, ≥ %d", r.releaseEvents, r.releaseKeys, r.releasesTwice, *releases)
	}
	if r.corroborationsTwice > 0 {
		t.Errorf("%d corroborations published twice", r.corroborationsTwice)
	}
	if r.dlq != badPages || r.dlqOther > 0 {
		t.Errorf("DLQ holds %d entries (%d not the planted bad pages): %v", r.dlq, r.dlqOther, r.dlqReasons)
	}
	// The delay is kept between request starts at the crawler. Arrivals at
	// the server jitter: when a crawler process stalls (GC, a CPU shared by
	// a dozen processes) between letting a request start and sending it,
	// the next one may go out with it, so one second may hold two requests
	// more than the delay allows — the rate over ten seconds cannot. Two
	// crawlers' requests closer than the delay would mean the leases failed.
	limit, limit10 := int(time.Second / *delay), int(10*time.Second / *delay)
	for _, s := range r.sites {
		if s.crossUnder > 0 {
			t.Errorf("at %s, %d requests from one crawler came closer than the delay after another's: the host leases failed", s.host, s.crossUnder)
		}
		if s.maxPerSecond > limit+2 || s.maxPer10s > limit10+1 || s.maxInFlight > *parallelism {
			t.Errorf("politeness broken at %s: %d requests in one second (limit %d), %d in 10 s (limit %d), %d in flight (limit %d)",
				s.host, s.maxPerSecond, limit, s.maxPer10s, limit10, s.maxInFlight, *parallelism)
		}
	}
}

func (p *proc) httpAddrOr(addr string) string {
	if p.httpAddr != "" {
		return p.httpAddr
	}
	return addr
}

func httpGetBody(url string) (int, string) {
	client := http.Client{Timeout: 10 * time.Second}
	res, err := client.Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// report holds the figures of a run.
type report struct {
	articles, indexed, lost, duplicates       int
	releaseKeys, releaseEvents, releasesTwice int
	corroborations, corroborationsTwice       int
	releaseRecords                            int
	dlq, dlqOther                             int
	dlqReasons                                map[string]int
	sites                                     []siteStats
	shutdown                                  []string
	timeline                                  []string
	elapsed                                   time.Duration
	pagesStored, articlesStored               uint64
}

func (r *report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "cluster test: 3 NATS nodes (R3), 2 Elasticsearch nodes, 2 crawlers, 2 extractors, 2 indexers, serve; %v in all\n", r.elapsed.Round(time.Second))
	fmt.Fprintf(&b, "articles %d | indexed %d | duplicates %d | lost %d\n", r.articles, r.indexed, r.duplicates, r.lost)
	fmt.Fprintf(&b, "releases: %d release events for %d distinct releases (%d published twice); %d corroborations (%d twice); %d release records in Elasticsearch\n",
		r.releaseEvents, r.releaseKeys, r.releasesTwice, r.corroborations, r.corroborationsTwice, r.releaseRecords)
	fmt.Fprintf(&b, "DLQ: %d entries, %d of them not planted bad input; by reason: %v\n", r.dlq, r.dlqOther, r.dlqReasons)
	fmt.Fprintf(&b, "MW_PAGES %d messages, MW_ARTICLES %d messages\n", r.pagesStored, r.articlesStored)
	for _, s := range r.sites {
		fmt.Fprintf(&b, "host %s: %d requests %v; max %d in any 1 s, %d in any 10 s; max %d in flight; %d handovers between crawlers, %d of them closer than the delay; "+
			"min gap between arrivals %v, %d arrivals under the delay, %d under half of it %v; articles downloaded twice: %v\n",
			s.host, s.requests, s.byCrawler, s.maxPerSecond, s.maxPer10s, s.maxInFlight, s.handovers, s.crossUnder,
			s.minGap.Round(time.Millisecond), s.underDelay, len(s.shortGaps), s.shortGaps, s.duplicates)
	}
	b.WriteString("SIGTERM at the end: " + strings.Join(r.shutdown, "; ") + "\n")
	b.WriteString("timeline:\n  " + strings.Join(r.timeline, "\n  ") + "\n")
	return b.String()
}

// measure reads the figures from Elasticsearch, the streams and the sites.
func measure(t *testing.T, c *cluster, js jetstream.JetStream, want map[string]bool, siteList []*testsite.Site) *report {
	r := &report{articles: len(want), dlqReasons: map[string]int{}}
	es := c.esURLs[0]
	var hits struct {
		Hits struct {
			Hits []struct {
				ID     string `json:"_id"`
				Source struct {
					URL string `json:"url"`
				} `json:"_source"`
			} `json:"hits"`
		} `json:"hits"`
	}
	if _, err := esDo("POST", es+"/"+indexPrefix+"-articles/_search", map[string]any{"size": 10000, "_source": []string{"url"}}, &hits); err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, h := range hits.Hits.Hits {
		seen[h.Source.URL]++
		r.indexed++
	}
	for u, n := range seen {
		if n > 1 || !want[u] {
			r.duplicates += n - 1
			if !want[u] {
				r.duplicates++ // a document for something that is not an article
			}
		}
	}
	for u := range want {
		if seen[u] == 0 {
			r.lost++
		}
	}
	var relCount struct {
		Count int `json:"count"`
	}
	esDo("POST", es+"/"+indexPrefix+"-releases/_refresh", nil, nil)
	esDo("GET", es+"/"+indexPrefix+"-releases/_count", nil, &relCount)
	r.releaseRecords = relCount.Count

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	releasesPer, corrob := map[string]int{}, map[string]int{}
	readAll(ctx, t, js, event.StreamReleases, func(data []byte) {
		ev, err := event.DecodeReleaseEvent(data)
		if err != nil {
			t.Errorf("undecodable release event: %v", err)
			return
		}
		if ev.Kind == event.KindRelease {
			releasesPer[ev.Key]++
			r.releaseEvents++
		} else {
			corrob[ev.Key+" "+ev.ArticleURL]++
			r.corroborations++
		}
	})
	r.releaseKeys = len(releasesPer)
	for _, n := range releasesPer {
		if n > 1 {
			r.releasesTwice++
		}
	}
	for _, n := range corrob {
		if n > 1 {
			r.corroborationsTwice++
		}
	}
	readAll(ctx, t, js, event.StreamDLQ, func(data []byte) {
		var dl event.DeadLetter
		if err := json.Unmarshal(data, &dl); err != nil {
			t.Errorf("undecodable dead letter: %v", err)
			return
		}
		r.dlq++
		r.dlqReasons[dl.Stage+": "+dl.Reason]++
		if dl.Stage != "extractor" || !strings.HasPrefix(string(dl.Data), "not a page #") {
			r.dlqOther++
		}
	})
	for _, name := range []string{event.StreamPages, event.StreamArticles} {
		st, err := js.Stream(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		if name == event.StreamPages {
			r.pagesStored = st.CachedInfo().State.Msgs
		} else {
			r.articlesStored = st.CachedInfo().State.Msgs
		}
	}
	for _, s := range siteList {
		r.sites = append(r.sites, politeness(s, c.start, *delay, c.dir))
	}
	return r
}

// readAll hands every message of stream to f.
func readAll(ctx context.Context, t *testing.T, js jetstream.JetStream, stream string, f func([]byte)) {
	t.Helper()
	st, err := js.Stream(ctx, stream)
	if err != nil {
		t.Fatal(err)
	}
	n := st.CachedInfo().State.Msgs
	if n == 0 {
		return
	}
	cons, err := js.OrderedConsumer(ctx, stream, jetstream.OrderedConsumerConfig{DeliverPolicy: jetstream.DeliverAllPolicy})
	if err != nil {
		t.Fatal(err)
	}
	// A fetch may come back empty while the cluster settles after the
	// faults (a leader moved, the ordered consumer is being recreated):
	// try again until ctx ends.
	for got := uint64(0); got < n; {
		batch, err := cons.Fetch(int(min(n-got, 500)), jetstream.FetchMaxWait(5*time.Second))
		k := 0
		if err == nil {
			for m := range batch.Messages() {
				f(m.Data())
				k++
			}
			err = batch.Error()
		}
		got += uint64(k)
		if k == 0 && ctx.Err() != nil {
			t.Fatalf("%s: read %d of %d messages (last error: %v)", stream, got, n, err)
		}
	}
}
