// Package chromium renders pages for the crawler in headless Chromium
// (Debian's chromium, driven over the DevTools protocol by
// github.com/chromedp/chromedp): a page is loaded in a tab of its own, its
// scripts run, the network is given a bounded time to settle, and the DOM
// they built is returned (crawler.Renderer).
//
// What it promises:
//   - one browser per process, started at the first page and again after a
//     crash, with a fresh profile each time; at most Options.Tabs pages
//     render at once, each in a new tab of its own browser context (no
//     cookies, storage or cache shared between pages);
//   - every connection the browser makes goes through a loopback proxy
//     that dials with Options.Dial — the crawler's guarded dialer — so a
//     page's scripts reach no address the crawler would refuse (see
//     proxy.go); WebRTC may not bypass it, QUIC is off;
//   - every request a page makes is first shown to the crawler
//     (RenderRequest.Allow: robots.txt), images, media and fonts are not
//     loaded, the page may not navigate away (only the redirects of its
//     own document are followed), open windows or download files, and
//     JavaScript dialogs are dismissed;
//   - a page has Options.PageTimeout in all, Options.MaxRequests requests
//     and Options.MaxHeapMB of JavaScript heap; past them it fails with
//     crawler.ErrRender (or ErrTooLarge for its document);
//   - what the server sent for the document — each redirect and the final
//     answer, status, headers and body — is captured at the Fetch domain's
//     response stage and returned with the DOM (crawler.Rendered.Exchanges),
//     for the archive; a document the crawler fetched already
//     (RenderRequest.Document) is handed to the page instead of being
//     fetched again.
package chromium

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/inspector"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/modelwire/modelwire/crawler"
)

// Options configures a Browser. The settings that are configuration
// (crawler.chromium.*) are taken as given — internal/config holds their
// defaults — and a zero value means none; the code-level hooks have
// defaults.
type Options struct {
	// Path is the browser binary (empty: the first of Names on PATH).
	Path string
	// Tabs is how many pages render at once (at least one).
	Tabs int
	// PageTimeout bounds one page, from opening its tab to reading its DOM
	// (0: no bound).
	PageTimeout time.Duration
	// IdleWait bounds the wait, after the page's load event, for its
	// network to be idle (no request for 500 ms). The DOM is read when it
	// is idle or the wait is over (0: at the load event).
	IdleWait time.Duration
	// MaxHeapMB bounds the JavaScript heap of a page's renderer process
	// (0: the browser's own bound); a page past it crashes its tab.
	MaxHeapMB int
	// MaxRequests bounds the requests one page makes (default
	// DefaultMaxRequests); those past it are blocked.
	MaxRequests int
	// Dial connects the browser to the addresses its pages ask for
	// (default: a plain net.Dialer). Pass crawler.GuardedDialer's
	// DialContext so the crawler's address rules hold in the browser.
	Dial DialFunc
	// Logger receives the browser's life events (default: discard).
	Logger *slog.Logger
	// Registerer receives the renderer's metrics (nil: none).
	Registerer prometheus.Registerer
}

// DefaultMaxRequests is what a zero Options.MaxRequests means.
const DefaultMaxRequests = 300

// startTimeout bounds the start of the browser.
const startTimeout = 30 * time.Second

// Names are the browser binaries Find looks for on PATH, in order.
var Names = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"}

// Find returns the browser binary: path when it names an executable,
// else the first of Names on PATH. Its error wraps crawler.ErrNoBrowser
// and says what was looked for.
func Find(path string) (string, error) {
	if path != "" {
		p, err := exec.LookPath(path)
		if err != nil {
			return "", fmt.Errorf("%w: %s: %v", crawler.ErrNoBrowser, path, err)
		}
		return p, nil
	}
	for _, name := range Names {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w: Chromium not found (looked for %s on PATH); install it (Debian: apt-get install chromium) or set crawler.chromium.path",
		crawler.ErrNoBrowser, strings.Join(Names, ", "))
}

// Browser renders pages in headless Chromium. It implements
// crawler.Renderer and is safe for concurrent use. The browser starts with
// the first page; Close stops it.
type Browser struct {
	opts    Options
	log     *slog.Logger
	tabs    chan struct{}
	metrics metrics

	mu      sync.Mutex
	run     *instance // nil until the first page, and after a crash
	closed  bool
	started atomic.Int64 // browsers started
}

// instance is one running browser.
type instance struct {
	proxy     *proxy
	ctx       context.Context // the browser's chromedp context
	cancel    context.CancelFunc
	cancelAll context.CancelFunc
	pid       int
}

// New returns a Browser; nothing starts until the first page.
func New(opts Options) *Browser {
	opts.Tabs = max(opts.Tabs, 1)
	if opts.MaxRequests <= 0 {
		opts.MaxRequests = DefaultMaxRequests
	}
	if opts.Dial == nil {
		opts.Dial = (&net.Dialer{Timeout: 10 * time.Second}).DialContext
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	b := &Browser{opts: opts, log: opts.Logger.With("component", "chromium"), tabs: make(chan struct{}, opts.Tabs)}
	b.metrics = newMetrics(opts.Registerer, b)
	return b
}

// instance returns the running browser, starting it if need be.
func (b *Browser) instance() (*instance, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil, fmt.Errorf("%w: the browser is closed", crawler.ErrNoBrowser)
	}
	if b.run != nil && b.run.ctx.Err() == nil {
		return b.run, nil
	}
	if b.run != nil {
		b.log.Warn("browser stopped; starting it again")
		b.run.stop()
		b.run = nil
	}
	path, err := Find(b.opts.Path)
	if err != nil {
		return nil, err
	}
	px, err := startProxy(b.opts.Dial, b.opts.PageTimeout, b.log)
	if err != nil {
		return nil, fmt.Errorf("%w: starting its proxy: %v", crawler.ErrNoBrowser, err)
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), b.flags(path, px.addr())...)
	// chromedp's own complaints (about tabs closed mid-action, mostly)
	// are debug lines, not the standard log's.
	debugf := func(format string, args ...any) { b.log.Debug(fmt.Sprintf(format, args...)) }
	ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithErrorf(debugf), chromedp.WithLogf(debugf))
	run := &instance{proxy: px, ctx: ctx, cancel: cancel, cancelAll: cancelAlloc}
	started := make(chan error, 1)
	go func() {
		// The first action starts the browser on ctx itself: a shorter
		// context would end the process with it.
		started <- chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior,
				browser.SetDownloadBehaviorParams{Behavior: browser.SetDownloadBehaviorBehaviorDeny})
			return err
		}))
	}()
	select {
	case err = <-started:
	case <-time.After(startTimeout):
		err = fmt.Errorf("not started within %s", startTimeout)
	}
	if err != nil {
		run.stop()
		return nil, fmt.Errorf("%w: starting %s: %v", crawler.ErrNoBrowser, path, err)
	}
	if c := chromedp.FromContext(ctx); c != nil && c.Browser != nil && c.Browser.Process() != nil {
		run.pid = c.Browser.Process().Pid
	}
	b.started.Add(1)
	b.log.Info("browser started", "path", path, "pid", run.pid, "tabs", b.opts.Tabs)
	b.run = run
	return run, nil
}

// flags are the browser's command line: headless, no first-run chores,
// no background traffic, every connection through the proxy (loopback
// too), no UDP around it, a bounded JavaScript heap.
func (b *Browser) flags(path, proxyAddr string) []chromedp.ExecAllocatorOption {
	flags := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints,AutofillServerCommunication"),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("no-pings", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("block-new-web-contents", true),
		chromedp.ProxyServer("http://" + proxyAddr),
		chromedp.Flag("proxy-bypass-list", "<-loopback>"),
		chromedp.Flag("force-webrtc-ip-handling-policy", "disable_non_proxied_udp"),
		chromedp.Flag("webrtc-ip-handling-policy", "disable_non_proxied_udp"),
		chromedp.WindowSize(1280, 900),
	}
	if b.opts.MaxHeapMB > 0 {
		flags = append(flags, chromedp.Flag("js-flags", fmt.Sprintf("--max-old-space-size=%d", b.opts.MaxHeapMB)))
	}
	return flags
}

// stop ends the browser process and its proxy.
func (r *instance) stop() {
	r.cancel()
	r.cancelAll()
	r.proxy.close()
}

// Close stops the browser, if it runs. Pages still rendering fail.
func (b *Browser) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	if b.run != nil {
		b.run.stop()
		b.run = nil
	}
	return nil
}

// Memory returns the memory the running browser uses — the proportional
// set size of all its processes — or 0 when none runs.
func (b *Browser) Memory() (int64, error) {
	b.mu.Lock()
	pid := 0
	if b.run != nil {
		pid = b.run.pid
	}
	b.mu.Unlock()
	if pid == 0 {
		return 0, nil
	}
	return treeMemory(pid)
}

// Render loads req.URL in a new tab and returns the DOM its scripts built.
func (b *Browser) Render(ctx context.Context, req crawler.RenderRequest) (*crawler.Rendered, error) {
	select {
	case b.tabs <- struct{}{}:
		defer func() { <-b.tabs }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	run, err := b.instance()
	if err != nil {
		return nil, err
	}
	start := time.Now()
	res, err := b.render(ctx, run, req)
	b.metrics.observe(time.Since(start), err)
	return res, err
}

// pageState is what one page's event handlers share.
type pageState struct {
	req      crawler.RenderRequest
	max      int
	limit    int64 // bytes of the document, and of its captured body
	requests atomic.Int64
	mu       sync.Mutex
	docNet   network.RequestID // the document's network request (redirects keep it)
	hops     int
	refused  error              // why the document itself was blocked
	handed   bool               // req.Document was given to the page
	doc      []crawler.Exchange // the document's answers as they arrived
}

func (b *Browser) render(ctx context.Context, run *instance, req crawler.RenderRequest) (*crawler.Rendered, error) {
	tab, cancelTab := chromedp.NewContext(run.ctx, chromedp.WithNewBrowserContext())
	defer cancelTab()
	tab, cancelCause := context.WithCancelCause(tab)
	defer cancelCause(nil)
	cancelTimeout := context.CancelFunc(func() {})
	if b.opts.PageTimeout > 0 {
		tab, cancelTimeout = context.WithTimeout(tab, b.opts.PageTimeout)
	}
	defer cancelTimeout()
	stop := context.AfterFunc(ctx, func() { cancelCause(ctx.Err()) })
	defer stop()

	limit := req.MaxBytes
	if limit <= 0 {
		limit = 32 << 20
	}
	st := &pageState{req: req, max: b.opts.MaxRequests, limit: limit}
	// Subscriptions start before the navigation, so no event is missed.
	paused := chromedp.Events(tab, fetch.RequestPaused)
	dialogs := chromedp.Events(tab, page.JavascriptDialogOpening)
	crashed := chromedp.Events(tab, inspector.TargetCrashed)
	c := chromedp.FromContext(tab)
	if c == nil || c.Target == nil {
		return nil, fmt.Errorf("%w: %s: no tab", crawler.ErrRender, req.URL)
	}
	mainFrame := cdp.FrameID(c.Target.TargetID)
	traffic := newTraffic()
	if err := chromedp.Listen(tab, traffic.event); err != nil {
		return nil, b.failure(tab, req, st, err)
	}
	go st.intercept(tab, paused, mainFrame)
	go dismiss(tab, dialogs)
	go func() {
		for _, err := range crashed {
			if err == nil {
				cancelCause(fmt.Errorf("%w: the page's renderer crashed (out of memory?)", crawler.ErrRender))
			}
			return
		}
	}()

	err := chromedp.Do(tab,
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			if _, err := cdp.Call(ctx, t, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{UserAgent: req.UserAgent}); err != nil {
				return err
			}
			// Every request is shown to decide; the document's answers
			// are paused once more, to be captured.
			_, err := cdp.Call(ctx, t, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{
				{URLPattern: "*"},
				{URLPattern: "*", ResourceType: network.ResourceTypeDocument, RequestStage: fetch.RequestStageResponse},
			}})
			return err
		}))
	if err != nil {
		return nil, b.failure(tab, req, st, err)
	}
	resp, err := chromedp.Run(tab, chromedp.NavigateResponse(req.URL))
	if err != nil {
		return nil, b.failure(tab, req, st, err)
	}
	if resp == nil {
		return nil, fmt.Errorf("%w: %s: no document", crawler.ErrRender, req.URL)
	}
	if err := b.refusal(resp.URL); err != nil && resp.Status == http.StatusBadGateway {
		return nil, err
	}
	if mime := strings.ToLower(resp.MimeType); resp.Status >= 200 && resp.Status < 300 && mime != "text/html" && mime != "application/xhtml+xml" {
		return nil, fmt.Errorf("%s: %w (%s)", req.URL, crawler.ErrNotHTML, resp.MimeType)
	}
	traffic.waitIdle(tab, b.opts.IdleWait)
	if tab.Err() != nil {
		return nil, b.failure(tab, req, st, tab.Err())
	}
	dom, err := chromedp.Run(tab, chromedp.Evaluate[*string](fmt.Sprintf(
		`(() => { const h = document.documentElement ? document.documentElement.outerHTML : ""; return h.length > %d ? null : h })()`, limit)))
	if err != nil && !errors.Is(err, chromedp.ErrJSNull) {
		return nil, b.failure(tab, req, st, err)
	}
	if dom == nil || int64(len(*dom)) > limit {
		return nil, fmt.Errorf("%w: the rendered document of %s is over %d bytes", crawler.ErrTooLarge, req.URL, limit)
	}
	st.mu.Lock()
	doc := st.doc
	st.mu.Unlock()
	return &crawler.Rendered{URL: resp.URL, Status: int(resp.Status), Header: headers(resp.Headers),
		HTML: []byte("<!DOCTYPE html>\n" + *dom), Exchanges: doc}, nil
}

// failure explains why a page failed: its document was refused (by robots
// or the address guard), its renderer crashed, its time ran out.
func (b *Browser) failure(tab context.Context, req crawler.RenderRequest, st *pageState, err error) error {
	st.mu.Lock()
	refused := st.refused
	st.mu.Unlock()
	switch {
	case refused != nil:
		return refused
	case b.refusal(req.URL) != nil:
		return b.refusal(req.URL)
	case context.Cause(tab) != nil && errors.Is(context.Cause(tab), crawler.ErrRender):
		return context.Cause(tab)
	case errors.Is(tab.Err(), context.DeadlineExceeded):
		return fmt.Errorf("%w: %s: not rendered within %s: %w", crawler.ErrRender, req.URL, b.opts.PageTimeout, context.DeadlineExceeded)
	case tab.Err() != nil:
		if c := context.Cause(tab); c != nil {
			return c
		}
		return tab.Err()
	}
	return fmt.Errorf("%w: %s: %v", crawler.ErrRender, req.URL, err)
}

// refusal returns the proxy's refusal of the host of rawURL, if it refused
// to connect there (a private address, say).
func (b *Browser) refusal(rawURL string) error {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil
	}
	b.mu.Lock()
	run := b.run
	b.mu.Unlock()
	if run == nil {
		return nil
	}
	if err := run.proxy.refused(hostPort(u)); err != nil {
		return fmt.Errorf("%s: %w", rawURL, err)
	}
	return nil
}

// hostPort is u's host with its port, defaulted by scheme.
func hostPort(u *url.URL) string {
	if u.Port() != "" {
		return u.Host
	}
	if u.Scheme == "https" {
		return net.JoinHostPort(u.Hostname(), "443")
	}
	return net.JoinHostPort(u.Hostname(), "80")
}

// intercept decides on every request the page makes, in order: the
// document (and each of its redirects) if the crawler allows it — handed
// the crawler's answer, if it has one —; nothing else that navigates the
// page or a frame; no images, media or fonts; up to the request budget,
// what the crawler allows. The document's answers, paused again when
// they arrive, are captured and let through.
func (st *pageState) intercept(tab context.Context, paused iter.Seq2[fetch.EventRequestPaused, error], mainFrame cdp.FrameID) {
	for ev, err := range paused {
		if err != nil {
			return
		}
		if ev.ResponseStatusCode != 0 || ev.ResponseErrorReason != "" {
			st.capture(tab, &ev, mainFrame)
			chromedp.Call(tab, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
			continue
		}
		reason := st.decide(&ev, mainFrame)
		switch {
		case reason != "":
			chromedp.Call(tab, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: reason})
		case st.hand(&ev, mainFrame):
			d := st.req.Document
			chromedp.Call(tab, fetch.FulfillRequest, fetch.FulfillRequestParams{RequestID: ev.RequestID,
				ResponseCode: int64(d.Status), ResponseHeaders: entries(decodedHeader(d.Header, len(d.Body))), Body: d.Body})
		default:
			chromedp.Call(tab, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
		}
	}
}

// hand reports whether the request is the page's document and the
// crawler's answer to it is to be handed over (once).
func (st *pageState) hand(ev *fetch.EventRequestPaused, mainFrame cdp.FrameID) bool {
	if st.req.Document == nil || ev.ResourceType != network.ResourceTypeDocument || ev.FrameID != mainFrame || ev.RedirectedRequestID != "" {
		return false
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.handed {
		return false
	}
	st.handed = true
	return true
}

// capture keeps an answer to the page's document as the browser received
// it: the request as the browser described it, the status and headers,
// and the body (none for a redirect, whose body the browser does not
// keep). The browser hands the body over decoded, so the headers are made
// to say so, as browser-based archivers write them: no Content-Encoding
// or Transfer-Encoding, the Content-Length of the body kept.
func (st *pageState) capture(tab context.Context, ev *fetch.EventRequestPaused, mainFrame cdp.FrameID) {
	if ev.ResourceType != network.ResourceTypeDocument || ev.FrameID != mainFrame || ev.ResponseErrorReason != "" || ev.Request == nil {
		return
	}
	x := crawler.Exchange{
		Method: ev.Request.Method, URL: ev.Request.URL, Proto: "HTTP/1.1",
		RequestHeader: headers(ev.Request.Headers),
		Status:        int(ev.ResponseStatusCode), ResponseProto: "HTTP/1.1",
		ResponseHeader: http.Header{},
		At:             time.Now().UTC().Truncate(time.Millisecond),
	}
	if u, err := url.Parse(ev.Request.URL); err == nil && x.RequestHeader.Get("Host") == "" {
		x.RequestHeader.Set("Host", u.Host)
	}
	if ev.ResponseStatusText != "" {
		x.StatusText = fmt.Sprintf("%d %s", ev.ResponseStatusCode, ev.ResponseStatusText)
	}
	for _, e := range ev.ResponseHeaders {
		x.ResponseHeader.Add(e.Name, e.Value)
	}
	cl, clErr := strconv.ParseInt(x.ResponseHeader.Get("Content-Length"), 10, 64)
	switch {
	case x.Status >= 300 && x.Status < 400 && x.ResponseHeader.Get("Location") != "":
		x.Truncated = true
	case clErr == nil && cl > st.limit:
		x.Truncated = true
	default:
		res, err := chromedp.Call(tab, fetch.GetResponseBody, fetch.GetResponseBodyParams{RequestID: ev.RequestID})
		if err != nil {
			x.Truncated = true
			break
		}
		x.Body = res.Body
		if int64(len(x.Body)) > st.limit {
			x.Body, x.Truncated = x.Body[:st.limit], true
		}
		if !stillEncoded(x.Body) {
			x.ResponseHeader = decodedHeader(x.ResponseHeader, len(x.Body))
		}
	}
	st.mu.Lock()
	st.doc = append(st.doc, x)
	st.mu.Unlock()
}

// decodedHeader is h describing a decoded body of n bytes.
func decodedHeader(h http.Header, n int) http.Header {
	h = h.Clone()
	if h == nil {
		h = http.Header{}
	}
	h.Del("Content-Encoding")
	h.Del("Transfer-Encoding")
	h.Set("Content-Length", strconv.Itoa(n))
	return h
}

// stillEncoded reports whether a body the browser handed over is still
// compressed: the browser undoes gzip and deflate but, by some accounts,
// not every encoding it accepts. Compressed bytes are binary; a page
// (whatever its charset) has no control characters but white space.
func stillEncoded(body []byte) bool {
	for _, c := range body[:min(len(body), 512)] {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b {
			return true
		}
	}
	return false
}

// entries turns h into the DevTools protocol's header entries.
func entries(h http.Header) []*fetch.HeaderEntry {
	var out []*fetch.HeaderEntry
	for k, vs := range h {
		for _, v := range vs {
			out = append(out, &fetch.HeaderEntry{Name: k, Value: v})
		}
	}
	return out
}

// decide returns "" to let a request through, or why it is blocked.
func (st *pageState) decide(ev *fetch.EventRequestPaused, mainFrame cdp.FrameID) network.ErrorReason {
	if st.requests.Add(1) > int64(st.max) {
		return network.ErrorReasonBlockedByClient
	}
	u, err := url.Parse(ev.Request.URL)
	if err != nil {
		return network.ErrorReasonBlockedByClient
	}
	switch ev.ResourceType {
	case network.ResourceTypeImage, network.ResourceTypeMedia, network.ResourceTypeFont,
		network.ResourceTypeTextTrack, network.ResourceTypePing, network.ResourceTypeCSPViolationReport,
		network.ResourceTypePrefetch, network.ResourceTypeManifest:
		return network.ErrorReasonBlockedByClient
	case network.ResourceTypeDocument:
		if ev.FrameID != mainFrame {
			return network.ErrorReasonBlockedByClient // frames add nothing to the page's DOM
		}
		st.mu.Lock()
		defer st.mu.Unlock()
		first := st.docNet == ""
		redirect := ev.RedirectedRequestID != "" || (!first && ev.NetworkID == st.docNet)
		if !first && !redirect {
			return network.ErrorReasonAborted // the page may not navigate away
		}
		if st.hops++; st.hops > 10 {
			st.refused = fmt.Errorf("%w: more than 10 from %s", crawler.ErrTooManyRedirects, st.req.URL)
			return network.ErrorReasonBlockedByClient
		}
		if first {
			st.docNet = ev.NetworkID
		}
		if st.req.Allow != nil {
			if err := st.req.Allow(u, true); err != nil {
				st.refused = err
				return network.ErrorReasonBlockedByClient
			}
		}
		return ""
	}
	if st.req.Allow != nil && st.req.Allow(u, false) != nil {
		return network.ErrorReasonBlockedByClient
	}
	return ""
}

// quietWindow is how long a page's network must have no request in
// flight to be idle, as Puppeteer's networkidle0 counts it.
const quietWindow = 500 * time.Millisecond

// traffic follows a page's requests in flight, from the Network domain's
// events in the order they arrive (chromedp.Listen). Safe for concurrent
// use.
type traffic struct {
	mu       sync.Mutex
	inFlight map[network.RequestID]bool
	last     time.Time // when a request last started or ended
}

func newTraffic() *traffic {
	return &traffic{inFlight: map[network.RequestID]bool{}, last: time.Now()}
}

// event notes a request starting or ending. It runs in the tab's read loop
// and returns at once.
func (n *traffic) event(ev any) {
	n.mu.Lock()
	defer n.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		n.inFlight[ev.RequestID] = true // a redirect keeps its id
	case *network.EventLoadingFinished:
		delete(n.inFlight, ev.RequestID)
	case *network.EventLoadingFailed:
		delete(n.inFlight, ev.RequestID)
	default:
		return
	}
	n.last = time.Now()
}

// waitIdle returns once no request has been in flight for quietWindow,
// after at most max, or when ctx ends.
func (n *traffic) waitIdle(ctx context.Context, max time.Duration) {
	deadline := time.Now().Add(max)
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for time.Now().Before(deadline) {
		n.mu.Lock()
		idle := len(n.inFlight) == 0 && time.Since(n.last) >= quietWindow
		n.mu.Unlock()
		if idle {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// dismiss answers every JavaScript dialog (alert, confirm, prompt,
// beforeunload) with Cancel, so none blocks the page.
func dismiss(tab context.Context, dialogs iter.Seq2[page.EventJavascriptDialogOpening, error]) {
	for _, err := range dialogs {
		if err != nil {
			return
		}
		chromedp.Call(tab, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
	}
}

// headers turns the DevTools protocol's headers (values joined by "\n")
// into an http.Header.
func headers(h network.Headers) http.Header {
	out := http.Header{}
	for k, v := range h {
		s, ok := v.(string)
		if !ok {
			continue
		}
		for _, line := range strings.Split(s, "\n") {
			out.Add(k, line)
		}
	}
	return out
}

var _ crawler.Renderer = (*Browser)(nil)
