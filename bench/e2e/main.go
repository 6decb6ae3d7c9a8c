// Command e2e measures `modelwire run`, the built binary, end to end on a
// generated loopback news site (internal/testsite, no politeness delay):
// pages per second from start-up until every article is searchable, the
// fetch→indexed and fetch→release-event latencies (p50, p99, from the
// process's own histograms), CPU time per page and peak RSS. It prints one
// JSON object per run on stdout.
//
// Two modes:
//
//   - serve (default): `modelwire run` with HTTP on; the run ends when
//     /metrics counts every article indexed, then the process gets
//     SIGTERM. -extractors 2 adds a `modelwire extractor` process on the
//     run's NATS, a second extractor replica.
//   - once: `modelwire run --once`, as a new user would try it; the run
//     ends when the process exits, and `modelwire search` must then find
//     every article.
//
// Usage:
//
//	go -C bench run ./e2e -bin ../bin/modelwire -articles 10000 [-store embedded|elastic] [-extractors 2] [-mode once]
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/modelwire/modelwire/internal/testsite"
)

// result is one run's figures.
type result struct {
	Name       string  `json:"name"`
	Mode       string  `json:"mode"`
	Store      string  `json:"store"`
	Articles   int     `json:"articles"`
	Extractors int     `json:"extractors"`
	Indexed    int     `json:"indexed"`
	WallS      float64 `json:"wall_s"`
	PagesPerS  float64 `json:"pages_per_s"`
	// CPUS is the user+system CPU time of the modelwire processes.
	CPUS          float64 `json:"cpu_s"`
	CPUMsPerPage  float64 `json:"cpu_ms_per_page"`
	PeakRSSMB     float64 `json:"peak_rss_mb"`
	IndexP50Ms    float64 `json:"index_p50_ms,omitempty"`
	IndexP99Ms    float64 `json:"index_p99_ms,omitempty"`
	ReleaseP50Ms  float64 `json:"release_p50_ms,omitempty"`
	ReleaseP99Ms  float64 `json:"release_p99_ms,omitempty"`
	ReleaseEvents int     `json:"release_events,omitempty"`
}

func main() {
	var (
		bin        = flag.String("bin", "bin/modelwire", "the modelwire binary")
		articles   = flag.Int("articles", 10000, "articles on the generated site (at least 6)")
		store      = flag.String("store", "embedded", "embedded or elastic")
		esURL      = flag.String("es", "http://127.0.0.1:9200", "Elasticsearch URL for -store elastic")
		extractors = flag.Int("extractors", 1, "extractor replicas (serve mode): 1 is the run's own, 2 adds a modelwire extractor process")
		mode       = flag.String("mode", "serve", "serve (until /metrics counts all indexed) or once (run --once until it exits)")
		name       = flag.String("name", "", "name of the run in the output (default from the flags)")
		timeout    = flag.Duration("timeout", 10*time.Minute, "give up after")
		profile    = flag.String("cpuprofile", "", "have modelwire run write a CPU profile to this file")
	)
	flag.Parse()
	if *name == "" {
		*name = fmt.Sprintf("%s-%s-%d-x%d", *mode, *store, *articles, *extractors)
	}
	site := testsite.New(testsite.Options{Extra: max(*articles-6, 0)})
	defer site.Close()
	b := bench{bin: *bin, site: site, store: *store, esURL: strings.TrimRight(*esURL, "/"), extractors: *extractors, profile: *profile}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	var (
		r   result
		err error
	)
	if *mode == "once" {
		r, err = b.once(ctx)
	} else {
		r, err = b.serve(ctx)
	}
	r.Name, r.Mode, r.Store, r.Articles, r.Extractors = *name, *mode, *store, len(site.Articles), *extractors
	if r.WallS > 0 {
		r.PagesPerS = round(float64(r.Indexed)/r.WallS, 1)
	}
	if r.Indexed > 0 {
		r.CPUMsPerPage = round(r.CPUS*1000/float64(r.Indexed), 2)
	}
	out, _ := json.Marshal(r)
	fmt.Println(string(out))
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
}

type bench struct {
	bin        string
	site       *testsite.Site
	store      string
	esURL      string
	extractors int
	profile    string
}

// config writes a modelwire config for the site into a new directory.
func (b bench) config(httpAddr, natsListen string) (dir, path string, err error) {
	dir, err = os.MkdirTemp("", "mw-e2e-")
	if err != nil {
		return "", "", err
	}
	es := ""
	if b.store == "elastic" {
		es = fmt.Sprintf("elasticsearch:\n  addresses: [%s]\n  index_prefix: %s\n", b.esURL, b.prefix(dir))
	}
	cfg := fmt.Sprintf(`data_dir: %s
nats:
  listen: %q
http:
  addr: %q
crawler:
  allow_private_networks: true
%ssources:
  - name: bench
    feeds: [%s/feed.xml]
    delay: 0s
    parallelism: 8
    max_pages: 1000000
    schedule: "@every 24h"
`, filepath.Join(dir, "data"), natsListen, httpAddr, es, b.site.URL)
	path = filepath.Join(dir, "modelwire.yaml")
	return dir, path, os.WriteFile(path, []byte(cfg), 0o644)
}

// prefix is the Elasticsearch index prefix of the run in dir.
func (b bench) prefix(dir string) string {
	return "mwbench-" + strings.ToLower(strings.TrimPrefix(filepath.Base(dir), "mw-e2e-"))
}

// cleanup removes dir and the run's Elasticsearch indices.
func (b bench) cleanup(dir string) {
	if b.store == "elastic" {
		req, _ := http.NewRequest(http.MethodDelete, b.esURL+"/"+b.prefix(dir)+"-*", nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	}
	os.RemoveAll(dir)
}

// once runs `modelwire run --once` to its end.
func (b bench) once(ctx context.Context) (result, error) {
	var r result
	dir, cfg, err := b.config("", "")
	if err != nil {
		return r, err
	}
	defer b.cleanup(dir)
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, b.bin, "run", "--once", "--config", cfg, "--log-level", "warn")
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return r, fmt.Errorf("run --once: %w\n%s", err, stderr.String())
	}
	r.WallS = round(time.Since(start).Seconds(), 3)
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	r.PeakRSSMB = round(float64(ru.Maxrss)/1024, 1)
	r.CPUS = round(cmd.ProcessState.UserTime().Seconds()+cmd.ProcessState.SystemTime().Seconds(), 2)
	out, err := exec.CommandContext(ctx, b.bin, "search", "--config", cfg, "--json", "--limit", "1").Output()
	if err != nil {
		return r, fmt.Errorf("search: %w", err)
	}
	var res struct {
		Total int `json:"total"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		return r, fmt.Errorf("search output: %w", err)
	}
	r.Indexed = res.Total
	if r.Indexed != len(b.site.Articles) {
		return r, fmt.Errorf("searchable %d of %d articles", r.Indexed, len(b.site.Articles))
	}
	return r, nil
}

// proc is a modelwire process of a serve run.
type proc struct {
	cmd     *exec.Cmd
	metrics string // its /metrics URL
	stderr  bytes.Buffer
}

func (b bench) start(ctx context.Context, env []string, args ...string) (*proc, error) {
	p := &proc{cmd: exec.CommandContext(ctx, b.bin, args...)}
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stderr = &p.stderr
	p.cmd.Cancel = func() error { return p.cmd.Process.Signal(syscall.SIGTERM) }
	p.cmd.WaitDelay = 30 * time.Second
	return p, p.cmd.Start()
}

// stop sends SIGTERM and waits; it returns the process's peak RSS in MB.
func (p *proc) stop() float64 {
	p.cmd.Process.Signal(syscall.SIGTERM)
	p.cmd.Wait()
	if p.cmd.ProcessState == nil {
		return 0
	}
	return float64(p.cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) / 1024
}

// serve runs `modelwire run` (plus extractor replicas) until every article
// is indexed.
func (b bench) serve(ctx context.Context) (result, error) {
	var r result
	httpAddr, natsAddr := freeAddr(), ""
	if b.extractors > 1 {
		natsAddr = freeAddr()
	}
	dir, cfg, err := b.config(httpAddr, natsAddr)
	if err != nil {
		return r, err
	}
	defer b.cleanup(dir)
	start := time.Now()
	args := []string{"run", "--config", cfg, "--log-level", "warn"}
	if b.profile != "" {
		args = append(args, "--cpuprofile", b.profile)
	}
	run, err := b.start(ctx, nil, args...)
	if err != nil {
		return r, err
	}
	run.metrics = "http://" + httpAddr + "/metrics"
	procs := []*proc{run}
	defer func() {
		for _, p := range procs {
			if p.cmd.ProcessState == nil {
				p.stop()
			}
		}
	}()
	for i := 1; i < b.extractors; i++ {
		addr := freeAddr()
		x, err := b.start(ctx, []string{"MODELWIRE_NATS_URL=nats://" + natsAddr}, "extractor", "--config", cfg, "--http-addr", addr, "--log-level", "warn")
		if err != nil {
			return r, err
		}
		x.metrics = "http://" + addr + "/metrics"
		procs = append(procs, x)
	}
	want := float64(len(b.site.Articles))
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		fams, err := scrape(run.metrics)
		if err == nil && counter(fams, "modelwire_index_documents_total", map[string]string{"kind": "articles", "result": "indexed"}) >= want {
			break
		}
		select {
		case <-ctx.Done():
			return r, fmt.Errorf("not all indexed in time (%v); last scrape error %v\n%s", ctx.Err(), err, run.stderr.String())
		case <-tick.C:
		}
		if run.cmd.ProcessState != nil {
			return r, fmt.Errorf("modelwire run exited early\n%s", run.stderr.String())
		}
	}
	r.WallS = round(time.Since(start).Seconds(), 3)
	// An extractor announces a page's release after publishing its
	// article, so the last announcements may trail the last indexed
	// article by a moment: give them a second to land in the histograms.
	for deadline := time.Now().Add(time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		var announced hist
		for _, p := range procs {
			if fams, err := scrape(p.metrics); err == nil {
				announced.add(fams["modelwire_release_latency_seconds"])
			}
		}
		if announced.count >= want {
			break
		}
	}
	// The figures of every process, merged.
	var index, release hist
	for _, p := range procs {
		r.CPUS += cpuSeconds(p.cmd.Process.Pid)
		fams, err := scrape(p.metrics)
		if err != nil {
			return r, fmt.Errorf("scraping %s: %w\n%s", p.metrics, err, p.stderr.String())
		}
		index.add(fams["modelwire_index_latency_seconds"])
		release.add(fams["modelwire_release_latency_seconds"])
		if p == run {
			r.Indexed = int(counter(fams, "modelwire_index_documents_total", map[string]string{"kind": "articles", "result": "indexed"}))
		}
	}
	r.CPUS = round(r.CPUS, 2)
	r.IndexP50Ms, r.IndexP99Ms = round(index.quantile(.5)*1000, 1), round(index.quantile(.99)*1000, 1)
	r.ReleaseP50Ms, r.ReleaseP99Ms = round(release.quantile(.5)*1000, 1), round(release.quantile(.99)*1000, 1)
	r.ReleaseEvents = int(release.count)
	for _, p := range procs {
		r.PeakRSSMB = max(r.PeakRSSMB, round(p.stop(), 1))
	}
	return r, nil
}

// freeAddr returns a loopback address with a port free right now.
func freeAddr() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// cpuSeconds reads a live process's user+system CPU time from /proc.
func cpuSeconds(pid int) float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// Fields after the command name (which may hold spaces) in parens.
	s := string(data)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseFloat(f[11], 64)
	st, _ := strconv.ParseFloat(f[12], 64)
	return (ut + st) / 100 // USER_HZ is 100 on Linux
}

func scrape(url string) (map[string]*dto.MetricFamily, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, resp.Body)
		return nil, fmt.Errorf("%s: %s", url, resp.Status)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	return p.TextToMetricFamilies(bufio.NewReader(resp.Body))
}

// counter returns the value of the series of family name with labels.
func counter(fams map[string]*dto.MetricFamily, name string, labels map[string]string) float64 {
	f := fams[name]
	if f == nil {
		return 0
	}
	for _, m := range f.GetMetric() {
		match := true
		for _, l := range m.GetLabel() {
			if v, ok := labels[l.GetName()]; ok && v != l.GetValue() {
				match = false
			}
		}
		if match && m.GetCounter() != nil {
			return m.GetCounter().GetValue()
		}
	}
	return 0
}

// hist is cumulative histogram buckets merged over series and processes.
type hist struct {
	bounds []float64
	counts []float64 // cumulative, per bound
	count  float64
}

func (h *hist) add(f *dto.MetricFamily) {
	if f == nil {
		return
	}
	for _, m := range f.GetMetric() {
		hg := m.GetHistogram()
		if hg == nil {
			continue
		}
		h.count += float64(hg.GetSampleCount())
		for _, bk := range hg.GetBucket() {
			i, found := slices.BinarySearch(h.bounds, bk.GetUpperBound())
			if !found {
				h.bounds = slices.Insert(h.bounds, i, bk.GetUpperBound())
				h.counts = slices.Insert(h.counts, i, 0)
			}
			h.counts[i] += float64(bk.GetCumulativeCount())
		}
	}
}

// quantile interpolates linearly within the bucket holding q, as
// Prometheus's histogram_quantile does.
func (h *hist) quantile(q float64) float64 {
	if h.count == 0 {
		return math.NaN()
	}
	rank := q * h.count
	lower, below := 0.0, 0.0
	for i, ub := range h.bounds {
		if h.counts[i] >= rank {
			in := h.counts[i] - below
			if in == 0 {
				return ub
			}
			return lower + (ub-lower)*(rank-below)/in
		}
		lower, below = ub, h.counts[i]
	}
	return lower // in the +Inf bucket: the largest finite bound
}

func round(v float64, digits int) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	p := math.Pow(10, float64(digits))
	return math.Round(v*p) / p
}
